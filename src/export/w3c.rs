//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` whose embedded first page holds
//! every `Annotation`. Target: the document's `file://` IRI with a `TextQuoteSelector` and a
//! `TextPositionSelector` (code points of the cleaned text); tags are `tagging` bodies, the
//! note a `commenting` `TextualBody`.
//!
//! What the model has no term for travels in extra properties named by the IRI scheme
//! `pangzhu:` (JSON-LD keeps such keys as absolute IRIs; other tools ignore them), so an
//! import gets back what the export had: a tag's colour ([`COLOUR`] on its tagging body)
//! and, for an orphan (no position in the current text), the raw line and column where its
//! passage was last found ([`RAW_LINE`], [`RAW_COLUMN`] on the target).

use serde_json::{Map, Value, json};

use super::entry::{ExportDocument, ExportEntry};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
pub const UUID_URN: &str = "urn:uuid:";
pub const COLOUR: &str = "pangzhu:colour";
pub const RAW_LINE: &str = "pangzhu:rawLine";
pub const RAW_COLUMN: &str = "pangzhu:rawColumn";

pub fn render(documents: &[ExportDocument]) -> Value {
    let items: Vec<Value> = documents
        .iter()
        .flat_map(|d| d.entries.iter().map(move |e| annotation(d, e)))
        .collect();
    let collection_id = collection_id(&items);
    json!({
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "旁注 Pangzhu annotations",
        "total": items.len(),
        "first": {
            "id": format!("{collection_id}#page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

pub fn render_string(documents: &[ExportDocument]) -> String {
    let mut text = serde_json::to_string_pretty(&render(documents)).unwrap_or_default();
    text.push('\n');
    text
}

/// The annotation's IRI: our ids are UUIDs; an id that already is an IRI is kept.
pub fn annotation_iri(id: &str) -> String {
    if id.contains(':') {
        id.to_owned()
    } else {
        format!("{UUID_URN}{id}")
    }
}

fn annotation(doc: &ExportDocument, e: &ExportEntry) -> Value {
    let mut bodies = Vec::new();
    if let Some(note) = &e.note {
        bodies.push(json!({
            "type": "TextualBody",
            "value": note,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    for (i, tag) in e.tags.iter().enumerate() {
        let mut body = json!({ "type": "TextualBody", "value": tag, "purpose": "tagging" });
        if let (Some(colour), Some(object)) = (e.tag_colours.get(i), body.as_object_mut()) {
            object.insert(COLOUR.into(), json!(colour.as_str()));
        }
        bodies.push(body);
    }
    let motivation = match (&e.note, e.tags.is_empty()) {
        (Some(_), _) => "commenting",
        (None, false) => "tagging",
        (None, true) => "highlighting",
    };
    let mut quote = Map::new();
    quote.insert("type".into(), json!("TextQuoteSelector"));
    quote.insert("exact".into(), json!(e.quote.exact));
    if !e.quote.prefix.is_empty() {
        quote.insert("prefix".into(), json!(e.quote.prefix));
    }
    if !e.quote.suffix.is_empty() {
        quote.insert("suffix".into(), json!(e.quote.suffix));
    }
    let mut selectors = vec![Value::Object(quote.clone())];
    if let Some(page) = e.page {
        // RFC 3778's PDF fragment names the page; the quote refines it to the passage.
        selectors.push(json!({
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
            "value": format!("page={page}"),
            "refinedBy": Value::Object(quote),
        }));
    }
    if let Some((start, end)) = e.position {
        selectors.push(json!({ "type": "TextPositionSelector", "start": start, "end": end }));
    }
    let mut object = Map::new();
    object.insert("id".into(), json!(annotation_iri(e.id.as_str())));
    object.insert("type".into(), json!("Annotation"));
    object.insert("motivation".into(), json!(motivation));
    object.insert("created".into(), json!(e.created.as_str()));
    object.insert("modified".into(), json!(e.modified.as_str()));
    if !bodies.is_empty() {
        object.insert("body".into(), Value::Array(bodies));
    }
    let mut target = json!({ "source": doc.source_uri, "selector": selectors });
    if let (None, Some(t)) = (e.position, target.as_object_mut()) {
        t.insert(RAW_LINE.into(), json!(e.line));
        t.insert(RAW_COLUMN.into(), json!(e.col));
    }
    object.insert("target".into(), target);
    Value::Object(object)
}

/// A stable collection id from the annotation ids, so the same export is byte-identical.
fn collection_id(items: &[Value]) -> String {
    let mut hasher = blake3::Hasher::new();
    for item in items {
        if let Some(id) = item.get("id").and_then(Value::as_str) {
            hasher.update(id.as_bytes());
            hasher.update(b"\n");
        }
    }
    let hex = hasher.finalize().to_hex();
    let h = hex.as_str();
    format!(
        "{UUID_URN}{}-{}-5{}-8{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}
