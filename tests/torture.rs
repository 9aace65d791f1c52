//! The converter-torture suite (issue 10): every text that has a truth file is
//! re-rendered through synthetic converter effects (tests/torture/effects.rs), alone
//! and combined, and read again. The property: every truth cell comes out right, or
//! `missing`/`unresolved` — never a different number.
//!
//! `cargo test --test tests torture:: -- --nocapture` prints the table per effect.
//! The share right per effect is held by a ratchet (`RATCHET_RIGHT_PER_MILLE`): a
//! change may raise a floor, never lower it.

mod effects;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use effects::{Rand, EFFECTS, ROW_SHAPES};
use rand::{Rng, SeedableRng};
use zfxxgk::model::State;

use crate::util::root;

/// The floor of the share of truth cells read right per case, in per mille: what the
/// code reaches with issue 10's content-based reader (raised from what the
/// per-layout reader reached). Raise a floor when the reader gets better; never
/// lower one. The figures in the comments below were taken over the corpus
/// alone; every floor was set again when the project's invented reports
/// (`MORE_BASES`) joined the inputs, each to the share the suite then read.
const RATCHET_RIGHT_PER_MILLE: &[(&str, u32)] = &[
    ("none", 992),
    ("title_split", 992),
    ("headings_renumbered", 992),
    ("headings_misspelt", 992),
    // 963 before misread labels one after another (`（六）其他处埋` / `（七）总汁`)
    // were placed together, in order, where as many rows are unread.
    ("ocr_labels", 975),
    ("single_spaces", 992),
    // 964 (97.0%) before a text piece that opens with an enumerator (`3、其他`) stopped
    // being joined to the wrapped label's tail before it.
    ("one_line", 992),
    ("markdown", 992),
    ("labels_above", 992),
    ("labels_block", 992),
    // Was 778 before glued rows under TAB-indented or pipe headers were read as
    // glued, 828 before a header's numbered words (`| 数据1 |`) stopped counting
    // as numbers in cells. 931: the cells every split of a run cuts alike
    // recovered where the identities leave several splits.
    // 931 before glued rows kept an invented header's words (`| 数据1 |`) as text
    // (its digits had been read as the cells of a row named by a heading).
    // 961: section 四 printed as two tables, each row group's digits a run of
    // its own, split group by group (src/parse/positional.rs).
    ("glued", 948),
    // 491 before TeX rows were read wherever their `\\` ends them (several on a
    // line, `\\ \hline`), with math shifts and layout words taken out.
    ("latex_tabular", 992),
    // Rows stacked into one row's cells (`0<br>0<br>2`), as markdown or as HTML
    // inside the text: read as their rows (src/parse/input/stacked.rs).
    // 971 before a one-column table's stack (a cell of labels beside one cell of
    // numbers) was read, and before full-width digits made a row of numbers to the
    // HTML grid.
    ("stacked_cells", 992),
    // Rows printed as Python lists or JSON arrays (src/parse/input/lists.rs): 0
    // cells before.
    ("list_literals", 992),
    // CSV whose quoted cells hold line breaks (src/parse/input/quoted.rs); 972
    // with a page break inside a record and one cell of numbers stacked read.
    ("csv_quoted", 991),
    // 972 when the effect drew the space per text (no-break, narrow no-break and
    // thin spaces too) and a group with a decimal part (`96 171.6`) ended no
    // number; 975 with both read (src/parse/align/joins.rs, src/model/value.rs).
    // 991 (4865 of 4906, from 4868) since two numbers a group space apart
    // (`规章 0 433 716`) in a report that prints others in groups (`1 593`) leave
    // their row unresolved (src/parse/spaced.rs): a cell lost or moved and one
    // number in groups read the same way.
    ("spaces_in_numbers", 991),
    ("fullwidth_digits", 992),
    // Zero-width spaces, soft hyphens and other invisible characters inside
    // labels and numbers: taken out as the text is decoded (src/parse/decode.rs);
    // 599 (914 of 1524) before.
    ("invisible_chars", 992),
    // Counts with their unit in the wide rows (`31件`, `31 件`): 854 (1302 of
    // 1524) before a unit a space after its number was the number's.
    ("units_after", 992),
    ("page_markers", 992),
    // Page breaks inside the tables: a footer (`3/12`, `- 3/12 -`, …), a form
    // feed and the report's title printed again at the head of the next page.
    // 943 (1438 of 1524) before the title printed again was a page header and
    // `- 3/12 -` a page marker.
    ("page_headers", 992),
    // Was 782 before wrapped labels and headings were joined (issue 10). 986
    // (4841 of 4906, from 4847) since two rows whose numbers a wrap parted are
    // not confirmed by the sums down the columns when another order of each,
    // as an OCR engine joining boxes by height gives, keeps them all
    // (src/parse/align/split.rs): flat-a's `不掌握相关政府信息 7 0 1 1` / `0 0 9`
    // and `容仍不明确 3 0 0 0 0` / `1 4` hold them with a 1 moved both ways.
    ("wrap", 986),
    ("single_spaces+page_markers", 992),
    ("headings_misspelt+markdown", 992),
    ("title_split+headings_renumbered+single_spaces", 992),
    ("labels_above+page_markers+wrap", 989),
    // Was 1 with the per-layout reader, whose 2 right cells here came with 6 wrong
    // numbers; the content-based reader read 10, and nothing wrong; full-width
    // digits folded and labels read by likeness or by their place, 1162.
    // Glued rows under TAB-indented or pipe headers read as glued, 811.
    // 918: the cells every split cuts alike recovered.
    // 937: section 四's row groups glued apart (as glued above).
    ("ocr_labels+glued+fullwidth_digits", 936),
    // Was 883 over the fourteen first effects; the sampled combinations now also
    // draw the families below, column_major among them (about half its cells are
    // set aside, by design), so the same draw no longer exists. Was 830 before the
    // families of families2.rs joined the draw (transposed sets section 三 aside,
    // ocr_digits its damaged cells): again a new draw. 827 (7567 of 9144, was
    // 7380) with the crawlers brief's changes to reading, 0 wrong; 828 (7577) with
    // marks among glued cells and glued rows under TAB or pipe headers; 834
    // (7633) with look-alikes an identity confirms recovered. keyed_list joined
    // the row shapes: a new draw, 893 (8167 of 9144), 0 wrong; 910 (8328) with
    // rotated section 三 read.
    // The frame effect joined: a new draw, 926 (8476 of 9144), 0 wrong; 929
    // (8498) with a frame's row without a label read; 930 (8512) with frames
    // known to the per-layout reader; 931 (8519) with frames as markdown; 934
    // (8546) with the cells every split of a glued run cuts alike recovered; 936
    // (8567) with look-alikes side by side confirmed together. ocr_lost joined
    // the draw: a new draw, 885 (8098 of 9144), 0 wrong. ocr_heights joined the
    // row shapes: a new draw, 931 (8517 of 9144), 0 wrong. column_boxes joined
    // them: a new draw, 881 (8060 of 9144), 0 wrong (2 wrong before rows short
    // of cells were set aside, see ocr_lost).
    // cell_per_line printing empty cells as `&nbsp;` lines: a new draw, 886
    // (8103 of 9144); 887 (8118) with section 四's row groups glued apart.
    // latex_tabular joined the row shapes: a new draw, 940 (8604 of 9144), 0 wrong.
    // ocr_lost moved before spaces_in_numbers (a cell lost is never the head group
    // of a number printed in groups): a new draw, 882 (8073 of 9144), 0 wrong.
    // 883 (8079): blocks of numbers all alike read (src/parse/uniform.rs).
    // stacked_cells joined the row shapes: a new draw, 881 (8060 of 9144), 0 wrong.
    // list_literals joined them: a new draw, 915 (8374 of 9144), 0 wrong.
    // csv_quoted joined them: a new draw, 951 (8696 of 9144), 0 wrong.
    // footnote_marks joined the draw: a new draw, 888 (8120 of 9144) with the
    // reader before marks were read, 908 (8308) after, 0 wrong; 918 (8398) with
    // `- | - | -` under a label read as a row of marks, not a rule. na_words
    // joined the draw: a new draw, 856 (7833 of 9144) before such words were
    // marks of empty cells, 923 (8440) after, 0 wrong; 878 (8037) since `NaN`,
    // `None` and `null` leave their cells unresolved. invisible_chars joined the
    // draw: a new draw, 916 (8381 of 9144), 0 wrong. units_after joined it: a new
    // draw, 901 (8243 of 9144), 0 wrong. page_headers joined it: a new draw, 880
    // (8047 of 9144), 0 wrong; 881 (8061) with units_after keeping grouped
    // numbers whole and `a/b` a page marker only of the text's total; 899
    // (8222) with a rotated section 三 read by a header naming every row; 900
    // (8233) with a line per column after a block of labels read down them;
    // 902 (8256) with the suite's `0注②` a number (the effects had written it as
    // a label, and some rows' numbers as empty cells); 918 (8403) with quoted
    // CSV records of full-width digits joined. columns_moved joined the draw: a
    // new draw, 912 (8347 of 9144), 0 wrong. grid_tables joined the draw: a new
    // draw, 911 (8337 of 9144), 0 wrong. 917 (8388) with a page break inside a
    // quoted CSV record read. heads_first joined the draw: a new draw, 918
    // (27024 of 29436), 0 wrong.
    ("sampled", 918),
    // The converter families of tests/torture/effects/families.rs.
    ("dash_empty", 990),
    // Words for an empty cell (`N/A`, `NaN`, `None`, `不适用`, `暂无`): 402 (613 of
    // 1524) before they were read as marks of empty cells, 975 after; 898 since
    // a script's `NaN`, `None` and `null` (a cell it did not find, as well as
    // one it found empty) leave their cells unresolved.
    ("na_words", 784),
    ("thousands_commas", 992),
    // A footnote's mark after a number (`3①`, `12注1`, `0[1]`): 866 (1321 of
    // 1524) before such a cell was read as its number (a row holding one was
    // set aside whole).
    ("footnote_marks", 992),
    ("csv_cells", 980),
    ("html_spans", 992),
    // A table written column by column cannot be aligned: what is read comes
    // from rows that stand alone; the rest is set aside. 787: section 三 read
    // down its columns where the identities leave one reading (was 498). 879: a
    // 2019 stand-in row printed in a 2021 table read where its rows would be.
    // 955: rows under a block of labels whose numbers are all alike read
    // whichever way the numbers run (src/parse/uniform.rs). 975: a line per
    // column after a block of labels read down the columns.
    ("column_major", 992),
    // 969 before a row whose first printing (a heading) had no cells took them
    // from its second.
    ("cell_per_line", 992),
    ("dash_empty+single_spaces", 990),
    // Glued cells with dashes among them: was 388 while the glued reader set most
    // rows aside; each mark is now a cell of its own (`na`) and a boundary.
    // 927: the cells every split cuts alike recovered.
    // 949: section 四's row groups glued apart.
    ("dash_empty+glued", 922),
    ("thousands_commas+single_spaces", 992),
    // The converter families of tests/torture/effects/families2.rs.
    // A number with OCR look-alikes (`1O5`) is `unresolved` in its column; 928:
    // recovered where an identity through it confirms the digits they spell.
    // 962: several look-alikes in one identity confirmed together.
    ("ocr_digits", 980),
    // OCR losing a lone `0` or `1` (families3.rs): the cell lost is missing; rows
    // on one line a number short are placed by the identities (src/parse/gaps.rs).
    // 694 without src/parse/gaps.rs; 699 with a table's short rows placed
    // together, cells some allowed place leaves empty not read.
    // 689 (was 699): the per-layout reader no longer reads a row short of cells
    // left to right, a wrong number when the lost cell was not the last (found
    // by the sampled draw once column_boxes joined it); an exception to the
    // ratchet, for a wrong number. 688 (was 689): TAB cells, an empty cell after
    // a row's numbers and an empty line is no longer that row's last cell (a
    // row that lost a `0` took the next row's leading `\t` as its total, an
    // empty cell where a number was printed, which now counts as wrong); one
    // cell that gaps.rs placed in such a row is missing with it. 702: section
    // 四's fifteen numbers one short placed as one row by the identities.
    ("ocr_lost", 709),
    // OCR joining boxes by height beside wrapped labels (families3.rs): 718 with
    // such rows set aside; 772 with their numbers placed where the identities
    // allow one interleaving of the two lines (src/parse/gaps.rs). 776 with a
    // label's second line read as its tail under a side heading's character;
    // 860 with a collapsed invented header (`类别 数据1 数据2 …`) no sign of
    // glued cells.
    // 864 with text that names nothing between a row's numbers parting the row
    // (a salted draw read a label's middle piece and its `1`, then the rest, in
    // the order printed: five wrong numbers).
    ("ocr_heights", 813),
    // pdfminer's section 二, each column a box (families3.rs): 939 with the
    // boxes read only where an item had no optional row; 975 with 20.1's
    // required rows (src/parse/boxes.rs).
    ("column_boxes", 990),
    // pdfminer's section 二 with an item's heads before its numbers, the rows'
    // labels before the heads (families3.rs): 991 (4862 of 4906) with such
    // items read down their columns (src/parse/boxes/heads.rs); they were
    // missing before.
    ("heads_first", 991),
    ("docling_spans", 956),
    ("md_emphasis", 992),
    // Section 三 with rows and columns swapped is not read (set aside, nothing
    // wrong); the other sections are. 868: its numbers, one printed row per
    // column, read down the columns where the identities leave one reading
    // (was 533). 974: each line that names its column read as that column, in the
    // template's order of rows (or with a stand-in row), where every identity
    // holds (src/parse/rotated.rs).
    ("transposed", 992),
    // Section 三's applicant columns in another order under one header line that
    // names them so (markdown, TAB, CSV or spaces): read in the header's order
    // (src/parse/input/reordered.rs); before, in the template's order, with
    // wrong numbers (278 of them over the inputs).
    ("columns_moved", 956),
    // Section 三 and 四 rewritten as lists that name each number's column: read
    // from those lines (src/parse/keyed.rs); huaian's two rows whose labels are
    // pieces of a wrapped PDF label name no row and are missing.
    ("keyed_list", 956),
    // The converter family of tests/torture/effects/families3.rs: tables as a
    // table tool's frames (camelot, tabula: `print(df)`, `df.to_csv()`). Was 818
    // while invented header words (`| 数据1 |`) over spaced rows counted as glued
    // cells; 896 while a row without a label (section 四's) took its index as a
    // first number; 950 while the per-layout reader took a frame's column numbers
    // and row indices for values; 954 before `df.to_markdown()` joined the
    // effect's forms and a pipe table's empty index header and rule were passed
    // over.
    // 958 before a frame's column numbers settled its commas as separators.
    // 992 (4868 of 4906, from 4798) since column numbers with a line break a
    // rewrite left after them (`| 3<br> |`) are column numbers too.
    ("frame", 992),
    // Tables drawn with rules, labels wrapped inside their cells (pandoc's grid
    // tables, box-drawing grids): read whole from the first (97.5%, the ceiling
    // of every row, which pingtan's glued section 二 sets).
    ("grid_tables", 992),
];

/// Combinations every input goes through, besides the sampled ones (each in the
/// canonical order of `EFFECTS`).
const FIXED_COMBOS: &[&[&str]] = &[
    &["single_spaces", "page_markers"],
    &["headings_misspelt", "markdown"],
    &["title_split", "headings_renumbered", "single_spaces"],
    &["labels_above", "page_markers", "wrap"],
    &["ocr_labels", "glued", "fullwidth_digits"],
    &["dash_empty", "single_spaces"],
    &["dash_empty", "glued"],
    &["thousands_commas", "single_spaces"],
];

/// Sampled combinations per input (two to four effects each).
const SAMPLED_COMBOS: usize = 6;

/// A text with its truth: key → number (`None`: printed empty).
struct Input {
    name: String,
    text: String,
    truth: BTreeMap<String, Option<f64>>,
}

/// Texts of the project's own invented reports, with truth, as converters wrote
/// them (tests/fixtures/converted, docx, crawled, and pdfconv's text of their
/// PDFs: pdftotext -raw, PyMuPDF): more table shapes for the
/// effects than the corpus alone has (two and three label columns, section 二 as
/// one table or one per item, cells parted by blank lines, pandoc's simple
/// tables, a crawler's spaced cells). Each is read whole by the tool as it
/// stands; the crawled texts left out read with cells missing or print a
/// number in two pieces (`4 0`), which the effects would take for two cells.
const MORE_BASES: &[(&str, &str)] = &[
    (
        "converted/text/a-2019.pandoc-plain.txt",
        "converted/a-2019.truth.json",
    ),
    (
        "converted/text/b-2020.pandoc-plain.txt",
        "converted/b-2020.truth.json",
    ),
    (
        "converted/text/c-2021.pandoc-plain.txt",
        "converted/c-2021.truth.json",
    ),
    (
        "converted/text/d-2023.pandoc-plain.txt",
        "converted/d-2023.truth.json",
    ),
    (
        "converted/text/e-2024.pandoc-plain.txt",
        "converted/e-2024.truth.json",
    ),
    ("docx/text/one-a.docx2txt.txt", "docx/one-a.truth.json"),
    ("docx/text/one-b.docx2txt.txt", "docx/one-b.truth.json"),
    ("docx/text/two-a.docx2txt.txt", "docx/two-a.truth.json"),
    ("docx/text/two-b.docx2txt.txt", "docx/two-b.truth.json"),
    ("docx/text/three-a.docx2txt.txt", "docx/three-a.truth.json"),
    ("docx/text/three-b.docx2txt.txt", "docx/three-b.truth.json"),
    (
        "pdfconv/text/a-2019.pdftotext-raw.txt",
        "converted/a-2019.truth.json",
    ),
    (
        "pdfconv/text/b-2020.pdftotext-raw.txt",
        "converted/b-2020.truth.json",
    ),
    (
        "pdfconv/text/e-2024.pdftotext-raw.txt",
        "converted/e-2024.truth.json",
    ),
    (
        "pdfconv/text/a-2019.pymupdf.txt",
        "converted/a-2019.truth.json",
    ),
    (
        "pdfconv/text/e-2024.pymupdf.txt",
        "converted/e-2024.truth.json",
    ),
    (
        "crawled/text/flat-a.inscriptis.txt",
        "crawled/flat-a.truth.json",
    ),
];

/// A text and its truth file as an input.
fn input_of(text: &Path, truth: &Path) -> Input {
    let tj = std::fs::read_to_string(truth).expect("truth file");
    let tj: serde_json::Value = serde_json::from_str(&tj).expect("truth is JSON");
    let truth = tj["cells"]
        .as_object()
        .expect("truth cells")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_f64()))
        .collect();
    let rel = text
        .strip_prefix(root())
        .unwrap_or(text)
        .display()
        .to_string();
    Input {
        name: rel,
        text: std::fs::read_to_string(text).expect("text is UTF-8"),
        truth,
    }
}

fn corpus_inputs() -> Vec<Input> {
    let mut v = corpus_only();
    let fixtures = root().join("tests/fixtures");
    for (text, truth) in MORE_BASES {
        v.push(input_of(&fixtures.join(text), &fixtures.join(truth)));
    }
    v
}

/// The texts of tests/fixtures/corpus with their truth.
fn corpus_only() -> Vec<Input> {
    let base = root().join("tests/fixtures/corpus");
    let mut v = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&base)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&d)
            .expect("corpus subfolder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let t = f.with_extension("truth.json");
            if t.exists() {
                v.push(input_of(&f, &t));
            }
        }
    }
    v
}

/// samples/dongxin-2020.txt with its truth taken from tests/golden/dongxin-2020/
/// cells.csv, whose 198 values were checked by hand against the sample (see
/// tests/golden/README.md).
fn dongxin() -> Input {
    let mut truth = BTreeMap::new();
    for row in crate::util::read_csv(&root().join("tests/golden/dongxin-2020/cells.csv")) {
        let key = if row["section"] == "2" {
            format!("2/{}/{}/{}", row["item"], row["row"], row["col"])
        } else {
            format!("{}/{}/{}", row["section"], row["row"], row["col"])
        };
        let value = match row["state"].as_str() {
            "number" => Some(row["value"].parse().expect("golden value is a number")),
            _ => None,
        };
        truth.insert(key, value);
    }
    assert_eq!(truth.len(), 198);
    Input {
        name: "samples/dongxin-2020.txt".into(),
        text: std::fs::read_to_string(root().join("samples/dongxin-2020.txt")).expect("sample"),
        truth,
    }
}

/// How one case (an effect, or all combinations) fared over every input.
#[derive(Default, Debug)]
struct Tally {
    right: usize,
    total: usize,
    /// Every wrong number: input, effects, key, expected, got, line.
    wrong: Vec<String>,
}

impl Tally {
    fn per_mille(&self) -> u32 {
        (self.right * 1000).checked_div(self.total).unwrap_or(1000) as u32
    }
}

/// `TORTURE_SALT=N` draws other random renderings (and other sampled combinations)
/// than the suite's own: a search for wrong numbers beyond the fixed draw. The
/// ratchet floors hold for the unsalted draw only. `TORTURE_CASE=a+b` puts that one
/// combination in place of the sampled ones, for every input.
fn salt() -> String {
    std::env::var("TORTURE_SALT").unwrap_or_default()
}

fn seed(parts: &[&str]) -> u64 {
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let salt = salt();
    let salted = (!salt.is_empty()).then_some(salt.as_str());
    for p in parts.iter().copied().chain(salted) {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Applies `names` in the suite's canonical order.
fn apply(input: &Input, names: &[&str]) -> String {
    let mut rng = Rand::seed_from_u64(seed(&[&input.name, &names.join("+")]));
    let mut text = input.text.clone();
    for (n, f) in EFFECTS {
        if names.contains(n) {
            text = f(&text, &mut rng);
        }
    }
    text
}

/// The truth of `input` once `names` were applied: `dash_empty` (and `na_words`)
/// prints every cell that holds 0 as a dash (a word), on every text whose numbers stand in rows (the glued
/// ones have none, and keep their zeros), so those cells are expected empty.
fn dashes_truth(input: &Input, names: &[&str]) -> BTreeMap<String, Option<f64>> {
    if !names.contains(&"dash_empty") && !names.contains(&"na_words") {
        return input.truth.clone();
    }
    let lines: Vec<&str> = input.text.lines().collect();
    let rows = effects::blocks(&lines)
        .iter()
        .any(|b| matches!(b, effects::Block::Row(_)));
    if !rows {
        return input.truth.clone();
    }
    input
        .truth
        .iter()
        .map(|(k, v)| (k.clone(), v.filter(|v| *v != 0.0)))
        .collect()
}

/// Reads `text` and scores it against the input's truth into `t`.
fn score_into(t: &mut Tally, input: &Input, case: &str, text: &str) {
    if let Some(dir) = std::env::var_os("TORTURE_DUMP") {
        let name = format!("{}__{case}.txt", input.name.replace('/', "_"));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(std::path::Path::new(&dir).join(name), text);
    }
    // Read as `zfxxgk extract` reads a .txt (`parse_as`): HTML tables inside a text
    // are laid out, inline tags and character references left in cells taken
    // out, and the second readings of crawled text tried.
    let r = zfxxgk::parse_as(&input.name, zfxxgk::model::Format::Txt, text.as_bytes());
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    for (key, want) in &input.truth {
        t.total += 1;
        let got = cells.get(key).copied().flatten();
        let value = got.filter(|s| s.state.has_value()).map(|s| {
            s.value
                .map(|v| v.to_string())
                .unwrap_or_default()
                .parse::<f64>()
                .unwrap_or(f64::NAN)
        });
        match (want, value) {
            (Some(w), Some(v)) if (v - w).abs() <= 1e-9 => t.right += 1,
            (None, None) if got.is_some_and(|s| matches!(s.state, State::Blank | State::Na)) => {
                t.right += 1
            }
            // A number read as an empty cell or a mark is wrong too, but where OCR
            // lost a lone `0` (ocr_lost): the text then prints the empty cell
            // (`||`, a doubled blank line) that the reader reads.
            (Some(w), None)
                if got.is_some_and(|s| matches!(s.state, State::Blank | State::Na))
                    && !case.split('+').any(|e| e == "ocr_lost") =>
            {
                let line = got.map_or(0, |s| s.line as usize);
                let src = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
                t.wrong.push(format!(
                    "{} [{case}] {key}: expected {w}, got an empty cell (line {line}: {:?})",
                    input.name,
                    src.chars().take(100).collect::<String>()
                ));
            }
            (_, Some(v)) => {
                let line = got.map_or(0, |s| s.line as usize);
                let raw = got.and_then(|s| text.get(s.raw.0..s.raw.1)).unwrap_or("");
                let src = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
                t.wrong.push(format!(
                    "{} [{case}] {key}: expected {}, got {v} from {raw:?} (line {line}: {:?})",
                    input.name,
                    want.map_or("empty".to_string(), |w| w.to_string()),
                    src.chars().take(100).collect::<String>()
                ));
            }
            _ => {}
        }
    }
}

/// Sampled combinations of two to four effects, at most one row shape each, in the
/// canonical order.
fn sampled_combos(input: &Input) -> Vec<Vec<&'static str>> {
    let mut v: Vec<Vec<&'static str>> = Vec::new();
    if let Ok(case) = std::env::var("TORTURE_CASE") {
        // One named combination in place of the draw: with the salt that found a
        // wrong number, this renders exactly the text that salt rendered then.
        let mut c: Vec<&'static str> = case
            .split('+')
            .map(|n| {
                EFFECTS
                    .iter()
                    .find(|(e, _)| *e == n)
                    .unwrap_or_else(|| panic!("no effect {n}"))
                    .0
            })
            .collect();
        c.sort_by_key(|n| EFFECTS.iter().position(|(e, _)| e == n));
        v.push(c);
        return v;
    }
    let mut rng = Rand::seed_from_u64(seed(&[&input.name, "combos"]));
    while v.len() < SAMPLED_COMBOS {
        let n = rng.gen_range(2..=4);
        let mut c: Vec<&'static str> = Vec::new();
        while c.len() < n {
            let (name, _) = EFFECTS[rng.gen_range(0..EFFECTS.len())];
            let shape_taken =
                ROW_SHAPES.contains(&name) && c.iter().any(|x| ROW_SHAPES.contains(x));
            if !c.contains(&name) && !shape_taken {
                c.push(name);
            }
        }
        c.sort_by_key(|n| EFFECTS.iter().position(|(e, _)| e == n));
        v.push(c);
    }
    v
}

/// Every case in table order: the texts as they are (`none`), each effect alone,
/// each fixed combination (`a+b`), and the sampled combinations (`sampled`).
fn case_names() -> Vec<String> {
    let mut v = vec!["none".to_string()];
    v.extend(EFFECTS.iter().map(|(n, _)| n.to_string()));
    v.extend(FIXED_COMBOS.iter().map(|c| c.join("+")));
    v.push("sampled".into());
    v
}

struct Results {
    cases: BTreeMap<String, Tally>,
    /// (case, input) → (right, total), for `TORTURE_DETAIL=1`.
    by_input: BTreeMap<(String, String), (usize, usize)>,
}

fn results() -> &'static Results {
    static R: OnceLock<Results> = OnceLock::new();
    R.get_or_init(|| {
        let mut inputs = corpus_inputs();
        inputs.push(dongxin());
        let mut res = Results {
            cases: BTreeMap::new(),
            by_input: BTreeMap::new(),
        };
        let mut run = |case: &str, label: &str, input: &Input, text: &str| {
            let t = res.cases.entry(case.to_string()).or_default();
            let (r0, n0) = (t.right, t.total);
            let names: Vec<&str> = label.split('+').collect();
            let dashed = Input {
                name: input.name.clone(),
                text: String::new(),
                truth: dashes_truth(input, &names),
            };
            score_into(t, &dashed, label, text);
            let (r1, n1) = (t.right, t.total);
            // `TORTURE_DETAIL=combos`: a sampled row per combination drawn.
            let row = match std::env::var("TORTURE_DETAIL") {
                Ok(d) if d == "combos" && case == "sampled" => format!("sampled {label}"),
                _ => case.to_string(),
            };
            let e = res.by_input.entry((row, input.name.clone())).or_default();
            e.0 += r1 - r0;
            e.1 += n1 - n0;
        };
        for input in &inputs {
            run("none", "none", input, &input.text);
            for (name, _) in EFFECTS {
                run(name, name, input, &apply(input, &[name]));
            }
            for c in FIXED_COMBOS {
                let name = c.join("+");
                run(&name, &name, input, &apply(input, c));
            }
            for c in sampled_combos(input) {
                run("sampled", &c.join("+"), input, &apply(input, &c));
            }
        }
        res
    })
}

fn floor(case: &str) -> u32 {
    RATCHET_RIGHT_PER_MILLE
        .iter()
        .find(|(n, _)| *n == case)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no ratchet for {case}"))
}

/// The property and the ratchet for one case.
fn check(case: &str) {
    let t = &results().cases[case];
    assert!(
        t.wrong.is_empty(),
        "{case}: {} wrong numbers:\n{}",
        t.wrong.len(),
        t.wrong.join("\n")
    );
    check_ratchet(case);
}

fn check_ratchet(case: &str) {
    if !salt().is_empty() || std::env::var_os("TORTURE_CASE").is_some() {
        return;
    }
    let t = &results().cases[case];
    assert!(
        t.per_mille() >= floor(case),
        "{case}: {}/{} right ({}‰), below the ratchet of {}‰",
        t.right,
        t.total,
        t.per_mille(),
        floor(case)
    );
}

/// Prints the table per case and every wrong number; holds every case to its
/// ratchet.
#[test]
fn table_per_effect() {
    let r = results();
    println!("\nconverter torture: truth cells right per case (current code)");
    println!(
        "{:<44} {:>13} {:>7} {:>6}",
        "case", "right/total", "share", "wrong"
    );
    for case in case_names() {
        let t = &r.cases[&case];
        println!(
            "{case:<44} {:>13} {:>6.1}% {:>6}",
            format!("{}/{}", t.right, t.total),
            t.per_mille() as f64 / 10.0,
            t.wrong.len()
        );
    }
    if std::env::var_os("TORTURE_DETAIL").is_some() {
        for ((case, input), (right, total)) in &r.by_input {
            println!("{case:<44} {input:<56} {right:>4}/{total:<4}");
        }
    }
    for case in case_names() {
        for w in &r.cases[&case].wrong {
            println!("WRONG {w}");
        }
    }
    let mut named: Vec<&str> = RATCHET_RIGHT_PER_MILLE.iter().map(|(n, _)| *n).collect();
    let mut cases = case_names();
    named.sort_unstable();
    cases.sort();
    assert_eq!(
        named, cases,
        "every case has its ratchet, every ratchet its case"
    );
    for case in case_names() {
        check_ratchet(&case);
    }
}

/// The property over the whole suite: not one wrong number in any case.
#[test]
fn no_wrong_number_anywhere() {
    let r = results();
    let all: Vec<&String> = case_names()
        .iter()
        .flat_map(|c| r.cases[c].wrong.iter())
        .collect::<Vec<_>>();
    assert!(
        all.is_empty(),
        "{} wrong numbers:\n{}",
        all.len(),
        all.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

macro_rules! cases {
    ($($test:ident => $case:literal $(, #[$attr:meta])?;)*) => {
        $(
            #[test]
            $(#[$attr])?
            fn $test() {
                check($case);
            }
        )*
    };
}

cases! {
    unchanged_texts => "none";
    title_split => "title_split";
    headings_renumbered => "headings_renumbered";
    headings_misspelt => "headings_misspelt";
    ocr_labels => "ocr_labels";
    single_spaces => "single_spaces";
    one_line => "one_line";
    markdown => "markdown";
    labels_above => "labels_above";
    labels_block => "labels_block";
    glued => "glued";
    spaces_in_numbers => "spaces_in_numbers";
    fullwidth_digits => "fullwidth_digits";
    page_markers => "page_markers";
    wrap => "wrap";
    single_spaces_with_page_markers => "single_spaces+page_markers";
    markdown_with_misspelt_headings => "headings_misspelt+markdown";
    split_title_renumbered_single_spaces => "title_split+headings_renumbered+single_spaces";
    labels_above_markers_wrap => "labels_above+page_markers+wrap";
    ocr_fullwidth_glued => "ocr_labels+glued+fullwidth_digits";
    sampled_combinations => "sampled";
    dash_empty => "dash_empty";
    csv_cells => "csv_cells";
    html_spans => "html_spans";
    column_major => "column_major";
    cell_per_line => "cell_per_line";
    thousands_commas => "thousands_commas";
    dash_empty_single_spaces => "dash_empty+single_spaces";
    dash_empty_glued => "dash_empty+glued";
    thousands_commas_single_spaces => "thousands_commas+single_spaces";
    ocr_digits => "ocr_digits";
    docling_spans => "docling_spans";
    md_emphasis => "md_emphasis";
    transposed => "transposed";
    columns_moved => "columns_moved";
    keyed_list => "keyed_list";
    frame => "frame";
    grid_tables => "grid_tables";
    ocr_lost => "ocr_lost";
    ocr_heights => "ocr_heights";
    column_boxes => "column_boxes";
    heads_first => "heads_first";
    latex_tabular => "latex_tabular";
    stacked_cells => "stacked_cells";
    list_literals => "list_literals";
    csv_quoted => "csv_quoted";
    invisible_chars => "invisible_chars";
    units_after => "units_after";
    page_headers => "page_headers";
}

/// The row model the effects work on finds every truth cell: on each text that is
/// not glued, the numbers of its rows are exactly the truth's numbers, so a row
/// shape reaches every cell. Glued texts (pages/049, pingtan) have no rows: only
/// the line and character effects change them.
#[test]
fn rows_hold_every_truth_number() {
    let mut inputs = corpus_inputs();
    inputs.push(dongxin());
    for i in &inputs {
        let lines: Vec<&str> = i.text.lines().collect();
        let mut got: Vec<f64> = effects::blocks(&lines)
            .into_iter()
            .filter_map(|b| match b {
                effects::Block::Row(r) => Some(r.cells),
                effects::Block::Text(_) => None,
            })
            .flatten()
            .map(|c| {
                let t = c.trim_end_matches(['项', '件', '元', '万']);
                t.parse::<f64>().unwrap_or(f64::NAN)
            })
            .collect();
        let glued = i.name.contains("pingtan") || i.name.ends_with("049.txt");
        if glued {
            assert!(got.is_empty(), "{}: {got:?}", i.name);
            continue;
        }
        let mut want: Vec<f64> = i.truth.values().map(|v| v.unwrap_or(f64::NAN)).collect();
        got.sort_by(f64::total_cmp);
        want.sort_by(f64::total_cmp);
        // Compared bit for bit: an empty cell is NaN on both sides.
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&got), bits(&want), "{}", i.name);
    }
}

/// Full-width digits are read as the ASCII ones and shown as printed: on every input,
/// the text with every digit full-width gives what the text itself gives (status,
/// year, date, each cell's state, value and line, the labels, the diagnostics' lines),
/// and each cell's raw text is the full-width form of the ASCII reading's raw text.
#[test]
fn fullwidth_digits_read_as_printed() {
    let wide = |s: &str| effects::fullwidth_digits(s, &mut Rand::seed_from_u64(0));
    let mut inputs = corpus_inputs();
    inputs.push(dongxin());
    for i in &inputs {
        let printed = wide(&i.text);
        assert_ne!(printed, i.text, "{}", i.name);
        let a = zfxxgk::parse_report(&i.name, i.text.as_bytes());
        let b = zfxxgk::parse_report(&i.name, printed.as_bytes());
        assert_eq!(b.text, printed, "{}", i.name);
        assert_eq!(
            (a.status, a.meta.year, a.meta.report_date, &a.message),
            (b.status, b.meta.year, b.meta.report_date, &b.message),
            "{}",
            i.name
        );
        let (ca, cb) = (a.keyed_cells(), b.keyed_cells());
        assert_eq!(ca.len(), cb.len(), "{}", i.name);
        for ((ka, sa), (kb, sb)) in ca.iter().zip(&cb) {
            assert_eq!(ka, kb, "{}", i.name);
            let (Some(sa), Some(sb)) = (sa, sb) else {
                assert_eq!(sa.is_some(), sb.is_some(), "{} {ka}", i.name);
                continue;
            };
            assert_eq!(
                (sa.state, sa.value, sa.line),
                (sb.state, sb.value, sb.line),
                "{} {ka}",
                i.name
            );
            let raw_a = &a.text[sa.raw.0..sa.raw.1];
            assert_eq!(wide(raw_a), &b.text[sb.raw.0..sb.raw.1], "{} {ka}", i.name);
        }
        let labels = |r: &zfxxgk::Report| -> Vec<(u32, String)> {
            r.tables
                .labels
                .iter()
                .map(|l| (l.line, wide(&l.text)))
                .collect()
        };
        assert_eq!(labels(&a), labels(&b), "{}", i.name);
        let diags = |r: &zfxxgk::Report| -> Vec<(u32, String)> {
            r.diags.iter().map(|d| (d.line, wide(&d.message))).collect()
        };
        assert_eq!(diags(&a), diags(&b), "{}", i.name);
        let names = |r: &zfxxgk::Report| {
            let w = |s: &Option<String>| s.as_deref().map(wide);
            (w(&r.meta.organ), w(&r.meta.issuer))
        };
        assert_eq!(names(&a), names(&b), "{}", i.name);
    }
}

/// A row short of numbers at the end of a section that is followed by more text
/// was not cut short: its numbers are not placed from the first column on
/// (tests/fixtures/torture/README.md).
#[test]
fn short_row_before_more_text_is_not_placed() {
    let bytes = std::fs::read(root().join("tests/fixtures/torture/dongxin-2020.salt11.txt"))
        .expect("fixture");
    let r = zfxxgk::parse_report("dongxin-2020.salt11.txt", &bytes);
    let cells: BTreeMap<String, Option<String>> = r
        .keyed_cells()
        .into_iter()
        .map(|(k, s)| (k, s.and_then(|s| s.value).map(|v| v.to_string())))
        .collect();
    assert_eq!(cells["2/20.9/procurement/projects"], None);
    assert_eq!(cells["2/20.9/procurement/amount"], None);
    // The row before it is read as printed (tests/golden/dongxin-2020, hand-checked).
    assert_eq!(cells["2/20.8/fees/prev_year"].as_deref(), Some("0"));
}

/// A dash printed for an empty cell among glued digits is no sign where no column
/// may be negative: `规章1-11` is 1, an empty cell, 11 (the truth of
/// tests/fixtures/corpus/pdf/huaian-2024: 1, 0 printed `-`, 11), never 1, -1, 1
/// (tests/fixtures/torture/README.md).
#[test]
fn dash_among_glued_digits_is_no_sign() {
    let bytes = std::fs::read(root().join("tests/fixtures/torture/huaian-2024.salt2.txt"))
        .expect("fixture");
    let r = zfxxgk::parse_report("huaian-2024.salt2.txt", &bytes);
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let got = |col: &str| {
        let s = cells[&format!("2/20.1/regulation/{col}")].expect("read");
        assert_eq!(s.line, 72, "{col}");
        (s.state, s.value.map(|v| v.to_string()))
    };
    assert_eq!(got("issued"), (State::Recovered, Some("1".into())));
    assert_eq!(got("repealed"), (State::Na, None));
    assert_eq!(got("in_force"), (State::Recovered, Some("11".into())));
    // `82666` has two splits and no identity to choose: unresolved.
    let s = cells["2/20.1/normative_doc/issued"].expect("read");
    assert_eq!((s.state, s.value), (State::Unresolved, None));
}

/// Glued rows whose empty cells are printed as marks (`规章无无无`,
/// `一、本年新收…2无无无无无2`, `3.危及“三安全一稳定”无无无无无无无`): each mark is one
/// cell, read `na` as where cells are printed apart, and the digits between the
/// marks fill the other cells. Every cell of samples/dongxin-2020.txt through
/// `dash_empty+glued` is read as its truth (tests/golden/dongxin-2020, hand-checked:
/// the 0 cells printed `无` are `na`, the others their numbers).
#[test]
fn marks_among_glued_cells_are_empty_cells() {
    let bytes = std::fs::read(root().join("tests/fixtures/torture/dongxin-2020.dash-glued.txt"))
        .expect("fixture");
    let r = zfxxgk::parse_report("dongxin-2020.dash-glued.txt", &bytes);
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let truth = dongxin().truth;
    assert_eq!(truth.len(), 198);
    for (key, want) in &truth {
        let s = cells[key].unwrap_or_else(|| panic!("{key} missing"));
        match want {
            Some(w) if *w != 0.0 => {
                assert_eq!(s.state, State::Recovered, "{key}");
                let v: f64 = s.value.expect("value").to_string().parse().expect("number");
                assert_eq!(v, *w, "{key}");
            }
            _ => assert_eq!((s.state, s.value), (State::Na, None), "{key}"),
        }
    }
    let s = cells["3/new/natural_person"].expect("read");
    assert_eq!(
        (s.line, s.value.map(|v| v.to_string())),
        (81, Some("2".into()))
    );
    let s = cells["3/withheld_security/total"].expect("read");
    assert_eq!((s.line, &bytes[s.raw.0..s.raw.1]), (101, "无".as_bytes()));
}

/// Section 四 printed as one line of digits glued with the marks of empty cells
/// (`11／／21／／／12／1／3`, no label: read by its place) is a glued run: its
/// fifteen cells are split by the row identities (truth of tests/fixtures/corpus/
/// converters/hongze-2024-pdfraw, its 0 cells printed `／`). It was text matching no
/// label.
#[test]
fn section_four_glued_with_marks_is_split() {
    let bytes =
        std::fs::read(root().join("tests/fixtures/torture/hongze-2024-pdfraw.dash-glued.txt"))
            .expect("fixture");
    let r = zfxxgk::parse_report("hongze-2024-pdfraw.dash-glued.txt", &bytes);
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let row = |key: &str| -> Vec<Option<String>> {
        ["upheld", "corrected", "other", "pending", "total"]
            .iter()
            .map(|c| {
                let s = cells[&format!("4/{key}/{c}")].expect("read");
                assert_eq!(s.line, 150, "{key}/{c}");
                s.value.map(|v| v.to_string())
            })
            .collect()
    };
    let v = |x: &[Option<&str>]| -> Vec<Option<String>> {
        x.iter().map(|s| s.map(String::from)).collect()
    };
    assert_eq!(
        row("review"),
        v(&[Some("1"), Some("1"), None, None, Some("2")])
    );
    assert_eq!(
        row("suit_direct"),
        v(&[Some("1"), None, None, None, Some("1")])
    );
    assert_eq!(
        row("suit_after_review"),
        v(&[Some("2"), None, Some("1"), None, Some("3")])
    );
}

/// Headers between pipes (a crawler's `| 信息内容 |`), rows glued to their labels
/// (`规章000`) and no number after a pipe: the region is glued, not pipe cells, and
/// its rows are split (tests/fixtures/corpus/pages/015 through `glued`; its truth:
/// every cell 0). It was read as pipe cells, with no cell.
#[test]
fn glued_rows_under_pipe_headers_are_glued() {
    let bytes =
        std::fs::read(root().join("tests/fixtures/torture/pages-015.glued.txt")).expect("fixture");
    let r = zfxxgk::parse_report("pages-015.glued.txt", &bytes);
    assert_eq!(r.layout, "glued");
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let truth = truth_of("tests/fixtures/corpus/pages/015.truth.json");
    assert_eq!(truth.len(), 7);
    for (key, want) in &truth {
        let s = cells[key].unwrap_or_else(|| panic!("{key} missing"));
        assert_eq!(*want, Some(0.0), "{key}");
        // A row of one column holds its digits as one number.
        let state = if key.starts_with("2/20.5/") {
            State::Number
        } else {
            State::Recovered
        };
        assert_eq!(s.state, state, "{key}");
        assert_eq!(
            s.value.map(|v| v.to_string()).as_deref(),
            Some("0"),
            "{key}"
        );
    }
}

/// `２９顶３７５５１６６１.７元`: OCR made the unit 项 into `顶`, so the glued count `２９` stood
/// alone before it and was split into the row's two cells (2 and 9, salted draw
/// 34). Digits right after a character or two of text on the line of a row that
/// glued digits closed show that the row went on: it is missing, with a warning
/// (tests/fixtures/torture/README.md).
#[test]
fn a_row_that_goes_on_past_its_glued_digits_is_missing() {
    let bytes = std::fs::read(root().join("tests/fixtures/torture/dongxin-2020.salt34.txt"))
        .expect("fixture");
    let r = zfxxgk::parse_report("dongxin-2020.salt34.txt", &bytes);
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    assert!(cells["2/20.9/procurement/projects"].is_none());
    assert!(cells["2/20.9/procurement/amount"].is_none());
    assert!(r
        .diags
        .iter()
        .any(|d| d.line == 61 && d.message.starts_with("row procurement goes on past")));
    // The rows before it are read (golden: 0).
    let s = cells["2/20.8/fees/prev_year"].expect("read");
    assert_eq!(s.value.map(|v| v.to_string()).as_deref(), Some("0"));
}

/// The truth cells of a corpus text: key → number (`None`: printed empty).
fn truth_of(rel: &str) -> BTreeMap<String, Option<f64>> {
    let tj = std::fs::read_to_string(root().join(rel)).expect("truth file");
    let tj: serde_json::Value = serde_json::from_str(&tj).expect("truth is JSON");
    tj["cells"]
        .as_object()
        .expect("truth cells")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_f64()))
        .collect()
}

/// Texts a salted draw once read with wrong numbers (tests/fixtures/torture/
/// README.md): every cell read holds its truth value, and each cell that was
/// wrong is now read right (`Some`) or reported without a value (`None`), as
/// listed.
#[test]
fn salted_draws_read_no_wrong_number() {
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, Option<f64>)],
    );
    let cases: &[Case] = &[
        (
            "hongze-2024-pdfraw.salt2.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("4/review/upheld", None),
                ("4/review/corrected", None),
                ("4/review/pending", None),
                ("4/review/total", None),
            ],
        ),
        // Section 三's columns in another order under a header that names them,
        // read in the template's order where the table went on past a page's
        // header (TAB rows), or where a wrap cut the header (a TAB header, a CSV
        // one over four lines, one of cells parted by spaces).
        (
            "huaian-2024.salt83204.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/carried_out/business", Some(0.0)),
                ("3/carried_out/natural_person", Some(103.0)),
                ("3/other_misc/business", Some(2.0)),
                ("3/other_misc/legal_service", Some(0.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt83328.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/carried_in/research", Some(0.0)),
                ("3/carried_in/total", Some(36.0)),
            ],
        ),
        (
            "huaian-2024.salt83373.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/carried_in/natural_person", Some(34.0)),
                ("3/carried_in/other_org", Some(0.0)),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt84751.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/disclosed/business", Some(0.0)),
                ("3/disclosed/total", Some(50.0)),
            ],
        ),
        // A moved-column pipe header that a wrap cut at a cell's border (`…总计 |`
        // / `自然人 | 科研机构 | 其他 |`): not put together, read in the template's
        // order.
        (
            "dongxin-2020.salt88123.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/new/natural_person", Some(2.0)),
                ("3/new/total", Some(2.0)),
            ],
        ),
        // Grids hard-wrapped narrower than their rule (rules and rows cut over
        // lines): a row label's pieces took the numbers of the next row.
        (
            "dongxin-2020.salt89313.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/results_total/natural_person", Some(2.0)),
                ("3/results_total/total", Some(2.0)),
                ("3/carried_out/total", Some(0.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt89684.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("3/results_total/business", Some(3.0))],
        ),
        // A frame's column numbers, their first two lost and the line wrapped
        // (`| | 2 | 3 | 4 | 5 |` / `6 | … | 11 |` / `12 | … | 15 |`): read as
        // section 四's values.
        (
            "dongxin-2020.salt89463.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("4/review/upheld", None),
                ("4/suit_after_review/upheld", None),
                ("4/suit_after_review/pending", None),
            ],
        ),
        // A moved-column header of cells parted by spaces that a wrap cut over
        // three lines, a word cut in two (`社会公益` / `组织`): read in the
        // template's order; now joined, and the rows a wrap cut joined too.
        (
            "dongxin-2020.salt89615.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/new/natural_person", Some(2.0)),
                ("3/new/research", Some(0.0)),
                ("3/results_total/research", Some(0.0)),
            ],
        ),
        (
            "huaian-2024.salt89517.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/carried_in/other_org", Some(0.0)),
                ("3/carried_in/total", Some(34.0)),
            ],
        ),
        // Moved-column headers a narrow wrap cut over four or five lines, the
        // first column's word among the cuts (`自` / `然人`): not found, the rows
        // read in the template's order; rows cut between a number and its unit.
        (
            "hongze-2024-pdfraw.salt90029.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/results_total/natural_person", Some(95.0)),
                ("3/results_total/legal_service", Some(0.0)),
                ("3/disclosed/legal_service", Some(0.0)),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt90153.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/new/legal_service", Some(0.0)),
                ("3/new/total", Some(95.0)),
                ("3/disclosed/total", Some(50.0)),
            ],
        ),
        // Under a moved-column header of cells parted by spaces, numbers grouped
        // by thin spaces (`1 362`) counted as two cells each: a row short of two
        // numbers had exactly seven pieces and was put in order.
        (
            "huaian-2024.salt83242.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/disclosed/business", Some(21.0)),
                ("3/disclosed/legal_service", Some(50.0)),
            ],
        ),
        // A pipe row of stacked cells a wrap cut before its first `<br>`
        // (`| 2.没有现成…另行制` / `作<br>3.补正后…`): not joined, its numbers read
        // one row after the other instead of interleaved.
        (
            "hongze-2024-pdfraw.salt86041.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/unavailable_unclear/other_org", None),
                ("3/unavailable_needs_making/natural_person", Some(1.0)),
            ],
        ),
        // `N/A` cut by a wrap (`N/` / `A`) into two pieces of text: section 四's
        // cells after it moved up by one.
        (
            "hongze-2024-pdfraw.salt83735.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("4/suit_direct/upheld", None),
                ("4/suit_direct/corrected", None),
            ],
        ),
        // A row left out under a moved-column header (its numbers wrapped over
        // lines that cannot be joined) left its label, set above, waiting: the
        // label took the next row's numbers.
        (
            "huaian-2024.salt90787.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/rejected_confirmation/natural_person", None),
                ("3/rejected_confirmation/total", None),
            ],
        ),
        // Cells parted by spaces under a moved-column header a wrap cut, numbers
        // printed in groups (`1 362 件`): a row of eight pieces was taken for the
        // end of the table, and the rows after it were read in the template's order.
        (
            "huaian-2024.salt88022.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/carried_out/business", Some(0.0)),
                ("3/carried_out/total", Some(103.0)),
            ],
        ),
        // A ruled grid row cut by a page break (`| 四、结转下年 | 103 | …` / `- 10/23
        // -` / the page's header / `| 度继续办理 |      | …`): the row was not
        // joined, and its second line, with empty cells, was read as the row's
        // blank cells.
        (
            "huaian-2024.salt83261.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/carried_out/business", Some(0.0)),
                ("3/carried_out/natural_person", Some(103.0)),
                ("3/carried_out/total", Some(103.0)),
            ],
        ),
        // A CSV record wrapped after a footnote's mark (`政府集中采购,8注` /
        // `1,160.5964万元`) in a text that does not say how it groups digits:
        // the rest was read as one number, 1160.5964 (truth 160.5964).
        (
            "021.salt81460.txt",
            "tests/fixtures/corpus/pages/021.truth.json",
            &[("2/20.9/procurement/amount", None)],
        ),
        // The title every page repeats, wrapped (`# 沐阳县人民政府 2025 年 政府信息公开工作年`
        // / `度报告`), between the lines of 20.1 printed a column a line: its
        // first line names no 年度报告, and 2025 was read as 规章's 现行有效件数.
        (
            "shuyang-2025-ocrmd.salt81441.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("2/20.1/regulation/repealed", None),
                ("2/20.1/regulation/in_force", None),
                ("2/20.1/normative_doc/issued", Some(6.0)),
                ("2/20.1/normative_doc/repealed", Some(1.0)),
                ("2/20.1/normative_doc/in_force", Some(32.0)),
            ],
        ),
        // `2776注` / `1<br/>84②`: a wrap cut a footnote's mark `注1` inside an HTML
        // cell; `1 84②` had been joined as spaced groups of digits, 184 (a circled
        // mark counted as a digit).
        (
            "hongze-2024-pdfraw.salt80427.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("2/20.6/penalty/decisions", None),
                ("2/20.6/coercion/decisions", None),
            ],
        ),
        (
            "pingtan-2021.salt50.txt",
            "tests/fixtures/corpus/pingtan/pingtan-2021.truth.json",
            &[("3/carried_out/natural_person", None)],
        ),
        (
            "huaian-2024.salt53.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/results_total/legal_service", Some(61.0)),
                ("3/results_total/other_org", Some(4.0)),
            ],
        ),
        (
            "pingtan-2019.salt78.txt",
            "tests/fixtures/corpus/pingtan/pingtan-2019.truth.json",
            &[("3/other/natural_person", None)],
        ),
        (
            "dongxin-2020.salt103.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("2/20.9/procurement/projects", None)],
        ),
        (
            "hongze-2024-pdfraw.salt135.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/results_total/natural_person", None),
                ("3/results_total/total", None),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt137.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/rejected_complaint/natural_person", Some(12.0)),
                ("3/rejected_complaint/business", Some(0.0)),
                ("3/rejected_complaint/total", Some(12.0)),
                ("3/results_total/natural_person", Some(710.0)),
                ("3/results_total/business", Some(3.0)),
                ("3/results_total/legal_service", Some(5.0)),
                ("3/results_total/total", Some(718.0)),
            ],
        ),
        (
            "dongxin-2020.salt241.txt",
            "tests/golden/dongxin-2020/cells.csv",
            // Since `（六）其他外理` counts as an unread row (salted draw 18076),
            // the four rows of numbers stand where the four labels stand.
            &[
                ("3/results_total/natural_person", Some(2.0)),
                ("3/results_total/total", Some(2.0)),
                ("3/carried_out/natural_person", Some(0.0)),
                ("3/carried_out/total", Some(0.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt281.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("4/review/upheld", None),
                ("4/review/total", None),
                ("4/suit_after_review/upheld", None),
            ],
        ),
        (
            "huaian-2024.salt277.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("4/review/upheld", Some(72.0)),
                ("4/suit_after_review/pending", Some(6.0)),
                ("4/suit_after_review/total", Some(20.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt359.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            // 27 10 9 15 on one line, the total 61 wrapped to the next: the
            // four counts are placed by the row's sum (parse::gaps).
            &[("4/review/corrected", Some(10.0)), ("4/review/total", None)],
        ),
        (
            "shuyang-2025-ocrmd.salt106.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/carried_in/natural_person", Some(36.0)),
                ("3/carried_in/total", Some(36.0)),
                ("3/results_total/business", Some(3.0)),
                ("3/results_total/legal_service", Some(5.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt191.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("3/rejected_confirmation/total", None)],
        ),
        (
            "shuyang-2025-ocrmd.salt228.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/results_total/natural_person", Some(710.0)),
                ("3/results_total/business", Some(3.0)),
                ("3/results_total/legal_service", Some(5.0)),
                ("3/results_total/total", Some(718.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt410.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/rejected_publication/natural_person", None),
                ("3/rejected_publication/business", None),
                ("3/rejected_publication/total", None),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt526.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("3/other/nonprofit", None)],
        ),
        (
            "shuyang-2025-ocrmd.salt574.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/rejected_complaint/natural_person", Some(12.0)),
                ("3/rejected_complaint/business", None),
                ("3/rejected_complaint/total", Some(12.0)),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt554.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("3/rejected_publication/legal_service", None)],
        ),
        (
            "huaian-2024.salt901.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                // `天` (OCR's 无) in its research column is now a cell of its own:
                // the row keeps its columns and its first count is read.
                ("3/rejected_confirmation/natural_person", Some(1.0)),
                ("3/rejected_confirmation/business", None),
                ("3/rejected_confirmation/legal_service", None),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt72.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("2/20.6/coercion/decisions", None)],
        ),
        (
            "hongze-2024-pdfraw.salt83.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("4/review/corrected", None), ("4/review/pending", None)],
        ),
        (
            "huaian-2024.salt148.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("2/20.5/licensing/decisions", None)],
        ),
        (
            "shuyang-2025-ocrmd.salt81.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/new/nonprofit", None),
                ("3/new/other_org", None),
                ("3/carried_in/other_org", None),
                ("3/disclosed/nonprofit", None),
                ("3/disclosed/other_org", None),
                ("3/partly_disclosed/other_org", None),
            ],
        ),
        (
            "dongxin-2020.salt50.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/carried_in/natural_person", None),
                ("3/carried_in/total", None),
                ("3/new/natural_person", Some(2.0)),
                ("3/new/total", Some(2.0)),
                ("3/unavailable_unclear/natural_person", None),
                ("3/unavailable_not_held/natural_person", Some(2.0)),
                ("3/carried_out/natural_person", None),
                ("3/results_total/natural_person", Some(2.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt187.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            // The four counts on one line, the total wrapped to the next: placed
            // by the row's sum (parse::gaps), the total missing.
            &[
                ("4/review/upheld", Some(27.0)),
                ("4/review/corrected", Some(10.0)),
                ("4/review/other", Some(9.0)),
                ("4/review/pending", Some(15.0)),
                ("4/review/total", None),
            ],
        ),
        // `21`, `+I9`, `40` under 行政许可, then an OCR-garbled label and its `0`s:
        // the `0` was read as the third cell of a row whose other two were set aside.
        (
            "pages-010.salt177.txt",
            "tests/fixtures/corpus/pages/010.truth.json",
            &[
                ("2/20.5/licensing/prev_year", Some(21.0)),
                ("2/20.5/licensing/change", None),
                ("2/20.5/licensing/decisions", Some(40.0)),
            ],
        ),
        // The same draw with a word for the middle cell (made by hand): nothing shows
        // which row the numbers belong to, so the row is missing whole.
        (
            "pages-010.salt177-word.txt",
            "tests/fixtures/corpus/pages/010.truth.json",
            &[
                ("2/20.5/licensing/prev_year", None),
                ("2/20.5/licensing/change", None),
                ("2/20.5/licensing/decisions", None),
            ],
        ),
        // Section 四's first number taken into a wrapped header line, the other
        // fourteen printed apart: the last, `20`, was split as 2 | 0 to fill the
        // fifteenth cell, with no identity left to confirm it. Since a number in a
        // header cell stops the position reader, the stream reader reads all 15.
        (
            "huaian-2024.salt1121.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("4/review/upheld", Some(72.0)),
                ("4/suit_after_review/pending", Some(6.0)),
                ("4/suit_after_review/total", Some(20.0)),
            ],
        ),
        // `_2_ | &nbsp;0 | *0*_ | 0 | 0 | 0 | 2 |`: unbalanced emphasis around one
        // cell, set aside, moved the numbers after it one column left. Since its
        // label's pipe line (`（三）不予公开 | 4. 保护第三方合法权益 |`, a group and a
        // row) is a row and not a header, the row is read whole, as printed.
        (
            "shuyang-2025-ocrmd.salt1206.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/withheld_third_party/natural_person", Some(2.0)),
                ("3/withheld_third_party/other_org", Some(0.0)),
            ],
        ),
        // The same with a word for that cell (made by hand): `| 注 |`.
        (
            "shuyang-2025-ocrmd.salt1206-word.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/withheld_third_party/natural_person", None),
                ("3/withheld_third_party/other_org", None),
            ],
        ),
        // One cell a line, thousands spaced, digits OCR'd: `3 00l` and `Z 93Z` read
        // as two cells each, and the row's numbers after them moved one column on.
        (
            "huaian-2024.salt1303.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/new/research", None),
                ("3/new/legal_service", None),
                ("3/results_total/research", None),
                ("3/results_total/legal_service", None),
            ],
        ),
        // docling's merged cells with a 0 lost by OCR (`| 95 | 0 | 0  | 0 | 0 | 95 |`
        // for seven cells): the per-layout reader filled the row left to right,
        // the total read as other_org. A row of section 三 short of cells is now
        // set aside (the identities may place it: here they cannot).
        (
            "hongze-2024-pdfraw.short-pipe-rows.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/new/other_org", None),
                ("3/results_total/other_org", None),
            ],
        ),
        // `31 天 无 无 无 天 | 31 |`: OCR's `天` for the mark `无` among a row's
        // numbers on one line, taken for the label's continuation; the numbers
        // after it moved one column on.
        (
            "hongze-2024-pdfraw.salt1245.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/unavailable_not_held/legal_service", None),
                ("3/withheld_security/other_org", None),
                ("3/results_total/other_org", None),
            ],
        ),
        // `29顶` (OCR's 顶 for 项) on the line after 政府集中采购, one cell a line, read
        // as glued text: `29` was split 2 | 9 over the row's two cells.
        (
            "dongxin-2020.salt1308.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("2/20.9/procurement/projects", None),
                ("2/20.9/procurement/amount", None),
            ],
        ),
        // `| 政府集中采购 | 29项 | 37` / `55I 661.7元`: a wrap cut the amount after
        // its first two digits, and `37` was read as the amount.
        (
            "dongxin-2020.salt1546.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("2/20.9/procurement/projects", None),
                ("2/20.9/procurement/amount", None),
            ],
        ),
        // The same with clean digits on the second line (made by hand).
        (
            "dongxin-2020.salt1546-digits.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("2/20.9/procurement/projects", None),
                ("2/20.9/procurement/amount", None),
            ],
        ),
        // 行政处罚 / 行政强制 / `3985758` / `8B283` (OCR's B for 8): one clean number
        // for two labels read as the second label's.
        (
            "huaian-2024.salt1580.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("2/20.6/coercion/decisions", None)],
        ),
        // Section 四's heading renumbered and misread (`三、…行政夏议…`): the
        // section found by `行政诉讼（复议后起诉）`, whose five numbers were placed
        // from the first row (行政复议) on. They are that row's.
        (
            "shuyang-2025-ocrmd.salt2109.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("4/review/upheld", None),
                ("4/review/corrected", None),
                ("4/review/other", None),
                ("4/review/pending", None),
                ("4/review/total", None),
                ("4/suit_after_review/upheld", Some(8.0)),
                ("4/suit_after_review/total", Some(10.0)),
            ],
        ),
        // Section 三 printed with rows and columns swapped, its header of row
        // labels wrapped: `四、结转下年度继续办理 |` ends the header, `| 自然人 | ９５ …`
        // follows, and the first column's numbers were read as that row's. Later
        // each applicant type's line is read as its column (src/parse/rotated.rs),
        // every identity holding: the row is read, right.
        (
            "hongze-2024-pdfraw.salt2358.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/carried_out/natural_person", Some(0.0)),
                ("3/carried_out/research", Some(0.0)),
                ("3/carried_out/nonprofit", Some(0.0)),
                ("3/carried_out/total", Some(0.0)),
            ],
        ),
        // Seven row labels, then seven lines of seven cells: the group written down
        // its columns, one column a line, read along its rows. Nearly all its cells
        // are marks of empty cells (`空`, `——`), so no identity tells the orders
        // apart; the first column's `2` (总计) was read as 信访举报投诉类申请's total.
        (
            "dongxin-2020.salt1987.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/rejected_complaint/total", None)],
        ),
        // `（一）予以公幵50—————50` (OCR's 幵 for 开) was read as the next line of
        // the label above it, whose marks a wrap had carried to a line of their
        // own: its numbers became 上年结转's. A group's enumerator opens a row.
        (
            "hongze-2024-pdfraw.salt206.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/carried_in/natural_person", None),
                ("3/carried_in/total", None),
            ],
        ),
        // The same behind markdown's marks: `**（七）总计95／／—-／95**` after
        // `**（六）其他处理…**` gave 其他处理 the totals.
        (
            "hongze-2024-pdfraw.salt2817.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("3/other/natural_person", None), ("3/other/total", None)],
        ),
        // `政府集中采购 Z9项 37 551 661.7元`: OCR's Z for 2 before a count's unit
        // was no cell, so `37 551` became the count and `661.7元` the amount.
        // Since a group with a decimal part and a unit may end a number printed in
        // groups, the amount is read whole (the count, `Z9项`, stays missing).
        (
            "dongxin-2020.salt2613.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("2/20.9/procurement/projects", None),
                ("2/20.9/procurement/amount", Some(37_551_661.7)),
            ],
        ),
        // `第二十条第（六）顶` (项 misread) unread, `行政外罚 2776` was placed as the one
        // row its item 20.5 leaves unread, 行政许可, by their shared 行政; it
        // resembles 行政处罚 more.
        (
            "hongze-2024-pdfraw.salt2943.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("2/20.5/licensing/decisions", Some(9487.0))],
        ),
        // `| _行政许可 | 517` / `&nbsp;_ 645`: a spaced number cut by a wrap, the
        // next line opening with markup before its second piece: `517` was read.
        (
            "shuyang-2025-ocrmd.salt641.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("2/20.5/licensing/decisions", None),
                ("2/20.8/fees/amount", None),
            ],
        ),
        // 行政处罚 / 行政强制 / `693 957` / `&#12288;&#12288;*2* 154`: two labels, two
        // spaced numbers, the second behind a character reference and emphasis; it
        // was no number, so `693` and `957` were read as the two rows'.
        (
            "shuyang-2025-ocrmd.salt699.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("2/20.6/penalty/decisions", None),
                ("2/20.6/coercion/decisions", None),
            ],
        ),
        // `### 一、本年新收…数暈`, a CSV header cut before its `总计`, the row label
        // again and its numbers: the lone `总计` waited as a row, and the new row's
        // numbers went to 上年结转, whose label followed them.
        (
            "shuyang-2025-ocrmd.salt3950.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/carried_in/natural_person", Some(36.0)),
                ("3/carried_in/business", Some(0.0)),
                ("3/carried_in/legal_service", Some(0.0)),
                ("3/new/natural_person", Some(705.0)),
            ],
        ),
        // `行政处罚 Z，776` (OCR's Z for 2, a full-width thousands comma) then
        // `*行政<br>强制* 84`: the damaged number was text, the next label read as
        // the rest of 行政处罚's, and 84 as its number.
        (
            "hongze-2024-pdfraw.salt4588.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("2/20.6/penalty/decisions", None),
                ("2/20.6/coercion/decisions", Some(84.0)),
            ],
        ),
        // A header's last word `总计` read as the row （七）总计, and the next row's
        // misread label (`上年结砖…`) as the rest of it: that row's numbers became
        // the totals. A whole label continues on no next line. Missing while the
        // collapsed headers (`类别 数据1 数据2 …`) made the section look glued;
        // since they no longer do, （七）总计 is read from its own line.
        (
            "shuyang-2025-ocrmd.salt1355.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/results_total/natural_person", Some(710.0)),
                ("3/results_total/business", Some(3.0)),
                ("3/results_total/legal_service", Some(5.0)),
                ("3/results_total/total", Some(718.0)),
            ],
        ),
        // Three rows written down their columns, three numbers a line; the stream
        // reader set the rows aside at a damaged number (`&nbsp;&nbsp;_0`), but the
        // lines of the numbers it had gathered stayed certain, so the other
        // reading's rows (108, 2, 932, … as 结转下年度) were kept.
        (
            "huaian-2024.salt1378.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/carried_out/natural_person", None),
                ("3/carried_out/business", None),
                ("3/carried_out/nonprofit", None),
                ("3/carried_out/legal_service", None),
                ("3/carried_out/other_org", None),
            ],
        ),
        // The same as salt 1355 on one line: the header's `总计` was read with the
        // rule after it (`总计 --- ---`), and the next row's misread label
        // (`子以公开`) then taken for its rest. Since glued digits beside a word
        // for an empty cell are text, the glued reading of the section holds
        // less and the row `（七）总计 710 3 0 0 5 0 718` is read as printed.
        (
            "shuyang-2025-ocrmd.salt6174.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/results_total/natural_person", Some(710.0)),
                ("3/results_total/business", Some(3.0)),
                ("3/results_total/legal_service", Some(5.0)),
            ],
        ),
        // Every 0 printed `无`, some misread `天`: a `天` among 结转下年度's marks
        // was no cell, so the row's cells moved one column on.
        (
            "dongxin-2020.salt7369.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/carried_out/business", None)],
        ),
        // Column-major lines of marks and numbers read as glued runs, the labels'
        // enumerators (`2.`, `3.`) taken as runs that cannot fill seven cells: with
        // those set aside, the one run left was split with its row's identity
        // dropped. Beside runs that cannot be read, a split needs every identity.
        // Since a line per column after a block of labels is read down the
        // columns, the eight 不予公开 rows are read so, 9 its truth.
        (
            "shuyang-2025-ocrmd.salt49.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/withheld_query/natural_person", Some(9.0)),
                ("3/withheld_query/business", None),
                ("3/withheld_query/nonprofit", None),
                ("3/withheld_query/legal_service", None),
                ("3/withheld_query/other_org", None),
            ],
        ),
        // Section 四 under one line of rules and its first row's numbers read as
        // one text (`-- ------ 27 10 9 15 61`): the numbers after it were placed
        // from 行政复议 on.
        (
            "shuyang-2025-ocrmd.salt8768.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("4/review/upheld", None), ("4/review/corrected", None)],
        ),
        // `1,362` printed `l,` / `362` (OCR's l for 1, then a wrap after the
        // comma): `l,` was text naming nothing, and 362 the row's total.
        (
            "huaian-2024.salt9118.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("3/disclosed/total", None)],
        ),
        // Glued text, a cell a line: `1I1` (OCR's I for 1) was cut into a run `1`
        // and text `I1`, and the run read as the row's total.
        (
            "shuyang-2025-ocrmd.salt10025.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("3/unavailable_not_held/total", None)],
        ),
        // `| 政府集中采购 | 29项 | 37 &nbsp;` / `551 661.7元`: the amount cut by a
        // wrap after markup, read as 37.
        (
            "dongxin-2020.salt10696.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("2/20.9/procurement/amount", None)],
        ),
        // Comma-separated rows: 本年新收's numbers lost in a quoted field a wrap
        // cut, and the misread `（一）予以公幵` not parting the rows after it,
        // so every row took the next one's numbers.
        (
            "huaian-2024.salt11501.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/carried_in/natural_person", Some(34.0)),
                ("3/carried_in/total", Some(34.0)),
            ],
        ),
        // `1 288  21  o  0 …`: one reading took `1` and `288` as two cells and
        // 21 as research's, the other read research as `o` (OCR's 0), which it
        // could not read; a number against a misread number was no disagreement.
        // Since `1 362**` (the row's emphasis closed after its last number) is
        // read as 1362, the stream reading holds the whole row and the identities
        // recover the `o` as 0.
        (
            "huaian-2024.salt12823.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("3/disclosed/research", Some(0.0))],
        ),
        // Labels in a block (`觇章`, OCR's 规章, then 行政规范性文件) over two rows
        // of numbers, the second opening with `&nbsp;&nbsp;**&nbsp;8`: that text
        // was no number, so 行政规范性文件 kept the first row's.
        (
            "huaian-2024.salt16445.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("2/20.1/normative_doc/issued", None),
                ("2/20.1/normative_doc/in_force", None),
            ],
        ),
        // `| 3,001 | … | 4 | 3` / `,I19 |`: the total `3,119` cut by a wrap at its
        // separator (OCR's I for 1), read as 3.
        (
            "huaian-2024.salt17692.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("3/new/total", None)],
        ),
        // 上年结转's label, a side heading cut into characters, then the misread
        // `（一）予以公幵,50,--,…`: its numbers went to 上年结转.
        (
            "hongze-2024-pdfraw.salt18076.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/carried_in/natural_person", None),
                ("3/carried_in/total", None),
            ],
        ),
        // Glued text wrapped: `…申请数量95—————` / `—————95`, the row's total on
        // the next line. No split of `95—————` makes the row sum; it was split
        // anyway (9 | 5), its row's total left out.
        (
            "hongze-2024-pdfraw.salt19280.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("3/new/natural_person", None), ("3/new/business", None)],
        ),
        // Section 三 with rows and columns swapped, every 0 printed `无`, wrapped: the
        // second reading that writes a merged Word cell once took each run of `无`
        // for one, and the `总计` column's line became the row （七）总计's.
        // A markdown row wrapped in its last number: `| 政府集中采购 | **29项** | 37`
        // / `<br> 551 661.7元`. The break tag hid that the line after goes on with
        // digits.
        (
            "dongxin-2020.salt3745.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("2/20.9/procurement/amount", None)],
        ),
        // One cell a paragraph: `&nbsp;&nbsp;**Z** 776` (2776 with its thousands
        // spaced and OCR's Z for 2, in emphasis): the marks hid a look-alike, and
        // 776 was read.
        (
            "hongze-2024-pdfraw.salt4058.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("2/20.6/penalty/decisions", None)],
        ),
        // `觇章` (OCR's 规章) then 行政规范性文件 in a block over two rows of numbers,
        // the second opening with `&nbsp;&nbsp;**6<br>**`: the label read took the
        // first row, 规章's.
        (
            "shuyang-2025-ocrmd.salt18308.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("2/20.1/normative_doc/issued", None),
                ("2/20.1/normative_doc/in_force", None),
            ],
        ),
        // 第二十条第(五)项 printed down its columns under a block of its two labels,
        // a column wrapped: `２１  ０` / `+１９` / `０` / `４０  ０`. Read along the rows
        // as well as down the columns, each part starts a line; it was read along.
        (
            "pages-010.salt20318.txt",
            "tests/fixtures/corpus/pages/010.truth.json",
            // (Now read down the columns: `+１９` can only be a change.)
            &[
                ("2/20.5/licensing/change", Some(19.0)),
                ("2/20.5/licensing/decisions", Some(40.0)),
                ("2/20.5/other_service/change", Some(0.0)),
            ],
        ),
        // `本年新收政府倍息公开申请数量,` / `７０５,３,０,０,５,０,７１３` / the heading
        // `### 二、上年结砖政府信息公开申请数量`, a label read by likeness: the
        // numbers printed before it went to it.
        (
            "shuyang-2025-ocrmd.salt8306.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/carried_in/natural_person", Some(36.0)),
                ("3/carried_in/total", Some(36.0)),
            ],
        ),
        // Section 三's heading wrapped and misread (`三、收到和处理政府信怠` /
        // `公开申请情况`), its labels wrapped too (`申` / `请人情况`): 三 was not found,
        // and section 二's fees took a glued row of 三 (300153006143119) or a
        // header's wrapped `６`.
        (
            "huaian-2024.salt7264.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("2/20.8/fees/amount", Some(96171.6))],
        ),
        (
            "shuyang-2025-ocrmd.salt7264.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("2/20.8/fees/amount", Some(4068.208))],
        ),
        // Glued rows under markdown headers (read as glued since the header's
        // `数据１` stopped counting as a number in a cell): the header row's `总计`
        // named （七）总计, and the next glued run, its label misread (`上年洁转…`),
        // went to it (36, 0, 0, … for 710, 3, 0, …).
        (
            "shuyang-2025-ocrmd.salt13299.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/results_total/natural_person", Some(710.0)),
                ("3/results_total/business", Some(3.0)),
            ],
        ),
        // Keyed list lines wrapped: `--；其他--；总计1` opened a line (an empty
        // cell's mark), taken for a list item's mark, so the next line's label
        // piece that names nothing (`正、行政机关不再处理其政府信：…`) was joined to
        // it and named 3.其他: 67, 3, 1, 71 for 108, 2, —, 110.
        (
            "huaian-2024.salt18521.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/other_misc/natural_person", Some(108.0)),
                ("3/other_misc/total", Some(110.0)),
            ],
        ),
        // Comma-separated rows in emphasis marks (`**（一）予以公开,"1,288",…,"1,362"**`):
        // the closing quote followed by `**` made the line no line of fields, one
        // text, and its label took the next row's numbers (447, 7, 0, 0, 0, 0, 454).
        (
            "huaian-2024.salt18932.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/disclosed/natural_person", Some(1288.0)),
                ("3/disclosed/legal_service", Some(50.0)),
                ("3/disclosed/total", Some(1362.0)),
            ],
        ),
        // `| 行政事业性收费 | 4` / `，〇68.208 |`: a wrap cut 4,068.208 at its
        // thousands separator, and the 4 was read as the amount.
        (
            "shuyang-2025-ocrmd.salt19250.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("2/20.8/fees/amount", None)],
        ),
        // `| 政府集中采购 | 29项 | 37` / `&nbsp; _551_ 661.7元`: a wrap cut the spaced
        // amount, and the emphasis marks before its rest hid that it was one.
        (
            "dongxin-2020.salt19339.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("2/20.9/procurement/amount", None)],
        ),
        // A frame's column numbers with OCR's look-alikes (`0  l  Z  3 … 1I  12`)
        // over section 四's row and its index: the per-layout reader took the
        // column numbers for the section's fifteen numbers (0, 3, 4, …, 14).
        (
            "hongze-2024-pdfraw.salt21642.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("4/review/pending", Some(0.0)),
                ("4/review/total", Some(2.0)),
                ("4/suit_after_review/other", Some(1.0)),
            ],
        ),
        // A frame written as CSV and wrapped: 本年新收's row over three lines
        // (`0,一、本年新收…` / `申请数量,--,…` / `,--`). The lines between ended the
        // count of indices, so the next row's index 1 was read as new/total.
        (
            "pages-013.salt25058.txt",
            "tests/fixtures/corpus/pages/013.truth.json",
            &[("3/new/total", None)],
        ),
        // A frame's column numbers and section 四's row under them, both wrapped
        // (`〇  1  Z … I3` / `14`, `0  0  0  O … 0` / `0`): the per-layout reader
        // took the column numbers for the section's numbers.
        (
            "pages-056.salt25533.txt",
            "tests/fixtures/corpus/pages/056.truth.json",
            &[
                ("4/review/pending", Some(0.0)),
                ("4/review/total", Some(0.0)),
            ],
        ),
        // A frame as markdown with emphasis marks and character references in
        // its column numbers (`| **0** | 1 | &nbsp;2 | 3 | __4__ |…`): they were
        // no column numbers to the readers, and became section 四's values.
        (
            "pages-056.salt26531.txt",
            "tests/fixtures/corpus/pages/056.truth.json",
            &[
                ("4/review/pending", Some(0.0)),
                ("4/review/total", Some(0.0)),
            ],
        ),
        (
            "dongxin-2020.salt1908.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/results_total/nonprofit", None),
                ("3/results_total/other_org", None),
            ],
        ),
        (
            "huaian-2024.salt46001.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/other_no_correction/natural_person", None),
                ("3/other_no_correction/business", None),
                ("3/other_no_correction/research", None),
                ("3/other_no_correction/legal_service", None),
                ("3/other_no_correction/total", Some(71.0)),
            ],
        ),
        (
            "dongxin-2020.salt46026.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/unavailable_not_held/legal_service", None)],
        ),
        (
            "shuyang-2025-ocrmd.salt46021.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("3/carried_out/natural_person", None)],
        ),
        (
            "hongze-2024-pdfraw.salt46221.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("3/withheld_query/total", None)],
        ),
        (
            "shuyang-2025-ocrmd.salt46497.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/other_no_correction/natural_person", None),
                ("3/other_no_correction/research", None),
            ],
        ),
        (
            "dongxin-2020.salt46960.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/new/natural_person", None), ("3/new/total", None)],
        ),
        (
            "015.salt46702.txt",
            "tests/fixtures/corpus/pages/015.truth.json",
            // Missing until a block of labels over numbers all alike (six 0s)
            // was read whichever way they run (parse::uniform).
            &[
                ("2/20.1/normative_doc/issued", Some(0.0)),
                ("2/20.1/normative_doc/in_force", Some(0.0)),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt46419.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("2/20.1/normative_doc/issued", None),
                ("2/20.1/normative_doc/in_force", None),
            ],
        ),
        (
            "huaian-2024.salt47160.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/disclosed/natural_person", None),
                ("3/disclosed/research", None),
                ("3/disclosed/nonprofit", None),
                ("3/disclosed/legal_service", None),
                ("3/disclosed/other_org", None),
                ("3/disclosed/total", None),
            ],
        ),
        // (Since full-width digits make a row of numbers to the HTML grid, the
        // table is laid out and its rows read right.)
        (
            "015.salt47344.txt",
            "tests/fixtures/corpus/pages/015.truth.json",
            &[
                ("2/20.1/normative_doc/issued", Some(0.0)),
                ("2/20.1/normative_doc/in_force", Some(0.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt47271.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("2/20.1/normative_doc/issued", None),
                ("2/20.1/normative_doc/repealed", None),
            ],
        ),
        (
            "002.salt47848.txt",
            "tests/fixtures/corpus/pages/002.truth.json",
            // Read right (0 and 0) since full-width digits make a row of numbers
            // to the HTML grid and its table is laid out.
            &[
                ("2/20.6/penalty/decisions", Some(0.0)),
                ("2/20.6/coercion/decisions", Some(0.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt46468.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("4/suit_after_review/pending", None)],
        ),
        (
            "002.salt48805.txt",
            "tests/fixtures/corpus/pages/002.truth.json",
            // (Read right since full-width digits make a row of numbers to the grid.)
            &[("2/20.5/licensing/decisions", Some(0.0))],
        ),
        (
            "dongxin-2020.salt46274.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/results_total/total", None)],
        ),
        (
            "huaian-2024.salt49494.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("3/carried_out/total", None)],
        ),
        (
            "010.salt49533.txt",
            "tests/fixtures/corpus/pages/010.truth.json",
            &[
                ("2/20.5/other_service/prev_year", None),
                ("2/20.5/other_service/change", None),
                ("2/20.5/other_service/decisions", None),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt52537.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("2/20.1/normative_doc/issued", None),
                ("2/20.1/normative_doc/in_force", None),
            ],
        ),
        (
            "huaian-2024.salt52722.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/other_unpaid_fee/natural_person", None),
                ("3/other_unpaid_fee/business", None),
                ("3/other_unpaid_fee/research", None),
                ("3/other_unpaid_fee/nonprofit", None),
                ("3/other_unpaid_fee/legal_service", None),
                ("3/other_unpaid_fee/other_org", None),
                ("3/other_unpaid_fee/total", None),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt53269.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/partly_disclosed/natural_person", None),
                ("3/partly_disclosed/business", None),
                ("3/partly_disclosed/legal_service", None),
                ("3/partly_disclosed/other_org", None),
            ],
        ),
        (
            "huaian-2024.salt53498.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("4/suit_after_review/other", None)],
        ),
        (
            "huaian-2024.salt53514.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/other_no_correction/natural_person", None),
                ("3/other_no_correction/business", None),
                ("3/other_no_correction/total", None),
            ],
        ),
        (
            "dongxin-2020.salt53721.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("4/suit_direct/upheld", None),
                ("4/suit_direct/total", None),
                ("4/suit_after_review/total", None),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt54444.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("2/20.6/coercion/decisions", None)],
        ),
        (
            "056.salt54751.txt",
            "tests/fixtures/corpus/pages/056.truth.json",
            &[
                ("4/suit_after_review/upheld", None),
                ("4/suit_after_review/pending", None),
                ("4/suit_after_review/total", None),
            ],
        ),
        (
            "huaian-2024.salt55308.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/unavailable_unclear/other_org", None),
                ("3/unavailable_unclear/total", None),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt57470.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/disclosed/natural_person", None),
                ("3/disclosed/business", None),
                ("3/disclosed/other_org", None),
            ],
        ),
        (
            "huaian-2024.salt56924.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("4/review/corrected", None),
                ("4/review/total", None),
                ("4/suit_after_review/other", None),
            ],
        ),
        (
            "huaian-2024.salt57739.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("3/new/research", None)],
        ),
        (
            "huaian-2024.salt58543.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("2/20.1/regulation/repealed", Some(0.0)),
                ("2/20.1/regulation/in_force", Some(11.0)),
                ("2/20.1/normative_doc/issued", Some(8.0)),
                ("2/20.1/normative_doc/repealed", Some(26.0)),
            ],
        ),
        (
            "010.salt58266.txt",
            "tests/fixtures/corpus/pages/010.truth.json",
            &[
                ("2/20.5/licensing/change", Some(19.0)),
                ("2/20.5/licensing/decisions", Some(40.0)),
                ("2/20.5/other_service/change", Some(0.0)),
            ],
        ),
        (
            "shuyang-2025-ocrmd.salt58338.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("2/20.6/coercion/decisions", None)],
        ),
        (
            "dongxin-2020.salt60218.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/results_total/natural_person", Some(2.0)),
                ("3/results_total/total", Some(2.0)),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt60368.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("3/other/natural_person", None), ("3/other/total", None)],
        ),
        (
            "hongze-2024-pdfraw.salt60468.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("2/20.1/regulation/repealed", None)],
        ),
        (
            "hongze-2024-pdfraw.salt60672.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("2/20.6/penalty/decisions", Some(2776.0)),
                ("2/20.6/coercion/decisions", Some(84.0)),
            ],
        ),
        (
            "huaian-2024.salt60831.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/rejected_complaint/natural_person", Some(56.0)),
                ("3/rejected_complaint/total", Some(62.0)),
            ],
        ),
        (
            "dongxin-2020.salt62431.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/carried_out/natural_person", None),
                ("3/carried_out/total", None),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt63096.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("2/20.6/coercion/decisions", None)],
        ),
        (
            "shuyang-2025-ocrmd.salt64568.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[("2/20.1/normative_doc/issued", Some(6.0))],
        ),
        // Rows stacked in an HTML table's one-column row, full-width digits: no
        // table was laid out (its digits were no numbers to the grid), and the raw
        // row's numbers went to the later label.
        (
            "huaian-2024.salt70099.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("2/20.6/penalty/decisions", Some(3985758.0)),
                ("2/20.6/coercion/decisions", Some(88283.0)),
            ],
        ),
        // A stacked HTML row whose cell `40⑴<br>0` did not read as a stack: the
        // row's cells read with their breaks as spaces, and `21 0` split as glued
        // digits into 2, 1, 0.
        (
            "010.salt70262.txt",
            "tests/fixtures/corpus/pages/010.truth.json",
            &[
                ("2/20.5/other_service/prev_year", Some(0.0)),
                ("2/20.5/other_service/change", Some(0.0)),
            ],
        ),
        // A frame's column numbers, `〇  2  3 … l4  15` (OCR's 〇 and l, the 1
        // lost), read as section 四's row. Read right since such a run with one
        // number missing is known as column numbers (salt 96929).
        (
            "dongxin-2020.salt70369.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("4/review/corrected", Some(0.0)),
                ("4/review/other", Some(0.0)),
                ("4/review/pending", Some(0.0)),
                ("4/review/total", Some(0.0)),
            ],
        ),
        // `0注1` (a footnote's mark) made the section glued text, and 政府集中采购's
        // `29` (its unit cut onto the next line) was split into 2 and 9.
        (
            "dongxin-2020.salt70472.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("2/20.9/procurement/projects", None),
                ("2/20.9/procurement/amount", None),
            ],
        ),
        // `一、本年 3 001 0` / `新收政府信息公开申请数量 53 0 61 4 3 119`: a row OCR
        // parted by height, read from its second line as a row one number short.
        (
            "huaian-2024.salt73640.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/new/natural_person", None),
                ("3/new/business", None),
                ("3/new/research", None),
                ("3/new/nonprofit", None),
                ("3/new/legal_service", None),
                ("3/new/other_org", None),
            ],
        ),
        // Glued digits with a footnote's mark between them (`行政规范性文件826【注】66`):
        // `826` was split into the row's three cells.
        (
            "huaian-2024.salt76320.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("2/20.1/normative_doc/repealed", None),
                ("2/20.1/normative_doc/in_force", None),
            ],
        ),
        // A frame written as CSV, a narrow wrap cutting `不适用` and a row over four
        // lines: the index count stopped after two, and `6,（七）总计` gave the
        // row before it its total, 6.
        (
            "dongxin-2020.salt75768.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/other/total", None)],
        ),
        // A frame's row `一、本年新收政府信息公开申请数量 95注②  空  --  …  95  NaN`:
        // the label and its first number one space apart were one cell, and the
        // row's other cells (a NaN the frame padded it with among them) filled it
        // one column early.
        (
            "hongze-2024-pdfraw.salt76032.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("3/new/other_org", None)],
        ),
        // `行政许可,0注1` (one cell of text): the mark's 1 was split off as the
        // number glued to the label.
        (
            "013.salt75804.txt",
            "tests/fixtures/corpus/pages/013.truth.json",
            &[("2/20.5/licensing/decisions", None)],
        ),
        // `Z776注1`: OCR's 2776 with a footnote's mark; the mark's 1 was read.
        (
            "hongze-2024-pdfraw.salt73274.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[("2/20.6/penalty/decisions", None)],
        ),
        // Section 三 rotated, its header naming 23 rows (two of the template's
        // left out), read in the template's order: every number of the later rows
        // one row off, which cells mostly empty let the identities pass.
        (
            "shuyang-2025-ocrmd.salt73997.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("3/rejected_complaint/natural_person", None),
                ("3/rejected_confirmation/natural_person", None),
                ("3/rejected_excessive/natural_person", None),
            ],
        ),
        (
            "huaian-2024.salt46373.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("3/withheld_internal/legal_service", None)],
        ),
        // A row's numbers on its label's line and the line after, the label's
        // line short (`（七）总计  0` / `95 0 0 0 0注② 95`): no wrap, an engine's
        // boxes joined by height; read in the order printed, 0 and 95 swapped.
        (
            "hongze-2024-pdfraw.salt73805.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/results_total/natural_person", None),
                ("3/results_total/business", None),
            ],
        ),
        (
            "hongze-2024-pdfraw.salt75062.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            &[
                ("3/rejected_complaint/natural_person", None),
                ("3/rejected_complaint/business", None),
            ],
        ),
        // A CSV record whose label's cell stacks the label and a number
        // (`"一、本年新收…` / `0注②","2` / `0","0` / …): no stack of rows, its
        // cells' lines joined ran on into one row, 0 and 2 swapped.
        (
            "dongxin-2020.salt76388.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/new/natural_person", None), ("3/new/business", None)],
        ),
        // Seven labels (one misread, `（六）其她外理`), then seven lines of seven
        // cells written column by column: counted as rows, with the unread
        // row's line set aside, 2.重复申请 took the first column's cells.
        (
            "dongxin-2020.salt76491.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/rejected_repeat/other_org", None)],
        ),
        // `行政规范性文件6＊132` (6＊, 1, 32 glued): the digits after the mark were
        // read alone as a run and split into the row's three cells, 1, 3, 2.
        (
            "shuyang-2025-ocrmd.salt76786.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            &[
                ("2/20.1/normative_doc/issued", None),
                ("2/20.1/normative_doc/repealed", None),
                ("2/20.1/normative_doc/in_force", None),
            ],
        ),
        // A frame of two columns written as CSV (`,0,1` / `0,暂天,暂无`, its
        // label a misread `暂无`): its column numbers and index filled the row
        // above, 行政规范性文件, with 0, 1, 0.
        (
            "002.salt77530.txt",
            "tests/fixtures/corpus/pages/002.truth.json",
            &[
                ("2/20.1/normative_doc/issued", None),
                ("2/20.1/normative_doc/repealed", None),
                ("2/20.1/normative_doc/in_force", None),
            ],
        ),
        // A quoted CSV record stacking three rows, read as plain text: its
        // numbers a line each, `-","-` between them, filled the last of the
        // three labels (四、结转下年度继续办理 took （七）总计's two 2s).
        (
            "dongxin-2020.salt77408.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/carried_out/natural_person", None),
                ("3/carried_out/total", None),
            ],
        ),
        // `…申靖数量200000（注）2` (its digits around a mark now text), then
        // `二、上年洁转政府倍息公开申请数量0000000` (a label misread past likeness):
        // row new waited on and took the next line's zeros.
        (
            "dongxin-2020.salt76541.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[("3/new/natural_person", None), ("3/new/total", None)],
        ),
        // PyMuPDF's text of a PDF of our own through grid_tables+ocr_lost: a
        // grid row that lost a cell (`| 规章 | 433 | 716 |`) waited, and with the
        // next row (`| 规范性文 | 1593 | 0 |`, `| 件 |  |  |  |`) its numbers were
        // read down the columns, a line per column: numbers printed before a
        // later row's label are read in neither order.
        (
            "b-2020.pymupdf.salt95655.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            &[
                ("2/20.1/regulation/made", None),
                ("2/20.1/regulation/published", None),
                ("2/20.1/regulation/total_public", None),
            ],
        ),
        // Two numbers a group space apart where the report prints others in
        // groups (`1 593`) and a cell was lost or moved: `管理服务事项 0 53 398`
        // (-18 moved above by OCR's heights), `2 310` on a docx2txt line of its
        // own (a cell lost), `０  １ ５９３` a column of a table printed column by
        // column (a cell lost): read as two cells by the count (src/parse/spaced.rs).
        (
            "b-2020.pdftotext-layout.salt95847.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            &[
                ("2/20.5/other_service/change", None),
                ("2/20.5/other_service/decisions", None),
            ],
        ),
        (
            "one-a.docx2txt.salt95820.txt",
            "tests/fixtures/docx/one-a.truth.json",
            &[
                ("2/20.1/normative_doc/made", None),
                ("2/20.1/normative_doc/published", None),
            ],
        ),
        // PyMuPDF's text of a PDF of our own through ocr_heights: two rows whose
        // numbers a piece of their label parts (`7.属于行政执法 0 0` / `案卷 0 1 0 0 1`,
        // `其政府信息 1 0` / `公开申请 1 0 0 0 2`), read in the order printed with a 1
        // in the wrong column each, one moved right and one left: the sums down
        // the columns held and confirmed both.
        (
            "e-2024.pymupdf.salt95851.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[
                ("3/withheld_enforcement_file/research", None),
                ("3/withheld_enforcement_file/nonprofit", None),
                ("3/other_unpaid_fee/research", None),
                ("3/other_unpaid_fee/nonprofit", None),
            ],
        ),
        // pdftotext -layout's text of a PDF of our own through ocr_labels+
        // csv_cells: a group's wrapped words and a row's label on one CSV line
        // (`果,3.危及“三安全一稳`) were taken for a header, and the numbers after it
        // went to the label waiting above (`禁止公开`, row withheld_law).
        (
            "b-2020.pdftotext-layout.salt95961.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            &[
                ("3/withheld_law/natural_person", None),
                ("3/withheld_law/legal_service", None),
                ("3/withheld_law/total", None),
            ],
        ),
        // pdftotext -raw's text of a PDF of our own through ocr_labels+glued+
        // fullwidth_digits: section 三's heading misread past likeness
        // (`三、收到和外埋政府信怠公幵甲请情况`), so section 二 ran on; its last
        // label, its amount glued on and unread, took sixteen lines of section
        // 三's header as the label's continuation, then section 三's first glued
        // row as its amount (`４０７１１０７５７０`). Section 三 now found by its
        // header's words, the glued amount is read (31189.22).
        (
            "c-2021.pdftotext-raw.salt96075.txt",
            "tests/fixtures/converted/c-2021.truth.json",
            &[("2/20.8/fees/amount", Some(31189.22))],
        ),
        // pdftotext -raw's text of a PDF of our own through footnote_marks+
        // ocr_lost: `规章 50 0`, a row of section 二 that lost a cell, was split as
        // glued digits into 5 | 0 | 0 (the one split of 500 into three cells), no
        // identity through the cells to confirm it.
        (
            "e-2024.pdftotext-raw.salt95953.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[
                ("2/20.1/regulation/issued", None),
                ("2/20.1/regulation/repealed", None),
            ],
        ),
        // An OCR look-alike in a number's head group before a narrow no-break
        // space (`B8 283`, `B7 967` for 88283, 87967): the text before the last
        // group was taken for a label with the number glued on, and 283 read.
        (
            "huaian-2024.salt96102.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[("2/20.6/coercion/decisions", None)],
        ),
        (
            "d-2023.pdftotext-raw.salt95873.txt",
            "tests/fixtures/converted/d-2023.truth.json",
            &[("2/20.6/penalty/decisions", None)],
        ),
        // pdftotext -raw's text of a PDF of our own through labels_above+
        // ocr_lost+units_after+spaces_in_numbers: two pairs a group space apart in
        // one table (`0 433 716`, `1 593 0`), where the report prints `2 961`:
        // only the first pair's row was set aside, and 1593 was read as 1 and 593.
        (
            "b-2020.pdftotext-raw.salt96379.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            &[
                ("2/20.1/normative_doc/made", None),
                ("2/20.1/normative_doc/published", None),
            ],
        ),
        // docx2txt's text of a Word report of our own through labels_above+
        // ocr_lost+spaces_in_numbers+md_emphasis: `_89_ 396.15`, a head group
        // emphasised apart from its last group, the row's count a cell short:
        // read as 89 projects and 396.15 of money.
        (
            "one-a.docx2txt.salt96377.txt",
            "tests/fixtures/docx/one-a.truth.json",
            &[
                ("2/20.9/procurement/projects", None),
                ("2/20.9/procurement/amount", None),
            ],
        ),
        // LibreOffice's text of a Word report of our own through footnote_marks+
        // single_spaces+spaces_in_numbers+page_headers: `规章 0 342(注1) 1 964`.
        // The mark and the space after it were taken for a mark glued between
        // digits, the `1` after it skipped, and `964` read alone as a glued run,
        // cut 9 | 6 | 4 (the only split of three digits into three cells).
        (
            "one-a.soffice-txt.salt96413.txt",
            "tests/fixtures/docx/one-a.truth.json",
            &[
                ("2/20.1/regulation/made", None),
                ("2/20.1/regulation/published", None),
                ("2/20.1/regulation/total_public", None),
                ("2/20.1/normative_doc/made", None),
                ("2/20.1/normative_doc/published", None),
                ("2/20.1/normative_doc/total_public", None),
            ],
        ),
        // PyMuPDF's text of a PDF of our own through title_split+column_major+
        // spaces_in_numbers+ocr_digits: `96\u{2009}25l`, 96251 printed in groups
        // parted by a thin space, its last group misread: 96 was read as the
        // number.
        (
            "b-2020.pymupdf.salt96425.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            &[("2/20.5/licensing/decisions", None)],
        ),
        // pdftotext -raw's text of a PDF of our own through dash_empty+
        // ocr_labels+docling_spans+ocr_lost: `|  | 1 | - | -  | - | - | 2 |` under
        // a header of eight cells (`| 项目 | 数据1 | … | 数据7 |`), its label on the
        // lines above and one number lost: the empty label cell took the lost
        // number's place, and 1 was read in the second column.
        (
            "e-2024.pdftotext-raw.salt96496.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[
                ("3/other_unpaid_fee/natural_person", None),
                ("3/other_unpaid_fee/business", None),
                ("3/other_unpaid_fee/total", None),
            ],
        ),
        // docx2txt's text of a Word report of our own through ocr_heights: eight
        // rows whose numbers a piece of their label parts, set aside by the reading
        // across (their order not known); four of them had a 1 moved a column, in
        // a ring that kept every sum down the columns, and the reading down the
        // columns took each row in the order printed as a band of one row.
        (
            "one-a.docx2txt.salt96528.txt",
            "tests/fixtures/docx/one-a.truth.json",
            &[
                ("3/withheld_law/nonprofit", None),
                ("3/withheld_law/legal_service", None),
                ("3/withheld_process/nonprofit", None),
                ("3/withheld_process/other_org", None),
                ("3/unavailable_not_held/research", Some(0.0)),
                ("3/unavailable_not_held/other_org", None),
                ("3/rejected_excessive/research", Some(1.0)),
                ("3/rejected_excessive/legal_service", Some(0.0)),
            ],
        ),
        // PyMuPDF's text of a PDF of our own through grid_tables+units_after+
        // spaces_in_numbers+md_emphasis: a ruled row whose label wraps
        // (`| （七） | 75 件 | … |` / `| 总计 |  |  | … |`): `（七）` names no row, and
        // `总计` on the row's second line waited past the rule and took the next
        // ruled row's numbers (`| 四、结 | 1 件 | … |`, its label cut).
        (
            "e-2024.pymupdf.salt96658.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[
                ("3/results_total/natural_person", None),
                ("3/results_total/business", None),
                ("3/results_total/total", None),
            ],
        ),
        // docx2txt's text of a Word report of our own through ocr_heights+
        // units_after+spaces_in_numbers+invisible_chars: `其他对外管理服务 2 436 35`
        // / `事项 0` for 2436, 35, 0, in a report that prints `1 540`. Two readings
        // disagreed on the 2 (missing), and both read 436 and 35 after it.
        (
            "two-a.docx2txt.salt96655.txt",
            "tests/fixtures/docx/two-a.truth.json",
            &[
                ("2/20.5/other_service/change", None),
                ("2/20.5/other_service/decisions", None),
            ],
        ),
        // docx2txt's text, one cell a line, with 20.9's `0` lost: `10 181`, the
        // one line of two numbers, was read as the projects and the amount.
        (
            "two-a.docx2txt.salt97097.txt",
            "tests/fixtures/docx/two-a.truth.json",
            &[
                ("2/20.9/procurement/projects", None),
                ("2/20.9/procurement/amount", None),
            ],
        ),
        // pdftotext -layout's text of a PDF of our own through title_split+
        // frame+ocr_lost: a frame printed with spaces between its cells, a row
        // under its column numbers that lost a cell (`   0  1  2  3  4  5  6` /
        // `0  2  0  0  0  0  2`): the column numbers were not known as such (the
        // row under them held as many numbers as the columns), and the index 0
        // was read as the row's first number.
        (
            "a-2019.pdftotext-layout.salt96519.txt",
            "tests/fixtures/converted/a-2019.truth.json",
            &[
                ("3/unavailable_unclear/natural_person", None),
                ("3/unavailable_unclear/business", None),
            ],
        ),
        // pdftotext -layout's text of a PDF of our own through frame+ocr_lost+
        // ocr_digits: a markdown frame's row a cell short of its header, its
        // index misread (`|  〇 | 2  | 0 | 0 | o | 0 | 2 |`): `〇` was read as 0 in
        // the row's first column.
        (
            "e-2024.pdftotext-layout.salt96710.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[
                ("3/unavailable_unclear/natural_person", None),
                ("3/unavailable_unclear/business", None),
            ],
        ),
        // pandoc's plain text of a report of our own through ocr_labels+
        // transposed+ocr_lost+spaces_in_numbers: `规范性文件   2 842   13`, a line
        // that parts its cells by wide runs of spaces, 2842 printed in groups and
        // a cell lost; no number read whole shows the report groups digits so,
        // and 2 | 842 | 13 was read by the count.
        (
            "a-2019.pandoc-plain.salt96718.txt",
            "tests/fixtures/converted/a-2019.truth.json",
            &[
                ("2/20.1/normative_doc/made", None),
                ("2/20.1/normative_doc/published", None),
            ],
        ),
        // pdftotext -raw's text of a PDF of our own through na_words+ocr_labels+
        // latex_tabular+units_after: `\text{规章 木适用} & $433$ & $716$ &  \\`,
        // the row's first cell (`不适用`, misread) in its label's cell: the cells
        // after it were read a column to the left (433 made, 716 published).
        (
            "b-2020.pdftotext-raw.salt96817.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            &[
                ("2/20.1/regulation/made", None),
                ("2/20.1/regulation/published", Some(433.0)),
            ],
        ),
        // A head group read as a number, and its last group no reading took
        // for one: misread (`89 396.l5`, LibreOffice's text of a Word report of
        // our own through transposed+ocr_lost+spaces_in_numbers+ocr_digits) or
        // with a footnote's mark a wrap cut after it (`3 103.5066【注`, pdftotext
        // -raw's text of a PDF of our own through footnote_marks+transposed+
        // spaces_in_numbers+wrap): 89 was read as the projects, 3 as the fees.
        (
            "one-a.soffice-txt.salt96918.txt",
            "tests/fixtures/docx/one-a.truth.json",
            &[("2/20.9/procurement/projects", None)],
        ),
        (
            "e-2024.pdftotext-raw.salt96906.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[("2/20.8/fees/amount", None)],
        ),
        // docx2txt's text of a Word report of our own through thousands_commas+
        // frame+ocr_lost+md_emphasis: section 四's frame, its column numbers with
        // one lost (`0  2  3  4   5  6  7  _8_   9  10 … 15`), read as section 四's
        // values.
        (
            "three-a.docx2txt.salt96929.txt",
            "tests/fixtures/docx/three-a.truth.json",
            &[("4/review/corrected", None), ("4/review/other", None)],
        ),
        // pandoc's plain text of a report of our own through frame+wrap: a
        // frame's row, its cells two spaces apart or more, the next row's index
        // wrapped under it (`1  0  0   0   0  0   1` / `11`): eight numbers for
        // seven cells, and `1` and `0` were joined as 10, the one join the row's
        // sum allowed (10 + 1 = 11).
        (
            "c-2021.pandoc-plain.salt96975.txt",
            "tests/fixtures/converted/c-2021.truth.json",
            &[
                ("3/withheld_enforcement_file/natural_person", None),
                ("3/withheld_enforcement_file/other_org", None),
                ("3/withheld_enforcement_file/total", None),
            ],
        ),
        // pdfplumber's text of a PDF of our own through frame+ocr_lost+
        // md_emphasis: a frame of one row under its column numbers (`| 3<br> |`
        // among them, not read as such), the row a cell short
        // (`| 0 | 2 | 0 | 0 | 0 | 0 | 2 |`): its index 0 was read as the row's
        // first number, the rest one column to the right.
        (
            "e-2024.pdfplumber.salt96170.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[
                ("3/unavailable_unclear/natural_person", None),
                ("3/unavailable_unclear/business", None),
            ],
        ),
        // pdftotext -raw's text of a PDF of our own through footnote_marks+
        // labels_block+units_after+wrap: section 四's header words wrapped one a
        // line in narrow columns, thirty lines between `行政复议` and the numbers.
        // A rule tried this session (labels wait past at most six lines of text
        // naming nothing) dropped the label, and the fifteen numbers moved a
        // group: every group's sum still held (10 wrong numbers). Kept as a guard.
        (
            "a-2019.pdftotext-raw.salt96199.txt",
            "tests/fixtures/converted/a-2019.truth.json",
            &[
                ("4/suit_direct/upheld", Some(9.0)),
                ("4/suit_direct/total", Some(14.0)),
                ("4/suit_after_review/corrected", Some(59.0)),
                ("4/suit_after_review/total", Some(66.0)),
            ],
        ),
        // Glued digits with a footnote's mark after them and more of the row
        // after the mark (`规章空50†空`, `规章860（注）×`): the mark was read as the
        // row's end, and the digits before it split into the cells left (50 as
        // 5 and 0, 60 as 6 and 0).
        (
            "e-2024.pdftotext-raw.salt95925.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            &[
                ("2/20.1/regulation/repealed", None),
                ("2/20.1/regulation/in_force", None),
            ],
        ),
        (
            "three-b.docx2txt.salt95949.txt",
            "tests/fixtures/docx/three-b.truth.json",
            &[
                ("2/20.1/regulation/repealed", None),
                ("2/20.1/regulation/in_force", None),
            ],
        ),
        (
            "b-2020.pdftotext-raw.salt95841.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            &[
                ("2/20.1/regulation/published", None),
                ("2/20.1/regulation/total_public", None),
                ("2/20.1/normative_doc/made", None),
                ("2/20.1/normative_doc/published", None),
            ],
        ),
    ];
    let mut changed: Vec<String> = Vec::new();
    for (file, truth, were_wrong) in cases {
        let bytes =
            std::fs::read(root().join("tests/fixtures/torture").join(file)).expect("fixture");
        let r = zfxxgk::parse_as(file, zfxxgk::model::Format::Txt, &bytes);
        let got: BTreeMap<String, Option<f64>> = r
            .keyed_cells()
            .into_iter()
            .map(|(k, s)| {
                let v = s
                    .filter(|s| s.state.has_value())
                    .and_then(|s| s.value)
                    .and_then(|v| v.to_string().parse::<f64>().ok());
                (k, v)
            })
            .collect();
        let truth = if truth.ends_with("cells.csv") {
            dongxin().truth
        } else {
            truth_of(truth)
        };
        for (key, want) in &truth {
            if let Some(v) = got.get(key).copied().flatten() {
                assert_eq!(Some(v), *want, "{file} {key}");
            }
        }
        for (key, want) in *were_wrong {
            let have = got.get(*key).copied().flatten();
            if have != *want {
                changed.push(format!("{file} {key}: {have:?}, the case says {want:?}"));
            }
        }
    }
    // Cells read right that the case still has missing (a later change read them)
    // are listed all at once: each is to be checked against its truth and its case
    // brought up to date.
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}

/// Texts a salted draw once read with an empty cell or a mark where a number was
/// printed (tests/fixtures/torture/README.md): no cell whose truth is a number is
/// read `blank` or `na`.
#[test]
fn salted_draws_read_no_number_as_an_empty_cell() {
    let golden = "tests/golden/dongxin-2020/cells.csv";
    // (file, truth, whether the draw printed zeros as dashes: dash_empty, whose
    // zeros are then expected empty).
    for (file, truth, dashed) in [
        // pdftotext -raw of a PDF of our own through footnote_marks+ocr_heights+
        // spaces_in_numbers: `其他对外管理服 0 53 398` with a narrow no-break
        // space between 53398's groups, read as two cells (53 and 398).
        (
            "b-2020.pdftotext-raw.thin-spaces.txt",
            "tests/fixtures/converted/b-2020.truth.json",
            false,
        ),
        // pdftotext -layout of a PDF of our own through wrap (salt 95729 while it
        // was tried as an input): `行政事业性收费  0  -` / `6`, a wrap between -6's
        // sign and digit; the `-` was read as the mark of an empty cell.
        (
            "a-2019.pdftotext-layout.salt95729.txt",
            "tests/fixtures/converted/a-2019.truth.json",
            false,
        ),
        // docx2txt's text of a Word report through na_words+glued(+wrap, with
        // title_split): words of several characters for empty cells glued to
        // the digits (`行政许可暂无20暂无`, `行政事业性收费null-14`). The glued reader
        // knows one-character marks: 20 was read as 2 and 0, -14 as 1 and 4.
        (
            "one-a.salt95566.txt",
            "tests/fixtures/docx/one-a.truth.json",
            true,
        ),
        (
            "two-a.salt95584.txt",
            "tests/fixtures/docx/two-a.truth.json",
            true,
        ),
        // The same with a Han word for the empty cell (`行政事业性收费（空）-１４`):
        // -14 read as 14, its sign left with the word.
        (
            "two-a.salt95640.txt",
            "tests/fixtures/docx/two-a.truth.json",
            true,
        ),
        // pdftotext -raw of a PDF of our own through thousands_commas+glued+
        // ocr_digits: `政府集中采购1,25631,945.6` (1,256 and 31,945.6) was read as
        // a line of comma-separated fields, 25631 and 945.6.
        (
            "a-2019.pdftotext-raw.commas-glued.txt",
            "tests/fixtures/converted/a-2019.truth.json",
            false,
        ),
        // pdftotext -raw of a PDF of our own (narrow label columns: labels wrap,
        // each row's cells on the line after its label's last piece) through
        // dash_empty+glued: `诉类申请` / `——1无1---2`. The marks opening the line
        // were taken for the label's tail, and the row's seven cells read from
        // the six after them, one column to the left (2 rows, 6 wrong numbers).
        (
            "c-2021.pdftotext-raw.dash-glued.txt",
            "tests/fixtures/converted/c-2021.truth.json",
            true,
        ),
        // docx2txt's text of a Word table with three label columns (cells parted
        // by a blank line, five before each row's label: the merged label
        // columns' empty cells) through ocr_lost: a row that lost its first
        // number took the first of those empty cells as its last, its numbers
        // one column to the left (`withheld_security` 0 for 1).
        (
            "three-b.docx2txt.ocr-lost.txt",
            "tests/fixtures/docx/three-b.truth.json",
            false,
        ),
        // A crawler's text through thousands_commas+frame+wrap (pandas' CSV with
        // its index, labels wrapped): `0,（五）不予处理  1.信访举报投诉类申请,` over
        // its numbers was read as a header, and the numbers went to the label
        // left waiting above (`申请内容仍不明确`, a row's wrapped tail).
        (
            "wps-a.inscriptis.frame-csv.txt",
            "tests/fixtures/crawled/wps-a.truth.json",
            false,
        ),
        // A ruled row cut by a page break, its label's first piece misread by OCR
        // (`2.甚他法律行政`): the row took the empty cells of the line with its
        // label's rest; the joined rows read as many cells and were not kept.
        (
            "013.salt92597.txt",
            "tests/fixtures/corpus/pages/013.truth.json",
            false,
        ),
        // A grid row made wider than its uncut rule, cut right after a border
        // (`… │ ０ 件 │` / `０件 │ … │`): its lines did not share their borders.
        (
            "shuyang-2025-ocrmd.salt86862.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            false,
        ),
        // Section 三 printed with rows and columns swapped, wrapped: the row of
        // the applicant type `其他`, after those of the other types, was read as
        // the row 3.其他, its marks of empty cells where 1 and 142 were printed.
        (
            "shuyang-2025-ocrmd.salt91443.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            true,
        ),
        // A grid row wider than its rule (a unit after each number) wrapped,
        // its rule not: the row's lines did not share their borders, and the
        // label's next line gave the row its empty cells.
        (
            "shuyang-2025-ocrmd.salt90425.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            false,
        ),
        ("dongxin-2020.salt46026.txt", golden, false),
        ("dongxin-2020.salt46032.txt", golden, false),
        ("dongxin-2020.salt46008.txt", golden, false),
        // A frame's ragged row padded with `NaN` where 0 was printed: unresolved.
        ("dongxin-2020.salt74025.txt", golden, false),
        // `4 068.Z08` (a narrow no-break space between groups, OCR's Z for 2):
        // the groups joined were read as a misread number's empty-cell mark, `na`,
        // where 4068.208 was printed; now text, and the cell missing.
        (
            "shuyang-2025-ocrmd.salt88148.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            true,
        ),
        // A row `3 / 8` (3, an empty cell, 8) among page footers `1/37`: a row,
        // not a page marker of another total (the next row's `/ / /` had taken
        // its place).
        (
            "hongze-2024-pdfraw.salt80078.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            true,
        ),
        // OCR's 〇 with a footnote's mark (`〇③`, `〇【注】`): no look-alike then,
        // its cell text, and an empty cell after it took its place.
        (
            "002.salt73630.txt",
            "tests/fixtures/corpus/pages/002.truth.json",
            false,
        ),
        (
            "015.salt73661.txt",
            "tests/fixtures/corpus/pages/015.truth.json",
            false,
        ),
        (
            "002.salt74229.txt",
            "tests/fixtures/corpus/pages/002.truth.json",
            false,
        ),
        (
            "hongze-2024-pdfraw.salt52537.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            true,
        ),
        ("dongxin-2020.salt54046.txt", golden, true),
        ("dongxin-2020.salt57076.txt", golden, false),
        ("dongxin-2020.salt62472.txt", golden, false),
        (
            "hongze-2024-pdfraw.salt64138.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            true,
        ),
        // A row cut in two over a page marker (`| 规章 | 0 |  |  |` / `—12—` /
        // `| 0注② | 0 |  |  |`): its empty cells read as empty.
        ("dongxin-2020.salt74811.txt", golden, false),
        // A TeX row whose label cell holds the row's numbers
        // (`1.属于国家秘密 0 0 0 0 0 0注② & 0 & & …`): the empty cells after it read
        // as empty.
        (
            "hongze-2024-pdfraw.salt76359.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            false,
        ),
        (
            "hongze-2024-pdfraw.salt76528.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            false,
        ),
        // Rows a wrap cut after the label's line, in a run of spaces or markup
        // (`规章            I` / `     NA        11`; a stacked pipe row,
        // `息 | —<br/>31 | 空` / `<br/>— | /<br/>/ | ／`): read in the order printed,
        // a mark of an empty cell stood where a number was printed.
        (
            "huaian-2024.salt75098.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            false,
        ),
        (
            "hongze-2024-pdfraw.salt75633.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            true,
        ),
        // A CSV record of a wrapped label's piece, padding and the half of a
        // markdown emphasis a wrap left (`形，不,,,,,,,,,,,,,,*`): the padding
        // between the piece and `*` had been read as the row's seven blank cells.
        (
            "hongze-2024-pdfraw.salt83193.txt",
            "tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json",
            false,
        ),
        // A line per column after a block of labels, holding OCR look-alikes
        // (`Z` for 2) and marks of empty cells only (`Z  -` / `-  -` / …): no
        // number to tell the two orders apart, and read along the rows `-` took
        // the place of 2 (new/total).
        ("dongxin-2020.salt82259.txt", golden, true),
        // pdftotext -raw of a PDF of our own through ocr_labels+grid_tables+
        // units_after+ocr_digits: row carried_out, set aside for `Z 件` among its
        // numbers, was met again on its label's wrapped line
        // (`| 继续办理 |  |  | … |`) and took that line's empty cells.
        // pandoc's grid table of a report of our own through grid_tables+
        // units_after+wrap: a ruled row whose numbers stand on its first line
        // and whose label wraps over five (`| （五）不 | 1 件 | … |` / `| 1.信访举 |` /
        // `| 报投诉类 |  |  | … |`): the row named by the later piece took that
        // line's empty cells.
        (
            "a-2019.pandoc-plain.salt96118.txt",
            "tests/fixtures/converted/a-2019.truth.json",
            false,
        ),
        // PyMuPDF's text of a PDF of our own through headings_misspelt+na_words+
        // ocr_labels+docling_spans: `| 木适用 | -17 | 33 |  |`, OCR's 不适用 read as
        // text, the row's cells one column to the left and its last read from
        // the grid's empty cell.
        (
            "a-2019.pymupdf.salt95871.txt",
            "tests/fixtures/converted/a-2019.truth.json",
            true,
        ),
        (
            "e-2024.pdftotext-raw.salt95786.txt",
            "tests/fixtures/converted/e-2024.truth.json",
            false,
        ),
        (
            "shuyang-2025-ocrmd.salt82196.txt",
            "tests/fixtures/corpus/converters/shuyang-2025-ocrmd.truth.json",
            true,
        ),
    ] {
        let bytes =
            std::fs::read(root().join("tests/fixtures/torture").join(file)).expect("fixture");
        let r = zfxxgk::parse_as(file, zfxxgk::model::Format::Txt, &bytes);
        let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
            r.keyed_cells().into_iter().collect();
        let mut truth = if truth == golden {
            dongxin().truth
        } else {
            truth_of(truth)
        };
        if dashed {
            for v in truth.values_mut() {
                *v = v.filter(|v| *v != 0.0);
            }
        }
        let mut empty = Vec::new();
        for (key, want) in &truth {
            let got = cells.get(key).copied().flatten();
            if want.is_some() && got.is_some_and(|s| matches!(s.state, State::Blank | State::Na)) {
                empty.push(key.clone());
            }
        }
        assert!(
            empty.is_empty(),
            "{file}: numbers read as empty cells: {empty:?}"
        );
    }
}

/// Section 四 printed one number a line under its header (dongxin's layout), with
/// sums the report itself got wrong, is read in the template's order: the table is
/// one row of fifteen cells, so read down its columns or along its row the numbers
/// come in the same order (an order check meant for wider tables once left all
/// fifteen missing on 20,000 such reports).
#[test]
fn section_four_one_number_a_line_with_its_own_sums_wrong_is_read() {
    let text = std::fs::read_to_string(root().join("samples/dongxin-2020.txt")).expect("sample");
    let want = [2, 1, 0, 3, 13, 3, 1, 2, 8, 5, 3, 0, 3, 2, 1];
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for (k, v) in want.iter().enumerate() {
        // Lines 375..=389 hold the fifteen numbers (tests/golden/dongxin-2020).
        let l = &mut lines[374 + k];
        assert!(
            l.trim().trim_matches('\u{a0}') == "0",
            "line {}: {l:?}",
            375 + k
        );
        *l = format!("\t{v}");
    }
    let r = zfxxgk::parse_report("dongxin-2020.txt", lines.join("\n").as_bytes());
    let cells: BTreeMap<String, Option<f64>> = r
        .keyed_cells()
        .into_iter()
        .filter(|(k, _)| k.starts_with("4/"))
        .map(|(k, s)| {
            let v = s
                .filter(|s| s.state.has_value())
                .and_then(|s| s.value)
                .and_then(|v| v.to_string().parse::<f64>().ok());
            (k, v)
        })
        .collect();
    let keys = ["review", "suit_direct", "suit_after_review"];
    let cols = ["upheld", "corrected", "other", "pending", "total"];
    for (k, v) in want.iter().enumerate() {
        let key = format!("4/{}/{}", keys[k / 5], cols[k % 5]);
        assert_eq!(
            cells.get(&key).copied().flatten(),
            Some(f64::from(*v)),
            "{key}"
        );
    }
}

/// Texts of the families of tests/torture/effects/families2.rs that a salted draw
/// once read with wrong numbers while the reader was being built for them
/// (tests/fixtures/torture/README.md), read as `zfxxgk extract` reads a .txt:
/// every cell read holds its truth value; each cell listed is read as its truth
/// (`Some`) or `unresolved` with its raw text as printed (`None`, raw), with a
/// warning on its line.
#[test]
fn ocr_and_markup_draws_read_no_wrong_number() {
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, Option<f64>, &'static str, u32)],
    );
    let cases: &[Case] = &[
        (
            // headings_renumbered+cell_per_line+md_emphasis, salt 4: `**2**` and
            // `&#12288;&#12288;__2__` were text, and the next cell's 0 took their place.
            "dongxin-2020.salt4.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/results_total/natural_person", Some(2.0), "**2**", 545),
                (
                    "3/unavailable_not_held/natural_person",
                    Some(2.0),
                    "__2__",
                    376,
                ),
            ],
        ),
        (
            // headings_misspelt+labels_block+ocr_digits, salt 7: `O o o 0 0 0 0`
            // under a block of labels (the text's line 83). Each look-alike is
            // confirmed by its column's identity (carried_in's row sum has three
            // of them), so all three are recovered as 0.
            "dongxin-2020.salt7.txt",
            "tests/golden/dongxin-2020/cells.csv",
            &[
                ("3/carried_in/natural_person", Some(0.0), "O", 83),
                ("3/carried_in/business", Some(0.0), "o", 83),
                ("3/carried_in/research", Some(0.0), "o", 83),
                ("3/carried_in/nonprofit", Some(0.0), "0", 83),
                ("3/carried_in/total", Some(0.0), "0", 83),
            ],
        ),
        (
            // spaces_in_numbers+ocr_digits+page_markers, salt 33:
            // `（七）总计  2 932  53  O  〇  61  4  3 050` (line 199): each
            // look-alike confirmed as 0 by its column's identity.
            "huaian-2024.salt33.txt",
            "tests/fixtures/corpus/pdf/huaian-2024.truth.json",
            &[
                ("3/results_total/natural_person", Some(2932.0), "2 932", 199),
                ("3/results_total/business", Some(53.0), "53", 199),
                ("3/results_total/research", Some(0.0), "O", 199),
                ("3/results_total/nonprofit", Some(0.0), "〇", 199),
                ("3/results_total/legal_service", Some(61.0), "61", 199),
                ("3/results_total/other_org", Some(4.0), "4", 199),
                ("3/results_total/total", Some(3050.0), "3 050", 199),
            ],
        ),
    ];
    for (file, truth, listed) in cases {
        let bytes =
            std::fs::read(root().join("tests/fixtures/torture").join(file)).expect("fixture");
        let r = zfxxgk::parse_as(file, zfxxgk::model::Format::Txt, &bytes);
        let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
            r.keyed_cells().into_iter().collect();
        let value = |s: &zfxxgk::model::Slot| {
            s.state
                .has_value()
                .then_some(s.value)
                .flatten()
                .and_then(|v| v.to_string().parse::<f64>().ok())
        };
        let truth = if truth.ends_with("cells.csv") {
            dongxin().truth
        } else {
            truth_of(truth)
        };
        for (key, want) in &truth {
            if let Some(v) = cells.get(key).copied().flatten().and_then(value) {
                assert_eq!(Some(v), *want, "{file} {key}");
            }
        }
        for (key, want, raw, line) in *listed {
            let s = cells[*key].unwrap_or_else(|| panic!("{file} {key} read"));
            assert_eq!(value(s), *want, "{file} {key}");
            assert_eq!(&r.text[s.raw.0..s.raw.1], *raw, "{file} {key}");
            assert_eq!(s.line, *line, "{file} {key}");
            if want.is_none() {
                assert_eq!(s.state, State::Unresolved, "{file} {key}");
                assert!(
                    r.diags.iter().any(|d| d.line == *line
                        && d.message.contains(&format!("`{raw}`"))
                        && d.message.contains("OCR")),
                    "{file} {key}: no warning on line {line}"
                );
            } else if raw.chars().any(|c| "OoIlSBZ〇".contains(c)) {
                // Look-alikes read because an identity confirms them: said on the line.
                assert_eq!(s.state, State::Recovered, "{file} {key}");
                assert!(
                    r.diags.iter().any(|d| d.line == *line
                        && d.message.contains(&format!("`{raw}`"))
                        && d.message.contains("holds with exactly that number")),
                    "{file} {key}: no note on line {line}"
                );
            }
        }
    }
}

/// docling repeats the merged cell `（六）其他处理` on each of the three rows it
/// spans; where the leaf label of the first is a piece the reader cannot name
/// (`正、行政机关不再处理其政府信`, huaian-2024's label wrapped around its numbers),
/// the 2019 stand-in row `other` took that row's numbers although the rows it
/// stands for have theirs: a wrong `other`. It is set aside with a warning, and
/// the rows that were named are read (values from the truth file).
#[test]
fn stand_in_row_beside_the_rows_it_stands_for_is_set_aside() {
    let input = corpus_inputs()
        .into_iter()
        .find(|i| i.name.ends_with("pdf/huaian-2024.txt"))
        .expect("huaian");
    let text = effects::docling_spans(&input.text, &mut Rand::seed_from_u64(0));
    let line = "| 三、本年度办理结果 | （六）其他处理 | 正、行政机关不再处理其政府信 | 67 |";
    let at = text
        .lines()
        .position(|l| l.starts_with(line))
        .expect("the row") as u32
        + 1;
    let r = zfxxgk::parse_report("huaian-docling.txt", text.as_bytes());
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    assert!(
        !cells.keys().any(|k| k.starts_with("3/other/")),
        "the stand-in row is not reported"
    );
    for (key, want) in &input.truth {
        let got = cells.get(key).copied().flatten();
        let v = got.filter(|s| s.state.has_value()).and_then(|s| s.value);
        if key.starts_with("3/other_no_correction/") {
            assert_eq!(v, None, "{key}");
        } else if key.starts_with("3/other_unpaid_fee/") || key.starts_with("3/other_misc/") {
            let v = v.and_then(|v| v.to_string().parse::<f64>().ok());
            assert_eq!(v, *want, "{key}");
        }
    }
    // Set aside with a word at its line: as a stand-in beside the rows it stands
    // for, or (its label whole, so the piece after it continues nothing) as a row
    // waiting past text that names nothing.
    assert!(r.diags.iter().any(|d| d.line == at
        && (d.message.contains("stands for")
            || d.message
                .starts_with("row other waits for its numbers past text that names nothing"))));
}

/// Section 三 rotated under a header that names every row, its zeros printed as
/// dashes (dongxin-2020 through `dash_empty+transposed+md_emphasis`, the suite's
/// draw): the header's labels settle the order, so the lines are read though no
/// identity can be assessed on dashes; with a header name that does not read, only
/// the arithmetic could, and the section stays missing.
#[test]
fn a_rotated_section_three_of_dashes_is_read_by_its_row_labels() {
    let path = "tests/fixtures/torture/dongxin-2020.dash_transposed.txt";
    let text = std::fs::read_to_string(root().join(path)).expect("fixture");
    let truth = dongxin().truth;
    let r = zfxxgk::parse_as("t.txt", zfxxgk::model::Format::Txt, text.as_bytes());
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let (mut numbers, mut dashes) = (0, 0);
    for (key, want) in truth.iter().filter(|(k, _)| k.starts_with("3/")) {
        let got = cells.get(key).copied().flatten().expect(key);
        match want {
            Some(w) if *w != 0.0 => {
                assert_eq!(
                    got.value.map(|v| v.to_string()),
                    Some(w.to_string()),
                    "{key}"
                );
                numbers += 1;
            }
            _ => {
                assert_eq!(got.state, State::Na, "{key}");
                dashes += 1;
            }
        }
    }
    assert_eq!((numbers, dashes), (6, 155));
    assert!(r.diags.iter().any(|d| d
        .message
        .contains("its numbers in the order of the row labels printed across the top")));
    // A header name that reads as no row: nothing in section 三 is read.
    let unnamed = text.replace("| 2.重复申请 |", "| 某某某某 |");
    assert_ne!(unnamed, text);
    let r = zfxxgk::parse_as("t.txt", zfxxgk::model::Format::Txt, unnamed.as_bytes());
    let read = r
        .keyed_cells()
        .into_iter()
        .filter(|(k, s)| {
            k.starts_with("3/") && s.is_some_and(|s| s.state.has_value() || s.state == State::Na)
        })
        .count();
    assert_eq!(read, 0);
}

/// Section 三 with its rows and columns swapped (hongze-2024-pdfraw through
/// `transposed`, the suite's own draw: a markdown line per applicant type, the 2019
/// `（六）其他处理` printed as one row in a 2021 report) is read down those lines,
/// every identity holding; with two numbers of one line swapped, the identities
/// fail and the lines are not read (the cells stay missing, none wrong).
#[test]
fn a_rotated_section_three_is_read_where_every_identity_holds() {
    let path = "tests/fixtures/torture/hongze-2024-pdfraw.transposed.txt";
    let text = std::fs::read_to_string(root().join(path)).expect("fixture");
    let truth =
        crate::util::truth("tests/fixtures/corpus/converters/hongze-2024-pdfraw.truth.json");
    let r = zfxxgk::parse_as("t.txt", zfxxgk::model::Format::Txt, text.as_bytes());
    let s = crate::util::score(&r, &truth);
    assert_eq!((s.right, s.total, s.wrong_numbers.len()), (186, 186, 0));
    // Read by the reader of tables written column by column (the lines are the
    // columns, the stand-in row where its three rows would be), which comes first;
    // before it knew stand-in rows, by the reader of rotated tables.
    assert!(r.diags.iter().any(|d| d
        .message
        .contains("are printed column by column: read down its columns")));
    // 本年新收 95 and 上年结转 0 of 自然人 swapped: no reading of the lines holds.
    let swapped = text.replace("| 自然人 | 95 | 0 | 50 |", "| 自然人 | 0 | 95 | 50 |");
    assert_ne!(swapped, text);
    let r = zfxxgk::parse_as("t.txt", zfxxgk::model::Format::Txt, swapped.as_bytes());
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    for key in [
        "3/new/natural_person",
        "3/carried_in/natural_person",
        "3/new/total",
    ] {
        assert!(
            cells[key].is_none_or(|s| !s.state.has_value()),
            "{key}: {:?}",
            cells[key]
        );
    }
}
