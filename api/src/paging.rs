//! The headers every paginated list sends: `X-Total-Count` and a `Link` to the next and previous
//! pages (as WordPress and GitHub do), so scripts can walk a list without reading the body.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};

use crate::domain::Pagination;

/// A page of private data (admin lists, a member's own things): paging headers, never cached.
pub fn paged_private(
    req: &HttpRequest,
    page: Pagination,
    total: i64,
    body: impl serde::Serialize,
) -> HttpResponse {
    paged_response(req, page, total, page.total_pages(total))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

/// A 200 with private data: never cached.
pub fn private(body: impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

/// One public list page (articles, search hits), rendered once and kept in a read cache: its JSON
/// and what its paging headers need.
pub struct CachedPage {
    pub body: Vec<u8>,
    pub total: i64,
    pub total_pages: i64,
    /// For the `Link` header of a page asked for by cursor.
    pub next_cursor: Option<String>,
}

impl CachedPage {
    /// About the bytes it holds, for a cache's byte budget.
    pub fn weight(&self) -> usize {
        64 + self.body.len()
    }
}

/// A 200 response builder with the paging headers set.
pub fn paged_response(
    req: &HttpRequest,
    page: Pagination,
    total: i64,
    total_pages: i64,
) -> HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response.insert_header(("X-Total-Count", total.to_string()));
    if let Some(link) = link_header(req, page, total_pages) {
        response.insert_header((header::LINK, link));
    }
    response
}

/// `<…?page=3>; rel="next", <…?page=1>; rel="prev"`, keeping the other query parameters.
pub fn link_header(req: &HttpRequest, page: Pagination, total_pages: i64) -> Option<String> {
    let page_url = |number: i64| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
            if key != "page" {
                query.append_pair(&key, &value);
            }
        }
        query.append_pair("page", &number.to_string());
        format!("<{}?{}>", req.path(), query.finish())
    };
    let mut links = Vec::new();
    if page.page() < total_pages {
        links.push(format!("{}; rel=\"next\"", page_url(page.page() + 1)));
    }
    if page.page() > 1 {
        links.push(format!(
            "{}; rel=\"prev\"",
            page_url((page.page() - 1).min(total_pages.max(1)))
        ));
    }
    (!links.is_empty()).then(|| links.join(", "))
}
