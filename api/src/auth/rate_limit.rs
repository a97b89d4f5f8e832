//! A sliding-window limit per key (a client address), kept in memory: each instance limits what it
//! sees. (Per-account login lockout lives in the database so it holds across instances.)

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    limit: usize,
    window: Duration,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(limit: usize, window: Duration) -> Self {
        RateLimiter {
            limit,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Records a hit for `key`; `Err(seconds)` to wait when the window is full.
    pub fn hit(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        if hits.len() > 100_000 {
            // Bounded memory under a flood of distinct keys: forget the idle ones.
            let window = self.window;
            hits.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        let times = hits.entry(key.to_owned()).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.limit {
            let oldest = *times.front().expect("a full window has a first hit");
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs().max(1));
        }
        times.push_back(now);
        Ok(())
    }
}

/// The limits the API applies, configured once.
pub struct RateLimits {
    pub captcha: RateLimiter,
    pub login: RateLimiter,
    pub registration: RateLimiter,
}

impl RateLimits {
    pub fn new(scale: u32) -> Self {
        // `scale` multiplies every limit (tests that hammer one address raise it).
        let n = |base: usize| base * scale.max(1) as usize;
        RateLimits {
            captcha: RateLimiter::new(n(30), Duration::from_secs(60)),
            login: RateLimiter::new(n(30), Duration::from_secs(60)),
            registration: RateLimiter::new(n(10), Duration::from_secs(60)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_fills_then_says_how_long_to_wait() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limiter.hit("a").is_ok());
        }
        let wait = limiter.hit("a").unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(limiter.hit("b").is_ok(), "other keys are unaffected");
    }
}
