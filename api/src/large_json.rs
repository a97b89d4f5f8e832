//! Request bodies that are read only after the caller is known.
//!
//! actix polls a handler's extractors together, so a malformed body would answer 400/422 before the
//! token was even checked, telling an anonymous caller about an operation it may not use. Handlers
//! that need a caller take `JsonBody<T>` (or `Result<LargeJson<T>, ApiError>`), which never fails
//! extraction, and unwrap it with [`read`] once the caller has passed.
//!
//! `LargeJson<T>`: a JSON body with a larger limit than the default 64 KB, for article bodies. The
//! errors are the same problem documents as `web::Json`'s (415, 413, 400, 422).

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt as _;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::extractors::deserialize_error;
use crate::error::ApiError;

/// An article with its Markdown body fits comfortably; a novel does not.
pub const LARGE_JSON_LIMIT_BYTES: usize = 1024 * 1024;

/// A JSON body whose problems are reported after authentication.
pub type JsonBody<T> = Result<actix_web::web::Json<JsonObject<T>>, actix_web::Error>;

/// The body, or its problem (a 400, 413, 415 or 422).
pub fn read<T>(body: JsonBody<T>) -> Result<T, ApiError> {
    body.map(|json| json.into_inner().0)
        .map_err(ApiError::from_actix)
}

/// A body that must be a JSON object, as every request body of the API is. serde's derived structs
/// also accept an array of their fields in order (`["title", …]`, or `[]` when every field may be
/// absent), a form no client is told about: refused here as 422 `invalid_type`.
#[derive(Debug)]
pub struct JsonObject<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for JsonObject<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = JsonObject<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(JsonObject)
            }
        }

        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }
}

pub struct LargeJson<T>(pub T);

impl<T> LargeJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for LargeJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .is_some_and(|m| {
                m.type_() == mime::APPLICATION
                    && (m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON))
            });
        let declared_too_large = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .is_some_and(|len| len > LARGE_JSON_LIMIT_BYTES);
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            if declared_too_large {
                return Err(ApiError::PayloadTooLarge {
                    limit: LARGE_JSON_LIMIT_BYTES,
                });
            }
            let mut body = Vec::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| ApiError::BadRequest {
                    code: "invalid_body",
                    detail: format!("the request body could not be read: {e}"),
                })?;
                if body.len() + chunk.len() > LARGE_JSON_LIMIT_BYTES {
                    return Err(ApiError::PayloadTooLarge {
                        limit: LARGE_JSON_LIMIT_BYTES,
                    });
                }
                body.extend_from_slice(&chunk);
            }
            serde_json::from_slice::<JsonObject<T>>(&body)
                .map(|object| LargeJson(object.0))
                .map_err(|e| deserialize_error(&e))
        })
    }
}
