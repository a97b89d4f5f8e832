//! Which methods each documented path accepts, read from the OpenAPI document, so that an unknown
//! method gets 405 with `Allow` and an unknown path 404.

use actix_web::http::Method;
use utoipa::openapi::path::PathItem;

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
    /// A parameter inside text, as `sitemap-{n}.xml`: what comes before and after it.
    Template(String, String),
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
    /// A literal segment wins over a parameter, as in actix's routing of the handlers: for
    /// `/api/v1/comments/latest` only `GET /comments/latest` counts, not `PATCH /comments/{id}`.
    pub fn allowed_methods(&self, path: &str) -> Vec<Method> {
        let wanted: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let matching = self.routes.iter().filter(|(pattern, _)| {
            pattern.len() == wanted.len()
                && pattern.iter().zip(&wanted).all(|(p, w)| match p {
                    Segment::Literal(l) => l == w,
                    Segment::Parameter => !w.is_empty(),
                    Segment::Template(before, after) => {
                        w.len() > before.len() + after.len()
                            && w.starts_with(before.as_str())
                            && w.ends_with(after.as_str())
                    }
                })
        });
        let literals = |pattern: &[Segment]| -> Vec<bool> {
            pattern
                .iter()
                .map(|s| matches!(s, Segment::Literal(_)))
                .collect()
        };
        let Some(best) = matching.clone().map(|(p, _)| literals(p)).max() else {
            return Vec::new();
        };
        let mut allowed: Vec<Method> = Vec::new();
        for (_, methods) in matching.filter(|(p, _)| literals(p) == best) {
            for method in methods {
                if !allowed.contains(method) {
                    allowed.push(method.clone());
                }
            }
        }
        allowed
    }
}

fn segments(path: &str) -> Vec<Segment> {
    path.trim_end_matches('/')
        .split('/')
        .map(|s| match (s.find('{'), s.rfind('}')) {
            (Some(0), Some(end)) if end == s.len() - 1 => Segment::Parameter,
            (Some(open), Some(close)) if open < close => {
                Segment::Template(s[..open].to_owned(), s[close + 1..].to_owned())
            }
            _ => Segment::Literal(s.to_owned()),
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
