//! The one route table. Everything registered here through `.service()` is also in the OpenAPI
//! document, because [`crate::openapi::spec`] is built from this same function.

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::{health, site};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::handlers::healthz)
        .service(health::handlers::readyz)
        .service(scope::scope("/api/v1").service(site::handlers::get_site));
}
