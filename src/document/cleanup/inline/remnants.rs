//! Remnants inside a line: doubled runs, decoration, Markdown markup and a ToC entry's page
//! number. Each removed run that is not whitespace is recorded as a dropped artifact.

use super::{Ctx, MChar};
use crate::document::ArtifactKind;
use crate::document::cleanup::{doubled, patterns};

pub(super) fn split_toc_page(
    ctx: &mut Ctx<'_, '_>,
    content: &str,
    chars: Vec<MChar>,
) -> Vec<MChar> {
    let Some((title_end, _)) = patterns::toc_entry(content) else {
        return chars;
    };
    // Control characters were already dropped from `chars`; count only the kept ones.
    let keep = content[..title_end]
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .count();
    ctx.drop_run(ArtifactKind::TocLeader, &chars[keep..]);
    let mut chars = chars;
    chars.truncate(keep);
    chars
}

pub(super) fn collapse_doubled(ctx: &mut Ctx<'_, '_>, chars: Vec<MChar>) -> Vec<MChar> {
    let plain: Vec<char> = chars.iter().map(|m| m.ch).collect();
    if !doubled::is_doubled_line(&plain.iter().collect::<String>()) {
        return chars;
    }
    let plan = doubled::collapse_plan(&plain, 1);
    let mut keep = vec![true; chars.len()];
    for (start, len) in plan {
        ctx.drop_run(ArtifactKind::DuplicateRun, &chars[start..start + len]);
        keep[start..start + len].iter_mut().for_each(|k| *k = false);
    }
    filter(chars, &keep)
}

pub(super) fn drop_decoration(ctx: &mut Ctx<'_, '_>, chars: Vec<MChar>) -> Vec<MChar> {
    let keep: Vec<bool> = chars
        .iter()
        .map(|m| !matches!(m.ch, '□' | '■' | '◎'))
        .collect();
    for (m, k) in chars.iter().zip(&keep) {
        if !k {
            ctx.drop_run(ArtifactKind::Decoration, std::slice::from_ref(m));
        }
    }
    filter(chars, &keep)
}

/// `**bold**` pairs, `<url>` autolinks and the `^` of `^[n]` markers.
pub(super) fn strip_markdown(ctx: &mut Ctx<'_, '_>, chars: &mut Vec<MChar>) {
    if !chars.iter().any(|m| matches!(m.ch, '*' | '<' | '^')) {
        return;
    }
    let s = chars.as_slice();
    let at = |i: usize| s[i].ch;
    let mut keep = vec![true; s.len()];
    let stars: Vec<usize> = (0..s.len().saturating_sub(1))
        .filter(|&i| at(i) == '*' && at(i + 1) == '*' && (i == 0 || at(i - 1) != '*'))
        .collect();
    if stars.len() >= 2 {
        for &i in &stars[..stars.len() / 2 * 2] {
            keep[i] = false;
            keep[i + 1] = false;
        }
    }
    for i in 0..s.len() {
        if at(i) == '<'
            && starts_with(&s[i + 1..], "http")
            && let Some(close) = s[i + 1..].iter().position(|m| m.ch == '>' || m.ch == ' ')
            && at(i + 1 + close) == '>'
        {
            keep[i] = false;
            keep[i + 1 + close] = false;
        }
        if at(i) == '^'
            && s.get(i + 1).map(|m| m.ch) == Some('[')
            && marker_len(&s[i + 1..]).is_some()
        {
            keep[i] = false;
        }
    }
    for (i, k) in keep.iter().enumerate() {
        if !k {
            ctx.drop_run(ArtifactKind::Markdown, &chars[i..=i]);
        }
    }
    retain_kept(chars, &keep);
}

fn starts_with(s: &[MChar], prefix: &str) -> bool {
    prefix
        .chars()
        .enumerate()
        .all(|(i, p)| s.get(i).map(|m| m.ch) == Some(p))
}

/// Length of a `[digits]` marker at the start of `s`.
pub fn marker_len(s: &[MChar]) -> Option<usize> {
    let at = |i: usize| s.get(i).map(|m| m.ch);
    if at(0) != Some('[') {
        return None;
    }
    let digits = s[1..].iter().take_while(|m| m.ch.is_ascii_digit()).count();
    (digits > 0 && digits <= 3 && at(1 + digits) == Some(']')).then_some(digits + 2)
}

pub(super) fn filter(mut chars: Vec<MChar>, keep: &[bool]) -> Vec<MChar> {
    retain_kept(&mut chars, keep);
    chars
}

/// Keep `chars[i]` where `keep[i]`, in place.
fn retain_kept(chars: &mut Vec<MChar>, keep: &[bool]) {
    let mut i = 0;
    chars.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}
