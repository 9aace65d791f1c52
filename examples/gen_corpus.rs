//! Deterministic generator of a synthetic corpus of 政府信息公开工作年度报告 (plain text),
//! for benchmarks and load tests of `zfxxgk`.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --reports N --out DIR [--seed S] [--threads T]
//! ```
//!
//! Writes N complete reports as `DIR/<省>/<市>/<区县>/<机关>-<年>.txt`, then `DIR/MANIFEST.tsv`
//! (written last, so its presence marks a finished tree). Years 2019–2025; 2019/2020 use the
//! 2019 table template, 2021+ the 2021 template (format-spec §2–§3). Every report satisfies the
//! hard identities of format-spec §5: section 三 is generated leaf by leaf per applicant column,
//! （七）总计, the 总计 column and 四、结转下年度继续办理 are derived from it; section 四 totals are the sum
//! of their four parts. Carry-overs chain from year to year for one organ (soft check S1, mostly).
//!
//! Layouts (MANIFEST `layout`): `tab-cells` (as samples/dongxin-2020.txt, with U+00A0-padded
//! numbers and the wrapped header cell `本年新`/`制作数量`), `blank-line-cells` (corpus/pages/010),
//! `pipe` (`| 规章 | 0 | 0 | 0 |`), `row-per-line` (cells of a row joined by TAB).
//! MANIFEST columns: path, template, layout, encoding, newline, year, organ (as in the title),
//! issuer (signature), report_date, punct (`ascii` when （）：，； were normalised), bytes.
//! Encodings (MANIFEST `encoding`/`newline`): about 85% `utf-8`/`lf`, 10% `gb18030`/`lf`,
//! 5% `utf-8-bom`/`crlf`.
//!
//! Determinism: everything about organ k is drawn from `ChaCha8Rng::seed_from_u64(seed)` on
//! stream k+1 (stream 0 draws the plan), so the same (N, seed) gives byte-identical trees
//! whatever the number of threads. No HashMap is iterated. Sizes: 8–30 KB per report (UTF-8).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const USAGE: &str = "usage: gen_corpus --reports N --out DIR [--seed S] [--threads T]";

// ---------------------------------------------------------------------------------------------
// Arguments

struct Args {
    reports: usize,
    out: PathBuf,
    seed: u64,
    threads: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut reports = None;
    let mut out = None;
    let mut seed = 1u64;
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let mut value = || -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => it.next().ok_or_else(|| format!("{flag} needs a value")),
            }
        };
        match flag.as_str() {
            "--reports" => {
                let v = value()?;
                reports = Some(
                    v.parse::<usize>()
                        .map_err(|_| format!("bad --reports value {v:?}"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse::<u64>()
                    .map_err(|_| format!("bad --seed value {v:?}"))?;
            }
            "--threads" => {
                let v = value()?;
                threads = v
                    .parse::<usize>()
                    .map_err(|_| format!("bad --threads value {v:?}"))?
                    .max(1);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Args {
        reports: reports.ok_or("--reports is required")?,
        out: out.ok_or("--out is required")?,
        seed,
        threads,
    })
}

// ---------------------------------------------------------------------------------------------
// Names

const PROVINCES: [&str; 30] = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
];

/// Syllables for made-up place names (48 distinct characters), shuffled once per seed.
const SYL: [&str; 48] = [
    "东", "新", "西", "湖", "青", "山", "水", "北", "南", "安", "和", "平", "兴", "华", "龙", "凤",
    "桂", "花", "河", "桥", "长", "乐", "宁", "康", "泰", "丰", "林", "石", "泉", "云", "松", "柳",
    "金", "银", "江", "海", "星", "月", "明", "阳", "春", "秋", "文", "武", "德", "仁", "福", "寿",
];

const CITIES: usize = 6;
const DISTRICTS: usize = 5;

const DEPTS: [&str; 20] = [
    "统计局",
    "人民政府办公室",
    "审计局",
    "市场监督管理局",
    "行政审批服务局",
    "财政局",
    "民政局",
    "司法局",
    "住房和城乡建设局",
    "自然资源局",
    "教育局",
    "卫生健康局",
    "人力资源和社会保障局",
    "农业农村局",
    "交通运输局",
    "应急管理局",
    "退役军人事务局",
    "医疗保障局",
    "文化和旅游局",
    "政务服务局",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Street,
    Town,
    Township,
    Dept,
    Zone,
}

struct Organ {
    short: String,
    full: String,
    unit: &'static str,
    kind: Kind,
    rel_dir: String,
    district: String,
}

struct Names {
    syl: Vec<&'static str>,
}

impl Names {
    /// Injective map n -> two-syllable name (for a fixed salt); never repeats a syllable.
    fn pair(&self, n: usize, salt: usize, out: &mut String) {
        let s = self.syl.len();
        let cap = s * (s - 1);
        let m = n % cap;
        let a = m % s;
        let q = m / s;
        let b = (a + 1 + (q + salt) % (s - 1)) % s;
        out.push_str(self.syl[a]);
        out.push_str(self.syl[b]);
        if n >= cap {
            let _ = write!(out, "{}", n / cap + 1);
        }
    }

    /// Organ number k -> a unique (province, city, district, organ) with its names.
    fn organ(&self, k: usize) -> Organ {
        let p = k % PROVINCES.len();
        let j = k / PROVINCES.len();
        let c = j % CITIES;
        let j2 = j / CITIES;
        let d = j2 % DISTRICTS;
        let o = j2 / DISTRICTS;
        let city_n = p * CITIES + c;
        let mut city = String::new();
        self.pair(city_n, 3, &mut city);
        city.push('市');
        let mut district = String::new();
        self.pair(city_n * DISTRICTS + d, 11, &mut district);
        district.push(if d == DISTRICTS - 1 { '县' } else { '区' });
        // Shift by a per-district offset so that small trees still mix organ kinds.
        let v = o + p * 7 + c * 3 + d;
        let (class, q) = (v % 5, v / 5);
        let mut x = String::new();
        let (kind, short, full, unit);
        match class {
            0 | 3 => {
                self.pair(q * 2 + usize::from(class == 3), 17, &mut x);
                kind = Kind::Street;
                short = format!("{x}街道");
                full = format!("{city}{district}人民政府{x}街道办事处");
                unit = "街道";
            }
            1 => {
                self.pair(q, 23, &mut x);
                kind = Kind::Town;
                short = format!("{x}镇");
                full = format!("{district}{x}镇人民政府");
                unit = "镇";
            }
            4 => {
                self.pair(q, 29, &mut x);
                kind = Kind::Township;
                short = format!("{x}乡");
                full = format!("{district}{x}乡人民政府");
                unit = "乡";
            }
            _ if q < DEPTS.len() => {
                let dept = DEPTS[q];
                kind = Kind::Dept;
                short = format!("{district}{dept}");
                full = format!("{city}{district}{dept}");
                unit = if dept.ends_with("办公室") {
                    "办"
                } else {
                    "局"
                };
            }
            _ => {
                self.pair(q - DEPTS.len(), 31, &mut x);
                kind = Kind::Zone;
                short = format!("{x}开发区管委会");
                full = format!("{city}{x}开发区管理委员会");
                unit = "管委会";
            }
        }
        let rel_dir = format!("{}/{}/{}", PROVINCES[p], city, district);
        Organ {
            short,
            full,
            unit,
            kind,
            rel_dir,
            district,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Report model

#[derive(Clone, Copy, PartialEq, Eq)]
enum Template {
    T2019,
    T2021,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    TabCells,
    BlankLine,
    Pipe,
    RowPerLine,
}

impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::TabCells => "tab-cells",
            Layout::BlankLine => "blank-line-cells",
            Layout::Pipe => "pipe",
            Layout::RowPerLine => "row-per-line",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Enc {
    Utf8,
    Gb18030,
    Utf8BomCrlf,
}

const T3_NEW: &str = "一、本年新收政府信息公开申请数量";
const T3_CIN: &str = "二、上年结转政府信息公开申请数量";
const T3_RES: &str = "三、本年度办理结果";
const T3_TOTAL: &str = "（七）总计";
const T3_COUT: &str = "四、结转下年度继续办理";
const T3_CAPTION: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// (group label, leaf label, weight) for the result rows （一）…（五）, common to both templates.
const LEAVES_COMMON: [(&str, &str, f64); 18] = [
    ("", "（一）予以公开", 40.0),
    (
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        8.0,
    ),
    ("（三）不予公开", "1.属于国家秘密", 0.3),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", 0.5),
    ("（三）不予公开", "3.危及“三安全一稳定”", 0.3),
    ("（三）不予公开", "4.保护第三方合法权益", 1.0),
    ("（三）不予公开", "5.属于三类内部事务信息", 0.8),
    ("（三）不予公开", "6.属于四类过程性信息", 1.0),
    ("（三）不予公开", "7.属于行政执法案卷", 0.3),
    ("（三）不予公开", "8.属于行政查询事项", 0.8),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", 18.0),
    ("（四）无法提供", "2.没有现成信息需要另行制作", 4.0),
    ("（四）无法提供", "3.补正后申请内容仍不明确", 3.0),
    ("（五）不予处理", "1.信访举报投诉类申请", 3.0),
    ("（五）不予处理", "2.重复申请", 3.0),
    ("（五）不予处理", "3.要求提供公开出版物", 1.0),
    ("（五）不予处理", "4.无正当理由大量反复申请", 0.5),
    (
        "（五）不予处理",
        "5.要求行政机关确认或重新出具已获取信息",
        1.5,
    ),
];
const LEAVES_2019_TAIL: [(&str, &str, f64); 1] = [("", "（六）其他处理", 4.0)];
const LEAVES_2021_TAIL: [(&str, &str, f64); 3] = [
    (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        2.0,
    ),
    (
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        0.5,
    ),
    ("（六）其他处理", "3.其他", 2.0),
];
const LEAVES_2021_TAIL_COMMA: [(&str, &str, f64); 3] = [
    (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        2.0,
    ),
    (
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
        0.5,
    ),
    ("（六）其他处理", "3.其他", 2.0),
];
const MAX_LEAVES: usize = 21;

/// TABLE 3: rows new, carried_in, leaves.., results_total, carried_out; cols 6 applicants + 总计.
struct T3 {
    nleaves: usize,
    new: [u64; 7],
    cin: [u64; 7],
    leaves: [[u64; 7]; MAX_LEAVES],
    total: [u64; 7],
    cout: [u64; 7],
}

struct T2v2019 {
    reg: [u64; 3],
    reg_slash: bool,
    norm: [u64; 3],
    lic: (u64, i64, u64),
    oth: (u64, i64, u64),
    pen: (u64, i64, u64),
    coe: (u64, i64, u64),
    fee: (u64, i64),
    proj: u64,
    proj_unit: bool,
    /// procurement amount in 角 (0.1 元)
    amount_jiao: u64,
    amount_style: u8,
}

struct T2v2021 {
    reg: [u64; 3],
    norm: [u64; 3],
    lic: u64,
    pen: u64,
    coe: u64,
    /// fee amount in 分 (0.01 元)
    fee_fen: u64,
    fee_six: bool,
}

enum T2 {
    V2019(T2v2019),
    V2021(T2v2021),
}

/// Per-organ state carried from one year to the next.
struct OrganState {
    scale: f64,
    layout: Layout,
    prev_out: Option<[u64; 6]>,
    norm_in_force: u64,
    reg_in_force: u64,
    lic_items: u64,
    oth_items: u64,
    pen_items: u64,
    coe_items: u64,
    fee_items: u64,
}

// ---------------------------------------------------------------------------------------------
// Number generation

fn poissonish(rng: &mut ChaCha8Rng, mean: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    // Cheap skewed draw with the given mean: mean * (-ln u), rounded.
    let u: f64 = rng.gen::<f64>().max(1e-12);
    (mean * -u.ln()).round() as u64
}

fn split(rng: &mut ChaCha8Rng, x: u64, w: &[f64], out: &mut [[u64; 7]], col: usize) {
    if x == 0 {
        return;
    }
    let mut jw = [0f64; MAX_LEAVES];
    let mut sum = 0.0;
    for (i, wi) in w.iter().enumerate() {
        jw[i] = wi * (0.25 + 1.5 * rng.gen::<f64>());
        sum += jw[i];
    }
    let mut assigned = 0;
    if x > 32 {
        for i in 0..w.len() {
            let s = ((x as f64) * jw[i] / sum).floor() as u64;
            out[i][col] += s;
            assigned += s;
        }
    }
    for _ in assigned..x {
        let mut r = rng.gen::<f64>() * sum;
        let mut pick = w.len() - 1;
        for (i, v) in jw[..w.len()].iter().enumerate() {
            if r < *v {
                pick = i;
                break;
            }
            r -= v;
        }
        out[pick][col] += 1;
    }
}

fn gen_t3(rng: &mut ChaCha8Rng, tpl: Template, st: &mut OrganState, comma: bool) -> T3 {
    let leaves = leaf_table(tpl, comma);
    let weights: Vec<f64> = leaves.iter().map(|l| l.2).collect();
    let mut t = T3 {
        nleaves: leaves.len(),
        new: [0; 7],
        cin: [0; 7],
        leaves: [[0; 7]; MAX_LEAVES],
        total: [0; 7],
        cout: [0; 7],
    };
    let quiet = rng.gen_bool(0.18);
    if !quiet {
        let s = st.scale * (0.5 + rng.gen::<f64>());
        let np = poissonish(rng, s);
        t.new[0] = np;
        t.new[1] = if rng.gen_bool(0.35) {
            poissonish(rng, s * 0.12 + 0.3)
        } else {
            0
        };
        t.new[2] = if rng.gen_bool(0.05) {
            rng.gen_range(1..=2)
        } else {
            0
        };
        t.new[3] = if rng.gen_bool(0.06) {
            rng.gen_range(1..=2)
        } else {
            0
        };
        t.new[4] = if rng.gen_bool(0.10) {
            poissonish(rng, s * 0.03 + 0.6)
        } else {
            0
        };
        t.new[5] = if rng.gen_bool(0.15) {
            poissonish(rng, s * 0.05 + 0.5)
        } else {
            0
        };
    }
    let prev = match st.prev_out {
        Some(p) if rng.gen_bool(0.9) => p,
        _ => {
            let mut p = [0u64; 6];
            if rng.gen_bool(0.3) {
                p[0] = rng.gen_range(0..=3);
                if rng.gen_bool(0.2) {
                    p[1] = 1;
                }
            }
            p
        }
    };
    t.cin[..6].copy_from_slice(&prev);
    let mut out6 = [0u64; 6];
    for (c, o) in out6.iter_mut().enumerate() {
        let avail = t.new[c] + t.cin[c];
        let cout = if avail > 0 && rng.gen_bool(0.35) {
            rng.gen_range(0..=(avail / 4).max(1)).min(avail)
        } else {
            0
        };
        t.cout[c] = cout;
        *o = cout;
        split(
            rng,
            avail - cout,
            &weights,
            &mut t.leaves[..leaves.len()],
            c,
        );
    }
    st.prev_out = Some(out6);
    // Derived: （七）总计 per column, then the 总计 column of every row.
    for c in 0..6 {
        t.total[c] = t.leaves[..t.nleaves].iter().map(|r| r[c]).sum();
    }
    for row in [&mut t.new, &mut t.cin, &mut t.total, &mut t.cout] {
        row[6] = row[..6].iter().sum();
    }
    for row in t.leaves[..t.nleaves].iter_mut() {
        row[6] = row[..6].iter().sum();
    }
    t
}

fn leaf_table(tpl: Template, comma: bool) -> Vec<(&'static str, &'static str, f64)> {
    let mut v: Vec<_> = LEAVES_COMMON.to_vec();
    match tpl {
        Template::T2019 => v.extend_from_slice(&LEAVES_2019_TAIL),
        Template::T2021 if comma => v.extend_from_slice(&LEAVES_2021_TAIL_COMMA),
        Template::T2021 => v.extend_from_slice(&LEAVES_2021_TAIL),
    }
    v
}

fn gen_t4(rng: &mut ChaCha8Rng, st: &OrganState) -> [[u64; 5]; 3] {
    let mut t = [[0u64; 5]; 3];
    if rng.gen_bool(0.6) {
        return t;
    }
    let m = (st.scale / 20.0).clamp(0.2, 6.0);
    for (i, row) in t.iter_mut().enumerate() {
        if rng.gen_bool(if i == 2 { 0.7 } else { 0.45 }) {
            continue;
        }
        row[0] = poissonish(rng, m);
        row[1] = if rng.gen_bool(0.2) {
            rng.gen_range(0..=2)
        } else {
            0
        };
        row[2] = if rng.gen_bool(0.25) {
            poissonish(rng, m * 0.4)
        } else {
            0
        };
        row[3] = if rng.gen_bool(0.3) {
            rng.gen_range(0..=2)
        } else {
            0
        };
        row[4] = row[0] + row[1] + row[2] + row[3];
    }
    t
}

fn signed_change(rng: &mut ChaCha8Rng, prev: u64) -> i64 {
    if rng.gen_bool(0.55) {
        0
    } else {
        let lo = -(prev.min(10) as i64);
        rng.gen_range(lo..=20)
    }
}

fn gen_t2(rng: &mut ChaCha8Rng, tpl: Template, st: &mut OrganState) -> T2 {
    let big = st.scale > 8.0;
    match tpl {
        Template::T2019 => {
            let made = if rng.gen_bool(0.5) {
                0
            } else {
                rng.gen_range(0..=6)
            };
            let published = if made == 0 {
                0
            } else {
                rng.gen_range(0..=made)
            };
            let norm = [made, published, published + st.norm_in_force];
            st.norm_in_force += published;
            let item = |rng: &mut ChaCha8Rng, items: &mut u64, dec_max: u64| {
                let prev = *items;
                let ch = signed_change(rng, prev);
                *items = (prev as i64 + ch).max(0) as u64;
                let dec = if *items == 0 {
                    0
                } else {
                    rng.gen_range(0..=dec_max)
                };
                (prev, ch, dec)
            };
            let lic = item(rng, &mut st.lic_items, if big { 5000 } else { 300 });
            let oth = item(rng, &mut st.oth_items, if big { 3000 } else { 200 });
            let pen = item(rng, &mut st.pen_items, if big { 800 } else { 40 });
            let coe = item(rng, &mut st.coe_items, if big { 60 } else { 5 });
            let fprev = st.fee_items;
            let fch = if rng.gen_bool(0.85) {
                0
            } else {
                rng.gen_range(-(fprev.min(2) as i64)..=2)
            };
            st.fee_items = (fprev as i64 + fch).max(0) as u64;
            let proj = if rng.gen_bool(0.45) {
                0
            } else {
                rng.gen_range(1..=60)
            };
            let amount_jiao = if proj == 0 {
                0
            } else {
                proj * rng.gen_range(20_000..4_000_000) + rng.gen_range(0..10)
            };
            T2::V2019(T2v2019 {
                reg: [0; 3],
                reg_slash: rng.gen_bool(0.05),
                norm,
                lic,
                oth,
                pen,
                coe,
                fee: (fprev, fch),
                proj,
                proj_unit: rng.gen_bool(0.35),
                amount_jiao,
                amount_style: rng.gen_range(0..4),
            })
        }
        Template::T2021 => {
            let issued = if rng.gen_bool(0.5) {
                0
            } else {
                rng.gen_range(0..=6)
            };
            let repealed = if rng.gen_bool(0.8) {
                0
            } else {
                rng.gen_range(0..=st.norm_in_force.min(4))
            };
            st.norm_in_force = st.norm_in_force + issued - repealed;
            let reg = [0, 0, st.reg_in_force];
            let fee_fen = if rng.gen_bool(0.8) {
                0
            } else {
                rng.gen_range(1..2_000_000_000u64)
            };
            T2::V2021(T2v2021 {
                reg,
                norm: [issued, repealed, st.norm_in_force],
                lic: if rng.gen_bool(0.4) {
                    0
                } else {
                    rng.gen_range(0..=if big { 8000 } else { 400 })
                },
                pen: if rng.gen_bool(0.5) {
                    0
                } else {
                    rng.gen_range(0..=if big { 900 } else { 30 })
                },
                coe: if rng.gen_bool(0.8) {
                    0
                } else {
                    rng.gen_range(0..=if big { 50 } else { 4 })
                },
                fee_fen,
                fee_six: rng.gen_bool(0.3),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// A reusable row of cells (strings keep their capacity across rows).
#[derive(Default)]
struct Row {
    cells: Vec<String>,
    n: usize,
}

impl Row {
    fn clear(&mut self) {
        self.n = 0;
    }
    fn next(&mut self) -> &mut String {
        if self.n == self.cells.len() {
            self.cells.push(String::new());
        }
        let c = &mut self.cells[self.n];
        c.clear();
        self.n += 1;
        c
    }
    fn text(&mut self, s: &str) {
        self.next().push_str(s);
    }
    fn num(&mut self, v: impl std::fmt::Display) {
        let _ = write!(self.next(), "{v}");
    }
    fn cells(&self) -> &[String] {
        &self.cells[..self.n]
    }
}

struct Style {
    layout: Layout,
    para_indent: &'static str,
    head_indent: &'static str,
    gap: bool,
    keep_empty: bool,
    nbsp: bool,
    wrap_hdr: bool,
    split_hdr: bool,
}

impl Style {
    fn heading(&self, out: &mut String, s: &str) {
        out.push_str(self.head_indent);
        out.push_str(s);
        out.push('\n');
        if self.gap {
            out.push('\n');
        }
    }
    fn end_para(&self, out: &mut String) {
        out.push('\n');
        if self.gap {
            out.push('\n');
        }
    }

    /// Write one table row; `width` pads pipe rows (captions, colspan=3 value cells).
    fn row(&self, out: &mut String, row: &Row, width: usize) {
        let cells = row.cells();
        match self.layout {
            Layout::TabCells => {
                for c in cells {
                    out.push('\t');
                    out.push_str(c);
                    out.push('\n');
                }
                out.push('\n');
            }
            Layout::BlankLine => {
                for c in cells.iter().filter(|c| !c.is_empty()) {
                    out.push_str(c);
                    out.push_str("\n\n");
                }
            }
            Layout::Pipe => {
                out.push('|');
                let mut n = 0;
                for c in cells {
                    if c.is_empty() {
                        if self.keep_empty {
                            out.push_str(" |");
                            n += 1;
                        }
                        continue;
                    }
                    out.push(' ');
                    for ch in c.chars() {
                        out.push(if ch == '\n' { ' ' } else { ch });
                    }
                    out.push_str(" |");
                    n += 1;
                }
                for _ in n..width {
                    out.push_str(" |");
                }
                out.push('\n');
            }
            Layout::RowPerLine => {
                let mut first = true;
                for c in cells {
                    if c.is_empty() && !self.keep_empty {
                        continue;
                    }
                    if !first {
                        out.push('\t');
                    }
                    first = false;
                    for ch in c.chars() {
                        out.push(if ch == '\n' { ' ' } else { ch });
                    }
                }
                out.push('\n');
            }
        }
    }

    fn end_table(&self, out: &mut String) {
        match self.layout {
            Layout::TabCells => out.push('\n'),
            Layout::BlankLine => {}
            Layout::Pipe | Layout::RowPerLine => {
                if self.gap {
                    out.push('\n');
                }
            }
        }
    }
}

fn push_padded(row: &mut Row, rng: &mut ChaCha8Rng, style: &Style, v: u64) {
    if style.nbsp {
        let c = row.next();
        if rng.gen_range(0..3) == 1 {
            let _ = write!(c, "{v}\u{a0}");
        } else {
            let _ = write!(c, "\u{a0}{v}");
        }
    } else {
        row.num(v);
    }
}

fn fmt_change(rng: &mut ChaCha8Rng, v: i64) -> String {
    if v > 0 && rng.gen_bool(0.7) {
        format!("+{v}")
    } else {
        format!("{v}")
    }
}

fn render_t2(out: &mut String, row: &mut Row, rng: &mut ChaCha8Rng, style: &Style, t2: &T2) {
    let cap = |out: &mut String, row: &mut Row, s: &str| {
        row.clear();
        row.text(s);
        style.row(out, row, 4);
    };
    let wrap = style.wrap_hdr;
    match t2 {
        T2::V2019(t) => {
            cap(out, row, "第二十条第（一）项");
            row.clear();
            row.text("信息内容");
            row.text(if wrap {
                "本年新\n制作数量"
            } else {
                "本年新制作数量"
            });
            row.text(if wrap {
                "本年新\n公开数量"
            } else {
                "本年新公开数量"
            });
            row.text("对外公开总数量");
            style.row(out, row, 4);
            row.clear();
            row.text("规章");
            for v in t.reg {
                if t.reg_slash {
                    row.text("/");
                } else {
                    row.num(v);
                }
            }
            style.row(out, row, 4);
            row.clear();
            row.text("规范性文件");
            for v in t.norm {
                row.num(v);
            }
            style.row(out, row, 4);
            let hdr3 = |out: &mut String, row: &mut Row| {
                row.clear();
                row.text("信息内容");
                row.text("上一年项目数量");
                row.text("本年增/减");
                row.text("处理决定数量");
                style.row(out, row, 4);
            };
            let mut item = |out: &mut String, row: &mut Row, label: &str, v: (u64, i64, u64)| {
                row.clear();
                row.text(label);
                row.num(v.0);
                let ch = fmt_change(rng, v.1);
                row.text(&ch);
                row.num(v.2);
                style.row(out, row, 4);
            };
            cap(out, row, "第二十条第（五）项");
            hdr3(out, row);
            item(out, row, "行政许可", t.lic);
            item(out, row, "其他对外管理服务事项", t.oth);
            cap(out, row, "第二十条第（六）项");
            hdr3(out, row);
            item(out, row, "行政处罚", t.pen);
            item(out, row, "行政强制", t.coe);
            cap(out, row, "第二十条第（八）项");
            row.clear();
            row.text("信息内容");
            row.text("上一年项目数量");
            row.text("本年增/减");
            style.row(out, row, 3);
            row.clear();
            row.text("行政事业性收费");
            row.num(t.fee.0);
            let ch = fmt_change(rng, t.fee.1);
            row.text(&ch);
            style.row(out, row, 3);
            cap(out, row, "第二十条第（九）项");
            row.clear();
            row.text("信息内容");
            row.text("采购项目数量");
            row.text(if t.amount_style == 0 {
                "采购总金额（万元）"
            } else {
                "采购总金额"
            });
            style.row(out, row, 3);
            row.clear();
            row.text("政府集中采购");
            if t.proj_unit {
                let _ = write!(row.next(), "{}项", t.proj);
            } else {
                row.num(t.proj);
            }
            let j = t.amount_jiao;
            let c = row.next();
            if j == 0 {
                c.push('0');
            } else {
                let _ = match t.amount_style {
                    0 => {
                        let cents_wan = (j + 500) / 1000; // 0.01 万元 = 1000 角
                        write!(c, "{}.{:02}", cents_wan / 100, cents_wan % 100)
                    }
                    1 => {
                        let yuan = j / 10;
                        write!(c, "{}.{:04}万元", yuan / 10_000, yuan % 10_000)
                    }
                    2 => write!(c, "{}.{}元", j / 10, j % 10),
                    _ => write!(c, "{}", j / 10),
                };
            }
            style.row(out, row, 3);
        }
        T2::V2021(t) => {
            cap(out, row, "第二十条第（一）项");
            row.clear();
            row.text("信息内容");
            row.text("本年制发件数");
            row.text("本年废止件数");
            row.text("现行有效件数");
            style.row(out, row, 4);
            row.clear();
            row.text("规章");
            for v in t.reg {
                row.num(v);
            }
            style.row(out, row, 4);
            row.clear();
            row.text("行政规范性文件");
            for v in t.norm {
                row.num(v);
            }
            style.row(out, row, 4);
            let single = |out: &mut String, row: &mut Row, caption: &str, items: &[(&str, u64)]| {
                cap(out, row, caption);
                row.clear();
                row.text("信息内容");
                row.text("本年处理决定数量");
                style.row(out, row, 4);
                for (label, v) in items {
                    row.clear();
                    row.text(label);
                    row.num(v);
                    style.row(out, row, 4);
                }
            };
            single(out, row, "第二十条第（五）项", &[("行政许可", t.lic)]);
            single(
                out,
                row,
                "第二十条第（六）项",
                &[("行政处罚", t.pen), ("行政强制", t.coe)],
            );
            cap(out, row, "第二十条第（八）项");
            row.clear();
            row.text("信息内容");
            row.text("本年收费金额（单位：万元）");
            style.row(out, row, 4);
            row.clear();
            row.text("行政事业性收费");
            let c = row.next();
            let f = t.fee_fen;
            if f == 0 {
                c.push('0');
            } else if t.fee_six {
                let _ = write!(c, "{}.{:06}", f / 1_000_000, f % 1_000_000);
            } else {
                let r = (f + 5_000) / 10_000;
                let _ = write!(c, "{}.{:02}", r / 100, r % 100);
            }
            style.row(out, row, 4);
        }
    }
    style.end_table(out);
}

fn render_t3(
    out: &mut String,
    row: &mut Row,
    rng: &mut ChaCha8Rng,
    style: &Style,
    t: &T3,
    leaves: &[(&str, &str, f64)],
) {
    row.clear();
    row.text(T3_CAPTION);
    row.text("申请人情况");
    style.row(out, row, 0);
    row.clear();
    row.text("");
    row.text("自然人");
    row.text("法人或其他组织");
    row.text("总计");
    style.row(out, row, 0);
    row.clear();
    row.text("");
    row.text("");
    if style.split_hdr {
        for s in ["商业", "企业", "科研", "机构"] {
            row.text(s);
        }
    } else {
        row.text("商业企业");
        row.text("科研机构");
    }
    row.text("社会公益组织");
    row.text("法律服务机构");
    row.text("其他");
    row.text("");
    style.row(out, row, 0);
    let nums = |out: &mut String, row: &mut Row, rng: &mut ChaCha8Rng, v: &[u64; 7]| {
        for x in v {
            push_padded(row, rng, style, *x);
        }
        style.row(out, row, 0);
    };
    row.clear();
    row.text(T3_NEW);
    nums(out, row, rng, &t.new);
    row.clear();
    row.text(T3_CIN);
    nums(out, row, rng, &t.cin);
    let mut prev_group = "";
    for (i, (group, label, _)) in leaves.iter().enumerate() {
        row.clear();
        row.text(if i == 0 { T3_RES } else { "" });
        if !group.is_empty() {
            row.text(if *group != prev_group { group } else { "" });
        }
        prev_group = group;
        row.text(label);
        nums(out, row, rng, &t.leaves[i]);
    }
    row.clear();
    row.text("");
    row.text(T3_TOTAL);
    nums(out, row, rng, &t.total);
    row.clear();
    row.text(T3_COUT);
    nums(out, row, rng, &t.cout);
    style.end_table(out);
}

fn render_t4(
    out: &mut String,
    row: &mut Row,
    rng: &mut ChaCha8Rng,
    style: &Style,
    t: &[[u64; 5]; 3],
) {
    const PARTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    row.clear();
    row.text("行政复议");
    row.text("行政诉讼");
    style.row(out, row, 0);
    row.clear();
    for p in PARTS {
        row.text(p);
    }
    row.text("未经复议直接起诉");
    row.text("复议后起诉");
    style.row(out, row, 0);
    row.clear();
    for _ in 0..5 {
        row.text("");
    }
    for _ in 0..2 {
        for p in PARTS {
            row.text(p);
        }
    }
    style.row(out, row, 0);
    row.clear();
    for r in t {
        for v in r {
            push_padded(row, rng, style, *v);
        }
    }
    style.row(out, row, 0);
    style.end_table(out);
}

// ---------------------------------------------------------------------------------------------
// Narrative filler (neutral text)

struct Ctx<'a> {
    year: u16,
    short: &'a str,
    full: &'a str,
    unit: &'a str,
}

/// Expands {Y} year, {O} short organ, {F} full organ, {U} unit word, {N} a count, {M} a small count.
fn fill(out: &mut String, tpl: &str, c: &Ctx, rng: &mut ChaCha8Rng) {
    let mut rest = tpl;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after.find('}').expect("closed placeholder");
        let _ = match &after[..j] {
            "Y" => write!(out, "{}", c.year),
            "O" => {
                out.push_str(c.short);
                Ok(())
            }
            "F" => {
                out.push_str(c.full);
                Ok(())
            }
            "U" => {
                out.push_str(c.unit);
                Ok(())
            }
            "N" => write!(out, "{}", rng.gen_range(3..260)),
            "M" => write!(out, "{}", rng.gen_range(1..13)),
            _ => Ok(()),
        };
        rest = &after[j + 1..];
    }
    out.push_str(rest);
}

const OPENERS: [&str; 14] = [
    "",
    "",
    "",
    "",
    "今年以来，",
    "{Y}年，",
    "报告期内，",
    "本年度，",
    "全年，",
    "同时，",
    "此外，",
    "在此基础上，",
    "一年来，",
    "按照年度工作安排，",
];
const SUBJECTS: [&str; 6] = ["我{U}", "{O}", "本机关", "", "", "我{U}"];
const BODIES: [&str; 40] = [
    "严格落实《中华人民共和国政府信息公开条例》各项要求",
    "坚持以公开为常态、不公开为例外",
    "进一步健全政府信息公开工作机制",
    "及时调整政务公开工作领导小组成员",
    "明确分管领导和专职工作人员",
    "认真梳理并更新主动公开目录",
    "持续做好政府信息公开专栏的日常维护",
    "加强对拟公开信息的保密审查",
    "规范依申请公开的受理、办理和答复流程",
    "围绕群众关注的热点问题做好政策解读",
    "通过政务新媒体同步发布重要信息",
    "定期对公开内容进行自查和整改",
    "组织开展政务公开业务培训",
    "完善信息发布审核制度",
    "推进决策、执行、管理、服务、结果公开",
    "加强政府信息公开平台建设",
    "做好政府信息的动态更新和归档管理",
    "畅通依申请公开渠道",
    "将政务公开工作纳入年度考核内容",
    "及时回应社会关切",
    "重点做好财政预决算信息的公开",
    "及时公开重大项目建设和民生实事进展情况",
    "认真做好政府信息公开指南的修订工作",
    "加强与上级政务公开主管部门的沟通联系",
    "落实政府信息公开属性源头认定制度",
    "对历史公开信息进行全面梳理和清理",
    "规范政府信息公开申请的登记和台账管理",
    "推动基层政务公开标准化规范化建设",
    "完善政务公开专区的设置和服务功能",
    "加强政策文件的集中统一公开",
    "做好政务公开与政务服务的融合",
    "把政务公开工作与日常业务工作同部署、同落实",
    "及时公开机构职能、领导分工等基础信息",
    "做好重要政策文件的图文解读",
    "定期开展网站内容安全检查",
    "严格执行信息发布三级审核制度",
    "加强对工作人员的业务指导",
    "认真研究并落实年度政务公开工作要点",
    "主动接受社会公众监督",
    "不断拓展政务公开的广度和深度",
];
const TAILS: [&str; 14] = [
    "。",
    "。",
    "，确保信息公开及时、准确、规范。",
    "，切实保障人民群众的知情权、参与权、表达权和监督权。",
    "，不断提升政务公开工作质量。",
    "，工作成效进一步显现。",
    "，取得了较好效果。",
    "，进一步增强了工作透明度。",
    "，政务公开工作水平稳步提高。",
    "，做到应公开尽公开。",
    "，确保各项工作有序推进。",
    "，方便群众查阅和监督。",
    "，形成了较为完善的工作体系。",
    "，各项工作落到实处。",
];
const NUMERIC: [&str; 10] = [
    "全年通过政府信息公开专栏主动公开各类政府信息{N}条。",
    "其中，发布工作动态{N}条、通知公告{N}条、政策解读{M}篇。",
    "组织政务公开业务培训{M}次，参训人员{N}人次。",
    "通过政务新媒体发布信息{N}条，阅读量持续增长。",
    "更新公开栏{M}期，张贴各类公告{N}份。",
    "全年共召开政务公开专题会议{M}次。",
    "开展网站信息自查{M}次，整改问题{M}个。",
    "全年共发布政策解读材料{M}篇。",
    "本年度共公开财政预决算、“三公”经费等信息{M}条。",
    "接听并处理群众咨询电话{N}个。",
];

fn sentence(out: &mut String, c: &Ctx, rng: &mut ChaCha8Rng) {
    if rng.gen_bool(0.18) {
        let t = NUMERIC[rng.gen_range(0..NUMERIC.len())];
        fill(out, t, c, rng);
        return;
    }
    fill(out, OPENERS[rng.gen_range(0..OPENERS.len())], c, rng);
    fill(out, SUBJECTS[rng.gen_range(0..SUBJECTS.len())], c, rng);
    let first = rng.gen_range(0..BODIES.len());
    out.push_str(BODIES[first]);
    if rng.gen_bool(0.4) {
        out.push('，');
        out.push_str(BODIES[(first + rng.gen_range(1..BODIES.len())) % BODIES.len()]);
    }
    out.push_str(TAILS[rng.gen_range(0..TAILS.len())]);
}

/// A paragraph of at least `min_bytes` bytes (plus `lead`, written first).
fn paragraph(
    out: &mut String,
    style: &Style,
    c: &Ctx,
    rng: &mut ChaCha8Rng,
    lead: &str,
    min_bytes: usize,
) {
    out.push_str(style.para_indent);
    let start = out.len();
    out.push_str(lead);
    while out.len() - start < min_bytes {
        sentence(out, c, rng);
    }
    style.end_para(out);
}

/// Paragraphs until `budget` bytes are written (at least one).
fn paragraphs(
    out: &mut String,
    style: &Style,
    c: &Ctx,
    rng: &mut ChaCha8Rng,
    lead: &str,
    budget: usize,
) {
    let start = out.len();
    let mut lead = lead;
    loop {
        let want = rng
            .gen_range(150..900)
            .min(budget.saturating_sub(out.len() - start).max(60));
        paragraph(out, style, c, rng, lead, want);
        lead = "";
        if out.len() - start >= budget {
            break;
        }
    }
}

const SUB1: [&str; 5] = [
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
];
const NUM_CN: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

const PROBLEMS: [&str; 8] = [
    "政府信息公开工作人员业务能力有待进一步提升",
    "主动公开的深度和广度还需进一步拓展",
    "政策解读的形式还不够丰富",
    "信息发布的及时性有待加强",
    "公开平台的栏目设置还需进一步优化",
    "部分科室对政务公开工作的重视程度还不够",
    "依申请公开的办理规范化程度有待提高",
    "公开内容与群众需求的契合度还需提升",
];
const MEASURES: [&str; 8] = [
    "加强业务学习培训",
    "深化重点领域信息公开",
    "丰富政策解读形式",
    "完善信息发布审核机制",
    "优化公开平台栏目设置",
    "强化考核监督",
    "规范依申请公开办理流程",
    "提升公开实效",
];

const PERIODS: [&str; 7] = [
    "本年度报告中所列数据统计期限从{Y}年1月1日到12月31日止。",
    "本年度报告中所列数据统计期限为{Y}年1月1日至12月31日。",
    "本报告所列数据的统计期限为{Y}年1月1日至{Y}年12月31日。",
    "本报告所列统计数据的期限自{Y}年1月1日起，至{Y}年12月31日止。",
    "本报告中所列数据的统计时限为{Y}年1月1日至{Y}年12月31日。",
    "本报告中所列数据的统计时间为{Y}年1月1日至{Y}年12月31日。",
    "本报告信息数据统计期限为：{Y}年1月1日至{Y}年12月31日。",
];

// ---------------------------------------------------------------------------------------------
// One report

struct Bufs {
    row: Row,
    tables: String,
    doc: String,
    tmp: String,
    bytes: Vec<u8>,
    path: String,
}

/// MANIFEST rows as (path, TSV line).
type Manifest = Vec<(String, String)>;

struct Plan {
    k: usize,
    start: u16,
    count: u16,
}

fn pick_layout(rng: &mut ChaCha8Rng) -> Layout {
    match rng.gen_range(0..100) {
        0..=29 => Layout::TabCells,
        30..=54 => Layout::BlankLine,
        55..=79 => Layout::Pipe,
        _ => Layout::RowPerLine,
    }
}

fn gen_organ(
    plan: &Plan,
    organ: &Organ,
    seed: u64,
    root: &Path,
    b: &mut Bufs,
    manifest: &mut Manifest,
) -> std::io::Result<u64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(plan.k as u64 + 1);
    let base = match organ.kind {
        Kind::Street => 4.0,
        Kind::Town => 2.5,
        Kind::Township => 1.2,
        Kind::Dept => 10.0,
        Kind::Zone => 5.0,
    };
    // Log-normal-ish spread of organ sizes; a few large ones.
    let spread = (rng.gen::<f64>() * 2.0 - 1.0) * 1.6 + if rng.gen_bool(0.04) { 3.0 } else { 0.0 };
    let mut st = OrganState {
        scale: base * spread.exp(),
        layout: pick_layout(&mut rng),
        prev_out: None,
        norm_in_force: rng.gen_range(0..40),
        reg_in_force: 0,
        lic_items: if rng.gen_bool(0.4) {
            0
        } else {
            rng.gen_range(1..200)
        },
        oth_items: if rng.gen_bool(0.5) {
            0
        } else {
            rng.gen_range(1..150)
        },
        pen_items: if rng.gen_bool(0.5) {
            0
        } else {
            rng.gen_range(1..300)
        },
        coe_items: if rng.gen_bool(0.7) {
            0
        } else {
            rng.gen_range(1..20)
        },
        fee_items: if rng.gen_bool(0.8) {
            0
        } else {
            rng.gen_range(1..6)
        },
    };
    let mut bytes = 0;
    for year in plan.start..plan.start + plan.count {
        bytes += gen_report(&mut rng, year, organ, &mut st, root, b, manifest)?;
    }
    Ok(bytes)
}

fn gen_report(
    rng: &mut ChaCha8Rng,
    year: u16,
    organ: &Organ,
    st: &mut OrganState,
    root: &Path,
    b: &mut Bufs,
    manifest: &mut Manifest,
) -> std::io::Result<u64> {
    let tpl = if year <= 2020 {
        Template::T2019
    } else {
        Template::T2021
    };
    let layout = if rng.gen_bool(0.8) {
        st.layout
    } else {
        pick_layout(rng)
    };
    let enc = match rng.gen_range(0..100) {
        0..=84 => Enc::Utf8,
        85..=94 => Enc::Gb18030,
        _ => Enc::Utf8BomCrlf,
    };
    let ascii_punct = matches!(layout, Layout::BlankLine | Layout::Pipe) && rng.gen_bool(0.35);
    let style = Style {
        layout,
        para_indent: match layout {
            Layout::BlankLine => "  ",
            Layout::TabCells => "",
            _ => ["", "　　", ""][rng.gen_range(0..3)],
        },
        head_indent: if layout == Layout::BlankLine {
            "  "
        } else {
            ""
        },
        gap: match layout {
            Layout::BlankLine => true,
            Layout::TabCells => rng.gen_bool(0.7),
            _ => rng.gen_bool(0.4),
        },
        keep_empty: rng.gen_bool(0.5),
        nbsp: layout == Layout::TabCells && rng.gen_bool(0.8),
        wrap_hdr: layout == Layout::TabCells && rng.gen_bool(0.7),
        split_hdr: layout == Layout::BlankLine && rng.gen_bool(0.5),
    };
    let comma = rng.gen_bool(0.15);
    let target = rng.gen_range(8_000..30_000usize);
    let c = Ctx {
        year,
        short: &organ.short,
        full: &organ.full,
        unit: organ.unit,
    };

    // Numbers.
    let t2 = gen_t2(rng, tpl, st);
    let t3 = gen_t3(rng, tpl, st, comma);
    let t4 = gen_t4(rng, st);
    let leaves = leaf_table(tpl, comma);

    // Tables (rendered first, so the narrative can fill the remaining size budget).
    let tb = &mut b.tables;
    tb.clear();
    let heading_var =
        |rng: &mut ChaCha8Rng, canon: &'static str, var: &'static str| -> &'static str {
            if rng.gen_bool(0.05) {
                var
            } else {
                canon
            }
        };
    style.heading(
        tb,
        heading_var(
            rng,
            "二、主动公开政府信息情况",
            "二、行政机关主动公开政府信息情况",
        ),
    );
    render_t2(tb, &mut b.row, rng, &style, &t2);
    style.heading(tb, "三、收到和处理政府信息公开申请情况");
    render_t3(tb, &mut b.row, rng, &style, &t3, &leaves);
    style.heading(tb, "四、政府信息公开行政复议、行政诉讼情况");
    render_t4(tb, &mut b.row, rng, &style, &t4);

    // Signature date: Dec 31 of the year, or Jan–Mar of the next.
    let (sy, sm, sd) = if rng.gen_bool(0.3) {
        (year, 12, 31)
    } else {
        (year + 1, rng.gen_range(1..=3u8), rng.gen_range(1..=28u8))
    };

    let d = &mut b.doc;
    d.clear();
    // Title.
    let title_organ = if rng.gen_bool(0.75) {
        &organ.short
    } else {
        &organ.full
    };
    if rng.gen_bool(0.5) {
        let _ = writeln!(d, "{year}年{title_organ}政府信息公开工作年度报告");
    } else {
        let _ = writeln!(d, "{title_organ}{year}年政府信息公开工作年度报告");
    }
    if style.gap {
        d.push('\n');
    }
    // Web header block (portal chrome), sometimes.
    match rng.gen_range(0..10) {
        0 | 1 => {
            let _ = writeln!(
                d,
                "发布时间: {sy}-{sm:02}-{sd:02} 来源: {} 浏览次数:-",
                organ.short
            );
        }
        2 => {
            const A: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
            let _ = write!(d, "索引号：");
            for _ in 0..18 {
                d.push(A[rng.gen_range(0..A.len())] as char);
            }
            let _ = writeln!(d, "/{}-{:05}", sy, rng.gen_range(1..30000));
            let _ = writeln!(d, "发布机构：{}", organ.full);
            let _ = writeln!(d, "生成日期：{sy}-{sm:02}-{sd:02}");
        }
        3 => {
            let _ = writeln!(d, "更新日期:{sy}-{sm:02}-{sd:02} 信息来源:{}", organ.short);
        }
        _ => {}
    }
    // Preamble with the statistical period.
    d.push_str(style.para_indent);
    let notice = match tpl {
        Template::T2019 => "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）",
        Template::T2021 => "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）",
    };
    if rng.gen_bool(0.6) {
        let _ = write!(d, "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{notice}要求，{}编制本报告。", organ.full);
    } else {
        let _ = write!(d, "本报告根据《中华人民共和国政府信息公开条例》要求，由{}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。", organ.full);
    }
    fill(d, PERIODS[rng.gen_range(0..PERIODS.len())], &c, rng);
    if rng.gen_bool(0.5) {
        let _ = write!(
            d,
            "如对本报告有疑问，请与{}联系（地址：{}{}路{}号，联系电话：0{}-{}）。",
            organ.short,
            organ.district,
            SUB_ROADS[rng.gen_range(0..SUB_ROADS.len())],
            rng.gen_range(1..400),
            rng.gen_range(100..1000),
            rng.gen_range(20_000_000..90_000_000)
        );
    }
    style.end_para(d);

    // Size budget for the narrative.
    let fixed = d.len() + b.tables.len() + 400;
    let budget = target.saturating_sub(fixed).max(900);
    let b1 = budget * 66 / 100;
    let b5 = budget * 26 / 100;
    let b6 = budget - b1 - b5;

    // 一、总体情况
    style.heading(d, heading_var(rng, "一、总体情况", "一、总体概述"));
    let sub_style = rng.gen_range(0..4);
    let [new_total, cin_total, res_total, cout_total] =
        [t3.new[6], t3.cin[6], t3.total[6], t3.cout[6]];
    let mut lead = String::new();
    for (i, sub) in SUB1.iter().enumerate() {
        lead.clear();
        match sub_style {
            0 => style.heading(d, &format!("（{}）{}", NUM_CN[i], sub)),
            1 => style.heading(d, &format!("（{}）{}情况", NUM_CN[i], sub)),
            2 => {
                let _ = write!(lead, "{}.{}。", i + 1, sub);
            }
            _ => {}
        }
        if i == 1 {
            let _ = write!(
                lead,
                "{year}年，共收到政府信息公开申请{new_total}件，上年结转{cin_total}件；办结{res_total}件，结转下年度继续办理{cout_total}件。"
            );
        }
        if i == 4 {
            let rv = t4[0][4];
            let suits = t4[1][4] + t4[2][4];
            if rv + suits == 0 {
                lead.push_str("本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。");
            } else {
                let _ = write!(
                    lead,
                    "本年度因政府信息公开工作被申请行政复议{rv}件、提起行政诉讼{suits}件。"
                );
            }
        }
        paragraphs(d, &style, &c, rng, &lead, b1 / 5);
    }

    // 二、三、四 (tables)
    d.push_str(&b.tables);

    // 五、存在的主要问题及改进情况
    style.heading(
        d,
        heading_var(
            rng,
            "五、存在的主要问题及改进情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
        ),
    );
    let p = &PROBLEMS;
    let m = &MEASURES;
    if rng.gen_bool(0.5) {
        style.heading(d, "（一）存在的主要问题");
        let mut l = String::from("一是");
        l.push_str(p[rng.gen_range(0..p.len())]);
        l.push_str("；二是");
        l.push_str(p[rng.gen_range(0..p.len())]);
        l.push('。');
        paragraphs(d, &style, &c, rng, &l, b5 / 3);
        style.heading(d, "（二）改进措施");
        for (i, cn) in ["一", "二", "三"].iter().enumerate() {
            l.clear();
            let _ = write!(l, "{cn}是{}。", m[(i * 3 + rng.gen_range(0..3)) % m.len()]);
            paragraphs(d, &style, &c, rng, &l, b5 / 5);
        }
    } else {
        let mut l = String::new();
        let _ = write!(
            l,
            "{year}年，我{}政府信息公开工作虽然取得了一定成效，但也存在一些不足，主要是{}。",
            organ.unit,
            p[rng.gen_range(0..p.len())]
        );
        paragraphs(d, &style, &c, rng, &l, b5 / 2);
        l.clear();
        let _ = write!(
            l,
            "下一步，我{}将重点做好以下工作：{}。",
            organ.unit,
            m[rng.gen_range(0..m.len())]
        );
        paragraphs(d, &style, &c, rng, &l, b5 / 2);
    }

    // 六、其他需要报告的事项
    style.heading(d, "六、其他需要报告的事项");
    let mut l = String::new();
    if tpl == Template::T2021 {
        if rng.gen_bool(0.8) {
            l.push_str("本年度未收取信息处理费。");
        } else {
            let _ = write!(
                l,
                "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{}元。",
                rng.gen_range(1..5) * 100
            );
        }
    }
    if rng.gen_bool(0.3) {
        l.push_str("本机关无其他需要报告的事项。");
        d.push_str(style.para_indent);
        d.push_str(&l);
        style.end_para(d);
    } else {
        paragraphs(d, &style, &c, rng, &l, b6);
    }

    // Signature.
    d.push('\n');
    let indent = ["", "                    ", "　　　　　　　　"][rng.gen_range(0..3)];
    let _ = writeln!(d, "{indent}{}", organ.full);
    if rng.gen_bool(0.5) {
        d.push('\n');
    }
    let _ = writeln!(d, "{indent}{sy}年{sm}月{sd}日");

    // Punctuation as normalised by some crawlers (pages corpus).
    if ascii_punct {
        b.tmp.clear();
        for ch in d.chars() {
            b.tmp.push(match ch {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '，' => ',',
                '；' => ';',
                c => c,
            });
        }
        std::mem::swap(&mut b.doc, &mut b.tmp);
    }

    // Encode and write.
    let text = &b.doc;
    let bytes = &mut b.bytes;
    bytes.clear();
    let (enc_name, nl) = match enc {
        Enc::Utf8 => {
            bytes.extend_from_slice(text.as_bytes());
            ("utf-8", "lf")
        }
        Enc::Gb18030 => {
            let (cow, _, _) = encoding_rs::GB18030.encode(text);
            bytes.extend_from_slice(&cow);
            ("gb18030", "lf")
        }
        Enc::Utf8BomCrlf => {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    bytes.extend_from_slice(b"\r\n");
                }
                bytes.extend_from_slice(line.as_bytes());
            }
            ("utf-8-bom", "crlf")
        }
    };
    let path = &mut b.path;
    path.clear();
    let _ = write!(path, "{}/{}-{}.txt", organ.rel_dir, organ.short, year);
    let mut f = BufWriter::with_capacity(1 << 16, File::create(root.join(path.as_str()))?);
    f.write_all(bytes)?;
    f.flush()?;
    let line = format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}-{:02}-{:02}\t{}\t{}",
        path,
        match tpl {
            Template::T2019 => "2019",
            Template::T2021 => "2021",
        },
        layout.name(),
        enc_name,
        nl,
        year,
        title_organ,
        organ.full,
        sy,
        sm,
        sd,
        if ascii_punct { "ascii" } else { "fullwidth" },
        bytes.len()
    );
    manifest.push((path.clone(), line));
    Ok(bytes.len() as u64)
}

const SUB_ROADS: [&str; 8] = [
    "人民", "解放", "中山", "建设", "文化", "新华", "胜利", "和平",
];

// ---------------------------------------------------------------------------------------------

fn run(args: &Args) -> std::io::Result<()> {
    let t0 = Instant::now();
    let mut master = ChaCha8Rng::seed_from_u64(args.seed);
    let mut syl = SYL.to_vec();
    syl.shuffle(&mut master);
    let names = Names { syl };

    // Plan: organs with a contiguous run of report years, until N reports.
    const YEARS_W: [u32; 7] = [10, 10, 12, 14, 14, 16, 24];
    let wsum: u32 = YEARS_W.iter().sum();
    let mut plans = Vec::new();
    let mut total = 0usize;
    while total < args.reports {
        let mut r = master.gen_range(0..wsum);
        let mut count = 7u16;
        for (i, w) in YEARS_W.iter().enumerate() {
            if r < *w {
                count = i as u16 + 1;
                break;
            }
            r -= w;
        }
        let count = (count as usize).min(args.reports - total) as u16;
        let start = master.gen_range(2019..=2026 - count);
        plans.push(Plan {
            k: plans.len(),
            start,
            count,
        });
        total += count as usize;
    }
    let organs: Vec<Organ> = plans.iter().map(|p| names.organ(p.k)).collect();
    let dirs: BTreeSet<&str> = organs.iter().map(|o| o.rel_dir.as_str()).collect();
    fs::create_dir_all(&args.out)?;
    for d in &dirs {
        fs::create_dir_all(args.out.join(d))?;
    }

    // Generate in parallel; the content of organ k depends only on (seed, k).
    let next = AtomicUsize::new(0);
    const CHUNK: usize = 16;
    let results: Vec<std::io::Result<(Manifest, u64)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..args.threads)
            .map(|_| {
                s.spawn(|| -> std::io::Result<(Manifest, u64)> {
                    let mut b = Bufs {
                        row: Row::default(),
                        tables: String::with_capacity(16 << 10),
                        doc: String::with_capacity(64 << 10),
                        tmp: String::with_capacity(64 << 10),
                        bytes: Vec::with_capacity(64 << 10),
                        path: String::new(),
                    };
                    let mut manifest = Vec::new();
                    let mut bytes = 0;
                    loop {
                        let i = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if i >= plans.len() {
                            break;
                        }
                        for j in i..(i + CHUNK).min(plans.len()) {
                            bytes += gen_organ(
                                &plans[j],
                                &organs[j],
                                args.seed,
                                &args.out,
                                &mut b,
                                &mut manifest,
                            )?;
                        }
                    }
                    Ok((manifest, bytes))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread panicked"))
            .collect()
    });
    let mut manifest = Vec::with_capacity(args.reports);
    let mut bytes = 0;
    for r in results {
        let (m, by) = r?;
        manifest.extend(m);
        bytes += by;
    }
    manifest.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let mut w = BufWriter::new(File::create(args.out.join("MANIFEST.tsv"))?);
    writeln!(
        w,
        "path\ttemplate\tlayout\tencoding\tnewline\tyear\torgan\tissuer\treport_date\tpunct\tbytes"
    )?;
    for (_, line) in &manifest {
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    eprintln!(
        "gen_corpus: {} reports ({} organs, {:.1} MB) in {} in {:.2}s",
        manifest.len(),
        plans.len(),
        bytes as f64 / 1e6,
        args.out.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_corpus: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("gen_corpus: {e}");
        std::process::exit(1);
    }
}
