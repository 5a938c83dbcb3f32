//! Segmentation, search, bounds and names on the shared sample documents.

mod common;

use pangzhu::document::Document;
use pangzhu::nlp::bounds::{clause_at, sentence_at, word_at};
use pangzhu::nlp::entities::{EntityKind, document_entities};
use pangzhu::nlp::fold::fold_str;
use pangzhu::nlp::index::DocumentIndex;
use pangzhu::nlp::keywords::{KeywordMethod, document_keywords};
use pangzhu::nlp::search::{SearchMode, SearchQuery, search};
use pangzhu::nlp::{Segmenter, dictionary};

fn open(prefix: &str) -> Document {
    common::open_sample(prefix)
}

fn count(doc: &Document, index: &DocumentIndex, query: &str, mode: SearchMode) -> usize {
    let query = SearchQuery::new(query, mode).expect("valid query");
    search(&[(doc, index)], &query).len()
}

#[test]
fn every_kongzi_xueyuan_in_000_is_found_however_the_raw_file_wrapped_it() {
    let doc = open("000");
    let squeezed: String = doc
        .raw()
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let expected = squeezed.matches("孔子学院").count();
    assert!(expected >= 7, "raw count {expected}");
    let index = DocumentIndex::build(&doc, &Segmenter::shared());
    let query = SearchQuery::new("孔子学院", SearchMode::Literal).expect("valid");
    let hits = search(&[(&doc, &index)], &query);
    assert_eq!(hits.len(), expected);
    for hit in &hits {
        assert_eq!(hit.matched, "孔子学院");
        assert!(hit.line > 0 && hit.col > 0);
        assert!(hit.snippet.contains("孔子学院"));
    }
    // A traditional query finds the simplified text.
    assert_eq!(
        count(&doc, &index, "孔子學院", SearchMode::Literal),
        expected
    );
}

#[test]
fn whole_word_mode_rejects_matches_inside_longer_words() {
    let doc = open("000");
    let index = DocumentIndex::build(&doc, &Segmenter::shared());
    let literal = count(&doc, &index, "中亚", SearchMode::Literal);
    let whole = count(&doc, &index, "中亚", SearchMode::WholeWord);
    let inside_longer = count(&doc, &index, "中亚五国", SearchMode::Literal);
    assert!(inside_longer > 0);
    assert!(
        whole > 0 && whole + inside_longer <= literal,
        "{whole} {inside_longer} {literal}"
    );
    let query = SearchQuery::new("中亚", SearchMode::WholeWord).expect("valid");
    for span in query.find(&index) {
        let word = index
            .words()
            .word_at(span.start())
            .and_then(|w| w.slice(doc.text()));
        assert_eq!(word, Some("中亚"));
    }
}

#[test]
fn regex_mode_matches_alternatives_on_folded_text() {
    let doc = open("000");
    let index = DocumentIndex::build(&doc, &Segmenter::shared());
    let either = count(&doc, &index, "孔子学院|上合组织", SearchMode::Regex);
    let sum = count(&doc, &index, "孔子学院", SearchMode::Literal)
        + count(&doc, &index, "上合组织", SearchMode::Literal);
    assert_eq!(either, sum);
    assert!(SearchQuery::new("孔子(学院", SearchMode::Regex).is_err());
}

#[test]
fn summit_is_one_entity_and_central_asian_countries_are_places() {
    let doc = open("000");
    let found = document_entities(&Segmenter::shared(), &doc);
    let summit = found
        .iter()
        .find(|e| fold_str(&e.name) == "中国—中亚峰会")
        .expect("中国—中亚峰会 is an entity");
    assert!(summit.count >= 2);
    assert_eq!(summit.occurrences.len(), summit.count);
    assert!(!found.iter().any(|e| e.name == "中亚峰会"));
    for country in ["哈萨克斯坦", "乌兹别克斯坦"] {
        let entity = found.iter().find(|e| e.name == country).expect(country);
        assert_eq!(entity.kind, EntityKind::Place, "{country}");
    }
    let sco = found
        .iter()
        .find(|e| e.name == "上海合作组织")
        .expect("SCO");
    assert!(sco.aliases.contains(&"上合组织".to_owned()));
    assert!(!found.iter().any(|e| e.name == "上合组织"));
}

#[test]
fn keywords_of_000_are_about_its_topic() {
    let doc = open("000");
    let words: Vec<String> =
        document_keywords(&Segmenter::shared(), &doc, KeywordMethod::TfIdf, 10)
            .into_iter()
            .map(|k| k.word)
            .collect();
    assert!(words.iter().any(|w| w.contains("中亚")), "{words:?}");
    assert!(words.iter().all(|w| !w.chars().all(|c| c.is_ascii_digit())));
}

#[test]
fn word_clause_and_sentence_bounds_at_offsets() {
    let doc = open("000");
    let text = doc.text();
    let words = Segmenter::shared().segment(&doc);
    let at = text.find("国之交在于民相亲").expect("sentence in 000");
    let sentence = sentence_at(text, at + 6)
        .and_then(|s| s.slice(text))
        .unwrap_or_default();
    assert_eq!(
        sentence,
        "习近平主席多次指出，国之交在于民相亲，民相亲在于心相通。"
    );
    let clause = clause_at(text, at)
        .and_then(|s| s.slice(text))
        .unwrap_or_default();
    assert_eq!(clause, "国之交在于民相亲，");
    let at = text.find("民间外交").expect("word in 000");
    let word = word_at(text, &words, at + 3).and_then(|s| s.slice(text));
    assert_eq!(word, Some("民间外交"));
}

#[test]
fn a_dictionary_beside_the_documents_is_loaded_and_broken_lines_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc_path = dir.path().join("doc.txt");
    std::fs::write(&doc_path, "标题\n\n旁注阅读器很好用。\n").expect("write doc");
    std::fs::write(
        dir.path().join(dictionary::SET_DICTIONARY_NAME),
        "旁注阅读器 nz\n坏行 notanumber n\n",
    )
    .expect("write dict");
    let segmenter = Segmenter::for_documents(std::slice::from_ref(&doc_path));
    let issue = segmenter
        .issues()
        .iter()
        .find(|i| i.line == 2)
        .expect("issue on line 2");
    assert!(issue.file.ends_with("pangzhu.dict"));
    let doc = Document::open(&doc_path).expect("opens");
    let words = segmenter.segment(&doc);
    let at = doc.text().find("旁注").expect("word");
    assert_eq!(
        words.word_at(at).and_then(|w| w.slice(doc.text())),
        Some("旁注阅读器")
    );
}
