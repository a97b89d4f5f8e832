//! Admins' member endpoints: the member list, one member with their reviews, a change of status or
//! role, and the review of an enterprise member. The decisions themselves are in `standing`.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

use super::dto::{
    AdminMemberListQuery, AdminMemberResponse, AdminUpdateMemberRequest, MemberPage,
    MemberResponse, ReviewRequest,
};
use super::queries::{self, MemberFilter};
use super::standing;
use crate::auth::{Admin, Scope};
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::large_json::{read, JsonBody};
use crate::openapi::responses::{
    BadRequest, BodyErrors, Conflict, Forbidden, NotFound, Unauthenticated, Unavailable,
    ValidationFailed,
};
use crate::paging::{paged_private, private};
use crate::state::AppState;

/// Members, for admins: filter by kind, status and role, search, paginated.
#[utoipa::path(
    tag = "admin",
    description = "Members for admins, filtered by kind, status and role and searched by username, \
        display name or company name, paginated. An API token needs `members:admin`.\n\n\
        Fails with 400 when a filter cannot be read; 403 for anyone but an admin, or a token \
        without `members:admin`; 422 when `page` or `per_page` is out of range.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(AdminMemberListQuery),
    responses(
        (status = 200, description = "One page of members", body = MemberPage,
            headers(
                ("X-Total-Count" = i64, description = "All matches, on every page"),
                ("Link" = String, description = "`rel=\"next\"` and `rel=\"prev\"` page URLs"),
            )),
        BadRequest, Unauthenticated, Forbidden, ValidationFailed, Unavailable,
    ),
)]
#[get("/admin/members")]
pub async fn admin_list_members(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Admin,
    query: web::Query<AdminMemberListQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let query = query.into_inner();
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let filter = MemberFilter {
        kind: query.kind.map(Into::into),
        status: query.status.map(Into::into),
        role: query.role.map(Into::into),
        text: query
            .q
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty()),
    };
    let (items, total) = state
        .db
        .run(move |conn| Ok(queries::list(conn, &filter, page)?))
        .await?;
    Ok(paged_private(
        &req,
        page,
        total,
        MemberPage {
            items: items.into_iter().map(MemberResponse::from).collect(),
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        },
    ))
}

/// One member with their review history, for admins.
#[utoipa::path(
    tag = "admin",
    description = "One member with every review of their account (who, when, why), for admins. An \
        API token needs `members:admin`.\n\n\
        Fails with 403 for anyone but an admin, or a token without `members:admin`; 404 when there \
        is no such member.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The member's id")),
    responses(
        (status = 200, description = "The member", body = AdminMemberResponse),
        BadRequest, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
)]
#[get("/admin/members/{id}")]
pub async fn admin_get_member(
    state: web::Data<AppState>,
    caller: Admin,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let id = id.into_inner();
    let found = state
        .db
        .run(move |conn| {
            let Some(member) = queries::find(conn, id)? else {
                return Ok(None);
            };
            Ok(Some((member, queries::reviews_of(conn, id)?)))
        })
        .await?;
    let (member, reviews) =
        found.ok_or_else(|| ApiError::NotFound(format!("no member has id {id}")))?;
    Ok(private(AdminMemberResponse {
        member: member.into(),
        reviews: reviews.into_iter().map(Into::into).collect(),
    }))
}

/// Sets a member's status or role. Disabling or a role change revokes their tokens at once.
#[utoipa::path(
    tag = "admin",
    description = "Sets a member's status (such as `disabled`) or role; disabling or a role change \
        revokes the member's tokens at once. An API token needs `members:admin`.\n\n\
        Fails with 403 for anyone but an admin, a token without `members:admin`, or an admin \
        changing their own role or status; 404 when there is no such member.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The member's id")),
    request_body = AdminUpdateMemberRequest,
    responses(
        (status = 200, description = "The member", body = MemberResponse),
        BodyErrors, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
)]
#[patch("/admin/members/{id}")]
pub async fn admin_update_member(
    state: web::Data<AppState>,
    caller: Admin,
    id: web::Path<i64>,
    body: JsonBody<AdminUpdateMemberRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let id = id.into_inner();
    // Refused before the body is read: the answer does not depend on what was asked.
    standing::refuse_own_account(&caller, id)?;
    let AdminUpdateMemberRequest { status, role } = read(body)?;
    let member = standing::update_standing(
        &state.db,
        &caller,
        id,
        status.map(Into::into),
        role.map(Into::into),
    )
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("no member has id {id}")))?;
    Ok(private(MemberResponse::from(member)))
}

/// Approves or rejects a pending enterprise member, with a reason that is kept.
#[utoipa::path(
    tag = "admin",
    description = "Approves or rejects an enterprise member waiting for review; the reason is kept \
        with the decision. An API token needs `members:admin`.\n\n\
        Fails with 403 for anyone but an admin, or a token without `members:admin`; 404 when there \
        is no such member; 409 when the member is not an enterprise member waiting for review.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The member's id")),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "The reviewed member and their review history", body = AdminMemberResponse),
        BodyErrors, Unauthenticated, Forbidden, NotFound, Conflict, Unavailable,
    ),
)]
#[post("/admin/members/{id}/review")]
pub async fn review_member(
    state: web::Data<AppState>,
    caller: Admin,
    id: web::Path<i64>,
    body: JsonBody<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let id = id.into_inner();
    let ReviewRequest { decision, reason } = read(body)?;
    let (member, reviews) = standing::review(&state.db, &caller, id, decision, &reason).await?;
    Ok(private(AdminMemberResponse {
        member: member.into(),
        reviews: reviews.into_iter().map(Into::into).collect(),
    }))
}
