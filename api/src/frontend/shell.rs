//! The SPA's built `index.html`, as the server-rendered pages need it: what its head holds besides
//! the title (the bundle's script, its style sheets, the icon), written into every page's head so
//! the SPA boots over the server's HTML.

use std::sync::Arc;

pub struct Shell {
    assets: Arc<str>,
}

impl Shell {
    pub fn parse(html: &str) -> Self {
        let head_start = find(html, "<head", 0).and_then(|at| Some(at + html[at..].find('>')? + 1));
        let head_end = head_start.and_then(|start| find(html, "</head>", start));
        let (Some(start), Some(end)) = (head_start, head_end) else {
            return Shell {
                assets: Arc::from(""),
            };
        };
        let mut head = html[start..end].to_owned();
        if let Some(title) = find(&head, "<title", 0) {
            if let Some(close) = find(&head, "</title>", title) {
                head.replace_range(title..close + "</title>".len(), "");
            }
        }
        let assets = head
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        Shell {
            assets: Arc::from(assets),
        }
    }

    /// The head's elements but the title, one a line.
    pub fn assets(&self) -> Arc<str> {
        self.assets.clone()
    }
}

/// Where `needle` (lower-case ASCII) first occurs in `haystack` from `from` on, in any case.
fn find(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..=bytes.len().checked_sub(needle.len())?)
        .find(|&at| bytes[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_without_its_title_is_kept() {
        let shell = Shell::parse(
            "<!doctype html>\n<html lang=\"zh-CN\">\n  <HEAD>\n    <meta charset=\"utf-8\" />\n    \
             <TITLE>当代秘书</TITLE>\n    <script type=\"module\" src=\"/assets/index-1.js\"></script>\n  \
             </head>\n  <body><div id=\"root\"></div></body>\n</html>\n",
        );
        let assets = shell.assets();
        assert!(assets.contains("<meta charset=\"utf-8\" />"), "{assets}");
        assert!(assets.contains("/assets/index-1.js"), "{assets}");
        assert!(!assets.contains("当代秘书"), "{assets}");
    }

    #[test]
    fn a_file_without_a_head_gives_nothing() {
        assert_eq!(&*Shell::parse("<p>no head</p>").assets(), "");
    }
}
