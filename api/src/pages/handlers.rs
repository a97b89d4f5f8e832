//! The reader routes as HTML. Each parses its address, takes its page from the page caches (built
//! on a miss by `article`, `lists` or `search`) and answers with the count and a nonce filled in.
//! An address that names nothing is a 404 with the 404 page, never the SPA's shell with 200.

use std::future::Future;

use actix_web::http::StatusCode;
use actix_web::{guard, web, HttpRequest, HttpResponse};
use askama::Template as _;
use serde::Deserialize;

use super::cache::article_key;
use super::frame::{Common, Island};
use super::head::Head;
use super::prepared::PreparedPage;
use super::respond::{accepts_gzip, encoded_html, html, nonce, Encoding, Indexing};
use super::search::Asked;
use super::views::NotFoundTemplate;
use super::{article, lists, search};
use crate::articles::reading;
use crate::error::ApiError;
use crate::public_url;
use crate::state::AppState;

/// `?page=` of a category or search page.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SearchAddress {
    q: Option<String>,
    category: Option<String>,
    page: Option<String>,
}

/// A page number as an address gives it: absent is 1; anything but a whole number from 1 is no page.
fn page_number(raw: Option<&str>) -> Option<i64> {
    match raw {
        None => Some(1),
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n)),
    }
}

/// `/a/{id}` takes a positive whole number, as the SPA's route does.
fn article_id(raw: &str) -> Option<i64> {
    let digits =
        raw.len() <= 16 && !raw.starts_with('0') && raw.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| raw.parse().ok()).flatten()
}

/// A cached page with its count and a fresh nonce filled in, gzip-encoded from its cached gzip
/// copy where the reader takes it.
fn serve(req: &HttpRequest, page: &PreparedPage, views: i64, indexing: Indexing) -> HttpResponse {
    let nonce = nonce();
    let (body, encoding) = if accepts_gzip(req) {
        (page.fill_gzip(views, &nonce), Encoding::Gzip)
    } else {
        (page.fill(views, &nonce), Encoding::Identity)
    };
    encoded_html(StatusCode::OK, body, encoding, &nonce, indexing)
}

fn origin(state: &AppState, req: &HttpRequest) -> String {
    public_url::origin(req, &state.config, &state.proxies)
}

pub async fn home_page(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    list_page(state, req, "/".to_owned(), lists::build_home).await
}

pub async fn category_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let Some(page_number) = page_number(query.page.as_deref()) else {
        return not_found(state, req).await;
    };
    let slug = slug.into_inner();
    let address = format!("/c/{slug}?{page_number}");
    list_page(state, req, address, move |state, origin| {
        lists::build_category(state, origin, slug, page_number)
    })
    .await
}

/// A home or category page from the page cache (built by `build` on a miss), or the 404 page.
async fn list_page<F, Fut>(
    state: web::Data<AppState>,
    req: HttpRequest,
    address: String,
    build: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(web::Data<AppState>, String) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Option<PreparedPage>, ApiError>> + Send + 'static,
{
    let origin = origin(&state, &req);
    let builder = state.clone();
    let page = state
        .caches
        .pages
        .lists
        .get(format!("{origin}|{address}"), move || {
            build(builder, origin)
        })
        .await?;
    match page.as_ref() {
        Some(page) => Ok(serve(&req, page, 0, Indexing::Index)),
        None => not_found(state, req).await,
    }
}

pub async fn article_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let Some(id) = article_id(&id) else {
        return not_found(state, req).await;
    };
    let origin = origin(&state, &req);
    let builder = state.clone();
    let page = state
        .caches
        .pages
        .articles
        .get(article_key(&origin, id), move || {
            article::build(builder, origin, id)
        })
        .await?;
    let (Some(page), Some(views)) = (page.as_ref(), reading::current_views(&state, id).await?)
    else {
        return not_found(state, req).await;
    };
    Ok(serve(&req, page, views, Indexing::Index))
}

pub async fn search_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<SearchAddress>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let asked = Asked {
        q: query.q.unwrap_or_default(),
        category: query.category.unwrap_or_default().trim().to_owned(),
        page: page_number(query.page.as_deref()).unwrap_or(1),
    };
    let origin = origin(&state, &req);
    let page = PreparedPage::new(search::render(&state, origin, &asked).await?);
    Ok(serve(&req, &page, 0, Indexing::NoIndex))
}

/// The 404 page for an address that names nothing (an unknown path, article or category).
pub async fn not_found(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let mut common = Common::load(&state, origin(&state, &req)).await?;
    let head = Head::new("页面不存在", &common.site.name, &common.site.description);
    let island = std::mem::replace(&mut common.island, Island::empty()).finish();
    let path = req.path();
    let template = NotFoundTemplate {
        frame: common.frame(path, true, "", island, state.config.time),
        head,
        path,
    };
    let page = PreparedPage::new(template.render().map_err(ApiError::internal)?);
    let nonce = nonce();
    Ok(html(
        StatusCode::NOT_FOUND,
        page.fill(0, &nonce),
        &nonce,
        Indexing::NoIndex,
    ))
}

/// The reader routes, registered beside the API's (not part of the OpenAPI document). `HEAD` is
/// answered as `GET` without the body, as link checkers and crawlers expect.
pub fn configure(cfg: &mut web::ServiceConfig) {
    fn read() -> actix_web::Route {
        web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
    }
    cfg.route("/", read().to(home_page))
        .route("/c/{slug}", read().to(category_page))
        .route("/a/{id}", read().to(article_page))
        .route("/search", read().to(search_page));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_pages_as_the_spa_reads_them() {
        assert_eq!(article_id("7"), Some(7));
        assert_eq!(article_id("07"), None);
        assert_eq!(article_id("7a"), None);
        assert_eq!(article_id(""), None);
        assert_eq!(article_id("99999999999999999"), None);
        assert_eq!(page_number(None), Some(1));
        assert_eq!(page_number(Some("3")), Some(3));
        assert_eq!(page_number(Some("0")), None);
        assert_eq!(page_number(Some("x")), None);
    }
}
