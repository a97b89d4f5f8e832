//! robots.txt, the sitemap and the pages' canonical links agree: robots.txt names the sitemap on the
//! site's origin and lets crawlers reach every address the sitemap lists, each of which is a page
//! that names itself by that same address; what holds nothing to find is disallowed, and what only
//! must not be indexed stays allowed so that crawlers can read its `noindex`.

use super::{fetch, locations, meta};
use system_tests::fixtures::{self, at, fake_dist, ArticleFixture};
use system_tests::{on_both_backends, TestApp};

/// The rules robots.txt gives every crawler (`User-agent: *`), read as RFC 9309 says: the longest
/// matching rule wins, `Allow` on a tie.
struct Robots {
    /// (allowed, path prefix)
    rules: Vec<(bool, String)>,
    sitemaps: Vec<String>,
}

impl Robots {
    fn parse(text: &str) -> Self {
        let (mut rules, mut sitemaps) = (Vec::new(), Vec::new());
        let (mut for_everyone, mut after_agent) = (false, false);
        for line in text.lines() {
            let line = line.split('#').next().unwrap().trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            if key == "user-agent" {
                // Consecutive user-agent lines open one group together.
                for_everyone = (after_agent && for_everyone) || value == "*";
                after_agent = true;
                continue;
            }
            after_agent = false;
            match key.as_str() {
                "allow" | "disallow" if for_everyone && !value.is_empty() => {
                    // This reader knows prefixes only: a wildcard would be misread, so it fails.
                    assert!(!value.contains(['*', '$']), "a wildcard in {line}");
                    rules.push((key == "allow", value.to_owned()));
                }
                "sitemap" => sitemaps.push(value.to_owned()),
                _ => {}
            }
        }
        Robots { rules, sitemaps }
    }

    fn allows(&self, path: &str) -> bool {
        self.rules
            .iter()
            .filter(|(_, prefix)| path.starts_with(prefix.as_str()))
            .max_by_key(|(allowed, prefix)| (prefix.len(), *allowed))
            .is_none_or(|(allowed, _)| *allowed)
    }
}

/// The canonical link of the page at `path`.
async fn canonical(app: &TestApp, path: &str) -> Option<String> {
    let page = app.get(path).await.unwrap();
    assert_eq!(page.status(), 200, "{path}");
    meta(&page.text().await.unwrap(), "rel", "canonical")
}

on_both_backends!(async fn robots_txt_the_sitemap_and_canonical_links_name_the_same_addresses(backend) {
    let dist = fake_dist();
    let web_dir = dist.path().display().to_string();
    for public_url in [Some("https://magazine.example"), None] {
        let mut settings = vec![("KANWU_WEB_DIR", web_dir.as_str())];
        settings.extend(public_url.map(|url| ("KANWU_PUBLIC_URL", url)));
        let app = TestApp::spawn_with(backend, &settings).await;
        let articles = app.with_db(|conn| {
            let features = fixtures::category(conn, "专题", "features", None, 1);
            let interviews = fixtures::category(conn, "访谈", "interviews", Some(features), 1);
            let news = fixtures::category(conn, "动态", "news", None, 2);
            ArticleFixture::new(news, "草稿").status("draft").insert(conn);
            // One in each category, and enough in 动态 for a second page (20 a page).
            [features, interviews].into_iter().chain(std::iter::repeat_n(news, 21))
                .enumerate()
                .map(|(i, category)| {
                    ArticleFixture::new(category, &format!("文章{i}")).published_at(at(i as i64)).insert(conn)
                })
                .collect::<Vec<_>>()
        }).await;
        let origin = public_url.map_or_else(|| app.address.clone(), str::to_owned);

        let robots = Robots::parse(&fetch(&app, "/robots.txt", "text/plain; charset=utf-8").await);
        assert_eq!(robots.sitemaps, [format!("{origin}/sitemap.xml")], "one sitemap, on the site's origin");
        let sitemap = fetch(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;
        let urls = locations(&sitemap, "urlset");
        assert_eq!(urls.len(), 1 + 3 + articles.len(), "home, categories, articles: {urls:?}");

        for url in &urls {
            let path = url.strip_prefix(&origin).unwrap_or_else(|| panic!("{url} is on {origin}"));
            assert!(path == "/" || !path.ends_with('/'), "{url}: no trailing slash but the home page's");
            assert!(!path.contains(['?', '#']), "{url}: no query");
            assert!(robots.allows(path), "robots.txt lets crawlers read {url}");
            let page = app.get(path).await.unwrap();
            assert_eq!(page.status(), 200, "{url} is a page");
            let html = page.text().await.unwrap();
            assert_eq!(meta(&html, "rel", "canonical").as_ref(), Some(url), "{url} names itself canonical");
            assert_eq!(meta(&html, "property", "og:url").as_ref(), Some(url));
        }
        for id in &articles {
            assert!(urls.contains(&format!("{origin}/a/{id}")), "article {id} is listed");
        }

        // A category's later page is its own address, with the page in the query; its first page
        // is the category's.
        assert_eq!(canonical(&app, "/c/news?page=2").await, Some(format!("{origin}/c/news?page=2")));
        assert_eq!(canonical(&app, "/c/news?page=1").await, Some(format!("{origin}/c/news")));
        assert!(robots.allows("/c/news?page=2"));

        // Nothing to find there: the JSON API, the console, the member centre.
        for path in ["/api/v1/articles", "/api/v1/site", "/admin", "/admin/articles", "/member", "/member/comments"] {
            assert!(!robots.allows(path), "{path} is disallowed");
        }
        // Search results say noindex themselves, so crawlers must reach them to read it; feeds,
        // media and the SPA's scripts (which a crawler that renders needs) are open too.
        for path in ["/search?q=%E7%A7%98%E4%B9%A6", "/search", "/feed.xml", "/c/features/feed.xml", "/media/cover.png", "/assets/index-3f2a1b.js"] {
            assert!(robots.allows(path), "{path} is allowed");
        }
        let search = app.get("/search?q=%E6%96%87%E7%AB%A0").await.unwrap();
        assert_eq!(search.status(), 200);
        assert_eq!(search.headers()["x-robots-tag"], "noindex", "search results are not indexed");
        app.stop().await;
    }
});

#[test]
fn the_robots_reader_takes_the_longest_rule_for_everyone() {
    let robots = Robots::parse(
        "User-agent: Baiduspider\nDisallow: /\n\nUser-agent: Googlebot\nUser-agent: *\n\
         Disallow: /admin # the console\nAllow: /admin/help\nDisallow: /api/\n\nSitemap: https://e.org/s.xml\n",
    );
    assert!(robots.allows("/a/1"));
    assert!(!robots.allows("/admin"));
    assert!(!robots.allows("/administration"));
    assert!(robots.allows("/admin/help/1"), "the longer rule wins");
    assert!(!robots.allows("/api/v1"));
    assert!(robots.allows("/api"), "a prefix, not a folder");
    assert_eq!(robots.sitemaps, ["https://e.org/s.xml"]);
}
