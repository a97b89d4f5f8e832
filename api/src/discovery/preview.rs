//! Link previews: `/a/{id}` is the SPA's `index.html` with that article's `<title>`, description,
//! canonical link and Open Graph and Twitter tags written into its head, so a chat or a search
//! engine that reads no JavaScript sees what the link points at, while a browser boots the SPA as
//! on any other page. An article nobody may read (unknown, a draft, trashed, scheduled) gets the
//! plain `index.html` with 404, and the SPA shows its not-found page. Only the title and summary are
//! used, which lists show anyway: a members-only article's body never leaves the database here.

use std::ops::Range;
use std::sync::Arc;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, ResponseError as _};

use super::model::PreviewArticle;
use super::xml::{escape, escape_into, rfc3339};
use super::{page_title, queries, Caches, Document};
use crate::client_address::TrustedProxies;
use crate::config::Config;
use crate::db::Database;
use crate::error::{ApiError, RETRY_AFTER_UNAVAILABLE_SECS};
use crate::http_cache;
use crate::public_url;
use crate::site::model::SiteSettings;

/// As for the plain `index.html`: revalidated on every visit, so an edit or a deploy shows at once.
const REVALIDATE: &str = "no-cache";
/// Chats cut descriptions short anyway; a long summary is cut here, at a character.
const DESCRIPTION_CHARS: usize = 200;

/// The built `index.html`, with where a preview's head goes.
pub struct Shell {
    html: String,
    /// The `<title>…</title>` element, when there is one.
    title: Option<Range<usize>>,
    /// Where the tags go: before `</head>` (or, in a file without one, where a head would be).
    head_end: usize,
    /// [`Shell::head_assets`], worked out once.
    assets: Arc<str>,
}

impl Shell {
    pub fn parse(html: String) -> Self {
        let title = find(&html, "<title", 0)
            .filter(|&start| {
                matches!(
                    html.as_bytes().get(start + 6),
                    Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
                )
            })
            .and_then(|start| {
                let end = find(&html, "</title>", start)? + "</title>".len();
                Some(start..end)
            });
        let after_tag = |name: &str| {
            let start = find(&html, name, 0)?;
            Some(start + html[start..].find('>')? + 1)
        };
        let head_end = find(&html, "</head>", 0)
            .or_else(|| find(&html, "<body", 0))
            .or_else(|| after_tag("<html"))
            .or_else(|| after_tag("<!doctype"))
            .unwrap_or(0);
        let mut shell = Shell {
            html,
            title,
            head_end,
            assets: Arc::from(""),
        };
        shell.assets = Arc::from(shell.head_assets());
        shell
    }

    /// What the head holds besides its title (the SPA's script and style sheets, the icon), for
    /// the server-rendered pages' heads.
    pub fn assets(&self) -> Arc<str> {
        self.assets.clone()
    }

    fn head_assets(&self) -> String {
        let html = &self.html;
        let start = find(html, "<head", 0)
            .and_then(|at| Some(at + html[at..].find('>')? + 1))
            .filter(|&start| start <= self.head_end)
            .unwrap_or(self.head_end);
        let mut assets = String::new();
        match &self.title {
            Some(title) if title.start >= start && title.end <= self.head_end => {
                assets.push_str(&html[start..title.start]);
                assets.push_str(&html[title.end..self.head_end]);
            }
            _ => assets.push_str(&html[start..self.head_end]),
        }
        assets
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The file as it is.
    pub fn plain(&self) -> Bytes {
        Bytes::copy_from_slice(self.html.as_bytes())
    }

    /// The file with `title` as its title and `tags` (one element each) at the end of its head,
    /// indented like the head's last line.
    fn with_head(&self, title: &str, tags: &[String]) -> String {
        let html = &self.html;
        let mut title_element = String::from("<title>");
        escape_into(&mut title_element, title);
        title_element.push_str("</title>");
        let at = self.head_end;
        let before = &html[..at];
        let indent = &before[before.trim_end_matches([' ', '\t']).len()..];
        let mut block = String::new();
        for (i, tag) in tags.iter().enumerate() {
            if i > 0 {
                block.push_str(indent);
            }
            block.push_str("  ");
            block.push_str(tag);
            block.push('\n');
        }
        block.push_str(indent);
        let mut out = String::with_capacity(html.len() + title_element.len() + block.len());
        match &self.title {
            Some(old) if old.end <= at => {
                out.push_str(&html[..old.start]);
                out.push_str(&title_element);
                out.push_str(&html[old.end..at]);
                out.push_str(&block);
                out.push_str(&html[at..]);
            }
            Some(old) => {
                out.push_str(&html[..at]);
                out.push_str(&block);
                out.push_str(&html[at..old.start]);
                out.push_str(&title_element);
                out.push_str(&html[old.end..]);
            }
            None => {
                out.push_str(&html[..at]);
                out.push_str(&title_element);
                out.push_str(&block);
                out.push_str(&html[at..]);
            }
        }
        out
    }
}

/// Where `needle` (lower-case ASCII) first occurs in `haystack` from `from` on, in any case.
fn find(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..=bytes.len().checked_sub(needle.len())?)
        .find(|&at| bytes[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page for `/a/{segment}`.
pub async fn article_page(
    req: &HttpRequest,
    shell: Arc<Shell>,
    segment: &str,
    db: &Database,
    caches: &Caches,
    config: &Config,
    proxies: &TrustedProxies,
) -> HttpResponse {
    let found = match segment.parse::<i64>() {
        Ok(id) if id > 0 => find_article(db, caches, id).await,
        _ => Ok(None),
    };
    let (article, site) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return plain(&shell, StatusCode::NOT_FOUND),
        Err(error) => {
            // The browser still gets the SPA (which will say what is wrong); the log gets the cause.
            match &error {
                ApiError::Unavailable => {
                    tracing::warn!("link preview: the database is unavailable")
                }
                other => tracing::error!(error = ?other, "link preview failed"),
            }
            let mut response = plain(&shell, error.status_code());
            if matches!(error, ApiError::Unavailable) {
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(RETRY_AFTER_UNAVAILABLE_SECS),
                );
            }
            return response;
        }
    };
    let origin = public_url::origin(req, config, proxies);
    let document = Document::new(render(&shell, &origin, &site, &article));
    http_cache::respond(
        req,
        document.etag,
        REVALIDATE,
        "text/html; charset=utf-8",
        document.body,
    )
}

/// The public article and the site, from the read caches (one small query on a miss).
async fn find_article(
    db: &Database,
    caches: &Caches,
    id: i64,
) -> Result<Option<(PreviewArticle, Arc<SiteSettings>)>, ApiError> {
    let lookup_db = db.clone();
    let article = caches
        .previews
        .get(id.to_string(), move || async move {
            lookup_db
                .run(move |conn| Ok(queries::preview(conn, id)?))
                .await
        })
        .await?;
    let Some(article) = article.as_ref().clone() else {
        return Ok(None);
    };
    Ok(Some((article, caches.site(db).await?)))
}

fn plain(shell: &Shell, status: StatusCode) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, REVALIDATE))
        .content_type("text/html; charset=utf-8")
        .body(shell.plain())
}

/// The page's head for one article: every value escaped for an HTML attribute.
fn render(shell: &Shell, origin: &str, site: &SiteSettings, article: &PreviewArticle) -> String {
    let url = format!("{origin}/a/{}", article.id);
    let summary = article.summary.trim();
    let description = shorten(
        if summary.is_empty() {
            site.description.trim()
        } else {
            summary
        },
        DESCRIPTION_CHARS,
    );
    let image = article
        .cover_url
        .as_deref()
        .and_then(|cover| absolute(origin, cover.trim()));
    let mut tags = Vec::new();
    let mut tag = |element: &str, key: &str, name: &str, value_key: &str, value: &str| {
        tags.push(format!(
            "<{element} {key}=\"{}\" {value_key}=\"{}\" />",
            escape(name),
            escape(value)
        ));
    };
    tag("meta", "name", "description", "content", &description);
    tag("link", "rel", "canonical", "href", &url);
    tag("meta", "property", "og:type", "content", "article");
    tag("meta", "property", "og:site_name", "content", &site.name);
    tag("meta", "property", "og:title", "content", &article.title);
    tag(
        "meta",
        "property",
        "og:description",
        "content",
        &description,
    );
    tag("meta", "property", "og:url", "content", &url);
    tag("meta", "property", "og:locale", "content", "zh_CN");
    if let Some(image) = &image {
        tag("meta", "property", "og:image", "content", image);
    }
    if let Some(published) = article.published_at {
        tag(
            "meta",
            "property",
            "article:published_time",
            "content",
            &rfc3339(published),
        );
    }
    tag(
        "meta",
        "property",
        "article:modified_time",
        "content",
        &rfc3339(article.updated_at),
    );
    if !article.author.trim().is_empty() {
        tag("meta", "name", "author", "content", article.author.trim());
    }
    tag("meta", "name", "twitter:card", "content", "summary");
    tag("meta", "name", "twitter:title", "content", &article.title);
    tag(
        "meta",
        "name",
        "twitter:description",
        "content",
        &description,
    );
    if let Some(image) = &image {
        tag("meta", "name", "twitter:image", "content", image);
    }
    shell.with_head(&page_title(&[&article.title, &site.name]), &tags)
}

/// A cover's address as an absolute URL: kept when it is one, joined to the origin when it is a
/// path on this site (`/media/…`), dropped otherwise.
fn absolute(origin: &str, cover: &str) -> Option<String> {
    let lower = cover.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(cover.to_owned())
    } else if cover.starts_with('/') && !cover.starts_with("//") {
        Some(format!("{origin}{cover}"))
    } else {
        None
    }
}

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str) -> PreviewArticle {
        let at = chrono::DateTime::from_timestamp(1_182_211_200, 0)
            .unwrap()
            .naive_utc();
        PreviewArticle {
            id: 7,
            title: title.into(),
            summary: "摘要 \"引号\" & <b>".into(),
            author: "周辉".into(),
            cover_url: Some("/media/abc.png".into()),
            published_at: Some(at),
            updated_at: at,
        }
    }

    fn site() -> SiteSettings {
        SiteSettings {
            name: "当代秘书".into(),
            description: "".into(),
        }
    }

    const INDEX: &str = "<!doctype html>\n<html lang=\"zh-CN\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <title>当代秘书</title>\n  </head>\n  <body>\n    <div id=\"root\"></div>\n    <script type=\"module\" src=\"/assets/index-1.js\"></script>\n  </body>\n</html>\n";

    #[test]
    fn the_title_is_replaced_and_the_tags_close_the_head() {
        let html = render(
            &Shell::parse(INDEX.into()),
            "https://example.org",
            &site(),
            &article("A & B <script>\"x\"</script>"),
        );
        assert!(html.contains(
            "<title>A &amp; B &lt;script&gt;&quot;x&quot;&lt;/script&gt; - 当代秘书</title>"
        ));
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(html.contains(
            "<meta property=\"og:title\" content=\"A &amp; B &lt;script&gt;&quot;x&quot;&lt;/script&gt;\" />"
        ));
        assert!(html.contains(
            "<meta property=\"og:image\" content=\"https://example.org/media/abc.png\" />"
        ));
        assert!(html.contains(
            "<meta property=\"article:published_time\" content=\"2007-06-19T00:00:00Z\" />"
        ));
        assert!(html.contains("content=\"摘要 &quot;引号&quot; &amp; &lt;b&gt;\""));
        assert_eq!(html.matches("<script").count(), 1, "only the SPA's own");
        let head_end = html.find("</head>").unwrap();
        assert!(html.find("og:url").unwrap() < head_end);
        assert!(
            html.contains("</title>\n    <meta name=\"description\""),
            "{html}"
        );
        assert!(html.contains(" />\n  </head>\n  <body>"), "{html}");
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn a_file_without_a_head_or_title_gets_both_after_its_html_tag() {
        let shell = Shell::parse(
            "<!doctype html><html lang=\"zh-CN\"><div id=\"root\"></div></html>".into(),
        );
        let html = render(&shell, "http://localhost", &site(), &article("标题"));
        assert!(html.starts_with("<!doctype html><html lang=\"zh-CN\"><title>标题 - 当代秘书</title>  <meta name=\"description\""));
        assert!(html.ends_with("<div id=\"root\"></div></html>"));
    }

    #[test]
    fn long_descriptions_are_cut_at_a_character() {
        assert_eq!(shorten("秘书工作", 2), "秘书…");
        assert_eq!(shorten("秘书", 2), "秘书");
    }

    #[test]
    fn covers_elsewhere_are_kept_and_relative_ones_made_absolute() {
        assert_eq!(
            absolute("https://e.org", "https://cdn.example/a.png").as_deref(),
            Some("https://cdn.example/a.png")
        );
        assert_eq!(
            absolute("https://e.org", "/media/a.png").as_deref(),
            Some("https://e.org/media/a.png")
        );
        assert_eq!(absolute("https://e.org", "//evil.example/a.png"), None);
        assert_eq!(absolute("https://e.org", "javascript:alert(1)"), None);
    }
}
