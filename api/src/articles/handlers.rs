use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::{get, web, HttpRequest, HttpResponse};

use super::dto::{
    ArticleLink, ArticlePage, ArticleResponse, ArticleSort, ArticleVisibility, ListArticlesQuery,
};
use super::editing;
use super::editor_page::editor_response;
use super::input;
use super::page::CachedArticle;
use super::queries::{self, ArticleFilter, Cursor, Sort};
use super::related;
use crate::auth::{Caller, MemberKind, MemberStatus};
use crate::categories::dto::breadcrumb;
use crate::db::Database;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::http_cache::{etag_of, respond};
use crate::openapi::responses::{
    BadRequest, NotFound, NotModified, Unauthenticated, Unavailable, ValidationFailed,
};
use crate::paging::{paged_response, CachedPage};
use crate::state::AppState;
use crate::swr::SwrCache;

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
    let query = query.into_inner();
    let after = match query.after.as_deref() {
        None => None,
        Some(_) if query.page.is_some() => {
            return Err(ApiError::validation(
                "after",
                "cursor_with_page",
                "give either after or page, not both",
            ))
        }
        Some(token) => Some(Cursor::decode(token).ok_or_else(|| {
            ApiError::validation(
                "after",
                "invalid_cursor",
                "not a cursor from next_cursor of this list",
            )
        })?),
    };
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let text_filters = input::text_filters(query.flag, query.author, query.q)?;
    let mut filter = ArticleFilter {
        published_after: query.published_after.map(|t| t.naive_utc()),
        published_before: query.published_before.map(|t| t.naive_utc()),
        sort: match (query.sort, query.period) {
            (None | Some(ArticleSort::Latest), None) => Sort::Latest,
            (Some(ArticleSort::Comments), None) => Sort::Comments,
            (Some(ArticleSort::Views), period) => {
                match period.and_then(|p| p.since(chrono::Utc::now().date_naive())) {
                    Some(since) => Sort::ViewsSince(since),
                    None => Sort::Views,
                }
            }
            (_, Some(_)) => {
                return Err(ApiError::validation(
                    "period",
                    "requires_sort_views",
                    "period applies only to sort=views",
                ))
            }
        },
        after,
        ..text_filters
    };
    if after.is_some() && filter.sort != Sort::Latest {
        return Err(ApiError::validation(
            "after",
            "cursor_needs_latest",
            "a cursor walks the latest order only",
        ));
    }
    let category = query.category.filter(|c| !c.trim().is_empty());

    if let Some(wanted) = category {
        let tree = state.caches.tree(&state.db).await?;
        filter.category_ids = Some(input::category_ids(&tree, &wanted)?);
    }
    let key = format!("{filter:?}|{page:?}");
    let db = state.db.clone();
    let total = list_total(&state.caches.list_totals, &db, &filter).await?;
    let cached = state
        .caches
        .lists
        .get(key, move || async move {
            let by_cursor = filter.after.is_some();
            let latest = filter.sort == Sort::Latest;
            let items = db
                .run(move |conn| Ok(queries::list(conn, &filter, page)?))
                .await?;
            let total_pages = page.total_pages(total);
            // A full page may have a next one (a cursor page cannot tell without counting).
            let more = if by_cursor {
                items.len() as i64 == page.per_page()
            } else {
                page.page() < total_pages
            };
            let next_cursor = items
                .last()
                .filter(|_| latest && more)
                .and_then(Cursor::of)
                .map(|cursor| cursor.encode());
            let body = serde_json::to_vec(&ArticlePage {
                items: items.into_iter().map(Into::into).collect(),
                page: if by_cursor { 0 } else { page.page() },
                per_page: page.per_page(),
                total,
                total_pages,
                next_cursor: next_cursor.clone(),
            })
            .map_err(ApiError::internal)?;
            Ok(CachedPage {
                body,
                total,
                total_pages,
                next_cursor,
            })
        })
        .await?;
    let (total, total_pages) = (cached.total, cached.total_pages);
    let mut response = if after.is_some() {
        cursor_response(&req, total, cached.next_cursor.as_deref())
    } else {
        paged_response(&req, page, total, total_pages)
    };
    response.insert_header((header::CACHE_CONTROL, PUBLIC_CACHE));
    Ok(response
        .content_type("application/json")
        .body(cached.body.clone()))
}

/// The number of matches of `filter`, counted once per cache period for all its pages and cursors.
async fn list_total(
    totals: &Arc<SwrCache<i64>>,
    db: &Database,
    filter: &ArticleFilter,
) -> Result<i64, ApiError> {
    // The order and the cursor do not change what matches.
    let matching = ArticleFilter {
        sort: Sort::Latest,
        after: None,
        ..filter.clone()
    };
    let db = db.clone();
    let total = totals
        .get(format!("{matching:?}"), move || async move {
            db.run(move |conn| Ok(queries::count(conn, &matching)?))
                .await
        })
        .await?;
    Ok(*total)
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
    let tree = state.caches.tree(&state.db).await?;
    if caller.0.as_ref().is_some_and(|c| c.is_editor()) {
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
    let db = state.db.clone();
    let page_counter = state.views.clone();
    let page_state = state.clone();
    let page = state
        .caches
        .articles
        .get(id.to_string(), move || async move {
            let loaded = db
                .run(move |conn| {
                    // Every load, also a background refresh, renews the remembered total, so readers
                    // of a hot page take their count from memory.
                    let before_load = page_counter.snapshot(id);
                    let Some(article) = queries::find_public(conn, id)? else {
                        return Ok(None);
                    };
                    page_counter.total_if_current(before_load, article.views);
                    let breadcrumb = breadcrumb(&tree, article.category_id);
                    let (older, newer) = queries::neighbours(conn, &article)?;
                    let link = |(id, title)| ArticleLink { id, title };
                    Ok(Some(ArticleResponse::new(
                        article,
                        breadcrumb,
                        older.map(link),
                        newer.map(link),
                    )))
                })
                .await?;
            let Some(mut response) = loaded else {
                return Ok(None);
            };
            let in_category =
                related::candidates(&page_state.caches.related, &db, Some(response.category_id))
                    .await?;
            let site = related::candidates(&page_state.caches.related, &db, None).await?;
            response.related = related::related(
                response.id,
                &response.title,
                response.category_id,
                &in_category,
                &site,
            );
            Ok(Some(
                CachedArticle::new(response).map_err(ApiError::internal)?,
            ))
        })
        .await?;
    let page = page
        .as_ref()
        .as_ref()
        .ok_or_else(|| ApiError::NotFound(format!("no published article has id {id}")))?;
    // The views's recent total (renewed by the load above), else a read of the state.stored_views count.
    let views = state
        .views
        .total(id, || {
            let state = state.clone();
            async move { state.stored_views.read(id).await }
        })
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
