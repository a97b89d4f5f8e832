//! The OpenAPI 3.1 document: served at `/api/v1/openapi.json`, printed by `kanwu openapi`, and compared
//! with the committed `openapi.yaml` by the drift test.

use actix_web::http::Method;
use actix_web::App;
use utoipa::openapi::path::PathItem;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt as _;

use crate::articles::dto::{ArticleFlag, ArticleSort, ViewPeriod};
use crate::comments::dto::CommentStatus;
use crate::error::{FieldError, Problem};
use crate::members::dto::{MemberKind, MemberRole, MemberStatus};
use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kanwu API",
        description = "The JSON API of Kanwu (刊物), the content system behind 当代秘书. \
            Every error is `application/problem+json` (RFC 9457) with a stable `code`.",
        license(name = "MIT", identifier = "MIT"),
    ),
    tags(
        (name = "site", description = "The site's identity"),
        (name = "categories", description = "The category tree (栏目)"),
        (name = "articles", description = "Published articles, their pages and view counts"),
        (name = "members", description = "Registration, captchas and one's own account"),
        (name = "auth", description = "Sessions: login, refresh, logout"),
        (name = "comments", description = "Members' comments under articles"),
        (name = "admin", description = "Site administration (editors and admins)"),
        (name = "health", description = "Liveness and readiness probes"),
    ),
    // Types used only in query parameters are not collected from handlers: register them here.
    components(schemas(Problem, FieldError, ArticleFlag, ArticleSort, ViewPeriod, MemberKind, MemberRole, MemberStatus, CommentStatus)),
    modifiers(&BearerSecurity)
)]
struct ApiDoc;

/// Declares the `bearer` scheme that authenticated operations name in their `security`.
struct BearerSecurity;

impl utoipa::Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "The access token from `POST /api/v1/auth/login` (15 minutes).",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document, collected from the route table.
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    spec
}

/// The document as YAML, exactly as committed in `openapi.yaml`.
pub fn spec_yaml() -> anyhow::Result<String> {
    Ok(spec().to_yaml()?)
}

/// Which methods each documented path accepts, so an unknown method gets 405 with `Allow`
/// and an unknown path gets 404.
#[derive(Debug, Clone)]
pub struct RouteIndex {
    routes: Vec<(Vec<Segment>, Vec<Method>)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Parameter,
}

impl RouteIndex {
    pub fn from_spec(spec: &utoipa::openapi::OpenApi) -> Self {
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| (segments(path), methods(item)))
            .collect();
        RouteIndex { routes }
    }

    /// The methods documented for a concrete request path; empty when no documented path matches.
    pub fn allowed_methods(&self, path: &str) -> Vec<Method> {
        let wanted: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let mut allowed: Vec<Method> = Vec::new();
        for (pattern, methods) in &self.routes {
            let matches = pattern.len() == wanted.len()
                && pattern.iter().zip(&wanted).all(|(p, w)| match p {
                    Segment::Literal(l) => l == w,
                    Segment::Parameter => !w.is_empty(),
                });
            if matches {
                for method in methods {
                    if !allowed.contains(method) {
                        allowed.push(method.clone());
                    }
                }
            }
        }
        allowed
    }
}

fn segments(path: &str) -> Vec<Segment> {
    path.trim_end_matches('/')
        .split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                Segment::Parameter
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect()
}

fn methods(item: &PathItem) -> Vec<Method> {
    [
        (&item.get, Method::GET),
        (&item.post, Method::POST),
        (&item.put, Method::PUT),
        (&item.patch, Method::PATCH),
        (&item.delete, Method::DELETE),
    ]
    .into_iter()
    .filter(|(op, _)| op.is_some())
    .map(|(_, m)| m)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `$ref` points at a schema the document defines (clients' generators refuse dangling ones).
    #[test]
    fn every_schema_reference_resolves() {
        let document = serde_json::to_value(spec()).unwrap();
        let defined = document["components"]["schemas"].as_object().unwrap();
        let mut pending = vec![&document];
        while let Some(value) = pending.pop() {
            match value {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                        let name = reference.trim_start_matches("#/components/schemas/");
                        assert!(defined.contains_key(name), "dangling reference {reference}");
                    }
                    pending.extend(map.values());
                }
                serde_json::Value::Array(items) => pending.extend(items),
                _ => {}
            }
        }
    }

    #[test]
    fn documented_paths_report_their_methods() {
        let index = RouteIndex::from_spec(&spec());
        assert_eq!(index.allowed_methods("/api/v1/site"), vec![Method::GET]);
        assert!(index.allowed_methods("/api/v1/nothing").is_empty());
    }
}
