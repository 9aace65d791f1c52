//! Text for people: one report rendered for the terminal (`zfxxgk check`), the
//! paragraph a run ends with, and the codebook of every column, key, state and check.
//!
//! ```
//! let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/dongxin-2020.txt"))?;
//! let report = zfxxgk::parse_report("dongxin-2020.txt", &text);
//! let view = zfxxgk::present::render(&report);
//! assert!(view.contains("dongxin-2020.txt"));
//! assert_eq!(zfxxgk::present::exit_code(&report), 0); // read, and every check holds
//! assert!(zfxxgk::present::codebook_text().contains("s2_20_9_procurement_amount"));
//! # Ok::<(), std::io::Error>(())
//! ```

pub(crate) mod codebook;
pub(crate) mod summary;
pub(crate) mod view;

pub use codebook::{codebook_markdown, codebook_markdown_for, codebook_text, codebook_text_for};
pub use summary::summary;
pub use view::{exit_code, render};
