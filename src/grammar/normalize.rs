//! Label normalisation: the printed label as the grammar's keywords expect it.
//!
//! Real reports print the same label with full-width or ASCII punctuation (`（一）`
//! vs `(一)`), with spaces inside (`商业 企业`), split over lines, and on mirror
//! sites in Traditional characters (`規範性文件`). Matching happens on a folded form:
//! full-width ASCII folded to ASCII (the part of NFKC that matters for these labels),
//! the common Traditional characters of the template folded to Simplified, and all
//! whitespace removed. The fold is per character, so every folded character keeps
//! the byte offset of the character it came from: a label found in glued text can be
//! cut out of the raw text exactly as printed.

/// A folded label with, for each folded character, the byte offset in the raw text
/// where it came from.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    pub text: String,
    /// `offsets[i]` is the raw byte offset of the char starting at folded byte
    /// `starts[i]`.
    pub starts: Vec<u32>,
    pub offsets: Vec<u32>,
}

impl Folded {
    /// Folds `raw`, recording offsets.
    #[cfg(test)]
    pub fn new(raw: &str) -> Folded {
        let mut f = Folded::default();
        f.refill(raw);
        f
    }

    /// Folds `raw` into this buffer, reusing its allocations.
    pub fn refill(&mut self, raw: &str) {
        self.text.clear();
        self.starts.clear();
        self.offsets.clear();
        for (off, c) in raw.char_indices() {
            if let Some(c) = fold_char(c) {
                self.starts.push(self.text.len() as u32);
                self.offsets.push(off as u32);
                self.text.push(c);
            }
        }
    }

    /// The raw byte offset of folded byte position `pos` (a char boundary), or
    /// `raw_len` past the end.
    pub fn raw_offset(&self, pos: usize, raw_len: usize) -> usize {
        match self.starts.binary_search(&(pos as u32)) {
            Ok(i) => self.offsets[i] as usize,
            Err(i) if i < self.offsets.len() => self.offsets[i] as usize,
            Err(_) => raw_len,
        }
    }
}

/// Folds a label without recording offsets.
pub fn fold(raw: &str) -> String {
    raw.chars().filter_map(fold_char).collect()
}

/// The characters that fold to `(`: a text holds none of them exactly when its
/// folded form holds no `(`.
pub const OPENING: [char; 4] = ['(', '【', '〔', '（'];

/// Folds one character: `None` drops it (whitespace).
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '\u{feff}' | '\u{200b}' => None,
        // A markdown writer's escape (`3\.其他`, `（一\）`): no part of a label.
        '\\' => None,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '【' | '〔' => Some('('),
        '】' | '〕' => Some(')'),
        '“' | '”' | '「' | '」' | '『' | '』' => Some('"'),
        '—' | '–' => Some('-'),
        c if (c as u32) >= 0x4e00 => Some(simplify(c)),
        c => Some(c),
    }
}

/// Traditional → Simplified for the characters the templates' labels use. Not a
/// general converter: enough that a mirror's `規範性文件` or `總計` matches.
fn simplify(c: char) -> char {
    // Sorted by the Traditional character, so a binary search finds it.
    const TRADITIONAL: &str = "並來個們傳價償優內兩劃動務區問啟單嚴國圍園團執報學實審寫將專對導屆層屬師幣庫廢廣強後徑從復徵徹態應戶採揚據數於時書會東條業構標機檔檢欄權歲歸決況減準為無營爭獨獲現環產當療發監眾確稱穩節範簡簽糾納級組結統經維網編縣總織繫繳繼續罰義聯職臺與舉舊華萬藝處號衛裏補裝裡製複覆規觀計訊訟訪設許訴註詢認說調請證議護讀變讓負財貫責費資質購轉辦這進過違鄉鄰醫錄錢鎮長門開間關陳陸陽隊際險雙雜響頁項預題額類顯館體麼點齊";
    const SIMPLIFIED: &str = "并来个们传价偿优内两划动务区问启单严国围园团执报学实审写将专对导届层属师币库废广强后径从复征彻态应户采扬据数于时书会东条业构标机档检栏权岁归决况减准为无营争独获现环产当疗发监众确称稳节范简签纠纳级组结统经维网编县总织系缴继续罚义联职台与举旧华万艺处号卫里补装里制复复规观计讯讼访设许诉注询认说调请证议护读变让负财贯责费资质购转办这进过违乡邻医录钱镇长门开间关陈陆阳队际险双杂响页项预题额类显馆体么点齐";
    // A bit per character of the CJK block says whether it needs a look-up, so the
    // common (already Simplified) character costs one load.
    struct Table {
        pairs: Vec<(char, char)>,
        bits: Vec<u64>,
    }
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let pairs: Vec<(char, char)> = TRADITIONAL.chars().zip(SIMPLIFIED.chars()).collect();
        let mut bits = vec![0u64; 0x10000 / 64];
        for &(tc, _) in &pairs {
            let i = tc as usize;
            if i < 0x10000 {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        Table { pairs, bits }
    });
    let i = c as usize;
    if i < 0x10000 && t.bits[i / 64] & (1 << (i % 64)) == 0 {
        return c;
    }
    match t.pairs.binary_search_by_key(&c, |&(tc, _)| tc) {
        Ok(i) => t.pairs[i].1,
        Err(_) => c,
    }
}

/// Strips a leading enumerator: `（七）`, `(三)`, `一、`, `1.`, `1、`, `3．`.
pub fn strip_enumerator(folded: &str) -> &str {
    let s = folded;
    if let Some(rest) = s.strip_prefix('(') {
        if let Some(end) = rest.find(')') {
            if end > 0 && rest[..end].chars().all(is_cn_numeral) {
                return &rest[end + 1..];
            }
        }
    }
    let mut chars = s.char_indices();
    let mut end = 0;
    let mut saw = false;
    for (i, c) in chars.by_ref() {
        if c.is_ascii_digit() || is_cn_numeral(c) {
            saw = true;
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if saw {
        let rest = &s[end..];
        for sep in ['、', '.', '．', ','] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
    }
    s
}

/// The value of the last enumerator in `filler`, the text before a label in the
/// same cell (`(六)`, `3.`, `十一、`): `None` when it holds no numeral.
pub fn enumerator_value(filler: &str) -> Option<u32> {
    let end = filler
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit() || is_cn_numeral(*c))
        .map(|(i, c)| i + c.len_utf8())?;
    let head = &filler[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || is_cn_numeral(*c))
        .last()
        .map_or(0, |(i, _)| i);
    let run = &head[start..];
    if run.bytes().all(|b| b.is_ascii_digit()) {
        return run.parse().ok();
    }
    cn_value(run)
}

/// `一`…`九`, `十`, `十一`, `二十`, `二十三`: the numerals of enumerators.
fn cn_value(run: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let chars: Vec<char> = run.chars().collect();
    match chars.as_slice() {
        [d] if *d != '十' => digit(*d),
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// The value of a label's own leading enumerator (`3.其他` → 3, `(七)总计` → 7).
pub fn label_enumerator(folded: &str) -> Option<u32> {
    let rest = strip_enumerator(folded);
    enumerator_value(&folded[..folded.len() - rest.len()])
}

/// Chinese numerals used in enumerators and headings.
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(fold("（三） 不予公开"), "(三)不予公开");
        assert_eq!(fold("商业 企业"), "商业企业");
        assert_eq!(
            fold("本年收费金额（单位：万元）"),
            "本年收费金额(单位:万元)"
        );
    }

    #[test]
    fn folds_traditional() {
        assert_eq!(fold("規範性文件"), "规范性文件");
        assert_eq!(fold("總計"), "总计");
        assert_eq!(fold("申請人情況"), "申请人情况");
    }

    #[test]
    fn strips_enumerators() {
        assert_eq!(strip_enumerator("(七)总计"), "总计");
        assert_eq!(strip_enumerator("3.其他"), "其他");
        assert_eq!(strip_enumerator("3、其他"), "其他");
        assert_eq!(strip_enumerator("一、本年新收"), "本年新收");
        assert_eq!(strip_enumerator("其他"), "其他");
        assert_eq!(strip_enumerator("2020年"), "2020年");
    }

    /// [`OPENING`] is every character that folds to `(`.
    #[test]
    fn opening_is_what_folds_to_paren() {
        let folds: Vec<char> = (0u32..0x11_0000)
            .filter_map(char::from_u32)
            .filter(|&c| fold_char(c) == Some('('))
            .collect();
        assert_eq!(folds, OPENING.to_vec());
    }

    #[test]
    fn reads_enumerator_values() {
        assert_eq!(enumerator_value("(六)"), Some(6));
        assert_eq!(enumerator_value("3."), Some(3));
        assert_eq!(enumerator_value("|12、"), Some(12));
        assert_eq!(enumerator_value("十一、"), Some(11));
        assert_eq!(enumerator_value("二十三、"), Some(23));
        assert_eq!(enumerator_value("三、(六)"), Some(6));
        assert_eq!(enumerator_value("|\"-"), None);
        assert_eq!(enumerator_value(""), None);
        assert_eq!(label_enumerator("3.其他"), Some(3));
        assert_eq!(label_enumerator("(七)总计"), Some(7));
        assert_eq!(label_enumerator("其他"), None);
    }

    #[test]
    fn keeps_offsets() {
        let raw = "规 章（一）";
        let f = Folded::new(raw);
        assert_eq!(f.text, "规章(一)");
        let pos = f.text.find('(').unwrap();
        assert_eq!(&raw[f.raw_offset(pos, raw.len())..], "（一）");
    }
}
