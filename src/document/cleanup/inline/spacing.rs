//! Spaces inside a line: justification letter-spacing goes, real separators stay as one
//! space, and spaces at full-width punctuation and before note markers go.

use super::remnants::marker_len;
use super::{MChar, label_like};
use crate::document::chars::{is_cjk, is_cjk_punct, is_han, is_latin_alnum};
use crate::document::cleanup::classify::Role;
use crate::document::cleanup::lines::Line;
use crate::document::cleanup::patterns;

/// [`process`](super::process) for a line of [`is_spaced_verbatim`](super::is_spaced_verbatim),
/// which only removes spaces: the stretches of the content it keeps, as byte ranges of the
/// content, pushed to `kept` (cleared first).
/// The same decisions as [`normalize_spaces`], read off the text instead of a character array:
/// every space is one byte there, so a run's length in characters is its length in bytes.
pub fn spaced_segments(line: &Line<'_>, role: &Role, kept: &mut Vec<(usize, usize)>) {
    kept.clear();
    let s = line.content();
    let bytes = s.as_bytes();
    let n = s.len();
    let before = |b: usize| s[..b].chars().next_back();
    let after = |b: usize| s[b..].chars().next();
    let mut runs: Vec<(usize, usize)> = Vec::with_capacity(8);
    // A plain byte loop: spaces are frequent here, a search per space would cost more.
    for (i, &b) in bytes.iter().enumerate() {
        if b == b' ' {
            match runs.last_mut() {
                Some(run) if run.1 == i => run.1 += 1,
                _ => runs.push((i, i + 1)),
            }
        }
    }
    // `chained` of `normalize_spaces`, on byte positions.
    let is_gap = |(start, end): (usize, usize)| {
        end - start == 1
            && start > 0
            && end < n
            && before(start).is_some_and(is_cjk)
            && after(end).is_some_and(is_cjk)
    };
    // The character two before a run (the one before the character before it) and the one
    // after the character following it.
    let second_before = |start: usize| {
        let a = before(start)?;
        before(start - a.len_utf8())
    };
    let second_after = |end: usize| {
        let b = after(end)?;
        after(end + b.len_utf8())
    };
    let left_single = |(start, _): (usize, usize)| second_before(start).is_none_or(|c| c == ' ');
    let right_single = |(_, end): (usize, usize)| second_after(end).is_none_or(|c| c == ' ');
    let three_singles = |k: usize| {
        k >= 1 && k < runs.len() && {
            let (prev, cur) = (runs[k - 1], runs[k]);
            is_gap(prev)
                && is_gap(cur)
                && after(prev.1).is_some_and(|c| prev.1 + c.len_utf8() == cur.0)
                && left_single(prev)
                && right_single(cur)
        }
    };
    // `[digits]` (one to three) starting at byte `b`, as `marker_len` reads it.
    let marker_at = |b: usize| -> Option<usize> {
        let rest = &bytes[b..];
        if rest.first() != Some(&b'[') {
            return None;
        }
        let digits = rest[1..].iter().take_while(|d| d.is_ascii_digit()).count();
        (digits > 0 && digits <= 3 && rest.get(1 + digits) == Some(&b']')).then_some(digits + 2)
    };
    let ends_with_marker = |start: usize| {
        s[..start]
            .rfind('[')
            .is_some_and(|open| marker_at(open) == Some(start - open))
    };
    let single_han_token = |start: usize, end: usize| {
        let left =
            before(start).is_some_and(is_han) && second_before(start).is_none_or(|c| c == ' ');
        let right = after(end).is_some_and(is_han) && second_after(end).is_none_or(|c| c == ' ');
        left && right
    };
    let label_like = label_like(role);
    let prose = matches!(role, Role::Body);
    let mut letter_spaced = None;
    let mut names = None;
    let mut from = 0;
    for (r, &(start, end)) in runs.iter().enumerate() {
        let remove_all = if start == 0 || end == n {
            true
        } else {
            let (a, b) = (before(start).unwrap_or(' '), after(end).unwrap_or(' '));
            let both_cjk = is_cjk(a) && is_cjk(b);
            (both_cjk
                && (three_singles(r)
                    || three_singles(r + 1)
                    || *letter_spaced.get_or_insert_with(|| patterns::is_letter_spaced(s))))
                || touches_cjk_punct(a, b)
                || marker_at(end).is_some()
                || (a == ']' && is_cjk(b) && ends_with_marker(start))
                || (label_like && single_han_token(start, end))
                || (prose
                    && lone_han_gap(a, b, end - start)
                    && second_after(end).is_some()
                    && !in_title(s[..start].chars())
                    && !*names.get_or_insert_with(|| patterns::is_name_list(s)))
        };
        let first_removed = if remove_all { start } else { start + 1 };
        if first_removed < end {
            kept.push((from, first_removed));
            from = end;
        }
    }
    kept.push((from, n));
    kept.retain(|&(a, b)| a < b);
}

/// Decide for every run of spaces whether it is a real separator (kept as one space) or an
/// artifact (removed). Spaces are whitespace: removing them loses no text.
pub(super) fn normalize_spaces(chars: &mut Vec<MChar>, role: &Role) {
    let label_like = label_like(role);
    let prose = matches!(role, Role::Body);
    let mut names = None;
    let s = chars.as_slice();
    let n = s.len();
    let at = |i: usize| s[i].ch;
    let runs = space_runs(s);
    // Asked for only when a run lies between two CJK characters outside a chain.
    let mut letter_spaced = None;
    // Removed ranges, in order and disjoint (one per run at most).
    let mut removed: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
    for (r, &(start, end)) in runs.iter().enumerate() {
        let remove_all = if start == 0 || end == n {
            true
        } else {
            let (a, b) = (at(start - 1), at(end));
            let both_cjk = is_cjk(a) && is_cjk(b);
            (both_cjk
                && (chained(s, &runs, r)
                    || *letter_spaced.get_or_insert_with(|| {
                        patterns::is_letter_spaced_chars(s.iter().map(|m| m.ch))
                    })))
                || touches_cjk_punct(a, b)
                || marker_len(&s[end..]).is_some()
                || (a == ']' && is_cjk(b) && ends_with_marker(&s[..start]))
                || (label_like && single_han_token(s, start, end))
                || (prose
                    && lone_han_gap(a, b, end - start)
                    && end + 1 < n
                    && !in_title(s[..start].iter().map(|m| m.ch))
                    && !*names.get_or_insert_with(|| {
                        patterns::is_name_list(&s.iter().map(|m| m.ch).collect::<String>())
                    }))
        };
        let first_removed = if remove_all { start } else { start + 1 };
        if first_removed < end {
            removed.push((first_removed, end));
        }
    }
    // Close the gaps, moving each kept stretch down once.
    let mut write = 0;
    let mut read = 0;
    for &(start, end) in &removed {
        chars.copy_within(read..start, write);
        write += start - read;
        read = end;
    }
    chars.copy_within(read..n, write);
    chars.truncate(write + n - read);
}

/// One space between two Han characters of prose: a link's padding or a justified gap
/// (`CTEX 论坛 上的讨论`, `吉 尔吉斯斯坦`); Chinese prose puts no space between words. Not in
/// a line of names (`张伟 李娜`), nor before a last lone character (`记者 袁` / `睿`: a name
/// going on in the next line).
fn lone_han_gap(a: char, b: char, len: usize) -> bool {
    len == 1 && is_han(a) && is_han(b)
}

/// Inside `《…》`: a title keeps its own spaces (`《多彩中亚 丝路新篇》`).
fn in_title(before: impl Iterator<Item = char>) -> bool {
    let mut depth = 0i32;
    for c in before {
        match c {
            '《' => depth += 1,
            '》' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

fn space_runs(s: &[MChar]) -> Vec<(usize, usize)> {
    let mut runs = Vec::with_capacity(8);
    let mut i = 0;
    while i < s.len() {
        if s[i].ch == ' ' {
            let start = i;
            while i < s.len() && s[i].ch == ' ' {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Whether space run `r` is a single-space gap inside a run of at least three one-character
/// CJK tokens (`始 终 秉`): the signature of justification, unlike a lone space between two
/// words (`记者 袁`).
fn chained(s: &[MChar], runs: &[(usize, usize)], r: usize) -> bool {
    let at = |i: usize| s[i].ch;
    let is_gap = |(start, end): (usize, usize)| {
        end - start == 1 && start > 0 && end < s.len() && is_cjk(at(start - 1)) && is_cjk(at(end))
    };
    // A gap's left token is one character if the character before it is a space or the start.
    let left_single = |(start, _): (usize, usize)| start < 2 || at(start - 2) == ' ';
    let right_single = |(_, end): (usize, usize)| end + 1 >= s.len() || at(end + 1) == ' ';
    // Runs `k - 1` and `k` are such gaps around one character.
    let three_singles = |k: usize| {
        k >= 1 && k < runs.len() && {
            let (prev, cur) = (runs[k - 1], runs[k]);
            is_gap(prev)
                && is_gap(cur)
                && cur.0 == prev.1 + 1
                && left_single(prev)
                && right_single(cur)
        }
    };
    three_singles(r) || three_singles(r + 1)
}

fn touches_cjk_punct(a: char, b: char) -> bool {
    let quote = |c: char| matches!(c, '“' | '”' | '‘' | '’');
    let punct_side = |p: char, other: char| {
        is_cjk_punct(p) && !(quote(p) && (is_latin_alnum(other) || other.is_ascii_punctuation()))
    };
    punct_side(a, b) || punct_side(b, a)
}

fn ends_with_marker(s: &[MChar]) -> bool {
    let Some(open) = s.iter().rposition(|m| m.ch == '[') else {
        return false;
    };
    marker_len(&s[open..]) == Some(s.len() - open)
}

fn single_han_token(s: &[MChar], start: usize, end: usize) -> bool {
    let at = |i: usize| s[i].ch;
    let left_single = is_han(at(start - 1)) && (start < 2 || at(start - 2) == ' ');
    let right_single = is_han(at(end)) && s.get(end + 1).is_none_or(|m| m.ch == ' ');
    left_single && right_single
}

/// `〔提 要〕` → `〔提要〕`.
pub(super) fn despace_meta_label(chars: &mut Vec<MChar>) {
    let close = chars
        .iter()
        .position(|m| matches!(m.ch, '〕' | '】' | ']' | '］' | '：' | ':'));
    if let Some(close) = close {
        let mut i = 0;
        chars.retain(|m| {
            i += 1;
            !(m.ch == ' ' && i - 1 < close)
        });
    }
}
