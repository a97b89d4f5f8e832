//! Media uploads: images recognised from their bytes, size and name limits, storage by hash,
//! long-lived caching, and that a refused upload leaves nothing on disk.

use reqwest::Method;
use serde_json::{json, Value};
use system_tests::members::PASSWORD;
use system_tests::requests::multipart;
use system_tests::{assert_problem, on_both_backends, TestApp};

/// The smallest valid PNG: one transparent pixel.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

fn stored_files(app: &TestApp) -> Vec<String> {
    match std::fs::read_dir(app.data_dir().join("media")) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

on_both_backends!(async fn an_editor_uploads_an_image_that_is_served_cacheable_and_can_be_deleted(backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin("chief", PASSWORD).await;
    let token = app.editor(&admin, "picture-editor").await.access_token;
    let response = app.upload(&token, "封面.png", "image/png", PNG).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let media: Value = response.json().await.unwrap();
    let url = media["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("/media/") && url.ends_with(".png"), "{url}");
    assert_eq!(location, url, "Location is where the image is served");
    assert_eq!((media["content_type"].as_str(), media["byte_size"].as_u64(), media["file_name"].as_str()), (Some("image/png"), Some(PNG.len() as u64), Some("封面.png")));

    let served = app.get(&url).await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert!(served.headers()["cache-control"].to_str().unwrap().contains("max-age=31536000"));
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);

    let listed: Value = app.get_as("/api/v1/media", &token).await.json().await.unwrap();
    assert_eq!(listed["items"][0]["url"], url.as_str());
    // Usable as a cover.
    let features = app.with_db(|c| system_tests::fixtures::category(c, "特稿", "features", None, 0)).await;
    let article = app.send_as(Method::POST, "/api/v1/articles", &token, json!({"category_id": features, "title": "有封面", "cover_url": url, "body_markdown": format!("![图]({url})")})).await;
    assert_eq!(article.status(), 201);
    let article: Value = article.json().await.unwrap();
    assert!(article["body_html"].as_str().unwrap().contains(&format!("src=\"{url}\"")), "{article}");

    let admin = app.login("chief", PASSWORD).await;
    let audit: Value = app.get_as("/api/v1/admin/audit?target_type=media", &admin.access_token).await.json().await.unwrap();
    assert_eq!(audit["items"][0]["action"], "media.upload");
    let id = media["id"].as_i64().unwrap();
    assert_eq!(app.send_as(Method::DELETE, &format!("/api/v1/media/{id}"), &token, json!({})).await.status(), 204);
    assert_eq!(app.get(&url).await.unwrap().status(), 404);
    assert!(stored_files(&app).is_empty(), "the file went with its last upload");
    app.stop().await;
});

on_both_backends!(async fn bad_uploads_get_a_clear_4xx_and_leave_nothing_on_disk(backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin("chief", PASSWORD).await;
    let token = app.editor(&admin, "picture-editor").await.access_token;

    let lying = app.upload(&token, "cover.png", "image/png", b"<html><script>alert(1)</script></html>").await;
    assert_problem(lying, 415, "unsupported_image").await;
    let oversize = vec![0x89u8; 5 * 1024 * 1024 + 1];
    assert_problem(app.upload(&token, "big.png", "image/png", &oversize).await, 413, "payload_too_large").await;
    let traversal = app.upload(&token, "../../kanwu.db", "image/png", PNG).await;
    assert_eq!(assert_problem(traversal, 422, "validation_failed").await["errors"][0]["code"], "file_name");
    // A NUL cannot even be parsed out of a multipart header: refused as an unreadable body.
    let nul = app.upload(&token, "a\0.png", "image/png", PNG).await;
    let status = nul.status().as_u16();
    let code = if status == 400 { "invalid_body" } else { "validation_failed" };
    assert_problem(nul, status, code).await;
    assert!(status == 400 || status == 422, "{status}");
    let empty = app.upload(&token, "empty.png", "image/png", b"").await;
    assert_eq!(assert_problem(empty, 422, "validation_failed").await["errors"][0]["code"], "empty");
    // A field besides `file` is refused like an unknown JSON field (the fuzzer found it ignored).
    let (content_type, mut extra) = multipart("cover.png", "image/png", PNG);
    extra.truncate(extra.len() - "--\r\n".len());
    extra.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n42\r\n--kanwu-test-boundary-7d1f--\r\n");
    let response = app.client.post(app.url("/api/v1/media")).bearer_auth(&token).header("Content-Type", content_type).body(extra).send().await.unwrap();
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("caption"), Some("unknown_field")));
    let not_multipart = app.send_as(Method::POST, "/api/v1/media", &token, json!({"file": "x"})).await;
    assert_problem(not_multipart, 415, "unsupported_media_type").await;

    assert!(stored_files(&app).iter().all(|name| !name.starts_with('.') && !name.contains("tmp")), "no temporary files: {:?}", stored_files(&app));
    assert!(stored_files(&app).is_empty(), "{:?}", stored_files(&app));
    let listed: Value = app.get_as("/api/v1/media", &token).await.json().await.unwrap();
    assert_eq!(listed["total"], 0);

    let member = app.register_personal("not-an-editor", PASSWORD).await;
    assert_problem(app.upload(&member.access_token, "a.png", "image/png", PNG).await, 403, "editor_only").await;
    let anonymous = app.client.post(app.url("/api/v1/media")).header("Content-Type", "multipart/form-data; boundary=x").body("--x--").send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
    app.stop().await;
});
