//! User dictionaries in plain jieba format (`word [freq] [tag]`, one entry a line, `#` comments):
//! the built-in one, one in the user's config directory and one beside a document set.
//! Missing files are fine; broken lines are reported with file and line and skipped.

use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

/// The built-in dictionary: terms of the documents our users read that jieba splits wrongly.
pub const BUILTIN_DICTIONARY: &str = include_str!("../../assets/dict/builtin.dict");
/// Name shown for the built-in dictionary in reports.
pub const BUILTIN_NAME: &str = "<built-in>";
/// File name of a dictionary that sits beside a document set.
pub const SET_DICTIONARY_NAME: &str = "pangzhu.dict";

#[derive(Debug, Error)]
pub enum DictionaryError {
    #[error("cannot read dictionary {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One dictionary entry. `freq: None` lets jieba pick a frequency that keeps the word whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictEntry {
    pub word: String,
    pub freq: Option<usize>,
    pub tag: Option<String>,
}

/// A line that could not be used, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DictIssue {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DictIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// A parsed dictionary: the good entries and the reasons the other lines were skipped.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub entries: Vec<DictEntry>,
    pub issues: Vec<DictIssue>,
}

/// Parse dictionary text; `file` names it in issues.
pub fn parse(text: &str, file: &str) -> Dictionary {
    let mut dict = Dictionary::default();
    for (idx, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or_default().trim();
        if content.is_empty() {
            continue;
        }
        match parse_line(content) {
            Ok(entry) => dict.entries.push(entry),
            Err(message) => dict.issues.push(DictIssue {
                file: file.to_owned(),
                line: idx + 1,
                message,
            }),
        }
    }
    dict
}

fn parse_line(content: &str) -> Result<DictEntry, String> {
    let fields: Vec<&str> = content.split_whitespace().collect();
    let (word, freq, tag) = match fields.as_slice() {
        [word] => (*word, None, None),
        [word, second] => match second.parse::<usize>() {
            Ok(freq) => (*word, Some(freq), None),
            Err(_) if is_tag(second) => (*word, None, Some(*second)),
            Err(_) => return Err(format!("`{second}` is neither a frequency nor a tag")),
        },
        [word, freq, tag] => {
            let freq = freq
                .parse::<usize>()
                .map_err(|_| format!("frequency `{freq}` is not a whole number"))?;
            if !is_tag(tag) {
                return Err(format!("`{tag}` is not a part-of-speech tag"));
            }
            (*word, Some(freq), Some(*tag))
        }
        _ => return Err("expected `word [frequency] [tag]`".to_owned()),
    };
    Ok(DictEntry {
        word: word.to_owned(),
        freq,
        tag: tag.map(str::to_owned),
    })
}

/// jieba tags are short ASCII letter codes (`ns`, `nrt`, `vn`).
fn is_tag(text: &str) -> bool {
    !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Read and parse a dictionary file; a missing file is an empty dictionary.
pub fn load_file(path: &Path) -> Result<Dictionary, DictionaryError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(parse(&text, &path.display().to_string())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Dictionary::default()),
        Err(source) => Err(DictionaryError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

/// The dictionary in the user's config directory (`…/pangzhu/user.dict`), if there is a home.
pub fn user_dictionary_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pangzhu")
        .map(|dirs| dirs.config_dir().join("user.dict"))
}

/// The dictionary beside a document: `pangzhu.dict` in the document's folder.
pub fn set_dictionary_path(document: &Path) -> PathBuf {
    let folder = document.parent().unwrap_or_else(|| Path::new("."));
    folder.join(SET_DICTIONARY_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_jieba_lines_and_reports_broken_ones() {
        let dict = parse(
            "一带一路 100 nz\n# comment\n\n中欧班列\n上合组织 nt\n坏 abc1 n\n太 多 的 字段\n",
            "x.dict",
        );
        let words: Vec<&str> = dict.entries.iter().map(|e| e.word.as_str()).collect();
        assert_eq!(words, ["一带一路", "中欧班列", "上合组织"]);
        assert_eq!(dict.entries[0].freq, Some(100));
        assert_eq!(dict.entries[2].tag.as_deref(), Some("nt"));
        let lines: Vec<usize> = dict.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [6, 7]);
        assert!(dict.issues[0].to_string().starts_with("x.dict:6:"));
    }

    #[test]
    fn missing_file_is_empty() {
        let dict = load_file(Path::new("/nonexistent/pangzhu.dict"));
        assert!(dict.is_ok_and(|d| d.entries.is_empty()));
    }

    #[test]
    fn builtin_dictionary_is_clean() {
        let dict = parse(BUILTIN_DICTIONARY, BUILTIN_NAME);
        assert!(dict.issues.is_empty(), "{:?}", dict.issues);
        assert!(dict.entries.iter().any(|e| e.word == "上海合作组织"));
    }
}
