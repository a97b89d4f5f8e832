//! Who is not a reader: crawlers and link checkers, by User-Agent. They get their answer; their
//! views are not counted.

/// User-Agent fragments of crawlers and link checkers: answered, never counted.
const BOT_MARKERS: &[&str] = &[
    "bot",
    "spider",
    "crawl",
    "slurp",
    "bingpreview",
    "facebookexternalhit",
    "mediapartners",
    "python-requests",
    "go-http-client",
    "wget",
    "httpclient",
    "okhttp",
    "scrapy",
    "headlessbrowser",
    "lighthouse",
];

/// Whether a User-Agent is a crawler's (or missing: browsers always send one).
pub fn is_bot(user_agent: &str) -> bool {
    let ua = user_agent.to_ascii_lowercase();
    ua.trim().is_empty() || BOT_MARKERS.iter().any(|marker| ua.contains(marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawlers_are_recognised_and_browsers_are_not() {
        assert!(is_bot("Mozilla/5.0 (compatible; Baiduspider/2.0)"));
        assert!(is_bot("Mozilla/5.0 (compatible; Googlebot/2.1)"));
        assert!(is_bot(""));
        assert!(!is_bot(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"
        ));
    }
}
