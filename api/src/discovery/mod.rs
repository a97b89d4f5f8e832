//! How readers and machines find articles outside the SPA: Atom feeds of the newest articles (the
//! site's and each category's), `robots.txt` and the sitemap for search engines (link previews are
//! the server-rendered pages' heads: [`crate::pages`]). All of them carry absolute URLs (see
//! [`crate::public_url`]); a page's is the one it names as canonical ([`links`]).

pub mod atom;
pub mod handlers;
pub mod links;
pub mod model;
pub mod queries;
pub mod sitemap;
pub mod xml;

use std::sync::Arc;

use actix_web::web::Bytes;

use crate::db::Database;
use crate::error::ApiError;
use crate::site::model::SiteSettings;
use crate::swr::{CacheCounters, Freshness, SwrCache};

/// A page's title as the SPA writes it (`pageTitle`): its non-empty parts joined by " - ".
pub fn page_title(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" - ")
}

/// A generated document, ready to send.
pub struct Document {
    pub body: Bytes,
    pub etag: String,
}

impl Document {
    pub fn new(body: String) -> Self {
        Document {
            etag: crate::http_cache::etag_of(body.as_bytes()),
            body: Bytes::from(body),
        }
    }
}

/// Bytes of feeds kept: a feed is 20 summaries, some 20 KB.
const FEEDS_BYTES: usize = 4 << 20;
/// Bytes of sitemap files kept: a full one (50,000 URLs) is some 3 MB.
const SITEMAPS_BYTES: usize = 16 << 20;

/// The read caches of discovery, built and cleared with the others by `cache::ReadCaches`: fresh and
/// stale for as long as the other public reads, and cleared with them by an editor's write. Documents are kept per
/// origin, since their links depend on it when `KANWU_PUBLIC_URL` is unset.
pub struct Caches {
    site: Arc<SwrCache<SiteSettings>>,
    pub feeds: Arc<SwrCache<Document>>,
    /// The sitemap's id ranges: a pass over the index of every public article, so recomputed as
    /// seldom as the other site-wide aggregates.
    pub sitemap_ranges: Arc<SwrCache<Vec<model::IdRange>>>,
    /// `None`: a file with nothing in it (404).
    pub sitemaps: Arc<SwrCache<Option<Document>>>,
}

impl Caches {
    /// `pages` for feeds and sitemap files, `aggregates` for the site's settings and the sitemap's
    /// ranges.
    pub fn new(pages: Freshness, aggregates: Freshness) -> Self {
        fn document_bytes(document: &Document) -> usize {
            64 + document.body.len()
        }
        Caches {
            site: SwrCache::new(aggregates),
            feeds: SwrCache::bounded(pages, FEEDS_BYTES, document_bytes),
            sitemap_ranges: SwrCache::new(aggregates),
            sitemaps: SwrCache::bounded(pages, SITEMAPS_BYTES, |document| {
                document.as_ref().map_or(64, document_bytes)
            }),
        }
    }

    pub fn clear(&self) {
        self.site.clear();
        self.feeds.clear();
        self.sitemap_ranges.clear();
        self.sitemaps.clear();
    }

    /// Each cache's hits and misses, by name (for /metrics).
    pub fn counters(&self) -> Vec<(&'static str, &CacheCounters)> {
        vec![
            ("site", self.site.counters()),
            ("feeds", self.feeds.counters()),
            ("sitemap_ranges", self.sitemap_ranges.counters()),
            ("sitemaps", self.sitemaps.counters()),
        ]
    }

    /// The site's name and description.
    pub async fn site(&self, db: &Database) -> Result<Arc<SiteSettings>, ApiError> {
        let db = db.clone();
        self.site
            .get(String::new(), move || async move {
                db.run(|conn| Ok(crate::site::queries::site_settings(conn)?))
                    .await
            })
            .await
    }
}
