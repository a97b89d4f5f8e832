//! The view counter: views counted in memory (a viewer once per article per window), written by a
//! periodic flush, and the totals readers see: the stored count plus what this instance counted
//! since, each view once even while a flush races the read.
//! Longer than 400 lines because its tests of those races sit beside the code they pin down.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher as _, Hash};
use std::sync::atomic::Ordering;
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
    /// Totals read recently, kept current by this instance's own views: an article page served
    /// from the read cache, and a view POST, take their count from here instead of a query.
    known: HashMap<i64, Known>,
    /// Tells one `Known` entry from a later one for the same article.
    incarnations: u64,
}

/// A recently read total of one article, moved on by the views this instance counts after it.
struct Known {
    incarnation: u64,
    /// Views this instance counted for the article since this entry was made.
    counted: i64,
    /// The exact total when `counted` stood at `mark`, and when it was read.
    total: Option<(i64, i64, Instant)>,
    touched: Instant,
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

    /// The article's entry in `known`, made now if there is none.
    fn known(&mut self, id: i64, now: Instant) -> &mut Known {
        let incarnations = &mut self.incarnations;
        let known = self.known.entry(id).or_insert_with(|| {
            *incarnations += 1;
            Known {
                incarnation: *incarnations,
                counted: 0,
                total: None,
                touched: now,
            }
        });
        known.touched = now;
        known
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
    flush_counters: crate::metrics::FlushCounters,
    /// How long a total read from the database is used without reading it again (the read cache's
    /// freshness: other instances' views show within it). Zero reads every time.
    trust_for: Duration,
}

/// Totals kept at most; beyond it the oldest are forgotten (they are read again when needed).
const MAX_KNOWN: usize = 100_000;

impl ViewCounter {
    pub fn new(window: Duration, trust_for: Duration) -> Self {
        ViewCounter {
            unflushed: Arc::new(Mutex::new(Unflushed::default())),
            recent_viewers: Mutex::new(HashMap::new()),
            window,
            viewer_keys: RandomState::new(),
            flushing: tokio::sync::Mutex::new(()),
            flush_counters: Default::default(),
            trust_for,
        }
    }

    /// Flushes so far (for /metrics).
    pub fn flush_counters(&self) -> &crate::metrics::FlushCounters {
        &self.flush_counters
    }

    /// Views counted here and not yet written.
    pub fn pending_total(&self) -> u64 {
        let state = self.state();
        state
            .pending
            .values()
            .chain(state.in_flight.values())
            .map(|n| *n as u64)
            .sum()
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
        let mut state = self.state();
        *state.pending.entry(article_id).or_insert(0) += 1;
        if let Some(known) = state.known.get_mut(&article_id) {
            known.counted += 1;
        }
        true
    }

    /// Views of this article counted here and not yet in the database.
    pub fn pending_for(&self, article_id: i64) -> i64 {
        self.state().for_article(article_id)
    }

    /// What this instance has not written yet, as of now: pair it with a stored count read after
    /// this call, and check it with `still_current` once that read is done.
    pub fn snapshot(&self, article_id: i64) -> Snapshot {
        let mut state = self.state();
        let (generation, unflushed) = (state.generation, state.for_article(article_id));
        let known = state.known(article_id, Instant::now());
        Snapshot {
            article_id,
            generation,
            unflushed,
            incarnation: known.incarnation,
            mark: known.counted,
        }
    }

    /// The total for a stored count read between `snapshot` and now, if no flush committed in
    /// between (otherwise the read may or may not include that flush: read again). Remembered,
    /// so reads within `trust_for` need no query.
    pub fn total_if_current(&self, snapshot: Snapshot, stored: i64) -> Option<i64> {
        let mut state = self.state();
        if state.generation != snapshot.generation {
            return None;
        }
        let at_snapshot = stored + snapshot.unflushed;
        match state.known.get_mut(&snapshot.article_id) {
            Some(known) if known.incarnation == snapshot.incarnation => {
                known.total = Some((at_snapshot, snapshot.mark, Instant::now()));
                // Views counted here since the snapshot are in neither the stored count nor `unflushed`.
                Some(at_snapshot + known.counted - snapshot.mark)
            }
            // Forgotten meanwhile (see `forget_old_totals`): right as of the snapshot.
            _ => Some(at_snapshot),
        }
    }

    /// The total from a read made within `trust_for`, moved on by the views counted here since.
    pub fn recent_total(&self, article_id: i64) -> Option<i64> {
        let state = self.state();
        let known = state.known.get(&article_id)?;
        let (total, mark, read_at) = known.total?;
        (read_at.elapsed() < self.trust_for).then_some(total + known.counted - mark)
    }

    /// Forgets every remembered total (after an editorial write, which may have unpublished an
    /// article: the next read asks the database).
    pub fn forget_totals(&self) {
        self.state().known.clear();
    }

    /// The stored count (read by `read_stored`) plus this instance's unflushed views, never counting
    /// a flushed batch twice or not at all (see `Unflushed`). Reads never wait for a flush.
    pub async fn total<F, Fut, E>(&self, article_id: i64, read_stored: F) -> Result<Option<i64>, E>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<Option<i64>, E>>,
    {
        if let Some(total) = self.recent_total(article_id) {
            return Ok(Some(total));
        }
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

    /// Forgets totals not used for a while, and the oldest ones beyond `MAX_KNOWN`.
    fn forget_old_totals(&self) {
        let keep_for = self.trust_for.max(Duration::from_secs(1)) * 5;
        let mut state = self.state();
        state
            .known
            .retain(|_, known| known.touched.elapsed() < keep_for);
        if state.known.len() > MAX_KNOWN {
            let mut touched: Vec<Instant> = state.known.values().map(|k| k.touched).collect();
            let cut = touched.len() - MAX_KNOWN * 3 / 4;
            let (_, oldest_kept, _) = touched.select_nth_unstable(cut);
            let oldest_kept = *oldest_kept;
            state.known.retain(|_, known| known.touched >= oldest_kept);
        }
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
        let views: i64 = deltas.values().sum();
        let unflushed = self.unflushed.clone();
        let written = db
            .run_writing(move |conn| {
                let written = super::queries::add_views(conn, &deltas, today);
                lock(&unflushed).settle(written.is_ok());
                Ok(written)
            })
            .await;
        let error = match written {
            Ok(Ok(())) => {
                let counters = &self.flush_counters;
                counters.flushes.fetch_add(1, Ordering::Relaxed);
                counters.views.fetch_add(views as u64, Ordering::Relaxed);
                counters
                    .last_articles
                    .store(articles as u64, Ordering::Relaxed);
                return true;
            }
            Ok(Err(error)) => ApiError::from(error),
            Err(error) => {
                // The transaction never ran (no connection): settle here instead.
                self.state().settle(false);
                error
            }
        };
        self.flush_counters.failures.fetch_add(1, Ordering::Relaxed);
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
            self.forget_old_totals();
        }
    }
}

/// A reader's view of the unflushed counts; see `ViewCounter::snapshot`.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot {
    article_id: i64,
    generation: u64,
    unflushed: i64,
    incarnation: u64,
    mark: i64,
}

fn lock(state: &Mutex<Unflushed>) -> std::sync::MutexGuard<'_, Unflushed> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_viewer_counts_once_per_window() {
        let counter = ViewCounter::new(Duration::from_secs(1800), Duration::ZERO);
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
        let counter = ViewCounter::new(Duration::from_millis(0), Duration::ZERO);
        let viewer = counter.viewer_key("member:1");
        assert!(counter.record(7, viewer));
        assert!(counter.record(7, viewer));
        assert_eq!(counter.pending_for(7), 2);
    }

    #[tokio::test]
    async fn a_reader_retries_when_a_flush_finishes_under_it() {
        let counter = ViewCounter::new(Duration::from_secs(1800), Duration::ZERO);
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

    #[tokio::test]
    async fn a_recent_total_moves_on_with_views_counted_here_without_a_query() {
        let counter = ViewCounter::new(Duration::from_secs(1800), Duration::from_secs(60));
        let snapshot = counter.snapshot(7);
        counter.record(7, 1); // between the snapshot and the stored count's read: not in it
        assert_eq!(counter.total_if_current(snapshot, 10), Some(11));
        counter.record(7, 2);
        counter.record(7, 2); // the same viewer again: not counted
        let total = counter
            .total(7, || async {
                panic!("a recent total needs no query") as Result<_, ()>
            })
            .await;
        assert_eq!(total, Ok(Some(12)));
        assert_eq!(
            counter.recent_total(8),
            None,
            "another article was never read"
        );
    }

    #[tokio::test]
    async fn a_flush_does_not_change_a_recent_total() {
        let counter = ViewCounter::new(Duration::from_secs(1800), Duration::from_secs(60));
        let snapshot = counter.snapshot(7);
        assert_eq!(counter.total_if_current(snapshot, 10), Some(10));
        counter.record(7, 1);
        {
            // A flush writes the view: the stored count is 11 now, and the remembered total stays right.
            let mut state = counter.state();
            state.in_flight = std::mem::take(&mut state.pending);
            state.settle(true);
        }
        assert_eq!(counter.recent_total(7), Some(11));
    }

    #[tokio::test]
    async fn totals_are_read_again_once_too_old_or_forgotten() {
        let counter = ViewCounter::new(Duration::from_secs(1800), Duration::from_millis(20));
        let snapshot = counter.snapshot(7);
        counter.total_if_current(snapshot, 10);
        assert_eq!(counter.recent_total(7), Some(10));
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert_eq!(counter.recent_total(7), None, "older than trust_for");

        let snapshot = counter.snapshot(7);
        counter.total_if_current(snapshot, 10);
        counter.forget_totals();
        assert_eq!(
            counter.recent_total(7),
            None,
            "forgotten after an editorial write"
        );
    }
}
