//! The read caches of the public endpoints, composed: which caches there are, how fresh each is,
//! clearing them all on an editor's write, and their counters for /metrics. Wiring only: each
//! feature says what it keeps (`articles::cache`, `categories::cache`, `home::cache`,
//! `search::cache`, `discovery::Caches`) and reads its own through [`crate::state::AppState`]'s
//! `caches`; the cache itself is [`crate::swr::SwrCache`]. No feature imports this module.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::articles::page::CachedArticle;
use crate::articles::related::Candidate;
use crate::categories::cache::TreeCache;
use crate::db::Database;
use crate::error::ApiError;
use crate::home::queries::RankedRow;
use crate::paging::CachedPage;
use crate::swr::{CacheCounters, Freshness, SwrCache};
use crate::views::ViewCounter;

/// The caches of the public read endpoints.
pub struct ReadCaches {
    pub tree: TreeCache,
    /// Site-wide aggregates (counts per category, the week's most viewed) are recomputed less
    /// often than pages: at a million articles each costs a scan of an index or of the week's views.
    pub category_counts: Arc<SwrCache<HashMap<i64, i64>>>,
    pub most_viewed_week: Arc<SwrCache<Vec<RankedRow>>>,
    pub lists: Arc<SwrCache<CachedPage>>,
    pub list_totals: Arc<SwrCache<i64>>,
    pub home: Arc<SwrCache<Vec<u8>>>,
    pub articles: Arc<SwrCache<Option<CachedArticle>>>,
    /// Search pages and their totals, fresh as long as the site-wide aggregates: a search of a
    /// phrase most articles contain costs PostgreSQL up to a second, and 40 such searches refreshed
    /// every second would keep the database busy. An editor's write clears them like every cache.
    pub search_pages: Arc<SwrCache<CachedPage>>,
    pub search_totals: Arc<SwrCache<i64>>,
    /// The candidates for 相关文章, fresh as long as the site-wide aggregates.
    pub related: Arc<SwrCache<Vec<Candidate>>>,
    /// Feeds and the sitemap.
    pub discovery: crate::discovery::Caches,
    /// Server-rendered reader pages.
    pub pages: crate::pages::cache::PageCaches,
    /// Its remembered totals go with the pages: an editorial write may have unpublished an article.
    views: Arc<ViewCounter>,
}

/// Served stale at most this long; the documented bound on how far public reads lag.
pub const STALE_LIMIT: Duration = Duration::from_secs(5);

/// How many times longer the site-wide aggregates stay fresh (30 s, at most 150 s stale, by default).
const AGGREGATE_SLOWER: u32 = 30;

/// How many times longer article pages stay fresh than lists (3 s by default, never past
/// `STALE_LIMIT`): a page changes by an editor's write, which clears this instance's cache at once,
/// and otherwise only by its comment count or a neighbour published on schedule. Each hot page's
/// refresh is four statements; at 1,000 hot pages a second that was PostgreSQL's main load.
const ARTICLE_PAGES_SLOWER: u32 = 3;

/// How long an article page stays fresh, given the read cache's freshness.
pub fn article_pages_fresh_for(read_cache: Duration) -> Duration {
    (read_cache * ARTICLE_PAGES_SLOWER).min(STALE_LIMIT.max(read_cache))
}

impl ReadCaches {
    /// Pages fresh for `read_cache` (`KANWU_READ_CACHE_MS`; zero turns every cache off), stale up to
    /// `STALE_LIMIT`; article pages and the aggregates slower, as said above.
    pub fn new(read_cache: Duration, views: Arc<ViewCounter>) -> Self {
        let pages = Freshness {
            fresh_for: read_cache,
            stale_for: if read_cache.is_zero() {
                Duration::ZERO
            } else {
                STALE_LIMIT
            },
        };
        let aggregates = pages.slower(AGGREGATE_SLOWER);
        let article_pages = Freshness {
            fresh_for: article_pages_fresh_for(read_cache),
            ..pages
        };
        ReadCaches {
            tree: TreeCache::new(pages),
            category_counts: crate::categories::cache::published_counts(aggregates),
            most_viewed_week: crate::home::cache::most_viewed_week(aggregates),
            lists: crate::articles::cache::list_pages(pages),
            list_totals: crate::articles::cache::list_totals(pages),
            home: crate::home::cache::pages(pages),
            articles: crate::articles::cache::article_pages(article_pages),
            related: crate::articles::cache::related_candidates(aggregates),
            search_pages: crate::search::cache::pages(aggregates),
            search_totals: crate::search::cache::totals(aggregates),
            discovery: crate::discovery::Caches::new(pages, aggregates),
            pages: crate::pages::cache::PageCaches::new(article_pages, pages),
            views,
        }
    }

    /// After an editor's write: this instance's readers see it at once (other instances within
    /// `STALE_LIMIT`).
    pub fn invalidate(&self) {
        self.tree.clear();
        self.category_counts.clear();
        self.most_viewed_week.clear();
        self.lists.clear();
        self.list_totals.clear();
        self.home.clear();
        self.articles.clear();
        self.related.clear();
        self.search_pages.clear();
        self.search_totals.clear();
        self.discovery.clear();
        self.pages.clear();
        self.views.forget_totals();
    }

    /// Each cache's hits and misses, by name (for /metrics).
    pub fn counters(&self) -> Vec<(&'static str, &CacheCounters)> {
        let mut counters = vec![
            ("tree", self.tree.counters()),
            ("category_counts", self.category_counts.counters()),
            ("most_viewed_week", self.most_viewed_week.counters()),
            ("lists", self.lists.counters()),
            ("list_totals", self.list_totals.counters()),
            ("home", self.home.counters()),
            ("articles", self.articles.counters()),
            ("related", self.related.counters()),
            ("search_pages", self.search_pages.counters()),
            ("search_totals", self.search_totals.counters()),
            ("page_articles", self.pages.articles.counters()),
            ("page_lists", self.pages.lists.counters()),
        ];
        counters.extend(self.discovery.counters());
        counters
    }

    /// The category tree: shorthand for `tree.get`, which every handler that resolves a category
    /// calls.
    pub async fn tree(
        &self,
        db: &Database,
    ) -> Result<Arc<crate::categories::model::CategoryTree>, ApiError> {
        self.tree.get(db).await
    }
}
