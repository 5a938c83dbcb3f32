//! `pangzhu timeline … --format svg|png`: the picture of the merged timeline from the command
//! line — one lane per document, Chinese rendered with the bundled font, written atomically.

use std::path::PathBuf;
use std::process::Command;

fn pangzhu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pangzhu"))
}

fn samples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn svg_has_a_lane_per_document_and_a_mark_per_placed_entry_or_cluster() {
    let files = samples();
    let out = pangzhu()
        .arg("timeline")
        .args(&files)
        .args(["--format", "svg", "--width", "1600"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).expect("utf-8");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1600\""));
    for f in &files {
        let name: String = f
            .file_name()
            .expect("test data")
            .to_string_lossy()
            .chars()
            .take(15)
            .collect();
        assert!(svg.contains(&name), "lane of {name}");
    }
    assert!(svg.matches("<circle").count() >= files.len());
    assert!(svg.contains("font-family=\"Noto Sans SC"));
    // A date range narrows the picture to what falls in it.
    let narrow = pangzhu()
        .arg("timeline")
        .args(&files)
        .args(["--format", "svg", "--from", "2023", "--to", "2023-12"])
        .output()
        .expect("run");
    let narrow = String::from_utf8(narrow.stdout).expect("utf-8");
    assert!(narrow.matches("<circle").count() < svg.matches("<circle").count());
    assert!(
        narrow.contains(">2023-"),
        "month ticks for one year: {}",
        &narrow[..400]
    );
}

#[test]
fn png_is_written_to_a_file_and_refused_on_stdout() {
    let files = samples();
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("timeline.png");
    let out = pangzhu()
        .arg("timeline")
        .args(&files[..2])
        .args(["--format", "png", "-o"])
        .arg(&target)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&target).expect("written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // Width at 2×: bytes 16..20 of the IHDR chunk.
    let width = u32::from_be_bytes(png[16..20].try_into().expect("test data"));
    assert_eq!(width, 2400);
    let refused = pangzhu()
        .arg("timeline")
        .args(&files[..1])
        .args(["--format", "png"])
        .output()
        .expect("run");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("-o"));
    assert!(refused.stdout.is_empty());
    // A folder that cannot exist: its parent is a file.
    let blocked = dir.path().join("timeline.png").join("t.svg");
    let unwritable = pangzhu()
        .arg("timeline")
        .args(&files[..1])
        .args(["--format", "svg", "-o"])
        .arg(&blocked)
        .output()
        .expect("run");
    assert!(!unwritable.status.success());
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("t.svg"));
}
