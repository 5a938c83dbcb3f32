//! Approximate search of a short pattern inside a window of text (Sellers' algorithm: edit
//! distance to the best-matching substring). Only ever run on a bounded window.

/// Best approximate occurrence of `pattern` in `text`: `(start_char, end_char, distance)`,
/// end exclusive, in chars of `text`.
pub fn best_match(pattern: &[char], text: &[char]) -> Option<(usize, usize, usize)> {
    if pattern.is_empty() || text.is_empty() {
        return None;
    }
    let (dist, end) = sellers(pattern, text)?;
    let head: Vec<char> = text.get(..end)?.iter().rev().copied().collect();
    let reversed: Vec<char> = pattern.iter().rev().copied().collect();
    let (_, back) = sellers(&reversed, &head)?;
    Some((end - back, end, dist))
}

/// Minimum edit distance of `pattern` against any substring of `text`, and the (exclusive)
/// end of the earliest substring reaching it.
fn sellers(pattern: &[char], text: &[char]) -> Option<(usize, usize)> {
    let m = pattern.len();
    let mut column: Vec<usize> = (0..=m).collect();
    let mut best: Option<(usize, usize)> = None;
    for (j, &t) in text.iter().enumerate() {
        let mut diagonal = 0; // the row-0 value of the previous column: free start anywhere
        for (i, &p) in pattern.iter().enumerate() {
            let up = column[i + 1];
            let substitution = diagonal + usize::from(p != t);
            let value = substitution.min(up + 1).min(column[i] + 1);
            diagonal = up;
            column[i + 1] = value;
        }
        column[0] = 0;
        let dist = column[m];
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, j + 1));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_exact_and_edited_occurrences() {
        let text = chars("甲乙丙丁我国经济持续恢复向好戊己");
        let (s, e, d) = best_match(&chars("经济持续恢复"), &text).expect("match");
        assert_eq!((s, e, d), (6, 12, 0));
        let (s, e, d) = best_match(&chars("经济继续恢复"), &text).expect("match");
        assert_eq!((s, e, d), (6, 12, 1));
    }

    #[test]
    fn distance_is_large_when_absent() {
        let text = chars("完全不同的一段文字内容");
        let (_, _, d) = best_match(&chars("经济持续恢复"), &text).expect("match");
        assert!(d >= 5);
    }
}
