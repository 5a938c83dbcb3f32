//! Names a document mentions: places, people, organisations (jieba tags, our dictionaries'
//! tags first), titles in 《》 and programme names in “”. Every name is counted over the folded
//! text (longest name wins where names overlap), and a short form the text introduces
//! (`上海合作组织（下文简称上合组织）`) is merged into its full name.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Serialize;

use super::fold::{Folded, fold_str};
use super::{Segmenter, TaggedWord};
use crate::document::{BlockKind, Document};
use crate::span::TextSpan;

/// Longest quoted text taken for a programme name; longer quotes are quotations.
const MAX_PROGRAMME_CHARS: usize = 16;

static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"《([^《》\n]{1,80})》").ok());
static QUOTED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"“([^“”\n]{2,40})”").ok());
/// `（下文简称上合组织）`, `（以下简称“两会”）`, `（简称…）`, `(下称…)` on folded text.
static SHORT_FORM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"^\((?:下文|以下|下)?(?:简称|称)(?:为)?[“"「]?([^()“”"「」,，;；\n]{1,20})[”"」]?\)"#,
    )
    .ok()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Title,
    Org,
    Place,
    Person,
    Programme,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Place => "place",
            Self::Person => "person",
            Self::Org => "org",
            Self::Title => "title",
            Self::Programme => "programme",
        }
    }

    /// The kind a jieba part-of-speech tag names, if it names one.
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "ns" => Some(Self::Place),
            "nt" => Some(Self::Org),
            t if t.starts_with("nr") => Some(Self::Person),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub line: u32,
    pub col: u32,
    #[serde(skip)]
    pub span: TextSpan,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub count: usize,
    /// Other forms counted under this name (short forms the text introduced).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub occurrences: Vec<Occurrence>,
}

/// Names of one document, most mentioned first.
pub fn document_entities(segmenter: &Segmenter, doc: &Document) -> Vec<Entity> {
    let folded = Folded::new(doc.text());
    let mut jieba_abbreviations = BTreeSet::new();
    let candidates = candidates(segmenter, doc, folded.text(), &mut jieba_abbreviations);
    let mut names: Vec<&str> = candidates.keys().map(String::as_str).collect();
    let Ok(matcher) = build_matcher(&names) else {
        return Vec::new();
    };
    let mut aliases = short_forms(folded.text(), &matcher, &names);
    for (short, full) in abbreviations(segmenter, &candidates, &jieba_abbreviations) {
        aliases.entry(short).or_insert(full);
    }
    // Short forms that are not names by themselves are matched as their full name.
    let extra: Vec<String> = aliases
        .keys()
        .filter(|short| !candidates.contains_key(*short))
        .cloned()
        .collect();
    let matcher = if extra.is_empty() {
        matcher
    } else {
        names.extend(extra.iter().map(String::as_str));
        match build_matcher(&names) {
            Ok(m) => m,
            Err(_) => return Vec::new(),
        }
    };
    let mut found: BTreeMap<String, Entity> = BTreeMap::new();
    for m in matcher.find_iter(folded.text()) {
        let Some(name) = names.get(m.pattern().as_usize()) else {
            continue;
        };
        let name: &str = name;
        let target: &str = aliases.get(name).map_or(name, String::as_str);
        let Some(&kind) = candidates.get(target) else {
            continue;
        };
        // A title is a title only between 《》: the same words elsewhere are ordinary words.
        if kind == EntityKind::Title
            && !folded
                .text()
                .get(..m.start())
                .is_some_and(|t| t.ends_with('《'))
        {
            continue;
        }
        let span = TextSpan::new(
            folded.original_offset(m.start()),
            folded.original_offset(m.end()),
        );
        let pos = doc.raw_pos(span.start());
        let entity = found.entry(target.to_owned()).or_insert_with(|| Entity {
            name: display_name(doc.text(), span, target, name),
            kind,
            count: 0,
            aliases: Vec::new(),
            occurrences: Vec::new(),
        });
        if target != name && !entity.aliases.iter().any(|a| a == name) {
            entity.aliases.push(name.to_owned());
        }
        entity.count += 1;
        entity.occurrences.push(Occurrence {
            line: pos.map_or(0, |p| p.line),
            col: pos.map_or(0, |p| p.col),
            span,
        });
    }
    let mut entities: Vec<Entity> = found.into_values().collect();
    entities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    entities
}

/// The name as the document writes it where the folded name matched it (繁體 stays 繁體).
fn display_name(text: &str, span: TextSpan, target: &str, matched: &str) -> String {
    if target == matched {
        span.slice(text).unwrap_or(target).to_owned()
    } else {
        target.to_owned()
    }
}

/// Folded names with their kinds. A name found by several rules keeps the strongest kind
/// (title, then a tag, then programme).
fn candidates(
    segmenter: &Segmenter,
    doc: &Document,
    folded: &str,
    abbreviations: &mut BTreeSet<String>,
) -> BTreeMap<String, EntityKind> {
    let mut names: BTreeMap<String, EntityKind> = BTreeMap::new();
    for (term, tag) in segmenter.tagged_terms() {
        let term = fold_str(term);
        if let Some(kind) = EntityKind::from_tag(tag).filter(|_| folded.contains(&term)) {
            add_name(&mut names, &term, kind);
        }
    }
    let mut people = PeopleInContext::default();
    for block in doc.blocks().iter().filter(|b| b.kind != BlockKind::Toc) {
        let text = doc.block_text(block);
        let words = segmenter.tag(text);
        for (i, word) in words.iter().enumerate() {
            // jieba tags abbreviations `j` (上合, 北大): names only if they shorten a name here.
            if word.tag == "j" && word.word.chars().count() >= 2 {
                abbreviations.insert(fold_str(word.word));
            }
            match name_kind(segmenter, word.word, word.tag) {
                Some((kind, Credence::Sure)) => add_name(&mut names, &fold_str(word.word), kind),
                Some((_, Credence::InNameContext)) => people.note(text, &words, i),
                None => {}
            }
        }
    }
    let sure_people: Vec<String> = names
        .iter()
        .filter(|(_, kind)| **kind == EntityKind::Person)
        .map(|(name, _)| name.clone())
        .collect();
    for name in people.accepted(sure_people) {
        add_name(&mut names, &name, EntityKind::Person);
    }
    for caps in TITLE.iter().flat_map(|re| re.captures_iter(folded)) {
        if let Some(inner) = caps.get(1) {
            add_name(&mut names, inner.as_str(), EntityKind::Title);
        }
    }
    for caps in QUOTED.iter().flat_map(|re| re.captures_iter(folded)) {
        if let Some(inner) = caps.get(1).map(|m| m.as_str()).filter(|s| is_programme(s)) {
            add_name(&mut names, inner, EntityKind::Programme);
        }
    }
    names
}

/// Count `name` as a `kind`; a name found by several rules keeps the strongest kind.
fn add_name(names: &mut BTreeMap<String, EntityKind>, name: &str, kind: EntityKind) {
    if name.chars().count() >= 2 {
        let slot = names.entry(name.to_owned()).or_insert(kind);
        *slot = (*slot).min(kind);
    }
}

/// Common surnames: a word tagged as a Chinese person's name is taken only when it starts with
/// one (jieba's tags on other words are mostly noise).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝冼";
/// Two-character surnames (欧阳修 is a three-character name with a one-character given name).
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "令狐", "夏侯", "端木", "独孤",
];

/// Endings that make a word credible as a place or organisation name when jieba's HMM found it.
const PLACE_ENDINGS: [char; 10] = ['省', '市', '县', '州', '区', '镇', '村', '湖', '河', '岛'];
/// Endings of organisation names (jieba's dictionary tags many plain phrases `nt`).
const ORG_ENDINGS: &str = "部社院局署会委党行校馆所台网司团厂盟织金处办府军队国";

/// How far a tagged word can be trusted to be a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credence {
    Sure,
    /// A person only if the document somewhere uses it as people's names are used.
    InNameContext,
}

/// The kind of name a tagged word is. Our dictionaries' tags are trusted; jieba's are checked,
/// since its dictionary tags many common words `nr`/`nt` (智慧 nr, 重大进展 nt) and its HMM
/// guesses tags for words no dictionary has.
///
/// People: a Chinese name is a surname and a one- or two-character given name. Only a
/// three-character name (surname + two characters) that jieba's dictionary does not know
/// is taken on its tag alone: that shape is rarely anything else. A word the dictionary
/// knows is a common word as often as a name (高潮, 施政, 康复, 蓝图 and 莫斯科 all carry `nr`
/// there, next to 孔子 and 冼星海), and a surname plus one character is often a plain word
/// (施策, 齐升); those, and transliterated names (`nrt`, also given to cities such as 布哈拉),
/// count only where the text uses them as names (see [`PeopleInContext`]).
fn name_kind(segmenter: &Segmenter, word: &str, tag: &str) -> Option<(EntityKind, Credence)> {
    if segmenter.dictionary_tag(word).is_some() {
        return EntityKind::from_tag(tag).map(|k| (k, Credence::Sure));
    }
    let kind = EntityKind::from_tag(tag).filter(|_| is_name(word))?;
    let known = segmenter.jieba().has_word(word);
    let chars = word.chars().count();
    let sure = |credible: bool| credible.then_some((kind, Credence::Sure));
    match kind {
        EntityKind::Person if tag == "nrt" => {
            (known && chars >= 3).then_some((kind, Credence::InNameContext))
        }
        EntityKind::Person => {
            let given = given_name_chars(word)?;
            let credence = if given == 2 && !known {
                Credence::Sure
            } else {
                Credence::InNameContext
            };
            Some((kind, credence))
        }
        EntityKind::Place => sure(
            known
                || word
                    .chars()
                    .last()
                    .is_some_and(|c| PLACE_ENDINGS.contains(&c)),
        ),
        EntityKind::Org => sure(word.chars().last().is_some_and(|c| ORG_ENDINGS.contains(c))),
        EntityKind::Title | EntityKind::Programme => None,
    }
}

/// The length of the given name if `word` is shaped like a Chinese name: a common surname
/// (one or two characters) and a given name of one or two characters.
fn given_name_chars(word: &str) -> Option<usize> {
    let chars = word.chars().count();
    let surname = if COMPOUND_SURNAMES.iter().any(|s| word.starts_with(s)) {
        2
    } else if word.chars().next().is_some_and(|c| SURNAMES.contains(c)) {
        1
    } else {
        return None;
    };
    let given = chars.checked_sub(surname)?;
    (1..=2).contains(&given).then_some(given)
}

/// What comes right after a name where it is used as one: a cited work (`邓浩：《…》`), a
/// full transliterated name (`米哈伊尔·基里洛夫`), a title or what someone said.
const NAME_FOLLOWERS: [&str; 25] = [
    "：《",
    ":《",
    "：“",
    "·",
    "•",
    "・",
    "主编",
    "等：",
    "等著",
    "等人",
    "表示",
    "指出",
    "认为",
    "强调",
    "介绍",
    "告诉",
    "回忆",
    "先生",
    "女士",
    "教授",
    "博士",
    "研究员",
    "主席",
    "总统",
    "同志",
];
/// What comes right before a name: a title, a role or a profession (`副院长李晨`,
/// `音乐家冼星海`), a citation.
const NAME_LEADERS: [&str; 30] = [
    "主席",
    "总统",
    "总理",
    "首相",
    "部长",
    "外长",
    "大使",
    "书记",
    "院长",
    "校长",
    "所长",
    "主任",
    "教授",
    "研究员",
    "学者",
    "专家",
    "记者",
    "作者",
    "编辑",
    "评论员",
    "发言人",
    "音乐家",
    "作家",
    "诗人",
    "画家",
    "艺术家",
    "科学家",
    "作者简介〕",
    "参见",
    "·",
];

/// Person candidates that need a name-like context, with what surrounds each occurrence.
#[derive(Default)]
struct PeopleInContext {
    /// Folded names seen in a name-like context.
    in_context: BTreeSet<String>,
    /// (name, a word listed with it by `、` before or after): listed with a person, a name
    /// is a person too (`王斌、王德禄、张…`).
    listed_with: Vec<(String, String)>,
}

impl PeopleInContext {
    /// Note the occurrence of `words[i]` (tagged words of `text`).
    fn note(&mut self, text: &str, words: &[TaggedWord<'_>], i: usize) {
        let Some(word) = words.get(i) else { return };
        let name = fold_str(word.word);
        let before = text.get(..word.span.start()).unwrap_or_default();
        let after = text.get(word.span.end()..).unwrap_or_default();
        if name_context(before, after) {
            self.in_context.insert(name.clone());
        }
        let listed = |sep: Option<&TaggedWord<'_>>, other: Option<&TaggedWord<'_>>| {
            sep.filter(|s| s.word == "、")
                .and(other)
                .map(|o| fold_str(o.word))
        };
        let left = i
            .checked_sub(2)
            .and_then(|j| listed(words.get(j + 1), words.get(j)));
        let right = listed(words.get(i + 1), words.get(i + 2));
        for other in left.into_iter().chain(right) {
            self.listed_with.push((name.clone(), other));
        }
    }

    /// The names taken as people: those seen in a name-like context, then, repeatedly,
    /// those listed with a person (`sure` holds the people taken on their tags alone).
    fn accepted(self, sure: impl IntoIterator<Item = String>) -> BTreeSet<String> {
        let mut accepted = self.in_context;
        let mut people: BTreeSet<String> = sure.into_iter().collect();
        people.extend(accepted.iter().cloned());
        loop {
            let newly: Vec<String> = self
                .listed_with
                .iter()
                .filter(|(name, other)| !people.contains(name) && people.contains(other))
                .map(|(name, _)| name.clone())
                .collect();
            if newly.is_empty() {
                return accepted;
            }
            people.extend(newly.iter().cloned());
            accepted.extend(newly);
        }
    }
}

/// Whether the text around a word shows it used as a person's name.
fn name_context(before: &str, after: &str) -> bool {
    let is_space = |c: char| c == ' ' || c == '\u{3000}';
    let edge = |s: &str, from_end: bool| -> String {
        let chars: Vec<char> = if from_end {
            let mut v: Vec<char> = s.trim_end_matches(is_space).chars().rev().take(8).collect();
            v.reverse();
            v
        } else {
            s.trim_start_matches(is_space).chars().take(8).collect()
        };
        fold_str(&chars.into_iter().collect::<String>())
    };
    let (before, after) = (edge(before, true), edge(after, false));
    NAME_FOLLOWERS
        .iter()
        .any(|f| after.starts_with(&fold_str(f)))
        || NAME_LEADERS.iter().any(|l| before.ends_with(&fold_str(l)))
}

/// A name is Han text (a tag on a stray Latin or digit run is noise).
fn is_name(word: &str) -> bool {
    word.chars().count() >= 2
        && word
            .chars()
            .all(|c| (!c.is_ascii() && c.is_alphabetic()) || c == '·')
}

/// A short quoted name, not a quoted sentence.
fn is_programme(text: &str) -> bool {
    text.chars().count() <= MAX_PROGRAMME_CHARS
        && !text
            .chars()
            .any(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '。' | '…' | ' '))
}

fn build_matcher(names: &[&str]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(names)
}

/// A long form: its name, kind and words.
type LongForm<'a> = (&'a str, EntityKind, Vec<String>);

/// Short forms by their shape (上合组织 ← 上海合作组织): a name, or a word jieba tags as an
/// abbreviation, that abbreviates exactly one longer name of the same kind in the document.
/// People and titles are left alone: 王明 is not short for 王小明.
fn abbreviations(
    segmenter: &Segmenter,
    candidates: &BTreeMap<String, EntityKind>,
    jieba_abbreviations: &BTreeSet<String>,
) -> BTreeMap<String, String> {
    let mergeable = |k: EntityKind| {
        matches!(
            k,
            EntityKind::Org | EntityKind::Place | EntityKind::Programme
        )
    };
    // Long forms by their first character, which a short form keeps: each short form is
    // tried only against the names it could shorten.
    let mut longs: BTreeMap<char, Vec<LongForm<'_>>> = BTreeMap::new();
    for (name, kind) in candidates {
        if !mergeable(*kind) || name.chars().count() < 4 {
            continue;
        }
        let words = name_words(segmenter, name);
        if let (Some(first), true) = (name.chars().next(), words.len() >= 2) {
            longs
                .entry(first)
                .or_default()
                .push((name.as_str(), *kind, words));
        }
    }
    let shorts = candidates
        .iter()
        .filter(|(_, kind)| mergeable(**kind))
        .map(|(name, kind)| (name.as_str(), Some(*kind)))
        .chain(
            jieba_abbreviations
                .iter()
                .filter(|a| !candidates.contains_key(*a))
                .map(|a| (a.as_str(), None)),
        );
    let mut found = BTreeMap::new();
    for (short, kind) in shorts {
        let Some(same_start) = short.chars().next().and_then(|c| longs.get(&c)) else {
            continue;
        };
        let mut fits = same_start.iter().filter(|(_, long_kind, words)| {
            kind.is_none_or(|k| k == *long_kind) && abbreviates(short, words)
        });
        if let (Some((long, _, _)), None) = (fits.next(), fits.next()) {
            found.insert(short.to_owned(), (*long).to_owned());
        }
    }
    found
}

/// The words a name is made of (上海 合作 组织), from the dictionary words inside it, longest
/// first from the left; a character no word covers is a word of its own.
fn name_words(segmenter: &Segmenter, name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let inner: BTreeSet<&str> = segmenter
        .jieba()
        .cut_all(name)
        .into_iter()
        .map(|t| t.word)
        .filter(|w| w.len() < name.len() && w.chars().count() >= 2)
        .collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = (2..=chars.len() - i)
            .rev()
            .find(|&n| inner.contains(chars[i..i + n].iter().collect::<String>().as_str()))
            .unwrap_or(1);
        words.push(chars[i..i + len].iter().collect());
        i += len;
    }
    words
}

/// True if `short` abbreviates the name made of `words` the way Chinese shortens names: it
/// keeps the first character and the head (the last word, the kind of thing named: 组织,
/// 银行), takes from each other word nothing, its first characters or all of it, and cuts at
/// least one word (上海合作组织 → 上合组织; 中国 is not 中亚五国). Dropping
/// whole words names something else (中国科学院 is not short for 中国农业科学院), and a
/// word's last character alone is not its abbreviation (欧盟 is not 欧亚经济联盟).
fn abbreviates(short: &str, words: &[String]) -> bool {
    let s: Vec<char> = short.chars().collect();
    let long: String = words.concat();
    if s.len() < 2
        || s.len() >= long.chars().count()
        || !s.iter().all(|&c| crate::document::chars::is_han(c))
        || s.first() != long.chars().next().as_ref()
        || s.last() != long.chars().last().as_ref()
    {
        return false;
    }
    let Some(head) = words.last().filter(|h| h.chars().count() >= 2) else {
        return false;
    };
    if !short.ends_with(head.as_str()) {
        return false;
    }
    let mut k = 0;
    let mut cut = false;
    for word in words {
        let w: Vec<char> = word.chars().collect();
        let taken = w.iter().zip(&s[k..]).take_while(|(a, b)| a == b).count();
        if taken > 0 && taken < w.len() {
            cut = true;
        }
        k += taken;
    }
    k == s.len() && cut
}

/// Short form → full name, where a matched name is followed by `（简称…）`.
fn short_forms(folded: &str, matcher: &AhoCorasick, names: &[&str]) -> BTreeMap<String, String> {
    let mut aliases = BTreeMap::new();
    let Some(re) = SHORT_FORM.as_ref() else {
        return aliases;
    };
    for m in matcher.find_iter(folded) {
        let Some(full) = names.get(m.pattern().as_usize()) else {
            continue;
        };
        let rest = folded.get(m.end()..).unwrap_or_default();
        let short = re
            .captures(rest)
            .and_then(|c| c.get(1))
            .map(|s| s.as_str().trim());
        if let Some(short) = short.filter(|s| s != full && s.chars().count() >= 2) {
            aliases
                .entry(short.to_owned())
                .or_insert_with(|| (*full).to_owned());
        }
    }
    aliases
}

/// Names across a set of documents: (source, that document's names).
pub fn set_entities(segmenter: &Segmenter, docs: &[&Document]) -> Vec<(String, Vec<Entity>)> {
    docs.iter()
        .map(|d| (d.source().to_owned(), document_entities(segmenter, d)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(text: &str) -> Vec<Entity> {
        let doc = Document::from_text("t", text);
        document_entities(&Segmenter::builtin(), &doc)
    }

    fn find<'a>(found: &'a [Entity], name: &str) -> Option<&'a Entity> {
        found.iter().find(|e| e.name == name)
    }

    #[test]
    fn short_form_merges_into_full_name() {
        let found = entities(
            "标题\n\n上海合作组织（下文简称上合组织）成立于2001年。上合组织发展迅速，上合组织有八个成员国。\n",
        );
        let sco = find(&found, "上海合作组织").expect("上海合作组织 found");
        // The short form inside the brackets is a mention too.
        assert_eq!(sco.count, 4);
        assert_eq!(sco.aliases, ["上合组织"]);
        assert!(find(&found, "上合组织").is_none());
    }

    #[test]
    fn an_introduced_short_form_need_not_be_a_name_itself() {
        let found =
            entities("标题\n\n上海合作组织（以下简称“本组织”）成立于2001年。本组织发展迅速。\n");
        let sco = find(&found, "上海合作组织").expect("上海合作组织 found");
        assert_eq!(sco.aliases, ["本组织"]);
        assert_eq!(sco.count, 3);
    }

    #[test]
    fn abbreviation_shapes() {
        let w = |words: &[&str]| words.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(abbreviates("上合组织", &w(&["上海", "合作", "组织"])));
        assert!(abbreviates(
            "亚信会议",
            &w(&["亚洲", "相互", "协作", "与", "信任", "措施", "会议"])
        ));
        // The first character and the whole head stay.
        assert!(!abbreviates("人民银行", &w(&["中国", "人民", "银行"])));
        assert!(!abbreviates("中行", &w(&["中国", "银行"])));
        assert!(!abbreviates("中国", &w(&["中亚", "五", "国"])));
        // A part of the modifier alone names something else (a city, a country).
        assert!(!abbreviates("上海", &w(&["上海", "合作", "组织"])));
        assert!(!abbreviates("中国", &w(&["中亚", "国家"])));
        // Whole words dropped: a different body.
        assert!(!abbreviates("中国科学院", &w(&["中国", "农业", "科学院"])));
        // A word's last character is not its abbreviation; the first character must stay.
        assert!(!abbreviates("欧盟", &w(&["欧亚", "经济", "联盟"])));
        assert!(!abbreviates("合作组织", &w(&["上海", "合作", "组织"])));
        assert!(!abbreviates("上海合作组织", &w(&["上海", "合作", "组织"])));
        assert!(!abbreviates("bf", &w(&["BIOS", "/", "UEFI"])));
    }

    #[test]
    fn short_form_merges_by_shape_without_an_introduction() {
        let found =
            entities("标题\n\n上海合作组织成立于2001年。上合组织发展迅速。上海是会议举办地。\n");
        let sco = find(&found, "上海合作组织").expect("上海合作组织 found");
        assert_eq!(sco.aliases, ["上合组织"]);
        assert_eq!(sco.count, 2);
        assert!(find(&found, "上合组织").is_none());
        // 上海 is a place of its own, not a short form of the organisation.
        assert!(
            find(&found, "上海").is_some_and(|e| e.aliases.is_empty()),
            "{found:?}"
        );
        // 中国 is not short for 中亚国家, nor 中国科学院 for 中国农业科学院.
        let found =
            entities("标题\n\n中国与中亚国家合作。中国农业科学院和中国科学院的专家出席。\n");
        assert!(found.iter().all(|e| e.aliases.is_empty()), "{found:?}");
    }

    #[test]
    fn an_ambiguous_short_form_stays_apart() {
        let kinds = |names: &[&str]| -> BTreeMap<String, EntityKind> {
            names
                .iter()
                .map(|n| ((*n).to_owned(), EntityKind::Org))
                .collect()
        };
        let seg = Segmenter::builtin();
        let one = abbreviations(
            &seg,
            &kinds(&["上海合作组织", "上合组织"]),
            &BTreeSet::new(),
        );
        assert_eq!(
            one.get("上合组织").map(String::as_str),
            Some("上海合作组织")
        );
        // 上合组织 could shorten either organisation: it is merged with neither.
        let two = abbreviations(
            &seg,
            &kinds(&["上海合作组织", "上海合资组织", "上合组织"]),
            &BTreeSet::new(),
        );
        assert!(two.is_empty(), "{two:?}");
    }

    #[test]
    fn titles_programmes_and_places() {
        let found = entities(
            "标题\n\n哈萨克斯坦发表《阿斯塔纳宣言》，支持“一带一路”倡议和中国－中亚峰会。\n",
        );
        assert_eq!(
            find(&found, "阿斯塔纳宣言").map(|e| e.kind),
            Some(EntityKind::Title)
        );
        assert_eq!(
            find(&found, "一带一路").map(|e| e.kind),
            Some(EntityKind::Programme)
        );
        assert_eq!(
            find(&found, "哈萨克斯坦").map(|e| e.kind),
            Some(EntityKind::Place)
        );
        let summit = found
            .iter()
            .find(|e| e.name.starts_with("中国") && e.name.ends_with("峰会"));
        assert_eq!(summit.map(|e| e.kind), Some(EntityKind::Org));
    }

    fn people(found: &[Entity]) -> Vec<&str> {
        found
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.as_str())
            .collect()
    }

    #[test]
    fn common_words_tagged_as_names_are_not_people() {
        // jieba's dictionary tags 高潮, 施政 and 康复 `nr`; 施 and 高 are surnames.
        let found = entities(
            "标题\n\n两国合作迎来新的高潮，各国的施政重点不同，病人正在康复。\n\
             副院长李晨介绍，合作又一次迎来高潮。\n\
             [1] 邓浩：《新形势下的中亚》。课题组成员包括王德禄、王斌。\n",
        );
        let people = people(&found);
        for word in ["高潮", "施政", "康复"] {
            assert!(!people.contains(&word), "{word} in {people:?}");
        }
        // Names: after a title, as the author of a cited work, listed with a full name.
        for name in ["李晨", "邓浩", "王德禄", "王斌"] {
            assert!(people.contains(&name), "{name} not in {people:?}");
        }
    }

    #[test]
    fn name_shapes() {
        assert_eq!(given_name_chars("王德禄"), Some(2));
        assert_eq!(given_name_chars("欧阳修"), Some(1));
        assert_eq!(given_name_chars("高潮"), Some(1));
        assert_eq!(given_name_chars("蓝图计划书"), None);
        assert_eq!(given_name_chars("哈萨克"), None);
    }
}
