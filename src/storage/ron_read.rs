//! Kept only for speed: the sidecar load benchmark in BENCHMARKS.md ("Annotations") has it
//! read that subset in ~15–25 ms, where `ron` takes ~100 ms. The property test
//! `any_string_reads_back` (with the unit tests in `ron_read_tests.rs`) pins it to `ron`:
//! what `ron`'s pretty printer writes reads back as the value written, and anything outside
//! the subset falls back to `ron`.
//!
//! A fast reader for the part of RON the sidecar files use: what `ron`'s pretty printer
//! writes (structs without names, lists, `Some`/`None`, strings with the escapes
//! `char::escape_debug` makes, unsigned integers, unit enum variants, ASCII white space).
//! Anything else — comments, raw strings, struct names, unknown fields, a truncated file —
//! makes it give up, and the caller parses with `ron` itself, which also reports the
//! line and column of real errors. It never accepts text `ron` would read differently.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// Not read by the fast path (maybe valid RON, maybe broken): ask `ron`.
#[derive(Debug)]
pub struct GiveUp(String);

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not read by the fast RON reader: {}", self.0)
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

fn give_up<T>(what: &str) -> Result<T, GiveUp> {
    Err(GiveUp(what.to_owned()))
}

/// Parse `text` as a `T`, or give up.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, GiveUp> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = T::deserialize(&mut reader)?;
    reader.skip_ws();
    if reader.at != reader.bytes.len() {
        return give_up("text after the value");
    }
    Ok(value)
}

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    at: usize,
}

impl<'de> Reader<'de> {
    fn skip_ws(&mut self) {
        let bytes = self.bytes;
        let mut at = self.at;
        loop {
            // Pretty files indent every line: count spaces eight bytes at a time.
            if let Some(chunk) = bytes
                .get(at..at + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            {
                let spaces =
                    (u64::from_le_bytes(chunk) ^ 0x2020_2020_2020_2020).trailing_zeros() / 8;
                at += spaces as usize;
                if spaces == 8 {
                    continue;
                }
            }
            match bytes.get(at) {
                Some(b' ' | b'\n' | b'\t' | b'\r') => at += 1,
                _ => break,
            }
        }
        self.at = at;
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Result<(), GiveUp> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            give_up("unexpected char")
        }
    }

    /// After a member: `,`, or the closing bracket (left for the caller to take).
    fn after_member(&mut self, close: u8) -> Result<(), GiveUp> {
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(())
            }
            Some(b) if b == close => Ok(()),
            _ => give_up("expected , or a closing bracket"),
        }
    }

    fn identifier(&mut self) -> Result<&'de str, GiveUp> {
        self.skip_ws();
        let start = self.at;
        match self.bytes.get(self.at) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => self.at += 1,
            _ => return give_up("expected an identifier"),
        }
        while let Some(b) = self.bytes.get(self.at) {
            if b.is_ascii_alphanumeric() || *b == b'_' {
                self.at += 1;
            } else if *b == b'#' || !b.is_ascii() {
                // Raw (`r#x`) or Unicode identifiers: `ron`'s business.
                return give_up("unusual identifier");
            } else {
                break;
            }
        }
        self.text
            .get(start..self.at)
            .map_or_else(|| give_up("utf-8"), Ok)
    }

    fn uint(&mut self) -> Result<u64, GiveUp> {
        self.skip_ws();
        let start = self.at;
        let mut value: u64 = 0;
        while let Some(b) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .map_or_else(|| give_up("integer overflow"), Ok)?;
            self.at += 1;
        }
        // `1_000`, `0x10`, `5u32`, `1.5`: all left to `ron`.
        let clean = self
            .bytes
            .get(self.at)
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.')));
        if self.at == start || !clean {
            return give_up("expected an unsigned integer");
        }
        Ok(value)
    }

    /// A `"…"` string: borrowed when it has no escapes.
    fn string(&mut self) -> Result<Str<'de>, GiveUp> {
        self.expect(b'"')?;
        let start = self.at;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let Some(end) = memchr::memchr2(b'"', b'\\', rest) else {
            return give_up("unterminated string");
        };
        if rest.get(end) == Some(&b'"') {
            self.at = start + end + 1;
            return self
                .text
                .get(start..start + end)
                .map_or_else(|| give_up("utf-8"), |s| Ok(Str::Borrowed(s)));
        }
        let mut owned = String::with_capacity(end + 16);
        let mut run = start;
        let mut at = start + end;
        loop {
            owned.push_str(self.text.get(run..at).unwrap_or_default());
            match self.bytes.get(at) {
                Some(b'"') => {
                    self.at = at + 1;
                    return Ok(Str::Owned(owned));
                }
                Some(b'\\') => {
                    at = self.escape(at + 1, &mut owned)?;
                    run = at;
                }
                _ => return give_up("unterminated string"),
            }
            let rest = self.bytes.get(at..).unwrap_or_default();
            let Some(next) = memchr::memchr2(b'"', b'\\', rest) else {
                return give_up("unterminated string");
            };
            at += next;
        }
    }

    /// The escape after a `\` at `at`; returns where the string goes on.
    fn escape(&self, at: usize, out: &mut String) -> Result<usize, GiveUp> {
        let simple = match self.bytes.get(at) {
            Some(b'"') => '"',
            Some(b'\'') => '\'',
            Some(b'\\') => '\\',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'0') => '\0',
            Some(b'u') => {
                if self.bytes.get(at + 1) != Some(&b'{') {
                    return give_up("bad unicode escape");
                }
                let digits_start = at + 2;
                let mut end = digits_start;
                while self.bytes.get(end).is_some_and(u8::is_ascii_hexdigit) {
                    end += 1;
                }
                if end == digits_start
                    || end - digits_start > 6
                    || self.bytes.get(end) != Some(&b'}')
                {
                    return give_up("bad unicode escape");
                }
                let hex = self.text.get(digits_start..end).unwrap_or_default();
                let c = u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map_or_else(|| give_up("bad unicode escape"), Ok)?;
                out.push(c);
                return Ok(end + 1);
            }
            // `\x41`, line continuations: left to `ron`.
            _ => return give_up("unusual escape"),
        };
        out.push(simple);
        Ok(at + 1)
    }

    /// `None` or `Some(`: whether a value follows.
    fn option(&mut self) -> Result<bool, GiveUp> {
        match self.identifier()? {
            "None" => Ok(false),
            "Some" => {
                self.expect(b'(')?;
                Ok(true)
            }
            _ => give_up("expected Some or None"),
        }
    }
}

enum Str<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GiveUp> {
        give_up("self-describing value")
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.identifier()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => give_up("expected a bool"),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_u64(self.uint()?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_u64(self.uint()?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_u64(self.uint()?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_u64(self.uint()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.string()? {
            Str::Borrowed(s) => visitor.visit_borrowed_str(s),
            Str::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        if !self.option()? {
            return visitor.visit_none();
        }
        let value = visitor.visit_some(&mut *self)?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.expect(b'[')?;
        let value = visitor.visit_seq(Members {
            reader: &mut *self,
            close: b']',
        })?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.expect(b'(')?;
        let value = visitor.visit_map(Members {
            reader: &mut *self,
            close: b')',
        })?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        let name = self.identifier()?;
        if self.peek() == Some(b'(') {
            return give_up("enum variant with data");
        }
        visitor.visit_enum(name.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_borrowed_str(self.identifier()?)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct map ignored_any
    }
}

/// The members of a list or the fields of a struct, up to the closing bracket.
struct Members<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
}

impl<'de> de::SeqAccess<'de> for Members<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        if self.reader.peek() == Some(self.close) {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_member(self.close)?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Members<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        if self.reader.peek() == Some(self.close) {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.reader)?;
        self.reader.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_member(self.close)?;
        Ok(value)
    }
}

/// Tested in `ron_read_tests.rs` beside this file, against `ron` itself.
#[cfg(test)]
#[path = "ron_read_tests.rs"]
mod tests;
