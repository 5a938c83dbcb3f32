//! Finding an installed system font for a character the bundled fonts lack (rare ideographs
//! outside the basic block, other scripts). `ui/theme.rs` wraps this in an egui font provider.

use std::path::{Path, PathBuf};

/// A font face read from disk.
#[derive(Debug, Clone)]
pub struct SystemFont {
    pub name: String,
    pub bytes: Vec<u8>,
    pub index: u32,
}

/// Font files under the usual system and user folders, CJK-looking names first.
pub fn candidate_files() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = vec![
        "/usr/share/fonts".into(),
        "/usr/local/share/fonts".into(),
        "/System/Library/Fonts".into(),
        "/Library/Fonts".into(),
        "C:\\Windows\\Fonts".into(),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share/fonts"));
        dirs.push(Path::new(&home).join(".fonts"));
    }
    let mut files = Vec::new();
    for dir in dirs {
        collect_fonts(&dir, 0, &mut files);
    }
    files.sort_by_key(|p| (!looks_cjk(p), p.clone()));
    files
}

fn looks_cjk(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    [
        "cjk", "sc", "han", "wenkai", "wqy", "song", "hei", "ming", "kai", "droid",
    ]
    .iter()
    .any(|k| name.contains(k))
}

fn collect_fonts(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth < 4 {
            collect_fonts(&path, depth + 1, out);
        } else if path.extension().is_some_and(|e| {
            ["ttf", "otf", "ttc", "otc"]
                .contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
        }) {
            out.push(path);
        }
    }
}

/// The first face among `files` that has a glyph for `c`.
pub fn font_for(c: char, files: &[PathBuf]) -> Option<SystemFont> {
    for path in files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let faces = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
        // In Noto CJK collections the Simplified Chinese face is not the first; prefer one
        // whose family name says SC so Chinese text gets Chinese glyph shapes.
        let mut order: Vec<u32> = (0..faces).collect();
        order.sort_by_key(|&i| !face_is_sc(&bytes, i));
        for index in order {
            let covered = ttf_parser::Face::parse(&bytes, index)
                .is_ok_and(|face| face.glyph_index(c).is_some());
            if covered {
                let name = format!("{}#{index}", path.display());
                return Some(SystemFont { name, bytes, index });
            }
        }
    }
    None
}

fn face_is_sc(bytes: &[u8], index: u32) -> bool {
    ttf_parser::Face::parse(bytes, index).is_ok_and(|face| {
        face.names()
            .into_iter()
            .filter_map(|n| n.to_string())
            .any(|n| n.contains(" SC") || n.contains("Simplified"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nothing_in_no_files_and_sorts_cjk_first() {
        assert!(font_for('中', &[]).is_none());
        let mut files = [
            PathBuf::from("/a/DejaVuSans.ttf"),
            PathBuf::from("/b/NotoSansCJK.ttc"),
        ];
        files.sort_by_key(|p| (!looks_cjk(p), p.clone()));
        assert!(files[0].to_string_lossy().contains("CJK"));
    }
}
