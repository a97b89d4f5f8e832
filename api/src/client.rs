//! Who is on the other end of a request, short of a login: the client's address (believed from
//! `X-Forwarded-For` only through a trusted proxy) and its User-Agent. Any handler may take
//! [`Client`] as an extractor.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use sha2::{Digest as _, Sha256};

use crate::client_address::TrustedProxies;
use crate::error::ApiError;
use crate::hex::hex;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct Client {
    /// Empty when the socket's peer is unknown.
    pub address: String,
    pub user_agent: String,
}

impl Client {
    pub fn of(req: &HttpRequest, proxies: &TrustedProxies) -> Self {
        let address = proxies
            .client_address(req)
            .map(|ip| ip.to_string())
            .unwrap_or_default();
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        Client {
            address,
            user_agent,
        }
    }

    /// The address and browser, hashed: what a captcha is bound to (we keep no addresses).
    pub fn hash(&self) -> String {
        client_hash(&self.address, &self.user_agent)
    }

    /// The address alone, hashed: what per-address limits count.
    pub fn address_hash(&self) -> String {
        client_hash(&self.address, "")
    }
}

fn client_hash(address: &str, user_agent: &str) -> String {
    hex(&Sha256::digest(format!("{address}\n{user_agent}").as_bytes())[..])
}

impl FromRequest for Client {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match req.app_data::<web::Data<AppState>>() {
            Some(state) => Ok(Client::of(req, &state.proxies)),
            None => Err(ApiError::internal(anyhow::anyhow!(
                "the application state is not registered"
            ))),
        })
    }
}
