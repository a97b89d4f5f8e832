//! The caller of a request, from its bearer token, checked against the database on every request so
//! that a password change, logout-all, disabling or a role change revokes older tokens at once.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::jwt::TokenKeys;
use crate::db::Database;
use crate::error::ApiError;
use crate::members::model::{role, status};
use crate::members::queries as member_queries;

/// A signed-in member whose token is current.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: i64,
    pub role: String,
    pub kind: String,
    pub status: String,
}

impl SignedIn {
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.role == role::ADMIN {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "admin_only",
                "only an admin may do this",
            ))
        }
    }

    pub fn is_editor(&self) -> bool {
        self.role == role::EDITOR || self.role == role::ADMIN
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

async fn authenticate(
    token: String,
    keys: web::Data<TokenKeys>,
    db: web::Data<Database>,
) -> Result<SignedIn, ApiError> {
    let claims = keys.verify(&token).ok_or(ApiError::Unauthenticated)?;
    let id: i64 = claims.sub.parse().map_err(|_| ApiError::Unauthenticated)?;
    let member = db
        .run(move |conn| Ok(member_queries::find(conn, id)?))
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if member.token_version != claims.ver || member.status == status::DISABLED {
        return Err(ApiError::Unauthenticated);
    }
    Ok(SignedIn {
        id: member.id,
        role: member.role,
        kind: member.kind,
        status: member.status,
    })
}

fn services(req: &HttpRequest) -> Result<(web::Data<TokenKeys>, web::Data<Database>), ApiError> {
    let keys = req.app_data::<web::Data<TokenKeys>>().cloned();
    let db = req.app_data::<web::Data<Database>>().cloned();
    match (keys, db) {
        (Some(keys), Some(db)) => Ok((keys, db)),
        _ => Err(ApiError::internal(anyhow::anyhow!(
            "token keys or database not registered"
        ))),
    }
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let services = services(req);
        Box::pin(async move {
            let token = token.ok_or(ApiError::Unauthenticated)??;
            let (keys, db) = services?;
            authenticate(token, keys, db).await
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
                    let (keys, db) = services?;
                    Ok(Caller(Some(authenticate(token?, keys, db).await?)))
                }
            }
        })
    }
}
