use actix_web::{get, web, HttpRequest, HttpResponse};

use super::dto::{AuditEntry, AuditPage, AuditQuery};
use super::queries::{self, AuditFilter};
use crate::auth::Admin;
use crate::domain::Pagination;
use crate::error::{ApiError, Problem};
use crate::paging::paged_private;
use crate::state::AppState;
use crate::tokens::Scope;

/// The audit log, newest first (admins; an API token needs `audit:read`).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "One page of the log", body = AuditPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        (status = 400, description = "A filter cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or a token without `audit:read`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
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
