//! Re-anchoring after the document changes: insertion, moved paragraph, edited quote,
//! deleted quote, a different cleanup; short quotes need their context. Plus property tests.

use pangzhu::annotation::anchor::quote_at;
use pangzhu::annotation::{
    Anchor, Annotation, AnnotationSet, RawLocation, Resolution, Resolver, resolve,
};
use pangzhu::document::Document;
use pangzhu::span::TextSpan;
use proptest::prelude::*;

const P1: &str = "今年以来，我国经济持续恢复向好，高质量发展扎实推进，主要预期目标较好实现。";
const P2: &str =
    "教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑，必须坚持科技是第一生产力。";
const P3: &str =
    "中国同中亚五国的贸易额再创历史新高，能源、交通、农业等领域合作不断深化，人文交流日益密切。";
const NEW: &str = "新增的一段说明文字，放在文档最前面，用来检验插入之后批注还能找到原处。";

fn doc(paragraphs: &[&str]) -> Document {
    Document::from_text("test.txt", &paragraphs.join("\n\n"))
}

fn anchor_on(doc: &Document, quote: &str) -> Anchor {
    let start = doc.text().find(quote).expect("quote in document");
    Anchor::new(doc, TextSpan::new(start, start + quote.len())).expect("anchor")
}

fn text_of<'a>(doc: &'a Document, r: &Resolution) -> &'a str {
    r.span()
        .and_then(|s| s.slice(doc.text()))
        .unwrap_or_default()
}

#[test]
fn unchanged_document_resolves_exactly() {
    let d = doc(&[P1, P2, P3]);
    let a = anchor_on(&d, "贸易额再创历史新高");
    assert_eq!(resolve(&a, &d), Resolution::Exact(a.span));
}

#[test]
fn text_inserted_before_the_quote() {
    let before = doc(&[P1, P2, P3]);
    let a = anchor_on(&before, "贸易额再创历史新高");
    let after = doc(&[NEW, P1, P2, P3]);
    let r = resolve(&a, &after);
    assert!(
        matches!(r, Resolution::Moved { score, .. } if score == 1.0),
        "{r:?}"
    );
    assert_eq!(text_of(&after, &r), "贸易额再创历史新高");
    assert!(r.span().expect("span").start() > a.span.start());
}

#[test]
fn paragraph_moved() {
    let before = doc(&[P1, P2, P3]);
    let a = anchor_on(&before, "我国经济持续恢复向好");
    let after = doc(&[P2, P3, P1]);
    let r = resolve(&a, &after);
    assert_eq!(r.status().as_str(), "moved");
    assert_eq!(text_of(&after, &r), "我国经济持续恢复向好");
}

#[test]
fn quote_edited_slightly() {
    let before = doc(&[P1, P2, P3]);
    let a = anchor_on(&before, "能源、交通、农业等领域合作不断深化");
    let edited = P3.replace("不断深化", "持续深化");
    let after = doc(&[P1, P2, &edited]);
    let r = resolve(&a, &after);
    let Resolution::Moved { score, .. } = r else {
        panic!("expected moved, got {r:?}");
    };
    assert!((0.8..1.0).contains(&score), "score {score}");
    assert_eq!(text_of(&after, &r), "能源、交通、农业等领域合作持续深化");
}

#[test]
fn quote_deleted_becomes_an_orphan_that_is_kept() {
    let before = doc(&[P1, P2, P3]);
    let a = anchor_on(&before, "能源、交通、农业等领域合作不断深化");
    let mut set = AnnotationSet::new();
    let annotation = Annotation::new(a.clone());
    let id = annotation.id.clone();
    set.add(annotation).expect("add");
    let after = doc(&[P1, P2, "中国同中亚五国的贸易额再创历史新高。"]);
    let report = set.reanchor(&after);
    assert_eq!((report.exact, report.moved, report.orphaned), (0, 0, 1));
    assert_eq!(set.status(&id).as_str(), "orphaned");
    let kept = set.get(&id).expect("orphan kept");
    assert_eq!(kept.anchor, a, "an orphan keeps its last known anchor");
    // The document is reverted: the orphan is found again.
    let report = set.reanchor(&before);
    assert_eq!(report.exact, 1);
}

#[test]
fn different_cleanup_of_the_same_file() {
    // The same passage as an older cleanup produced it: page furniture kept, a line break in
    // the middle of the paragraph. The anchor was made against that text.
    let old_clean = format!(
        "{P1}\n- 3 -\n教育、科技、人才是全面建设社会主义现代化\n国家的基础性、战略性支撑，必须坚持科技是第一生产力。\n{P3}"
    );
    let quote = "战略性支撑，必须坚持科技是第一生产力";
    let start = old_clean.find(quote).expect("quote");
    let span = TextSpan::new(start, start + quote.len());
    let anchor = Anchor {
        span,
        quote: quote_at(&old_clean, span).expect("quote"),
        raw: RawLocation { line: 4, col: 12 },
        clean_hash: "older cleanup".into(),
    };
    let now = doc(&[P1, P2, P3]);
    let r = resolve(&anchor, &now);
    assert_eq!(r.status().as_str(), "moved");
    assert_eq!(text_of(&now, &r), quote);
}

#[test]
fn short_quotes_need_their_context() {
    let before = doc(&[P1, P2, P3]);
    let a = anchor_on(&before, "人才");
    // Inserted text before: context intact, found.
    let after = doc(&[NEW, P1, P2, P3]);
    assert_eq!(text_of(&after, &resolve(&a, &after)), "人才");
    // The sentence rewritten around it; 人才 still occurs elsewhere with other context.
    let rewritten = doc(&[P1, "我们重视人才培养工作。", P3]);
    assert_eq!(resolve(&a, &rewritten), Resolution::Orphaned);
}

#[test]
fn short_quotes_are_never_matched_fuzzily() {
    let before = doc(&[P1, P2, P3]);
    let a = anchor_on(&before, "再创历史新");
    let after = doc(&[P1, P2, &P3.replace("再创历史新高", "再创历年新高")]);
    assert_eq!(resolve(&a, &after), Resolution::Orphaned);
}

#[test]
fn repeated_quote_picks_the_occurrence_with_its_context() {
    let para = |x: &str| format!("第{x}段：这是重复出现的一句话，用来检验上下文选择。结尾{x}。");
    let (a_para, b_para) = (para("甲"), para("乙"));
    let before = doc(&[P1, &a_para, &b_para]);
    let start = before.text().rfind("这是重复出现的一句话").expect("second");
    let span = TextSpan::new(start, start + "这是重复出现的一句话".len());
    let anchor = Anchor::new(&before, span).expect("anchor");
    let after = doc(&[&b_para, P2, &a_para, NEW]);
    let r = resolve(&anchor, &after);
    let found = r.span().expect("found");
    let around = after
        .text()
        .get(found.start().saturating_sub(9)..found.start())
        .unwrap_or("");
    assert!(
        around.contains('乙'),
        "picked the wrong occurrence: {around}"
    );
}

#[test]
fn batch_resolution_follows_the_shift() {
    let before = doc(&[P1, P2, P3]);
    let quotes = ["经济持续恢复", "全面建设社会主义", "人文交流日益密切"];
    let anchors: Vec<Anchor> = quotes.iter().map(|q| anchor_on(&before, q)).collect();
    let after = doc(&[NEW, P1, P2, P3]);
    let mut resolver = Resolver::new(&after);
    for (a, q) in anchors.iter().zip(quotes) {
        let r = resolver.resolve(a);
        assert_eq!(text_of(&after, &r), q);
    }
}

fn sample_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            "经济", "发展", "合作", "中亚", "，", "。", "能源", "人才", "教育", "a", "1", "交流",
            "深化",
        ]),
        20..200,
    )
    .prop_map(|parts| parts.concat())
}

fn span_in(text: &str, a: usize, b: usize) -> Option<TextSpan> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let n = bounds.len();
    let (x, y) = (a % n, b % n);
    let (s, e) = (x.min(y), x.max(y));
    (s < e).then(|| TextSpan::new(bounds[s], bounds[e]))
}

proptest! {
    #[test]
    fn any_span_resolves_exactly_against_its_own_text(text in sample_text(), a in 0usize..400, b in 0usize..400) {
        if let Some(span) = span_in(&text, a, b) {
            let anchor = Anchor { span, quote: quote_at(&text, span).expect("quote"), raw: RawLocation::default(), clean_hash: String::new() };
            prop_assert_eq!(Resolver::for_text(&text).resolve(&anchor), Resolution::Exact(span));
        }
    }

    #[test]
    fn insertion_before_moves_to_the_shifted_span(text in sample_text(), insert in sample_text(), a in 0usize..400, b in 0usize..400, at in 0usize..400) {
        let Some(span) = span_in(&text, a, b) else { return Ok(()) };
        let anchor = Anchor { span, quote: quote_at(&text, span).expect("quote"), raw: RawLocation::default(), clean_hash: String::new() };
        let cut = span_in(&text, 0, at).map_or(0, |s| s.end()).min(span.start());
        let changed = format!("{}{}{}", &text[..cut], insert, &text[cut..]);
        let shifted = TextSpan::new(span.start() + insert.len(), span.end() + insert.len());
        let r = Resolver::for_text(&changed).resolve(&anchor);
        let found = r.span().and_then(|s| s.slice(&changed));
        // A short quote needs its context: insertions inside the prefix may orphan it.
        let context_intact = cut <= span.start() - anchor.quote.prefix.len();
        if context_intact || anchor.quote.exact.chars().count() >= 6 {
            prop_assert_eq!(found, Some(anchor.quote.exact.as_str()), "{:?}", r);
        }
        // Where the quote with its full context occurs only once, it is that occurrence.
        let full = format!("{}{}{}", anchor.quote.prefix, anchor.quote.exact, anchor.quote.suffix);
        let still_there = span.slice(&changed) == Some(anchor.quote.exact.as_str());
        if !still_there && context_intact && changed.matches(&full).count() == 1 {
            prop_assert_eq!(r.span(), Some(shifted));
        }
    }

    #[test]
    fn short_quotes_only_move_with_context(text in sample_text(), other in sample_text(), a in 0usize..400, len in 1usize..5) {
        let Some(span) = span_in(&text, a, a + len) else { return Ok(()) };
        let anchor = Anchor { span, quote: quote_at(&text, span).expect("quote"), raw: RawLocation::default(), clean_hash: String::new() };
        if anchor.quote.exact.chars().count() >= 6 { return Ok(()) }
        let r = Resolver::for_text(&other).resolve(&anchor);
        // Exact means the old position still holds the quote; a move needs the context.
        if let Resolution::Moved { span: found, .. } = r {
            prop_assert_eq!(found.slice(&other), Some(anchor.quote.exact.as_str()));
            prop_assert!(pangzhu::annotation::resolve::context_ratio(&anchor, &other, found) >= 0.5);
        }
    }
}
