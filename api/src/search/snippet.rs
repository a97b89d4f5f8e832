//! The text a hit shows: escaped for HTML, with what the query matched inside `<mark>`.

use super::terms::normalise;

/// Characters of context before the first match, and the snippet's whole length.
const LEAD: usize = 24;
const WIDTH: usize = 120;

fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\n' | '\r' | '\t' => out.push(' '),
        c if c.is_control() => {}
        c => out.push(c),
    }
}

/// Where the needles occur in `text` (char ranges), longest needle first at each place.
fn matches(text: &[char], needles: &[String]) -> Vec<(usize, usize)> {
    let normalised: Vec<char> = text.iter().copied().map(normalise).collect();
    let mut needles: Vec<Vec<char>> = needles.iter().map(|n| n.chars().collect()).collect();
    needles.retain(|n| !n.is_empty());
    needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut found = Vec::new();
    let mut i = 0;
    while i < normalised.len() {
        match needles.iter().find(|n| normalised[i..].starts_with(n)) {
            Some(needle) => {
                found.push((i, i + needle.len()));
                i += needle.len();
            }
            None => i += 1,
        }
    }
    found
}

fn render(text: &[char], from: usize, to: usize, marks: &[(usize, usize)]) -> String {
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut marks = marks.iter().peekable();
    let mut i = from;
    while i < to {
        if let Some(&&(start, end)) = marks.peek() {
            if start < i {
                marks.next();
                continue;
            }
            if start == i {
                let end = end.min(to);
                out.push_str("<mark>");
                text[start..end]
                    .iter()
                    .for_each(|&c| escape_into(&mut out, c));
                out.push_str("</mark>");
                i = end;
                marks.next();
                continue;
            }
        }
        escape_into(&mut out, text[i]);
        i += 1;
    }
    if to < text.len() {
        out.push('…');
    }
    out
}

/// All of `text`, escaped and marked (for titles).
pub fn highlight(text: &str, needles: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let marks = matches(&chars, needles);
    render(&chars, 0, chars.len(), &marks)
}

/// A window of `text` around its first match, escaped and marked; `None` when nothing matches.
pub fn snippet(text: &str, needles: &[String]) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let marks = matches(&chars, needles);
    let (first, _) = *marks.first()?;
    let from = first.saturating_sub(LEAD);
    let to = (from + WIDTH).min(chars.len());
    Some(render(&chars, from, to, &marks))
}

/// The start of `text`, escaped, for a hit whose match is elsewhere.
pub fn opening(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    render(&chars, 0, WIDTH.min(chars.len()), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matches_are_marked_and_everything_else_escaped() {
        assert_eq!(
            highlight("<b>加强秘书队伍</b> & AI秘书", &needles(&["秘书", "ai"])),
            "&lt;b&gt;加强<mark>秘书</mark>队伍&lt;/b&gt; &amp; <mark>AI</mark><mark>秘书</mark>"
        );
    }

    #[test]
    fn a_snippet_is_a_window_around_the_first_match() {
        let text = format!("{}秘书工作{}", "前".repeat(100), "后".repeat(200));
        let snippet = snippet(&text, &needles(&["秘书工作", "秘书"])).unwrap();
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
        assert!(snippet.contains(&format!("{}<mark>秘书工作</mark>后", "前".repeat(LEAD))));
        assert_eq!(snippet.chars().filter(|c| *c == '前').count(), LEAD);
    }

    #[test]
    fn no_match_means_no_snippet() {
        assert_eq!(snippet("没有", &needles(&["秘书"])), None);
        assert_eq!(opening("a<b"), "a&lt;b");
    }
}
