//! Serving the built SPA: files, the `index.html` fallback for client routes, and caching.

use system_tests::{assert_problem, on_both_backends, TestApp};

/// A stand-in `dist` folder shaped like Vite's output.
fn fake_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=\"zh-CN\"><div id=\"root\"></div></html>",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(
        dir.path().join("assets/index-3f2a1b.js"),
        "console.log('kanwu')",
    )
    .unwrap();
    std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
    std::fs::write(dir.path().join(".env"), "SECRET=1").unwrap();
    dir
}

on_both_backends!(async fn client_routes_fall_back_to_index_html_and_hashed_assets_are_cached_for_a_year(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;

    for path in ["/", "/c/features", "/a/7"] {
        let page = app.get(path).await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        assert_eq!(page.headers()["cache-control"], "no-cache", "{path}");
        assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        assert!(page.text().await.unwrap().contains("zh-CN"), "{path}");
    }

    let asset = app.get("/assets/index-3f2a1b.js").await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");

    let favicon = app.get("/favicon.svg").await.unwrap();
    assert_eq!(favicon.headers()["cache-control"], "no-cache");
    app.stop().await;
});

on_both_backends!(async fn missing_files_and_hidden_files_are_not_found(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;

    assert_problem(app.get("/assets/missing-123.js").await.unwrap(), 404, "not_found").await;
    assert_problem(app.get("/.env").await.unwrap(), 404, "not_found").await;
    assert_problem(app.get("/assets/%2e%2e/.env").await.unwrap(), 404, "not_found").await;
    app.stop().await;
});

on_both_backends!(async fn the_spa_only_answers_get_and_head(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;

    let response = app.client.post(app.url("/c/features")).send().await.unwrap();

    assert_eq!(response.headers()["allow"], "GET, HEAD");
    assert_problem(response, 405, "method_not_allowed").await;
    app.stop().await;
});
