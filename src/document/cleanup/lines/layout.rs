//! The text column around each line and the layout of the whole file, guessed from the
//! lines' measures.

use super::Line;
use crate::document::chars::is_cjk;

/// Fill [`Line::column`]: the median width of up to four text lines on each side.
pub fn measure_columns(lines: &mut [Line<'_>], fallback: usize) {
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].char_len() >= 4)
        .collect();
    for line in lines.iter_mut() {
        line.column = fallback;
    }
    // The text lines' widths side by side, so the windows below read a compact array.
    let text_widths: Vec<usize> = text.iter().map(|&i| lines[i].width).collect();
    for (k, &i) in text.iter().enumerate() {
        let lo = k.saturating_sub(4);
        let hi = (k + 5).min(text.len());
        if hi - lo == 9 {
            // The usual full window: its median without branches.
            let w = &text_widths[lo..hi];
            lines[i].column = median_of_8([w[0], w[1], w[2], w[3], w[5], w[6], w[7], w[8]]);
            continue;
        }
        // A window cut by the file's ends: an insertion sort on the stack.
        let mut widths = [0; 8];
        let mut n = 0;
        for m in (lo..hi).filter(|&m| m != k) {
            let w = text_widths[m];
            let mut j = n;
            while j > 0 && widths[j - 1] > w {
                widths[j] = widths[j - 1];
                j -= 1;
            }
            widths[j] = w;
            n += 1;
        }
        if n >= 2 {
            lines[i].column = percentile(&widths[..n], 50);
        }
    }
}

/// `percentile(sorted, 50)` of eight values, the fourth smallest: a sorting network of
/// compare-exchanges the compiler turns into conditional moves.
fn median_of_8(v: [usize; 8]) -> usize {
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = v;
    // Written out so that every step is two register operations.
    macro_rules! cx {
        ($x:ident, $y:ident) => {
            ($x, $y) = ($x.min($y), $x.max($y));
        };
    }
    cx!(a, c);
    cx!(b, d);
    cx!(e, g);
    cx!(f, h);
    cx!(a, e);
    cx!(b, f);
    cx!(c, g);
    cx!(d, h);
    cx!(a, b);
    cx!(c, d);
    cx!(e, f);
    cx!(g, h);
    cx!(c, e);
    cx!(d, f);
    cx!(b, e);
    cx!(d, g);
    cx!(b, c);
    cx!(d, e);
    cx!(f, g);
    // The network sorts all eight; only the fourth is wanted.
    let _ = (a, b, c, e, f, g, h);
    d
}

/// How the file was laid out by the tool that extracted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// A blank line after (nearly) every text line: blank lines carry no paragraph information.
    pub interleaved_blanks: bool,
    /// Each text line is a whole paragraph (only page breaks split them).
    pub line_per_paragraph: bool,
    /// Typical width of a wrapped text line, in display cells.
    pub column: usize,
    /// Typical indent of a text line (pdftotext -layout keeps a left margin).
    pub base_indent: usize,
}

pub fn detect_layout(lines: &[Line<'_>]) -> Layout {
    let text_lines: Vec<&Line<'_>> = lines.iter().filter(|l| !l.is_blank()).collect();
    // The empty "line" after a final newline says nothing about interleaving.
    let body = match lines.last() {
        Some(last) if last.text.is_empty() => &lines[..lines.len() - 1],
        _ => lines,
    };
    let followed_by_blank = body
        .windows(2)
        .filter(|w| !w[0].is_blank() && w[1].is_blank())
        .count();
    let interleaved_blanks =
        text_lines.len() >= 3 && followed_by_blank * 10 >= text_lines.len() * 7;
    let mut widths: Vec<usize> = text_lines
        .iter()
        .filter(|l| l.content().chars().any(is_cjk) || l.width > 20)
        .map(|l| l.width)
        .collect();
    widths.sort_unstable();
    let p75 = percentile(&widths, 75);
    let column = percentile(&widths, 60).max(1);
    let mut indents: Vec<usize> = text_lines.iter().map(|l| l.indent).collect();
    indents.sort_unstable();
    Layout {
        interleaved_blanks,
        line_per_paragraph: p75 > 120,
        column,
        base_indent: mode(&indents),
    }
}

pub fn percentile(sorted: &[usize], p: usize) -> usize {
    if sorted.is_empty() {
        return 0;
    }
    sorted[(sorted.len() - 1) * p / 100]
}

pub fn mode(sorted: &[usize]) -> usize {
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&v| v == sorted[i]).count();
        if j > best.1 {
            best = (sorted[i], j);
        }
        i += j;
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::cleanup::lines::scan;
    use crate::document::raw::RawText;

    #[test]
    fn median_of_8_is_the_fourth_smallest() {
        // By the 0-1 principle, a network that sorts every 0/1 input sorts every input.
        for bits in 0u32..256 {
            let v: [usize; 8] = std::array::from_fn(|k| (bits >> k & 1) as usize);
            let ones = bits.count_ones() as usize;
            assert_eq!(median_of_8(v), usize::from(ones >= 5), "{v:?}");
        }
        let mut state = 7u64;
        for _ in 0..2000 {
            let mut v = [0; 8];
            for x in &mut v {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *x = (state >> 59) as usize;
            }
            let mut sorted = v;
            sorted.sort_unstable();
            assert_eq!(median_of_8(v), percentile(&sorted, 50), "{v:?}");
        }
    }

    #[test]
    fn detects_interleaving_and_paragraph_lines() {
        let wrapped = "一二三四五六七八九十\n\n一二三四五六七八九十\n\n一二三。\n\n";
        let raw = RawText::new(wrapped);
        let layout = detect_layout(&scan(&raw));
        assert!(layout.interleaved_blanks && !layout.line_per_paragraph);
        let long = "中".repeat(200);
        let raw = RawText::new(&format!("{long}\n{long}\n{long}"));
        let layout = detect_layout(&scan(&raw));
        assert!(!layout.interleaved_blanks && layout.line_per_paragraph);
    }
}
