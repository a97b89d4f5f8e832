//! The category reads kept in memory (see [`crate::swr`]): the tree, which every public read that
//! names a category starts from, and the published articles per category.

use std::collections::HashMap;
use std::sync::Arc;

use super::model::CategoryTree;
use super::queries;
use crate::db::Database;
use crate::error::ApiError;
use crate::swr::{CacheCounters, Freshness, SwrCache};

/// The whole category tree, under one key: the table is small and changes rarely.
pub struct TreeCache(Arc<SwrCache<CategoryTree>>);

impl TreeCache {
    pub fn new(freshness: Freshness) -> Self {
        TreeCache(SwrCache::new(freshness))
    }

    /// The tree, read from the database at most once per freshness.
    pub async fn get(&self, db: &Database) -> Result<Arc<CategoryTree>, ApiError> {
        let db = db.clone();
        self.0
            .get(String::new(), move || async move {
                db.run(|conn| Ok(queries::tree(conn)?)).await
            })
            .await
    }

    pub fn clear(&self) {
        self.0.clear();
    }

    pub fn counters(&self) -> &CacheCounters {
        self.0.counters()
    }
}

/// Published articles per category (its own, not its subtree's), under one key.
pub fn published_counts(freshness: Freshness) -> Arc<SwrCache<HashMap<i64, i64>>> {
    SwrCache::new(freshness)
}
