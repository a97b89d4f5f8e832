//! A database error the app did not expect (a table gone) is a plain 500 problem that tells the
//! client nothing about the database or the code.

use diesel::RunQueryDsl as _;
use system_tests::fixtures::{category, ArticleFixture};
use system_tests::{assert_problem, on_both_backends, TestApp};

on_both_backends!(async fn a_database_error_is_a_plain_500_problem_that_says_nothing_internal(backend) {
    let app = TestApp::spawn(backend).await;
    let article = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            let id = ArticleFixture::new(features, "表不见了").insert(c);
            diesel::sql_query("ALTER TABLE comments RENAME TO comments_away").execute(c).unwrap();
            id
        })
        .await;
    let response = app.get(&format!("/api/v1/articles/{article}/comments")).await.unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(response.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert!(!response.headers().contains_key("server"), "no banner");
    let body = assert_problem(response, 500, "internal_error").await;
    let text = body.to_string().to_lowercase();
    for internal in ["comments", "select", "sql", "relation", "table", "diesel", "src/"] {
        assert!(!text.contains(internal), "{internal} in {body}");
    }
    app.with_db(|c| {
        diesel::sql_query("ALTER TABLE comments_away RENAME TO comments").execute(c).unwrap();
    })
    .await;
    app.stop().await;
});
