//! Zip containers (EPUB, DOCX) read with limits, so a hostile file cannot exhaust memory.
//!
//! Every entry is checked before anything else reads it: entry count, encryption, and the real
//! decompressed size (streamed to nowhere, never trusting the size the header declares) against
//! a per-entry and a total budget and a compression-ratio ceiling. Only then do the format
//! readers (`rbook`, our DOCX reader) open the archive.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// At most this many entries (a novel's EPUB has a few hundred).
const MAX_ENTRIES: usize = 20_000;
/// One entry decompresses to at most this.
const MAX_ENTRY: u64 = 256 << 20;
/// All entries together decompress to at most this.
const MAX_TOTAL: u64 = 1 << 30;
/// Beyond this many bytes, an entry may not expand more than [`MAX_RATIO`] times.
const RATIO_FLOOR: u64 = 16 << 20;
const MAX_RATIO: u64 = 200;

/// Why a zip container cannot be opened, in words for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipProblem {
    Damaged(String),
    Encrypted,
    Bomb(String),
}

impl std::fmt::Display for ZipProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Damaged(why) => write!(f, "the file is damaged or truncated ({why})"),
            Self::Encrypted => {
                f.write_str("the file is encrypted (password-protected); Pangzhu cannot open it")
            }
            Self::Bomb(why) => write!(f, "refused: {why} — this looks like a zip bomb"),
        }
    }
}

/// A checked archive over the file's bytes.
pub struct SafeZip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> SafeZip<'a> {
    /// Open and check every entry (see the module comment).
    pub fn open(bytes: &'a [u8]) -> Result<Self, ZipProblem> {
        let mut archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| ZipProblem::Damaged(e.to_string()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(ZipProblem::Bomb(format!(
                "{} entries (the limit is {MAX_ENTRIES})",
                archive.len()
            )));
        }
        let mut total = 0u64;
        for i in 0..archive.len() {
            let encrypted = archive
                .by_index_raw(i)
                .map_err(|e| ZipProblem::Damaged(e.to_string()))?
                .encrypted();
            if encrypted {
                return Err(ZipProblem::Encrypted);
            }
            let mut entry = archive.by_index(i).map_err(|e| match e {
                zip::result::ZipError::UnsupportedArchive(m)
                    if m == zip::result::ZipError::PASSWORD_REQUIRED =>
                {
                    ZipProblem::Encrypted
                }
                e => ZipProblem::Damaged(e.to_string()),
            })?;
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            let packed = entry.compressed_size().max(1);
            let size = std::io::copy(&mut (&mut entry).take(MAX_ENTRY + 1), &mut std::io::sink())
                .map_err(|e| ZipProblem::Damaged(format!("{name}: {e}")))?;
            if size > MAX_ENTRY {
                return Err(ZipProblem::Bomb(format!(
                    "{name} expands to more than {} MiB",
                    MAX_ENTRY >> 20
                )));
            }
            if size > RATIO_FLOOR && size / packed > MAX_RATIO {
                return Err(ZipProblem::Bomb(format!(
                    "{name} expands {}×",
                    size / packed
                )));
            }
            total += size;
            if total > MAX_TOTAL {
                return Err(ZipProblem::Bomb(format!(
                    "the entries expand to more than {} MiB",
                    MAX_TOTAL >> 20
                )));
            }
        }
        Ok(Self { archive })
    }

    /// Whether the archive holds an entry of this name.
    pub fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The bytes of an entry (already known to be within the limits), or `None` if absent.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ZipProblem> {
        let Some(i) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let mut entry = self
            .archive
            .by_index(i)
            .map_err(|e| ZipProblem::Damaged(e.to_string()))?;
        let mut out = Vec::with_capacity(entry.size().min(MAX_ENTRY) as usize);
        (&mut entry)
            .take(MAX_ENTRY)
            .read_to_end(&mut out)
            .map_err(|e| ZipProblem::Damaged(format!("{name}: {e}")))?;
        Ok(Some(out))
    }

    /// An entry as UTF-8 text (XML parts are UTF-8 by the formats' rules; a BOM is dropped).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, ZipProblem> {
        Ok(self.read(name)?.map(|bytes| {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            String::from_utf8_lossy(bytes).into_owned()
        }))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A zip of (name, content) entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).expect("zip entry");
            w.write_all(data).expect("zip write");
        }
        w.finish().expect("zip finish").into_inner()
    }

    #[test]
    fn small_archives_open_and_read() {
        let bytes = zip_of(&[("a.txt", "中文".as_bytes())]);
        let mut z = SafeZip::open(&bytes).expect("opens");
        assert!(z.contains("a.txt"));
        assert_eq!(
            z.read_text("a.txt").expect("reads").as_deref(),
            Some("中文")
        );
        assert_eq!(z.read("b.txt").expect("absent is fine"), None);
    }

    #[test]
    fn a_bomb_is_refused_before_anything_reads_it() {
        let zeros = vec![0u8; 40 << 20];
        let bytes = zip_of(&[("big.xml", &zeros)]);
        assert!(bytes.len() < 1 << 20, "deflate packs zeros");
        match SafeZip::open(&bytes) {
            Err(ZipProblem::Bomb(why)) => assert!(why.contains("big.xml"), "{why}"),
            other => panic!("expected a bomb, got {:?}", other.err()),
        }
    }

    #[test]
    fn truncated_archives_are_damaged() {
        let bytes = zip_of(&[("a.txt", b"hello hello hello")]);
        let cut = &bytes[..bytes.len() - 10];
        assert!(matches!(SafeZip::open(cut), Err(ZipProblem::Damaged(_))));
    }
}
