use std::sync::Arc;

use actix_web::{get, web, HttpRequest, HttpResponse};

use super::atom::{self, FeedHead};
use super::model::IdRange;
use super::sitemap::{self, File, Layout, Url};
use super::{links, page_title, queries, Caches, Document};
use crate::categories::cache::TreeCache;
use crate::categories::model::CategoryTree;
use crate::config::Config;
use crate::db::Database;
use crate::error::ApiError;
use crate::http_cache;
use crate::openapi::responses::{NotFound, NotModified, Unavailable};
use crate::public_url;
use crate::site_time::SiteTime;
use crate::state::AppState;

/// Articles per feed.
pub const FEED_LENGTH: i64 = 20;
/// Like the other public reads: the same few seconds a cache may lag anyway.
const PUBLIC_CACHE: &str = "public, max-age=5";
const ATOM: &str = "application/atom+xml; charset=utf-8";
const XML: &str = "application/xml; charset=utf-8";

/// The site's newest 20 published articles as an Atom feed: title, summary, author, times and a
/// link to each article's page (never a body). Links are absolute, from `KANWU_PUBLIC_URL` or the
/// request.
#[utoipa::path(
    tag = "discovery",
    summary = "The site's newest 20 published articles as an Atom feed",
    description = "Atom 1.0 (RFC 4287): the title, summary, author and times of each article and a \
        link to its page, never a body. Links are absolute, built from `KANWU_PUBLIC_URL` or else \
        the request. Answers 304 to a matching `If-None-Match`.",
    responses(
        (status = 200, description = "The feed (Atom 1.0, RFC 4287), newest first", body = String, content_type = "application/atom+xml",
            headers(("ETag" = String, description = "Send back in `If-None-Match` to get 304 when unchanged"))),
        NotModified, Unavailable,
    ),
)]
#[get("/feed.xml")]
pub async fn get_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let origin = public_url::origin(&req, &state.config, &state.proxies);
    let document = feed(
        &state.db,
        &state.caches.tree,
        &state.caches.discovery,
        origin,
        None,
        state.config.time,
    )
    .await?;
    Ok(send(&req, &document, ATOM))
}

/// A category's newest 20 published articles as an Atom feed, its subcategories' included (as in
/// the article list's `category` filter).
#[utoipa::path(
    tag = "discovery",
    summary = "A category's newest 20 published articles as an Atom feed",
    description = "As `/feed.xml`, for one category and its subcategories (as in the article \
        list's `category` filter), by slug or id.\n\n\
        Fails with 404 when no category has that slug or id.",
    params(("slug" = String, Path, description = "The category's slug (or id)", example = "features")),
    responses(
        (status = 200, description = "The feed (Atom 1.0, RFC 4287), newest first", body = String, content_type = "application/atom+xml",
            headers(("ETag" = String, description = "Send back in `If-None-Match` to get 304 when unchanged"))),
        NotModified, NotFound, Unavailable,
    ),
)]
#[get("/c/{slug}/feed.xml")]
pub async fn get_category_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tree = state.caches.tree(&state.db).await?;
    let category = tree
        .find(&slug)
        .ok_or_else(|| ApiError::NotFound(format!("no category is called {slug}")))?;
    let origin = public_url::origin(&req, &state.config, &state.proxies);
    let document = feed(
        &state.db,
        &state.caches.tree,
        &state.caches.discovery,
        origin,
        Some(category.id),
        state.config.time,
    )
    .await?;
    Ok(send(&req, &document, ATOM))
}

async fn feed(
    db: &Database,
    tree: &TreeCache,
    caches: &Caches,
    origin: String,
    category: Option<i64>,
    time: SiteTime,
) -> Result<Arc<Document>, ApiError> {
    let tree = tree.get(db).await?;
    let site = caches.site(db).await?;
    let db = db.clone();
    let key = format!("{origin}|{category:?}");
    caches
        .feeds
        .get(key, move || async move {
            let category = category.and_then(|id| tree.by_id(id)).cloned();
            let ids = category.as_ref().map(|c| tree.subtree_ids(c.id));
            let entries = db
                .run(move |conn| Ok(queries::latest(conn, ids.as_deref(), FEED_LENGTH)?))
                .await?;
            let (title, path, page) = match &category {
                Some(c) => (
                    page_title(&[&c.name, &site.name]),
                    links::category_feed(&c.slug),
                    links::category(&c.slug),
                ),
                None => (
                    site.name.clone(),
                    "/feed.xml".to_owned(),
                    links::HOME.to_owned(),
                ),
            };
            let subtitle = match &category {
                Some(c) => c.description.as_str(),
                None => site.description.as_str(),
            };
            let head = FeedHead {
                origin: &origin,
                title: &title,
                subtitle,
                site_name: &site.name,
                path: &path,
                page: &page,
                empty_updated: chrono::Utc::now().naive_utc(),
                time,
            };
            Ok(Document::new(atom::render(&head, &entries, &tree)))
        })
        .await
}

/// The sitemap (sitemaps.org 0.9): the home page, every category and every published article with
/// its last change. Past 50,000 URLs it is a sitemap index of `/sitemap-{n}.xml` files instead.
#[utoipa::path(
    tag = "discovery",
    summary = "The sitemap (sitemaps.org 0.9)",
    description = "Lists the home page, every category and every published article with its last \
        change. Past 50,000 URLs it is a sitemap index of `/sitemap-{n}.xml` files instead. \
        Answers 304 to a matching `If-None-Match`.",
    responses(
        (status = 200, description = "A `urlset`, or a `sitemapindex` when the site has more URLs than one file may list", body = String, content_type = "application/xml",
            headers(("ETag" = String, description = "Send back in `If-None-Match` to get 304 when unchanged"))),
        NotModified, Unavailable,
    ),
)]
#[get("/sitemap.xml")]
pub async fn get_sitemap(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let origin = public_url::origin(&req, &state.config, &state.proxies);
    let (layout, ranges, tree) = sitemap_layout(
        &state.db,
        &state.caches.tree,
        &state.caches.discovery,
        &state.config,
    )
    .await?;
    let db = state.db.clone();
    let document = state
        .caches
        .discovery
        .sitemaps
        .get(format!("{origin}|index"), move || async move {
            if !layout.fits_one_file() {
                let files = layout.files(&ranges);
                return Ok(Some(Document::new(sitemap::index(&origin, &files))));
            }
            let mut urls = page_urls(&tree, &ranges);
            // The counts may lag the articles by a few seconds: never more than a file may hold.
            let room = layout.size.saturating_sub(urls.len() as u64) as i64;
            let articles = db
                .run(move |conn| Ok(queries::sitemap_articles(conn, 1, i64::MAX, room)?))
                .await?;
            urls.extend(articles.iter().map(article_url));
            Ok(Some(Document::new(sitemap::urlset(&origin, urls))))
        })
        .await?;
    send_found(&req, &document)
}

/// Where crawlers may go, and where the sitemap is (as WordPress serves it): the reader's pages and
/// feeds, not the JSON API, the editors' console or the member centre.
#[utoipa::path(
    tag = "discovery",
    summary = "Where crawlers may go, and where the sitemap is",
    description = "robots.txt as WordPress serves it: crawlers may read the reader's pages and \
        feeds, not the editors' console or the JSON API; a `Sitemap` line gives the sitemap's \
        absolute address. Never fails.",
    responses(
        (status = 200, description = "robots.txt (RFC 9309) with a `Sitemap` line", body = String, content_type = "text/plain"),
    ),
)]
#[get("/robots.txt")]
pub async fn get_robots(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let origin = public_url::origin(&req, &state.config, &state.proxies);
    HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, PUBLIC_CACHE))
        .content_type("text/plain; charset=utf-8")
        .body(robots(&origin))
}

/// Search results are not disallowed: they answer `X-Robots-Tag: noindex`, which a crawler kept
/// out would never read (and a disallowed address that is linked to can still be listed, bare).
fn robots(origin: &str) -> String {
    let sitemap = links::absolute(origin, "/sitemap.xml");
    format!("User-agent: *\nDisallow: /api/\nDisallow: /admin\nDisallow: /member\n\nSitemap: {sitemap}\n")
}

/// One file of the sitemap index: the first ones list the home page and the categories, each later
/// one the published articles of one range of ids (at most 50,000 URLs each).
#[utoipa::path(
    tag = "discovery",
    summary = "One file of the sitemap index",
    description = "The first files list the home page and the categories; each later one lists the \
        published articles of one range of ids (at most 50,000 URLs each), as the index names \
        them.\n\n\
        Fails with 404 for a number the index does not list, or a range with nothing published.",
    params(("n" = u64, Path, description = "The file's number, as the index lists it", minimum = 1)),
    responses(
        (status = 200, description = "A `urlset`", body = String, content_type = "application/xml",
            headers(("ETag" = String, description = "Send back in `If-None-Match` to get 304 when unchanged"))),
        NotModified, NotFound, Unavailable,
    ),
)]
#[get("/sitemap-{n}.xml")]
pub async fn get_sitemap_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    n: web::Path<u64>,
) -> Result<HttpResponse, ApiError> {
    let n = n.into_inner();
    let (layout, ranges, tree) = sitemap_layout(
        &state.db,
        &state.caches.tree,
        &state.caches.discovery,
        &state.config,
    )
    .await?;
    let Some(file) = layout.file(n) else {
        return Err(not_found(&req));
    };
    let origin = public_url::origin(&req, &state.config, &state.proxies);
    let db = state.db.clone();
    let document = state
        .caches
        .discovery
        .sitemaps
        .get(format!("{origin}|{n}"), move || async move {
            let urls: Vec<Url> = match file {
                File::Pages { skip } => page_urls(&tree, &ranges)
                    .into_iter()
                    .skip(skip as usize)
                    .take(layout.size as usize)
                    .collect(),
                File::Articles { bucket } => {
                    let Some((first, last)) = layout.ids(bucket) else {
                        return Ok(None);
                    };
                    let size = layout.size as i64;
                    let articles = db
                        .run(move |conn| Ok(queries::sitemap_articles(conn, first, last, size)?))
                        .await?;
                    articles.iter().map(article_url).collect()
                }
            };
            // An empty `urlset` is invalid (the schema wants a `url`): nothing there is a 404.
            Ok((!urls.is_empty()).then(|| Document::new(sitemap::urlset(&origin, urls))))
        })
        .await?;
    send_found(&req, &document)
}

/// The page size, the id ranges that hold public articles, and the category tree.
async fn sitemap_layout(
    db: &Database,
    tree: &TreeCache,
    caches: &Caches,
    config: &Config,
) -> Result<(Layout, Arc<Vec<IdRange>>, Arc<CategoryTree>), ApiError> {
    let size = u64::from(config.discovery.sitemap_page_size.max(1));
    let tree = tree.get(db).await?;
    let ranges_db = db.clone();
    let ranges = caches
        .sitemap_ranges
        .get(size.to_string(), move || async move {
            ranges_db
                .run(move |conn| Ok(queries::id_ranges(conn, size as i64)?))
                .await
        })
        .await?;
    let layout = Layout {
        size,
        pages: 1 + tree.depth_first().len() as u64,
        articles: ranges.iter().map(|range| range.articles as u64).sum(),
    };
    Ok((layout, ranges, tree))
}

/// The home page (changed with the newest article) and every category, depth-first.
fn page_urls(tree: &CategoryTree, ranges: &[IdRange]) -> Vec<Url> {
    let newest = ranges.iter().map(|range| range.lastmod).max();
    let mut urls = vec![Url {
        path: links::HOME.to_owned(),
        lastmod: newest,
    }];
    urls.extend(tree.depth_first().into_iter().map(|(category, _)| Url {
        path: links::category(&category.slug),
        lastmod: None,
    }));
    urls
}

fn article_url(article: &super::model::SitemapArticle) -> Url {
    Url {
        path: links::article(article.id),
        lastmod: Some(article.lastmod()),
    }
}

fn not_found(req: &HttpRequest) -> ApiError {
    ApiError::NotFound(format!("there is no sitemap file at {}", req.path()))
}

fn send_found(req: &HttpRequest, document: &Option<Document>) -> Result<HttpResponse, ApiError> {
    match document {
        Some(document) => Ok(send(req, document, XML)),
        None => Err(not_found(req)),
    }
}

/// 200 with the document, or 304 when the client has it.
fn send(req: &HttpRequest, document: &Document, content_type: &'static str) -> HttpResponse {
    http_cache::respond(
        req,
        document.etag.clone(),
        PUBLIC_CACHE,
        content_type,
        document.body.clone(),
    )
}
