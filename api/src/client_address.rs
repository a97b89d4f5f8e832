//! The client's address: the socket's peer, unless that peer is a configured trusted proxy, in which
//! case the nearest address in `X-Forwarded-For` that is not itself a trusted proxy.

use std::net::IpAddr;

use actix_web::HttpRequest;

#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    /// Whether the request came straight from a trusted proxy, so its forwarded headers may be believed.
    pub fn sent_by_proxy(&self, req: &HttpRequest) -> bool {
        req.peer_addr()
            .is_some_and(|peer| self.0.contains(&peer.ip()))
    }

    pub fn client_address(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = req.peer_addr()?.ip();
        if !self.0.contains(&peer) {
            return Some(peer);
        }
        // Walk from the right: each hop appends the address it received from.
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        for hop in forwarded.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(ip) if self.0.contains(&ip) => continue,
                Ok(ip) => return Some(ip),
                Err(_) => break,
            }
        }
        Some(peer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn request(peer: &str, forwarded: Option<&str>) -> HttpRequest {
        let mut req = TestRequest::default().peer_addr(format!("{peer}:5000").parse().unwrap());
        if let Some(f) = forwarded {
            req = req.insert_header(("X-Forwarded-For", f));
        }
        req.to_http_request()
    }

    #[test]
    fn forwarded_addresses_from_strangers_are_ignored() {
        let none = TrustedProxies::default();
        let addr = none.client_address(&request("203.0.113.9", Some("198.51.100.1")));
        assert_eq!(addr, Some("203.0.113.9".parse().unwrap()));
    }

    #[test]
    fn a_trusted_proxy_passes_on_the_client() {
        let proxies = TrustedProxies(vec!["10.0.0.2".parse().unwrap()]);
        let addr = proxies.client_address(&request("10.0.0.2", Some("6.6.6.6, 198.51.100.1")));
        assert_eq!(
            addr,
            Some("198.51.100.1".parse().unwrap()),
            "the rightmost untrusted hop, not a forged left one"
        );
    }
}
