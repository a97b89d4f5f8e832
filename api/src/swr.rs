//! The stale-while-revalidate cache under every public read that may lag by a few seconds: fresh
//! for `fresh_for`, then served stale while one background task recomputes it, and recomputed
//! inline once older than `stale_for`. So a reader sees data at most `stale_for` old (or, while one
//! recomputation of that key is already running, its previous value: requests never pile up on one
//! key), and under load the database computes each value about once per `fresh_for`. Generic: the
//! features say what they keep (`articles::cache`, `discovery::Caches`, …) and `cache::ReadCaches`
//! how fresh.
//! Longer than 400 lines because its tests of the timing (fresh, stale, too old, first loads,
//! bounds) sit beside the code they pin down.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::ApiError;

/// Entries kept at most; beyond it, old entries are dropped (a flood of distinct keys stays bounded).
const MAX_ENTRIES: usize = 20_000;

/// How long a cache's values are fresh, and how long they may be served stale (at least as long).
/// A zero `fresh_for` turns the cache off: every read computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    pub fresh_for: Duration,
    pub stale_for: Duration,
}

impl Freshness {
    /// Both `times` longer (for values that cost more and change less).
    pub fn slower(self, times: u32) -> Self {
        Freshness {
            fresh_for: self.fresh_for * times,
            stale_for: self.stale_for * times,
        }
    }
}

/// Hits and misses of one cache (for /metrics).
#[derive(Default)]
pub struct CacheCounters {
    pub hits: AtomicU64,
    pub misses: AtomicU64,
}

struct Entry<V> {
    value: Arc<V>,
    computed_at: Instant,
    /// This entry's share of `fresh_for` (between a half and all of it): entries computed together
    /// (a burst of first reads) would otherwise all go stale and refresh together, and a thousand
    /// refreshes at once queue for the pool long enough to pass the stale limit.
    fresh_for: Duration,
    refreshing: bool,
    /// What `weigh` said of the value.
    bytes: usize,
}

#[derive(Default)]
struct Entries<V> {
    map: HashMap<String, Entry<V>>,
    /// The sum of the entries' `bytes`.
    bytes: usize,
}

pub struct SwrCache<V> {
    entries: Mutex<Entries<V>>,
    /// Keys being computed with nothing to serve meanwhile: the first request computes, the others
    /// wait for it (64 readers arriving at once at an empty page would otherwise compute it 64 times).
    first_loads: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    fresh_for: Duration,
    stale_for: Duration,
    /// At most this many bytes of values are kept; the oldest go first.
    max_bytes: usize,
    /// About how many bytes a value holds (its text and buffers).
    weigh: fn(&V) -> usize,
    counters: CacheCounters,
}

impl<V: Send + Sync + 'static> SwrCache<V> {
    /// A cache bounded by its number of entries only (for small values).
    pub fn new(freshness: Freshness) -> Arc<Self> {
        Self::bounded(freshness, usize::MAX, |_| 0)
    }

    /// A cache that also keeps at most `max_bytes` of values, as `weigh` counts them.
    pub fn bounded(freshness: Freshness, max_bytes: usize, weigh: fn(&V) -> usize) -> Arc<Self> {
        let Freshness {
            fresh_for,
            stale_for,
        } = freshness;
        Arc::new(SwrCache {
            entries: Mutex::new(Entries {
                map: HashMap::new(),
                bytes: 0,
            }),
            first_loads: Mutex::new(HashMap::new()),
            fresh_for,
            stale_for: stale_for.max(fresh_for),
            max_bytes,
            weigh,
            counters: Default::default(),
        })
    }

    /// Hits and misses so far (for /metrics).
    pub fn counters(&self) -> &CacheCounters {
        &self.counters
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<V>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Bytes of values held now (as `weigh` counts them).
    pub fn bytes(&self) -> usize {
        self.lock().bytes
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
        if !self.enabled() {
            self.counters.misses.fetch_add(1, Ordering::Relaxed);
            return Ok(Arc::new(compute().await?));
        }
        if self.lock().map.contains_key(&key) {
            self.counters.hits.fetch_add(1, Ordering::Relaxed);
            return self.serve_or_compute(key, compute).await;
        }
        self.counters.misses.fetch_add(1, Ordering::Relaxed);
        // Nothing to serve: one request computes, the others wait for it and take its value.
        let gate = self
            .first_loads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key.clone())
            .or_default()
            .clone();
        let _turn = gate.lock().await;
        let result = self.serve_or_compute(key.clone(), compute).await;
        self.first_loads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&key);
        result
    }

    /// Serves the entry when fresh, or stale while one background refresh runs; computes inline
    /// when there is none or it is too old to serve.
    async fn serve_or_compute<F, Fut>(
        self: &Arc<Self>,
        key: String,
        compute: F,
    ) -> Result<Arc<V>, ApiError>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<V, ApiError>> + Send + 'static,
    {
        let now = Instant::now();
        {
            let mut entries = self.lock();
            if let Some(entry) = entries.map.get_mut(&key) {
                let age = now.duration_since(entry.computed_at);
                if age < entry.fresh_for || entry.refreshing {
                    // Fresh, or someone is already recomputing it: never pile up on one key.
                    return Ok(entry.value.clone());
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
                    return Ok(stale);
                }
                // Too old to serve: this request recomputes it while the others keep the old
                // value for the moment that takes.
            }
        }
        match compute().await {
            Ok(value) => {
                let value = Arc::new(value);
                self.store_arc(key, value.clone());
                Ok(value)
            }
            Err(error) => {
                self.store(key, None);
                Err(error)
            }
        }
    }

    /// The value kept under `key`, however old, without counting a read or refreshing it: for a
    /// rebuild that may find its inputs unchanged and keep the value it has.
    pub fn peek(&self, key: &str) -> Option<Arc<V>> {
        self.lock().map.get(key).map(|entry| entry.value.clone())
    }

    /// Forgets everything: the next read of each page recomputes it.
    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.map.clear();
        entries.bytes = 0;
    }

    fn store(&self, key: String, value: Option<V>) {
        match value {
            Some(value) => self.store_arc(key, Arc::new(value)),
            None => {
                // The refresh failed: keep serving the stale value until it is too old.
                if let Some(entry) = self.lock().map.get_mut(&key) {
                    entry.refreshing = false;
                }
            }
        }
    }

    fn store_arc(&self, key: String, value: Arc<V>) {
        let bytes = (self.weigh)(&value);
        let mut entries = self.lock();
        if let Some(old) = entries.map.remove(&key) {
            entries.bytes -= old.bytes;
        }
        if entries.map.len() >= MAX_ENTRIES || entries.bytes + bytes > self.max_bytes {
            // Past a bound: drop what is too old to serve, then the oldest, down to three quarters,
            // so this sort happens once per many inserts.
            let stale_for = self.stale_for;
            entries
                .map
                .retain(|_, e| e.computed_at.elapsed() < stale_for);
            let mut by_age: Vec<(Instant, usize, String)> = entries
                .map
                .iter()
                .map(|(key, e)| (e.computed_at, e.bytes, key.clone()))
                .collect();
            by_age.sort_unstable_by_key(|(at, _, _)| *at);
            let mut held: usize = by_age.iter().map(|(_, bytes, _)| bytes).sum();
            let mut count = by_age.len();
            let (count_goal, bytes_goal) = (MAX_ENTRIES * 3 / 4, self.max_bytes / 4 * 3);
            for (_, entry_bytes, key) in by_age {
                if count <= count_goal && held + bytes <= bytes_goal {
                    break;
                }
                entries.map.remove(&key);
                held -= entry_bytes;
                count -= 1;
            }
            entries.bytes = held;
        }
        entries.bytes += bytes;
        let computed_at = Instant::now();
        let fresh_for = jittered(self.fresh_for, &key, computed_at);
        entries.map.insert(
            key,
            Entry {
                value,
                computed_at,
                fresh_for,
                refreshing: false,
                bytes,
            },
        );
    }
}

/// Between half of `fresh_for` and all of it, spread by the key and the moment.
fn jittered(fresh_for: Duration, key: &str, at: Instant) -> Duration {
    use std::hash::{BuildHasher as _, Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    key.hash(&mut hasher);
    at.hash(&mut hasher);
    let share = 0.5 + (hasher.finish() % 1_000) as f64 / 2_000.0;
    fresh_for.mul_f64(share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn freshness(fresh_for: Duration, stale_for: Duration) -> Freshness {
        Freshness {
            fresh_for,
            stale_for,
        }
    }

    fn counting(
        counter: &Arc<AtomicUsize>,
    ) -> impl Future<Output = Result<usize, ApiError>> + Send + 'static {
        let counter = counter.clone();
        async move { Ok(counter.fetch_add(1, Ordering::SeqCst) + 1) }
    }

    #[tokio::test]
    async fn fresh_values_are_served_without_recomputing() {
        let cache = SwrCache::new(freshness(Duration::from_secs(60), Duration::from_secs(60)));
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
        let cache = SwrCache::new(freshness(
            Duration::from_millis(20),
            Duration::from_secs(60),
        ));
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
        let cache = SwrCache::new(freshness(
            Duration::from_millis(5),
            Duration::from_millis(10),
        ));
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
    async fn a_byte_budget_keeps_the_newest_values_within_it() {
        let cache: Arc<SwrCache<Vec<u8>>> = SwrCache::bounded(
            freshness(Duration::from_secs(60), Duration::from_secs(60)),
            10_000,
            Vec::len,
        );
        for i in 0..100 {
            cache
                .get(format!("k{i}"), || async { Ok(vec![0u8; 1_000]) })
                .await
                .unwrap();
            assert!(cache.bytes() <= 10_000, "{} bytes held", cache.bytes());
        }
        let held_newest = cache.lock().map.contains_key("k99");
        let held_oldest = cache.lock().map.contains_key("k0");
        assert!(held_newest && !held_oldest);
        cache.clear();
        assert_eq!(cache.bytes(), 0);
    }

    #[tokio::test]
    async fn readers_arriving_together_at_an_empty_key_compute_it_once() {
        let cache: Arc<SwrCache<usize>> =
            SwrCache::new(freshness(Duration::from_secs(60), Duration::from_secs(60)));
        let calls = Arc::new(AtomicUsize::new(0));
        let readers = (0..20).map(|_| {
            let (cache, calls) = (cache.clone(), calls.clone());
            tokio::spawn(async move {
                cache
                    .get("k".into(), move || async move {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Ok(calls.fetch_add(1, Ordering::SeqCst) + 1)
                    })
                    .await
                    .map(|value| *value)
            })
        });
        for reader in futures_util::future::join_all(readers).await {
            assert_eq!(
                reader.unwrap().unwrap(),
                1,
                "everyone gets the one computation"
            );
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_zero_freshness_disables_the_cache() {
        let cache = SwrCache::new(freshness(Duration::ZERO, Duration::ZERO));
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
