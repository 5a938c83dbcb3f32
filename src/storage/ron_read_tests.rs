//! Tests of `ron_read.rs`: unit cases and a property test against `ron` itself.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Plain,
    Other,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Inner {
    text: String,
    n: usize,
    kind: Kind,
    #[serde(default)]
    missing: Option<u32>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Outer {
    version: u32,
    flag: bool,
    note: Option<String>,
    none: Option<Inner>,
    list: Vec<Inner>,
    set: BTreeSet<String>,
    empty: Vec<u8>,
}

fn sample(text: &str) -> Outer {
    Outer {
        version: 1,
        flag: false,
        note: Some(text.to_owned()),
        none: None,
        list: vec![Inner {
            text: text.to_owned(),
            n: usize::MAX,
            kind: Kind::Other,
            missing: Some(3),
        }],
        set: [text.to_owned()].into(),
        empty: Vec::new(),
    }
}

fn pretty<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new().indentor("  ".to_owned());
    ron::ser::to_string_pretty(value, config).expect("ron writes it")
}

#[test]
fn reads_what_ron_writes_pretty_or_compact() {
    for text in ["", "中文\n“引号”\t\\ \"q\" it's \0 \u{1b} \u{200b}é 😀"] {
        let value = sample(text);
        assert_eq!(from_str::<Outer>(&pretty(&value)).ok(), Some(value));
        let value = sample(text);
        let compact = ron::to_string(&value).expect("ron");
        assert_eq!(from_str::<Outer>(&compact).ok(), Some(value));
        let value = sample(text);
        let windows = pretty(&value).replace('\n', "\r\n").replace("  ", "\t");
        assert_eq!(from_str::<Outer>(&windows).ok(), Some(value));
    }
}

#[test]
fn gives_up_on_anything_else() {
    let good = pretty(&sample("x"));
    let cut = good.get(..good.len() / 2).expect("half");
    let commented = good.replacen("version", "// a comment\n  version", 1);
    let named = format!("Outer{good}");
    let unknown = good.replacen("version", "extra: 1,\n  version", 1);
    let raw = good.replacen("note: Some(\"x\")", "note: Some(r\"x\")", 1);
    let underscored = good.replacen("version: 1", "version: 1_0", 1);
    let trailing = format!("{good} x");
    for text in [
        cut,
        &commented,
        &named,
        &unknown,
        &raw,
        &underscored,
        &trailing,
    ] {
        assert!(from_str::<Outer>(text).is_err(), "{text}");
    }
    // `ron` itself reads the valid ones.
    for text in [&commented, &named, &raw, &underscored] {
        assert!(ron::from_str::<Outer>(text).is_ok(), "{text}");
    }
}

proptest! {
    #[test]
    fn any_string_reads_back(text in any::<String>()) {
        let value = sample(&text);
        let read = from_str::<Outer>(&pretty(&value));
        prop_assert_eq!(read.ok(), Some(value));
    }
}
