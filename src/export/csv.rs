//! CSV: one row per annotation, RFC 4180 (CRLF, quoted fields), UTF-8 with a BOM so
//! spreadsheet programs read the Chinese text correctly.

use super::entry::ExportDocument;

const HEADER: [&str; 13] = [
    "source", "id", "status", "quote", "prefix", "suffix", "tags", "note", "line", "col",
    "headings", "created", "page",
];

pub fn render(documents: &[ExportDocument]) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, HEADER.iter().map(|h| (*h).to_owned()));
    for doc in documents {
        for e in &doc.entries {
            push_row(
                &mut out,
                [
                    doc.source.clone(),
                    e.id.to_string(),
                    e.status.as_str().to_owned(),
                    e.quote.exact.clone(),
                    e.quote.prefix.clone(),
                    e.quote.suffix.clone(),
                    e.tags.join("; "),
                    e.note.clone().unwrap_or_default(),
                    e.line.to_string(),
                    e.col.to_string(),
                    e.headings.join(" › "),
                    e.created.as_str().to_owned(),
                    e.page.map(|p| p.to_string()).unwrap_or_default(),
                ],
            );
        }
    }
    out
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    let mut first = true;
    for field in fields {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&quote_field(&field));
    }
    out.push_str("\r\n");
}

/// RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
pub fn quote_field(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(quote_field("普通"), "普通");
        assert_eq!(quote_field("a,b"), "\"a,b\"");
        assert_eq!(quote_field("他说\"好\""), "\"他说\"\"好\"\"\"");
        assert_eq!(quote_field("两\n行"), "\"两\n行\"");
    }
}
