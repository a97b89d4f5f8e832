use actix_web::http::{header, StatusCode};
use actix_web::{get, web, HttpRequest, HttpResponse};

use super::dto::{ArticlePage, ArticleResponse, ArticleVisibility, ListArticlesQuery};
use super::editing;
use super::editor_page::editor_response;
use super::listing::{self, Listed};
use super::page::CachedArticle;
use super::reading;
use crate::auth::{Caller, MemberKind, MemberStatus};
use crate::error::ApiError;
use crate::http_cache::{etag_of, respond};
use crate::openapi::responses::{
    BadRequest, NotFound, NotModified, Unauthenticated, Unavailable, ValidationFailed,
};
use crate::paging::paged_response;
use crate::state::AppState;

/// Public article responses may be cached briefly: view counts lag by at most this much anyway.
const PUBLIC_CACHE: &str = "public, max-age=5";

/// Published articles, without bodies, filtered, sorted and paginated.
#[utoipa::path(
    tag = "articles",
    description = "Lists published articles (no bodies; members-only articles included, with their \
        title and summary), newest first with the pinned ones on top, or by views or comments. \
        Filters: a category with its subcategories, a flag, the author, a time range, a text in \
        the title or summary. Pages by `page` or, for the default order, by the `after` cursor; \
        `X-Total-Count` and `Link` give the total and the neighbouring pages.\n\n\
        Fails with 400 when a filter cannot be read (an unknown sort or flag, a bad date); 404 \
        when the category does not exist; 422 when `page` or `per_page` is out of range, `period` \
        comes without `sort=views`, or `author` or `q` holds a NUL.",
    params(ListArticlesQuery),
    responses(
        (status = 200, description = "One page of articles", body = ArticlePage,
            headers(
                ("X-Total-Count" = i64, description = "All matches, on every page"),
                ("Link" = String, description = "`rel=\"next\"` and `rel=\"prev\"` page URLs"),
            )),
        BadRequest, NotFound, ValidationFailed, Unavailable,
    ),
)]
#[get("/articles")]
pub async fn list_articles(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<ListArticlesQuery>,
) -> Result<HttpResponse, ApiError> {
    let Listed {
        page,
        by_cursor,
        cached,
    } = listing::list(&state, query.into_inner()).await?;
    let (total, total_pages) = (cached.total, cached.total_pages);
    let mut response = if by_cursor {
        cursor_response(&req, total, cached.next_cursor.as_deref())
    } else {
        paged_response(&req, page, total, total_pages)
    };
    response.insert_header((header::CACHE_CONTROL, PUBLIC_CACHE));
    Ok(response
        .content_type("application/json")
        .body(cached.body.clone()))
}

/// One published article with its breadcrumb and neighbours. Counting a view is a separate POST.
/// A `members` or `enterprise` article comes without its body (and with `restricted` set) to
/// callers who may not read it. Editors (by token) get any article in any status, uncached, with
/// the ETag that `PATCH` needs in `If-Match`.
#[utoipa::path(
    tag = "articles",
    summary = "One article with its breadcrumb and neighbours",
    description = "A published article with its body, breadcrumb, previous and next articles and \
        related articles. A `members` or `enterprise` article comes without its body (and with \
        `restricted` set) to callers who may not read it, so a bearer token is optional. Editors \
        and admins get any article in any status, the trash included, with the ETag that `PATCH` \
        needs in `If-Match`. Counting a view is a separate `POST /api/v1/articles/{id}/views`.\n\n\
        Fails with 401 when a bearer token is sent but is invalid; 404 when no published article \
        has the id (for editors: no article at all).",
    // Optional: a member's token unlocks `members` and `enterprise` bodies.
    security((), ("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "The article", body = ArticleResponse,
            headers(("ETag" = String, description = "Send back in `If-None-Match` to get 304 when unchanged"))),
        NotModified, BadRequest, Unauthenticated, NotFound, Unavailable,
    ),
)]
#[get("/articles/{id}")]
pub async fn get_article(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if caller.0.as_ref().is_some_and(|c| c.is_editor()) {
        let tree = state.caches.tree(&state.db).await?;
        // Editors see every status, never from a cache, with the ETag that `PATCH` needs.
        let pending_views = state.views.pending_for(id);
        let copy = state.db.run(move |conn| editing::read(conn, id)).await?;
        let mut response = editor_response(StatusCode::OK, &tree, copy, pending_views);
        response.headers_mut().insert(
            header::VARY,
            header::HeaderValue::from_static("Authorization"),
        );
        return Ok(response);
    }
    let page = reading::public_article(&state, id).await?;
    let page = page
        .as_ref()
        .as_ref()
        .ok_or_else(|| ApiError::NotFound(format!("no published article has id {id}")))?;
    let views = reading::current_views(&state, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no published article has id {id}")))?;
    let (body, etag, cache_control) = match page {
        CachedArticle::Public(public) => {
            let (body, etag) = public.with_views(views);
            (body, etag, PUBLIC_CACHE)
        }
        CachedArticle::Restricted(article) => {
            let mut article = ArticleResponse::clone(article);
            article.views = views;
            let (article, cache_control) = if may_read(&caller, article.visibility) {
                // A body meant for this caller only: no shared cache may keep it.
                (article, "private, no-store")
            } else {
                (article.withheld(), PUBLIC_CACHE)
            };
            let body = serde_json::to_vec(&article).map_err(ApiError::internal)?;
            let etag = etag_of(&body);
            (web::Bytes::from(body), etag, cache_control)
        }
    };
    let mut response = respond(&req, etag, cache_control, "application/json", body);
    response.headers_mut().insert(
        header::VARY,
        header::HeaderValue::from_static("Authorization"),
    );
    Ok(response)
}

/// The headers of a page asked for by cursor: the total, and a `Link` to the next page by cursor.
fn cursor_response(
    req: &HttpRequest,
    total: i64,
    next_cursor: Option<&str>,
) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response.insert_header(("X-Total-Count", total.to_string()));
    if let Some(cursor) = next_cursor {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
            if key != "after" {
                query.append_pair(&key, &value);
            }
        }
        query.append_pair("after", cursor);
        response.insert_header((
            header::LINK,
            format!("<{}?{}>; rel=\"next\"", req.path(), query.finish()),
        ));
    }
    response
}

/// Whether the caller may read the body of an article with this visibility.
fn may_read(caller: &Caller, visibility: ArticleVisibility) -> bool {
    let active = |c: &&crate::auth::SignedIn| c.status == MemberStatus::Active;
    match visibility {
        ArticleVisibility::Public => true,
        ArticleVisibility::Members => caller.0.as_ref().is_some_and(|c| active(&c)),
        ArticleVisibility::Enterprise => caller
            .0
            .as_ref()
            .is_some_and(|c| c.is_editor() || (active(&c) && c.kind == MemberKind::Enterprise)),
    }
}
