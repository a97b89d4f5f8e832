//! Server-rendered article pages (issue #18): what a reader, a crawler and a chat app find in the
//! HTML of `/a/{id}`, members-only bodies kept out of it, markup that stays text, and the data
//! island the SPA takes over from. Lists, search, status codes and the time zone: `pages_lists`.

use chrono::DateTime;
use serde_json::{json, Value};
use system_tests::members::{BROWSER, PASSWORD};
use system_tests::on_both_backends;
use system_tests::pages::{newsroom, text_of, Newsroom, Page};

const TITLE: &str = "加强秘书队伍建设要坚持“四要”";
const SUMMARY: &str = "谈秘书队伍的建设。";

/// The second an RFC 3339 text names, whatever offset and precision it is written with.
fn instant(text: &Value) -> i64 {
    let text = text.as_str().unwrap_or_else(|| panic!("a time: {text}"));
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .timestamp()
}

/// The site's name, as `GET /api/v1/site` gives it.
async fn site_name(room: &Newsroom) -> String {
    room.site().await["name"].as_str().unwrap().to_owned()
}

/// 特稿 with three articles a day apart, the middle one with a byline, summary and cover; the
/// category's id and the three ids, oldest first.
async fn three_features(room: &Newsroom) -> (i64, [i64; 3]) {
    let features = room.category("特稿", "features", None).await;
    let older = room
        .published(
            features,
            "秘书工作的三个要点",
            "要点正文",
            "2026-03-01T02:00:00Z",
        )
        .await;
    let middle = room
        .article(json!({
            "category_id": features, "title": TITLE, "author": "周辉", "summary": SUMMARY,
            "body_markdown": "新时期，秘书工作面临**新的要求**。\n\n第二段讲队伍建设。",
            "cover_url": "/media/cover.png", "published_at": "2026-03-02T02:00:00Z",
        }))
        .await;
    let newer = room
        .published(
            features,
            "秘书队伍的学习",
            "学习正文",
            "2026-03-03T02:00:00Z",
        )
        .await;
    (features, [older, middle, newer])
}

on_both_backends!(async fn an_article_page_shows_its_breadcrumb_byline_count_body_neighbours_related_and_comments(backend) {
    let room = newsroom(backend, &[]).await;
    let site = site_name(&room).await;
    let (_, [older, id, newer]) = three_features(&room).await;
    let member = room.app.register_personal("reader-one", PASSWORD).await;
    room.approved_comment(&member, id, "写得很好，受益匪浅。").await;
    room.pending_comment(&member, id, "还在等审核的评论").await;
    let views = room.app.post_view(id, BROWSER).await["views"].as_i64().unwrap();

    let page = room.app.page(&format!("/a/{id}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(page.text("title"), format!("{TITLE} - {site}"));
    assert_eq!(page.texts("h1"), [TITLE]);
    assert_eq!(page.links(".breadcrumb a"), [(site.clone(), "/".to_owned()), ("特稿".to_owned(), "/c/features".to_owned())]);
    assert_eq!(page.texts(".article__meta span"), ["作者: 周辉", "发表时间: 2026-3-2", &format!("访问: {views}次")]);
    assert_eq!(page.text(".article__body"), "新时期，秘书工作面临新的要求。 第二段讲队伍建设。");
    assert_eq!(page.text(".article__body strong"), "新的要求", "the body's own markup");
    assert_eq!(page.head_link("canonical"), Some(format!("{}/a/{id}", room.origin())), "on the address asked");

    assert_eq!(page.links(".article__neighbours a[rel=prev]"), [("秘书工作的三个要点".to_owned(), format!("/a/{older}"))]);
    assert_eq!(page.links(".article__neighbours a[rel=next]"), [("秘书队伍的学习".to_owned(), format!("/a/{newer}"))]);
    let oldest = room.app.page(&format!("/a/{older}")).await;
    assert_eq!(oldest.texts(".article__neighbours p")[0], "上一篇: 没有相关信息");
    let newest = room.app.page(&format!("/a/{newer}")).await;
    assert_eq!(newest.texts(".article__neighbours p")[1], "下一篇: 没有相关信息");

    let related: Vec<(String, String)> = room.read(id).await["related"].as_array().unwrap().iter()
        .map(|r| (r["title"].as_str().unwrap().to_owned(), format!("/a/{}", r["id"])))
        .collect();
    assert!(!related.is_empty(), "the neighbours are related");
    assert_eq!(page.text(".article__related h2"), "相关文章");
    assert_eq!(page.links(".article__related a"), related);

    assert_eq!(page.texts(".comment > .comment__text"), ["写得很好，受益匪浅。"]);
    assert_eq!(page.text(".comment__author"), "reader-one");
    assert!(!page.html.contains("还在等审核的评论"), "a pending comment is nowhere in the page");
    assert_eq!(oldest.text(".article-comments__list .empty-state__title"), "暂无评论");
    assert!(oldest.select(".comment").is_empty());
    room.stop().await;
});

on_both_backends!(async fn an_article_page_head_carries_its_title_description_canonical_open_graph_and_json_ld(backend) {
    let room = newsroom(backend, &[("KANWU_PUBLIC_URL", "https://magazine.example/")]).await;
    let site = room.site().await;
    let site_name = site["name"].as_str().unwrap().to_owned();
    let (_, [_, id, _]) = three_features(&room).await;
    let api = room.read(id).await;
    let origin = "https://magazine.example";
    let url = format!("{origin}/a/{id}");

    let page = room.app.page(&format!("/a/{id}")).await;
    assert_eq!(page.text("title"), format!("{TITLE} - {site_name}"));
    assert_eq!(page.meta("name", "description").as_deref(), Some(SUMMARY));
    assert_eq!(page.head_link("canonical").as_deref(), Some(url.as_str()));
    assert_eq!(page.meta("property", "og:url").as_deref(), Some(url.as_str()));
    assert_eq!(page.meta("property", "og:type").as_deref(), Some("article"));
    assert_eq!(page.meta("property", "og:title").as_deref(), Some(TITLE));
    assert_eq!(page.meta("property", "og:description").as_deref(), Some(SUMMARY), "the article's own, not the site's");
    assert_ne!(site["description"], SUMMARY);
    let image = format!("{origin}/media/cover.png");
    assert_eq!(page.meta("property", "og:image").as_deref(), Some(image.as_str()));
    assert_eq!(page.meta("name", "twitter:card").as_deref(), Some("summary_large_image"));
    assert_eq!(page.meta("name", "twitter:description").as_deref(), Some(SUMMARY));
    let published = page.meta("property", "article:published_time").map(Value::from).unwrap_or_default();
    assert_eq!(instant(&published), instant(&api["published_at"]));
    let modified = page.meta("property", "article:modified_time").map(Value::from).unwrap_or_default();
    assert_eq!(instant(&modified), instant(&api["updated_at"]));
    assert_eq!(page.meta("property", "article:section").as_deref(), Some("特稿"));
    assert_eq!(page.meta("property", "article:author").as_deref(), Some("周辉"));

    let news = page.linked("NewsArticle");
    assert_eq!(news["headline"], TITLE);
    assert_eq!(instant(&news["datePublished"]), instant(&api["published_at"]));
    assert_eq!(instant(&news["dateModified"]), instant(&api["updated_at"]));
    assert_eq!(news["author"]["name"], "周辉");
    assert_eq!(news["publisher"]["name"], site_name.as_str());
    let logo = news["publisher"]["logo"]["url"].as_str().unwrap();
    assert!(logo.starts_with(&format!("{origin}/")), "{logo}");
    assert_eq!(news["image"], json!([image]));
    assert_eq!(news["mainEntityOfPage"]["@id"], url.as_str());
    let crumbs = page.linked("BreadcrumbList");
    let steps: Vec<(i64, &str, &str)> = crumbs["itemListElement"].as_array().unwrap().iter()
        .map(|s| (s["position"].as_i64().unwrap(), s["name"].as_str().unwrap(), s["item"].as_str().unwrap()))
        .collect();
    let home = format!("{origin}/");
    let category = format!("{origin}/c/features");
    assert_eq!(steps, [(1, site_name.as_str(), home.as_str()), (2, "特稿", category.as_str()), (3, TITLE, url.as_str())]);

    // Without a summary the description is the start of the body's text.
    let paragraph = "秘书工作是机关工作的重要组成部分，".repeat(12);
    let plain = room.article(json!({
        "category_id": api["category_id"], "title": "没有摘要的文章", "body_markdown": format!("{paragraph}\n\n第二段。"),
    })).await;
    let page = room.app.page(&format!("/a/{plain}")).await;
    let description = page.meta("name", "description").unwrap();
    let start = description.strip_suffix('…').unwrap_or_else(|| panic!("cut short: {description}"));
    assert!(start.chars().count() >= 60 && paragraph.starts_with(start), "{description}");
    assert_eq!(page.meta("property", "og:description"), Some(description));
    room.stop().await;
});

on_both_backends!(async fn members_only_articles_show_the_summary_and_a_sign_in_notice_but_never_the_body(backend) {
    let room = newsroom(backend, &[]).await;
    let features = room.category("特稿", "features", None).await;

    for (visibility, notice) in [("members", "登录后阅读"), ("enterprise", "企业会员专享")] {
        let body = format!("只给{visibility}看的正文");
        let id = room.article(json!({
            "category_id": features, "title": format!("{visibility}专享"), "summary": "摘要可见",
            "body_markdown": body, "visibility": visibility,
        })).await;

        let page = room.app.page(&format!("/a/{id}")).await;
        assert_eq!(page.status, 200, "{visibility}");
        assert!(!page.html.contains(&body), "{visibility}: the body is nowhere in the response");
        assert!(page.select(".article__body").is_empty(), "{visibility}");
        assert_eq!(page.text(".article__restricted-title"), notice, "{visibility}");
        assert_eq!(page.text(".article__summary"), "摘要可见", "{visibility}: the summary is shown");
        assert_eq!(page.meta("name", "description").as_deref(), Some("摘要可见"), "{visibility}");
        assert_eq!(page.meta("property", "og:description").as_deref(), Some("摘要可见"), "{visibility}");
        let island = page.island()["article"].clone();
        assert_eq!((island["summary"].as_str(), island["restricted"].as_str()), (Some("摘要可见"), Some(visibility)));
        assert!(island.get("body_html").is_none_or(Value::is_null), "{visibility}: {island}");
        assert_eq!(page.linked("NewsArticle")["isAccessibleForFree"], false);
    }
    room.stop().await;
});

/// Markup where a reader writes text: an article's title, a comment, a byline.
const SCRIPT_TITLE: &str = "</script><script>alert(1)</script>";
const IMG_COMMENT: &str = "<img src=x onerror=alert(1)>";
const QUOTE_AUTHOR: &str = "\" onmouseover=\"x";

/// No script in `page` but its JSON (island, JSON-LD) and the SPA's module, and no element with an
/// event handler attribute.
fn assert_no_injected_markup(page: &Page) {
    let mut modules = 0;
    for script in page.select("script") {
        let attributes = script.value();
        match (attributes.attr("type"), attributes.attr("id")) {
            (Some("application/json"), Some("kanwu-data"))
            | (Some("application/ld+json"), None) => {}
            (Some("module"), None) if attributes.attr("src") == Some("/assets/index-3f2a1b.js") => {
                modules += 1
            }
            _ => panic!(
                "{}: a script that is not ours: {}",
                page.path,
                script.html()
            ),
        }
    }
    assert_eq!(modules, 1, "{}: the SPA's script", page.path);
    for element in page.select("*") {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{}: an event handler: {}",
                page.path,
                element.html()
            );
        }
    }
    assert!(
        page.select("img").is_empty(),
        "{}: no image was written",
        page.path
    );
}

on_both_backends!(async fn markup_in_a_title_a_comment_and_a_byline_stays_text_in_the_page_its_json_ld_and_its_island(backend) {
    let room = newsroom(backend, &[]).await;
    let features = room.category("特稿", "features", None).await;
    let id = room.article(json!({
        "category_id": features, "title": SCRIPT_TITLE, "author": QUOTE_AUTHOR, "body_markdown": "正文",
    })).await;
    let member = room.app.register_personal("reader-one", PASSWORD).await;
    room.approved_comment(&member, id, IMG_COMMENT).await;

    let page = room.app.page(&format!("/a/{id}")).await;
    assert_eq!(page.status, 200);
    assert_no_injected_markup(&page);
    assert_eq!(page.texts("h1"), [SCRIPT_TITLE]);
    assert!(page.text("title").starts_with(SCRIPT_TITLE));
    assert_eq!(page.texts(".article__meta span")[0], format!("作者: {QUOTE_AUTHOR}"));
    assert_eq!(page.texts(".comment > .comment__text"), [IMG_COMMENT]);
    assert_eq!(page.meta("property", "og:title").as_deref(), Some(SCRIPT_TITLE));
    assert_eq!(page.meta("property", "article:author").as_deref(), Some(QUOTE_AUTHOR));

    let news = page.linked("NewsArticle");
    assert_eq!((news["headline"].as_str(), news["author"]["name"].as_str()), (Some(SCRIPT_TITLE), Some(QUOTE_AUTHOR)));
    assert_eq!(page.linked("BreadcrumbList")["itemListElement"][2]["name"], SCRIPT_TITLE);
    let island = page.island();
    assert_eq!((island["article"]["title"].as_str(), island["article"]["author"].as_str()), (Some(SCRIPT_TITLE), Some(QUOTE_AUTHOR)));
    assert_eq!(island["comments"]["items"][0]["content"], IMG_COMMENT);

    // The lists that show the title and the comment: the home page and the category.
    for path in ["/", "/c/features"] {
        let list = room.app.page(path).await;
        assert_no_injected_markup(&list);
        let titles = list.select(".title-list__link");
        assert!(titles.iter().any(|a| text_of(*a) == SCRIPT_TITLE && a.value().attr("title") == Some(SCRIPT_TITLE)), "{path}");
        assert_eq!(list.island()["home"]["latest_comments"][0]["content"], IMG_COMMENT, "{path}");
    }
    let home = room.app.page("/").await;
    assert_eq!(home.texts(".latest-comment__text"), [IMG_COMMENT]);

    // What a reader types comes back as text too: searched words, and an address that names nothing.
    let q: String = url::form_urlencoded::byte_serialize(SCRIPT_TITLE.as_bytes()).collect();
    let search = room.app.page(&format!("/search?q={q}")).await;
    assert_no_injected_markup(&search);
    assert_eq!(search.text("main h1"), format!("搜索“{SCRIPT_TITLE}”"));
    assert_eq!(search.one("#site-search").value().attr("value"), Some(SCRIPT_TITLE));
    assert_eq!(search.island()["search"]["q"], SCRIPT_TITLE);
    assert_eq!(search.links(".search-hit__title a"), [(SCRIPT_TITLE.to_owned(), format!("/a/{id}"))]);
    let missing = room.app.page("/no/%3Cscript%3Ealert(1)%3C/script%3E").await;
    missing.assert_not_found_page();
    assert_no_injected_markup(&missing);
    room.stop().await;
});

/// `GET path` from the JSON API, which must answer 200.
async fn api_json(room: &Newsroom, path: &str) -> Value {
    let response = room.app.get(path).await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

on_both_backends!(async fn the_data_island_holds_the_api_responses_and_its_nonce_is_the_policys_own(backend) {
    let room = newsroom(backend, &[]).await;
    let (_, [_, id, _]) = three_features(&room).await;
    let member = room.app.register_personal("reader-one", PASSWORD).await;
    room.approved_comment(&member, id, "写得很好").await;
    room.app.post_view(id, BROWSER).await;

    let page = room.app.page(&format!("/a/{id}")).await;
    let island = page.island();
    let keys: Vec<&str> = island.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["article", "categories", "comments", "home", "site"], "in serde_json's order");
    assert_eq!(island["site"], api_json(&room, "/api/v1/site").await);
    assert_eq!(island["site"]["time_zone"], "Asia/Shanghai");
    assert_eq!(island["categories"], api_json(&room, "/api/v1/categories").await);
    assert_eq!(island["home"], api_json(&room, "/api/v1/home?per_category=10").await);
    // The API's answer but for the Markdown source, which no reader's page uses.
    let mut article = room.read(id).await;
    assert!(article.as_object_mut().unwrap().remove("body_markdown").is_some());
    assert_eq!(island["article"], article);
    assert_eq!(island["comments"], api_json(&room, &format!("/api/v1/articles/{id}/comments?page=1&per_page=10")).await);
    assert_eq!(page.texts(".article__meta span")[2], format!("访问: {}次", island["article"]["views"]));
    assert_eq!(island["article"]["views"], 1);

    let category = room.app.page("/c/features").await.island();
    assert_eq!(category["category"], api_json(&room, "/api/v1/categories/features").await);
    let list = api_json(&room, "/api/v1/articles?category=features&page=1&per_page=20&sort=latest").await;
    assert_eq!(category["category_articles"], json!({"page": 1, "list": list}));
    let home = room.app.page("/").await.island();
    let keys: Vec<&str> = home.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["categories", "home", "site"]);

    // Each response has its own nonce, the one the policy allows.
    let again = room.app.page(&format!("/a/{id}")).await;
    for (one, path) in [(&page, "the article"), (&again, "the article again")] {
        assert!(!one.island_nonce().is_empty(), "{path}");
        assert_eq!(one.island_nonce(), one.script_nonce(), "{path}");
    }
    assert_ne!(page.island_nonce(), again.island_nonce());
    for path in ["/", "/c/features", "/search?q=%E7%A7%98%E4%B9%A6", "/no/such/page"] {
        let other = room.app.page(path).await;
        assert_eq!(other.island_nonce(), other.script_nonce(), "{path}");
        assert!(other.island().is_object(), "{path}");
    }
    room.stop().await;
});

on_both_backends!(async fn with_the_caches_on_an_article_pages_count_follows_each_counted_view(backend) {
    let room = newsroom(backend, &[("KANWU_READ_CACHE_MS", "1000")]).await;
    let features = room.category("特稿", "features", None).await;
    let id = room.published(features, "秘书工作", "正文", "2026-04-01T02:00:00Z").await;
    let path = format!("/a/{id}");

    let before = room.app.page(&path).await;
    assert_eq!(before.texts(".article__meta span").last().unwrap(), "访问: 0次");
    for reader in 1..=2 {
        let counted = room.app.post_view(id, &format!("{BROWSER} reader-{reader}")).await;
        assert_eq!(counted["views"], reader);
        let page = room.app.page(&path).await;
        assert_eq!(page.texts(".article__meta span").last().unwrap(), &format!("访问: {reader}次"));
        assert_eq!(page.island()["article"]["views"], reader);
        assert_eq!(page.island_nonce(), page.script_nonce());
    }
    room.stop().await;
});

on_both_backends!(async fn a_browser_gets_the_cached_page_gzip_encoded_with_its_count_and_nonce_filled_in(backend) {
    let room = newsroom(backend, &[("KANWU_READ_CACHE_MS", "1000")]).await;
    let features = room.category("特稿", "features", None).await;
    let id = room.published(features, TITLE, &"秘书工作。".repeat(400), "2026-04-01T02:00:00Z").await;

    for path in ["/".to_owned(), "/c/features".to_owned(), format!("/a/{id}")] {
        let plain = room.app.page(&path).await;
        let zipped = room.app.page_as_browsers_ask(&path).await;
        assert_eq!(plain.headers.get("content-encoding"), None, "{path}");
        assert_eq!(zipped.headers["content-encoding"], "gzip", "{path}");
        for page in [&plain, &zipped] {
            assert!(page.headers["vary"].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding"), "{path}");
            assert_eq!(page.island_nonce(), page.script_nonce(), "{path}");
        }
        assert_ne!(zipped.island_nonce(), plain.island_nonce(), "{path}: a nonce per response");
        // The same page but for the nonce.
        assert_eq!(
            zipped.html.replace(&zipped.island_nonce(), "N"),
            plain.html.replace(&plain.island_nonce(), "N"),
            "{path}"
        );
    }

    let path = format!("/a/{id}");
    for reader in 1..=2 {
        room.app.post_view(id, &format!("{BROWSER} reader-{reader}")).await;
        let page = room.app.page_as_browsers_ask(&path).await;
        assert_eq!(page.headers["content-encoding"], "gzip");
        assert_eq!(page.texts(".article__meta span").last().unwrap(), &format!("访问: {reader}次"));
        assert_eq!(page.island()["article"]["views"], reader);
    }
    room.stop().await;
});
