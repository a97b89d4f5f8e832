//! View counting: `POST /api/v1/articles/{id}/views` counts a viewer once per article per window,
//! in memory; a background task adds the counts to the database at least once a second, in one
//! transaction per flush (`views = views + delta`, plus per-day buckets for rankings).

pub mod bots;
pub mod counter;
pub mod handlers;
pub mod queries;
pub mod stored;

pub use counter::ViewCounter;
pub use stored::StoredViews;
