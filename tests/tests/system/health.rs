use std::time::Duration;

use system_tests::flaky::{upstream_of, FlakyPostgres};
use system_tests::{
    assert_problem, on_both_backends, Backend, InProcessApp, TestApp, TestDatabase,
};

on_both_backends!(async fn liveness_and_readiness_report_ok_with_the_backend_name(backend) {
    let app = TestApp::spawn(backend).await;

    let live = app.get("/healthz").await.unwrap();
    assert_eq!(live.status(), 200);
    assert_eq!(live.json::<serde_json::Value>().await.unwrap()["status"], "ok");

    let ready = app.get("/readyz").await.unwrap();
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
    app.stop().await;
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_503_while_postgresql_is_down_then_migrates_and_serves_when_it_appears() {
    let database = tokio::task::spawn_blocking(TestDatabase::create)
        .await
        .unwrap();
    let flaky = FlakyPostgres::start(upstream_of(database.url()), false).await;

    let app = InProcessApp::start(&flaky.url_for(database.url()), &[]).await;

    let live = app.get("/healthz").await.unwrap();
    assert_eq!(
        live.status(),
        200,
        "the process is alive while the database is down"
    );
    assert_problem(
        app.get("/readyz").await.unwrap(),
        503,
        "service_unavailable",
    )
    .await;
    let api = app.get("/api/v1/site").await.unwrap();
    assert!(api.headers().contains_key("retry-after"));
    assert_problem(api, 503, "service_unavailable").await;

    flaky.come_up();
    assert!(
        app.ready_within(Duration::from_secs(10)).await,
        "ready within 10 s of PostgreSQL appearing"
    );
    let site: serde_json::Value = app.get("/api/v1/site").await.unwrap().json().await.unwrap();
    assert_eq!(
        site["name"], "当代秘书",
        "migrations ran once the database appeared"
    );
    app.handle.stop(false).await;
}

on_both_backends!(async fn metrics_are_served_on_their_own_address_only(backend) {
    use system_tests::fixtures::{category, ArticleFixture};

    let app = TestApp::spawn_with(backend, &[("KANWU_METRICS_BIND", "127.0.0.1:0"), ("KANWU_VIEW_FLUSH_MS", "200")]).await;
    let id = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            ArticleFixture::new(features, "被统计的文章").insert(c)
        })
        .await;
    for _ in 0..2 {
        assert_eq!(app.get(&format!("/api/v1/articles/{id}")).await.unwrap().status(), 200);
    }
    assert_eq!(app.get("/api/v1/articles/999999").await.unwrap().status(), 404);
    let view = app.view_request(id, "Mozilla/5.0 metrics").send().await.unwrap();
    assert_eq!(view.status(), 200);
    tokio::time::sleep(Duration::from_millis(800)).await;

    let scrape = reqwest::get(format!("http://127.0.0.1:{}/metrics", app.metrics_port.unwrap())).await.unwrap();
    assert_eq!(scrape.status(), 200);
    assert!(scrape.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = scrape.text().await.unwrap();
    let article = r#"route="/api/v1/articles/{id}",method="GET""#;
    for expected in [
        format!("kanwu_http_requests_total{{{article},status=\"200\"}} 2"),
        format!("kanwu_http_requests_total{{{article},status=\"404\"}} 1"),
        format!("kanwu_http_request_duration_seconds_bucket{{{article},status=\"200\",le=\"+Inf\"}} 2"),
        format!("kanwu_http_request_duration_seconds_count{{{article},status=\"200\"}} 2"),
        "kanwu_cache_hits_total{cache=\"articles\"} 1".to_owned(),
        "kanwu_view_flushes_total 1".to_owned(),
        "kanwu_views_flushed_total 1".to_owned(),
        "kanwu_view_flush_failures_total 0".to_owned(),
        "kanwu_views_pending 0".to_owned(),
        "kanwu_db_pool_max_connections 4".to_owned(),
    ] {
        assert!(text.lines().any(|line| line == expected), "{expected} in\n{text}");
    }
    assert!(text.contains("# TYPE kanwu_http_request_duration_seconds histogram"));
    assert!(text.contains("kanwu_db_pool_connections "));

    let public = app.get("/metrics").await.unwrap();
    assert!(!public.text().await.unwrap().contains("kanwu_http_requests_total"), "not on the public port");
    app.stop().await;
});
