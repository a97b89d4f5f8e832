//! Reads of stored view counts, coalesced. A view POST or an article page whose total is not
//! remembered needs the stored count; at 100,000 articles and more that is most of them, and one
//! primary-key read per request cost more in hops to the blocking pool than in the database
//! (docs/PERFORMANCE.md). Requests that arrive while a read is under way wait for the next one,
//! which serves them all with one `WHERE id IN (…)`: no added wait when the load is light, batches
//! when it is heavy.

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};

use super::queries;
use crate::db::Database;
use crate::error::ApiError;

/// Ids read by one statement at most.
const MAX_BATCH: usize = 256;

type Answer = oneshot::Sender<Result<Option<i64>, ApiError>>;

pub struct StoredViews {
    requests: mpsc::UnboundedSender<(i64, Answer)>,
    /// The pool timeout: a reader waits no longer than a query of its own would.
    timeout: std::time::Duration,
}

impl StoredViews {
    /// Starts the reading task on the current runtime.
    pub fn start(db: Database, timeout: std::time::Duration) -> Self {
        let (requests, mut incoming) = mpsc::unbounded_channel::<(i64, Answer)>();
        tokio::spawn(async move {
            while let Some(first) = incoming.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match incoming.try_recv() {
                        Ok(next) => batch.push(next),
                        Err(_) => break,
                    }
                }
                let mut ids: Vec<i64> = batch.iter().map(|(id, _)| *id).collect();
                ids.sort_unstable();
                ids.dedup();
                let found = db
                    .run(move |conn| Ok(queries::public_totals(conn, &ids)?))
                    .await
                    .map(|rows| rows.into_iter().collect::<HashMap<i64, i64>>());
                for (id, answer) in batch {
                    let _ = answer.send(match &found {
                        Ok(views) => Ok(views.get(&id).copied()),
                        Err(error) => Err(error.duplicate()),
                    });
                }
            }
        });
        StoredViews { requests, timeout }
    }

    /// The stored count of a public article, or `None` if there is no such public article.
    pub async fn read(&self, article_id: i64) -> Result<Option<i64>, ApiError> {
        let (answer, answered) = oneshot::channel();
        self.requests
            .send((article_id, answer))
            .map_err(|_| ApiError::Unavailable)?;
        // While the database is down a read takes the whole pool timeout, and one arriving during
        // it would wait for that read and then its own: the deadline keeps a 503 within one.
        tokio::time::timeout(self.timeout, answered)
            .await
            .map_err(|_| ApiError::Unavailable)?
            .map_err(|_| ApiError::Unavailable)?
    }
}
