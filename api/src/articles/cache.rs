//! The public reads of articles kept in memory (see [`crate::swr`]): article pages, list pages and
//! the totals they share, and the candidates for 相关文章. What each holds and how many bytes it may
//! keep is said here; how fresh each is, by `cache::ReadCaches`, which builds them all.

use std::sync::Arc;

use super::page::CachedArticle;
use super::related::Candidate;
use crate::paging::CachedPage;
use crate::swr::{Freshness, SwrCache};

/// Bytes of article pages kept: about 4,000 pages of 12 KB, the hot set and then some, so that
/// memory stays flat however many articles are read (docs/PERFORMANCE.md).
const ARTICLE_PAGES_BYTES: usize = 48 << 20;
/// Bytes of list pages kept (a list page is a few KB).
const LIST_PAGES_BYTES: usize = 16 << 20;

/// Public article pages by id; `None` remembers that no public article has it.
pub fn article_pages(freshness: Freshness) -> Arc<SwrCache<Option<CachedArticle>>> {
    SwrCache::bounded(freshness, ARTICLE_PAGES_BYTES, |page| {
        page.as_ref().map_or(64, CachedArticle::weight)
    })
}

/// Pages of the public lists, by filter, order and page or cursor.
pub fn list_pages(freshness: Freshness) -> Arc<SwrCache<CachedPage>> {
    SwrCache::bounded(freshness, LIST_PAGES_BYTES, CachedPage::weight)
}

/// Totals per filter, shared by all its pages and cursors: at a million articles a count is a
/// scan of an index, which a crawler walking the pages would otherwise pay on every page.
pub fn list_totals(freshness: Freshness) -> Arc<SwrCache<i64>> {
    SwrCache::new(freshness)
}

/// The candidates for 相关文章 (the latest titles of the site and of each category), shared by
/// every article page.
pub fn related_candidates(freshness: Freshness) -> Arc<SwrCache<Vec<Candidate>>> {
    SwrCache::new(freshness)
}
