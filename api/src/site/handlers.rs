use actix_web::{get, web};

use super::dto::SiteResponse;
use super::queries;
use crate::error::ApiError;
use crate::openapi::responses::Unavailable;
use crate::state::AppState;

/// The site's name and description.
#[utoipa::path(
    tag = "site",
    description = "The site's name and description, as the page header and the feeds show them, and the time zone its dates are shown in.",
    responses(
        (status = 200, description = "The site", body = SiteResponse),
        Unavailable,
    ),
)]
#[get("/site")]
#[tracing::instrument(skip_all)]
pub async fn get_site(state: web::Data<AppState>) -> Result<web::Json<SiteResponse>, ApiError> {
    let settings = state
        .db
        .run(|conn| Ok(queries::site_settings(conn)?))
        .await?;
    Ok(web::Json(SiteResponse::new(&settings, state.config.time)))
}
