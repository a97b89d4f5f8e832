use actix_web::{delete, get, post, web, HttpResponse};

use super::dto::{CreateTokenRequest, CreatedTokenResponse, TokenResponse};
use super::queries;
use crate::audit::{self, Entry};
use crate::auth::{MemberRole, Scope, SignedIn};
use crate::db::write_transaction;
use crate::domain::{parse_text, Checks};
use crate::error::ApiError;
use crate::large_json::{read, JsonBody};
use crate::openapi::responses::{
    BadRequest, BodyErrors, Forbidden, NotFound, Unauthenticated, Unavailable,
};
use crate::paging::private;
use crate::state::AppState;

const NAME_MAX: usize = 100;

/// The scopes a role may hand to its tokens.
fn scopes_allowed(role: MemberRole) -> &'static [Scope] {
    match role {
        MemberRole::Admin => &Scope::ALL,
        MemberRole::Editor => &[
            Scope::ArticlesWrite,
            Scope::CategoriesWrite,
            Scope::MediaWrite,
            Scope::CommentsModerate,
        ],
        MemberRole::Member => &[],
    }
}

/// Creates an API token for the signed-in member (needs a login, not another token).
#[utoipa::path(
    tag = "tokens",
    description = "Creates an API token (`kw_…`) for the signed-in member, with scopes up to what \
        their role allows and an optional expiry. The secret is in this answer only; it is stored \
        hashed. Needs a login, not another token.\n\n\
        Fails with 403 when called with an API token; 422 for a blank name, a scope beyond the \
        role, or an expiry in the past.",
    security(("bearer_jwt" = [])),
    request_body = CreateTokenRequest,
    responses(
        (status = 201, description = "The token, with its secret shown this once", body = CreatedTokenResponse),
        BodyErrors, Unauthenticated, Forbidden, Unavailable,
    ),
)]
#[post("/members/me/tokens")]
pub async fn create_token(
    state: web::Data<AppState>,
    caller: SignedIn,
    body: JsonBody<CreateTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let CreateTokenRequest {
        name,
        scopes,
        expires_at,
    } = read(body)?;
    let mut checks = Checks::default();
    let name = checks.check("name", parse_text(&name, NAME_MAX));
    let allowed = scopes_allowed(caller.role);
    if let Some(beyond) = scopes.iter().find(|s| !allowed.contains(s)) {
        checks.refuse(
            "scopes",
            "scope_beyond_role",
            &format!("your role cannot grant {}", beyond.as_str()),
        );
    }
    if expires_at.is_some_and(|at| at <= chrono::Utc::now()) {
        checks.refuse("expires_at", "in_past", "must be in the future");
    }
    checks.finish()?;
    let name = name.unwrap_or_default();
    let mut scopes = scopes;
    scopes.sort_by_key(|s| s.as_str());
    scopes.dedup();
    let stored_scopes = Scope::join(&scopes);
    let (row, token) = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let (row, token) = queries::create(
                    conn,
                    caller.id,
                    &name,
                    &stored_scopes,
                    expires_at.map(|at| at.naive_utc()),
                )?;
                audit::record(
                    conn,
                    &caller,
                    Entry {
                        action: "token.create",
                        target_type: "token",
                        target_id: row.id.to_string(),
                        summary: &format!("{} [{}]", row.name, row.scopes),
                    },
                )?;
                Ok::<_, ApiError>((row, token))
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(CreatedTokenResponse {
            id: row.id,
            name: row.name,
            scopes,
            expires_at: row.expires_at.map(|at| at.and_utc()),
            token,
        }))
}

/// The signed-in member's API tokens, with when each was last used (never the secrets).
#[utoipa::path(
    tag = "tokens",
    description = "The signed-in member's API tokens, oldest first, with their scopes, expiry and \
        when each was last used; never the secrets.\n\n\
        Fails with 401 when not signed in.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    responses(
        (status = 200, description = "The tokens, oldest first", body = [TokenResponse]),
        Unauthenticated, Unavailable,
    ),
)]
#[get("/members/me/tokens")]
pub async fn list_tokens(
    state: web::Data<AppState>,
    caller: SignedIn,
) -> Result<HttpResponse, ApiError> {
    let rows = state
        .db
        .run(move |conn| Ok(queries::list_for(conn, caller.id)?))
        .await?;
    Ok(private(
        rows.into_iter()
            .map(TokenResponse::from)
            .collect::<Vec<_>>(),
    ))
}

/// Revokes one of the signed-in member's tokens, at once.
#[utoipa::path(
    tag = "tokens",
    description = "Revokes one of the signed-in member's API tokens; it stops working at once. \
        Needs a login, not another token.\n\n\
        Fails with 403 when called with an API token; 404 when the caller has no token with this \
        id.",
    security(("bearer_jwt" = [])),
    params(("id" = i64, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked"),
        BadRequest, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
)]
#[delete("/members/me/tokens/{id}")]
pub async fn delete_token(
    state: web::Data<AppState>,
    caller: SignedIn,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let deleted = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let Some(row) = queries::delete_own(conn, caller.id, id)? else {
                    return Ok::<_, ApiError>(false);
                };
                audit::record(
                    conn,
                    &caller,
                    Entry {
                        action: "token.delete",
                        target_type: "token",
                        target_id: row.id.to_string(),
                        summary: &row.name,
                    },
                )?;
                Ok(true)
            })
        })
        .await?;
    if !deleted {
        return Err(ApiError::NotFound(format!(
            "you have no token with id {id}"
        )));
    }
    Ok(HttpResponse::NoContent().finish())
}
