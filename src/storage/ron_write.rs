//! Kept only for speed: the sidecar save benchmark in BENCHMARKS.md ("Annotations") has it
//! write the 7.9 MB file of 10,000 annotations in ~20 ms, where `ron`'s pretty printer takes
//! 250–370 ms. The property test `any_string_is_escaped_as_ron_escapes_it` (with the unit
//! tests in `ron_write_tests.rs`) pins its output to `ron`'s byte for byte, and anything
//! outside the subset falls back to `ron`. One concept (a serde serializer), so it stays
//! whole at a little over 400 lines.
//!
//! A fast writer for the part of RON the sidecar files use. It writes byte for byte what
//! `ron::ser::to_string_pretty` writes with our config (two-space indent, everything else
//! default), about ten times faster: `ron` escapes every char through `char::escape_debug`,
//! whose printable-char tables cost ~200 ns per CJK char. Anything outside the subset
//! (maps, tuples, floats, non-unit enum variants, odd identifiers) is refused, and the
//! caller falls back to `ron` itself.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::ser::{self, Serialize};

/// The value holds something this writer does not handle; use `ron`.
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not handled by the fast RON writer: {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_owned()))
}

const INDENT: &str = "  ";
const SPACES: &str = "                                ";

/// `value` as `ron::ser::to_string_pretty(value, PrettyConfig::new().indentor("  "))` would
/// write it, or `Err` if it holds something outside the subset.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    let mut writer = Writer {
        out: String::with_capacity(64 * 1024),
        indent: 0,
        is_empty: None,
    };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// Mirrors the state of `ron`'s pretty serializer (depth, and its `is_empty` flag, which
/// decides whether an opening bracket is followed by a line break).
struct Writer {
    out: String,
    indent: usize,
    is_empty: Option<bool>,
}

impl Writer {
    fn start_indent(&mut self) {
        self.indent += 1;
        if !self.is_empty.unwrap_or(false) {
            self.out.push('\n');
        }
    }

    fn write_indent(&mut self) {
        self.push_indent(self.indent);
    }

    fn push_indent(&mut self, levels: usize) {
        // One copy from a run of spaces for the usual depths, not one per level.
        match SPACES.get(..levels * INDENT.len()) {
            Some(spaces) => self.out.push_str(spaces),
            None => (0..levels).for_each(|_| self.out.push_str(INDENT)),
        }
    }

    fn end_indent(&mut self) {
        if !self.is_empty.unwrap_or(false) {
            self.push_indent(self.indent.saturating_sub(1));
        }
        self.indent = self.indent.saturating_sub(1);
        self.is_empty = None;
    }

    /// Plain ASCII identifiers only: `ron` writes others as `r#name` or refuses them.
    fn write_identifier(&mut self, name: &str) -> Result<(), Unsupported> {
        let bytes = name.as_bytes();
        let plain = bytes
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
            && !is_reserved(bytes);
        if !plain {
            return unsupported("identifier");
        }
        self.out.push_str(name);
        Ok(())
    }

    fn write_str(&mut self, value: &str) {
        self.out.reserve(value.len() + 2);
        self.out.push('"');
        let bytes = value.as_bytes();
        let mut run = 0;
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            // Byte-level fast paths for printable ASCII and the CJK block (U+4E00–U+9FFF:
            // lead byte E5–E9, or E4 followed by B8–BF), which are most of every file.
            let plain_len = match lead {
                0x20..=0x7e if !matches!(lead, b'"' | b'\\' | b'\'') => 1,
                0xe5..=0xe9 => 3,
                0xe4 if bytes.get(at + 1).is_some_and(|b| *b >= 0xb8) => 3,
                _ => 0,
            };
            if plain_len > 0 {
                at += plain_len;
                continue;
            }
            let Some(c) = value.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if !is_plain(c) {
                self.out.push_str(value.get(run..at).unwrap_or_default());
                self.out.extend(c.escape_debug());
                run = at + c.len_utf8();
            }
            at += c.len_utf8();
        }
        self.out.push_str(value.get(run..).unwrap_or_default());
        self.out.push('"');
    }

    fn write_uint(&mut self, value: u64) {
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        let mut v = value;
        loop {
            at -= 1;
            buf[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        for &b in &buf[at..] {
            self.out.push(char::from(b));
        }
    }
}

/// Words `ron` writes as raw identifiers.
const RESERVED: [&str; 10] = [
    "true", "false", "Some", "None", "inf", "inff32", "inff64", "NaN", "NaNf32", "NaNf64",
];

fn is_reserved(name: &[u8]) -> bool {
    // Every field name is checked: look at the list only for the first letters it has.
    matches!(name.first(), Some(b't' | b'f' | b'S' | b'N' | b'i'))
        && RESERVED.iter().any(|r| r.as_bytes() == name)
}

/// Whether `char::escape_debug` (what `ron` uses) leaves `c` as it is.
fn is_plain(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x80 {
        return (0x20..0x7f).contains(&cp) && !matches!(c, '"' | '\'' | '\\');
    }
    // CJK Unified Ideographs: all assigned and printable (checked by a test), the bulk of
    // every document.
    if (0x4E00..=0x9FFF).contains(&cp) {
        return true;
    }
    if cp < 0x1_0000 {
        return plain_cached(cp);
    }
    c.escape_debug().next() == Some(c)
}

/// One bit per BMP char: is it plain? Filled 64 chars at a time on first use, since asking
/// `escape_debug` about all 65,536 chars up front would take ~15 ms.
static PLAIN_BITS: [AtomicU64; 1024] = [const { AtomicU64::new(0) }; 1024];
/// One bit per block of 64 chars: is its `PLAIN_BITS` word filled?
static FILLED: [AtomicU64; 16] = [const { AtomicU64::new(0) }; 16];

fn plain_cached(cp: u32) -> bool {
    let block = (cp >> 6) as usize;
    let (filled_word, filled_bit) = (block >> 6, 1u64 << (block & 63));
    let (Some(filled), Some(bits)) = (FILLED.get(filled_word), PLAIN_BITS.get(block)) else {
        return false;
    };
    if filled.load(Ordering::Acquire) & filled_bit == 0 {
        let base = (block as u32) << 6;
        let mut word = 0u64;
        for offset in 0..64 {
            let plain = char::from_u32(base + offset)
                .is_some_and(|c| u32::from(c) >= 0x80 && c.escape_debug().next() == Some(c));
            word |= u64::from(plain) << offset;
        }
        // Two threads filling the same block write the same word: the race is harmless.
        bits.store(word, Ordering::Relaxed);
        filled.fetch_or(filled_bit, Ordering::Release);
    }
    bits.load(Ordering::Relaxed) & (1u64 << (cp & 63)) != 0
}

/// A struct or sequence being written; `first` until its first member is out.
struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn separator(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.w.out.push_str(",\n");
        }
        self.w.write_indent();
    }

    fn close(self, bracket: char) {
        if !self.first {
            self.w.out.push_str(",\n");
        }
        self.w.end_indent();
        self.w.out.push(bracket);
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        if v < 0 {
            self.out.push('-');
        }
        self.write_uint(v.unsigned_abs());
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.write_uint(v);
        Ok(())
    }

    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("f32")
    }

    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        unsupported("f64")
    }

    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        unsupported("char")
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.write_str(v);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.push_str("None");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        self.out.push_str("Some(");
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        unsupported("unit")
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        unsupported("unit struct")
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.write_identifier(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported("newtype struct")
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported("newtype variant")
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        self.out.push('[');
        if let Some(len) = len {
            self.is_empty = Some(len == 0);
        }
        self.start_indent();
        Ok(Compound {
            w: self,
            first: true,
        })
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("tuple")
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("tuple struct")
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("tuple variant")
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("map")
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Unsupported> {
        self.out.push('(');
        self.is_empty = Some(len == 0);
        self.start_indent();
        Ok(Compound {
            w: self,
            first: true,
        })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("struct variant")
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.separator();
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(']');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.separator();
        self.w.write_identifier(key)?;
        self.w.out.push_str(": ");
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(')');
        Ok(())
    }
}

/// Tested in `ron_write_tests.rs` beside this file, against `ron` itself.
#[cfg(test)]
#[path = "ron_write_tests.rs"]
mod tests;
