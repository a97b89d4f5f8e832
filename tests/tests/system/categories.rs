use system_tests::fixtures::{category, ArticleFixture};
use system_tests::{assert_problem, on_both_backends, TestApp};

on_both_backends!(async fn categories_are_listed_depth_first_with_published_counts_of_their_subtree(backend) {
    let app = TestApp::spawn(backend).await;
    app.with_db(|c| {
        let activities = category(c, "活动竞赛", "activities", None, 1);
        let features = category(c, "特稿", "features", None, 0);
        let interviews = category(c, "访谈", "interviews", Some(features), 0);
        ArticleFixture::new(features, "特稿一").insert(c);
        ArticleFixture::new(interviews, "访谈一").insert(c);
        ArticleFixture::new(interviews, "访谈二").insert(c);
        ArticleFixture::new(features, "草稿").status("draft").insert(c);
        ArticleFixture::new(activities, "竞赛一").insert(c);
        ArticleFixture::new(activities, "定时").published_at(chrono::Utc::now().naive_utc() + chrono::Duration::days(1)).insert(c);
    })
    .await;

    let body: serde_json::Value = app.get("/api/v1/categories").await.unwrap().json().await.unwrap();

    let items = body["items"].as_array().unwrap();
    let summary: Vec<(&str, i64, i64)> = items
        .iter()
        .map(|c| (c["slug"].as_str().unwrap(), c["article_count"].as_i64().unwrap(), c["depth"].as_i64().unwrap()))
        .collect();
    assert_eq!(summary, vec![("features", 3, 0), ("interviews", 2, 1), ("activities", 1, 0)]);
    assert_eq!(items[1]["parent_id"], items[0]["id"]);
    app.stop().await;
});

on_both_backends!(async fn a_category_is_found_by_slug_or_id_with_its_breadcrumb(backend) {
    let app = TestApp::spawn(backend).await;
    let (features, interviews) = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            (features, category(c, "访谈", "interviews", Some(features), 0))
        })
        .await;

    for key in ["interviews".to_owned(), interviews.to_string()] {
        let body: serde_json::Value = app.get(&format!("/api/v1/categories/{key}")).await.unwrap().json().await.unwrap();
        assert_eq!(body["category"]["name"], "访谈");
        let crumbs: Vec<i64> = body["breadcrumb"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
        assert_eq!(crumbs, vec![features, interviews]);
    }
    assert_problem(app.get("/api/v1/categories/no-such-slug").await.unwrap(), 404, "not_found").await;
    assert_problem(app.get("/api/v1/categories/999999").await.unwrap(), 404, "not_found").await;
    app.stop().await;
});
