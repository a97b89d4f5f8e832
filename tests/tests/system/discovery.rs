//! Discovery: the Atom feeds, the sitemap (and its index past the page size) and link previews on
//! `/a/{id}`. Every feed and sitemap is validated against the real schemas (tests/schemas: the Atom
//! RELAX NG grammar of RFC 4287 and the sitemaps.org XSDs) with libxml2's `xmllint`, which the test
//! command installs; without it these tests fail rather than skip.

mod agreement;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use diesel::prelude::*;
use kanwu_api::db::schema::articles;
use system_tests::fixtures::{self, at, fake_dist, ArticleFixture, INDEX_HTML};
use system_tests::{assert_problem, on_both_backends, TestApp};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// A title that would be markup if it were written out as it is, with characters XML forbids.
const NASTY_TITLE: &str = "A & B <script>\"x\"</script> 'y'\u{1}\u{b}]]>";
/// The same once the characters XML cannot carry are left out.
const NASTY_TITLE_AS_TEXT: &str = "A & B <script>\"x\"</script> 'y']]>";

#[derive(Clone, Copy)]
enum Schema {
    Atom,
    Sitemap,
    SitemapIndex,
}

fn schema_path(schema: Schema) -> PathBuf {
    let file = match schema {
        Schema::Atom => "atom.rng",
        Schema::Sitemap => "sitemap.xsd",
        Schema::SitemapIndex => "siteindex.xsd",
    };
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(file)
}

/// Validates `document` with xmllint; `Err` carries its complaints. A missing xmllint panics: a
/// schema test that cannot validate must not pass.
async fn check(document: &str, schema: Schema) -> Result<(), String> {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), document).unwrap();
    let flag = match schema {
        Schema::Atom => "--relaxng",
        Schema::Sitemap | Schema::SitemapIndex => "--schema",
    };
    let output = tokio::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg(flag)
        .arg(schema_path(schema))
        .arg(file.path())
        .output()
        .await
        .unwrap_or_else(|e| {
            panic!(
                "cannot run xmllint ({e}): install Debian's libxml2-utils (bash .ci/test.sh does)"
            )
        });
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

async fn assert_valid(document: &str, schema: Schema) {
    if let Err(complaints) = check(document, schema).await {
        panic!("the document is invalid:\n{complaints}\n{document}");
    }
}

/// A page's body, after checking its status and content type.
async fn fetch(app: &TestApp, path: &str, content_type: &str) -> String {
    let response = app.get(path).await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], content_type, "{path}");
    response.text().await.unwrap()
}

/// The entries of a feed as (link, title) pairs, in order; checks what every entry must carry.
fn entries(feed: &str) -> Vec<(String, String)> {
    let document = roxmltree::Document::parse(feed).expect("a well-formed feed");
    let root = document.root_element();
    assert_eq!(root.tag_name().namespace(), Some(ATOM));
    fn child<'a, 'input>(
        node: roxmltree::Node<'a, 'input>,
        name: &str,
    ) -> Option<roxmltree::Node<'a, 'input>> {
        node.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
    }
    assert!(child(root, "author").is_some(), "the feed has an author");
    root.children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|entry| {
            let text = |name| {
                child(entry, name)
                    .and_then(|n| n.text())
                    .unwrap_or_default()
            };
            let link = child(entry, "link").unwrap().attribute("href").unwrap();
            assert_eq!(text("id"), link, "an entry's id is its page's address");
            for time in [text("published"), text("updated")] {
                chrono::DateTime::parse_from_rfc3339(time).expect("RFC 3339 times");
            }
            assert!(!text("author").is_empty() || child(entry, "author").is_some());
            (link.to_owned(), text("title").to_owned())
        })
        .collect()
}

fn trash(conn: &mut kanwu_api::db::DbConnection, id: i64) {
    diesel::update(articles::table.find(id))
        .set(articles::deleted_at.eq(Some(chrono::Utc::now().naive_utc())))
        .execute(conn)
        .unwrap();
}

on_both_backends!(async fn the_site_feed_lists_the_newest_twenty_visible_articles_newest_first(backend) {
    let app = TestApp::spawn(backend).await;
    let (visible, hidden) = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        let news = fixtures::category(conn, "动态", "news", None, 2);
        let mut visible = Vec::new();
        for i in 0..23 {
            let mut article = ArticleFixture::new(if i % 2 == 0 { features } else { news }, &format!("文章{i}"))
                .published_at(at(i * 10));
            article.summary = format!("摘要{i}");
            // A pinned article is not first in a feed: feeds go by time.
            article.pinned = i == 3;
            visible.push(article.insert(conn));
        }
        let future = chrono::Utc::now().naive_utc() + chrono::Duration::days(1);
        let hidden = vec![
            ArticleFixture::new(features, "草稿").status("draft").published_at(at(1_000)).insert(conn),
            ArticleFixture::new(features, "待审").status("pending").published_at(at(1_000)).insert(conn),
            ArticleFixture::new(features, "归档").status("archived").published_at(at(1_000)).insert(conn),
            ArticleFixture::new(features, "定时").published_at(future).insert(conn),
            {
                let id = ArticleFixture::new(features, "回收站").published_at(at(1_000)).insert(conn);
                trash(conn, id);
                id
            },
        ];
        (visible, hidden)
    }).await;

    let feed = fetch(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;
    assert_valid(&feed, Schema::Atom).await;

    let links: Vec<String> = entries(&feed).into_iter().map(|(link, _)| link).collect();
    let newest: Vec<String> = visible.iter().rev().take(20).map(|id| app.url(&format!("/a/{id}"))).collect();
    assert_eq!(links, newest, "the newest 20, newest first");
    for id in hidden {
        assert!(!feed.contains(&format!("/a/{id}<")), "article {id} is not public");
    }
    assert!(feed.contains("<summary type=\"text\">摘要22</summary>"));
    assert!(feed.contains(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", app.url("/feed.xml"))));

    // Cacheable like the other public reads, and 304 when unchanged.
    let response = app.get("/feed.xml").await.unwrap();
    assert_eq!(response.headers()["cache-control"], "public, max-age=5");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let again = app.client.get(app.url("/feed.xml")).header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    app.stop().await;
});

on_both_backends!(async fn a_category_feed_holds_its_own_and_its_subcategories_articles_only(backend) {
    let app = TestApp::spawn(backend).await;
    let (features_ids, interviews_ids, news_ids) = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题 & 访谈", "features", None, 1);
        let interviews = fixtures::category(conn, "人物访谈", "interviews", Some(features), 1);
        let news = fixtures::category(conn, "动态", "news", None, 2);
        let one = |conn: &mut _, category, title: &str, minute| {
            ArticleFixture::new(category, title).published_at(at(minute)).insert(conn)
        };
        (
            vec![one(conn, features, "专题一", 1), one(conn, features, "专题二", 5)],
            vec![one(conn, interviews, "访谈一", 3)],
            vec![one(conn, news, "动态一", 4)],
        )
    }).await;

    let feed = fetch(&app, "/c/features/feed.xml", "application/atom+xml; charset=utf-8").await;
    assert_valid(&feed, Schema::Atom).await;
    let links: Vec<String> = entries(&feed).into_iter().map(|(link, _)| link).collect();
    let expected: Vec<String> = [features_ids[1], interviews_ids[0], features_ids[0]]
        .iter()
        .map(|id| app.url(&format!("/a/{id}")))
        .collect();
    assert_eq!(links, expected, "its own and its subcategory's, newest first");
    assert!(feed.contains("<title type=\"text\">专题 &amp; 访谈 - 当代秘书</title>"), "the category's name, escaped: {feed}");
    assert!(feed.contains(&format!("href=\"{}\"", app.url("/c/features"))));

    let news = fetch(&app, "/c/news/feed.xml", "application/atom+xml; charset=utf-8").await;
    assert_valid(&news, Schema::Atom).await;
    let links: Vec<String> = entries(&news).into_iter().map(|(link, _)| link).collect();
    assert_eq!(links, vec![app.url(&format!("/a/{}", news_ids[0]))]);

    let body = assert_problem(app.get("/c/no-such-category/feed.xml").await.unwrap(), 404, "not_found").await;
    assert!(body["detail"].as_str().unwrap().contains("no-such-category"));
    app.stop().await;
});

on_both_backends!(async fn markup_quotes_and_forbidden_characters_in_titles_stay_text_everywhere(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;
    let id = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        let mut article = ArticleFixture::new(features, NASTY_TITLE);
        article.summary = "<b>粗体</b> & \"摘要\"\u{1f}".to_owned();
        article.author = "<i>周辉</i>".to_owned();
        article.insert(conn)
    }).await;

    let feed = fetch(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;
    assert_valid(&feed, Schema::Atom).await;
    assert!(!feed.contains("<script>") && !feed.contains("<b>") && !feed.contains("<i>"), "{feed}");
    let parsed = roxmltree::Document::parse(&feed).unwrap();
    let text_of = |name: &str| {
        parsed.descendants()
            .find(|n| n.tag_name().name() == name && n.ancestors().any(|a| a.tag_name().name() == "entry"))
            .and_then(|n| n.text())
            .unwrap()
            .to_owned()
    };
    assert_eq!(text_of("title"), NASTY_TITLE_AS_TEXT);
    assert_eq!(text_of("summary"), "<b>粗体</b> & \"摘要\"");
    assert_eq!(text_of("name"), "<i>周辉</i>");

    let page = app.get(&format!("/a/{id}")).await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(!html.contains("<script>\"x\""), "no markup from the title: {html}");
    // Scripts: the SPA's bundle, and data blocks (JSON-LD, the data island) that browsers never run.
    let scripts = html.matches("<script").count();
    let data_blocks = html.matches("<script type=\"application/ld+json\">").count()
        + html.matches("<script id=\"kanwu-data\" type=\"application/json\"").count();
    assert_eq!(scripts - data_blocks, 1, "only the SPA's own script runs: {html}");
    assert_eq!(html.matches("<title>").count(), 1);
    assert_eq!(meta(&html, "property", "og:title").as_deref(), Some(NASTY_TITLE_AS_TEXT));
    assert_eq!(meta(&html, "name", "description").as_deref(), Some("<b>粗体</b> & \"摘要\""));
    app.stop().await;
});

on_both_backends!(async fn the_sitemap_lists_the_home_page_every_category_and_every_published_article(backend) {
    let app = TestApp::spawn(backend).await;
    let (published, drafts) = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        let interviews = fixtures::category(conn, "访谈", "interviews", Some(features), 1);
        let published = vec![
            ArticleFixture::new(features, "一").published_at(at(1)).insert(conn),
            ArticleFixture::new(interviews, "二").published_at(at(2)).insert(conn),
        ];
        let trashed = ArticleFixture::new(features, "删").insert(conn);
        trash(conn, trashed);
        let drafts = vec![ArticleFixture::new(features, "稿").status("draft").insert(conn), trashed];
        // Changed before they were published: their last change is their publication.
        diesel::update(articles::table).set(articles::updated_at.eq(at(0))).execute(conn).unwrap();
        (published, drafts)
    }).await;

    let sitemap = fetch(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;
    assert_valid(&sitemap, Schema::Sitemap).await;
    let urls = locations(&sitemap, "urlset");
    let mut expected: Vec<String> = ["/", "/c/features", "/c/interviews"].iter().map(|p| app.url(p)).collect();
    expected.extend(published.iter().map(|id| app.url(&format!("/a/{id}"))));
    assert_eq!(urls, expected);
    for id in drafts {
        assert!(!sitemap.contains(&format!("/a/{id}<")));
    }
    assert!(sitemap.contains(&format!("<url><loc>{}</loc><lastmod>2020-01-01T00:02:00Z</lastmod></url>", app.url(&format!("/a/{}", published[1])))),
        "an article's last change: {sitemap}");
    app.stop().await;
});

on_both_backends!(async fn past_the_page_size_the_sitemap_is_an_index_of_files_that_list_every_url_once(backend) {
    let app = TestApp::spawn_with(backend, &[("KANWU_SITEMAP_PAGE_SIZE", "3")]).await;
    let (categories, published, drafts) = app.with_db(|conn| {
        let slugs = ["features", "news", "policy", "cases"];
        let ids: Vec<i64> = slugs.iter().enumerate()
            .map(|(i, slug)| fixtures::category(conn, slug, slug, None, i as i32))
            .collect();
        let (mut published, mut drafts) = (Vec::new(), Vec::new());
        for i in 0..11 {
            // Drafts between them leave ranges of ids with fewer (or no) public articles.
            let status = if i % 4 == 1 || (5..=8).contains(&i) { "draft" } else { "published" };
            let id = ArticleFixture::new(ids[0], &format!("文章{i}")).status(status).published_at(at(i)).insert(conn);
            if status == "published" { published.push(id) } else { drafts.push(id) }
        }
        (slugs, published, drafts)
    }).await;

    let index = fetch(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;
    assert_valid(&index, Schema::SitemapIndex).await;
    let files = locations(&index, "sitemapindex");
    // Home and four categories make two files; then one per range of three ids with public articles.
    let file_of = |id: &i64| 3 + (id - 1) / 3;
    let mut numbers: BTreeSet<i64> = [1, 2].into_iter().collect();
    numbers.extend(published.iter().map(file_of));
    let expected_files: Vec<String> = numbers.iter().map(|n| app.url(&format!("/sitemap-{n}.xml"))).collect();
    assert_eq!(files, expected_files);
    let empty_ranges: BTreeSet<i64> = drafts.iter().map(file_of).filter(|n| !numbers.contains(n)).collect();
    assert!(!empty_ranges.is_empty(), "a range of drafts only: {drafts:?}");

    let mut listed = Vec::new();
    for file in &files {
        let path = file.strip_prefix(&app.address).expect("an absolute URL on this site");
        let part = fetch(&app, path, "application/xml; charset=utf-8").await;
        assert_valid(&part, Schema::Sitemap).await;
        let urls = locations(&part, "urlset");
        assert!((1..=3).contains(&urls.len()), "{path} lists {} URLs", urls.len());
        listed.extend(urls);
    }
    let mut expected = vec![app.url("/")];
    expected.extend(categories.iter().map(|slug| app.url(&format!("/c/{slug}"))));
    expected.extend(published.iter().map(|id| app.url(&format!("/a/{id}"))));
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "every URL once: {listed:?}");
    assert_eq!(unique, expected.iter().collect::<BTreeSet<_>>());

    let mut missing: Vec<String> = empty_ranges.iter().map(|n| format!("/sitemap-{n}.xml")).collect();
    missing.extend(["/sitemap-0.xml".to_owned(), "/sitemap-99.xml".to_owned()]);
    for path in missing {
        assert_problem(app.get(&path).await.unwrap(), 404, "not_found").await;
    }
    assert_problem(app.get("/sitemap-x.xml").await.unwrap(), 400, "invalid_path").await;
    app.stop().await;
});

/// The `<loc>`s of a sitemap or an index, in order.
fn locations(document: &str, root: &str) -> Vec<String> {
    let parsed = roxmltree::Document::parse(document).expect("well-formed XML");
    assert_eq!(parsed.root_element().tag_name().name(), root);
    assert_eq!(parsed.root_element().tag_name().namespace(), Some(SITEMAP));
    parsed
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| n.text().unwrap().to_owned())
        .collect()
}

/// The `content` (or `href`) of the first `<meta>` (or `<link>`) whose `key` attribute is `name`,
/// with its entities resolved.
fn meta(html: &str, key: &str, name: &str) -> Option<String> {
    let marker = format!("{key}=\"{name}\" ");
    let rest = &html[html.find(&marker)? + marker.len()..];
    let value = rest.split_once('"')?.1.split_once('"')?.0;
    Some(
        value
            .replace("&quot;", "\"")
            .replace("&#34;", "\"")
            .replace("&#39;", "'")
            .replace("&#60;", "<")
            .replace("&#62;", ">")
            .replace("&#38;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#10;", "\n")
            .replace("&amp;", "&"),
    )
}

on_both_backends!(async fn an_article_page_carries_its_title_description_and_open_graph_tags(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;
    let id = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        let mut article = ArticleFixture::new(features, "秘书队伍建设").published_at(at(90));
        article.summary = "谈秘书队伍的建设。".to_owned();
        let id = article.insert(conn);
        diesel::update(articles::table.find(id))
            .set(articles::cover_url.eq(Some("/media/cover.png")))
            .execute(conn)
            .unwrap();
        id
    }).await;
    let site_name = app.get("/api/v1/site").await.unwrap().json::<serde_json::Value>().await.unwrap()["name"]
        .as_str().unwrap().to_owned();

    let path = format!("/a/{id}");
    let page = app.get(&path).await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    let html = page.text().await.unwrap();

    let title = if site_name.is_empty() { "秘书队伍建设".to_owned() } else { format!("秘书队伍建设 - {site_name}") };
    assert!(html.contains(&format!("<title>{title}</title>")), "{html}");
    assert!(!html.contains("<title>当代秘书</title>") || title == "当代秘书");
    let url = app.url(&path);
    let expected: HashMap<(&str, &str), String> = [
        (("name", "description"), "谈秘书队伍的建设。".to_owned()),
        (("rel", "canonical"), url.clone()),
        (("property", "og:type"), "article".to_owned()),
        (("property", "og:title"), "秘书队伍建设".to_owned()),
        (("property", "og:description"), "谈秘书队伍的建设。".to_owned()),
        (("property", "og:url"), url.clone()),
        (("property", "og:image"), app.url("/media/cover.png")),
        (("property", "og:site_name"), site_name.clone()),
        // The same moment, on the site's clock (Asia/Shanghai).
        (("property", "article:published_time"), "2020-01-01T09:30:00+08:00".to_owned()),
        (("name", "twitter:card"), "summary_large_image".to_owned()),
        (("name", "twitter:title"), "秘书队伍建设".to_owned()),
    ].into_iter().collect();
    for ((key, name), value) in &expected {
        assert_eq!(meta(&html, key, name).as_ref(), Some(value), "{key}={name} in {html}");
    }
    let head_end = html.find("</head>").unwrap();
    assert!(html.find("og:title").unwrap() < head_end, "the tags are in the head");
    assert!(html.contains("<script type=\"module\" crossorigin src=\"/assets/index-3f2a1b.js\"></script>"),
        "the SPA still boots");
    assert!(html.contains("<div id=\"root\"><div class=\"page\">"), "the page is in the SPA's root");

    let head = app.client.head(app.url(&path)).send().await.unwrap();
    assert_eq!(head.status(), 200);
    assert!(head.bytes().await.unwrap().is_empty());

    // The SPA's own routes still get the plain file.
    let register = app.get("/register").await.unwrap();
    assert_eq!(register.status(), 200);
    assert_eq!(register.text().await.unwrap(), INDEX_HTML);
    app.stop().await;
});

on_both_backends!(async fn unknown_unpublished_and_trashed_articles_get_the_404_page(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;
    let (draft, trashed) = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        let draft = ArticleFixture::new(features, "草稿标题").status("draft").insert(conn);
        let trashed = ArticleFixture::new(features, "回收站标题").insert(conn);
        trash(conn, trashed);
        (draft, trashed)
    }).await;

    for path in [format!("/a/{draft}"), format!("/a/{trashed}"), "/a/999999".to_owned(), "/a/not-a-number".to_owned()] {
        let page = app.get(&path).await.unwrap();
        assert_eq!(page.status(), 404, "{path}");
        assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8", "{path}");
        let html = page.text().await.unwrap();
        assert!(html.contains("<h1 class=\"panel__title\" id=\"not-found-title\">页面不存在</h1>"), "{path}: {html}");
        assert!(!html.contains("草稿标题") && !html.contains("回收站标题"), "{path}: nothing of the article");
        assert!(html.contains("/assets/index-3f2a1b.js"), "{path}: the SPA boots over it");
    }
    app.stop().await;
});

on_both_backends!(async fn a_members_only_article_previews_its_title_and_summary_but_never_its_body(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;
    let id = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        let mut article = ArticleFixture::new(features, "会员文章");
        article.summary = "摘要可见".to_owned();
        article.body_markdown = "只给会员看的正文".to_owned();
        let id = article.insert(conn);
        diesel::update(articles::table.find(id))
            .set(articles::visibility.eq("members"))
            .execute(conn)
            .unwrap();
        id
    }).await;

    let html = app.get(&format!("/a/{id}")).await.unwrap().text().await.unwrap();
    assert_eq!(meta(&html, "property", "og:title").as_deref(), Some("会员文章"));
    assert_eq!(meta(&html, "property", "og:description").as_deref(), Some("摘要可见"));
    assert!(!html.contains("只给会员看的正文"));
    let feed = fetch(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;
    assert!(feed.contains("会员文章") && !feed.contains("只给会员看的正文"));
    app.stop().await;
});

on_both_backends!(async fn links_use_the_configured_public_url_or_else_the_requested_host(backend) {
    let dist = fake_dist();
    let web_dir = dist.path().display().to_string();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &web_dir), ("KANWU_PUBLIC_URL", "https://magazine.example/")]).await;
    let id = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        ArticleFixture::new(features, "一").insert(conn)
    }).await;
    let feed = fetch(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;
    assert!(feed.contains(&format!("<id>https://magazine.example/a/{id}</id>")), "{feed}");
    let sitemap = fetch(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;
    assert!(sitemap.contains("<loc>https://magazine.example/c/features</loc>"), "{sitemap}");
    let html = app.get(&format!("/a/{id}")).await.unwrap().text().await.unwrap();
    assert_eq!(meta(&html, "property", "og:url"), Some(format!("https://magazine.example/a/{id}")));
    // robots.txt points crawlers at the sitemap, and keeps them out of the JSON API, the console
    // and the member centre.
    let robots = fetch(&app, "/robots.txt", "text/plain; charset=utf-8").await;
    assert_eq!(
        robots,
        "User-agent: *\nDisallow: /api/\nDisallow: /admin\nDisallow: /member\n\nSitemap: https://magazine.example/sitemap.xml\n"
    );
    app.stop().await;

    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &web_dir)]).await;
    let id = app.with_db(|conn| {
        let features = fixtures::category(conn, "专题", "features", None, 1);
        ArticleFixture::new(features, "一").insert(conn)
    }).await;
    let feed = app.client.get(app.url("/feed.xml")).header("Host", "news.example:8443").send().await.unwrap().text().await.unwrap();
    assert!(feed.contains(&format!("<id>http://news.example:8443/a/{id}</id>")), "{feed}");
    // A forwarded scheme or host from a client that is no trusted proxy is ignored.
    let forged = app.client.get(app.url("/sitemap.xml"))
        .header("X-Forwarded-Host", "evil.example")
        .header("X-Forwarded-Proto", "https")
        .send().await.unwrap().text().await.unwrap();
    assert!(!forged.contains("evil.example") && forged.contains(&app.url("/c/features")), "{forged}");
    app.stop().await;
});

/// The validator is really validating: what the schemas forbid is refused.
#[tokio::test]
async fn the_schemas_refuse_documents_that_break_them() {
    let feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>
<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>http://e.org/feed.xml</id><title>t</title>
<updated>2020-01-01T00:00:00Z</updated><author><name>a</name></author>
<entry><id>http://e.org/a/1</id><title>t</title><updated>2020-01-01T00:00:00Z</updated>
<link href=\"http://e.org/a/1\"/></entry></feed>";
    check(feed, Schema::Atom)
        .await
        .expect("a minimal feed is valid");
    let no_id = feed.replace("<id>http://e.org/a/1</id>", "");
    assert!(
        check(&no_id, Schema::Atom).await.is_err(),
        "an entry needs an id"
    );
    let bad_time = feed.replace(
        "<updated>2020-01-01T00:00:00Z</updated><author>",
        "<updated>yesterday</updated><author>",
    );
    assert!(
        check(&bad_time, Schema::Atom).await.is_err(),
        "times are RFC 3339"
    );

    let urlset = format!("<urlset xmlns=\"{SITEMAP}\"><url><loc>http://e.org/a/1</loc><lastmod>2020-01-01T00:00:00Z</lastmod></url></urlset>");
    check(&urlset, Schema::Sitemap)
        .await
        .expect("a minimal sitemap is valid");
    let empty = format!("<urlset xmlns=\"{SITEMAP}\"></urlset>");
    assert!(
        check(&empty, Schema::Sitemap).await.is_err(),
        "a sitemap lists at least one URL"
    );
    let bad_lastmod = urlset.replace("2020-01-01T00:00:00Z", "1 January 2020");
    assert!(check(&bad_lastmod, Schema::Sitemap).await.is_err());
    let index = format!("<sitemapindex xmlns=\"{SITEMAP}\"><sitemap><loc>http://e.org/sitemap-1.xml</loc></sitemap></sitemapindex>");
    check(&index, Schema::SitemapIndex)
        .await
        .expect("a minimal index is valid");
    assert!(
        check(&urlset, Schema::SitemapIndex).await.is_err(),
        "a urlset is no index"
    );
}
