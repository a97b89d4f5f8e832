//! PostgreSQL going away for a minute under load, behind a proxy that cuts the app's connections.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kanwu_api::config::DatabaseUrl;
use kanwu_api::db::Manager;
use system_tests::fixtures::{category, stored_views, ArticleFixture};
use system_tests::flaky::{upstream_of, FlakyPostgres};
use system_tests::members::BROWSER;
use system_tests::requests::ApiClient;
use system_tests::{InProcessApp, TestDatabase};

/// As long as issue 8 asks: long enough for every cache entry to expire and every pooled
/// connection to be found dead.
const OUTAGE: Duration = Duration::from_secs(60);

/// One request of the load: what was asked, how it ended, how long it took.
struct Outcome {
    path: &'static str,
    status: u16,
    problem_code: Option<String>,
    retry_after: bool,
    counted: bool,
    took: Duration,
}

async fn one_request(api: &ApiClient, article: i64, viewer: u64, path: &'static str) -> Outcome {
    let started = Instant::now();
    let request = match path {
        "views" => api.view_request(article, &format!("{BROWSER} outage-{viewer}")),
        "article" => api
            .client
            .get(api.url(&format!("/api/v1/articles/{article}"))),
        // A filter of its own each time: past the read cache, to the database.
        _ => api
            .client
            .get(api.url(&format!("/api/v1/articles?author=nobody-{viewer}"))),
    };
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: no answer: {e}"));
    let took = started.elapsed();
    let status = response.status().as_u16();
    let retry_after = response.headers().contains_key("retry-after");
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    Outcome {
        path,
        status,
        problem_code: body["code"].as_str().map(str::to_owned),
        retry_after,
        counted: status == 200 && body["counted"] == true,
        took,
    }
}

/// PostgreSQL going away for a minute under load: requests get 503 problem+json with
/// `Retry-After` within the pool timeout (never a hang, never a 500), `/readyz` says 503, service
/// returns within 10 s of PostgreSQL's return without a restart, and the views counted before and
/// during the outage are written exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_going_away_under_load_is_503_then_recovers_and_loses_no_counted_view() {
    let database = tokio::task::spawn_blocking(TestDatabase::create)
        .await
        .unwrap();
    let flaky = FlakyPostgres::start(upstream_of(database.url()), true).await;
    let app = InProcessApp::start(
        &flaky.url_for(database.url()),
        &[("KANWU_VIEW_FLUSH_MS", "200")],
    )
    .await;
    // Generous: a hang shows as a failed request rather than a stuck test.
    let api = ApiClient::with_client(
        app.address.clone(),
        reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap(),
    );
    assert!(
        api.ready_within(Duration::from_secs(10)).await,
        "ready before the load"
    );
    let real = DatabaseUrl::parse(database.url()).unwrap();
    let article = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(real).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        for i in 0..60 {
            ArticleFixture::new(features, &format!("文章{i}")).insert(&mut conn);
        }
        ArticleFixture::new(features, "故障中的文章").insert(&mut conn)
    })
    .await
    .unwrap();

    let outcomes = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let viewers = Arc::new(AtomicU64::new(0));
    let mut load = Vec::new();
    for worker in 0..6 {
        let (api, outcomes, stop, viewers) =
            (api.clone(), outcomes.clone(), stop.clone(), viewers.clone());
        load.push(tokio::spawn(async move {
            let path = ["views", "views", "views", "article", "list", "list"][worker];
            while !stop.load(Ordering::SeqCst) {
                let viewer = viewers.fetch_add(1, Ordering::SeqCst);
                let outcome = one_request(&api, article, viewer, path).await;
                outcomes.lock().unwrap().push(outcome);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }

    tokio::time::sleep(Duration::from_secs(2)).await;
    flaky.go_down();
    tokio::time::sleep(Duration::from_secs(5)).await;
    let started = Instant::now();
    assert_eq!(
        api.readiness().await,
        503,
        "/readyz while PostgreSQL is down"
    );
    assert!(
        started.elapsed() <= Duration::from_secs(5),
        "/readyz answers within 5 s: {:?}",
        started.elapsed()
    );
    tokio::time::sleep(OUTAGE - Duration::from_secs(5)).await;
    let during = outcomes.lock().unwrap().len();

    flaky.come_up();
    let back = Instant::now();
    loop {
        let list = api.get("/api/v1/articles?page=77").await.unwrap();
        if list.status() == 200 && api.readiness().await == 200 {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "service returns within 10 s of PostgreSQL's return"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered_in = back.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    for worker in load {
        worker.await.unwrap();
    }
    // The last flush: one interval and a margin.
    tokio::time::sleep(Duration::from_millis(1_500)).await;

    let outcomes: Vec<Outcome> = std::mem::take(&mut outcomes.lock().unwrap());
    let unavailable = outcomes.iter().filter(|o| o.status == 503).count();
    assert!(
        unavailable > 0 && during > 0,
        "the outage was felt: {unavailable} answers of 503"
    );
    for outcome in outcomes.iter() {
        assert!(
            outcome.status == 200 || outcome.status == 503,
            "{}: only 200 or 503, never a 500 or a hang: {}",
            outcome.path,
            outcome.status
        );
        if outcome.status == 503 {
            assert_eq!(
                outcome.problem_code.as_deref(),
                Some("service_unavailable"),
                "{}",
                outcome.path
            );
            assert!(
                outcome.retry_after,
                "{}: a 503 says when to retry",
                outcome.path
            );
        }
        assert!(
            outcome.took <= Duration::from_secs(5),
            "{}: answered within 5 s, took {:?}",
            outcome.path,
            outcome.took
        );
    }
    let counted = outcomes
        .iter()
        .filter(|o| o.path == "views" && o.counted)
        .count() as i64;
    let real = DatabaseUrl::parse(database.url()).unwrap();
    let stored = tokio::task::spawn_blocking(move || {
        stored_views(&mut Manager::new(real).establish().unwrap(), article)
    })
    .await
    .unwrap();
    assert_eq!(
        stored, counted,
        "every view answered as counted is stored once (back after {recovered_in:?})"
    );
    app.handle.stop(true).await;
}
