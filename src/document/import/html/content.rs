//! Where a web page's text is: `<main>` or the one `<article>` when the page says so; else the
//! densest region of `<body>`. Inside it, link-dense blocks (menus, "related" lists, share
//! bars) and blocks named as site furniture are left out.
//!
//! "Densest" is careful: the walk goes down into a child only when everything beside it is
//! small (< 15 % of the text) and holds no heading, so a title or a dateline next to the
//! article body is never cut away with the site footer.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

/// The part of a page to read and the blocks inside it to leave out.
pub struct Content<'a> {
    pub root: ElementRef<'a>,
    pub dropped: HashSet<NodeId>,
}

#[derive(Default, Clone, Copy)]
struct Size {
    text: usize,
    link_text: usize,
    links: usize,
    headings: usize,
}

/// `densest`: look for the article inside a web page's body (not for a book's chapters, which
/// are all text).
pub fn content(html: &Html, densest_region: bool) -> Content<'_> {
    let root = html.root_element();
    let elements = || root.descendants().filter_map(ElementRef::wrap);
    let declared = elements()
        .find(|e| e.value().name() == "main" || e.value().attr("role") == Some("main"))
        .or_else(|| {
            let mut articles = elements().filter(|e| e.value().name() == "article");
            match (articles.next(), articles.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        });
    let base = declared
        .or_else(|| elements().find(|e| e.value().name() == "body"))
        .unwrap_or(root);
    let mut sizes = HashMap::new();
    measure(base, &mut sizes);
    let total = sizes.get(&base.id()).map_or(0, |s| s.text);
    let mut dropped = HashSet::new();
    mark_furniture(base, &sizes, &mut dropped);
    let dropped_text: usize = dropped
        .iter()
        .filter_map(|id| sizes.get(id))
        .map(|s| s.text)
        .sum();
    // A page that is mostly links (a table of contents) is read whole.
    if dropped_text * 5 > total * 4 {
        dropped.clear();
    }
    let root = if declared.is_some() || !densest_region {
        base
    } else {
        densest(base, &sizes, &dropped)
    };
    Content { root, dropped }
}

/// Text, link text, links and headings under every element (scripts and the like excluded).
fn measure(e: ElementRef, sizes: &mut HashMap<NodeId, Size>) -> Size {
    let mut s = Size::default();
    if super::walk::skipped(e) {
        sizes.insert(e.id(), s);
        return s;
    }
    for child in e.children() {
        match child.value() {
            Node::Text(t) => s.text += t.chars().filter(|c| !c.is_whitespace()).count(),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    let cs = measure(c, sizes);
                    s.text += cs.text;
                    s.link_text += cs.link_text;
                    s.links += cs.links;
                    s.headings += cs.headings;
                }
            }
            _ => {}
        }
    }
    match e.value().name() {
        "a" if e.value().attr("href").is_some() => {
            s.links += 1;
            s.link_text = s.text;
        }
        "h1" | "h2" | "h3" => s.headings += 1,
        _ => {}
    }
    sizes.insert(e.id(), s);
    s
}

/// Blocks that are mostly links, or named as share bars, ads, comments or the site footer.
fn mark_furniture(e: ElementRef, sizes: &HashMap<NodeId, Size>, out: &mut HashSet<NodeId>) {
    for c in e.children().filter_map(ElementRef::wrap) {
        let s = sizes.get(&c.id()).copied().unwrap_or_default();
        let container = matches!(
            c.value().name(),
            "div"
                | "ul"
                | "ol"
                | "section"
                | "aside"
                | "table"
                | "dl"
                | "menu"
                | "footer"
                | "header"
                | "p"
                | "td"
                | "tr"
        );
        let link_dense = s.links >= 3 && s.text >= 10 && s.link_text * 10 >= s.text * 7;
        if container && (link_dense || named_furniture(c)) && s.headings == 0 {
            out.insert(c.id());
        } else {
            mark_furniture(c, sizes, out);
        }
    }
}

fn named_furniture(e: ElementRef) -> bool {
    let v = e.value();
    v.classes().chain(v.id()).any(|c| {
        let c = c.to_ascii_lowercase();
        [
            "share",
            "social",
            "advert",
            "comment",
            "related",
            "recommend",
            "copyright",
            "footer",
        ]
        .iter()
        .any(|w| c == *w || c.starts_with(&format!("{w}-")) || c.ends_with(&format!("-{w}")))
            || c == "ad"
            || c.starts_with("ad-")
    })
}

/// Go down into the child that holds nearly all the text, while what is beside it is small
/// and has no heading.
fn densest<'a>(
    mut e: ElementRef<'a>,
    sizes: &HashMap<NodeId, Size>,
    dropped: &HashSet<NodeId>,
) -> ElementRef<'a> {
    loop {
        let kept = |x: ElementRef| kept_size(x, sizes, dropped);
        let (here, _) = kept(e);
        if here < 200 {
            return e;
        }
        let best = e
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| !dropped.contains(&c.id()))
            .map(|c| (c, kept(c)))
            .max_by_key(|(_, (t, _))| *t);
        let Some((child, (t, _))) = best else {
            return e;
        };
        let (_, headings_here) = kept(e);
        let (_, headings_child) = kept(child);
        let beside = here - t;
        if beside * 100 > here * 15 || headings_here > headings_child {
            return e;
        }
        e = child;
    }
}

/// (text, headings) of an element without its dropped blocks.
fn kept_size(
    e: ElementRef,
    sizes: &HashMap<NodeId, Size>,
    dropped: &HashSet<NodeId>,
) -> (usize, usize) {
    let s = sizes.get(&e.id()).copied().unwrap_or_default();
    let (mut text, mut headings) = (s.text, s.headings);
    for d in e.descendants().skip(1) {
        if dropped.contains(&d.id()) {
            let ds = sizes.get(&d.id()).copied().unwrap_or_default();
            text = text.saturating_sub(ds.text);
            headings = headings.saturating_sub(ds.headings);
        }
    }
    (text, headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_page_keeps_title_dateline_and_body_and_drops_the_site() {
        let body = "中国同中亚五国举行首届中国—中亚峰会，与会各方达成《西安宣言》。".repeat(10);
        let html = Html::parse_document(&format!(
            r#"<body><div id="top"><a href="/">首页</a> <a href="/a">新闻</a> <a href="/b">国际</a> <a href="/c">财经</a></div>
            <div class="main"><h1>首届中国—中亚峰会在西安举行</h1><p>2023年5月19日 来源：新华网</p>
            <div class="content"><p>{body}</p><p>{body}</p></div>
            <div class="share-bar">分享到：微信 微博</div></div>
            <div class="side"><ul><li><a href="/1">相关新闻一则</a></li><li><a href="/2">相关新闻二则</a></li><li><a href="/3">相关新闻三则</a></li></ul></div>
            <div class="copyright">版权所有 京ICP备0000号</div></body>"#
        ));
        let c = content(&html, true);
        let text: String = c.root.text().collect();
        assert!(
            text.contains("首届中国—中亚峰会在西安举行"),
            "the title stays"
        );
        assert!(text.contains("2023年5月19日"), "the dateline stays");
        assert!(
            !text.contains("相关新闻"),
            "link lists are outside the root"
        );
        let kept: String = c
            .root
            .descendants()
            .filter(|d| !d.ancestors().any(|a| c.dropped.contains(&a.id())))
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
            .collect();
        assert!(!kept.contains("分享到"), "the share bar is dropped");
    }

    #[test]
    fn a_page_of_links_is_read_whole() {
        let html = Html::parse_document(
            r##"<body><div class="toc"><ul><li><a href="#a">1.1 什么是 Debian</a></li><li><a href="#b">1.2 什么是 GNU/Linux</a></li><li><a href="#c">1.3 什么是 Debian GNU/Linux</a></li></ul></div></body>"##,
        );
        assert!(content(&html, true).dropped.is_empty());
    }
}
