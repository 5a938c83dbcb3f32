//! Reading a W3C Web Annotation export back (ours, or any tool's that uses text selectors).

use serde_json::Value;
use thiserror::Error;

use super::w3c::{COLOUR, RAW_COLUMN, RAW_LINE, UUID_URN};
use crate::annotation::anchor::RawLocation;
use crate::annotation::{Anchor, Annotation, AnnotationId, Colour, TextQuote, Timestamp};
use crate::document::Document;
use crate::span::TextSpan;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("annotation {index}: {message}")]
    Invalid { index: usize, message: String },
}

/// One imported annotation: what it targets, the annotation and its tag paths.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAnnotation {
    pub source: String,
    pub annotation: Annotation,
    pub tag_paths: Vec<String>,
    /// The colour of each tag in `tag_paths` where the export gave one (ours do).
    pub tag_colours: Vec<Option<Colour>>,
}

/// All annotations of an export (collection, page, array or a single annotation).
pub fn parse(json: &str, doc: &Document) -> Result<Vec<ImportedAnnotation>, ImportError> {
    let value: Value = serde_json::from_str(json)?;
    items(&value)
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            one(item, doc).map_err(|message| ImportError::Invalid { index, message })
        })
        .collect()
}

fn items(value: &Value) -> Vec<&Value> {
    if let Some(array) = value.as_array() {
        return array.iter().collect();
    }
    let is = |t: &str| match value.get("type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str() == Some(t)),
        _ => false,
    };
    if !is("AnnotationCollection") && !is("AnnotationPage") {
        return vec![value];
    }
    let mut out: Vec<&Value> = value
        .get("items")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let mut page = value.get("first");
    for _ in 0..10_000 {
        let Some(p) = page.filter(|p| p.is_object()) else {
            break;
        };
        out.extend(
            p.get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        page = p.get("next");
    }
    out
}

fn one(item: &Value, doc: &Document) -> Result<ImportedAnnotation, String> {
    let id = item.get("id").and_then(Value::as_str).ok_or("no id")?;
    let id = id.strip_prefix(UUID_URN).unwrap_or(id);
    let target = match item.get("target") {
        Some(Value::Array(a)) => a.first(),
        other => other,
    }
    .ok_or("no target")?;
    let source = target
        .get("source")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    let of_type = |t: &str| {
        selectors
            .iter()
            .copied()
            .find(|s| s.get("type").and_then(Value::as_str) == Some(t))
    };
    let quote_sel = of_type("TextQuoteSelector").ok_or("no TextQuoteSelector")?;
    let text = |k: &str| {
        quote_sel
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let quote = TextQuote {
        exact: text("exact"),
        prefix: text("prefix"),
        suffix: text("suffix"),
    };
    if quote.exact.is_empty() {
        return Err("empty TextQuoteSelector".into());
    }
    let span = of_type("TextPositionSelector")
        .and_then(|p| Some((p.get("start")?.as_u64()?, p.get("end")?.as_u64()?)))
        .and_then(|(s, e)| byte_span(doc.text(), s, e))
        .unwrap_or_else(|| TextSpan::new(0, 0));
    // Found: the raw position follows from the text. An orphan keeps where it was last seen.
    let raw = doc
        .raw_pos(span.start())
        .filter(|_| !span.is_empty())
        .map(|p| RawLocation {
            line: p.line,
            col: p.col,
        })
        .or_else(|| exported_raw(target))
        .unwrap_or_default();
    let anchor = Anchor {
        span,
        quote,
        raw,
        clean_hash: doc.fingerprint().clean_hash.clone(),
    };
    let time = |k: &str| {
        item.get(k)
            .and_then(Value::as_str)
            .and_then(Timestamp::parse)
    };
    let created = time("created").unwrap_or_else(Timestamp::now);
    let modified = time("modified").unwrap_or_else(|| created.clone());
    let (note, tags) = bodies(item);
    let (tag_paths, tag_colours) = tags.into_iter().unzip();
    let annotation = Annotation {
        id: AnnotationId::from_string(id),
        anchor,
        tags: Default::default(),
        note,
        created,
        modified,
    };
    Ok(ImportedAnnotation {
        source,
        annotation,
        tag_paths,
        tag_colours,
    })
}

/// The raw line and column our exports give an orphan's target.
fn exported_raw(target: &Value) -> Option<RawLocation> {
    let number = |key: &str| {
        target
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    Some(RawLocation {
        line: number(RAW_LINE)?,
        col: number(RAW_COLUMN)?,
    })
}

/// The note (commenting bodies joined) and the tag paths (tagging bodies) with their colours.
fn bodies(item: &Value) -> (Option<String>, Vec<(String, Option<Colour>)>) {
    let list: Vec<&Value> = match item.get("body") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    let mut notes = Vec::new();
    let mut tags = Vec::new();
    for body in list {
        let Some(value) = body.get("value").and_then(Value::as_str) else {
            continue;
        };
        match body.get("purpose").and_then(Value::as_str) {
            Some("tagging") => {
                let colour = body
                    .get(COLOUR)
                    .and_then(Value::as_str)
                    .and_then(Colour::from_name);
                tags.push((value.to_owned(), colour));
            }
            _ => notes.push(value.to_owned()),
        }
    }
    let body_value = item.get("bodyValue").and_then(Value::as_str);
    notes.extend(body_value.map(str::to_owned));
    let note = (!notes.is_empty()).then(|| notes.join("\n\n"));
    (note, tags)
}

/// Code-point offsets → a byte span on char boundaries, if inside the text.
fn byte_span(text: &str, start: u64, end: u64) -> Option<TextSpan> {
    let start = usize::try_from(start).ok()?;
    let end = usize::try_from(end).ok()?;
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let s = indices.nth(start)?;
    let e = if end == start {
        s
    } else {
        indices.nth(end.checked_sub(start + 1)?)?
    };
    Some(TextSpan::new(s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_map_to_bytes() {
        assert_eq!(byte_span("中文ab", 1, 3), Some(TextSpan::new(3, 7)));
        assert_eq!(byte_span("中文ab", 0, 4), Some(TextSpan::new(0, 8)));
        assert_eq!(byte_span("中文ab", 2, 9), None);
    }
}
