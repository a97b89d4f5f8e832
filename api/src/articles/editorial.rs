//! Editors' article endpoints: create, change (with `If-Match`), trash and purge, preview,
//! revisions and the list of every status. Each parses its request, calls one operation of
//! `editing` (or a query) and maps the answer.

use actix_web::http::{header, StatusCode};
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};

use super::dto::{
    ArticleResponse, CreateArticleRequest, DeleteArticleQuery, EditorialArticlePage,
    EditorialListItem, EditorialListQuery, PreviewRequest, PreviewResponse, RevisionResponse,
    UpdateArticleRequest,
};
use super::editing;
use super::editor_page::editor_response;
use super::input;
use super::queries;
use super::queries::editorial::{self as editorial_queries, EditorialFilter};
use super::render::markdown_to_safe_html;
use crate::auth::Staff;
use crate::domain::Pagination;
use crate::error::{ApiError, Problem};
use crate::large_json::LargeJson;
use crate::paging::paged_private;
use crate::state::AppState;
use crate::tokens::Scope;

fn require_staff_writer(staff: &Staff) -> Result<(), ApiError> {
    staff.require(Scope::ArticlesWrite).map(|_| ())
}

/// Creates an article (a draft unless `status` says otherwise).
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    request_body = CreateArticleRequest,
    responses(
        (status = 201, description = "The article, as editors see it",
            body = ArticleResponse,
            headers(("ETag" = String, description = "Send back in `If-Match` to change it"),
                    ("Location" = String, description = "The article's address"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin, or a token without `articles:write`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 1 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown fields, each named", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/articles")]
pub async fn create_article(
    state: web::Data<AppState>,
    staff: Staff,
    body: Result<LargeJson<CreateArticleRequest>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    require_staff_writer(&staff)?;
    let request = body?.into_inner();
    let tree = state.caches.tree(&state.db).await?;
    let change = input::creation(request, &tree)?;
    let now = chrono::Utc::now().naive_utc();
    let copy = state
        .db
        .run_writing(move |conn| editing::create(conn, &staff, change, now))
        .await?;
    state.caches.invalidate();
    let location = format!("/api/v1/articles/{}", copy.article.id);
    let mut http = editor_response(StatusCode::CREATED, &tree, copy, 0);
    http.headers_mut().insert(
        header::LOCATION,
        header::HeaderValue::from_str(&location).map_err(ApiError::internal)?,
    );
    Ok(http)
}

/// Changes an article. `If-Match` must carry the ETag of the version you edited: a stale one is
/// 412 and changes nothing; none is 428.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The article's id"),
        ("If-Match" = String, Header, description = "The ETag from your last read of the article"),
    ),
    request_body = UpdateArticleRequest,
    responses(
        (status = 200, description = "The changed article", body = ArticleResponse,
            headers(("ETag" = String, description = "The new version's ETag"))),
        (status = 400, description = "The body is not JSON or the id not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin, or a token without `articles:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such article, or no such revision to restore", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A status move the workflow does not allow", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone else saved first: read it again", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 1 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown fields, each named", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No `If-Match`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/articles/{id}")]
pub async fn update_article(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff,
    id: web::Path<i64>,
    body: Result<LargeJson<UpdateArticleRequest>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    require_staff_writer(&staff)?;
    let id = id.into_inner();
    // An empty If-Match names no version: the same as none.
    let version = req
        .headers()
        .get(header::IF_MATCH)
        .filter(|value| !value.as_bytes().trim_ascii().is_empty())
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .ok()
        .and_then(|raw| editing::parse_version_etag(id, raw))
        .ok_or_else(|| {
            ApiError::PreconditionFailed("If-Match does not name a version of this article".into())
        })?;
    let request = body?.into_inner();
    let tree = state.caches.tree(&state.db).await?;
    let change = input::change(request, &tree)?;
    let pending_views = state.views.pending_for(id);
    let copy = state
        .db
        .run_writing(move |conn| editing::update_if_version(conn, &staff, id, version, change))
        .await?;
    state.caches.invalidate();
    Ok(editor_response(StatusCode::OK, &tree, copy, pending_views))
}

/// Moves an article to the trash; `?purge=true` (admins) removes it for good.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The article's id"), DeleteArticleQuery),
    responses(
        (status = 204, description = "In the trash, or purged"),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin (purging: not an admin), or a token without `articles:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/articles/{id}")]
pub async fn delete_article(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i64>,
    query: web::Query<DeleteArticleQuery>,
) -> Result<HttpResponse, ApiError> {
    require_staff_writer(&staff)?;
    let purge = query.purge.unwrap_or(false);
    if purge {
        staff.require_admin()?;
    }
    let id = id.into_inner();
    state
        .db
        .run_writing(move |conn| {
            if purge {
                editing::purge(conn, &staff, id)
            } else {
                editing::trash(conn, &staff, id)
            }
        })
        .await?;
    state.caches.invalidate();
    Ok(HttpResponse::NoContent().finish())
}

/// Renders Markdown exactly as readers will get it (sanitised), without saving anything.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    request_body = PreviewRequest,
    responses(
        (status = 200, description = "The HTML", body = PreviewResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin, or a token without `articles:write`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 1 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Too long, or unknown fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/articles/preview")]
pub async fn preview_article(
    staff: Staff,
    body: Result<LargeJson<PreviewRequest>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    require_staff_writer(&staff)?;
    let markdown = input::parse_body(&body?.into_inner().body_markdown)
        .map_err(|invalid| ApiError::validation("body_markdown", invalid.code, invalid.message))?;
    // Rendering is CPU work proportional to the input: keep it off the async executor.
    let body_html = web::block(move || markdown_to_safe_html(&markdown)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(PreviewResponse { body_html }))
}

/// An article's earlier texts, newest first.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "The revisions", body = [RevisionResponse]),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/articles/{id}/revisions")]
pub async fn list_revisions(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let _ = staff;
    let id = id.into_inner();
    let revisions = state
        .db
        .run(move |conn| {
            if queries::find_any(conn, id)?.is_none() {
                return Err(ApiError::NotFound(format!("no article has id {id}")));
            }
            Ok(editorial_queries::revisions(conn, id)?)
        })
        .await?;
    Ok(crate::paging::private(
        revisions
            .into_iter()
            .map(RevisionResponse::from)
            .collect::<Vec<_>>(),
    ))
}

/// Every article in any status, most recently changed first, with the public list's filters.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    params(EditorialListQuery),
    responses(
        (status = 200, description = "One page", body = EditorialArticlePage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        (status = 400, description = "A filter cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range, or a NUL in `author` or `q`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/articles")]
pub async fn admin_list_articles(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff,
    query: web::Query<EditorialListQuery>,
) -> Result<HttpResponse, ApiError> {
    let _ = staff;
    let query = query.into_inner();
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let mut filter = input::text_filters(query.flag, query.author, query.q)?;
    if let Some(wanted) = query.category.filter(|c| !c.trim().is_empty()) {
        let tree = state.caches.tree(&state.db).await?;
        filter.category_ids = Some(input::category_ids(&tree, &wanted)?);
    }
    let editorial = EditorialFilter {
        status: query.status.map(Into::into),
        trashed: query.trashed.unwrap_or(false),
    };
    let (items, total) = state
        .db
        .run(move |conn| {
            Ok(editorial_queries::editorial_list(
                conn, &filter, &editorial, page,
            )?)
        })
        .await?;
    Ok(paged_private(
        &req,
        page,
        total,
        EditorialArticlePage {
            items: items.into_iter().map(EditorialListItem::from).collect(),
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        },
    ))
}
