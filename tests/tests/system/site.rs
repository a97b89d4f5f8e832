use system_tests::{on_both_backends, TestApp};

on_both_backends!(async fn the_site_reports_its_name_and_description(backend) {
    let app = TestApp::spawn(backend).await;

    let response = app.get("/api/v1/site").await.unwrap();

    assert_eq!(response.status(), 200);
    let site: serde_json::Value = response.json().await.unwrap();
    assert_eq!(site["name"], "当代秘书");
    assert!(!site["description"].as_str().unwrap().is_empty());
    app.stop().await;
});
