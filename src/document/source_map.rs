//! Maps every byte of the cleaned text back to the raw file and back again.
//!
//! Stored as runs: a run is a stretch of cleaned text copied verbatim from a stretch of raw text
//! (same bytes), so a typical line costs one run. Characters the cleanup inserted (the space
//! between two Latin words joined across a line break, the `\n` between blocks) are synthetic
//! runs that point at their neighbour in the raw file.

use super::raw::{RawPos, RawText};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    clean: u32,
    raw: u32,
    len: u32,
    synthetic: bool,
}

#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// Runs in cleaned-text order.
    runs: Vec<Run>,
    /// Indices into `runs` of the non-synthetic runs, ordered by raw offset.
    by_raw: Vec<u32>,
}

impl SourceMap {
    /// Raw byte offset of the cleaned byte `clean` (the start of its char).
    pub fn raw_byte(&self, clean: usize) -> Option<usize> {
        let clean = u32::try_from(clean).ok()?;
        let idx = self
            .runs
            .partition_point(|r| r.clean <= clean)
            .checked_sub(1)?;
        let run = self.runs[idx];
        if clean >= run.clean + run.len {
            return None;
        }
        if run.synthetic {
            return Some(run.raw as usize);
        }
        Some((run.raw + (clean - run.clean)) as usize)
    }

    /// Whether the cleaned byte was inserted by the cleanup (it has no raw counterpart).
    pub fn is_synthetic(&self, clean: usize) -> bool {
        let Ok(clean) = u32::try_from(clean) else {
            return false;
        };
        let idx = self.runs.partition_point(|r| r.clean <= clean);
        idx > 0 && self.runs[idx - 1].synthetic && clean < self.runs[idx - 1].clean + 1
    }

    /// Cleaned byte offset of a raw byte, if that raw byte was kept in the cleaned text.
    pub fn clean_byte(&self, raw: usize) -> Option<usize> {
        let raw = u32::try_from(raw).ok()?;
        let idx = self
            .by_raw
            .partition_point(|&i| self.runs[i as usize].raw <= raw)
            .checked_sub(1)?;
        let run = self.runs[self.by_raw[idx] as usize];
        (raw < run.raw + run.len).then(|| (run.clean + (raw - run.raw)) as usize)
    }

    /// The nearest kept cleaned offset at or after a raw byte (for raw positions that were
    /// dropped, e.g. a justification space): useful for jumping from a raw line to the text.
    pub fn clean_byte_at_or_after(&self, raw: usize) -> Option<usize> {
        let raw32 = u32::try_from(raw).ok()?;
        let idx = self
            .by_raw
            .partition_point(|&i| self.runs[i as usize].raw + self.runs[i as usize].len <= raw32);
        let run = self.runs[*self.by_raw.get(idx)? as usize];
        Some(if raw32 >= run.raw {
            (run.clean + (raw32 - run.raw)) as usize
        } else {
            run.clean as usize
        })
    }

    /// Raw line/column of a cleaned byte.
    pub fn raw_pos(&self, raw: &RawText, clean: usize) -> Option<RawPos> {
        self.raw_byte(clean).map(|b| raw.pos_of_byte(b))
    }

    /// Cleaned byte of a raw line/column, if that character was kept.
    pub fn clean_of_pos(&self, raw: &RawText, pos: RawPos) -> Option<usize> {
        self.clean_byte(raw.byte_of_pos(pos)?)
    }

    pub fn run_count(&self) -> usize {
        self.runs.len()
    }
}

/// Builds cleaned text and its [`SourceMap`] together, so they cannot drift apart.
#[derive(Debug, Default)]
pub struct MappedTextBuilder {
    text: String,
    runs: Vec<Run>,
}

impl MappedTextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder whose text has room for `bytes` without growing.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            runs: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Append a character copied from raw byte offset `raw`.
    pub fn push(&mut self, ch: char, raw: usize) {
        self.push_run([ch], raw);
    }

    /// Append characters copied from consecutive raw bytes starting at `raw` (each one's raw
    /// offset is the previous one's plus its UTF-8 length): the same as pushing them one by
    /// one, in one step.
    pub fn push_run(&mut self, chars: impl IntoIterator<Item = char>, raw: usize) {
        let clean = self.text.len();
        self.text.extend(chars);
        self.record_run(clean, raw);
    }

    /// [`Self::push_run`] for text that is a copy of the raw bytes at `raw`.
    pub fn push_str_run(&mut self, copied: &str, raw: usize) {
        let clean = self.text.len();
        self.text.push_str(copied);
        self.record_run(clean, raw);
    }

    /// Map the text appended since clean byte `clean` to the raw bytes from `raw` on.
    fn record_run(&mut self, clean: usize, raw: usize) {
        let (clean, raw) = (clean as u32, raw as u32);
        let len = self.text.len() as u32 - clean;
        if len == 0 {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && !last.synthetic
            && last.clean + last.len == clean
            && last.raw + last.len == raw
        {
            last.len += len;
            return;
        }
        self.runs.push(Run {
            clean,
            raw,
            len,
            synthetic: false,
        });
    }

    /// Append a character the cleanup inserted; it maps to raw byte `near`.
    pub fn push_synthetic(&mut self, ch: char, near: usize) {
        let clean = self.text.len() as u32;
        self.text.push(ch);
        self.runs.push(Run {
            clean,
            raw: near as u32,
            len: ch.len_utf8() as u32,
            synthetic: true,
        });
    }

    pub fn finish(self) -> (String, SourceMap) {
        let mut by_raw: Vec<u32> = (0..self.runs.len() as u32)
            .filter(|&i| !self.runs[i as usize].synthetic)
            .collect();
        // Blocks mostly follow the raw text already: sort only when they do not.
        if !by_raw.is_sorted_by_key(|&i| self.runs[i as usize].raw) {
            by_raw.sort_by_key(|&i| self.runs[i as usize].raw);
        }
        (
            self.text,
            SourceMap {
                runs: self.runs,
                by_raw,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_and_map_both_ways() {
        let raw = RawText::new("中 文\nab");
        let mut b = MappedTextBuilder::new();
        b.push('中', 0);
        b.push('文', 4);
        b.push_synthetic(' ', 6);
        b.push('a', 8);
        b.push('b', 9);
        let (text, map) = b.finish();
        assert_eq!(text, "中文 ab");
        assert_eq!(map.run_count(), 4);
        let mut runs = MappedTextBuilder::new();
        runs.push_run("中".chars(), 0);
        runs.push_run("文".chars(), 4);
        runs.push_synthetic(' ', 6);
        runs.push_str_run("ab", 8);
        let (run_text, run_map) = runs.finish();
        assert_eq!(run_text, text);
        assert_eq!(run_map.runs, map.runs);
        assert_eq!(map.raw_byte(3), Some(4));
        assert_eq!(map.raw_pos(&raw, 3), Some(RawPos { line: 1, col: 3 }));
        assert_eq!(map.clean_byte(4), Some(3));
        assert_eq!(
            map.clean_byte(3),
            None,
            "the justification space was dropped"
        );
        assert_eq!(map.clean_byte_at_or_after(3), Some(3));
        assert!(map.is_synthetic(6));
        assert_eq!(map.clean_of_pos(&raw, RawPos { line: 2, col: 2 }), Some(8));
    }
}
