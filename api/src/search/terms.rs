//! How text becomes search terms. Chinese has no spaces between words, so a run of CJK characters
//! becomes its overlapping pairs (秘书队伍 → 秘书 书队 队伍) plus its last character on its own;
//! any other run of letters and digits is one lowercase word. A query is cut the same way and
//! matched as a phrase of consecutive terms, so a query of two or more characters finds every text
//! that contains it, and one character is a prefix of a term. Both databases index these terms
//! (SQLite FTS5, PostgreSQL tsvector): one definition, the same answers.

/// Bump when the terms of a text change: the index is rebuilt at the next start.
pub const TERMS_VERSION: i32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Separator,
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // kana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{20000}'..='\u{3134F}' // extensions B–G
    )
}

/// Full-width Latin letters and digits (ＡＩ２０２４) are the ASCII ones; case does not matter.
pub(super) fn normalise(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_lowercase().next().unwrap_or(c)
}

fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Separator
    }
}

/// The runs of one class in `text`, normalised, separators dropped.
fn runs(text: &str) -> Vec<(Class, Vec<char>)> {
    let mut runs: Vec<(Class, Vec<char>)> = Vec::new();
    for c in text.chars().map(normalise) {
        let class = class(c);
        match runs.last_mut() {
            Some((last, chars)) if *last == class && class != Class::Separator => chars.push(c),
            _ => runs.push((class, vec![c])),
        }
    }
    runs.retain(|(class, _)| *class != Class::Separator);
    runs
}

fn push_run(terms: &mut Vec<String>, class: Class, chars: &[char], last_char_too: bool) {
    match class {
        Class::Word => terms.push(chars.iter().collect()),
        Class::Cjk => {
            for pair in chars.windows(2) {
                terms.push(pair.iter().collect());
            }
            if last_char_too || chars.len() == 1 {
                terms.push(chars[chars.len() - 1].to_string());
            }
        }
        Class::Separator => {}
    }
}

/// The terms of a text, in order: what the index stores.
pub fn document_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for (class, chars) in runs(text) {
        push_run(&mut terms, class, &chars, true);
    }
    terms
}

/// One part of a query between spaces or punctuation: its terms must appear in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub terms: Vec<String>,
    /// The last term may be the start of a longer one (a single last character, a word cut short).
    pub prefix: bool,
}

/// A parsed query: every phrase must match (AND). Empty when the query has no letters or digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub phrases: Vec<Phrase>,
    /// What to mark in a snippet: each run of the query, normalised.
    pub needles: Vec<String>,
}

/// Queries longer than this are cut: nobody types more, and each term costs a posting list.
pub const MAX_QUERY_CHARS: usize = 64;

pub fn parse_query(query: &str) -> Query {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut phrases = Vec::new();
    let mut needles = Vec::new();
    for part in query.split(|c: char| class(normalise(c)) == Class::Separator) {
        let runs = runs(part);
        let Some(((last_class, last_chars), leading)) = runs.split_last() else {
            continue;
        };
        let mut terms = Vec::new();
        for (class, chars) in leading {
            // Inside the query a run ends where the text's run ends too: its last character is a term.
            push_run(&mut terms, *class, chars, true);
            needles.push(chars.iter().collect());
        }
        // The query's end need not be the end of a run in the text: no lone last character after
        // a pair, and a lone character or a word is a prefix.
        push_run(&mut terms, *last_class, last_chars, false);
        needles.push(last_chars.iter().collect());
        let prefix = *last_class == Class::Word || last_chars.len() == 1;
        phrases.push(Phrase { terms, prefix });
    }
    needles.sort();
    needles.dedup();
    Query { phrases, needles }
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The FTS5 expression: each phrase quoted (terms hold only letters and digits, never quotes).
    pub fn to_fts5(&self) -> String {
        self.phrases
            .iter()
            .map(|phrase| {
                let quoted = format!("\"{}\"", phrase.terms.join(" "));
                if phrase.prefix {
                    format!("{quoted}*")
                } else {
                    quoted
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// The PostgreSQL tsquery in its literal form, which no text search parser touches.
    pub fn to_tsquery(&self) -> String {
        self.phrases
            .iter()
            .map(|phrase| {
                let last = phrase.terms.len() - 1;
                let terms: Vec<String> = phrase
                    .terms
                    .iter()
                    .enumerate()
                    .map(|(i, term)| {
                        let literal = quote_lexeme(term);
                        if phrase.prefix && i == last {
                            format!("{literal}:*")
                        } else {
                            literal
                        }
                    })
                    .collect();
                format!("({})", terms.join(" <-> "))
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

impl Query {
    /// What a matching article's terms must hold, as a PostgreSQL tsquery literal without
    /// positions: a one-term phrase its term, a longer one each pair of its consecutive terms. That
    /// decides a phrase of up to two terms exactly; a longer one also needs its positions
    /// (`needs_positions`: pairs found apart are not the phrase).
    pub fn to_candidates_tsquery(&self) -> String {
        let mut lexemes = Vec::new();
        for phrase in &self.phrases {
            let pieces: Vec<String> = match phrase.terms.as_slice() {
                [term] => vec![term.clone()],
                terms => terms
                    .windows(2)
                    .map(|pair| pair_of(&pair[0], &pair[1]))
                    .collect(),
            };
            let last = pieces.len() - 1;
            for (i, piece) in pieces.iter().enumerate() {
                let literal = quote_lexeme(piece);
                lexemes.push(if phrase.prefix && i == last {
                    format!("{literal}:*")
                } else {
                    literal
                });
            }
        }
        lexemes.join(" & ")
    }

    /// Whether a phrase has three or more terms, so its pairs alone do not decide it.
    pub fn needs_positions(&self) -> bool {
        self.phrases.iter().any(|phrase| phrase.terms.len() > 2)
    }
}

/// Two consecutive terms as one lexeme: two overlapping Chinese pairs (秘书, 书队) are their three
/// characters (秘书队), anything else both terms with a space between (which no term holds).
fn pair_of(first: &str, second: &str) -> String {
    let mut a = first.chars();
    let mut b = second.chars();
    if let (Some(a0), Some(a1), None, Some(b0), Some(b1), None) =
        (a.next(), a.next(), a.next(), b.next(), b.next(), b.next())
    {
        if a1 == b0 && [a0, a1, b1].into_iter().all(is_cjk) {
            return [a0, a1, b1].into_iter().collect();
        }
    }
    format!("{first} {second}")
}

/// The distinct terms of `sections` and the pairs of consecutive terms within each (never from one
/// into the next), as a tsvector literal without positions.
pub fn candidates_literal(sections: &[&[String]]) -> String {
    let lexemes: std::collections::BTreeSet<String> = sections
        .iter()
        .flat_map(|terms| {
            let pairs = terms.windows(2).map(|pair| pair_of(&pair[0], &pair[1]));
            terms.iter().cloned().chain(pairs)
        })
        .collect();
    lexemes
        .iter()
        .map(|pair| quote_lexeme(pair))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A lexeme in tsvector/tsquery literal syntax.
fn quote_lexeme(term: &str) -> String {
    format!("'{}'", term.replace('\\', "\\\\").replace('\'', "''"))
}

/// PostgreSQL keeps positions up to this; later terms share it (they still match, not as phrases).
const MAX_POSITION: usize = 16_383;

/// A tsvector literal of `sections` in order, each with its weight, a gap between sections so a
/// phrase never runs from one into the next.
pub fn tsvector_literal(sections: &[(&[String], char)]) -> String {
    let mut literal = String::new();
    let mut position = 0;
    for (terms, weight) in sections {
        for term in *terms {
            position += 1;
            if !literal.is_empty() {
                literal.push(' ');
            }
            literal.push_str(&quote_lexeme(term));
            literal.push_str(&format!(":{}{weight}", position.min(MAX_POSITION)));
        }
        position += 1;
    }
    literal
}

#[cfg(test)]
mod tests;
