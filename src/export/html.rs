//! One standalone, readable HTML page (no scripts, no external files) with a CJK font stack.

use std::fmt::Write;

use super::entry::ExportDocument;

const STYLE: &str = r#"body{font-family:"Noto Serif SC","Source Han Serif SC","Songti SC","STSong","SimSun","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.8;color:#222;background:#fdfcf8}
h1{font-size:1.6em;border-bottom:1px solid #ddd}h2{font-size:1.2em;margin-top:2em}
article{margin:1.2em 0;padding-bottom:.8em;border-bottom:1px dashed #e4e0d0}
blockquote{margin:0;padding:.3em 1em;border-left:4px solid #c9a227;background:#f8f3e2}
.note{margin:.5em 0;white-space:pre-wrap}.meta{color:#666;font-size:.85em}
.tag{display:inline-block;margin-right:.4em;padding:0 .5em;border-radius:.8em;background:#eee6cc;font-size:.85em}
.orphaned blockquote{border-left-color:#b44;background:#f7e9e9}"#;

pub fn render(documents: &[ExportDocument]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>旁注 批注</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
    );
    for doc in documents {
        let title = doc.title.as_deref().unwrap_or(&doc.source);
        let _ = writeln!(
            out,
            "<section>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>",
            esc(title),
            esc(&doc.source)
        );
        for e in &doc.entries {
            let _ = writeln!(out, "<article class=\"{}\">", e.status.as_str());
            let _ = writeln!(out, "<blockquote>{}</blockquote>", esc(&e.quote.exact));
            if let Some(note) = &e.note {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(note));
            }
            let tags: String = e
                .tags
                .iter()
                .map(|t| format!("<span class=\"tag\">{}</span>", esc(t)))
                .collect();
            let mut place = e.headings.join(" › ");
            if !place.is_empty() {
                place.push_str(" · ");
            }
            let _ = writeln!(
                out,
                "<p class=\"meta\">{tags}{}第 {} 行{}</p>\n</article>",
                esc(&place),
                e.line,
                if e.status.as_str() == "orphaned" {
                    " · 原文中已找不到"
                } else {
                    ""
                }
            );
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Escape text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
