use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::openapi::responses::Unavailable;
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
#[utoipa::path(
    tag = "health",
    description = "For a liveness probe: answers 200 as long as the process serves HTTP, whatever \
        the state of the database.",
    responses(
        (status = 200, description = "Alive", body = HealthResponse),
    ),
)]
#[get("/healthz")]
pub async fn healthz() -> web::Json<HealthResponse> {
    web::Json(HealthResponse {
        status: "ok".into(),
    })
}

/// The database answers a query: the instance can serve traffic.
#[utoipa::path(
    tag = "health",
    description = "For a readiness probe: answers 200 with the database's kind once the database \
        answers a query.\n\n\
        Fails with 503 while the database is unreachable.",
    responses(
        (status = 200, description = "Ready", body = ReadinessResponse),
        Unavailable,
    ),
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<web::Json<ReadinessResponse>, ApiError> {
    state.db.ping().await?;
    Ok(web::Json(ReadinessResponse {
        status: "ready".into(),
        database: state.db.backend().into(),
    }))
}
