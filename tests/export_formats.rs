//! The annotate CLI on real corpus documents: `tag`, `annotations`, `export` in every format,
//! the W3C round trip through `import`, the W3C Working Group's schemas, broken sidecars.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// Copy a corpus document in (the corpus is shared and read-only).
    fn corpus_doc(&self, index: usize, name: &str) -> PathBuf {
        let source = &common::corpus_files()[index];
        let path = self.dir.path().join(name);
        fs::copy(source, &path).expect("copy corpus doc");
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pangzhu"))
            .args(args)
            .env("PANGZHU_DATA_DIR", self.dir.path().join("data"))
            .env("PANGZHU_DEVICE", "ws")
            .output()
            .expect("run pangzhu")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn tagged_workspace() -> (Workspace, PathBuf, PathBuf) {
    let ws = Workspace::new();
    let a = ws.corpus_doc(2, "中亚 报告.txt");
    let b = ws.corpus_doc(0, "second.txt");
    ws.ok(&[
        "tag",
        s(&a),
        "--match",
        "中亚",
        "--tag",
        "地区/中亚",
        "--note",
        "地区名，\"引号\"\n第二行",
    ]);
    ws.ok(&[
        "tag",
        s(&a),
        "--match",
        "能源[^，。]{2,6}合作",
        "--regex",
        "--tag",
        "主题/能源",
    ]);
    ws.ok(&["tag", s(&b), "--match", "发展", "--tag", "主题"]);
    (ws, a, b)
}

#[test]
fn tag_then_list_as_json_lines() {
    let (ws, a, _) = tagged_workspace();
    let out = ws.ok(&["annotations", s(&a)]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert!(lines.len() > 5);
    for l in &lines {
        for key in [
            "source", "id", "status", "quote", "tags", "note", "line", "col",
        ] {
            assert!(l.get(key).is_some(), "missing {key}: {l}");
        }
        assert_eq!(l["status"], "exact");
        assert!(l["line"].as_u64().unwrap_or(0) >= 1);
    }
    assert!(
        lines
            .iter()
            .any(|l| l["quote"] == "中亚" && l["tags"][0] == "地区/中亚")
    );
    assert!(
        lines
            .iter()
            .any(|l| l["tags"][0] == "主题/能源" && l["note"].is_null())
    );
    // Tagging again is idempotent: same spans, no duplicates.
    let summary = ws.ok(&["tag", s(&a), "--match", "中亚", "--tag", "地区/中亚"]);
    assert!(summary.contains("\"added\":0"), "{summary}");
    assert_eq!(ws.ok(&["annotations", s(&a)]).lines().count(), lines.len());
    // The user-wide library learned the tags.
    let library = fs::read_to_string(ws.dir.path().join("data/tags.pangzhu.ron")).expect("library");
    assert!(library.contains("能源"));
}

#[test]
fn markdown_csv_html_exports() {
    let (ws, a, b) = tagged_workspace();
    let md = ws.ok(&["export", s(&a), s(&b), "--format", "md"]);
    assert!(md.contains("## 地区/中亚") && md.contains("## 主题/能源") && md.contains("## 主题"));
    assert!(md.contains("> 中亚") && md.contains("地区名，\"引号\"\n第二行"));
    assert!(md.contains("第 ") && md.contains(" 行"));

    let out = ws.dir.path().join("out.csv");
    ws.ok(&[
        "export",
        s(&a),
        "--format",
        "csv",
        "--tag",
        "主题",
        "-o",
        s(&out),
    ]);
    let csv = fs::read_to_string(&out).expect("csv");
    assert!(csv.starts_with("\u{feff}source,id,status,quote"));
    assert!(csv.contains("\r\n"));
    let rows = csv.matches("\r\n").count();
    assert!(rows > 1, "header and rows");
    assert!(
        !csv.contains("地区/中亚"),
        "--tag 主题 keeps only 主题 and its children"
    );
    assert!(csv.contains("主题/能源"));

    let csv_all = ws.ok(&["export", s(&a), "--format", "csv"]);
    assert!(
        csv_all.contains("\"地区名，\"\"引号\"\"\n第二行\""),
        "RFC 4180 quoting"
    );

    let html = ws.ok(&["export", s(&a), "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Noto Serif SC"));
    assert!(html.contains("&quot;引号&quot;") && !html.contains("<script"));
}

#[test]
fn w3c_round_trip_is_lossless_and_passes_the_w3c_schemas() {
    let (ws, a, b) = tagged_workspace();
    let first = ws.dir.path().join("first.json");
    ws.ok(&["export", s(&a), s(&b), "--format", "json", "-o", s(&first)]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&first).expect("read")).expect("json");
    assert_eq!(json["type"], "AnnotationCollection");
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(json["total"].as_u64(), Some(items.len() as u64));
    let item = &items[0];
    assert!(item["id"].as_str().expect("id").starts_with("urn:uuid:"));
    assert!(
        item["target"]["source"]
            .as_str()
            .expect("source")
            .contains("%20")
    );
    let bodies = item["body"].as_array().expect("bodies");
    assert!(bodies.iter().any(|b| b["purpose"] == "tagging"));
    assert!(bodies.iter().any(|b| b["purpose"] == "commenting"));
    validate_w3c(&first);

    // Import into fresh copies of the same documents (no sidecars), then export again.
    let ws2 = Workspace::new();
    let a2 = ws2.corpus_doc(2, "中亚 报告.txt");
    let b2 = ws2.corpus_doc(0, "second.txt");
    let imported = ws2.ok(&["import", s(&a2), "--from", s(&first)]);
    assert!(imported.contains("\"orphaned\":0"), "{imported}");
    ws2.ok(&["import", s(&b2), "--from", s(&first)]);
    let again = ws2.dir.path().join("again.json");
    ws2.ok(&[
        "export",
        s(&a2),
        s(&b2),
        "--format",
        "json",
        "-o",
        s(&again),
    ]);
    let rewrite = |t: String| t.replace(s(ws2.dir.path()), s(ws.dir.path()));
    let canonical = |p: &Path| {
        fs::canonicalize(p)
            .expect("canonical")
            .to_string_lossy()
            .into_owned()
    };
    let second = rewrite(fs::read_to_string(&again).expect("read"))
        .replace(&canonical(ws2.dir.path()), &canonical(ws.dir.path()));
    assert_eq!(
        second,
        fs::read_to_string(&first).expect("read"),
        "export → import → export"
    );
    // Importing the same export twice changes nothing.
    let twice = ws2.ok(&["import", s(&a2), "--from", s(&first)]);
    assert!(
        twice.contains("\"added\":0") && twice.contains("\"updated\":0"),
        "{twice}"
    );
}

/// Run the W3C Working Group's schemas (shared/schemas/validate_w3c.py) on an export.
/// Needs `python3 -m pip install "jsonschema>=4.18"`.
fn validate_w3c(export: &Path) {
    let script = common::corpus_dir().join("../schemas/validate_w3c.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(export)
        .output()
        .expect("python3 is needed to run the W3C schema validator");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "W3C validation failed (needs: python3 -m pip install \"jsonschema>=4.18\"):\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("annotations valid"), "{stdout}");
}

#[test]
fn writing_commands_refuse_a_broken_sidecar() {
    let (ws, a, _) = tagged_workspace();
    let sidecar = a.with_file_name("中亚 报告.txt.pangzhu/ws.ron");
    let text = fs::read_to_string(&sidecar).expect("sidecar");
    let broken = text.replacen("format_version: 2,", "format_version: 2,\n  oops oops", 1);
    fs::write(&sidecar, &broken).expect("break");
    for args in [
        vec!["tag", s(&a), "--match", "合作", "--tag", "x"],
        vec!["import", s(&a), "--from", s(&sidecar)],
    ] {
        let out = ws.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("line 3") && err.contains("column"), "{err}");
    }
    assert_eq!(
        fs::read_to_string(&sidecar).expect("read"),
        broken,
        "never overwritten"
    );
    assert_eq!(ws.run(&["annotations", s(&a)]).status.code(), Some(1));
}

/// Items of a W3C export by id, with the workspace folder made neutral.
fn items_by_id(
    export: &Path,
    folder: &Path,
) -> std::collections::BTreeMap<String, serde_json::Value> {
    let text = fs::read_to_string(export).expect("read export");
    let folder = fs::canonicalize(folder).expect("canonical");
    let text = text.replace(s(&folder), "/WS");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["first"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| (item["id"].as_str().expect("id").to_owned(), item.clone()))
        .collect()
}

#[test]
fn w3c_round_trip_keeps_tag_colours_and_orphan_positions() {
    use pangzhu::annotation::Colour;
    use pangzhu::storage::format;

    let (ws, a, _) = tagged_workspace();
    // Colours the defaults would not give: every tag takes the next colour of the palette.
    let sidecar = a.with_file_name("中亚 报告.txt.pangzhu/ws.ron");
    let text = fs::read_to_string(&sidecar).expect("sidecar");
    let mut file = format::parse(&text, &sidecar).expect("parses");
    for tag in &mut file.tags {
        let at = Colour::ALL
            .iter()
            .position(|c| *c == tag.colour)
            .unwrap_or(0);
        tag.colour = Colour::ALL[(at + 1) % Colour::ALL.len()];
    }
    fs::write(&sidecar, format::to_ron(&file, &sidecar).expect("ron")).expect("write");
    // The document changes: every 中亚 annotation is orphaned.
    let changed = fs::read_to_string(&a).expect("doc").replace("中亚", "西亚");
    fs::write(&a, &changed).expect("change doc");

    let first = ws.dir.path().join("first.json");
    ws.ok(&["export", s(&a), "--format", "json", "-o", s(&first)]);
    validate_w3c(&first);
    let exported = items_by_id(&first, ws.dir.path());
    let orphans: Vec<&serde_json::Value> = exported
        .values()
        .filter(|i| i["target"]["pangzhu:rawLine"].is_u64())
        .collect();
    assert!(!orphans.is_empty(), "orphans carry their raw position");
    for orphan in &orphans {
        assert!(orphan["target"]["pangzhu:rawLine"].as_u64() >= Some(1));
        assert!(orphan["target"]["pangzhu:rawColumn"].as_u64() >= Some(1));
    }
    let tagging = exported
        .values()
        .flat_map(|i| i["body"].as_array().cloned().unwrap_or_default())
        .filter(|b| b["purpose"] == "tagging");
    for body in tagging {
        assert!(body["pangzhu:colour"].is_string(), "{body}");
    }

    // Import into a fresh copy of the changed document, export again: the same items.
    let ws2 = Workspace::new();
    let a2 = ws2.dir.path().join("中亚 报告.txt");
    fs::write(&a2, &changed).expect("copy doc");
    let imported = ws2.ok(&["import", s(&a2), "--from", s(&first)]);
    assert!(
        imported.contains(&format!("\"orphaned\":{}", orphans.len())),
        "{imported}"
    );
    let again = ws2.dir.path().join("again.json");
    ws2.ok(&["export", s(&a2), "--format", "json", "-o", s(&again)]);
    assert_eq!(items_by_id(&again, ws2.dir.path()), exported);

    // The imported sidecar holds the recoloured tags.
    let text = fs::read_to_string(a2.with_file_name("中亚 报告.txt.pangzhu/ws.ron")).expect("read");
    let imported = format::parse(&text, &a2).expect("parses").into_set();
    let original = file.into_set();
    for path in ["地区/中亚", "主题/能源"] {
        let colour =
            |set: &pangzhu::annotation::AnnotationSet| set.tags().find_path(path).map(|t| t.colour);
        assert_eq!(colour(&imported), colour(&original), "{path}");
    }
}
