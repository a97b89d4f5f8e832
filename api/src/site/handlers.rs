use actix_web::{get, web};

use super::dto::SiteResponse;
use super::queries;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// The site's name and description.
#[utoipa::path(
    tag = "site",
    responses(
        (status = 200, description = "The site", body = SiteResponse),
        (status = 503, description = "The database is unavailable; retry after `Retry-After` seconds",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/site")]
#[tracing::instrument(skip_all)]
pub async fn get_site(state: web::Data<AppState>) -> Result<web::Json<SiteResponse>, ApiError> {
    let settings = state
        .db
        .run(|conn| Ok(queries::site_settings(conn)?))
        .await?;
    Ok(web::Json(settings.into()))
}
