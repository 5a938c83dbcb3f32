//! Newtype ids and timestamps of the annotation model.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A stable annotation id: a UUID (version 4 layout) so W3C exports can use `urn:uuid:`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(String);

/// A stable tag id; renaming a tag keeps it, so annotations never lose their tags.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagId(String);

impl AnnotationId {
    pub fn generate() -> Self {
        Self(uuid_like())
    }

    /// Wrap an id read from a file or an import (any non-empty string is kept as it is).
    pub fn from_string(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TagId {
    pub fn generate() -> Self {
        Self(uuid_like())
    }

    pub fn from_string(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for TagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 128 unpredictable-enough bits (time, process, counter) hashed into UUID v4 form. Uniqueness,
/// not secrecy, is what matters: two writers merging by id must never collide.
fn uuid_like() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = blake3::Hasher::new();
    let now = OffsetDateTime::now_utc().unix_timestamp_nanos();
    hasher.update(&now.to_le_bytes());
    hasher.update(&std::process::id().to_le_bytes());
    hasher.update(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let local = 0u8;
    hasher.update(&(std::ptr::from_ref(&local) as usize).to_le_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// An RFC 3339 UTC timestamp, kept as text so files and exports round-trip byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    pub fn now() -> Self {
        let now = OffsetDateTime::now_utc();
        // Whole seconds: readable in files, and enough to order edits by two writers.
        let now = now.replace_nanosecond(0).unwrap_or(now);
        Self(now.format(&Rfc3339).unwrap_or_default())
    }

    /// Accept a timestamp only if it parses as RFC 3339.
    pub fn parse(text: &str) -> Option<Self> {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .map(|_| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_uuids() {
        let a = AnnotationId::generate();
        let b = AnnotationId::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 36);
        assert_eq!(a.as_str().as_bytes()[14], b'4');
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let now = Timestamp::now();
        assert!(Timestamp::parse(now.as_str()).is_some());
        assert!(now.as_str().ends_with('Z'));
        assert!(Timestamp::parse("2026-11-22 10:00").is_none());
    }
}
