//! A language model asked to turn a report's tables into a list writes each row as
//! `- row：column number, column number, …` (tests/fixtures/keyed/make.py rewrites
//! the pandoc-gfm texts of our invented reports so, in three styles). Every cell of
//! each is read, from the lines that name its column, and nothing is wrong.

use crate::util::{root, score, truth};

#[test]
fn rows_written_as_lists_that_name_each_column_are_read_whole() {
    let dir = root().join("tests/fixtures/keyed");
    let mut seen = 0;
    for report in ["a-2019", "b-2020", "c-2021", "d-2023", "e-2024"] {
        let t = truth(&format!("tests/fixtures/converted/{report}.truth.json"));
        for style in ["comma", "pause", "semi"] {
            let name = format!("{report}.{style}.txt");
            let bytes = std::fs::read(dir.join(&name)).expect("fixture");
            let r = zfxxgk::parse_as(&name, zfxxgk::model::Format::Txt, &bytes);
            let s = score(&r, &t);
            assert!(s.wrong_numbers.is_empty(), "{name}: {:?}", s.wrong_numbers);
            assert_eq!((s.right, s.total), (s.total, s.total), "{name}");
            // Each table section says how it was read.
            let notes = r
                .diags
                .iter()
                .filter(|d| {
                    d.message
                        .starts_with("the section's rows are written as lines")
                })
                .count();
            assert_eq!(notes, 3, "{name}");
            seen += 1;
        }
    }
    assert_eq!(seen, 15);
}
