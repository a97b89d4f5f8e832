//! What a page's `<head>` says to crawlers and chat apps: title, description, canonical URL, Open
//! Graph and Twitter tags, and JSON-LD (schema.org) — every value plain text, escaped by the template.

use serde_json::{json, Value};

use super::island::script_safe;
use crate::categories::dto::CategoryRef;
use crate::discovery::links;

/// How long a description may be: Baidu and Google show about this many Chinese characters.
pub const DESCRIPTION_CHARS: usize = 120;

pub struct Head {
    /// `{title} - {site name}`, or the site's name alone on the home page.
    pub title: String,
    pub og_title: String,
    pub description: String,
    /// The page's public URL; none on pages not to be indexed under their own URL (404).
    pub canonical: Option<String>,
    pub noindex: bool,
    pub og_type: &'static str,
    pub image: Option<String>,
    pub article: Option<ArticleMeta>,
    /// Each already made safe inside `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `rel="prev"` / `rel="next"` of a paged list.
    pub links: Vec<HeadLink>,
}

pub struct ArticleMeta {
    pub published: String,
    pub modified: String,
    pub section: String,
    pub author: String,
}

pub struct HeadLink {
    pub rel: &'static str,
    pub href: String,
}

impl Head {
    /// A page with `title` (its own part; empty for the home page) and `description`.
    pub fn new(title: &str, site_name: &str, description: &str) -> Self {
        let title = &printable(title);
        let full = if title.is_empty() {
            site_name.to_owned()
        } else {
            format!("{title} - {site_name}")
        };
        Head {
            og_title: if title.is_empty() {
                site_name.to_owned()
            } else {
                title.to_owned()
            },
            title: full,
            description: shorten(description, DESCRIPTION_CHARS),
            canonical: None,
            noindex: false,
            og_type: "website",
            image: None,
            article: None,
            json_ld: Vec::new(),
            links: Vec::new(),
        }
    }

    pub fn linked_data(&mut self, value: &Value) {
        let json = serde_json::to_vec(value).unwrap_or_default();
        self.json_ld.push(script_safe(&json));
    }
}

/// `text` with its runs of white space made one space, cut at a character to `max` with an
/// ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let collapsed = printable(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let mut cut: String = collapsed.chars().take(max).collect();
    cut.push('…');
    cut
}

/// `text` without control characters (a title pasted from a word processor may carry some), which
/// have no place in a head's values.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The steps from the site's home through `categories` (top-level first), as (name, URL) on `origin`.
pub fn category_steps(
    origin: &str,
    site_name: &str,
    categories: &[CategoryRef],
) -> Vec<(String, String)> {
    let mut steps = vec![(site_name.to_owned(), links::absolute(origin, links::HOME))];
    steps.extend(categories.iter().map(|step| {
        (
            step.name.clone(),
            links::absolute(origin, &links::category(&step.slug)),
        )
    }));
    steps
}

/// A `BreadcrumbList` of (name, URL) steps.
pub fn breadcrumb_list(steps: &[(String, String)]) -> Value {
    let items: Vec<Value> = steps
        .iter()
        .enumerate()
        .map(|(i, (name, url))| {
            json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": url })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
}

/// `cover` as an absolute URL on `origin` (a path) or as it is (already absolute, http or https).
pub fn absolute(origin: &str, cover: &str) -> Option<String> {
    let cover = cover.trim();
    if cover.starts_with("https://") || cover.starts_with("http://") {
        Some(cover.to_owned())
    } else if cover.starts_with('/') && !cover.starts_with("//") {
        Some(format!("{origin}{cover}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_is_cut_at_a_character() {
        let long = "秘".repeat(200);
        let short = shorten(&long, DESCRIPTION_CHARS);
        assert_eq!(short.chars().count(), DESCRIPTION_CHARS + 1);
        assert!(short.ends_with('…'));
        assert_eq!(shorten(" 两个\n 词 ", 10), "两个 词");
    }

    #[test]
    fn covers_become_absolute_or_nothing() {
        assert_eq!(
            absolute("https://example.org", "/media/a.png").as_deref(),
            Some("https://example.org/media/a.png")
        );
        assert_eq!(absolute("https://example.org", "//evil/a.png"), None);
        assert_eq!(absolute("https://example.org", "javascript:x"), None);
    }
}
