//! The home page kept in memory (see [`crate::swr`]): the rendered page per `per_category`, and
//! the week's most viewed, which all of them share.

use std::sync::Arc;

use super::queries::RankedRow;
use crate::swr::{Freshness, SwrCache};

/// The home page's JSON, by `per_category`.
pub fn pages(freshness: Freshness) -> Arc<SwrCache<Vec<u8>>> {
    SwrCache::new(freshness)
}

/// The week's most viewed articles, under one key.
pub fn most_viewed_week(freshness: Freshness) -> Arc<SwrCache<Vec<RankedRow>>> {
    SwrCache::new(freshness)
}
