//! Atom 1.0 (RFC 4287) feeds of the newest articles: title, summary, author, times and a link to the
//! SPA's article page; never a body (members-only articles show what lists show anyway).

use std::fmt::Write as _;

use chrono::NaiveDateTime;

use super::links;
use super::model::FeedEntry;
use super::xml::{escape, escape_into};
use crate::categories::model::CategoryTree;
use crate::site_time::SiteTime;

/// What the feed says of itself.
pub struct FeedHead<'a> {
    /// The site's public origin, `https://example.org`.
    pub origin: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    /// The site's name: the feed's author, and an entry's when the article names none.
    pub site_name: &'a str,
    /// The feed's own path (`/feed.xml`): its `self` link and its id.
    pub path: &'a str,
    /// The page it follows (`/`, `/c/features`).
    pub page: &'a str,
    /// When it has no entries (else the newest entry's time).
    pub empty_updated: NaiveDateTime,
    /// Times are written with the site's offset (`+08:00`), the same moments readers see on its pages.
    pub time: SiteTime,
}

pub fn render(head: &FeedHead<'_>, entries: &[FeedEntry], tree: &CategoryTree) -> String {
    let origin = escape(head.origin);
    let updated = entries
        .iter()
        .map(FeedEntry::updated)
        .max()
        .unwrap_or(head.empty_updated);
    let mut out = String::with_capacity(1024 + entries.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
    let _ = writeln!(out, "  <id>{origin}{}</id>", escape(head.path));
    let _ = writeln!(out, "  <title type=\"text\">{}</title>", escape(head.title));
    if !head.subtitle.trim().is_empty() {
        let _ = writeln!(
            out,
            "  <subtitle type=\"text\">{}</subtitle>",
            escape(head.subtitle)
        );
    }
    let _ = writeln!(
        out,
        "  <updated>{}</updated>",
        head.time.rfc3339(updated.and_utc())
    );
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{origin}{}\"/>",
        escape(head.path)
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{origin}{}\"/>",
        escape(head.page)
    );
    let _ = writeln!(
        out,
        "  <author><name>{}</name></author>",
        escape(head.site_name)
    );
    out.push_str("  <generator>Kanwu</generator>\n");
    for entry in entries {
        let url = links::absolute(&origin, &links::article(entry.id));
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <id>{url}</id>");
        out.push_str("    <title type=\"text\">");
        escape_into(&mut out, &entry.title);
        out.push_str("</title>\n");
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
        );
        if let Some(published) = entry.published_at {
            let _ = writeln!(
                out,
                "    <published>{}</published>",
                head.time.rfc3339(published.and_utc())
            );
        }
        let _ = writeln!(
            out,
            "    <updated>{}</updated>",
            head.time.rfc3339(entry.updated().and_utc())
        );
        let author = if entry.author.trim().is_empty() {
            head.site_name
        } else {
            &entry.author
        };
        let _ = writeln!(out, "    <author><name>{}</name></author>", escape(author));
        if let Some(category) = tree.by_id(entry.category_id) {
            let _ = writeln!(
                out,
                "    <category term=\"{}\" label=\"{}\" scheme=\"{origin}/c/\"/>",
                escape(&category.slug),
                escape(&category.name)
            );
        }
        if !entry.summary.trim().is_empty() {
            out.push_str("    <summary type=\"text\">");
            escape_into(&mut out, &entry.summary);
            out.push_str("</summary>\n");
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
