//! The rendered pages kept in memory (see [`crate::swr`]): article pages, and the home and
//! category pages, each with holes for its count and nonce ([`super::prepared`]). Search pages and
//! 404s are rendered per request from cached parts.

use std::sync::Arc;

use super::prepared::PreparedPage;
use crate::swr::{Freshness, SwrCache};

/// Bytes of rendered article pages kept: a page is its JSON twice (HTML and island) and the
/// layout, some 40 KB, so about 2,000 hot pages.
const ARTICLE_PAGES_BYTES: usize = 80 << 20;
/// Bytes of rendered home and category pages kept.
const LIST_PAGES_BYTES: usize = 16 << 20;

pub struct PageCaches {
    /// By origin and article id; `None` remembers that no public article has it.
    pub articles: Arc<SwrCache<Option<PreparedPage>>>,
    /// By origin and address (the home page, a category's page N); `None`: the page does not exist.
    pub lists: Arc<SwrCache<Option<PreparedPage>>>,
}

fn weight(page: &Option<PreparedPage>) -> usize {
    page.as_ref().map_or(64, PreparedPage::weight)
}

/// The key of article `id`'s page as `origin` links it.
pub fn article_key(origin: &str, id: i64) -> String {
    format!("{origin}|{id}")
}

impl PageCaches {
    /// `article_pages` as fresh as the JSON article pages, `pages` as the lists.
    pub fn new(article_pages: Freshness, pages: Freshness) -> Self {
        PageCaches {
            articles: SwrCache::bounded(article_pages, ARTICLE_PAGES_BYTES, weight),
            lists: SwrCache::bounded(pages, LIST_PAGES_BYTES, weight),
        }
    }

    pub fn clear(&self) {
        self.articles.clear();
        self.lists.clear();
    }
}
