//! The public addresses of the reader's pages, written once: the sitemap lists them, the feeds link
//! to them, and each page names itself by them in `<link rel="canonical">` and `og:url`, so a
//! crawler finds one address per page wherever it looks. Each is a path below the site's origin
//! ([`crate::public_url::origin`]): no trailing slash but the home page's, no query but a category's
//! `?page=N` past its first page.

/// The home page.
pub const HOME: &str = "/";

pub fn article(id: i64) -> String {
    format!("/a/{id}")
}

pub fn category(slug: &str) -> String {
    format!("/c/{}", path_segment(slug))
}

/// Page `page` of a category's list: its first page is the category itself.
pub fn category_page(slug: &str, page: i64) -> String {
    if page > 1 {
        format!("{}?page={page}", category(slug))
    } else {
        category(slug)
    }
}

pub fn category_feed(slug: &str) -> String {
    format!("{}/feed.xml", category(slug))
}

/// `path` as an absolute URL on the site at `origin` (`https://example.org`, no trailing slash).
pub fn absolute(origin: &str, path: &str) -> String {
    format!("{origin}{path}")
}

/// Characters a path segment must not carry as they are (RFC 3986's `pchar` keeps the rest).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A slug as one path segment: slugs are checked to be URL-safe, but a URL must stay one whatever
/// the database holds.
pub fn path_segment(slug: &str) -> String {
    percent_encoding::utf8_percent_encode(slug, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_address_has_no_trailing_slash_and_no_query_but_a_later_page() {
        let origin = "https://example.org";
        assert_eq!(absolute(origin, HOME), "https://example.org/");
        assert_eq!(absolute(origin, &article(7)), "https://example.org/a/7");
        assert_eq!(category("features"), "/c/features");
        assert_eq!(category_page("features", 1), "/c/features");
        assert_eq!(category_page("features", 0), "/c/features");
        assert_eq!(category_page("features", 3), "/c/features?page=3");
        assert_eq!(category_feed("features"), "/c/features/feed.xml");
    }

    #[test]
    fn a_slug_stays_one_path_segment() {
        assert_eq!(category("a/b?c#d"), "/c/a%2Fb%3Fc%23d");
        assert_eq!(category("秘书"), "/c/%E7%A7%98%E4%B9%A6");
    }
}
