//! Third pass, inside one line: control characters, doubled runs, Markdown remnants and spacing
//! (justification letter-spacing, spaces at full-width punctuation and before note markers).
//! Characters keep their raw offsets; whatever is removed and is not whitespace is recorded.

use super::classify::Role;
use super::doubled;
use super::lines::Line;
use super::patterns;
use crate::document::chars::{decode_at, is_cjk, is_cjk_punct, is_han, is_latin_alnum};
use crate::document::{ArtifactKind, DroppedArtifact};
use crate::span::TextSpan;

/// A character of cleaned text with the raw byte it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MChar {
    pub ch: char,
    pub raw: u32,
    pub synthetic: bool,
}

struct Ctx<'a, 'b> {
    line: &'a Line<'b>,
    dropped: &'a mut Vec<DroppedArtifact>,
}

impl Ctx<'_, '_> {
    fn drop_run(&mut self, kind: ArtifactKind, run: &[MChar]) {
        // A run can straddle characters an earlier rule removed (a control character between
        // two copies): record one artifact per raw-contiguous piece, so each holds exactly the
        // raw text its span covers.
        let mut start = 0;
        for i in 1..=run.len() {
            let contiguous =
                i < run.len() && run[i].raw == run[i - 1].raw + run[i - 1].ch.len_utf8() as u32;
            if !contiguous {
                self.drop_piece(kind, &run[start..i]);
                start = i;
            }
        }
    }

    fn drop_piece(&mut self, kind: ArtifactKind, run: &[MChar]) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        let text: String = run.iter().map(|m| m.ch).collect();
        if text.trim().is_empty() {
            return;
        }
        self.dropped.push(DroppedArtifact {
            kind,
            line: self.line.n,
            text,
            raw_span: TextSpan::new(first.raw as usize, last.raw as usize + last.ch.len_utf8()),
        });
    }
}

/// Clean one line's content into `out` (cleared first; a buffer the caller reuses). `role`
/// selects the rules that apply (labels are de-spaced more eagerly than body text).
pub fn process(
    line: &Line<'_>,
    role: &Role,
    dropped: &mut Vec<DroppedArtifact>,
    out: &mut Vec<MChar>,
) {
    let mut ctx = Ctx { line, dropped };
    let base = line.content_raw() as u32;
    let mut chars = std::mem::take(out);
    chars.clear();
    chars.reserve(line.char_len());
    let content = line.content();
    let has_space = if line.only_spaces {
        // Nothing to map or drop: every character is kept as it is.
        let mut i = 0;
        while i < content.len() {
            let (ch, len) = decode_at(content, i);
            chars.push(MChar {
                ch,
                raw: base + i as u32,
                synthetic: false,
            });
            i += len;
        }
        !line.plain
    } else {
        let mut has_space = false;
        for (b, c) in content.char_indices() {
            let space = c.is_whitespace();
            has_space |= space;
            let m = MChar {
                ch: if space { ' ' } else { c },
                raw: base + b as u32,
                synthetic: false,
            };
            if c.is_control() && !space {
                ctx.drop_run(ArtifactKind::ControlChar, &[m]);
            } else {
                chars.push(m);
            }
        }
        has_space
    };
    if let Role::TocEntry { .. } = role {
        chars = split_toc_page(&mut ctx, line.content(), chars);
    }
    if matches!(role, Role::Caption) {
        chars = collapse_doubled(&mut ctx, chars);
    }
    if matches!(role, Role::Byline) {
        chars = drop_decoration(&mut ctx, chars);
    }
    // The kept characters come from the content: without these bytes there is no Markdown.
    if line.markdown {
        strip_markdown(&mut ctx, &mut chars);
    }
    // Spaces only come from whitespace in the content.
    if has_space {
        normalize_spaces(&mut chars, label_like(role));
    }
    if let Role::Meta { .. } = role {
        despace_meta_label(&mut chars);
    }
    *out = chars;
}

/// Labels are de-spaced more eagerly than body text.
fn label_like(role: &Role) -> bool {
    matches!(
        role,
        Role::Title
            | Role::Byline
            | Role::Heading { .. }
            | Role::HeadingCont
            | Role::TocLabel
            | Role::TocEntry { .. }
    )
}

/// Whether [`process`] would keep the line's content as it is: no whitespace, no control
/// character, no Markdown, and a role whose own rules do not apply.
pub fn is_verbatim(line: &Line<'_>, role: &Role) -> bool {
    line.plain && !line.markdown && only_spacing_applies(role)
}

/// Whether [`process`] would only remove spaces from the line (see [`spaced_segments`]): no
/// whitespace but the space, no control character, no Markdown, and a role whose own rules do
/// not apply.
pub fn is_spaced_verbatim(line: &Line<'_>, role: &Role) -> bool {
    line.only_spaces && !line.markdown && only_spacing_applies(role)
}

fn only_spacing_applies(role: &Role) -> bool {
    !matches!(
        role,
        Role::TocEntry { .. } | Role::Caption | Role::Byline | Role::Meta { .. }
    )
}

/// [`process`] for a line of [`is_spaced_verbatim`], which only removes spaces: the stretches
/// of the content it keeps, as byte ranges of the content, pushed to `kept` (cleared first).
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
    let mut letter_spaced = None;
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

fn split_toc_page(ctx: &mut Ctx<'_, '_>, content: &str, chars: Vec<MChar>) -> Vec<MChar> {
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

fn collapse_doubled(ctx: &mut Ctx<'_, '_>, chars: Vec<MChar>) -> Vec<MChar> {
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

fn drop_decoration(ctx: &mut Ctx<'_, '_>, chars: Vec<MChar>) -> Vec<MChar> {
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
fn strip_markdown(ctx: &mut Ctx<'_, '_>, chars: &mut Vec<MChar>) {
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

fn filter(mut chars: Vec<MChar>, keep: &[bool]) -> Vec<MChar> {
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

/// Decide for every run of spaces whether it is a real separator (kept as one space) or an
/// artifact (removed). Spaces are whitespace: removing them loses no text.
fn normalize_spaces(chars: &mut Vec<MChar>, label_like: bool) {
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
fn despace_meta_label(chars: &mut Vec<MChar>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::cleanup::lines::scan;
    use crate::document::raw::RawText;

    fn clean(line: &str, role: Role) -> (String, Vec<DroppedArtifact>) {
        let raw = RawText::new(line);
        let lines = scan(&raw);
        let mut dropped = Vec::new();
        let mut out = vec![MChar {
            ch: 'x',
            raw: 0,
            synthetic: true,
        }];
        process(&lines[0], &role, &mut dropped, &mut out);
        (out.iter().map(|m| m.ch).collect(), dropped)
    }

    #[test]
    fn spaced_segments_keep_what_process_keeps() {
        let lines = [
            "始 终 秉 持 相 互 尊 重 、 睦 邻",
            "受 新 冠 疫 情 影 响， 中 亚 来 华 留 学 生 人 数 在 2020 年 后 略 有 下 降， 但 是",
            "自 2004 年 以 来 ，中",
            "《多彩中亚 丝路新篇 | 鲁班工坊 跨文化交流的民间使者》",
            "商 Megafon 合作",
            "记者 袁",
            "面临诸多机遇 ：双方",
            "稳步回升。 [3] 目前",
            "全面战略伙伴关系 [1]，",
            "见 [12] 和 [1234] 与 [x]",
            "Relations,” Valdai Discussion",
            "“中文 + 职业技能”",
            "结  语",
            "本报记者 袁 勇",
            "王 小  明 李 四",
            "a  b   c 中 文 d",
            "中 a 文 b 字",
        ];
        for line in lines {
            for role in [Role::Body, Role::Heading { rank: 3 }, Role::Title] {
                let raw = RawText::new(line);
                let scanned = scan(&raw);
                let mut dropped = Vec::new();
                let mut out = Vec::new();
                process(&scanned[0], &role, &mut dropped, &mut out);
                let expected: Vec<u32> = out.iter().map(|m| m.raw).collect();
                let mut kept = Vec::new();
                spaced_segments(&scanned[0], &role, &mut kept);
                let base = scanned[0].content_raw();
                let found: Vec<u32> = kept
                    .iter()
                    .flat_map(|&(a, b)| {
                        line[base + a..base + b]
                            .char_indices()
                            .map(move |(i, _)| (base + a + i) as u32)
                    })
                    .collect();
                assert_eq!(found, expected, "{line} as {role:?}");
            }
        }
    }

    #[test]
    fn justification_spaces_go_legitimate_spaces_stay() {
        let body = Role::Body;
        assert_eq!(
            clean("始 终 秉 持 相 互 尊 重 、 睦 邻", body.clone()).0,
            "始终秉持相互尊重、睦邻"
        );
        assert_eq!(
            clean("受 新 冠 疫 情 影 响， 中 亚 来 华 留 学 生 人 数 在 2020 年 后 略 有 下 降， 但 是", body.clone()).0,
            "受新冠疫情影响，中亚来华留学生人数在 2020 年后略有下降，但是"
        );
        assert_eq!(
            clean("自 2004 年 以 来 ，中", body.clone()).0,
            "自 2004 年以来，中"
        );
        assert_eq!(
            clean(
                "《多彩中亚 丝路新篇 | 鲁班工坊 跨文化交流的民间使者》",
                body.clone()
            )
            .0,
            "《多彩中亚 丝路新篇 | 鲁班工坊 跨文化交流的民间使者》"
        );
        assert_eq!(clean("商 Megafon 合作", body.clone()).0, "商 Megafon 合作");
        assert_eq!(clean("记者 袁", body.clone()).0, "记者 袁");
        assert_eq!(
            clean("面临诸多机遇 ：双方", body.clone()).0,
            "面临诸多机遇：双方"
        );
        assert_eq!(
            clean("稳步回升。 [3] 目前", body.clone()).0,
            "稳步回升。[3]目前"
        );
        assert_eq!(
            clean("全面战略伙伴关系 [1]，", body.clone()).0,
            "全面战略伙伴关系[1]，"
        );
        assert_eq!(
            clean("Relations,” Valdai Discussion", body.clone()).0,
            "Relations,” Valdai Discussion"
        );
        assert_eq!(clean("“中文 + 职业技能”", body).0, "“中文 + 职业技能”");
    }

    #[test]
    fn labels_and_bylines() {
        assert_eq!(clean("结  语", Role::Heading { rank: 3 }).0, "结语");
        assert_eq!(clean("本报记者 袁 勇", Role::Byline).0, "本报记者 袁勇");
        let (text, dropped) = clean("□ 邓 浩", Role::Byline);
        assert_eq!(text, "邓浩");
        assert_eq!(dropped[0].kind, ArtifactKind::Decoration);
        assert_eq!(clean("余淼杰 杜明威", Role::Byline).0, "余淼杰 杜明威");
        assert_eq!(
            clean(
                "〔提 要〕中国与中亚",
                Role::Meta {
                    label: "提要".into()
                }
            )
            .0,
            "〔提要〕中国与中亚"
        );
    }

    #[test]
    fn markdown_and_doubles_are_recorded() {
        let (text, dropped) = clean("（一）**平等相待。**中亚^[1]见<http://a.cn/x>", Role::Body);
        assert_eq!(text, "（一）平等相待。中亚[1]见http://a.cn/x");
        assert_eq!(dropped.len(), 7);
        let (text, dropped) = clean(
            "电池方阵情况电池方阵情况。。 （（新华社发新华社发））",
            Role::Caption,
        );
        assert_eq!(text, "电池方阵情况。（新华社发）");
        assert!(dropped.iter().all(|d| d.kind == ArtifactKind::DuplicateRun));
        let (text, dropped) = clean(
            "三、能源全产业链合作加速推进.....\t10",
            Role::TocEntry { page: 10 },
        );
        assert_eq!(text, "三、能源全产业链合作加速推进");
        assert_eq!(
            dropped[0].text.trim(),
            ".....\t10".replace('\t', " ").trim()
        );
    }
}
