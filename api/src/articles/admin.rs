//! Editors' article operations: create, change (with `If-Match`), trash and purge, preview,
//! revisions and the list of every status. Each write is audited in its own transaction.

use actix_web::http::header;
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use serde::Deserialize;
use utoipa::IntoParams;

use super::dto::{
    ArticleFlag, ArticleResponse, CreateArticleRequest, EditorialArticlePage, EditorialListItem,
    EditorialListQuery, PreviewRequest, PreviewResponse, RevisionResponse, UpdateArticleRequest,
};
use super::model::{status, Article, ArticleFields};
use super::queries::{self, ArticleFilter, EditorialFilter, Flag};
use super::render::markdown_to_safe_html;
use crate::audit::{self, Entry};
use crate::auth::{SignedIn, Staff};
use crate::categories::dto::breadcrumb;
use crate::categories::model::CategoryTree;
use crate::db::{write_transaction, DbConnection};
use crate::domain::{parse_text, Checks, Invalid, Pagination};
use crate::error::{ApiError, Problem};
use crate::large_json::LargeJson;
use crate::paging::paged_private;
use crate::state::AppState;
use crate::tokens::Scope;

const TITLE_MAX: usize = 200;
const SHORT_MAX: usize = 100;
const NOTE_MAX: usize = 200;
const SUMMARY_MAX: usize = 1_000;
const BODY_MAX: usize = 200_000;
const URL_MAX: usize = 500;

/// The ETag editors send back in `If-Match`: it names the article's version, not its bytes.
pub fn version_etag(article: &Article) -> String {
    format!("\"a{}v{}\"", article.id, article.version)
}

fn parse_version_etag(id: i64, raw: &str) -> Option<i64> {
    let inner = raw.trim().trim_start_matches("W/").trim_matches('"');
    let rest = inner.strip_prefix(&format!("a{id}v"))?;
    rest.parse().ok()
}

/// The article as an editor sees it: every field, its breadcrumb and neighbours, never cached.
pub fn editorial_response(
    conn: &mut DbConnection,
    tree: &CategoryTree,
    article: Article,
    pending_views: i64,
) -> Result<(ArticleResponse, String), ApiError> {
    let etag = version_etag(&article);
    let breadcrumb = breadcrumb(tree, article.category_id);
    let (older, newer) = queries::neighbours(conn, &article)?;
    let in_category = super::related::read_candidates(conn, Some(article.category_id))?;
    let site = super::related::read_candidates(conn, None)?;
    let related = super::related::related(
        article.id,
        &article.title,
        article.category_id,
        &in_category,
        &site,
    );
    let link = |(id, title)| super::dto::ArticleLink { id, title };
    let mut response = ArticleResponse::new(article, breadcrumb, older.map(link), newer.map(link));
    response.related = related;
    response.views += pending_views;
    Ok((response, etag))
}

fn editorial_http(
    status: actix_web::http::StatusCode,
    body: ArticleResponse,
    etag: String,
) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .json(body)
}

/// An optional text: `Some(None)` clears it (empty or blank), `Some(Some(_))` sets it.
fn optional_text(
    checks: &mut Checks,
    field: &str,
    raw: Option<String>,
    parse: impl Fn(&str) -> Result<String, Invalid>,
) -> Option<Option<String>> {
    let raw = raw?;
    if raw.trim().is_empty() {
        return Some(None);
    }
    checks.check(field, parse(&raw)).map(Some)
}

fn text(max: usize) -> impl Fn(&str) -> Result<String, Invalid> {
    move |raw| parse_text(raw, max)
}

/// A cover or image address: http(s), or a path under `/media/` from an upload.
fn parse_cover_url(raw: &str) -> Result<String, Invalid> {
    let text = parse_text(raw, URL_MAX)?;
    if let Some(path) = text.strip_prefix("/media/") {
        let clean = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            && !path.contains("..");
        return if clean {
            Ok(text)
        } else {
            Err(Invalid::new(
                "format",
                "must be a /media/… path from an upload",
            ))
        };
    }
    match url::Url::parse(&text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(text),
        _ => Err(Invalid::new(
            "format",
            "must be an http(s) address or a /media/… path",
        )),
    }
}

fn parse_body(raw: &str) -> Result<String, Invalid> {
    if raw.chars().count() > BODY_MAX {
        return Err(Invalid::new(
            "too_long",
            format!("must be at most {BODY_MAX} characters"),
        ));
    }
    if raw.contains('\0') {
        return Err(Invalid::new("characters", "must not contain NUL"));
    }
    Ok(raw.to_owned())
}

fn check_category(checks: &mut Checks, tree: &CategoryTree, id: Option<i64>) {
    if let Some(id) = id {
        if tree.find(&id.to_string()).is_none() {
            checks.refuse("category_id", "not_found", "no category has this id");
        }
    }
}

fn require_staff_writer(staff: &Staff) -> Result<(), ApiError> {
    staff.require(Scope::ArticlesWrite).map(|_| ())
}

fn audit_article(
    conn: &mut DbConnection,
    actor: &SignedIn,
    action: &'static str,
    id: i64,
    summary: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        actor,
        Entry {
            action,
            target_type: "article",
            target_id: id.to_string(),
            summary,
        },
    )?;
    Ok(())
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
    let mut checks = Checks::default();
    check_category(&mut checks, &tree, Some(request.category_id));
    let now = chrono::Utc::now().naive_utc();
    let title = checks.check("title", parse_text(&request.title, TITLE_MAX));
    let body_markdown = checks.check("body_markdown", parse_body(&request.body_markdown));
    let mut fields = ArticleFields {
        category_id: Some(request.category_id),
        title,
        subtitle: optional_text(&mut checks, "subtitle", request.subtitle, text(TITLE_MAX)),
        author: optional_text(&mut checks, "author", request.author, text(SHORT_MAX))
            .map(Option::unwrap_or_default),
        author_note: optional_text(
            &mut checks,
            "author_note",
            request.author_note,
            text(NOTE_MAX),
        ),
        source: optional_text(&mut checks, "source", request.source, text(SHORT_MAX)),
        summary: optional_text(&mut checks, "summary", request.summary, text(SUMMARY_MAX))
            .map(Option::unwrap_or_default),
        body_html: body_markdown.as_deref().map(markdown_to_safe_html),
        body_markdown,
        cover_url: optional_text(&mut checks, "cover_url", request.cover_url, parse_cover_url),
        featured: request.featured,
        headline: request.headline,
        pinned: request.pinned,
        comments_open: request.comments_open,
        visibility: request.visibility.map(|v| v.as_str().to_owned()),
        status: None,
        published_at: None,
        updated_at: None,
    };
    checks.finish()?;
    let new_status = request.status.map_or(status::DRAFT, |s| s.as_str());
    fields.status = Some(new_status.to_owned());
    fields.published_at = Some(publish_time(new_status, request.published_at, None, now));
    let counter_tree = tree.clone();
    let (response, etag) = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let id = queries::insert(conn, &fields, now)?;
                let article = queries::find_any(conn, id)?.ok_or_else(|| {
                    ApiError::internal(anyhow::anyhow!("inserted article vanished"))
                })?;
                audit_article(
                    conn,
                    &staff,
                    "article.create",
                    id,
                    &format!("[{new_status}] {}", article.title),
                )?;
                editorial_response(conn, &counter_tree, article, 0)
            })
        })
        .await?;
    state.caches.invalidate();
    let location = format!("/api/v1/articles/{}", response.id);
    let mut http = editorial_http(actix_web::http::StatusCode::CREATED, response, etag);
    http.headers_mut().insert(
        header::LOCATION,
        header::HeaderValue::from_str(&location).map_err(ApiError::internal)?,
    );
    Ok(http)
}

/// When an article in `new_status` is (or was) published: published articles keep their time
/// unless a new one is given, and get now when they have none.
fn publish_time(
    new_status: &str,
    requested: Option<chrono::DateTime<chrono::Utc>>,
    current: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    match requested {
        Some(at) => Some(at.naive_utc()),
        None if new_status == status::PUBLISHED => Some(current.unwrap_or(now)),
        None => current,
    }
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
    let if_match = req
        .headers()
        .get(header::IF_MATCH)
        .filter(|value| !value.as_bytes().trim_ascii().is_empty())
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .ok()
        .and_then(|raw| parse_version_etag(id, raw))
        .ok_or_else(|| {
            ApiError::PreconditionFailed("If-Match does not name a version of this article".into())
        })?;
    let request = body?.into_inner();
    let tree = state.caches.tree(&state.db).await?;
    let mut checks = Checks::default();
    check_category(&mut checks, &tree, request.category_id);
    if request.restore_revision.is_some()
        && (request.title.is_some() || request.summary.is_some() || request.body_markdown.is_some())
    {
        checks.refuse(
            "restore_revision",
            "exclusive",
            "restore a revision or send new text, not both",
        );
    }
    let title = request
        .title
        .as_deref()
        .and_then(|t| checks.check("title", parse_text(t, TITLE_MAX)));
    let body_markdown = request
        .body_markdown
        .as_deref()
        .and_then(|b| checks.check("body_markdown", parse_body(b)));
    let mut fields = ArticleFields {
        category_id: request.category_id,
        title,
        subtitle: optional_text(&mut checks, "subtitle", request.subtitle, text(TITLE_MAX)),
        author: optional_text(&mut checks, "author", request.author, text(SHORT_MAX))
            .map(Option::unwrap_or_default),
        author_note: optional_text(
            &mut checks,
            "author_note",
            request.author_note,
            text(NOTE_MAX),
        ),
        source: optional_text(&mut checks, "source", request.source, text(SHORT_MAX)),
        summary: optional_text(&mut checks, "summary", request.summary, text(SUMMARY_MAX))
            .map(Option::unwrap_or_default),
        body_html: None,
        body_markdown,
        cover_url: optional_text(&mut checks, "cover_url", request.cover_url, parse_cover_url),
        featured: request.featured,
        headline: request.headline,
        pinned: request.pinned,
        comments_open: request.comments_open,
        visibility: request.visibility.map(|v| v.as_str().to_owned()),
        status: None,
        published_at: None,
        updated_at: Some(chrono::Utc::now().naive_utc()),
    };
    checks.finish()?;
    let wanted_status = request.status.map(|s| s.as_str());
    let pending_views = state.views.pending_for(id);
    let (response, etag) = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let before = queries::find_any(conn, id)?
                    .ok_or_else(|| ApiError::NotFound(format!("no article has id {id}")))?;
                if before.version != if_match {
                    return Err(ApiError::PreconditionFailed(format!(
                        "the article changed since your copy (now at {}): read it again",
                        version_etag(&before)
                    )));
                }
                if let Some(revision_id) = request.restore_revision {
                    let revision =
                        queries::find_revision(conn, id, revision_id)?.ok_or_else(|| {
                            ApiError::NotFound(format!(
                                "article {id} has no revision {revision_id}"
                            ))
                        })?;
                    fields.title = Some(revision.title);
                    fields.summary = Some(revision.summary);
                    fields.body_markdown = Some(revision.body_markdown);
                }
                if let Some(markdown) = &fields.body_markdown {
                    fields.body_html = Some(markdown_to_safe_html(markdown));
                }
                let new_status = wanted_status.unwrap_or(&before.status);
                if !status::may_move(&before.status, new_status) {
                    return Err(ApiError::conflict(
                        "invalid_status_transition",
                        format!(
                            "an article cannot move from {} to {new_status}",
                            before.status
                        ),
                    ));
                }
                fields.status = wanted_status.map(str::to_owned);
                let now = chrono::Utc::now().naive_utc();
                let published_at =
                    publish_time(new_status, request.published_at, before.published_at, now);
                if published_at != before.published_at {
                    fields.published_at = Some(published_at);
                }
                let text_changes = fields.title.as_ref().is_some_and(|t| *t != before.title)
                    || fields
                        .summary
                        .as_ref()
                        .is_some_and(|s| *s != before.summary)
                    || fields
                        .body_markdown
                        .as_ref()
                        .is_some_and(|b| *b != before.body_markdown);
                if text_changes {
                    queries::add_revision(conn, &before, staff.id)?;
                }
                if !queries::update_if_version(conn, id, if_match, &fields)? {
                    return Err(ApiError::PreconditionFailed(
                        "the article changed while saving: read it again".into(),
                    ));
                }
                if let Some(trashed) = request.trashed {
                    let at = trashed.then_some(now);
                    queries::set_trashed(conn, id, at)?;
                }
                let after = queries::find_any(conn, id)?
                    .ok_or_else(|| ApiError::NotFound(format!("no article has id {id}")))?;
                let action = match (before.status.as_str(), after.status.as_str()) {
                    (from, status::PUBLISHED) if from != status::PUBLISHED => "article.publish",
                    (from, to) if from != to => "article.status",
                    _ if request.restore_revision.is_some() => "article.restore_revision",
                    _ => "article.update",
                };
                let summary = if before.status == after.status {
                    after.title.clone()
                } else {
                    format!("{} → {}: {}", before.status, after.status, after.title)
                };
                audit_article(conn, &staff, action, id, &summary)?;
                editorial_response(conn, &tree, after, pending_views)
            })
        })
        .await?;
    state.caches.invalidate();
    Ok(editorial_http(
        actix_web::http::StatusCode::OK,
        response,
        etag,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteArticleQuery {
    /// `true` (admins) removes it for good, with its comments and revisions.
    pub purge: Option<bool>,
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
            write_transaction(conn, |conn| {
                let article = queries::find_any(conn, id)?
                    .ok_or_else(|| ApiError::NotFound(format!("no article has id {id}")))?;
                if purge {
                    queries::purge(conn, id)?;
                    audit_article(conn, &staff, "article.purge", id, &article.title)
                } else {
                    queries::set_trashed(conn, id, Some(chrono::Utc::now().naive_utc()))?;
                    audit_article(conn, &staff, "article.trash", id, &article.title)
                }
            })
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
    let markdown = parse_body(&body?.into_inner().body_markdown)
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
            Ok(queries::revisions(conn, id)?)
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
    let mut filter = ArticleFilter {
        flag: query.flag.map(|f| match f {
            ArticleFlag::Featured => Flag::Featured,
            ArticleFlag::Headline => Flag::Headline,
            ArticleFlag::Pinned => Flag::Pinned,
        }),
        author: super::handlers::without_nul("author", query.author)?
            .filter(|a| !a.trim().is_empty()),
        text: super::handlers::without_nul("q", query.q)?
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty()),
        ..ArticleFilter::default()
    };
    if let Some(wanted) = query.category.filter(|c| !c.trim().is_empty()) {
        let tree = state.caches.tree(&state.db).await?;
        let found = tree
            .find(&wanted)
            .ok_or_else(|| ApiError::NotFound(format!("no category is called {wanted}")))?;
        filter.category_ids = Some(tree.subtree_ids(found.id));
    }
    let editorial = EditorialFilter {
        status: query.status.map(|s| s.as_str()),
        trashed: query.trashed.unwrap_or(false),
    };
    let (items, total) = state
        .db
        .run(move |conn| Ok(queries::editorial_list(conn, &filter, &editorial, page)?))
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
