use actix_web::http::header;
use actix_web::{post, web, HttpResponse};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::{answer_hash, queries, CAPTCHA_TTL_SECONDS};
use crate::client::Client;
use crate::error::ApiError;
use crate::openapi::responses::{TooManyRequests, Unavailable};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct CaptchaResponse {
    /// Send back as `captcha_id` with the answer.
    pub id: String,
    /// The four digits as a PNG `data:` URL.
    #[schema(example = "data:image/png;base64,iVBORw0KGgo…")]
    pub image: String,
    pub expires_at: DateTime<Utc>,
}

/// A new captcha: four digits, valid for five minutes, for one attempt by this client.
#[utoipa::path(
    tag = "members",
    description = "A new captcha for registering or commenting: four digits as a PNG image, valid \
        for five minutes and for one attempt, by this client only.\n\n\
        Fails with 429 after too many captchas from this address.",
    responses(
        (status = 201, description = "The captcha", body = CaptchaResponse),
        TooManyRequests, Unavailable,
    ),
)]
#[post("/captchas")]
pub async fn create_captcha(
    state: web::Data<AppState>,
    client: Client,
) -> Result<HttpResponse, ApiError> {
    state
        .limits
        .captcha
        .hit(&client.address)
        .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    let (answer, png) = web::block(super::draw)
        .await?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("the captcha could not be drawn")))?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    let expires_at = Utc::now() + chrono::Duration::seconds(CAPTCHA_TTL_SECONDS);
    let (stored_id, answer_digest, client) = (id.clone(), answer_hash(&id, &answer), client.hash());
    state
        .db
        .write(move |conn| {
            Ok(queries::insert(
                conn,
                &stored_id,
                &answer_digest,
                &client,
                expires_at.naive_utc(),
            )?)
        })
        .await?;

    let mut response = HttpResponse::Created();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    if state.config.security.test_hooks {
        expose_answer_to_tests(&mut response, &answer);
    }
    Ok(response.json(CaptchaResponse {
        id,
        image: format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(png)
        ),
        expires_at,
    }))
}

/// Tests read the answer from a header; the code does not exist in builds without `test-hooks`.
#[cfg(feature = "test-hooks")]
fn expose_answer_to_tests(response: &mut actix_web::HttpResponseBuilder, answer: &str) {
    response.insert_header(("X-Test-Captcha-Answer", answer.to_owned()));
}

#[cfg(not(feature = "test-hooks"))]
fn expose_answer_to_tests(_response: &mut actix_web::HttpResponseBuilder, _answer: &str) {}
