use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher as _, Hash};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::Database;
use crate::error::ApiError;

/// Counts not yet in the database: `pending` waits for the next flush, `in_flight` is being written
/// by the current one. `generation` moves when a flush settles, which happens on the database thread
/// right after its COMMIT returns (not after a hop back to a busy executor), so a reader whose stored
/// count was read while the generation stayed put counts each view once. The one blind spot is the
/// few microseconds between a COMMIT becoming visible and that settle: a read landing there counts
/// the batch's views of its article twice, for that one response. Making readers wait for commits
/// instead cost SQLite's durable COMMITs a 100 ms p99 (docs/PERFORMANCE.md).
#[derive(Default)]
struct Unflushed {
    pending: HashMap<i64, i64>,
    in_flight: HashMap<i64, i64>,
    generation: u64,
}

impl Unflushed {
    /// After a flush's transaction: its views are in the database, or back in `pending`.
    fn settle(&mut self, written: bool) {
        let in_flight = std::mem::take(&mut self.in_flight);
        if !written {
            for (id, delta) in in_flight {
                *self.pending.entry(id).or_insert(0) += delta;
            }
        }
        self.generation += 1;
    }

    fn for_article(&self, id: i64) -> i64 {
        self.pending.get(&id).copied().unwrap_or(0) + self.in_flight.get(&id).copied().unwrap_or(0)
    }
}

/// Views counted in memory and not yet written, and who was counted recently.
pub struct ViewCounter {
    unflushed: Arc<Mutex<Unflushed>>,
    recent_viewers: Mutex<HashMap<(i64, u64), Instant>>,
    window: Duration,
    /// Keyed per process, so viewer keys cannot be turned back into addresses.
    viewer_keys: RandomState,
    /// One flush at a time (the periodic one and the one at shutdown).
    flushing: tokio::sync::Mutex<()>,
}

impl ViewCounter {
    pub fn new(window: Duration) -> Self {
        ViewCounter {
            unflushed: Arc::new(Mutex::new(Unflushed::default())),
            recent_viewers: Mutex::new(HashMap::new()),
            window,
            viewer_keys: RandomState::new(),
            flushing: tokio::sync::Mutex::new(()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, Unflushed> {
        lock(&self.unflushed)
    }

    /// An opaque key for a viewer, from whatever identifies them (member id, or address and User-Agent).
    pub fn viewer_key(&self, identity: impl Hash) -> u64 {
        self.viewer_keys.hash_one(identity)
    }

    /// Counts the view unless this viewer was counted for this article within the window.
    pub fn record(&self, article_id: i64, viewer: u64) -> bool {
        let now = Instant::now();
        {
            let mut recent = self
                .recent_viewers
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            match recent.get(&(article_id, viewer)) {
                Some(&at) if now.duration_since(at) < self.window => return false,
                _ => {
                    recent.insert((article_id, viewer), now);
                }
            }
        }
        *self.state().pending.entry(article_id).or_insert(0) += 1;
        true
    }

    /// Views of this article counted here and not yet in the database.
    pub fn pending_for(&self, article_id: i64) -> i64 {
        self.state().for_article(article_id)
    }

    /// What this instance has not written yet, as of now: pair it with a stored count read after
    /// this call, and check it with `still_current` once that read is done.
    pub fn snapshot(&self, article_id: i64) -> Snapshot {
        let state = self.state();
        Snapshot {
            generation: state.generation,
            unflushed: state.for_article(article_id),
        }
    }

    /// The total for a stored count read between `snapshot` and now, if no flush committed in
    /// between (otherwise the read may or may not include that flush: read again).
    pub fn total_if_current(&self, snapshot: Snapshot, stored: i64) -> Option<i64> {
        (self.state().generation == snapshot.generation).then_some(stored + snapshot.unflushed)
    }

    /// The stored count (read by `read_stored`) plus this instance's unflushed views, never counting
    /// a flushed batch twice or not at all (see `Unflushed`). Reads never wait for a flush.
    pub async fn total<F, Fut, E>(&self, article_id: i64, read_stored: F) -> Result<Option<i64>, E>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<Option<i64>, E>>,
    {
        for _ in 0..5 {
            let snapshot = self.snapshot(article_id);
            let Some(stored) = read_stored().await? else {
                return Ok(None);
            };
            if let Some(total) = self.total_if_current(snapshot, stored) {
                return Ok(Some(total));
            }
        }
        // Flushes kept finishing under us (they run about once a second): take a fresh pair.
        let unflushed = self.pending_for(article_id);
        Ok(read_stored().await?.map(|stored| stored + unflushed))
    }

    /// Forgets viewers whose window has passed, so memory stays bounded by recent traffic.
    fn forget_old_viewers(&self) {
        let window = self.window;
        self.recent_viewers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, at| at.elapsed() < window);
    }

    /// Writes pending views in one transaction; on failure they are merged back for the next flush.
    pub async fn flush(&self, db: &Database) -> bool {
        let _one_at_a_time = self.flushing.lock().await;
        let deltas = {
            let mut state = self.state();
            state.in_flight = std::mem::take(&mut state.pending);
            state.in_flight.clone()
        };
        if deltas.is_empty() {
            return true;
        }
        let today = chrono::Utc::now().date_naive();
        let articles = deltas.len();
        let unflushed = self.unflushed.clone();
        let written = db
            .run(move |conn| {
                let written = super::queries::add_views(conn, &deltas, today);
                lock(&unflushed).settle(written.is_ok());
                Ok(written)
            })
            .await;
        let error = match written {
            Ok(Ok(())) => return true,
            Ok(Err(error)) => ApiError::from(error),
            Err(error) => {
                // The transaction never ran (no connection): settle here instead.
                self.state().settle(false);
                error
            }
        };
        tracing::warn!(?error, articles, "view flush failed; will retry");
        false
    }

    /// Flushes every `interval` until the process ends.
    pub async fn flush_periodically(&self, db: Database, interval: Duration) {
        let mut ticker = tokio::time::interval(interval);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            self.flush(&db).await;
            self.forget_old_viewers();
        }
    }
}

/// A reader's view of the unflushed counts; see `ViewCounter::snapshot`.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot {
    generation: u64,
    unflushed: i64,
}

fn lock(state: &Mutex<Unflushed>) -> std::sync::MutexGuard<'_, Unflushed> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// User-Agent fragments of crawlers and link checkers: answered, never counted.
const BOT_MARKERS: &[&str] = &[
    "bot",
    "spider",
    "crawl",
    "slurp",
    "bingpreview",
    "facebookexternalhit",
    "mediapartners",
    "python-requests",
    "go-http-client",
    "wget",
    "httpclient",
    "okhttp",
    "scrapy",
    "headlessbrowser",
    "lighthouse",
];

pub fn is_bot(user_agent: &str) -> bool {
    let ua = user_agent.to_ascii_lowercase();
    ua.trim().is_empty() || BOT_MARKERS.iter().any(|marker| ua.contains(marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_viewer_counts_once_per_window() {
        let counter = ViewCounter::new(Duration::from_secs(1800));
        let viewer = counter.viewer_key(("127.0.0.1", "Mozilla/5.0"));
        assert!(counter.record(7, viewer));
        for _ in 0..99 {
            assert!(!counter.record(7, viewer));
        }
        assert!(counter.record(8, viewer), "another article counts");
        assert_eq!(counter.pending_for(7), 1);
    }

    #[test]
    fn after_the_window_the_viewer_counts_again() {
        let counter = ViewCounter::new(Duration::from_millis(0));
        let viewer = counter.viewer_key("member:1");
        assert!(counter.record(7, viewer));
        assert!(counter.record(7, viewer));
        assert_eq!(counter.pending_for(7), 2);
    }

    #[tokio::test]
    async fn a_reader_retries_when_a_flush_finishes_under_it() {
        let counter = ViewCounter::new(Duration::from_secs(1800));
        counter.record(7, 1);
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let total = counter
            .total(7, || {
                let first = reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0;
                if first {
                    // A flush commits between the reader's two looks: the stored count now has the view.
                    let mut state = counter.state();
                    state.pending.clear();
                    state.generation += 1;
                }
                // The stored count is 1 on both reads: the first look raced the flush, the second did not.
                async move { Ok::<_, ()>(Some(1)) }
            })
            .await
            .unwrap();
        assert_eq!(
            total,
            Some(1),
            "not 2: the flushed view is not counted twice"
        );
        assert_eq!(reads.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[test]
    fn crawlers_are_recognised_and_browsers_are_not() {
        assert!(is_bot("Mozilla/5.0 (compatible; Baiduspider/2.0)"));
        assert!(is_bot("Mozilla/5.0 (compatible; Googlebot/2.1)"));
        assert!(is_bot(""));
        assert!(!is_bot(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"
        ));
    }
}
