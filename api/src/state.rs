//! The application's one context: everything a request may need that outlives it, built once by
//! `startup` and shared by every worker. Handlers take `web::Data<AppState>` and read the part they
//! need; functions below the HTTP layer take that part, not the whole.

use std::sync::Arc;

use crate::auth::rate_limit::RateLimits;
use crate::auth::{PasswordHasher, TokenKeys};
use crate::cache::ReadCaches;
use crate::client_address::TrustedProxies;
use crate::config::Config;
use crate::db::Database;
use crate::frontend::web_dir::WebDir;
use crate::metrics::RequestMetrics;
use crate::openapi::RouteIndex;
use crate::views::{StoredViews, ViewCounter};

pub struct AppState {
    pub config: Config,
    pub db: Database,
    /// Public reads kept in memory (fresh for a second, served stale while one task refreshes).
    pub caches: ReadCaches,
    /// Views counted in memory and written every `KANWU_VIEW_FLUSH_MS`.
    pub views: Arc<ViewCounter>,
    /// View totals read from the database, for pages not in the article cache.
    pub stored_views: StoredViews,
    pub metrics: RequestMetrics,
    pub proxies: TrustedProxies,
    pub token_keys: TokenKeys,
    pub hasher: PasswordHasher,
    pub limits: RateLimits,
    /// The documented routes and their methods, for 404/405 outside the route table.
    pub routes: RouteIndex,
    pub web_dir: WebDir,
}
