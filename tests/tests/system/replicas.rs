//! Replicas agree (issue 9): two instances over one PostgreSQL database, as behind a load
//! balancer, each with its own caches, view counter and address limits. What one does, the other
//! honours: views add up, a captcha is spent once, revoked tokens are refused at once, an edit
//! shows within the read cache's bound, failed logins are counted together, and migrations run once.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;
use system_tests::fixtures::{category, stored_views, ArticleFixture};
use system_tests::members::{personal, BROWSER, PASSWORD};
use system_tests::{assert_problem, Backend, InProcessApp, TestApp, TestDatabase};

async fn article(app: &TestApp) -> i64 {
    app.with_db(|c| {
        let features = category(c, "特稿", "features", None, 0);
        ArticleFixture::new(features, "两个实例的文章").insert(c)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn views_posted_to_two_replicas_add_up_exactly() {
    let one = TestApp::spawn_with(Backend::Postgres, &[("KANWU_VIEW_FLUSH_MS", "200")]).await;
    let other = one.spawn_replica(&[("KANWU_VIEW_FLUSH_MS", "200")]).await;
    let id = article(&one).await;
    let post =
        |app: &TestApp, viewer: String| app.view_request(id, &format!("{BROWSER} {viewer}")).send();
    let mut posts = Vec::new();
    for i in 0..60 {
        posts.push(post(&one, format!("one-{i}")));
        posts.push(post(&other, format!("other-{i}")));
    }
    for response in futures_util::future::join_all(posts).await {
        let body: serde_json::Value = response.unwrap().json().await.unwrap();
        assert_eq!(body["counted"], true);
    }
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(
        one.with_db(move |c| stored_views(c, id)).await,
        120,
        "both replicas' views, each once"
    );
    other.stop().await;
    one.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_captcha_issued_by_one_replica_is_accepted_once_by_the_other() {
    let one = TestApp::spawn(Backend::Postgres).await;
    let other = one.spawn_replica(&[]).await;
    let captcha = one.captcha().await;
    let register = |app: &TestApp, username: &str| {
        app.registration_request(personal(username, PASSWORD), &captcha)
            .send()
    };
    assert_eq!(
        register(&other, "first-use").await.unwrap().status(),
        201,
        "accepted by the other replica"
    );
    assert_problem(
        register(&one, "second-use").await.unwrap(),
        400,
        "captcha_invalid",
    )
    .await;
    other.stop().await;
    one.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_everywhere_and_a_password_change_on_one_replica_revoke_tokens_on_the_other_at_once()
{
    let one = TestApp::spawn(Backend::Postgres).await;
    let other = one.spawn_replica(&[]).await;
    let member = one.register_personal("two-devices", PASSWORD).await;
    assert_eq!(
        other
            .get_as("/api/v1/members/me", &member.access_token)
            .await
            .status(),
        200
    );

    let logout = one
        .send_as(
            Method::POST,
            "/api/v1/auth/logout-all",
            &member.access_token,
            json!({}),
        )
        .await;
    assert!(logout.status().is_success(), "{}", logout.status());
    assert_eq!(
        other
            .get_as("/api/v1/members/me", &member.access_token)
            .await
            .status(),
        401,
        "refused by the other at once"
    );

    let again = other.login("two-devices", PASSWORD).await;
    let changed = one
        .send_as(
            Method::PUT,
            "/api/v1/members/me/password",
            &again.access_token,
            json!({"current_password": PASSWORD, "new_password": "another-vault-9"}),
        )
        .await;
    assert!(changed.status().is_success(), "{}", changed.status());
    assert_eq!(
        other
            .get_as("/api/v1/members/me", &again.access_token)
            .await
            .status(),
        401,
        "the old password's token is refused by the other at once"
    );
    other.stop().await;
    one.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_on_one_replica_is_served_by_the_other_within_five_seconds() {
    let one = TestApp::spawn(Backend::Postgres).await;
    let other = one.spawn_replica(&[]).await;
    let admin = one.admin("chief", PASSWORD).await;
    let id = article(&one).await;
    // The other replica has the page in its cache.
    let cached: serde_json::Value = other
        .get(&format!("/api/v1/articles/{id}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cached["title"], "两个实例的文章");

    one.edit_article(&admin.access_token, id, json!({"title": "改过的标题"}))
        .await;
    let edited_at = Instant::now();
    loop {
        let page: serde_json::Value = other
            .get(&format!("/api/v1/articles/{id}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if page["title"] == "改过的标题" {
            break;
        }
        // STALE_LIMIT (5 s) plus the time one refresh takes.
        assert!(
            edited_at.elapsed() < Duration::from_secs(6),
            "the other replica serves the edit within 5 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    other.stop().await;
    one.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_on_both_replicas_count_toward_one_lockout() {
    let one = TestApp::spawn(Backend::Postgres).await;
    let other = one.spawn_replica(&[]).await;
    one.register_personal("guessed-at", PASSWORD).await;
    for (i, app) in [&one, &other, &one, &other, &other].into_iter().enumerate() {
        let response = app
            .login_response("guessed-at", &format!("wrong-guess-{i}"))
            .await;
        assert_eq!(response.status(), 401, "attempt {i}");
    }
    assert_problem(
        one.login_response("guessed-at", PASSWORD).await,
        429,
        "rate_limited",
    )
    .await;
    assert_problem(
        other.login_response("guessed-at", PASSWORD).await,
        429,
        "rate_limited",
    )
    .await;
    other.stop().await;
    one.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_starting_together_on_an_empty_database_migrate_it_once() {
    let database = tokio::task::spawn_blocking(TestDatabase::create)
        .await
        .unwrap();
    let (first_app, second_app) = tokio::join!(
        InProcessApp::start(database.url(), &[]),
        InProcessApp::start(database.url(), &[])
    );
    for app in [&first_app, &second_app] {
        assert!(
            app.ready_within(Duration::from_secs(10)).await,
            "{} ready",
            app.address
        );
    }
    let url = kanwu_api::config::DatabaseUrl::parse(database.url()).unwrap();
    let applied = tokio::task::spawn_blocking(move || {
        use diesel::RunQueryDsl as _;
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            applied: i64,
        }
        let mut conn = kanwu_api::db::Manager::new(url).establish().unwrap();
        diesel::sql_query("SELECT count(*) AS applied FROM __diesel_schema_migrations")
            .get_result::<Count>(&mut conn)
            .unwrap()
            .applied
    })
    .await
    .unwrap();
    let migrations = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../api/migrations/postgres"
    ))
    .unwrap()
    .count() as i64;
    assert_eq!(applied, migrations, "every migration applied, each once");
    first_app.handle.stop(false).await;
    second_app.handle.stop(false).await;
}
