use std::time::Duration;

use system_tests::flaky::{upstream_of, FlakyPostgres};
use system_tests::{
    assert_problem, on_both_backends, test_environment, Backend, TestApp, TestDatabase,
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

    let data_dir = tempfile::tempdir().unwrap();
    let mut env = test_environment(data_dir.path());
    env.insert("DATABASE_URL".into(), flaky.url_for(database.url()));
    let config = kanwu_api::config::Config::from_lookup(|k| env.get(k).cloned()).unwrap();
    let app = kanwu_api::startup::Application::build(config)
        .await
        .expect("serve starts even though PostgreSQL is down");
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();

    let live = client
        .get(format!("{address}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        live.status(),
        200,
        "the process is alive while the database is down"
    );
    assert_problem(
        client
            .get(format!("{address}/readyz"))
            .send()
            .await
            .unwrap(),
        503,
        "service_unavailable",
    )
    .await;
    let api = client
        .get(format!("{address}/api/v1/site"))
        .send()
        .await
        .unwrap();
    assert!(api.headers().contains_key("retry-after"));
    assert_problem(api, 503, "service_unavailable").await;

    flaky.come_up();
    let mut ready = false;
    for _ in 0..100 {
        let status = client
            .get(format!("{address}/readyz"))
            .send()
            .await
            .unwrap()
            .status();
        if status == 200 {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "ready within 10 s of PostgreSQL appearing");
    let site: serde_json::Value = client
        .get(format!("{address}/api/v1/site"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        site["name"], "当代秘书",
        "migrations ran once the database appeared"
    );
    handle.stop(false).await;
}
