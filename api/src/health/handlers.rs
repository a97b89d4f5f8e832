use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    #[schema(example = "ok")]
    pub status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadinessResponse {
    #[schema(example = "ready")]
    pub status: String,
    /// `sqlite` or `postgres`.
    #[schema(example = "sqlite")]
    pub database: String,
}

/// The process is alive (it says nothing about the database).
#[utoipa::path(tag = "health", responses((status = 200, description = "Alive", body = HealthResponse)))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<HealthResponse> {
    web::Json(HealthResponse {
        status: "ok".into(),
    })
}

/// The database answers a query: the instance can serve traffic.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready", body = ReadinessResponse),
        (status = 503, description = "The database is unreachable", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<web::Json<ReadinessResponse>, ApiError> {
    state.db.ping().await?;
    Ok(web::Json(ReadinessResponse {
        status: "ready".into(),
        database: state.db.backend().into(),
    }))
}
