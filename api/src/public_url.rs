//! The site's public origin (`https://example.org`) for the absolute links that feeds, the sitemap
//! and link previews must carry: `KANWU_PUBLIC_URL` when set, else the request's own. From a
//! trusted proxy (`KANWU_TRUSTED_PROXIES`) its `X-Forwarded-Proto` and `X-Forwarded-Host` are
//! believed; from anyone else the `Host` header and the connection's scheme.

use actix_web::http::header;
use actix_web::HttpRequest;

use crate::client_address::TrustedProxies;
use crate::config::Config;

pub fn origin(req: &HttpRequest, config: &Config, proxies: &TrustedProxies) -> String {
    if let Some(url) = &config.discovery.public_url {
        return url.clone();
    }
    let trusted = proxies.sent_by_proxy(req);
    // The value the nearest proxy set: the last one, should a proxy append rather than replace.
    let forwarded = |name: &str| {
        trusted
            .then(|| req.headers().get(name)?.to_str().ok())
            .flatten()
            .and_then(|value| value.rsplit(',').next())
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    let scheme = match forwarded("x-forwarded-proto") {
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        Some(proto) if proto.eq_ignore_ascii_case("http") => "http",
        _ if req.app_config().secure() => "https",
        _ => "http",
    };
    let host = forwarded("x-forwarded-host")
        .or_else(|| req.headers().get(header::HOST)?.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()));
    host.and_then(|host| bare_origin(scheme, host))
        .unwrap_or_else(|| format!("{scheme}://{}", req.app_config().local_addr()))
}

/// `scheme://host[:port]` when `host` is only that (no path, user or stray characters).
fn bare_origin(scheme: &str, host: &str) -> Option<String> {
    if host.is_empty() || host.contains(['/', '\\', '@', '?', '#']) {
        return None;
    }
    let url = url::Url::parse(&format!("{scheme}://{host}")).ok()?;
    (url.host_str().is_some() && url.path() == "/").then(|| url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn config(public_url: Option<&str>) -> Config {
        let dir = std::env::temp_dir().join(format!("kanwu-origin-{}", uuid::Uuid::new_v4()));
        let dir = dir.display().to_string();
        Config::from_lookup(|name| match name {
            "KANWU_DATA_DIR" => Some(dir.clone()),
            "KANWU_PUBLIC_URL" => public_url.map(str::to_owned),
            _ => None,
        })
        .unwrap()
    }

    fn request(peer: &str, headers: &[(&str, &str)]) -> HttpRequest {
        let mut req = TestRequest::default().peer_addr(format!("{peer}:5000").parse().unwrap());
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        req.to_http_request()
    }

    #[test]
    fn the_configured_url_wins() {
        let req = request("203.0.113.9", &[("Host", "evil.example")]);
        let origin = origin(
            &req,
            &config(Some("https://example.org")),
            &TrustedProxies::default(),
        );
        assert_eq!(origin, "https://example.org");
    }

    #[test]
    fn without_one_the_host_header_and_the_connection_give_it() {
        let req = request("203.0.113.9", &[("Host", "News.Example:8080")]);
        let origin = origin(&req, &config(None), &TrustedProxies::default());
        assert_eq!(origin, "http://news.example:8080");
    }

    #[test]
    fn forwarded_scheme_and_host_count_only_from_a_trusted_proxy() {
        let headers = [
            ("Host", "api:8080"),
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "example.org"),
        ];
        let proxies = TrustedProxies(vec!["10.0.0.2".parse().unwrap()]);
        let from_proxy = origin(&request("10.0.0.2", &headers), &config(None), &proxies);
        assert_eq!(from_proxy, "https://example.org");
        let from_stranger = origin(&request("203.0.113.9", &headers), &config(None), &proxies);
        assert_eq!(from_stranger, "http://api:8080");
    }

    #[test]
    fn a_host_that_is_more_than_a_host_is_not_used() {
        for host in [
            "example.org/path",
            "user@example.org",
            "exa mple.org",
            "<script>",
        ] {
            let req = request("203.0.113.9", &[("Host", host)]);
            let origin = origin(&req, &config(None), &TrustedProxies::default());
            assert!(!origin.contains(host), "{host}: {origin}");
            assert!(origin.starts_with("http://"), "{origin}");
        }
    }
}
