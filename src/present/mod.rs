//! Text for people: one report rendered for the terminal (`zfxxgk check`), the
//! paragraph a run ends with, and the codebook of every column, key, state and check.

pub(crate) mod codebook;
pub(crate) mod summary;
pub(crate) mod view;

pub use codebook::{codebook_markdown, codebook_markdown_for, codebook_text, codebook_text_for};
pub use summary::summary;
pub use view::{exit_code, render};
