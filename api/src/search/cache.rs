//! Searches kept in memory (see [`crate::swr`]): pages of hits, and the totals all pages of a
//! search share.

use std::sync::Arc;

use crate::paging::CachedPage;
use crate::swr::{Freshness, SwrCache};

/// Bytes of search pages kept (a page is a few KB).
const PAGES_BYTES: usize = 16 << 20;

/// Pages of hits, by the parsed query, the filters and the page.
pub fn pages(freshness: Freshness) -> Arc<SwrCache<CachedPage>> {
    SwrCache::bounded(freshness, PAGES_BYTES, CachedPage::weight)
}

/// Hits per query and filters (and per part: all, or the titles'), shared by every page.
pub fn totals(freshness: Freshness) -> Arc<SwrCache<i64>> {
    SwrCache::new(freshness)
}
