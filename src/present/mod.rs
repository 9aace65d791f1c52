//! Text for people: one report rendered for the terminal (`zfxxgk check`) and the
//! codebook of every column, key, state and check.

pub mod codebook;
pub mod view;
