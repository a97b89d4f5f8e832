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
use crate::error::ApiError;
use crate::large_json::LargeJson;
use crate::openapi::responses::{
    BadRequest, BodyErrors, Conflict, Forbidden, NotFound, PreconditionFailed,
    PreconditionRequired, Unauthenticated, Unavailable, ValidationFailed,
};
use crate::paging::paged_private;
use crate::state::AppState;
use crate::tokens::Scope;

fn require_staff_writer(staff: &Staff) -> Result<(), ApiError> {
    staff.require(Scope::ArticlesWrite).map(|_| ())
}

/// Creates an article (a draft unless `status` says otherwise).
#[utoipa::path(
    tag = "editorial",
    description = "Creates an article in a category, a draft unless `status` says otherwise; \
        `published` with a future `published_at` schedules it. The Markdown body is rendered and \
        sanitised on save. Answers the article as editors see it, with its ETag and address. An \
        API token needs `articles:write`.\n\n\
        Fails with 403 for a member, or a token without `articles:write`; 413 over 1 MB; 422 \
        naming each invalid field (such as a blank title, or a category that does not exist).",
    security(("bearer_jwt" = []), ("api_token" = [])),
    request_body = CreateArticleRequest,
    responses(
        (status = 201, description = "The article, as editors see it",
            body = ArticleResponse,
            headers(("ETag" = String, description = "Send back in `If-Match` to change it"),
                    ("Location" = String, description = "The article's address"))),
        BodyErrors, Unauthenticated, Forbidden, Unavailable,
    ),
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
    summary = "Changes an article",
    description = "Changes the fields sent and leaves the others; moves it along the workflow \
        (draft → pending → published → archived, or back to draft), restores an earlier revision, \
        or takes it out of the trash. `If-Match` must carry the ETag of the version you edited. An \
        API token needs `articles:write`.\n\n\
        Fails with 403 for a member, or a token without `articles:write`; 404 when there is no \
        such article, or no such revision to restore; 409 for a status move the workflow does not \
        allow; 412 when someone else saved first (read it again, changes nothing); 428 without \
        `If-Match`; 422 naming each invalid field.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(
        ("id" = i64, Path, description = "The article's id"),
        ("If-Match" = String, Header, description = "The ETag from your last read of the article"),
    ),
    request_body = UpdateArticleRequest,
    responses(
        (status = 200, description = "The changed article", body = ArticleResponse,
            headers(("ETag" = String, description = "The new version's ETag"))),
        BodyErrors, Unauthenticated, Forbidden, NotFound, Conflict, PreconditionFailed, PreconditionRequired, Unavailable,
    ),
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
    description = "Moves an article to the trash, where editors can still read it and restore it \
        with `PATCH` (`trashed: false`); with `?purge=true` an admin removes it for good. An API \
        token needs `articles:write`.\n\n\
        Fails with 403 for a member, a token without `articles:write`, or an editor purging; 404 \
        when there is no such article.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The article's id"), DeleteArticleQuery),
    responses(
        (status = 204, description = "In the trash, or purged"),
        BadRequest, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
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
    description = "Renders Markdown to the sanitised HTML readers would get, without saving \
        anything. An API token needs `articles:write`.\n\n\
        Fails with 403 for a member, or a token without `articles:write`; 413 over 1 MB; 422 when \
        the Markdown is too long or unknown fields are sent.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    request_body = PreviewRequest,
    responses(
        (status = 200, description = "The HTML", body = PreviewResponse),
        BodyErrors, Unauthenticated, Forbidden,
    ),
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
    description = "The texts (title, summary, body) an article had before each change, newest \
        first, for editors and admins; any of them can be restored with `PATCH` \
        (`restore_revision`).\n\n\
        Fails with 403 for a member; 404 when there is no such article.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "The revisions", body = [RevisionResponse]),
        BadRequest, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
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
    description = "Every article in any status (drafts, pending, scheduled, archived, trashed), \
        most recently changed first, for editors and admins, with the public list's filters and \
        paging.\n\n\
        Fails with 400 when a filter cannot be read; 403 for a member; 404 when the category does \
        not exist; 422 when `page` or `per_page` is out of range, or `author` or `q` holds a NUL.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(EditorialListQuery),
    responses(
        (status = 200, description = "One page", body = EditorialArticlePage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        BadRequest, Unauthenticated, Forbidden, NotFound, ValidationFailed, Unavailable,
    ),
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
