//! `pangzhu search` prints one JSON line per match and fails clearly on bad input.

mod common;

use std::process::Command;

fn pangzhu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pangzhu"))
        .args(args)
        .output()
        .expect("pangzhu runs")
}

fn sample_000() -> String {
    common::corpus_files()
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("000"))
        })
        .expect("000")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn prints_json_lines_with_the_contract_fields() {
    let file = sample_000();
    let out = pangzhu(&["search", "--word", "孔子学院", &file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert_eq!(line["source"], file.as_str());
        assert_eq!(line["match"], "孔子学院");
        assert!(line["line"].as_u64().is_some_and(|n| n > 0));
        assert!(line["col"].as_u64().is_some_and(|n| n > 0));
        assert!(
            line["snippet"]
                .as_str()
                .is_some_and(|s| s.contains("孔子学院"))
        );
    }
}

#[test]
fn bad_regex_and_unreadable_file_exit_1() {
    let out = pangzhu(&["search", "--regex", "孔子(", &sample_000()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("regular expression"));
    let out = pangzhu(&["search", "孔子", "/nonexistent/nothing.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing.txt"));
}
