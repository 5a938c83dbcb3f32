//! A process killed with SIGKILL in the middle of saving: the sidecar always parses and holds
//! either the set from before that run or the set after it.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use pangzhu::storage::format;

fn ids(path: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(path).expect("sidecar readable");
    let file =
        format::parse(&text, path).unwrap_or_else(|e| panic!("sidecar must always parse: {e}"));
    file.annotations
        .into_iter()
        .map(|a| a.id.to_string())
        .collect()
}

#[test]
fn sigkill_during_saves_leaves_old_or_new_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("doc.txt");
    fs::copy(&common::corpus_files()[0], &doc).expect("copy");
    let sidecar = dir.path().join("doc.txt.pangzhu/crash.ron");
    let text = fs::read_to_string(&doc).expect("doc");
    // Distinct two-character patterns from the document, each a separate save.
    let mut patterns: Vec<String> = Vec::new();
    let chars: Vec<char> = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    for pair in chars.chunks(2).step_by(7) {
        let p: String = pair.iter().collect();
        if p.chars().count() == 2 && !patterns.contains(&p) {
            patterns.push(p);
        }
        if patterns.len() == 60 {
            break;
        }
    }
    let run = |pattern: &str| {
        Command::new(env!("CARGO_BIN_EXE_pangzhu"))
            .args([
                "tag",
                doc.to_str().expect("path"),
                "--match",
                pattern,
                "--tag",
                "t",
            ])
            .env("PANGZHU_DATA_DIR", dir.path().join("data"))
            .env("PANGZHU_DEVICE", "crash")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn")
    };
    // Complete runs to learn how long a run takes: the shortest of three, so one slow cold
    // start does not make every later kill land after the process has already finished.
    let mut full_run = std::time::Duration::MAX;
    for pattern in &patterns[..3] {
        let started = Instant::now();
        let status = run(pattern).wait().expect("wait");
        assert!(status.success());
        full_run = full_run.min(started.elapsed());
    }
    let mut killed_mid_way = 0;
    let mut before = ids(&sidecar);
    for (i, pattern) in patterns.iter().enumerate().skip(3) {
        let mut child = run(pattern);
        // Kill at a different moment each time, spread over the whole run (saving is last).
        let fraction = (i * 37 % 100) as f64 / 100.0;
        std::thread::sleep(full_run.mul_f64(0.05 + fraction * 0.95));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if !status.success() {
            killed_mid_way += 1;
        }
        let after = ids(&sidecar);
        assert!(
            after == before || (after.is_superset(&before) && after.len() > before.len()),
            "run {i}: the file holds neither the old nor a new complete set"
        );
        before = after;
        let bak = dir.path().join("doc.txt.pangzhu/crash.ron.bak");
        if bak.exists() {
            ids(&bak);
        }
    }
    eprintln!(
        "killed {killed_mid_way} of {} runs mid-way",
        patterns.len() - 3
    );
    assert!(
        killed_mid_way > 5,
        "the test must actually kill runs ({killed_mid_way})"
    );
    // A last clean run sees everything that was saved.
    let status = run("合作").wait().expect("wait");
    assert!(status.success());
    assert!(ids(&sidecar).is_superset(&before));
}
