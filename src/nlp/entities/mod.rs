//! Names a document mentions: places, people, organisations (jieba tags, our dictionaries'
//! tags first), titles in 《》 and programme names in “”. Every name is counted over the folded
//! text (longest name wins where names overlap), and a short form the text introduces
//! (`上海合作组织（下文简称上合组织）`) is merged into its full name.

mod abbreviations;
mod people;
mod tags;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Serialize;

use super::Segmenter;
use super::fold::{Folded, fold_str};
use crate::document::{BlockKind, Document};
use crate::span::TextSpan;
use abbreviations::{abbreviations, short_forms};
use people::PeopleInContext;
use tags::{Credence, name_kind};

/// Longest quoted text taken for a programme name; longer quotes are quotations.
const MAX_PROGRAMME_CHARS: usize = 16;

static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"《([^《》\n]{1,80})》").ok());
static QUOTED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"“([^“”\n]{2,40})”").ok());
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

/// Names across a set of documents: (source, that document's names).
pub fn set_entities(segmenter: &Segmenter, docs: &[&Document]) -> Vec<(String, Vec<Entity>)> {
    docs.iter()
        .map(|d| (d.source().to_owned(), document_entities(segmenter, d)))
        .collect()
}
