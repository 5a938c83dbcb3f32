//! Plain text files: encoding detection and refusal of what is not text.

use std::path::Path;

use super::ImportError;

/// A decoded text and the name of the encoding it was stored in.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn read_file(path: &Path) -> Result<Decoded, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    decode(path, &bytes)
}

/// Decode bytes: a BOM wins, then strict UTF-8, then `chardetng`'s guess among legacy
/// encodings (GB18030/GBK, Big5, …).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let name = if encoding == encoding_rs::UTF_8 {
            "UTF-8 (BOM)"
        } else {
            encoding.name()
        };
        return finish(path, text.into_owned(), name);
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(ImportError::Binary {
            path: path.to_owned(),
            what: what.to_owned(),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(path, text.to_owned(), "UTF-8");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    let text = text.into_owned();
    if had_errors && replacement_ratio(&text) > 0.01 {
        return Err(ImportError::Binary {
            path: path.to_owned(),
            what: format!(
                "not valid in any text encoding; best guess {}",
                encoding.name()
            ),
        });
    }
    finish(path, text, encoding.name())
}

fn finish(path: &Path, text: String, encoding: &'static str) -> Result<Decoded, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    let controls = control_chars(&text);
    // Counting every character is only needed when there is something to weigh.
    if controls > 0 && controls * 20 > text.chars().count().max(1) {
        return Err(ImportError::Binary {
            path: path.to_owned(),
            what: format!("{controls} control characters"),
        });
    }
    Ok(Decoded { text, encoding })
}

/// Control characters (`char::is_control`: U+0000–U+001F, U+007F–U+009F) other than line
/// breaks, tabs and form feeds, counted on bytes: in UTF-8 the C1 range is `C2 80`–`C2 9F`.
fn control_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Branch-free per byte and summed in `u8` per chunk, so the compiler can vectorise it.
    let is_c0 = |b: u8| {
        u8::from(b < 0x20)
            & u8::from(b != b'\n')
            & u8::from(b != b'\r')
            & u8::from(b != b'\t')
            & u8::from(b != 0x0c)
            | u8::from(b == 0x7F)
    };
    let c0: usize = bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + is_c0(b))))
        .sum();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
        .count();
    c0 + c1
}

fn replacement_ratio(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    text.chars().filter(|&c| c == '\u{FFFD}').count() as f64 / total as f64
}

/// Recognise common binary formats and NUL-heavy data by their first bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\x7FELF", "executable"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\xD0\xCF\x11\xE0", "old Office document"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0).then_some("it contains NUL bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("t.txt")
    }

    #[test]
    fn detects_boms_and_legacy_encodings() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("中文".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(p(), &utf16le).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((d.text.as_str(), d.encoding), ("中文", "UTF-16LE"));

        let sample = "中国与中亚国家的民间外交在教育、文化、媒体等领域取得了丰硕成果。".repeat(4);
        let (gbk, _, _) = encoding_rs::GBK.encode(&sample);
        let d = decode(p(), &gbk).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.text, sample);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );

        let trad = "中國與中亞國家的民間外交在教育、文化、媒體等領域取得了豐碩成果。".repeat(4);
        let (big5, _, _) = encoding_rs::BIG5.encode(&trad);
        let d = decode(p(), &big5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((d.text.as_str(), d.encoding), (trad.as_str(), "Big5"));
    }

    #[test]
    fn counts_control_characters_like_char_is_control() {
        let text = "a\u{1}\n\t\r\u{c}\u{7f}\u{80}\u{9f}\u{a0}é中\u{85}";
        let expected = text
            .chars()
            .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
            .count();
        assert_eq!(control_chars(text), expected);
        assert_eq!(expected, 5);
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(matches!(decode(p(), b""), Err(ImportError::Empty { .. })));
        assert!(matches!(
            decode(p(), b" \n\n"),
            Err(ImportError::Empty { .. })
        ));
        assert!(matches!(
            decode(p(), b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ImportError::Binary { .. })
        ));
        assert!(matches!(
            decode(p(), b"ab\0cd"),
            Err(ImportError::Binary { .. })
        ));
    }
}
