//! View counting: once per viewer per window, never for bots, written in batches that lose nothing.

use std::time::Duration;

use system_tests::fixtures::{app_with_article, category, stored_views, ArticleFixture};
use system_tests::members::{BROWSER, PASSWORD};
use system_tests::{assert_problem, kanwu_binary, on_both_backends, TestApp};

const FLUSH_MS: &str = "200";
const FLUSH: &[(&str, &str)] = &[("KANWU_VIEW_FLUSH_MS", FLUSH_MS)];

/// One flush interval and a second more, as the catalogue's D1 allows.
async fn wait_for_flush() {
    tokio::time::sleep(Duration::from_millis(200) + Duration::from_secs(1)).await;
}

on_both_backends!(async fn five_hundred_concurrent_distinct_viewers_add_exactly_five_hundred(backend) {
    let (app, id) = app_with_article(backend, FLUSH, 493).await;

    let posts = (0..500).map(|i| {
        let app = &app;
        async move { app.post_view(id, &format!("{BROWSER} viewer-{i}")).await }
    });
    let answers = futures_util::future::join_all(posts).await;

    assert!(answers.iter().all(|a| a["counted"] == true));
    wait_for_flush().await;
    assert_eq!(app.with_db(move |c| stored_views(c, id)).await, 993);
    app.stop().await;
});

on_both_backends!(async fn one_viewer_counts_once_per_window_and_bots_never(backend) {
    let (app, id) = app_with_article(backend, FLUSH, 493).await;

    let first = app.post_view(id, BROWSER).await;
    assert_eq!(first["views"], 494, "the answer includes this view");
    for _ in 0..99 {
        let again = app.post_view(id, BROWSER).await;
        assert_eq!((again["counted"].as_bool(), again["views"].as_i64()), (Some(false), Some(494)));
    }
    for bot in ["Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", "Googlebot/2.1", ""] {
        for _ in 0..10 {
            assert_eq!(app.post_view(id, bot).await["counted"], false, "{bot}");
        }
    }
    wait_for_flush().await;
    assert_eq!(app.with_db(move |c| stored_views(c, id)).await, 494);
    let article: serde_json::Value = app.get(&format!("/api/v1/articles/{id}")).await.unwrap().json().await.unwrap();
    assert_eq!(article["views"], 494);
    app.stop().await;
});

on_both_backends!(async fn views_of_unpublished_or_missing_articles_are_refused(backend) {
    let app = TestApp::spawn(backend).await;
    let draft = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            ArticleFixture::new(features, "草稿").status("draft").insert(c)
        })
        .await;

    for id in [draft.to_string(), "999999".to_owned()] {
        let response = app.client.post(app.url(&format!("/api/v1/articles/{id}/views"))).send().await.unwrap();
        assert_problem(response, 404, "not_found").await;
    }
    app.stop().await;
});

on_both_backends!(async fn a_failed_flush_keeps_its_views_for_the_next_one(backend) {
    let (app, id) = app_with_article(backend, FLUSH, 0).await;
    // Renaming the day buckets' table makes every flush fail until it is renamed back.
    app.with_db(|c| {
        use diesel::RunQueryDsl as _;
        diesel::sql_query("ALTER TABLE article_view_days RENAME TO article_view_days_away").execute(c).unwrap();
    })
    .await;

    for i in 0..7 {
        app.post_view(id, &format!("{BROWSER} reader-{i}")).await;
    }
    wait_for_flush().await;
    assert_eq!(app.with_db(move |c| stored_views(c, id)).await, 0, "the failed flush wrote nothing");
    assert_eq!(app.post_view(id, BROWSER).await["views"], 8, "still counted in memory");

    app.with_db(|c| {
        use diesel::RunQueryDsl as _;
        diesel::sql_query("ALTER TABLE article_view_days_away RENAME TO article_view_days").execute(c).unwrap();
    })
    .await;
    wait_for_flush().await;
    assert_eq!(app.with_db(move |c| stored_views(c, id)).await, 8);
    app.stop().await;
});

/// SIGTERM: the binary stops accepting, finishes what is in flight, writes the views it holds, exits.
#[test]
fn sigterm_writes_every_counted_view_before_exit() {
    let data_dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = [
        ("KANWU_DATA_DIR", data_dir.path().display().to_string()),
        ("KANWU_BIND", format!("127.0.0.1:{port}")),
        // A long interval, so the views are still in memory when the signal comes.
        ("KANWU_VIEW_FLUSH_MS", "1000".to_owned()),
        ("RUST_LOG", "warn".to_owned()),
    ];
    let seeded = std::process::Command::new(kanwu_binary())
        .arg("seed-demo")
        .envs(env.clone())
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let mut server = std::process::Command::new(kanwu_binary())
        .arg("serve")
        .envs(env)
        .spawn()
        .unwrap();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let id = runtime.block_on(async {
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if client
                .get(format!("{base}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let list: serde_json::Value = client
            .get(format!("{base}/api/v1/articles?q=%E5%9B%9B%E8%A6%81"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = list["items"][0]["id"].as_i64().unwrap();
        for i in 0..40 {
            let response = client
                .post(format!("{base}/api/v1/articles/{id}/views"))
                .header("User-Agent", format!("{BROWSER} sigterm-{i}"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
        }
        id
    });

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "exit within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "a clean exit: {status:?}");

    let db = data_dir.path().join("kanwu.db");
    let mut conn = kanwu_api::db::Manager::new(kanwu_api::config::DatabaseUrl::Sqlite(db))
        .establish()
        .unwrap();
    assert_eq!(stored_views(&mut conn, id), 493 + 40);
}

on_both_backends!(async fn forwarded_addresses_count_as_viewers_only_behind_a_trusted_proxy(backend) {
    for (trusted, expected) in [("", 1), ("127.0.0.1", 3)] {
        let app = TestApp::spawn_with(backend, &[("KANWU_VIEW_FLUSH_MS", FLUSH_MS), ("KANWU_TRUSTED_PROXIES", trusted)]).await;
        let id = app
            .with_db(|c| {
                let features = category(c, "特稿", "features", None, 0);
                ArticleFixture::new(features, "文章").insert(c)
            })
            .await;
        let mut last = serde_json::Value::Null;
        for forwarded in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
            last = app
                .view_request(id, BROWSER)
                .header("X-Forwarded-For", forwarded)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        }
        assert_eq!(last["views"], expected, "trusted proxies: {trusted:?}");
        app.stop().await;
    }
});

on_both_backends!(async fn a_signed_in_member_is_one_viewer_from_any_address(backend) {
    let (app, id) = app_with_article(backend, FLUSH, 0).await;
    let member = app.register_personal("roaming-reader", PASSWORD).await;

    for (agent, forwarded) in [("Browser A", "198.51.100.1"), ("Browser B", "198.51.100.2"), ("Phone", "198.51.100.3")] {
        app.view_request(id, agent)
            .bearer_auth(&member.access_token)
            .header("X-Forwarded-For", forwarded)
            .send()
            .await
            .unwrap();
    }
    let bad_token = app
        .client
        .post(app.url(&format!("/api/v1/articles/{id}/views")))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_problem(bad_token, 401, "unauthenticated").await;
    assert_eq!(app.post_view(id, BROWSER).await["views"], 2, "the member once, this anonymous reader once");
    app.stop().await;
});
