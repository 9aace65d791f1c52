//! Bytes in, [`Report`](report::Report) out, no file I/O: [`input`] (an HTML page or
//! a PDF → text; a PDF through pdftotext, a child process) → decode → lines →
//! sections and metadata → cells → the template reader, or the stream of labels
//! and numbers aligned to the template where that leaves cells missing (and the
//! glued-digit splitter) → checks.

pub mod align;
pub mod anchors;
pub mod cells;
pub mod checks;
pub mod decode;
pub mod glued;
pub mod input;
pub mod layout;
pub mod lines;
pub mod meta;
pub mod pages;
pub mod positional;
pub mod referee;
pub mod report;
pub mod scan;
pub mod sections;
pub mod standin;
pub mod template;
pub mod tokens;
