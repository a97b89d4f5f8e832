use system_tests::fixtures::{add_view_day, at, category, ArticleFixture};
use system_tests::{assert_problem, on_both_backends, Backend, TestApp};

on_both_backends!(async fn the_home_page_has_each_top_level_block_with_its_latest_titles(backend) {
    let app = TestApp::spawn(backend).await;
    let today = chrono::Utc::now().date_naive();
    let (old, newer_in_child, newest, featured, hot) = app
        .with_db(move |c| {
            let activities = category(c, "活动竞赛", "activities", None, 1);
            let features = category(c, "特稿", "features", None, 0);
            let child = category(c, "访谈", "interviews", Some(features), 0);
            let old = ArticleFixture::new(features, "旧文").published_at(at(1)).insert(c);
            let newer_in_child = ArticleFixture::new(child, "访谈新文").published_at(at(2)).insert(c);
            let newest = ArticleFixture::new(features, "最新").published_at(at(3)).insert(c);
            let mut f = ArticleFixture::new(activities, "推荐").published_at(at(4));
            f.featured = true;
            let featured = f.insert(c);
            let hot = ArticleFixture::new(activities, "本周热门").published_at(at(5)).insert(c);
            add_view_day(c, hot, today, 30);
            add_view_day(c, newest, today, 3);
            add_view_day(c, old, today - chrono::Days::new(10), 500);
            (old, newer_in_child, newest, featured, hot)
        })
        .await;

    let home: serde_json::Value = app.get("/api/v1/home?per_category=2").await.unwrap().json().await.unwrap();

    let blocks = home["categories"].as_array().unwrap();
    assert_eq!(blocks.len(), 2, "top-level categories only");
    assert_eq!(blocks[0]["category"]["slug"], "features");
    let titles: Vec<i64> = blocks[0]["articles"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(titles, vec![newest, newer_in_child], "the subtree's newest, cut to 2");
    assert!(!titles.contains(&old));
    assert_eq!(home["featured"][0]["id"], featured);
    let ranked: Vec<(i64, i64)> = home["most_viewed_week"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_i64().unwrap(), a["views"].as_i64().unwrap()))
        .collect();
    assert_eq!(ranked, vec![(hot, 30), (newest, 3)], "views older than a week do not count");

    for bad in ["0", "21", "x"] {
        let body = assert_problem(app.get(&format!("/api/v1/home?per_category={bad}")).await.unwrap(), 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "per_category");
    }
    app.stop().await;
});

/// Statements the app runs for one `GET /api/v1/home` on a site with `categories` categories.
async fn statements_for_home(backend: Backend, categories: usize) -> u64 {
    // The read cache would answer from memory: count what a computation costs.
    let app = TestApp::spawn_with(backend, &[("KANWU_READ_CACHE_MS", "0")]).await;
    app.with_db(move |c| {
        for i in 0..categories {
            let id = category(c, &format!("栏目{i}"), &format!("c{i}"), None, i as i32);
            for j in 0..3 {
                ArticleFixture::new(id, &format!("文章{i}-{j}"))
                    .published_at(at(j))
                    .insert(c);
            }
        }
    })
    .await;
    // Warm up, so the pool has its connections before counting.
    for _ in 0..2 {
        assert_eq!(app.get("/api/v1/home").await.unwrap().status(), 200);
    }
    let before = app.statements_started();
    let home: serde_json::Value = app.get("/api/v1/home").await.unwrap().json().await.unwrap();
    let spent = app.statements_started() - before;
    assert_eq!(home["categories"].as_array().unwrap().len(), categories);
    app.stop().await;
    spent
}

on_both_backends!(async fn the_home_page_costs_the_same_queries_for_2_and_20_categories(backend) {
    let few = statements_for_home(backend, 2).await;
    let many = statements_for_home(backend, 20).await;
    assert_eq!(few, many, "no query per category");
    assert!(few <= 6, "a handful of statements, not {few}");
});
