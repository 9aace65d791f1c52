//! Text for people: one report rendered for the terminal (`zfxxgk check`), the
//! paragraph a run ends with, and the codebook of every column, key, state and check.

pub mod codebook;
pub mod summary;
pub mod view;
