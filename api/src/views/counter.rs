use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher as _, Hash};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db::Database;

/// Views counted in memory and not yet written, and who was counted recently.
pub struct ViewCounter {
    pending: Mutex<HashMap<i64, i64>>,
    recent_viewers: Mutex<HashMap<(i64, u64), Instant>>,
    window: Duration,
    /// Keyed per process, so viewer keys cannot be turned back into addresses.
    viewer_keys: RandomState,
    /// A flush holds this for writing while it moves deltas into the database; a reader that adds
    /// stored and pending counts holds it for reading, so it never sees a delta twice or not at all.
    consistency: tokio::sync::RwLock<()>,
}

impl ViewCounter {
    pub fn new(window: Duration) -> Self {
        ViewCounter {
            pending: Mutex::new(HashMap::new()),
            recent_viewers: Mutex::new(HashMap::new()),
            window,
            viewer_keys: RandomState::new(),
            consistency: tokio::sync::RwLock::new(()),
        }
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
        *self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(article_id)
            .or_insert(0) += 1;
        true
    }

    /// Views of this article counted here and not yet in the database.
    pub fn pending_for(&self, article_id: i64) -> i64 {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&article_id)
            .copied()
            .unwrap_or(0)
    }

    fn take(&self) -> HashMap<i64, i64> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Puts back deltas whose write failed, adding to what arrived meanwhile.
    fn merge_back(&self, deltas: HashMap<i64, i64>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for (id, delta) in deltas {
            *pending.entry(id).or_insert(0) += delta;
        }
    }

    /// Forgets viewers whose window has passed, so memory stays bounded by recent traffic.
    fn forget_old_viewers(&self) {
        let window = self.window;
        self.recent_viewers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, at| at.elapsed() < window);
    }

    /// Hold while reading a stored count and adding [`Self::pending_for`] to it.
    pub async fn consistent_read(&self) -> tokio::sync::RwLockReadGuard<'_, ()> {
        self.consistency.read().await
    }

    /// Writes pending views in one transaction; on failure they are merged back for the next flush.
    pub async fn flush(&self, db: &Database) -> bool {
        let _writing = self.consistency.write().await;
        let deltas = self.take();
        if deltas.is_empty() {
            return true;
        }
        let to_write = deltas.clone();
        let today = chrono::Utc::now().date_naive();
        match db
            .run(move |conn| Ok(super::queries::add_views(conn, &to_write, today)?))
            .await
        {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(
                    ?error,
                    articles = deltas.len(),
                    "view flush failed; will retry"
                );
                self.merge_back(deltas);
                false
            }
        }
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

    #[test]
    fn failed_deltas_are_merged_back_with_new_ones() {
        let counter = ViewCounter::new(Duration::from_secs(1800));
        counter.record(7, 1);
        let taken = counter.take();
        counter.record(7, 2);
        counter.merge_back(taken);
        assert_eq!(counter.pending_for(7), 2);
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
