//! Everything that is neither an API route nor a server-rendered page ([`crate::pages`]): the built
//! SPA's files, `index.html` for the SPA's own routes, the 404 page for unknown paths, and problem
//! documents for unknown API paths and methods.

use std::path::{Path, PathBuf};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};

use crate::error::ApiError;
use crate::state::AppState;

pub mod shell;
pub mod web_dir;
pub use web_dir::WebDir;

/// Vite puts content-hashed files here: they never change, so browsers may keep them for a year.
const HASHED_ASSETS_PREFIX: &str = "assets/";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `index.html` and other unhashed files are revalidated on every visit so deploys show at once.
const REVALIDATE: &str = "no-cache";

/// Answers 405 for a method a documented path does not take, before routing: actix would otherwise
/// hand `PATCH /api/v1/comments/latest` to `PATCH /comments/{id}` (a 400 for the id, or a 401),
/// though no `PATCH` exists at that address. `HEAD` is answered wherever `GET` is (RFC 9110: the
/// same headers, no body), as feed readers and link checkers expect.
pub async fn documented_methods_only(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Some(state) = req.app_data::<web::Data<AppState>>() {
        let mut allowed = state.routes.allowed_methods(req.path());
        if allowed.contains(&Method::GET) {
            allowed.push(Method::HEAD);
            if req.method() == Method::HEAD {
                // Routed as GET; the connection still knows it was HEAD and sends no body.
                req.head_mut().method = Method::GET;
            }
        }
        if !allowed.is_empty() && !allowed.contains(req.method()) {
            let refusal = ApiError::MethodNotAllowed { allow: allowed }.error_response();
            return Ok(req.into_response(refusal));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

pub async fn fallback(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    let allowed = state.routes.allowed_methods(path);
    if !allowed.is_empty() {
        return Err(ApiError::MethodNotAllowed { allow: allowed });
    }
    if path == "/api" || path.starts_with("/api/") {
        return Err(ApiError::NotFound(format!("no API route matches {path}")));
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Err(ApiError::MethodNotAllowed {
            allow: vec![Method::GET, Method::HEAD],
        });
    }
    let relative = safe_relative_path(path)
        .ok_or_else(|| ApiError::NotFound(format!("nothing is served at {path}")))?;
    if let Some(dir) = &state.web_dir.dir {
        let candidate = dir.join(&relative);
        if !relative.as_os_str().is_empty() && candidate.is_file() {
            let cache = if relative.starts_with(HASHED_ASSETS_PREFIX) {
                IMMUTABLE
            } else {
                REVALIDATE
            };
            return serve_file(&req, &candidate, cache).await;
        }
        if let Some(route) = spa_route(path) {
            let mut response = serve_file(&req, &dir.join("index.html"), REVALIDATE).await?;
            if route == SpaRoute::Private {
                response
                    .headers_mut()
                    .insert(X_ROBOTS_TAG, HeaderValue::from_static("noindex"));
            }
            return Ok(response);
        }
    }
    // A missing file with an extension is a broken link, not a page: a short problem, not HTML.
    if relative.extension().is_some() {
        return Err(ApiError::NotFound(format!("nothing is served at {path}")));
    }
    crate::pages::handlers::not_found(state, req).await
}

const X_ROBOTS_TAG: header::HeaderName = header::HeaderName::from_static("x-robots-tag");

/// The SPA's routes that the server does not render: they get `index.html`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpaRoute {
    /// 注册会员: a page anyone may find.
    Public,
    /// The member centre and the console: never indexed.
    Private,
}

fn spa_route(path: &str) -> Option<SpaRoute> {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    match path {
        "/register" => Some(SpaRoute::Public),
        "/member" | "/admin" => Some(SpaRoute::Private),
        _ if path.starts_with("/admin/") => Some(SpaRoute::Private),
        _ => None,
    }
}

async fn serve_file(
    req: &HttpRequest,
    path: &Path,
    cache: &'static str,
) -> Result<HttpResponse, ApiError> {
    let file = actix_files::NamedFile::open_async(path)
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("cannot open {}: {e}", path.display())))?;
    let mut response = file
        .use_etag(true)
        .use_last_modified(true)
        .into_response(req);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}

/// Turns a request path into a path below the web folder, refusing anything that could climb out
/// of it or reach hidden files.
fn safe_relative_path(request_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(request_path)
        .decode_utf8()
        .ok()?;
    let mut relative = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains('\\') || segment.contains('\0') {
            return None;
        }
        relative.push(segment);
    }
    Some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        assert!(safe_relative_path("/../etc/passwd").is_none());
        assert!(safe_relative_path("/assets/%2e%2e/secret").is_none());
        assert!(safe_relative_path("/.env").is_none());
        assert!(safe_relative_path("/a\\..\\b").is_none());
    }

    #[test]
    fn only_the_spas_own_routes_get_its_shell() {
        assert_eq!(spa_route("/register"), Some(SpaRoute::Public));
        assert_eq!(spa_route("/member"), Some(SpaRoute::Private));
        assert_eq!(spa_route("/admin/articles/7"), Some(SpaRoute::Private));
        assert_eq!(spa_route("/admin"), Some(SpaRoute::Private));
        assert_eq!(spa_route("/about"), None);
        assert_eq!(spa_route("/administrator"), None);
        assert_eq!(spa_route("/"), None);
    }

    #[test]
    fn ordinary_paths_map_below_the_folder() {
        assert_eq!(
            safe_relative_path("/assets/index-abc.js"),
            Some(PathBuf::from("assets/index-abc.js"))
        );
        assert_eq!(safe_relative_path("/"), Some(PathBuf::new()));
    }
}
