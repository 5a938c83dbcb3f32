//! Line patterns: what a page number, a heading, a metadata field, a note definition, a ToC
//! entry, a byline or a caption look like in Chinese publications. Pure functions of one line.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::ArtifactKind;
use crate::document::chars::{is_cjk, is_han, whitespace_len};

fn re(pattern: &str) -> Regex {
    // The patterns are literals checked by the tests below; a typo is a programming error.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// The content with all whitespace removed (letter-spaced labels compare equal). Most lines
/// hold no whitespace and are returned as they are, without a copy.
pub fn squeeze(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let mut out: Option<String> = None;
    // `s[..copied]` is in `out` already, less its whitespace.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let ws = whitespace_len(bytes, i);
        if ws == 0 {
            i += 1;
            continue;
        }
        // Whitespace starts on a character boundary, so these slices are whole characters.
        out.get_or_insert_with(|| String::with_capacity(s.len()))
            .push_str(&s[copied..i]);
        i += ws;
        copied = i;
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut out) => {
            out.push_str(&s[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether `c` may be a Unicode decimal digit (what `\d` matches): a superset, answered without
/// the table lookup for the CJK and kana range U+3000–U+A61F, which holds no digit.
fn may_be_digit(c: char) -> bool {
    c.is_ascii_digit() || !c.is_ascii() && !('\u{3000}'..'\u{A620}').contains(&c) && c.is_numeric()
}

/// The first character that is not whitespace (the first character of [`squeeze`]).
fn first_visible(s: &str) -> Option<char> {
    s.chars().find(|c| !c.is_whitespace())
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[ivxlc]{1,7}|[IVXLC]{2,7}|·\s*\d{1,4}\s*·)$",
    )
});
static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,3}$"));

/// Units that a wrapped number continues with: a bare number line followed by one is text.
const NUMBER_UNITS: &str = "年月日号个家所万亿多余名人次项元吨米倍位届期%％岁座台辆条种批个";

/// Page furniture recognisable from the line alone. `next` is the next non-blank content.
pub fn furniture(content: &str, next: Option<&str>) -> Option<ArtifactKind> {
    // Furniture lines are short; most lines are not, and this runs on every line.
    if content.len() > 120 {
        return None;
    }
    if content.len() > 48 && !content.starts_with(['本', '责', '美', '校', '排', '版']) {
        return None;
    }
    let first = first_visible(content)?;
    // Every page-number form starts with a dash, 第, a digit, a Roman numeral or `·`.
    let page_like = matches!(first, '-' | '—' | '－' | '–' | '第' | '·')
        || may_be_digit(first)
        || matches!(
            first,
            'i' | 'v' | 'x' | 'l' | 'c' | 'I' | 'V' | 'X' | 'L' | 'C'
        );
    if page_like && PAGE_NUMBER.is_match(content) {
        return Some(ArtifactKind::PageNumber);
    }
    if may_be_digit(first) && BARE_NUMBER.is_match(content) {
        let continues = next
            .and_then(|n| n.chars().next())
            .is_some_and(|c| NUMBER_UNITS.contains(c));
        return (!continues).then_some(ArtifactKind::PageNumber);
    }
    // A stamp starts (after ★, * or brackets) with 内, 机, 秘, 绝 or 仅; an editor line with
    // 本, 责, 美, 校, 排 or 版. Squeezing is only worth it for those.
    if !matches!(
        first,
        '★' | '☆'
            | '*'
            | '（'
            | '）'
            | '('
            | ')'
            | '内'
            | '机'
            | '秘'
            | '绝'
            | '仅'
            | '本'
            | '责'
            | '美'
            | '校'
            | '排'
            | '版'
    ) {
        return None;
    }
    let squeezed = squeeze(content);
    let stamp = squeezed.trim_matches(|c| matches!(c, '★' | '☆' | '*' | '（' | '）' | '(' | ')'));
    if matches!(
        stamp,
        "内部资料"
            | "内部参考"
            | "内部文件"
            | "内部资料注意保存"
            | "机密"
            | "秘密"
            | "绝密"
            | "仅供参考"
            | "内部刊物"
    ) {
        return Some(ArtifactKind::Stamp);
    }
    static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:(?:本版编辑|本版责编|责任编辑|美术编辑|责任校对)[:：]?|(?:美编|校对|排版|版式设计)[:：])\p{Han}{2}",
        )
    });
    if EDITOR.is_match(&squeezed) && content.chars().count() <= 40 {
        return Some(ArtifactKind::EditorLine);
    }
    None
}

/// Heading rank by numbering style: lower is higher in the hierarchy.
pub fn heading_rank(content: &str) -> Option<u8> {
    static RANKS: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
        let n = "[一二三四五六七八九十百零〇两]+";
        vec![
            (
                re(&format!(
                    r"^第\s*(?:{n}|\d+)\s*(?:编|部分|篇)(?:\s|$|[：:])"
                )),
                0,
            ),
            (re(&format!(r"^第\s*(?:{n}|\d+)\s*章(?:\s|$|[：:])")), 1),
            (re(r"^(?i:chapter)\s+\d+"), 1),
            (re(&format!(r"^第\s*(?:{n}|\d+)\s*节(?:\s|$|[：:])")), 2),
            (re(&format!(r"^{n}\s*[、．.]")), 3),
            (re(&format!(r"^[（(]\s*{n}\s*[)）]")), 4),
            (re(r"^\d{1,2}\s*(?:[、．]|\.\s)"), 5),
            (re(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+"), 6),
            (re(r"^[（(]\d{1,2}[)）]"), 7),
        ]
    });
    let first = content.chars().next()?;
    // Only the patterns that can start with the first character are tried, in their order.
    let candidates: &[usize] = match first {
        '第' => &[0, 1, 3],
        'C' | 'c' => &[2],
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零'
        | '〇' | '两' => &[4],
        '（' | '(' => &[5, 8],
        _ if first.is_ascii_digit() => &[6, 7],
        _ => return None,
    };
    let (found, rank) = candidates
        .iter()
        .find_map(|&k| RANKS[k].0.find(content).map(|m| (m, &RANKS[k].1)))?;
    // `1.8 万人` is a number and its unit, not section 1.8.
    let after = &content[found.end()..];
    let unit_follows = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| NUMBER_UNITS.contains(c) || "千百".contains(c));
    (!(*rank >= 5 && unit_follows)).then_some(*rank)
}

/// Unnumbered section names that are headings wherever they stand alone.
const NAMED_SECTIONS: &[&str] = &[
    "结语",
    "结束语",
    "结论",
    "前言",
    "序言",
    "序",
    "引言",
    "导言",
    "绪论",
    "后记",
    "参考文献",
    "附录",
    "致谢",
    "小结",
    "总结",
    "余论",
    "编写说明与致谢",
    "编后记",
];

/// A line holding only one of [`NAMED_SECTIONS`] (letter-spacing allowed).
pub fn is_named_section(content: &str) -> bool {
    if content.len() > 48 {
        return false;
    }
    // Most lines start with no name's first character and need no squeezing.
    let Some(first) = first_visible(content) else {
        return false;
    };
    static FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut firsts: Vec<char> = NAMED_SECTIONS
            .iter()
            .filter_map(|n| n.chars().next())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    });
    if FIRSTS.binary_search(&first).is_err() {
        return false;
    }
    NAMED_SECTIONS.contains(&squeeze(content).as_ref())
}

/// A table-of-contents label line (目录).
pub fn is_toc_label(content: &str) -> bool {
    content.len() <= 24
        && matches!(
            squeeze(content).as_ref(),
            "目录" | "目次" | "目錄" | "Contents" | "CONTENTS"
        )
}

/// A ToC entry: `(title_end_byte, page)`. Dot leaders (`.....`, `. . .`, `…`), a TAB, or in
/// `-layout` output a wide gap before the page number.
pub fn toc_entry(content: &str) -> Option<(usize, u32)> {
    static TAB: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(.+?)\s*(?:(?:[.．·…。]\s?){2,})?\s*\t\s*(\d{1,4})$"));
    static LEADER: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(.+?)\s*(?:[.．·…]\s?){3,}\s*(\d{1,4})$"));
    static GAP: LazyLock<Regex> = LazyLock::new(|| re(r"^(.*\S)\s{3,}(\d{1,4})$"));
    if !content.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let caps = TAB
        .captures(content)
        .or_else(|| LEADER.captures(content))
        .or_else(|| GAP.captures(content))?;
    let title = caps.get(1)?;
    let page = caps.get(2)?.as_str().parse().ok()?;
    Some((title.end(), page))
}

/// Labels of metadata fields (front and back matter of articles).
const META_LABELS: &[&str] = &[
    "提要",
    "内容提要",
    "摘要",
    "内容摘要",
    "关键词",
    "关键字",
    "主题词",
    "作者简介",
    "作者单位",
    "中图分类号",
    "文献标识码",
    "文章编号",
    "完稿日期",
    "收稿日期",
    "修回日期",
    "责任编辑",
    "基金项目",
    "引用格式",
    "DOI",
    "英文摘要",
    "Abstract",
    "Keywords",
    "KeyWords",
];

/// Labels whose value is running text that may wrap over several lines.
pub fn is_abstract_label(label: &str) -> bool {
    matches!(
        label,
        "提要" | "内容提要" | "摘要" | "内容摘要" | "Abstract" | "英文摘要"
    )
}

/// A metadata field at line start: `〔关键词〕…`, `【完稿日期：…】`, `摘要：…`. Returns the label.
pub fn meta_label(content: &str) -> Option<String> {
    static BRACKETED: LazyLock<Regex> =
        LazyLock::new(|| re(r"^[〔【\[［]\s*([^〕】\]］：:]{1,16}?)\s*(?:[〕】\]］]|[：:])"));
    static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(摘\s*要|提\s*要|内容提要|内容摘要|关\s*键\s*词|关键字|(?i:abstract)|(?i:key\s*words))\s*[：:]",
        )
    });
    if !content.starts_with([
        '〔', '【', '[', '［', '摘', '提', '内', '关', 'A', 'a', 'K', 'k',
    ]) {
        return None;
    }
    let label = BRACKETED
        .captures(content)
        .or_else(|| PLAIN.captures(content))
        .and_then(|c| c.get(1))
        .map(|m| squeeze(m.as_str()).into_owned())?;
    let known = META_LABELS.iter().any(|l| l.eq_ignore_ascii_case(&label))
        || ["日期", "编号", "简介", "项目", "分类号", "标识码"]
            .iter()
            .any(|s| label.ends_with(s));
    known.then_some(label)
}

/// A footnote definition at line start: returns the label as written (`[1]`, `①`, `注1`) and
/// its byte length in `content`.
pub fn note_start(content: &str) -> Option<(String, usize)> {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^(?:\^?\[\d{1,3}\]|[①-⑳㉑-㉟]|注\s*(?:\d{1,3}|[①-⑳])\s*[:：.．]?|\d?[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
    });
    let mixed_superscript = content.starts_with(|c: char| c.is_ascii_digit())
        && content[1..].starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰']);
    if !content.starts_with([
        '[', '^', '注', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰',
    ]) && !content.starts_with(|c: char| ('①'..='⑳').contains(&c) || ('㉑'..='㉟').contains(&c))
        && !mixed_superscript
    {
        return None;
    }
    let m = NOTE.find(content)?;
    // `注意…` or a bare superscript glued to nothing is not a note definition.
    if content[m.end()..].trim().is_empty() && !m.as_str().starts_with('[') {
        return None;
    }
    Some((m.as_str().trim().to_owned(), m.end()))
}

/// A byline: `(strong, text)` — strong patterns stand on their own, weak ones (an organisation
/// or a bare name) only directly under a title.
pub fn byline_strength(content: &str) -> Option<bool> {
    if content.len() > 120 {
        return None;
    }
    static STRONG: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:[□■◎]\s*\S|本报(?:驻\S{1,10})?(?:特约)?记者|(?:新华社|中新社|人民网|新华网)\S{0,8}记者|(?:记者|作者|撰文|撰稿|编译|文)\s*[:：/／]|（作者系)",
        )
    });
    if may_be_strong_byline(content) && STRONG.is_match(content) {
        return Some(true);
    }
    static ORG: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?:研究院|研究所|研究中心|研究会|课题组|编辑部|编写组|大学|学院|智库|委员会)$")
    });
    // Likewise every organisation name ends with one of these.
    if content.ends_with(['院', '所', '心', '会', '组', '部', '学', '库'])
        && content.chars().count() <= 24
        && ORG.is_match(content)
        && !content.chars().any(|c| "，。；：".contains(c))
    {
        return Some(false);
    }
    // The cheap name test first; both are pure.
    (is_name_list(content) && patterns_free(content)).then_some(false)
}

/// Whether the first two characters allow one of the strong byline forms (□…, 本报, 新华社,
/// 中新社, 人民网, 新华网, 记者, 作者, 撰文, 撰稿, 编译, 文:, （作者系), so the regex only runs
/// on those lines.
fn may_be_strong_byline(content: &str) -> bool {
    let mut chars = content.chars();
    let (Some(a), b) = (chars.next(), chars.next()) else {
        return false;
    };
    match a {
        '□' | '■' | '◎' => true,
        '本' => b == Some('报'),
        '新' => b == Some('华'),
        '中' => b == Some('新'),
        '人' => b == Some('民'),
        '记' | '作' => b == Some('者'),
        '撰' => matches!(b, Some('文' | '稿')),
        '编' => b == Some('译'),
        '文' => b.is_some_and(|c| c.is_whitespace() || matches!(c, ':' | '：' | '/' | '／')),
        '（' => b == Some('作'),
        _ => false,
    }
}

/// Not a heading label (第一章) or anything else a name line cannot be.
fn patterns_free(content: &str) -> bool {
    heading_rank(content).is_none() && !is_named_section(content)
}

/// Common Chinese surnames: a name line starts each name with one of them.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

/// Whether `c` is in [`SURNAMES`]: one bit per character of the BMP (8 KiB), looked up
/// without a search; every surname is a BMP character.
fn is_surname(c: char) -> bool {
    static BITS: LazyLock<Vec<u64>> = LazyLock::new(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for s in SURNAMES.chars() {
            let s = s as usize;
            bits[s / 64] |= 1 << (s % 64);
        }
        bits
    });
    let c = c as usize;
    BITS.get(c / 64)
        .is_some_and(|word| word >> (c % 64) & 1 == 1)
}

/// One to three personal names (2–4 Han characters each, possibly letter-spaced), each
/// starting with a common surname.
pub fn is_name_list(content: &str) -> bool {
    // Three names of four characters with spaces between them fit in 48 bytes.
    if content.len() > 48 || !content.starts_with(is_surname) {
        return false;
    }
    // The names of `merge_single_char_tokens`, described without building them.
    #[derive(Clone, Copy)]
    struct Name {
        first: char,
        chars: usize,
        han: bool,
    }
    let mut names = [Name {
        first: ' ',
        chars: 0,
        han: true,
    }; 3];
    let mut count = 0;
    let mut add = |name: Name| {
        // A fourth name fails the test whatever else holds.
        let room = count < names.len();
        if room {
            names[count] = name;
            count += 1;
        }
        room
    };
    let mut run: Option<Name> = None;
    for token in content.split_whitespace() {
        let mut chars = token.chars();
        let Some(first) = chars.next() else { continue };
        if chars.next().is_none() {
            run = Some(match run {
                Some(r) => Name {
                    chars: r.chars + 1,
                    han: r.han && is_han(first),
                    ..r
                },
                None => Name {
                    first,
                    chars: 1,
                    han: is_han(first),
                },
            });
            continue;
        }
        if let Some(r) = run.take()
            && !add(r)
        {
            return false;
        }
        let name = Name {
            first,
            chars: token.chars().count(),
            han: token.chars().all(is_han),
        };
        if !add(name) {
            return false;
        }
    }
    if let Some(r) = run
        && !add(r)
    {
        return false;
    }
    let names = &names[..count];
    // A lone unspaced token of four characters is more often a phrase (对策建议) than a name.
    let max = if names.len() == 1 && !content.contains(' ') {
        3
    } else {
        4
    };
    !names.is_empty()
        && names
            .iter()
            .all(|n| is_surname(n.first) && (2..=max).contains(&n.chars) && n.han)
}

/// Split on whitespace and merge runs of one-character tokens (`袁 勇` → `袁勇`).
pub fn merge_single_char_tokens(content: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for token in content.split_whitespace() {
        if token.chars().count() == 1 {
            run.push_str(token);
        } else {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            out.push(token.to_owned());
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// A caption: a photo credit at the end, or a figure/table number at the start.
pub fn is_caption(content: &str) -> bool {
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"[（(][^（）()]{1,20}(?:发|摄|供图|制图|提供|绘)[）)]$"));
    static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:图|表|源代码|代码|清单|Figure|Table|Listing)\s*\d+(?:[-.]\d+)?\s*([:：.]|\s)|^图为",
        )
    });
    if content.ends_with(['）', ')']) && CREDIT.is_match(content) {
        return true;
    }
    if !content.starts_with(['图', '表', '源', '代', '清', 'F', 'T', 'L']) {
        return false;
    }
    let Some(m) = FIGURE.captures(content) else {
        return false;
    };
    // `表 4.2 中的命令……。` after a bare space is a sentence about the table, not its caption:
    // a caption is short, or names itself with a colon.
    m.get(1).is_none_or(|sep| !sep.as_str().trim().is_empty())
        || content.chars().count() <= 40 && !content.trim_end_matches('。').contains('。')
}

pub fn ends_with_credit(content: &str) -> bool {
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"[（(][^（）()]{1,20}(?:发|摄|供图|制图|提供|绘)[）)]$"));
    CREDIT.is_match(content)
}

/// Whether the line's CJK characters are justified with spaces (most CJK↔CJK gaps are spaces).
pub fn is_letter_spaced(content: &str) -> bool {
    is_letter_spaced_chars(content.chars())
}

/// [`is_letter_spaced`] over characters, in one pass: each CJK character is paired with the
/// next non-space character, which counts when it is CJK too (tight if nothing was between).
pub fn is_letter_spaced_chars(chars: impl IntoIterator<Item = char>) -> bool {
    let (mut tight, mut spaced) = (0, 0);
    // Spaces seen since the last CJK character, if the last non-space one was CJK.
    let mut after_cjk: Option<usize> = None;
    for c in chars {
        if c == ' ' {
            if let Some(gap) = after_cjk.as_mut() {
                *gap += 1;
            }
        } else if is_cjk(c) {
            match after_cjk {
                Some(0) => tight += 1,
                Some(_) => spaced += 1,
                None => {}
            }
            after_cjk = Some(0);
        } else {
            after_cjk = None;
        }
    }
    spaced >= 2 && spaced >= tight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_bylines_pass_the_first_characters_test() {
        for line in [
            "□ 邓浩",
            "■王",
            "◎x",
            "本报记者 袁勇",
            "本报驻莫斯科记者",
            "新华社记者",
            "新华网北京记者",
            "中新社记者",
            "人民网记者",
            "记者：李",
            "作者/王",
            "撰文 ：张",
            "撰稿／李",
            "编译:王",
            "文：王",
            "文 / 王",
            "（作者系研究员",
        ] {
            assert_eq!(byline_strength(line), Some(true), "{line}");
            assert!(may_be_strong_byline(line), "{line}");
        }
        for line in ["中国与中亚", "文化交流", "人们", "本文"] {
            assert!(!may_be_strong_byline(line), "{line}");
        }
    }

    #[test]
    fn surnames_are_looked_up_exactly() {
        assert!(SURNAMES.chars().all(|c| (c as u32) < 0x10000));
        for c in "王李张袁邓中国甲乙的了a1𠀀".chars() {
            assert_eq!(is_surname(c), SURNAMES.contains(c), "{c}");
        }
    }

    #[test]
    fn may_be_digit_holds_for_every_decimal_digit() {
        let digit = Regex::new(r"^\d$").unwrap_or_else(|e| panic!("{e}"));
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if digit.is_match(c.encode_utf8(&mut buf)) {
                assert!(may_be_digit(c), "{c:?}");
            }
        }
    }

    #[test]
    fn furniture_lines() {
        assert_eq!(furniture("-5-", None), Some(ArtifactKind::PageNumber));
        assert_eq!(furniture("- 12 -", None), Some(ArtifactKind::PageNumber));
        assert_eq!(furniture("ix", None), Some(ArtifactKind::PageNumber));
        assert_eq!(
            furniture("35", Some("能否推荐")),
            Some(ArtifactKind::PageNumber)
        );
        assert_eq!(furniture("35", Some("年以来")), None);
        assert_eq!(furniture("2022", Some("年中亚")), None);
        assert_eq!(furniture("内部资料", None), Some(ArtifactKind::Stamp));
        assert_eq!(
            furniture("本版编辑 徐 胥 美 编 高 妍", None),
            Some(ArtifactKind::EditorLine)
        );
        assert_eq!(furniture("内部资料显示，", None), None);
    }

    #[test]
    fn heading_ranks() {
        assert_eq!(heading_rank("第一章 中国—中亚合作结出丰硕成果"), Some(1));
        assert_eq!(heading_rank("第三章"), Some(1));
        assert_eq!(
            heading_rank("一、中国对中亚民间外交取得的主要进展"),
            Some(3)
        );
        assert_eq!(heading_rank("（一）教育领域合作"), Some(4));
        assert_eq!(heading_rank("1. 全球经济复苏乏力"), Some(5));
        assert_eq!(heading_rank("1.1   什么是 Debian？"), Some(6));
        assert_eq!(heading_rank("1.8 万人"), None);
        assert_eq!(heading_rank("2013 年起"), None);
        assert!(is_named_section("结  语"));
    }

    #[test]
    fn meta_toc_notes() {
        assert_eq!(meta_label("〔提 要〕中国与中亚"), Some("提要".to_owned()));
        assert_eq!(
            meta_label("【完稿日期：2022-7-10】"),
            Some("完稿日期".to_owned())
        );
        assert_eq!(meta_label("【理响中国】xx"), None);
        assert_eq!(meta_label("关键词：民间外交"), Some("关键词".to_owned()));
        assert_eq!(
            toc_entry("三、能源全产业链合作加速推进.....\t10").map(|t| t.1),
            Some(10)
        );
        assert_eq!(toc_entry("序 言\t1").map(|t| t.1), Some(1));
        assert_eq!(
            toc_entry("2.1.1 支持的体系 . . . . . 5").map(|t| t.1),
            Some(5)
        );
        assert_eq!(toc_entry("在 2013 年"), None);
        assert_eq!(
            toc_entry("E.4 商标确认 . . . . . … . . . 93").map(|t| t.1),
            Some(93)
        );
        assert_eq!(
            toc_entry("E 文案                 92").map(|t| t.1),
            Some(92)
        );
        assert_eq!(note_start("[1] 参见").map(|n| n.0), Some("[1]".to_owned()));
        assert_eq!(note_start("^[2]《").map(|n| n.0), Some("^[2]".to_owned()));
        assert_eq!(note_start("① 同上。").map(|n| n.0), Some("①".to_owned()));
        assert_eq!(note_start("注意安全"), None);
    }

    #[test]
    fn bylines_and_captions() {
        assert_eq!(byline_strength("□ 邓 浩"), Some(true));
        assert_eq!(byline_strength("本报记者 袁 勇"), Some(true));
        assert_eq!(byline_strength("本报驻莫斯科记者"), Some(true));
        assert_eq!(byline_strength("新华社研究院"), Some(false));
        assert_eq!(byline_strength("余淼杰 杜明威"), Some(false));
        assert_eq!(byline_strength("万 喆"), Some(false));
        assert_eq!(byline_strength("新型国际关系典范"), None);
        for line in [
            "王 小 明",
            "王小明 李 四 张三丰",
            "王小明 李四 张三 赵五",
            "对策建议",
            "王 a",
            "李明明明明",
            "王",
            "王 小 明 李 四",
        ] {
            let names = merge_single_char_tokens(line);
            let max = if names.len() == 1 && !line.contains(' ') {
                3
            } else {
                4
            };
            let expected = names
                .iter()
                .all(|n| n.chars().next().is_some_and(is_surname))
                && !names.is_empty()
                && names.len() <= 3
                && names
                    .iter()
                    .all(|n| (2..=max).contains(&n.chars().count()) && n.chars().all(is_han));
            assert_eq!(is_name_list(line), expected, "{line}");
        }
        assert!(is_caption("汽车行驶在大桥上。 （新华社发）"));
        assert!(is_letter_spaced("始 终 秉 持 相 互 尊 重"));
        for text in [
            "",
            "中文",
            " 中 文\t",
            "\u{3000}提\u{a0}要\u{2003}",
            "a\u{85}b\u{205f}",
        ] {
            let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(squeeze(text), expected, "{text:?}");
        }
        assert!(!is_letter_spaced("多彩中亚 丝路新篇 | 鲁班工坊"));
    }
}
