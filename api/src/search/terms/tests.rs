//! The cutting rules, case by case.

use super::*;

#[test]
fn chinese_runs_become_pairs_and_their_last_character() {
    assert_eq!(
        document_terms("秘书队伍，建设"),
        ["秘书", "书队", "队伍", "伍", "建设", "设"]
    );
    assert_eq!(document_terms("书"), ["书"]);
}

#[test]
fn latin_words_are_lowercase_and_full_width_is_ascii() {
    assert_eq!(
        document_terms("AI秘书 ＧＰＴ-4o"),
        ["ai", "秘书", "书", "gpt", "4o"]
    );
}

#[test]
fn a_query_is_phrases_of_the_same_terms() {
    let query = parse_query(" 秘书队伍、AI秘书 书 ");
    assert_eq!(
        query.phrases,
        [
            Phrase {
                terms: vec!["秘书".into(), "书队".into(), "队伍".into()],
                prefix: false
            },
            Phrase {
                terms: vec!["ai".into(), "秘书".into()],
                prefix: false
            },
            Phrase {
                terms: vec!["书".into()],
                prefix: true
            },
        ]
    );
    assert_eq!(query.needles, ["ai", "书", "秘书", "秘书队伍"]);
    assert_eq!(
        query.to_fts5(),
        "\"秘书 书队 队伍\" AND \"ai 秘书\" AND \"书\"*"
    );
    assert_eq!(
        query.to_tsquery(),
        "('秘书' <-> '书队' <-> '队伍') & ('ai' <-> '秘书') & ('书':*)"
    );
}

#[test]
fn a_query_phrase_is_found_inside_a_longer_run() {
    let text = document_terms("加强秘书队伍建设");
    for query in ["秘书", "书队伍", "队伍建设", "设"] {
        let phrase = &parse_query(query).phrases[0];
        let found = text.windows(phrase.terms.len()).any(|window| {
            window
                .iter()
                .zip(&phrase.terms)
                .enumerate()
                .all(|(i, (t, q))| {
                    if phrase.prefix && i == phrase.terms.len() - 1 {
                        t.starts_with(q.as_str())
                    } else {
                        t == q
                    }
                })
        });
        assert!(found, "{query}");
    }
}

#[test]
fn candidates_are_terms_and_consecutive_pairs_within_a_section() {
    let title = document_terms("秘书队伍");
    let body = document_terms("AI秘书");
    assert_eq!(
        candidates_literal(&[&title, &body]),
        "'ai' 'ai 秘书' '书' '书队' '书队伍' '伍' '秘书' '秘书 书' '秘书队' '队伍' '队伍 伍'"
    );
    assert_eq!(candidates_literal(&[&document_terms("书")]), "'书'");
}

#[test]
fn a_query_asks_for_its_terms_or_the_pairs_of_its_longer_phrases() {
    let long = parse_query("秘书队伍建设");
    assert_eq!(
        long.to_candidates_tsquery(),
        "'秘书队' & '书队伍' & '队伍建' & '伍建设'"
    );
    assert!(long.needs_positions());
    // A prefix stays on the last pair or term; two terms are decided by their pair.
    let short = parse_query("第100 秘 ai秘书");
    assert_eq!(
        short.to_candidates_tsquery(),
        "'第 100':* & '秘':* & 'ai 秘书'"
    );
    assert!(!short.needs_positions());
    // Every lexeme a query asks for is one its text holds.
    let text = candidates_literal(&[&document_terms("加强秘书队伍建设，AI秘书第100篇")]);
    for query in ["秘书队伍建设", "AI秘书", "强秘书", "书第100", "秘", "队伍"] {
        let asked = parse_query(query).to_candidates_tsquery();
        for pair in asked.split(" & ") {
            // A whole lexeme ('…'), or for a prefix its start ('…).
            let held = match pair.strip_suffix("':*") {
                Some(start) => start.to_owned(),
                None => pair.to_owned(),
            };
            assert!(text.contains(&held), "{query}: {pair} in {text}");
        }
    }
}

#[test]
fn punctuation_only_is_an_empty_query() {
    assert!(parse_query("，。！？ ... ").is_empty());
    assert!(parse_query("").is_empty());
}

#[test]
fn lexemes_with_quotes_are_escaped() {
    assert_eq!(quote_lexeme("it's"), "'it''s'");
    assert_eq!(
        tsvector_literal(&[(&["a".to_owned()], 'A'), (&["b".to_owned()], 'D')]),
        "'a':1A 'b':3D"
    );
}
