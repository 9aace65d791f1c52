//! Bytes in, [`Report`](report::Report) out, no file I/O: [`input`] (an HTML page or
//! a PDF → text; a PDF through pdftotext, a child process) → decode → lines →
//! sections and metadata → cells → the template reader, or the stream of labels
//! and numbers aligned to the template where that leaves cells missing (and the
//! glued-digit splitter; rows written as lists that name each number's column:
//! [`keyed`]; section 三 with rows and columns swapped: [`rotated`]; rows a number
//! short placed by the identities: [`gaps`]; column boxes: [`boxes`]; rows that
//! took a misread label's numbers set aside: [`shifted`]) → numbers OCR printed with letters for digits, read where
//! an identity confirms them ([`lookalike`]; two cells a group space apart that may
//! be one number printed in groups: [`spaced`]) → checks (and numbers OCR may have
//! misread as other digits, which only a failing identity shows: [`misread`]).

pub(crate) mod align;
pub(crate) mod anchors;
pub(crate) mod boxes;
pub(crate) mod cells;
pub(crate) mod checks;
pub(crate) mod colmajor;
pub(crate) mod decode;
pub(crate) mod fullwidth;
pub(crate) mod gaps;
pub(crate) mod glued;
pub(crate) mod input;
pub(crate) mod keyed;
pub(crate) mod layout;
pub(crate) mod lines;
pub(crate) mod lookalike;
pub(crate) mod meta;
pub(crate) mod misread;
pub(crate) mod numbering;
pub(crate) mod pages;
pub(crate) mod placing;
pub(crate) mod positional;
pub(crate) mod referee;
pub(crate) mod report;
pub(crate) mod rotated;
pub(crate) mod scan;
pub(crate) mod sections;
pub(crate) mod shifted;
pub(crate) mod spaced;
pub(crate) mod standin;
#[cfg(test)]
pub(crate) mod table_three;
pub(crate) mod template;
pub(crate) mod tokens;
pub(crate) mod uniform;
pub(crate) mod wrapped;
