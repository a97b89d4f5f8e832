//! A small read cache for public pages that may lag by a few seconds (lists, the home page, the
//! category tree, article pages): fresh for `fresh_for`, then served stale while one background task
//! recomputes it, and recomputed inline once older than `stale_for`. So a reader sees data at most
//! `stale_for` old (or, while one recomputation of that page is already running, its previous
//! value: requests never pile up on one key), and under load the database computes each page about
//! once per `fresh_for`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::ApiError;

/// Entries kept at most; beyond it, old entries are dropped (a flood of distinct keys stays bounded).
const MAX_ENTRIES: usize = 20_000;

struct Entry<V> {
    value: Arc<V>,
    computed_at: Instant,
    refreshing: bool,
}

pub struct SwrCache<V> {
    entries: Mutex<HashMap<String, Entry<V>>>,
    fresh_for: Duration,
    stale_for: Duration,
}

impl<V: Send + Sync + 'static> SwrCache<V> {
    pub fn new(fresh_for: Duration, stale_for: Duration) -> Arc<Self> {
        Arc::new(SwrCache {
            entries: Mutex::new(HashMap::new()),
            fresh_for,
            stale_for: stale_for.max(fresh_for),
        })
    }

    fn enabled(&self) -> bool {
        !self.fresh_for.is_zero()
    }

    /// The cached value for `key`, or `compute`'s.
    pub async fn get<F, Fut>(self: &Arc<Self>, key: String, compute: F) -> Result<Arc<V>, ApiError>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<V, ApiError>> + Send + 'static,
    {
        Ok(self.get_traced(key, compute).await?.0)
    }

    /// Like `get`, and says whether this call ran `compute` itself (so the value is as fresh as
    /// the database was when the call began).
    pub async fn get_traced<F, Fut>(
        self: &Arc<Self>,
        key: String,
        compute: F,
    ) -> Result<(Arc<V>, bool), ApiError>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<V, ApiError>> + Send + 'static,
    {
        if !self.enabled() {
            return Ok((Arc::new(compute().await?), true));
        }
        let now = Instant::now();
        {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(entry) = entries.get_mut(&key) {
                let age = now.duration_since(entry.computed_at);
                if age < self.fresh_for || entry.refreshing {
                    // Fresh, or someone is already recomputing it: never pile up on one key.
                    return Ok((entry.value.clone(), false));
                }
                entry.refreshing = true;
                if age < self.stale_for {
                    let stale = entry.value.clone();
                    let cache = self.clone();
                    let refresh_key = key.clone();
                    tokio::spawn(async move {
                        let fresh = compute().await;
                        cache.store(refresh_key, fresh.ok());
                    });
                    return Ok((stale, false));
                }
                // Too old to serve: this request recomputes it while the others keep the old
                // value for the moment that takes.
            }
        }
        match compute().await {
            Ok(value) => {
                let value = Arc::new(value);
                self.store_arc(key, value.clone());
                Ok((value, true))
            }
            Err(error) => {
                self.store(key, None);
                Err(error)
            }
        }
    }

    /// Forgets everything: the next read of each page recomputes it.
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    fn store(&self, key: String, value: Option<V>) {
        match value {
            Some(value) => self.store_arc(key, Arc::new(value)),
            None => {
                // The refresh failed: keep serving the stale value until it is too old.
                let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(entry) = entries.get_mut(&key) {
                    entry.refreshing = false;
                }
            }
        }
    }

    fn store_arc(&self, key: String, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            let stale_for = self.stale_for;
            entries.retain(|_, e| e.computed_at.elapsed() < stale_for);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(
            key,
            Entry {
                value,
                computed_at: Instant::now(),
                refreshing: false,
            },
        );
    }
}

/// One list page, ready to send.
pub struct CachedPage {
    pub body: Vec<u8>,
    pub total: i64,
    pub total_pages: i64,
}

/// The caches of the public read endpoints.
pub struct ReadCaches {
    pub tree: Arc<SwrCache<crate::categories::model::CategoryTree>>,
    pub category_counts: Arc<SwrCache<HashMap<i64, i64>>>,
    pub lists: Arc<SwrCache<CachedPage>>,
    pub home: Arc<SwrCache<Vec<u8>>>,
    pub articles: Arc<SwrCache<Option<crate::articles::dto::ArticleResponse>>>,
}

/// Served stale at most this long; the documented bound on how far public reads lag.
pub const STALE_LIMIT: Duration = Duration::from_secs(5);

impl ReadCaches {
    pub fn new(fresh_for: Duration) -> Self {
        let stale_for = if fresh_for.is_zero() {
            Duration::ZERO
        } else {
            STALE_LIMIT
        };
        ReadCaches {
            tree: SwrCache::new(fresh_for, stale_for),
            category_counts: SwrCache::new(fresh_for, stale_for),
            lists: SwrCache::new(fresh_for, stale_for),
            home: SwrCache::new(fresh_for, stale_for),
            articles: SwrCache::new(fresh_for, stale_for),
        }
    }

    /// After an editor's write: this instance's readers see it at once (other instances within
    /// `STALE_LIMIT`).
    pub fn invalidate(&self) {
        self.tree.clear();
        self.category_counts.clear();
        self.lists.clear();
        self.home.clear();
        self.articles.clear();
    }

    /// The category tree (the table is small and changes rarely).
    pub async fn tree(
        &self,
        db: &crate::db::Database,
    ) -> Result<Arc<crate::categories::model::CategoryTree>, ApiError> {
        let db = db.clone();
        self.tree
            .get(String::new(), move || async move {
                db.run(|conn| Ok(crate::categories::queries::tree(conn)?))
                    .await
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn counting(
        counter: &Arc<AtomicUsize>,
    ) -> impl Future<Output = Result<usize, ApiError>> + Send + 'static {
        let counter = counter.clone();
        async move { Ok(counter.fetch_add(1, Ordering::SeqCst) + 1) }
    }

    #[tokio::test]
    async fn fresh_values_are_served_without_recomputing() {
        let cache = SwrCache::new(Duration::from_secs(60), Duration::from_secs(60));
        let calls = Arc::new(AtomicUsize::new(0));
        for _ in 0..5 {
            let c = calls.clone();
            assert_eq!(
                *cache.get("k".into(), move || counting(&c)).await.unwrap(),
                1
            );
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn stale_values_are_served_while_one_refresh_runs() {
        let cache = SwrCache::new(Duration::from_millis(20), Duration::from_secs(60));
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        cache.get("k".into(), move || counting(&c)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
        let c = calls.clone();
        assert_eq!(
            *cache.get("k".into(), move || counting(&c)).await.unwrap(),
            1,
            "stale, at once"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
        let c = calls.clone();
        assert_eq!(
            *cache.get("k".into(), move || counting(&c)).await.unwrap(),
            2,
            "refreshed"
        );
    }

    #[tokio::test]
    async fn values_older_than_the_stale_limit_are_recomputed_inline() {
        let cache = SwrCache::new(Duration::from_millis(5), Duration::from_millis(10));
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        cache.get("k".into(), move || counting(&c)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        let c = calls.clone();
        assert_eq!(
            *cache.get("k".into(), move || counting(&c)).await.unwrap(),
            2
        );
    }

    #[tokio::test]
    async fn a_zero_freshness_disables_the_cache() {
        let cache = SwrCache::new(Duration::ZERO, Duration::ZERO);
        let calls = Arc::new(AtomicUsize::new(0));
        for expected in 1..=3 {
            let c = calls.clone();
            assert_eq!(
                *cache.get("k".into(), move || counting(&c)).await.unwrap(),
                expected
            );
        }
    }
}
