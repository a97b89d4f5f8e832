use actix_web::{post, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::bots::is_bot;
use crate::auth::Caller;
use crate::client::Client;
use crate::error::ApiError;
use crate::openapi::responses::{BadRequest, NotFound, Unauthenticated, Unavailable};
use crate::state::AppState;

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
    description = "Counts a view of a published article for the calling viewer, at most once per \
        viewer and article in the configured window (bots are never counted), and answers the \
        count. Counts are written to the database about once a second, so a page may show a count \
        a little behind. A bearer token is optional.\n\n\
        Fails with 401 when a bearer token is sent but is invalid; 404 when no published article \
        has the id.",
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "The view count", body = ViewCountResponse),
        BadRequest, Unauthenticated, NotFound, Unavailable,
    ),
)]
#[post("/articles/{id}/views")]
pub async fn record_view(
    state: web::Data<AppState>,
    client: Client,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<ViewCountResponse>, ApiError> {
    let id = id.into_inner();
    // The count before this view (stored_views plus this instance's unflushed views); also the 404 check.
    let before = state
        .views
        .total(id, || {
            let state = state.clone();
            async move { state.stored_views.read(id).await }
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no published article has id {id}")))?;
    let counted = !is_bot(&client.user_agent) && {
        // A signed-in member is one viewer wherever they read from; anyone else is an address and browser.
        let viewer = match &caller.0 {
            Some(member) => state.views.viewer_key(("member", member.id)),
            None => state
                .views
                .viewer_key(("anonymous", &client.address, &client.user_agent)),
        };
        state.views.record(id, viewer)
    };
    Ok(web::Json(ViewCountResponse {
        views: before + i64::from(counted),
        counted,
    }))
}
