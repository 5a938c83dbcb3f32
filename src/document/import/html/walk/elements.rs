//! Element classes: what a reader never sees (scripts, navigation, hidden elements) and which
//! elements are blocks.

use scraper::ElementRef;

/// What a reader never sees: scripts, forms, navigation, hidden elements.
pub fn skipped(e: ElementRef) -> bool {
    let v = e.value();
    if matches!(
        v.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "head"
            | "title"
            | "nav"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "img"
            | "picture"
            | "input"
            | "map"
    ) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if v.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        s.contains("display:none")
    }) {
        return true;
    }
    if matches!(v.attr("role"), Some("navigation" | "search")) {
        return true;
    }
    v.classes().chain(v.id()).any(|c| {
        let c = c.to_ascii_lowercase();
        c == "nav"
            || c == "menu"
            || c == "navigation"
            || [
                "nav-",
                "navbar",
                "navheader",
                "navfooter",
                "breadcrumb",
                "menu-",
                "skip-link",
            ]
            .iter()
            .any(|p| c.starts_with(p))
    })
}

pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "caption"
            | "html"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}
