//! The binary form of a stored body (the `body` field). The folded text comes first, so a
//! query checks a candidate for a literal match before decoding the rest; then what a hit needs:
//! the chars folding changed (the cleaned text is the folded one with those put back), the
//! folding checkpoints, raw positions and filter data. Storing the folded text spares every query
//! folding every candidate, and JSON parsing. Little-endian `u32`s and length-prefixed UTF-8
//! throughout; malformed bytes are an error, never a panic.

use thiserror::Error;

use super::annotations::Marked;
use super::filter::FilterData;
use super::posmap::PosMap;
use super::stored::StoredBody;
use crate::nlp::fold::Folded;
use crate::span::TextSpan;

/// Marks the layout; another layout (or JSON from an older version) is an error, and the
/// analysis version makes the next update rewrite every document anyway.
const MAGIC: &[u8; 4] = b"PZB1";

#[derive(Debug, Clone, Copy, Error, PartialEq, Eq)]
#[error("stored body: {0}")]
pub struct CodecError(&'static str);

/// A stored body split after its folded text, the rest not decoded yet.
pub struct BodyBytes<'a> {
    folded: &'a [u8],
    original_len: usize,
    rest: Reader<'a>,
}

/// The body of `body` folded as `folded` (`Folded::new(&body.text)`).
pub fn encode(body: &StoredBody, folded: &Folded) -> Result<Vec<u8>, CodecError> {
    let (checkpoints, original_len) = folded.parts();
    if original_len != body.text.len() {
        return Err(CodecError("the folded text is not the body's"));
    }
    let mut out = Writer(Vec::with_capacity(
        folded.text().len() + body.text.len() / 8 + 64,
    ));
    out.0.extend_from_slice(MAGIC);
    out.len(original_len)?;
    out.str(folded.text())?;
    let patches = patches(&body.text, folded.text())?;
    out.pairs(&patches)?;
    out.pairs(checkpoints)?;
    out.triples(body.positions.points())?;
    let filter = &body.filter;
    out.triples(&filter.blocks)?;
    out.triples(&filter.dated)?;
    out.len(filter.marked.len())?;
    for marked in &filter.marked {
        out.len(marked.span.start())?;
        out.len(marked.span.end())?;
        out.len(marked.tags.len())?;
        for tag in &marked.tags {
            out.str(tag)?;
        }
    }
    Ok(out.0)
}

/// Read the header and the folded text of a stored body.
pub fn split(bytes: &[u8]) -> Result<BodyBytes<'_>, CodecError> {
    let mut reader = Reader(bytes);
    if reader.take(MAGIC.len())? != MAGIC {
        return Err(CodecError("not this version's layout"));
    }
    let original_len = reader.len()?;
    let n = reader.len()?;
    let folded = reader.take(n)?;
    Ok(BodyBytes {
        folded,
        original_len,
        rest: reader,
    })
}

impl<'a> BodyBytes<'a> {
    /// The folded text's bytes, not yet checked as UTF-8 (enough for `memmem`).
    pub fn folded_bytes(&self) -> &'a [u8] {
        self.folded
    }

    /// The whole body and its folded text.
    pub fn decode(self) -> Result<(Folded, StoredBody), CodecError> {
        let mut r = self.rest;
        let folded = std::str::from_utf8(self.folded).map_err(|_| CodecError("folded text"))?;
        let patches = r.pairs()?;
        let text = unfold(folded, &patches, self.original_len)?;
        let checkpoints = r.pairs()?;
        let folded = Folded::from_parts(folded.to_owned(), checkpoints, self.original_len)
            .ok_or(CodecError("folding checkpoints"))?;
        let positions = PosMap::from_points(r.triples()?);
        let blocks = r.triples()?;
        let dated = r.triples()?;
        let n = r.count(12)?;
        let mut marked = Vec::with_capacity(n);
        for _ in 0..n {
            let (start, end) = (r.len()?, r.len()?);
            if start > end {
                return Err(CodecError("annotation span"));
            }
            let tags = (0..r.count(4)?)
                .map(|_| r.str().map(str::to_owned))
                .collect::<Result<_, _>>()?;
            marked.push(Marked {
                span: TextSpan::new(start, end),
                tags,
            });
        }
        if !r.0.is_empty() {
            return Err(CodecError("trailing bytes"));
        }
        let filter = FilterData {
            blocks,
            dated,
            marked,
        };
        Ok((
            folded,
            StoredBody {
                text,
                positions,
                filter,
            },
        ))
    }
}

/// `(folded byte, original char)` wherever folding changed a char (folding keeps the number of
/// chars, so the two texts walk together).
fn patches(original: &str, folded: &str) -> Result<Vec<(u32, u32)>, CodecError> {
    let mut out = Vec::new();
    let mut folded_chars = folded.char_indices();
    for c in original.chars() {
        let (at, f) = folded_chars
            .next()
            .ok_or(CodecError("folding lost a char"))?;
        if f != c {
            out.push((u32_of(at)?, u32::from(c)));
        }
    }
    if folded_chars.next().is_some() {
        return Err(CodecError("folding added a char"));
    }
    Ok(out)
}

/// The cleaned text: `folded` with the `patches` put back.
fn unfold(folded: &str, patches: &[(u32, u32)], len: usize) -> Result<String, CodecError> {
    const BAD: CodecError = CodecError("changed chars");
    let mut out = String::with_capacity(len);
    let mut at = 0;
    for &(offset, c) in patches {
        let offset = offset as usize;
        let c = char::from_u32(c).ok_or(BAD)?;
        // `get` fails on a patch before the last one's end or off a char boundary.
        out.push_str(folded.get(at..offset).ok_or(BAD)?);
        let replaced = folded.get(offset..).and_then(|s| s.chars().next());
        out.push(c);
        at = offset + replaced.ok_or(BAD)?.len_utf8();
    }
    out.push_str(folded.get(at..).ok_or(BAD)?);
    if out.len() != len {
        return Err(BAD);
    }
    Ok(out)
}

fn u32_of(n: usize) -> Result<u32, CodecError> {
    u32::try_from(n).map_err(|_| CodecError("over 4 GB"))
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, n: usize) -> Result<(), CodecError> {
        self.u32(u32_of(n)?);
        Ok(())
    }

    fn str(&mut self, s: &str) -> Result<(), CodecError> {
        self.len(s.len())?;
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }

    fn pairs(&mut self, items: &[(u32, u32)]) -> Result<(), CodecError> {
        self.len(items.len())?;
        for &(a, b) in items {
            self.u32(a);
            self.u32(b);
        }
        Ok(())
    }

    fn triples(&mut self, items: &[(u32, u32, u32)]) -> Result<(), CodecError> {
        self.len(items.len())?;
        for &(a, b, c) in items {
            self.u32(a);
            self.u32(b);
            self.u32(c);
        }
        Ok(())
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        if self.0.len() < n {
            return Err(CodecError("cut short"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, CodecError> {
        let mut word = [0; 4];
        word.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(word))
    }

    fn len(&mut self) -> Result<usize, CodecError> {
        Ok(self.u32()? as usize)
    }

    /// A count of items of at least `each` bytes: checked against what is left, so a damaged
    /// count cannot ask for a huge allocation.
    fn count(&mut self, each: usize) -> Result<usize, CodecError> {
        let n = self.len()?;
        if n.saturating_mul(each) > self.0.len() {
            return Err(CodecError("cut short"));
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<&'a str, CodecError> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| CodecError("text"))
    }

    fn pairs(&mut self) -> Result<Vec<(u32, u32)>, CodecError> {
        let n = self.count(8)?;
        (0..n).map(|_| Ok((self.u32()?, self.u32()?))).collect()
    }

    fn triples(&mut self) -> Result<Vec<(u32, u32, u32)>, CodecError> {
        let n = self.count(12)?;
        (0..n)
            .map(|_| Ok((self.u32()?, self.u32()?, self.u32()?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::timeline::{TimelineOptions, extract_timeline};

    fn body(raw: &str) -> StoredBody {
        let doc = Document::from_text("t", raw);
        let entries = extract_timeline(&doc, &TimelineOptions::default()).entries;
        let marked = vec![Marked {
            span: TextSpan::new(0, 3),
            tags: vec!["主题/教育".to_owned(), "x".to_owned()],
        }];
        StoredBody {
            text: doc.text().to_owned(),
            positions: PosMap::build(&doc),
            filter: FilterData::build(&doc, &entries, marked),
        }
    }

    const RAW: &str = "標題\n\n2013 年 9 月，中国－中亚（ＡＢＣ）合作⋯⋯\n继续 English。\n";

    #[test]
    fn round_trip_keeps_the_body_and_its_folding() {
        for raw in [RAW, "", "plain ascii\n", "ＡＢ"] {
            let body = body(raw);
            let folded = Folded::new(&body.text);
            let bytes = encode(&body, &folded).expect("encodes");
            let parts = split(&bytes).expect("splits");
            assert_eq!(parts.folded_bytes(), folded.text().as_bytes());
            let (back_folded, back) = parts.decode().expect("decodes");
            assert_eq!(back_folded, folded, "{raw}");
            assert_eq!(back.text, body.text);
            assert_eq!(back.positions, body.positions);
            assert_eq!(back.filter, body.filter);
        }
    }

    #[test]
    fn damaged_bytes_are_an_error() {
        let body = body(RAW);
        let bytes = encode(&body, &Folded::new(&body.text)).expect("encodes");
        assert!(
            split(b"{\"text\":\"\"}").is_err(),
            "JSON of an older version"
        );
        for cut in 0..bytes.len() {
            let result = split(&bytes[..cut]).and_then(BodyBytes::decode);
            assert!(result.is_err(), "cut at {cut}");
        }
        // Every single damaged byte: an error or some body, never a panic.
        for at in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xFF] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                let _ = split(&damaged).and_then(BodyBytes::decode);
            }
        }
        let mut long = bytes;
        long.push(0);
        assert!(split(&long).and_then(BodyBytes::decode).is_err());
    }
}
