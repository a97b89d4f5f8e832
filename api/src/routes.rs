//! The one route table. Everything registered here through `.service()` is also in the OpenAPI
//! document, because [`crate::openapi::spec`] is built from this same function.

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::{articles, categories, health, home, site, views};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::handlers::healthz)
        .service(health::handlers::readyz)
        .service(
            scope::scope("/api/v1")
                .service(site::handlers::get_site)
                .service(home::handlers::get_home)
                .service(categories::handlers::list_categories)
                .service(categories::handlers::get_category)
                .service(articles::handlers::list_articles)
                .service(articles::handlers::get_article)
                .service(views::handlers::record_view),
        );
}
