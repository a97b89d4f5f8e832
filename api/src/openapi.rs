//! The OpenAPI 3.1 document: served at `/api/v1/openapi.json`, printed by `kanwu openapi`, and compared
//! with the committed `openapi.yaml` by the drift test.

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt as _;

use crate::articles::dto::{ArticleFlag, ArticleSort, ViewPeriod};
use crate::comments::dto::CommentStatus;
use crate::error::{FieldError, Problem};
use crate::members::dto::{MemberKind, MemberRole, MemberStatus};
use crate::routes;

pub mod responses;
mod route_index;

pub use route_index::RouteIndex;

use responses::{
    BadRequest, Conflict, Forbidden, NotFound, NotModified, PayloadTooLarge, PreconditionFailed,
    PreconditionRequired, TooManyRequests, Unauthenticated, Unavailable, UnsupportedMediaType,
    ValidationFailed,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kanwu API",
        description = "The JSON API of Kanwu (刊物), the content system behind 当代秘书: articles in a \
            category tree, members and their comments, and the editors' and admins' operations.\n\n\
            Reading is open to anyone. Members sign in with `POST /api/v1/auth/login` and send the \
            access token as `Authorization: Bearer …` (`bearer_jwt`); scripts send an API token \
            (`kw_…`, `api_token`) the same way. Each operation's `security` says which it takes.\n\n\
            Every error is `application/problem+json` (RFC 9457) with a stable snake_case `code`; the \
            errors operations share are described once under `components/responses`.",
        license(name = "MIT", identifier = "MIT"),
    ),
    servers((
        url = "/",
        description = "The site's own origin: the JSON API under `/api/v1`, feeds, the sitemap, \
            uploaded media and the probes at the root"
    )),
    tags(
        (name = "site", description = "The site's identity"),
        (name = "categories", description = "The category tree (栏目)"),
        (name = "articles", description = "Published articles, their pages and view counts"),
        (name = "members", description = "Registration, captchas and one's own account"),
        (name = "auth", description = "Sessions: login, refresh, logout"),
        (name = "comments", description = "Members' comments under articles"),
        (name = "editorial", description = "Writing and publishing (editors and admins): articles in any status, their revisions, categories and image uploads"),
        (name = "admin", description = "Site administration: members, comment moderation, banned words, the audit log"),
        (name = "tokens", description = "API tokens (`kw_…`) that a signed-in member creates for scripts, limited by scopes"),
        (name = "media", description = "Uploaded images, served by the name their upload answered with"),
        (name = "discovery", description = "Atom feeds and the sitemap: XML at the site's root, with absolute links to the SPA's pages"),
        (name = "health", description = "Liveness and readiness probes"),
    ),
    // Types used only in query parameters are not collected from handlers: register them here.
    components(
        schemas(Problem, FieldError, ArticleFlag, ArticleSort, ViewPeriod, MemberKind, MemberRole, MemberStatus, CommentStatus),
        responses(NotModified, BadRequest, Unauthenticated, Forbidden, NotFound, Conflict, PreconditionFailed,
            PayloadTooLarge, UnsupportedMediaType, ValidationFailed, PreconditionRequired, TooManyRequests, Unavailable),
    ),
    modifiers(&SecuritySchemes)
)]
struct ApiDoc;

/// The two kinds of bearer credentials that operations name in their `security`: a member's login
/// (a JWT) and a script's API token. Both travel as `Authorization: Bearer …`; the server tells
/// them apart by the token's `kw_` prefix.
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer_jwt",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "The `access_token` of `POST /api/v1/auth/login` or `POST /api/v1/members` \
                         (valid 15 minutes; renew it with `POST /api/v1/auth/refresh`). A password \
                         change, signing out everywhere, a role change or disabling the account \
                         revokes it at once.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "api_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token for scripts, `kw_` and 64 hexadecimal digits, sent as \
                         `Authorization: Bearer kw_…`; created with `POST /api/v1/members/me/tokens`. \
                         It reads what its owner may read, and writes only where an operation names \
                         the scope it carries (`articles:write`, `categories:write`, `media:write`, \
                         `comments:moderate`, `members:admin`, `audit:read`); a member's own account, \
                         comments and tokens need a login.",
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
    let mut spec = spec;
    close_objects(&mut spec);
    document_parameter_errors(&mut spec);
    spec
}

/// `additionalProperties: false` on every object schema that does not say otherwise, so a client (and
/// the fuzzer's response-schema check) knows a response carries exactly the documented fields. Request
/// bodies already say so through `#[serde(deny_unknown_fields)]`; maps keep their value schema. An
/// `allOf` of objects (utoipa's form of `#[serde(flatten)]` and of an internally tagged enum's
/// variants) is merged into one object first: `additionalProperties` in one part of an `allOf`
/// cannot see the other parts' fields, so closing the parts would refuse every value.
/// This runs after the route table is collected, because that is where the handlers' types come from.
fn close_objects(spec: &mut utoipa::openapi::OpenApi) {
    use std::collections::BTreeMap;
    use utoipa::openapi::schema::{AdditionalProperties, Object, Schema, SchemaType, Type};
    use utoipa::openapi::RefOr;

    fn merged(parts: &[RefOr<Schema>], objects: &BTreeMap<String, Object>) -> Option<Object> {
        let mut merged = Object::with_type(Type::Object);
        for part in parts {
            let object = match part {
                RefOr::Ref(reference) => objects.get(
                    reference
                        .ref_location
                        .trim_start_matches("#/components/schemas/"),
                )?,
                RefOr::T(Schema::Object(object)) => object,
                RefOr::T(_) => return None,
            };
            merged.properties.extend(object.properties.clone());
            for name in &object.required {
                if !merged.required.contains(name) {
                    merged.required.push(name.clone());
                }
            }
        }
        merged.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(false)));
        Some(merged)
    }

    let Some(components) = spec.components.as_mut() else {
        return;
    };
    let objects: BTreeMap<String, Object> = components
        .schemas
        .iter()
        .filter_map(|(name, schema)| match schema {
            RefOr::T(Schema::Object(object)) => Some((name.clone(), object.clone())),
            _ => None,
        })
        .collect();
    for schema in components.schemas.values_mut() {
        match schema {
            RefOr::T(Schema::AllOf(all_of)) => {
                if let Some(mut object) = merged(&all_of.items, &objects) {
                    object.description = all_of.description.clone();
                    *schema = RefOr::T(Schema::Object(object));
                }
            }
            RefOr::T(Schema::OneOf(one_of)) => {
                for variant in &mut one_of.items {
                    if let RefOr::T(Schema::AllOf(all_of)) = variant {
                        if let Some(object) = merged(&all_of.items, &objects) {
                            *variant = RefOr::T(Schema::Object(object));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for schema in components.schemas.values_mut() {
        if let RefOr::T(Schema::Object(object)) = schema {
            if object.schema_type == SchemaType::Type(Type::Object)
                && object.additional_properties.is_none()
            {
                object.additional_properties =
                    Some(Box::new(AdditionalProperties::FreeForm(false)));
            }
        }
    }
}

/// Every operation with a query or path parameter can answer 400 (`invalid_query`, `invalid_path`):
/// the extractors' error handlers in [`crate::error::extractors`] give it before the handler runs,
/// for a repeated or unparsable parameter. Documented here once rather than on each handler.
fn document_parameter_errors(spec: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::IntoResponses as _;

    for item in spec.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            let has_parameters = operation.parameters.as_ref().is_some_and(|parameters| {
                parameters
                    .iter()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Query | ParameterIn::Path))
            });
            if has_parameters {
                for (status, response) in BadRequest::responses() {
                    operation
                        .responses
                        .responses
                        .entry(status)
                        .or_insert(response);
                }
            }
        }
    }
}

/// The document as YAML, exactly as committed in `openapi.yaml`.
pub fn spec_yaml() -> anyhow::Result<String> {
    Ok(spec().to_yaml()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::Method;

    /// Every `$ref` in the document.
    fn references(document: &serde_json::Value) -> Vec<String> {
        let mut found = Vec::new();
        let mut pending = vec![document];
        while let Some(value) = pending.pop() {
            match value {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                        found.push(reference.clone());
                    }
                    pending.extend(map.values());
                }
                serde_json::Value::Array(items) => pending.extend(items),
                _ => {}
            }
        }
        found
    }

    /// Every `$ref` points at a component the document defines (clients' generators refuse dangling
    /// ones): schemas, and the shared responses of [`responses`].
    #[test]
    fn every_reference_resolves() {
        let document = serde_json::to_value(spec()).unwrap();
        let references = references(&document);
        assert!(references
            .iter()
            .any(|r| r.starts_with("#/components/responses/")));
        for reference in references {
            let pointer = reference.trim_start_matches('#');
            assert!(
                document.pointer(pointer).is_some(),
                "dangling reference {reference}"
            );
        }
    }

    /// Each shared response is named by some operation (an unused one would be dead documentation).
    #[test]
    fn every_shared_response_is_used() {
        let document = serde_json::to_value(spec()).unwrap();
        let references = references(&document);
        for name in document["components"]["responses"]
            .as_object()
            .unwrap()
            .keys()
        {
            let wanted = format!("#/components/responses/{name}");
            assert!(references.contains(&wanted), "{name} is never used");
        }
    }

    #[test]
    fn documented_paths_report_their_methods() {
        let index = RouteIndex::from_spec(&spec());
        assert_eq!(index.allowed_methods("/api/v1/site"), vec![Method::GET]);
        assert!(index.allowed_methods("/api/v1/nothing").is_empty());
        assert_eq!(index.allowed_methods("/sitemap-2.xml"), vec![Method::GET]);
        assert_eq!(
            index.allowed_methods("/c/features/feed.xml"),
            vec![Method::GET]
        );
        assert!(index.allowed_methods("/sitemap-.xml").is_empty());
    }

    #[test]
    fn a_literal_segment_wins_over_a_parameter() {
        let index = RouteIndex::from_spec(&spec());
        assert_eq!(
            index.allowed_methods("/api/v1/comments/latest"),
            vec![Method::GET]
        );
        assert_eq!(
            index.allowed_methods("/api/v1/admin/comments/bulk"),
            vec![Method::POST]
        );
        assert_eq!(
            index.allowed_methods("/api/v1/comments/7"),
            vec![Method::PATCH, Method::DELETE]
        );
    }
}
