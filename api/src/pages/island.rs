//! JSON inside a `<script>` element (the data island, JSON-LD): escaped so that no text in it can
//! end the element or start a comment, and so that U+2028/U+2029 survive old JavaScript parsers.
//! `JSON.parse` and JSON-LD readers turn the escapes back into the same characters.

/// `json` (valid JSON) made safe to write between `<script …>` and `</script>`.
pub fn script_safe(json: &[u8]) -> String {
    let text = String::from_utf8_lossy(json);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_script_tag_in_a_string_cannot_close_the_element() {
        let json = serde_json::to_vec(&serde_json::json!({
            "title": "</script><script>alert(1)</script>",
            "note": "a\u{2028}b & <!-- c"
        }))
        .unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["title"], "</script><script>alert(1)</script>");
        assert_eq!(back["note"], "a\u{2028}b & <!-- c");
    }
}
