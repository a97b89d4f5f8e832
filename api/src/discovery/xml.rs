//! Escaping for the XML documents (Atom, sitemaps) written here by hand, and the one time format
//! they share.

use chrono::NaiveDateTime;

/// Whether XML 1.0 allows the character at all (§2.2): a title with a stray control character
/// (pasted from a word processor, say) would otherwise make the whole feed unreadable.
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` for element content or a double- or single-quoted attribute value, in XML and in HTML:
/// markup characters as entities, line breaks and tabs as character references (an attribute value
/// would otherwise be normalised to spaces), and characters XML forbids left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if allowed_in_xml(c) => out.push(c),
            _ => {}
        }
    }
}

/// A stored (UTC) time as RFC 3339, to the second: Atom's dates and the sitemaps' `lastmod`
/// (W3C Datetime) both take it.
pub fn rfc3339(at: NaiveDateTime) -> String {
    at.and_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_become_entities() {
        assert_eq!(
            escape(r#"A & B <script>"x"</script> 'y'"#),
            "A &amp; B &lt;script&gt;&quot;x&quot;&lt;/script&gt; &#39;y&#39;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_left_out_and_the_rest_kept() {
        assert_eq!(
            escape("秘\u{0}书\u{1b}[0m\u{b}\u{fffe}工作😀"),
            "秘书[0m工作😀"
        );
        assert_eq!(escape("a\tb\nc"), "a&#9;b&#10;c");
    }

    #[test]
    fn times_are_utc_to_the_second() {
        let at = chrono::DateTime::from_timestamp(1_182_211_200, 123_000_000)
            .unwrap()
            .naive_utc();
        assert_eq!(rfc3339(at), "2007-06-19T00:00:00Z");
    }
}
