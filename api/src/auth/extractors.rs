//! The caller of a request, from its bearer token, checked against the database on every request so
//! that a password change, logout-all, disabling or a role change revokes older tokens at once.
//! The bearer is either a JWT from a login or an API token (`kw_…`) for scripts; an API token only
//! works where a handler takes [`Staff`] and checks a scope the token carries, and for reading.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::identity::{MemberKind, MemberRole, MemberStatus};
use super::queries::{self, Standing, TOKEN_PREFIX};
use super::scope::Scope;
use crate::db::Database;
use crate::error::ApiError;
use crate::state::AppState;

/// A signed-in member whose token is current.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: i64,
    pub username: String,
    pub role: MemberRole,
    pub kind: MemberKind,
    pub status: MemberStatus,
    /// `Some` when the bearer was an API token: what it may do beyond reading.
    pub token_scopes: Option<Vec<Scope>>,
}

impl SignedIn {
    pub fn is_editor(&self) -> bool {
        self.role.is_editor()
    }

    pub fn is_admin(&self) -> bool {
        self.role == MemberRole::Admin
    }

    fn of(member: Standing, token_scopes: Option<Vec<Scope>>) -> Self {
        SignedIn {
            id: member.id,
            username: member.username,
            role: member.role,
            kind: member.kind,
            status: member.status,
            token_scopes,
        }
    }
}

/// A signed-in editor or admin (by login or API token). Handlers then name the scope their
/// operation needs, and whether it is for admins only.
#[derive(Debug, Clone)]
pub struct Staff(pub SignedIn);

impl std::ops::Deref for Staff {
    type Target = SignedIn;
    fn deref(&self) -> &SignedIn {
        &self.0
    }
}

impl Staff {
    /// An API token must carry `scope`; a login session may do whatever the role allows.
    pub fn require(&self, scope: Scope) -> Result<&Self, ApiError> {
        match &self.0.token_scopes {
            Some(scopes) if !scopes.contains(&scope) => Err(ApiError::forbidden(
                "token_scope_missing",
                format!("this API token lacks the {} scope", scope.as_str()),
            )),
            _ => Ok(self),
        }
    }

    pub fn require_admin(&self) -> Result<&Self, ApiError> {
        if self.0.is_admin() {
            Ok(self)
        } else {
            Err(ApiError::forbidden(
                "admin_only",
                "only an admin may do this",
            ))
        }
    }
}

/// The caller if a bearer token was sent; anonymous otherwise. A token that is sent but invalid is
/// still a 401: a client should learn its session ended rather than silently become anonymous.
#[derive(Debug, Clone)]
pub struct Caller(pub Option<SignedIn>);

fn bearer_token(req: &HttpRequest) -> Option<Result<String, ApiError>> {
    let value = req.headers().get(header::AUTHORIZATION)?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or(ApiError::Unauthenticated);
    Some(token)
}

async fn authenticate(token: String, state: web::Data<AppState>) -> Result<SignedIn, ApiError> {
    if token.starts_with(TOKEN_PREFIX) {
        return authenticate_api_token(token, &state.db).await;
    }
    let claims = state
        .token_keys
        .verify(&token)
        .ok_or(ApiError::Unauthenticated)?;
    let id: i64 = claims.sub.parse().map_err(|_| ApiError::Unauthenticated)?;
    let member = state
        .db
        .run(move |conn| Ok(queries::standing(conn, id)?))
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if member.token_version != claims.ver || member.status == MemberStatus::Disabled {
        return Err(ApiError::Unauthenticated);
    }
    Ok(SignedIn::of(member, None))
}

async fn authenticate_api_token(token: String, db: &Database) -> Result<SignedIn, ApiError> {
    let found = db
        .run(move |conn| {
            let Some(grant) = queries::api_token_grant(conn, &token)? else {
                return Ok(None);
            };
            Ok(queries::standing(conn, grant.member_id)?.map(|member| (grant, member)))
        })
        .await?;
    let (grant, member) = found.ok_or(ApiError::Unauthenticated)?;
    if member.status == MemberStatus::Disabled {
        return Err(ApiError::Unauthenticated);
    }
    Ok(SignedIn::of(member, Some(Scope::parse_list(&grant.scopes))))
}

/// API tokens are for the scoped editorial and admin operations; a member's own writes (comments,
/// profile, password, sessions, tokens) need a login.
fn refuse_token_writes(req: &HttpRequest, caller: SignedIn) -> Result<SignedIn, ApiError> {
    let reading = req.method() == actix_web::http::Method::GET
        || req.method() == actix_web::http::Method::HEAD;
    if caller.token_scopes.is_some() && !reading {
        return Err(ApiError::forbidden(
            "token_not_allowed",
            "API tokens can only call operations that name a scope; sign in for this one",
        ));
    }
    Ok(caller)
}

fn services(req: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| {
            ApiError::internal(anyhow::anyhow!("the application state is not registered"))
        })
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let services = services(req);
        let req = req.clone();
        Box::pin(async move {
            let token = token.ok_or(ApiError::Unauthenticated)??;
            let state = services?;
            refuse_token_writes(&req, authenticate(token, state).await?)
        })
    }
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let services = services(req);
        Box::pin(async move {
            let token = token.ok_or(ApiError::Unauthenticated)??;
            let state = services?;
            let caller = authenticate(token, state).await?;
            if !caller.is_editor() {
                return Err(ApiError::forbidden(
                    "editor_only",
                    "only editors and admins may do this",
                ));
            }
            Ok(Staff(caller))
        })
    }
}

/// A signed-in admin (by login or API token): [`Staff`] that is also an admin, refused with
/// `admin_only` otherwise.
#[derive(Debug, Clone)]
pub struct Admin(pub Staff);

impl std::ops::Deref for Admin {
    type Target = Staff;
    fn deref(&self) -> &Staff {
        &self.0
    }
}

impl FromRequest for Admin {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let services = services(req);
        Box::pin(async move {
            let token = token.ok_or(ApiError::Unauthenticated)??;
            let state = services?;
            let caller = authenticate(token, state).await?;
            if !caller.is_admin() {
                return Err(ApiError::forbidden(
                    "admin_only",
                    "only an admin may do this",
                ));
            }
            Ok(Admin(Staff(caller)))
        })
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let services = services(req);
        Box::pin(async move {
            match token {
                None => Ok(Caller(None)),
                Some(token) => {
                    let state = services?;
                    Ok(Caller(Some(authenticate(token?, state).await?)))
                }
            }
        })
    }
}
