//! Server-rendered lists and routes (issue #18): the home page, a category's pages, the search
//! page, honest status codes (the 404 page; the SPA's shell only for its own routes) and dates in
//! the site's time zone. Article pages: `pages`.

use serde_json::json;
use system_tests::fixtures::INDEX_HTML;
use system_tests::on_both_backends;
use system_tests::pages::{newsroom, text_of, Newsroom, Page};

/// `/search?q=…` with `q` encoded.
fn search_path(q: &str) -> String {
    let q: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("/search?q={q}")
}

/// The articles a page's main column lists: each line's title, link and the day shown beside it.
fn lines(page: &Page) -> Vec<(String, String, String)> {
    page.select("main .title-list__item")
        .into_iter()
        .map(|line| {
            let link = line
                .select(&scraper::Selector::parse("a").unwrap())
                .next()
                .unwrap();
            let day = line
                .select(&scraper::Selector::parse(".title-list__aside time").unwrap())
                .next();
            (
                text_of(link),
                link.value().attr("href").unwrap().to_owned(),
                day.map(text_of).unwrap_or_default(),
            )
        })
        .collect()
}

async fn site_name(room: &Newsroom) -> String {
    room.site().await["name"].as_str().unwrap().to_owned()
}

on_both_backends!(async fn a_category_page_lists_its_articles_with_dates_and_pages_through_them_with_prev_and_next(backend) {
    let room = newsroom(backend, &[]).await;
    let site = site_name(&room).await;
    let origin = room.origin();
    let features = room.category("特稿", "features", None).await;
    let interviews = room.category("访谈", "interviews", Some(features)).await;
    let mut ids = Vec::new();
    // One more than a page of 20, a day apart.
    for day in 1..=21 {
        let published_at = format!("2026-04-{day:02}T02:00:00Z");
        ids.push(room.published(interviews, &format!("访谈第{day}篇"), "正文", &published_at).await);
    }
    let line = |day: usize| (format!("访谈第{day}篇"), format!("/a/{}", ids[day - 1]), format!("2026-4-{day}"));

    let first = room.app.page("/c/interviews").await;
    assert_eq!(first.status, 200);
    assert_eq!(first.text("title"), format!("访谈 - {site}"));
    assert_eq!(first.links(".breadcrumb a"), [(site.clone(), "/".to_owned()), ("特稿".to_owned(), "/c/features".to_owned())]);
    assert_eq!(first.text(".breadcrumb [aria-current=page]"), "访谈");
    assert_eq!(first.text("main h1"), "访谈");
    assert_eq!(lines(&first), (2..=21).rev().map(line).collect::<Vec<_>>(), "newest first, with its day");
    assert_eq!(first.head_link("canonical"), Some(format!("{origin}/c/interviews")), "no ?page=1");
    assert_eq!(first.head_link("prev"), None);
    assert_eq!(first.head_link("next"), Some(format!("{origin}/c/interviews?page=2")));
    assert!(first.select(".pagination a[rel=prev]").is_empty());
    assert_eq!(first.links(".pagination a[rel=next]"), [("下一页".to_owned(), "/c/interviews?page=2".to_owned())]);
    assert!(first.links(".pagination a").contains(&("2".to_owned(), "/c/interviews?page=2".to_owned())));

    let second = room.app.page("/c/interviews?page=2").await;
    assert_eq!(second.status, 200);
    assert_ne!(second.text("title"), first.text("title"), "each page its own title");
    assert_eq!(lines(&second), [line(1)]);
    assert_eq!(second.head_link("canonical"), Some(format!("{origin}/c/interviews?page=2")));
    assert_eq!(second.head_link("prev"), Some(format!("{origin}/c/interviews")));
    assert_eq!(second.head_link("next"), None);
    assert_eq!(second.links(".pagination a[rel=prev]"), [("上一页".to_owned(), "/c/interviews".to_owned())]);
    assert!(second.select(".pagination a[rel=next]").is_empty());
    assert!(second.links(".pagination a").contains(&("1".to_owned(), "/c/interviews".to_owned())));
    room.stop().await;
});

on_both_backends!(async fn pages_past_the_last_unknown_categories_and_bad_page_numbers_are_the_404_page(backend) {
    let room = newsroom(backend, &[]).await;
    let features = room.category("特稿", "features", None).await;
    room.category("空栏目", "empty", None).await;
    room.published(features, "唯一的文章", "正文", "2026-04-01T02:00:00Z").await;

    let empty = room.app.page("/c/empty").await;
    assert_eq!(empty.status, 200, "an empty category still has its first page");
    assert_eq!(empty.text("main .empty-state__title"), "暂无文章");
    for path in ["/c/features?page=2", "/c/empty?page=2", "/c/no-such-category", "/c/features?page=0", "/c/features?page=x"] {
        room.app.page(path).await.assert_not_found_page();
    }
    room.stop().await;
});

on_both_backends!(async fn the_home_page_shows_each_categorys_block_and_a_website_with_a_search_action(backend) {
    let room = newsroom(backend, &[]).await;
    let site = site_name(&room).await;
    let origin = room.origin();
    let features = room.category("特稿", "features", None).await;
    let activities = room.category("活动竞赛", "activities", None).await;
    let feature = room.published(features, "秘书队伍建设", "正文", "2026-04-01T02:00:00Z").await;
    let contest = room.published(activities, "征文比赛通知", "正文", "2026-04-02T02:00:00Z").await;

    let home = room.app.page("/").await;
    assert_eq!(home.status, 200);
    assert_eq!(home.text("title"), site);
    assert_eq!(home.head_link("canonical"), Some(format!("{origin}/")));
    assert_eq!(
        home.links(".home-grid h2 a"),
        [("特稿".to_owned(), "/c/features".to_owned()), ("活动竞赛".to_owned(), "/c/activities".to_owned())]
    );
    assert_eq!(home.links(&format!("#home-block-{features} ~ .panel__body a")), [("秘书队伍建设".to_owned(), format!("/a/{feature}"))]);
    assert_eq!(home.links(&format!("#home-block-{activities} ~ .panel__body a")), [("征文比赛通知".to_owned(), format!("/a/{contest}"))]);
    // A search without JavaScript: a GET form to /search.
    let form = home.one("form[role=search]");
    assert_eq!((form.value().attr("action"), form.value().attr("method")), (Some("/search"), Some("get")));
    assert_eq!(home.select("form[role=search] input[name=q]").len(), 1);

    let website = home.linked("WebSite");
    assert_eq!((website["name"].as_str(), website["url"].as_str()), (Some(site.as_str()), Some(format!("{origin}/").as_str())));
    let action = &website["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    assert_eq!(action["target"]["urlTemplate"], format!("{origin}/search?q={{search_term_string}}"));
    assert_eq!(action["query-input"], "required name=search_term_string");
    room.stop().await;
});

on_both_backends!(async fn the_search_page_lists_the_hits_is_never_indexed_and_says_why_a_search_was_refused(backend) {
    let room = newsroom(backend, &[]).await;
    let features = room.category("特稿", "features", None).await;
    let hit = room.published(features, "秘书工作的要点", "做好秘书工作。", "2026-04-01T02:00:00Z").await;
    room.published(features, "档案管理办法", "档案的收集与整理。", "2026-04-02T02:00:00Z").await;

    let found = room.app.page(&search_path("秘书")).await;
    assert_eq!(found.status, 200);
    assert_eq!(found.header("x-robots-tag"), Some("noindex"));
    assert_eq!(found.meta("name", "robots").as_deref(), Some("noindex"));
    assert_eq!(found.links(".search-hit__title a"), [("秘书工作的要点".to_owned(), format!("/a/{hit}"))]);
    assert_eq!(found.text(".search-hit__title mark"), "秘书", "the word marked in the title");
    assert_eq!(found.text("main h1"), "搜索“秘书”");
    assert_eq!(found.one("#site-search").value().attr("value"), Some("秘书"), "the box keeps the words");
    assert_eq!(found.island()["search"]["results"]["items"][0]["article"]["id"], hit);

    let refused = room.app.page(&search_path(&"秘".repeat(65))).await;
    assert_eq!(refused.header("x-robots-tag"), Some("noindex"));
    assert_eq!(refused.text("main [role=alert]"), "搜索的文字太长，请不要超过 64 个字。");
    assert!(refused.select(".search-hit").is_empty());
    room.stop().await;
});

on_both_backends!(async fn missing_unpublished_trashed_and_scheduled_articles_and_unknown_paths_are_the_404_page(backend) {
    let room = newsroom(backend, &[]).await;
    let features = room.category("特稿", "features", None).await;
    let draft = room.article(json!({"category_id": features, "title": "草稿", "status": "draft"})).await;
    let scheduled = room.published(features, "定时发表", "正文", "2030-01-01T00:00:00Z").await;
    let trashed = room.published(features, "回收站", "正文", "2026-04-01T02:00:00Z").await;
    let deleted = room.app.send_as(reqwest::Method::DELETE, &format!("/api/v1/articles/{trashed}"), &room.editor.access_token, json!({})).await;
    assert_eq!(deleted.status(), 204);

    for path in [format!("/a/{draft}"), format!("/a/{scheduled}"), format!("/a/{trashed}"), "/a/999999".to_owned(), "/a/not-a-number".to_owned(), "/no/such/page".to_owned()] {
        let page = room.app.page(&path).await;
        page.assert_not_found_page();
        assert_eq!(page.header("cache-control"), Some("no-cache"), "{path}");
        assert!(page.head_link("canonical").is_none(), "{path}");
    }
    room.stop().await;
});

on_both_backends!(async fn only_the_spas_own_routes_get_its_shell_and_the_member_centre_and_console_are_not_indexed(backend) {
    let room = newsroom(backend, &[]).await;

    for (path, robots) in [("/register", None), ("/member", Some("noindex")), ("/admin/articles", Some("noindex"))] {
        let page = room.app.page(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.header("content-type").unwrap().starts_with("text/html"), "{path}");
        assert_eq!(page.html, INDEX_HTML, "{path}: the SPA's own index.html");
        assert_eq!(page.header("x-robots-tag"), robots, "{path}");
    }
    let asset = room.app.page("/assets/nope.js").await;
    assert_eq!(asset.status, 404);
    assert!(!asset.header("content-type").unwrap_or_default().starts_with("text/html"), "a broken link, not a page");
    room.stop().await;
});

on_both_backends!(async fn an_article_published_at_half_past_eleven_utc_shows_the_day_of_the_site_time_zone(backend) {
    for (settings, zone, day) in [(vec![], "Asia/Shanghai", "2026-1-2"), (vec![("KANWU_TIME_ZONE", "Europe/London")], "Europe/London", "2026-1-1")] {
        let room = newsroom(backend, &settings).await;
        assert_eq!(room.site().await["time_zone"], zone);
        let features = room.category("特稿", "features", None).await;
        let id = room.published(features, "跨年夜的文章", "正文", "2026-01-01T23:30:00Z").await;

        let article = room.app.page(&format!("/a/{id}")).await;
        let time = article.one(".article__meta time");
        assert_eq!(text_of(time), day, "{zone}");
        assert_eq!(time.value().attr("datetime"), Some("2026-01-01T23:30:00Z"), "the machine's moment stays UTC");
        let category = room.app.page("/c/features").await;
        assert_eq!(lines(&category), [("跨年夜的文章".to_owned(), format!("/a/{id}"), day.to_owned())], "{zone}");
        assert_eq!(category.island()["site"]["time_zone"], zone);
        room.stop().await;
    }
});

on_both_backends!(async fn every_reader_page_answers_head_with_the_status_and_headers_of_get_and_no_body(backend) {
    let room = newsroom(backend, &[]).await;
    let features = room.category("特稿", "features", None).await;
    let id = room.published(features, "秘书工作", "正文", "2026-04-01T02:00:00Z").await;

    let article = format!("/a/{id}");
    for (path, status) in [("/", 200), ("/c/features", 200), (article.as_str(), 200), ("/search?q=abc", 200), ("/a/999999", 404), ("/c/features?page=9", 404)] {
        let head = room.app.client.head(room.app.url(path)).send().await.unwrap();
        assert_eq!(head.status(), status, "HEAD {path}");
        assert_eq!(head.headers()["content-type"], "text/html; charset=utf-8", "HEAD {path}");
        assert!(head.bytes().await.unwrap().is_empty(), "HEAD {path}");
    }
    room.stop().await;
});
