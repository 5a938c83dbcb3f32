//! People known by context: a word that may be a name counts as a person only where the
//! text uses it as one (a title before it, a cited work after it, a list of names).

use std::collections::BTreeSet;

use crate::nlp::TaggedWord;
use crate::nlp::fold::fold_str;

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
pub(super) struct PeopleInContext {
    /// Folded names seen in a name-like context.
    in_context: BTreeSet<String>,
    /// (name, a word listed with it by `、` before or after): listed with a person, a name
    /// is a person too (`王斌、王德禄、张…`).
    listed_with: Vec<(String, String)>,
}

impl PeopleInContext {
    /// Note the occurrence of `words[i]` (tagged words of `text`).
    pub(super) fn note(&mut self, text: &str, words: &[TaggedWord<'_>], i: usize) {
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
    pub(super) fn accepted(self, sure: impl IntoIterator<Item = String>) -> BTreeSet<String> {
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
