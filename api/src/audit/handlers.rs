use actix_web::{get, web, HttpRequest, HttpResponse};

use super::dto::{AuditEntry, AuditPage, AuditQuery};
use super::queries::{self, AuditFilter};
use crate::auth::Admin;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::openapi::responses::{
    BadRequest, Forbidden, Unauthenticated, Unavailable, ValidationFailed,
};
use crate::paging::paged_private;
use crate::state::AppState;
use crate::tokens::Scope;

/// The audit log, newest first (admins; an API token needs `audit:read`).
#[utoipa::path(
    tag = "admin",
    description = "Every editorial and administrative write (who, what, on which target, when), \
        newest first, filtered by actor, action, target and time. For admins; an API token needs \
        `audit:read`.\n\n\
        Fails with 400 when a filter cannot be read; 403 for anyone but an admin, or a token \
        without `audit:read`; 422 when `page` or `per_page` is out of range.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "One page of the log", body = AuditPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        BadRequest, Unauthenticated, Forbidden, ValidationFailed, Unavailable,
    ),
)]
#[get("/admin/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Admin,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    staff.require(Scope::AuditRead)?;
    let query = query.into_inner();
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let text = |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filter = AuditFilter {
        actor_id: query.actor,
        action: text(query.action),
        target_type: text(query.target_type),
        target_id: text(query.target_id),
        since: query.since.map(|t| t.naive_utc()),
        until: query.until.map(|t| t.naive_utc()),
    };
    let (items, total) = state
        .db
        .run(move |conn| Ok(queries::list(conn, &filter, page)?))
        .await?;
    Ok(paged_private(
        &req,
        page,
        total,
        AuditPage {
            items: items.into_iter().map(AuditEntry::from).collect(),
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        },
    ))
}
