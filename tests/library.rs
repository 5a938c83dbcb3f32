//! `pangzhu library` and `--library`: a folder of documents in several formats indexed with
//! tantivy; library search equals the per-file search, re-indexing is incremental and survives
//! a crash, the merged timeline equals the one over the files.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pangzhu::library::{Library, UpdateOptions};

/// A temporary library: the corpus, the practice texts, a few formats, in subfolders.
struct Lib {
    dir: tempfile::TempDir,
}

impl Lib {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Self { dir };
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        for file in common::corpus_files() {
            lib.copy(&file, "corpus");
        }
        for file in common::practice_files().into_iter().take(3) {
            lib.copy(&file, "practice/tex");
        }
        for name in [
            "corpus000.docx",
            "corpus000.epub",
            "corpus000.html",
            "corpus000.md",
        ] {
            lib.copy(&manifest.join("tests/data/formats").join(name), "formats");
        }
        lib.copy(&manifest.join("tests/data/pdf/install-p14.pdf"), "");
        lib
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("lib")
    }

    fn copy(&self, from: &Path, sub: &str) {
        let to = self.root().join(sub);
        std::fs::create_dir_all(&to).expect("mkdir");
        let name = from.file_name().expect("file name");
        std::fs::copy(from, to.join(name)).expect("copy");
    }

    /// Every document of the library, as the per-file commands take them (sorted by their
    /// path inside the library, the library's order).
    fn files(&self) -> Vec<String> {
        let mut skipped = Vec::new();
        let found = pangzhu::library::scan::scan(&self.root(), &mut skipped).expect("scan");
        found
            .iter()
            .map(|f| self.root().join(&f.relative).to_string_lossy().into_owned())
            .collect()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pangzhu"))
            .args(args)
            .env("PANGZHU_DATA_DIR", self.dir.path().join("data"))
            .output()
            .expect("pangzhu runs")
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn index(&self) -> serde_json::Value {
        let root = self.root();
        let out = self.stdout(&["library", "index", &root.to_string_lossy()]);
        serde_json::from_str(out.trim()).expect("a JSON summary")
    }

    /// `pangzhu search ARGS QUERY` over the library and over its files.
    fn both(&self, args: &[&str], query: &str) -> (String, String) {
        let root = self.root().to_string_lossy().into_owned();
        let mut lib = vec!["search", "--library", &root];
        lib.extend_from_slice(args);
        lib.push(query);
        let files = self.files();
        let mut per_file = vec!["search"];
        per_file.extend_from_slice(args);
        per_file.push(query);
        per_file.extend(files.iter().map(String::as_str));
        (self.stdout(&lib), self.stdout(&per_file))
    }

    fn assert_same_hits(&self, args: &[&str], query: &str) -> usize {
        let (lib, files) = self.both(args, query);
        assert!(
            !files.is_empty(),
            "{args:?} {query}: the per-file search finds nothing"
        );
        assert_eq!(lib, files, "{args:?} {query}");
        files.lines().count()
    }
}

fn summary(v: &serde_json::Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or(u64::MAX)
}

#[test]
fn library_search_equals_the_per_file_search() {
    let lib = Lib::new();
    let files = lib.files();
    assert!(files.len() >= 13, "{files:?}");
    let report = lib.index();
    assert_eq!(summary(&report, "documents"), files.len() as u64);
    assert_eq!(summary(&report, "indexed"), files.len() as u64);
    assert_eq!(summary(&report, "failed"), 0);
    // 亚五 crosses the jieba words 中亚|五国; 上海合作組織 is traditional; TeX is folded case.
    for query in [
        "中亚",
        "亚五",
        "上海合作組織",
        "民间外交",
        "tex",
        "宏包",
        "中国－中亚",
    ] {
        lib.assert_same_hits(&[], query);
    }
    for query in ["中亚", "合作", "文档"] {
        lib.assert_same_hits(&["--word"], query);
    }
    // 中亚 inside 中亚五国 is a literal hit but not a word: word search must find fewer.
    let (literal, _) = lib.both(&[], "中亚");
    let (word, _) = lib.both(&["--word"], "中亚");
    assert!(word.lines().count() < literal.lines().count());
    // --limit N: the first N lines of the whole output (here past the first documents), the
    // library's and the files' alike.
    let half = literal.lines().count() / 2;
    let first: String = literal
        .lines()
        .take(half)
        .map(|l| format!("{l}\n"))
        .collect();
    let limit = half.to_string();
    assert_eq!(
        lib.both(&["--limit", &limit], "中亚"),
        (first.clone(), first)
    );
    assert_eq!(
        lib.both(&["--limit", "0"], "中亚"),
        (String::new(), String::new())
    );
    for query in [r"\d{4}\s*年", "合作(組|组)织", "[a-z]+tex"] {
        lib.assert_same_hits(&["--regex"], query);
    }
    // Every source names its file as the per-file search does.
    let (hits, _) = lib.both(&[], "中亚");
    for line in hits.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let source = v["source"].as_str().unwrap_or_default();
        assert!(files.iter().any(|f| f == source), "{source}");
        for key in ["line", "col", "match", "snippet", "offset"] {
            assert!(!v[key].is_null(), "{key} in {line}");
        }
    }
    let (none, _) = lib.both(&[], "不在任何文档里的词语组合");
    assert!(none.is_empty());
}

#[test]
fn dates_and_tags_filter_both_searches_alike() {
    let lib = Lib::new();
    let files = lib.files();
    let corpus0 = files
        .iter()
        .find(|f| f.contains("corpus/000"))
        .expect("000");
    let tagged = lib.stdout(&["tag", corpus0, "--match", "民间外交", "--tag", "主题/外交"]);
    assert!(!tagged.is_empty());
    lib.index();
    let n = lib.assert_same_hits(&["--tag", "主题"], "民间");
    assert_eq!(n, lib.assert_same_hits(&["--tag", "外交"], "民间"));
    let (untagged, _) = lib.both(&["--tag", "别的"], "民间");
    assert!(untagged.is_empty());
    let all = lib.assert_same_hits(&[], "中亚");
    let dated = lib.assert_same_hits(&["--from", "2013", "--to", "2014-06"], "中亚");
    assert!(dated < all);
    lib.assert_same_hits(&["--from", "2020-01-15"], "合作");
    lib.assert_same_hits(&["--word", "--to", "2000"], "中国");
    // Annotating another document re-indexes just that one.
    let corpus2 = files
        .iter()
        .find(|f| f.contains("corpus/002"))
        .expect("002");
    lib.stdout(&["tag", corpus2, "--match", "民间", "--tag", "主题/外交"]);
    let report = lib.index();
    assert_eq!(summary(&report, "indexed"), 1);
    assert!(lib.assert_same_hits(&["--tag", "主题"], "民间") > n);
    let list = lib.stdout(&["library", "list", &lib.root().to_string_lossy()]);
    let row = list
        .lines()
        .find(|l| l.contains("corpus/000"))
        .expect("listed");
    let v: serde_json::Value = serde_json::from_str(row).expect("JSON");
    assert!(v["annotations"].as_u64().unwrap_or(0) > 0, "{row}");
    assert_eq!(v["tags"], serde_json::json!(["主题/外交"]));
    assert!(v["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(v["size"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn reindex_after_an_edit_and_a_deletion_and_unchanged_reindex() {
    let lib = Lib::new();
    let files = lib.files();
    let n = files.len() as u64;
    lib.index();
    let again = lib.index();
    assert_eq!(summary(&again, "indexed"), 0);
    assert_eq!(summary(&again, "unchanged"), n);
    let edited = files
        .iter()
        .find(|f| f.contains("corpus/001"))
        .expect("001");
    let deleted = files
        .iter()
        .find(|f| f.contains("practice/tex"))
        .expect("practice");
    let mut text = std::fs::read_to_string(edited).expect("read");
    text.push_str("\n\n蓝鲸计划于 2031 年 3 月启动。\n");
    std::fs::write(edited, text).expect("write");
    std::fs::remove_file(deleted).expect("delete");
    let report = lib.index();
    assert_eq!(summary(&report, "documents"), n - 1);
    assert_eq!(summary(&report, "indexed"), 1);
    assert_eq!(summary(&report, "removed"), 1);
    assert_eq!(summary(&report, "unchanged"), n - 2);
    assert_eq!(lib.assert_same_hits(&[], "蓝鲸计划"), 1);
    lib.assert_same_hits(&[], "宏包");
    let (hits, _) = lib.both(&[], "tex");
    assert!(!hits.contains(deleted.as_str()));
    let list = lib.stdout(&["library", "list", &lib.root().to_string_lossy()]);
    assert_eq!(list.lines().count() as u64, n - 1);
}

#[test]
fn timeline_of_the_library_equals_the_timeline_of_its_files() {
    let lib = Lib::new();
    lib.index();
    let root = lib.root().to_string_lossy().into_owned();
    let files = lib.files();
    for format in ["json", "csv", "md"] {
        let from_lib = lib.stdout(&["timeline", "--format", format, "--library", &root]);
        let mut args = vec!["timeline", "--format", format];
        args.extend(files.iter().map(String::as_str));
        let from_files = lib.stdout(&args);
        assert!(from_files.lines().count() > 100);
        assert_eq!(from_lib, from_files, "{format}");
    }
    let names = lib.stdout(&["library", "names", &root]);
    let first: serde_json::Value =
        serde_json::from_str(names.lines().next().unwrap_or_default()).expect("JSON");
    assert_eq!(first["name"], "中国");
    assert!(first["documents"].as_u64().unwrap_or(0) >= 5);
    assert!(first["mentions"].as_u64().unwrap_or(0) > 100);
}

#[test]
fn an_uncommitted_update_leaves_a_usable_index() {
    let lib = Lib::new();
    let n = lib.files().len();
    {
        let mut library = Library::open(&lib.root()).expect("open");
        let options = UpdateOptions {
            commit_every_docs: 3,
            stop_after: Some(7),
            ..UpdateOptions::default()
        };
        library
            .update_with(&options, &|_| {})
            .expect("partial update");
        // Dropped here: the writer goes without its last commit, as in a crash.
    }
    let mut library = Library::open(&lib.root()).expect("reopens");
    assert!(library.notice().is_none());
    assert_eq!(library.documents().expect("documents").len(), 6);
    let report = library.update(&|_| {}).expect("update");
    assert_eq!(report.indexed, n - 6);
    assert_eq!(report.unchanged, 6);
    drop(library);
    lib.assert_same_hits(&[], "中亚");
}

#[test]
fn a_killed_indexer_leaves_a_usable_index() {
    let lib = Lib::new();
    let root = lib.root().to_string_lossy().into_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pangzhu"))
        .args(["library", "index", &root])
        .env("PANGZHU_DATA_DIR", lib.dir.path().join("data"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = child.kill();
    let _ = child.wait();
    let report = lib.index();
    assert_eq!(summary(&report, "failed"), 0);
    assert_eq!(
        summary(&report, "indexed") + summary(&report, "unchanged"),
        lib.files().len() as u64
    );
    lib.assert_same_hits(&["--word"], "合作");
}

#[test]
fn bad_folders_and_broken_indexes_and_files_are_reported() {
    let lib = Lib::new();
    let missing = lib.dir.path().join("nowhere");
    let out = lib.run(&["library", "index", &missing.to_string_lossy()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
    let out = lib.run(&["search", "--library", &missing.to_string_lossy(), "中亚"]);
    assert!(!out.status.success());

    // A file that cannot be read fails alone; the rest is indexed.
    let broken = lib.root().join("broken.txt");
    std::fs::write(&broken, [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).expect("write");
    let root = lib.root().to_string_lossy().into_owned();
    let out = lib.run(&["library", "index", &root]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("broken.txt"), "{stderr}");
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("a summary even when a file fails");
    assert_eq!(summary(&v, "failed"), 1);
    assert_eq!(summary(&v, "indexed"), summary(&v, "documents") - 1);
    std::fs::remove_file(&broken).expect("remove");

    // A broken index is rebuilt, with a message.
    let meta = lib.root().join(".pangzhu/index/meta.json");
    std::fs::write(&meta, "{ not json").expect("break");
    let out = lib.run(&["library", "index", &root]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("rebuilding"));
    lib.assert_same_hits(&[], "中亚");

    // Damaged stored documents are found when read: a clear error, then --rebuild.
    for entry in std::fs::read_dir(lib.root().join(".pangzhu/index")).expect("index") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "store") {
            // Same length, damaged compressed blocks: only reading a document finds it.
            let mut bytes = std::fs::read(&path).expect("read");
            bytes.iter_mut().take(64).for_each(|b| *b = b'x');
            std::fs::write(&path, bytes).expect("damage");
        }
    }
    let out = lib.run(&["search", "--library", &root, "中亚"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--rebuild"));
    let report: serde_json::Value =
        serde_json::from_str(lib.stdout(&["library", "index", "--rebuild", &root]).trim())
            .expect("JSON");
    assert_eq!(summary(&report, "indexed"), summary(&report, "documents"));
    lib.assert_same_hits(&[], "中亚");
}
