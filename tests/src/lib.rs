//! The harness for Kanwu's system tests: start the real application in-process on port 0 against a
//! fresh database (a temporary SQLite file, or a PostgreSQL database created for the test and dropped
//! after it), and talk to it over HTTP.
//!
//! Every HTTP test runs on both backends through [`on_both_backends!`]; requests go through the
//! typed helpers of [`requests::ApiClient`], which every way of starting the app dereferences to.

pub mod editorial;
pub mod fixtures;
pub mod flaky;
pub mod members;
pub mod pages;
pub mod process;
pub mod requests;

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::{Connection as _, PgConnection, RunQueryDsl as _};
use kanwu_api::config::{Config, DatabaseUrl};
use kanwu_api::db::{Database, DbConnection, Manager};
use kanwu_api::startup::{Application, ServerHandle};

use crate::requests::ApiClient;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the test PostgreSQL server is; the role must be allowed to create databases.
pub fn postgres_admin_url() -> String {
    std::env::var("KANWU_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://kanwu:kanwu@127.0.0.1:5432/postgres".to_owned())
}

/// Generates one `#[tokio::test]` per backend, in a module named after the test.
///
/// ```text
/// on_both_backends!(async fn the_site_has_a_name(backend) {
///     let app = TestApp::spawn(backend).await;
///     // …
/// });
/// ```
#[macro_export]
macro_rules! on_both_backends {
    ($(#[$meta:meta])* async fn $name:ident($backend:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $backend = $crate::Backend::Sqlite;
                $body
            }

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $backend = $crate::Backend::Postgres;
                $body
            }
        }
    };
}

/// A PostgreSQL database that exists for one test and is dropped with it.
pub struct TestDatabase {
    name: String,
    url: String,
}

impl TestDatabase {
    /// Creates a fresh database. PostgreSQL being unreachable fails the test: the test command
    /// starts it, and a silently skipped test would pass for the wrong reason.
    pub fn create() -> Self {
        let admin_url = postgres_admin_url();
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is unreachable at {admin_url} ({e}). Run the test command (bash .ci/test.sh), \
                 which starts it and creates the test role."
            )
        });
        let name = format!("kanwu_test_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut admin)
            .expect("create the test database");
        let mut url = url::Url::parse(&admin_url).expect("KANWU_TEST_POSTGRES_URL is a URL");
        url.set_path(&name);
        TestDatabase {
            name,
            url: url.to_string(),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&postgres_admin_url()) {
            // FORCE ends the pool's connections, which may outlive the server by a moment.
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

/// The running application and what it needs to be torn down; its requests are those of its
/// [`ApiClient`].
pub struct TestApp {
    pub api: ApiClient,
    pub port: u16,
    /// Where `/metrics` is served, when the test set `KANWU_METRICS_BIND`.
    pub metrics_port: Option<u16>,
    pub backend: Backend,
    handle: ServerHandle,
    database_url: DatabaseUrl,
    database: Database,
    // Dropped after the server stops: the data folder and the PostgreSQL database.
    data_dir: tempfile::TempDir,
    _database: Option<TestDatabase>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, &[]).await
    }

    /// Starts the app with extra environment settings (`("KANWU_CORS_ORIGINS", "…")`).
    pub async fn spawn_with(backend: Backend, settings: &[(&str, &str)]) -> Self {
        let test_database = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(
                tokio::task::spawn_blocking(TestDatabase::create)
                    .await
                    .unwrap(),
            ),
        };
        let database_url = test_database.as_ref().map(|db| db.url().to_owned());
        Self::start(backend, settings, database_url, test_database).await
    }

    /// A second instance on this app's PostgreSQL database, as a replica behind a load balancer
    /// (its own caches, counters and limits; the database shared). Stop it before this app.
    pub async fn spawn_replica(&self, settings: &[(&str, &str)]) -> Self {
        let url = self
            ._database
            .as_ref()
            .map(|db| db.url().to_owned())
            .expect("replicas share a PostgreSQL database");
        Self::start(self.backend, settings, Some(url), None).await
    }

    async fn start(
        backend: Backend,
        settings: &[(&str, &str)],
        database_url: Option<String>,
        test_database: Option<TestDatabase>,
    ) -> Self {
        let data_dir = tempfile::tempdir().expect("a temporary data folder");
        let mut env = test_environment(data_dir.path());
        if let Some(url) = database_url {
            env.insert("DATABASE_URL".into(), url);
        }
        for (name, value) in settings {
            env.insert((*name).into(), (*value).into());
        }
        let config =
            Config::from_lookup(|name| env.get(name).cloned()).expect("a valid test configuration");
        let database_url = config.database.url.clone();
        let app = Application::build(config)
            .await
            .expect("the application starts");
        let port = app.port();
        let metrics_port = app.metrics_port();
        let handle = app.handle();
        let database = app.database().clone();
        tokio::spawn(app.run_until_stopped());

        let test_app = TestApp {
            api: ApiClient::new(format!("http://127.0.0.1:{port}")),
            port,
            metrics_port,
            backend,
            handle,
            database_url,
            database,
            data_dir,
            _database: test_database,
        };
        if backend == Backend::Postgres {
            test_app.wait_until_ready().await;
        }
        test_app
    }

    /// PostgreSQL is connected in the background; wait for `/readyz` before the test starts.
    pub async fn wait_until_ready(&self) {
        assert!(
            self.ready_within(Duration::from_secs(5)).await,
            "the application did not become ready within 5 s"
        );
    }

    /// Runs `work` on a connection of its own to the app's database, off the async executor.
    pub async fn with_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> T + Send + 'static,
    ) -> T {
        let manager = Manager::new(self.database_url.clone());
        tokio::task::spawn_blocking(move || {
            let mut conn = manager
                .establish()
                .expect("a test connection to the app's database");
            work(&mut conn)
        })
        .await
        .expect("the database task finished")
    }

    /// SQL statements the app has started since it began.
    pub fn statements_started(&self) -> u64 {
        self.database.statements_started()
    }

    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// Stops the server and waits for it, so the database can be dropped cleanly.
    pub async fn stop(self) {
        self.handle.stop(false).await;
    }
}

impl Deref for TestApp {
    type Target = ApiClient;

    fn deref(&self) -> &ApiClient {
        &self.api
    }
}

/// The API served in this process on a database the test provides (behind a proxy that fails on
/// purpose, or shared by two replicas), with the test settings and `settings` on top. Unlike
/// `TestApp` it waits for nothing: `serve` starts while PostgreSQL is down.
pub struct InProcessApp {
    pub api: ApiClient,
    pub handle: ServerHandle,
    _data_dir: tempfile::TempDir,
}

impl InProcessApp {
    pub async fn start(database_url: &str, settings: &[(&str, &str)]) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let mut env = test_environment(data_dir.path());
        env.insert("DATABASE_URL".into(), database_url.to_owned());
        for (name, value) in settings {
            env.insert((*name).to_owned(), (*value).to_owned());
        }
        let config =
            Config::from_lookup(|name| env.get(name).cloned()).expect("a valid test configuration");
        let app = Application::build(config)
            .await
            .expect("serve starts, even while PostgreSQL is down");
        let api = ApiClient::new(format!("http://127.0.0.1:{}", app.port()));
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        InProcessApp {
            api,
            handle,
            _data_dir: data_dir,
        }
    }
}

impl Deref for InProcessApp {
    type Target = ApiClient;

    fn deref(&self) -> &ApiClient {
        &self.api
    }
}

/// The settings every test app starts from: port 0, one worker, a small pool, a fixed secret.
pub fn test_environment(data_dir: &Path) -> HashMap<String, String> {
    [
        ("KANWU_BIND", "127.0.0.1:0".to_owned()),
        ("KANWU_DATA_DIR", data_dir.display().to_string()),
        (
            "KANWU_JWT_SECRET",
            "test-secret-that-is-long-enough-for-hs256".to_owned(),
        ),
        ("KANWU_WORKERS", "1".to_owned()),
        ("KANWU_DB_POOL_SIZE", "4".to_owned()),
        (
            "KANWU_PASSWORD_PEPPER",
            "test-pepper-that-is-long-enough-for-hmac".to_owned(),
        ),
        // Cost 4 keeps the suite fast; production's 12 is a configuration default, tested in config.
        ("KANWU_BCRYPT_COST", "4".to_owned()),
        ("KANWU_TEST_HOOKS", "1".to_owned()),
        // Every test talks from 127.0.0.1; the rate-limit tests set the scale back to 1.
        ("KANWU_RATE_LIMIT_SCALE", "100".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The built `kanwu` binary next to this test executable. `cargo test` does not build another
/// package's binary, so the test command runs `cargo build` first; a binary older than the API's
/// sources fails here rather than testing yesterday's code.
pub fn kanwu_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable's path");
    let target_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps");
    let binary = target_dir.join("kanwu");
    let rebuild = "build it with `cargo build -p kanwu-api` (the test command does)";
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| panic!("{} is missing: {rebuild}", binary.display()));
    let api_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api");
    if let Some(newest) = newest_modification(&api_dir) {
        assert!(
            built >= newest,
            "{} is older than the API's sources: {rebuild}",
            binary.display()
        );
    }
    binary
}

fn newest_modification(dir: &Path) -> Option<std::time::SystemTime> {
    let mut newest = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let modified = if path.is_dir() {
            newest_modification(&path)
        } else {
            entry.metadata().and_then(|m| m.modified()).ok()
        };
        newest = newest.max(modified);
    }
    newest
}

/// Asserts the response is an RFC 9457 problem with the given status and code; returns the body.
pub async fn assert_problem(
    response: reqwest::Response,
    status: u16,
    code: &str,
) -> serde_json::Value {
    assert_eq!(
        response.status().as_u16(),
        status,
        "status of {}",
        response.url()
    );
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: serde_json::Value = response.json().await.expect("a JSON problem body");
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code, "{body}");
    assert!(body["title"].is_string() && body["type"].is_string() && body["detail"].is_string());
    body
}
