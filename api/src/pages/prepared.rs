//! A rendered page kept in memory with holes for what changes per request: the article's view
//! count and the CSP nonce. Serving it is a copy of its parts around those two values, like the
//! JSON article page ([`crate::articles::page`]): no template runs on a cache hit.

use std::hash::Hasher as _;
use std::sync::{Arc, OnceLock};

use actix_web::web::Bytes;

use super::gzip::GzipPage;

/// Written by the template where the count goes: askama escapes `<` in every value and ammonia
/// strips comments from bodies, so only the template itself can contain it.
pub const VIEWS_MARK: &str = "<!--kanwu:views-->";
/// Where the nonce goes, in the data island's tag; the same guarantee as [`VIEWS_MARK`].
pub const NONCE_MARK: &str = "<!--kanwu:nonce-->";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hole {
    Views,
    Nonce,
}

/// The page cut at its holes: `parts[i]`, then `holes[i]`, …, then the last part. Clones share
/// the text and the gzip copy.
#[derive(Debug, Clone)]
pub struct PreparedPage {
    parts: Vec<Bytes>,
    holes: Vec<Hole>,
    /// For the cache's budget.
    len: usize,
    /// Made by the first request that accepts gzip (most do: every browser and crawler).
    gzip: Arc<OnceLock<GzipPage>>,
    /// What the page was rendered from, when its builder says (see [`Source`]).
    source: Option<Source>,
}

/// A digest of everything a page is rendered from. A rebuild whose inputs have the same digest as
/// the kept page's keeps that page (and its gzip copy) instead of rendering and compressing again:
/// a hot page is rebuilt every few seconds, and almost always to the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source(u64);

impl Source {
    pub fn of(inputs: &[&[u8]]) -> Self {
        // Fixed keys: digests are compared within the process only, never shown.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for input in inputs {
            hasher.write_usize(input.len());
            hasher.write(input);
        }
        Source(hasher.finish())
    }
}

impl PreparedPage {
    /// Cuts `html` at every mark.
    pub fn new(html: String) -> Self {
        let len = html.len();
        let mut cuts = Vec::new();
        let mut from = 0;
        loop {
            let next = [(VIEWS_MARK, Hole::Views), (NONCE_MARK, Hole::Nonce)]
                .into_iter()
                .filter_map(|(mark, hole)| {
                    html[from..].find(mark).map(|at| (from + at, mark, hole))
                })
                .min_by_key(|(at, _, _)| *at);
            let Some((at, mark, hole)) = next else { break };
            cuts.push((from..at, hole));
            from = at + mark.len();
        }
        let html = Bytes::from(html);
        let mut parts: Vec<Bytes> = cuts
            .iter()
            .map(|(range, _)| html.slice(range.clone()))
            .collect();
        parts.push(html.slice(from..));
        let holes = cuts.into_iter().map(|(_, hole)| hole).collect();
        PreparedPage {
            parts,
            holes,
            len,
            gzip: Arc::default(),
            source: None,
        }
    }

    /// The page, marked as rendered from `source`.
    pub fn rendered_from(mut self, source: Source) -> Self {
        self.source = Some(source);
        self
    }

    /// Whether the page was rendered from `source`.
    pub fn is_from(&self, source: Source) -> bool {
        self.source == Some(source)
    }

    /// The page with `views` and `nonce` written into their holes.
    pub fn fill(&self, views: i64, nonce: &str) -> Bytes {
        let mut number = itoa::Buffer::new();
        let views = number.format(views);
        let mut out = Vec::with_capacity(self.len + 64);
        for (i, part) in self.parts.iter().enumerate() {
            out.extend_from_slice(part);
            match self.holes.get(i) {
                Some(Hole::Views) => out.extend_from_slice(views.as_bytes()),
                Some(Hole::Nonce) => out.extend_from_slice(nonce.as_bytes()),
                None => {}
            }
        }
        Bytes::from(out)
    }

    /// The page gzip-encoded with `views` and `nonce` written into their holes.
    pub fn fill_gzip(&self, views: i64, nonce: &str) -> Bytes {
        let gzip = self
            .gzip
            .get_or_init(|| GzipPage::new(self.parts.iter().map(|part| &part[..])));
        let mut number = itoa::Buffer::new();
        let views = number.format(views).as_bytes();
        let values: Vec<&[u8]> = self
            .holes
            .iter()
            .map(|hole| match hole {
                Hole::Views => views,
                Hole::Nonce => nonce.as_bytes(),
            })
            .collect();
        Bytes::from(gzip.fill(&values))
    }

    /// Counts the gzip copy (about a quarter of the page) before it is made.
    pub fn weight(&self) -> usize {
        128 + self.len + self.len / 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_hole_gets_its_value_and_the_rest_stays() {
        let page = PreparedPage::new(format!(
            "<p>访问: {VIEWS_MARK}次</p><script nonce=\"{NONCE_MARK}\">{{\"views\":{VIEWS_MARK}}}</script>"
        ));
        assert_eq!(
            page.fill(493, "abc"),
            "<p>访问: 493次</p><script nonce=\"abc\">{\"views\":493}</script>"
        );
    }

    #[test]
    fn the_gzip_copy_inflates_to_the_filled_page() {
        use std::io::Read as _;
        let page = PreparedPage::new(format!(
            "<p>访问: {VIEWS_MARK}次</p>{}<script nonce=\"{NONCE_MARK}\">{{\"views\":{VIEWS_MARK}}}</script>",
            "正文".repeat(300)
        ));
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&page.fill_gzip(493, "abc")[..])
            .read_to_end(&mut text)
            .unwrap();
        assert_eq!(text, page.fill(493, "abc"));
    }

    #[test]
    fn a_page_without_holes_is_served_as_it_is() {
        assert_eq!(
            PreparedPage::new("<p>首页</p>".into()).fill(1, "n"),
            "<p>首页</p>"
        );
    }
}
