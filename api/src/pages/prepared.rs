//! A rendered page kept in memory with holes for what changes per request: the article's view
//! count and the CSP nonce. Serving it is a copy of its parts around those two values, like the
//! JSON article page ([`crate::articles::page`]): no template runs on a cache hit.

use actix_web::web::Bytes;

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

/// The page cut at its holes: `parts[i]`, then `holes[i]`, …, then the last part.
#[derive(Debug)]
pub struct PreparedPage {
    parts: Vec<Bytes>,
    holes: Vec<Hole>,
    /// For the cache's budget.
    len: usize,
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
        PreparedPage { parts, holes, len }
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

    pub fn weight(&self) -> usize {
        128 + self.len
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
    fn a_page_without_holes_is_served_as_it_is() {
        assert_eq!(
            PreparedPage::new("<p>首页</p>".into()).fill(1, "n"),
            "<p>首页</p>"
        );
    }
}
