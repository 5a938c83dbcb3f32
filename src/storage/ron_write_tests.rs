//! Tests of `ron_write.rs`: unit cases and a property test against `ron` itself.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde::Serialize;

use super::*;

fn ron_pretty<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new().indentor("  ".to_owned());
    ron::ser::to_string_pretty(value, config).expect("ron writes it")
}

#[derive(Serialize)]
enum Kind {
    Plain,
    #[serde(rename = "r#type")]
    Odd,
}

#[derive(Serialize)]
struct Inner {
    text: String,
    n: usize,
    kind: Kind,
}

#[derive(Serialize)]
struct Outer {
    version: u32,
    signed: i64,
    flag: bool,
    note: Option<String>,
    none: Option<Inner>,
    inner: Inner,
    empty: Vec<Inner>,
    list: Vec<Inner>,
    set: BTreeSet<String>,
    nested: Vec<Vec<u8>>,
    empty_set: BTreeSet<String>,
}

fn sample(text: &str) -> Outer {
    let inner = |t: &str, n| Inner {
        text: t.to_owned(),
        n,
        kind: Kind::Plain,
    };
    Outer {
        version: 1,
        signed: -42,
        flag: true,
        note: Some(text.to_owned()),
        none: None,
        inner: inner(text, 0),
        empty: Vec::new(),
        list: vec![inner("", usize::MAX), inner(text, 7)],
        set: [text.to_owned(), "b".to_owned()].into(),
        nested: vec![vec![], vec![1, 2]],
        empty_set: BTreeSet::new(),
    }
}

#[test]
fn writes_what_ron_writes() {
    for text in [
        "",
        "中文，标点。“引号”《书名》",
        "two\nlines\t\"quoted\" it's \\ back\r\0",
        "\u{1b}\u{7f}\u{a0}\u{ad}\u{200b}\u{301}é\u{3000}\u{3001}\u{ff0c}",
        "astral 𠀀 😀 \u{e0001} \u{10ffff}",
    ] {
        let value = sample(text);
        assert_eq!(
            to_string_pretty(&value).expect("fast"),
            ron_pretty(&value),
            "{text:?}"
        );
    }
}

#[test]
fn odd_identifiers_are_left_to_ron() {
    let value = Inner {
        text: String::new(),
        n: 0,
        kind: Kind::Odd,
    };
    assert!(to_string_pretty(&value).is_err());
    assert!(to_string_pretty(&1.5f64).is_err());
}

#[test]
fn cjk_block_is_plain_as_assumed() {
    for cp in 0x4E00..=0x9FFF_u32 {
        let c = char::from_u32(cp).expect("a char");
        assert_eq!(c.escape_debug().next(), Some(c), "U+{cp:04X}");
    }
}

proptest! {
    #[test]
    fn any_string_is_escaped_as_ron_escapes_it(text in any::<String>()) {
        let value = sample(&text);
        prop_assert_eq!(to_string_pretty(&value).expect("fast"), ron_pretty(&value));
    }
}
