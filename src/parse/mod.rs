//! Bytes in, [`Report`](report::Report) out, no file I/O: [`input`] (an HTML page or
//! a PDF → text; a PDF through pdftotext, a child process) → decode → lines →
//! sections and metadata → cells → the template reader (and the glued-digit
//! splitter) → checks.

pub mod cells;
pub mod checks;
pub mod decode;
pub mod glued;
pub mod input;
pub mod lines;
pub mod meta;
pub mod report;
pub mod sections;
pub mod template;
