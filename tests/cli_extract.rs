//! `pangzhu extract` as users' scripts call it: the JSON contract and the error behaviour.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn pangzhu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pangzhu"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pangzhu: {e}"))
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn extract_prints_one_object_per_file_with_the_contract_fields() {
    let files: Vec<String> = common::corpus_files()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = std::iter::once("extract")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = pangzhu(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let objects = json_lines(&out);
    assert_eq!(objects.len(), 5);
    for (object, file) in objects.iter().zip(&files) {
        assert_eq!(object["source"], file.as_str());
        assert_eq!(object["encoding"], "UTF-8");
        let blocks = object["blocks"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        assert!(blocks.len() > 10);
        for (i, b) in blocks.iter().enumerate() {
            assert_eq!(b["id"], i);
            let kind = b["kind"].as_str().unwrap_or_default();
            assert!(
                [
                    "title",
                    "byline",
                    "meta",
                    "heading",
                    "paragraph",
                    "caption",
                    "toc",
                    "note"
                ]
                .contains(&kind)
            );
            assert_eq!(
                b.get("level").is_some(),
                kind == "heading",
                "level only on headings"
            );
            let lines = b["lines"].as_array().map(Vec::as_slice).unwrap_or_default();
            assert!(lines.len() == 2 && lines[0].as_u64() <= lines[1].as_u64());
            assert!(b["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
        for d in object["dropped"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            assert!(d["kind"].is_string() && d["line"].is_u64() && d["text"].is_string());
        }
        let stats = &object["stats"];
        assert!(stats["raw_chars"].as_u64() > stats["clean_chars"].as_u64());
        assert!(stats["elapsed_ms"].as_f64().is_some());
    }
    assert_eq!(objects[1]["title"], "中国对中亚外交：进展、经验与未来方向");
    let pretty = pangzhu(&["extract", "--pretty", &files[4]]);
    assert!(String::from_utf8_lossy(&pretty.stdout).lines().count() > 50);
}

#[test]
fn legacy_encodings_and_line_endings_are_detected() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "中国与中亚国家的民间外交在教育、文化、媒体等领域取得了丰硕成果。\r\n\r\n2013 年起，合作进入新阶段。\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let gbk_path = dir.path().join("gbk.txt");
    std::fs::write(&gbk_path, &gbk).unwrap_or_else(|e| panic!("{e}"));
    let mut utf16: Vec<u8> = vec![0xFE, 0xFF];
    utf16.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let utf16_path = dir.path().join("utf16.txt");
    std::fs::write(&utf16_path, &utf16).unwrap_or_else(|e| panic!("{e}"));
    let out = pangzhu(&[
        "extract",
        &gbk_path.to_string_lossy(),
        &utf16_path.to_string_lossy(),
    ]);
    assert!(out.status.success());
    let objects = json_lines(&out);
    assert!(["GBK", "gb18030"].contains(&objects[0]["encoding"].as_str().unwrap_or_default()));
    assert_eq!(objects[1]["encoding"], "UTF-16BE");
    for o in &objects {
        let text = o["blocks"][0]["text"].as_str().unwrap_or_default();
        assert!(text.starts_with("中国与中亚国家的民间外交"), "{text}");
        assert!(!text.contains('\r'));
    }
}

fn assert_fails_cleanly(path: &Path, expect: &str) {
    let good = common::corpus_files()[4].to_string_lossy().into_owned();
    let out = pangzhu(&["extract", &path.to_string_lossy(), &good]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code for {}",
        path.display()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(&*path.to_string_lossy()) && stderr.contains(expect),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    assert_eq!(json_lines(&out).len(), 1, "the good file still prints");
}

#[test]
fn bad_input_fails_with_one_clear_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
        p
    };
    assert_fails_cleanly(
        &write("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
        "the PDF is damaged",
    );
    assert_fails_cleanly(
        &write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "binary",
    );
    assert_fails_cleanly(&write("empty.txt", b""), "empty");
    assert_fails_cleanly(&dir.path().join("missing.txt"), "cannot read");
    assert_fails_cleanly(dir.path(), "cannot read");
}

#[test]
fn every_format_goes_through_the_same_commands() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats");
    for name in ["corpus000.epub", "corpus000.docx", "corpus000.html"] {
        let file = data.join(name);
        let file = file.to_string_lossy();
        let out = pangzhu(&["extract", &file]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = &json_lines(&out)[0];
        assert!(
            v["blocks"].as_array().is_some_and(|b| b.len() > 50),
            "{name}"
        );
        assert_eq!(
            v["footnotes"]["markers"].as_array().map(Vec::len),
            Some(67),
            "{name}"
        );
        assert!(
            v["timeline"].as_array().is_some_and(|t| t
                .iter()
                .any(|e| e["text"].as_str().is_some_and(|s| s.contains("2013")))),
            "{name}: the timeline finds 2013"
        );
        let out = pangzhu(&["search", "塔什干孔子学院", &file]);
        assert!(out.status.success(), "{name}: search");
        let hits = json_lines(&out);
        assert!(!hits.is_empty(), "{name}: search finds the phrase");
        assert_eq!(hits[0]["match"], "塔什干孔子学院");
    }
}

/// The object without its wall-clock field, for comparing two runs.
fn without_elapsed(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(stats) = v.get_mut("stats").and_then(|s| s.as_object_mut()) {
        stats.remove("elapsed_ms");
    }
    v
}

#[test]
fn many_files_run_in_parallel_print_in_the_order_given_and_match_one_by_one_runs() {
    // More files than one parallel window, a missing one in the middle, a file twice.
    let mut files: Vec<String> = common::corpus_files()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.extend(files.clone());
    files.insert(3, "/nonexistent/missing.txt".into());
    let args: Vec<&str> = std::iter::once("extract")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = pangzhu(&args);
    assert_eq!(out.status.code(), Some(1), "a missing file fails the run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line for the missing file: {stderr}"
    );
    let together: Vec<_> = json_lines(&out).into_iter().map(without_elapsed).collect();
    let alone: Vec<_> = files
        .iter()
        .filter(|f| !f.starts_with("/nonexistent"))
        .map(|f| {
            let one = pangzhu(&["extract", f]);
            without_elapsed(json_lines(&one).remove(0))
        })
        .collect();
    assert_eq!(together.len(), 10);
    assert!(
        together == alone,
        "parallel output differs from one-by-one runs"
    );
}

#[test]
fn timings_go_to_stderr_per_stage_and_leave_the_json_alone() {
    let file = common::corpus_files()[0].to_string_lossy().into_owned();
    let plain = pangzhu(&["extract", &file]);
    let timed = pangzhu(&["extract", "--timings", &file]);
    assert!(timed.status.success());
    let stderr = String::from_utf8_lossy(&timed.stderr);
    for stage in [
        "open+cleanup",
        "footnotes",
        "timeline",
        "segmenter",
        "keywords",
        "entities",
        "json",
        "total",
    ] {
        assert!(
            stderr.contains(&format!("{stage} ")),
            "{stage} missing: {stderr}"
        );
    }
    assert!(plain.stderr.is_empty(), "no timings unless asked");
    assert_eq!(
        without_elapsed(json_lines(&plain).remove(0)),
        without_elapsed(json_lines(&timed).remove(0))
    );
}
