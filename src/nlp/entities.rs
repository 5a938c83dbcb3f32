//! Names a document mentions: places, people, organisations (jieba tags, our dictionaries'
//! tags first), titles in 《》 and programme names in “”. Every name is counted over the folded
//! text (longest name wins where names overlap), and a short form the text introduces
//! (`上海合作组织（下文简称上合组织）`) is merged into its full name.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Serialize;

use super::Segmenter;
use super::fold::{Folded, fold_str};
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
    let candidates = candidates(segmenter, doc, folded.text());
    let names: Vec<&str> = candidates.keys().map(String::as_str).collect();
    let Ok(matcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
    else {
        return Vec::new();
    };
    let aliases = short_forms(folded.text(), &matcher, &names);
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
fn candidates(segmenter: &Segmenter, doc: &Document, folded: &str) -> BTreeMap<String, EntityKind> {
    let mut names: BTreeMap<String, EntityKind> = BTreeMap::new();
    let mut add = |name: &str, kind: EntityKind| {
        if name.chars().count() >= 2 {
            let slot = names.entry(name.to_owned()).or_insert(kind);
            *slot = (*slot).min(kind);
        }
    };
    for (term, tag) in segmenter.tagged_terms() {
        let term = fold_str(term);
        if let Some(kind) = EntityKind::from_tag(tag).filter(|_| folded.contains(&term)) {
            add(&term, kind);
        }
    }
    for block in doc.blocks().iter().filter(|b| b.kind != BlockKind::Toc) {
        let text = doc.block_text(block);
        for word in segmenter.tag(text) {
            if let Some(kind) = name_kind(segmenter, word.word, word.tag) {
                add(&fold_str(word.word), kind);
            }
        }
    }
    for caps in TITLE.iter().flat_map(|re| re.captures_iter(folded)) {
        if let Some(inner) = caps.get(1) {
            add(inner.as_str(), EntityKind::Title);
        }
    }
    for caps in QUOTED.iter().flat_map(|re| re.captures_iter(folded)) {
        if let Some(inner) = caps.get(1).map(|m| m.as_str()).filter(|s| is_programme(s)) {
            add(inner, EntityKind::Programme);
        }
    }
    names
}

/// Common surnames: a word tagged as a Chinese person's name is taken only when it starts with
/// one (jieba's tags on other words are mostly noise).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝冼";

/// Endings that make a word credible as a place or organisation name when jieba's HMM found it.
const PLACE_ENDINGS: [char; 10] = ['省', '市', '县', '州', '区', '镇', '村', '湖', '河', '岛'];
/// Endings of organisation names (jieba's dictionary tags many plain phrases `nt`).
const ORG_ENDINGS: &str = "部社院局署会委党行校馆所台网司团厂盟织金处办府军队国";

/// The kind of name a tagged word is. Our dictionaries' tags are trusted; jieba's are checked,
/// since its dictionary tags many common words `nr`/`nt` (智慧 nr, 重大进展 nt) and its HMM
/// guesses tags for words no dictionary has.
fn name_kind(segmenter: &Segmenter, word: &str, tag: &str) -> Option<EntityKind> {
    if segmenter.dictionary_tag(word).is_some() {
        return EntityKind::from_tag(tag);
    }
    let kind = EntityKind::from_tag(tag).filter(|_| is_name(word))?;
    let known = segmenter.jieba().has_word(word);
    let chars = word.chars().count();
    let credible = match kind {
        // Transliterated names (`nrt`) only from the dictionary; Chinese names need a surname.
        EntityKind::Person if tag == "nrt" => known && chars >= 3,
        EntityKind::Person => {
            (2..=3).contains(&chars) && word.chars().next().is_some_and(|c| SURNAMES.contains(c))
        }
        EntityKind::Place => {
            known
                || word
                    .chars()
                    .last()
                    .is_some_and(|c| PLACE_ENDINGS.contains(&c))
        }
        EntityKind::Org => word.chars().last().is_some_and(|c| ORG_ENDINGS.contains(c)),
        EntityKind::Title | EntityKind::Programme => false,
    };
    credible.then_some(kind)
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
}
