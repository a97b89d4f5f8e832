//! Markdown to the HTML readers get: pulldown-cmark, then ammonia's allow-list, so no script, event
//! handler, `javascript:` or `data:` URL survives, and links carry `rel="noopener noreferrer"`.

use pulldown_cmark::{html, Options, Parser};

pub fn markdown_to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

/// The words a reader sees, without markup: what search indexes and quotes (HTML tags in the
/// Markdown are dropped, the text between them kept).
pub fn markdown_to_plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => text.push('\n'),
            _ => {}
        }
    }
    text.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_markup() {
        assert_eq!(
            markdown_to_plain_text(
                "# 标题\n\n一段**加粗**的[链接](https://x.org)。<b>x</b>\n\n- 甲\n- 乙"
            ),
            "标题\n一段加粗的链接。x\n甲\n乙"
        );
    }

    #[test]
    fn headings_and_paragraphs_render() {
        let html = markdown_to_safe_html(
            "## 一、政治上要忠诚可靠\n\n忠诚可靠，是对所有秘书人员的最基本要求。",
        );
        assert!(html.contains("<h2>一、政治上要忠诚可靠</h2>"), "{html}");
        assert!(html.contains("<p>忠诚可靠"), "{html}");
    }

    #[test]
    fn scripts_handlers_and_dangerous_urls_are_removed() {
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        ] {
            let html = markdown_to_safe_html(payload).to_lowercase();
            for banned in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "data:",
                "style=",
            ] {
                assert!(!html.contains(banned), "{payload} -> {html}");
            }
        }
    }

    #[test]
    fn links_get_noopener() {
        let html = markdown_to_safe_html("[当代秘书](https://example.org)");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }
}
