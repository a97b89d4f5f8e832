//! Serving the built SPA: files, `index.html` for the SPA's own routes (reader routes are
//! server-rendered: `pages`), and caching.

use system_tests::fixtures::{fake_dist, INDEX_HTML};
use system_tests::{assert_problem, on_both_backends, TestApp};

on_both_backends!(async fn the_spas_own_routes_get_index_html_and_hashed_assets_are_cached_for_a_year(backend) {
    let dist = fake_dist();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;

    for path in ["/register", "/member", "/admin/articles"] {
        let page = app.get(path).await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        assert_eq!(page.headers()["cache-control"], "no-cache", "{path}");
        assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        assert_eq!(page.text().await.unwrap(), INDEX_HTML, "{path}");
    }

    // Reader routes are rendered by the server, with the SPA's assets; an article that is not
    // there, or a path that names nothing, is the 404 page.
    let home = app.get("/").await.unwrap();
    assert_eq!(home.status(), 200);
    assert_eq!(home.headers()["cache-control"], "no-cache");
    let home = home.text().await.unwrap();
    assert!(home.contains("zh-CN") && home.contains("/assets/index-3f2a1b.js"), "{home}");
    for path in ["/a/7", "/c/features", "/about"] {
        let missing = app.get(path).await.unwrap();
        assert_eq!(missing.status(), 404, "{path}");
        assert_eq!(missing.headers()["cache-control"], "no-cache", "{path}");
        assert!(missing.headers()["content-type"].to_str().unwrap().starts_with("text/html"), "{path}");
        assert!(missing.text().await.unwrap().contains("zh-CN"), "{path}");
    }

    let asset = app.get("/assets/index-3f2a1b.js").await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");

    let favicon = app.get("/favicon.svg").await.unwrap();
    assert_eq!(favicon.headers()["cache-control"], "no-cache");
    app.stop().await;
});

on_both_backends!(async fn text_is_compressed_for_clients_that_ask_and_images_are_not(backend) {
    let dist = fake_dist();
    std::fs::write(dist.path().join("assets/app-1a2b3c.js"), "console.log('秘书工作');\n".repeat(200)).unwrap();
    std::fs::write(dist.path().join("logo.png"), b"\x89PNG\r\n\x1a\n".repeat(200)).unwrap();
    let app = TestApp::spawn_with(backend, &[("KANWU_WEB_DIR", &dist.path().display().to_string())]).await;

    for path in ["/assets/app-1a2b3c.js", "/api/v1/home", "/api/v1/articles"] {
        let plain = app.get(path).await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none(), "{path}: only when asked");
        let plain = plain.bytes().await.unwrap();
        let gzipped = app.client.get(app.url(path)).header("Accept-Encoding", "gzip").send().await.unwrap();
        assert_eq!(gzipped.status(), 200, "{path}");
        assert_eq!(gzipped.headers()["content-encoding"], "gzip", "{path}");
        assert!(gzipped.headers()["vary"].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding"), "{path}");
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzipped.bytes().await.unwrap()[..]), &mut decoded).unwrap();
        assert_eq!(decoded, plain, "{path}: the same bytes once decoded");
    }
    let image = app.client.get(app.url("/logo.png")).header("Accept-Encoding", "gzip, br").send().await.unwrap();
    assert_eq!(image.status(), 200);
    assert!(image.headers().get("content-encoding").is_none(), "images are compressed already");
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
