use actix_web::http::header;
use actix_web::{post, web, HttpRequest};
use serde::Serialize;
use utoipa::ToSchema;

use super::counter::{is_bot, ViewCounter};
use super::stored::StoredViews;
use crate::auth::Caller;
use crate::client_address::TrustedProxies;
use crate::error::{ApiError, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct ViewCountResponse {
    /// The article's views, including this one when it counted.
    #[schema(example = 494)]
    pub views: i64,
    /// Whether this request counted (a viewer counts once per article per window; bots never).
    pub counted: bool,
}

/// Counts one view of a published article (GET stays free of side effects).
#[utoipa::path(
    tag = "articles",
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "The view count", body = ViewCountResponse),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "A bearer token was sent but is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published article", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/articles/{id}/views")]
pub async fn record_view(
    req: HttpRequest,
    stored: web::Data<StoredViews>,
    counter: web::Data<ViewCounter>,
    proxies: web::Data<TrustedProxies>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<ViewCountResponse>, ApiError> {
    let id = id.into_inner();
    // The count before this view (stored plus this instance's unflushed views); also the 404 check.
    let before = counter
        .total(id, || {
            let stored = stored.clone();
            async move { stored.read(id).await }
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no published article has id {id}")))?;
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let counted = !is_bot(user_agent) && {
        // A signed-in member is one viewer wherever they read from; anyone else is an address and browser.
        let viewer = match &caller.0 {
            Some(member) => counter.viewer_key(("member", member.id)),
            None => {
                let address = proxies
                    .client_address(&req)
                    .map(|ip| ip.to_string())
                    .unwrap_or_default();
                counter.viewer_key(("anonymous", address, user_agent))
            }
        };
        counter.record(id, viewer)
    };
    Ok(web::Json(ViewCountResponse {
        views: before + i64::from(counted),
        counted,
    }))
}
