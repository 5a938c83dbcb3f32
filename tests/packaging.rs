//! The Debian package's pieces: the desktop entry (旁注 / Pangzhu, the MIME types the importers
//! read) and cargo-deb's metadata (poppler as a dependency, every asset present). Building
//! the `.deb` itself is `scripts/build-deb.sh`.

use std::path::Path;

fn repo(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

#[test]
fn the_desktop_entry_names_the_app_in_both_languages_and_opens_every_format() {
    let entry = repo("packaging/pangzhu.desktop");
    let keys: Vec<(&str, &str)> = entry.lines().filter_map(|l| l.split_once('=')).collect();
    let get = |k: &str| keys.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
    assert_eq!(entry.lines().next(), Some("[Desktop Entry]"));
    assert_eq!(get("Type"), Some("Application"));
    assert_eq!(get("Name"), Some("Pangzhu"));
    assert_eq!(get("Name[zh_CN]"), Some("旁注"));
    assert_eq!(get("Exec"), Some("pangzhu %F"), "files open as columns");
    assert_eq!(get("Icon"), Some("pangzhu"));
    let mime: Vec<&str> = get("MimeType").unwrap_or_default().split(';').collect();
    for wanted in [
        "text/plain",
        "application/pdf",
        "application/epub+zip",
        "text/html",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ] {
        assert!(mime.contains(&wanted), "{wanted} missing from {mime:?}");
    }
}

#[test]
fn the_package_depends_on_poppler_and_ships_files_that_exist() {
    let manifest = repo("Cargo.toml");
    let meta = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("[package.metadata.deb] in Cargo.toml");
    let meta = meta.split("\n[").next().unwrap_or_default();
    let depends = meta
        .lines()
        .find(|l| l.starts_with("depends"))
        .expect("depends");
    assert!(depends.contains("poppler-utils") && depends.contains("poppler-data"));
    let mut sources = 0;
    for line in meta.lines().map(str::trim).filter(|l| l.starts_with("[\"")) {
        let source = line
            .trim_start_matches("[\"")
            .split('"')
            .next()
            .unwrap_or_default();
        if source.starts_with("target/") {
            continue; // the built binary
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let found = match source.strip_suffix("*.txt") {
            Some(folder) => std::fs::read_dir(dir.join(folder))
                .map(|d| {
                    d.flatten()
                        .any(|e| e.path().extension().is_some_and(|x| x == "txt"))
                })
                .unwrap_or(false),
            None => dir.join(source).is_file(),
        };
        assert!(found, "asset {source} is missing");
        sources += 1;
    }
    assert!(sources >= 5, "only {sources} assets listed");
}
