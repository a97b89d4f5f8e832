//! Builds the HTTP server. [`Application::build`] binds its own listener, so tests can ask for port 0
//! and read back the port they got.

use std::net::TcpListener;
use std::time::Duration;

use actix_cors::Cors;
use actix_web::dev::Server;
pub use actix_web::dev::ServerHandle;
use actix_web::http::{header, Method};
use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web, App, HttpResponse, HttpServer};
use utoipa_actix_web::AppExt as _;
use utoipa_swagger_ui::SwaggerUi;

use std::sync::Arc;

use crate::auth::rate_limit::RateLimits;
use crate::auth::{PasswordHasher, TokenKeys};
use crate::cache::ReadCaches;
use crate::client_address::TrustedProxies;
use crate::config::Config;
use crate::db::{Database, DbConnection, DbError};
use crate::error::extractors;
use crate::frontend::{self, WebDir};
use crate::metrics::RequestMetrics;
use crate::openapi::{self, RouteIndex};
use crate::state::AppState;
use crate::views::{StoredViews, ViewCounter};
use crate::{routes, telemetry};

/// Slow clients must send their request head within this time (slowloris defence).
const CLIENT_REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// On SIGTERM, requests in flight get this long to finish.
const SHUTDOWN_TIMEOUT_SECS: u64 = 10;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the HTTP server: {0}")]
    Server(std::io::Error),
}

pub struct Application {
    port: u16,
    server: Server,
    database: Database,
    views: Arc<ViewCounter>,
    /// `/metrics` on `KANWU_METRICS_BIND`, when set: its port and server.
    metrics: Option<(u16, Server)>,
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        // Bind first: a port in use should be reported before any database work.
        let listener =
            TcpListener::bind(config.server.bind).map_err(|source| StartupError::Bind {
                address: config.server.bind,
                source,
            })?;
        let port = listener.local_addr().map_err(StartupError::Server)?.port();
        let database = Database::start(&config.database, prepare_search_index).await?;

        let spec = openapi::spec();
        // A total read from the database is trusted for twice an article page's freshness: page
        // refreshes (about once per freshness) renew it before it runs out.
        let views = Arc::new(ViewCounter::new(
            config.views.window,
            crate::cache::article_pages_fresh_for(config.caches.read_cache) * 2,
        ));
        let flusher = views.clone();
        let flush_db = database.clone();
        let flush_interval = config.views.flush_interval;
        tokio::spawn(async move { flusher.flush_periodically(flush_db, flush_interval).await });
        let cors_origins = config.server.cors_origins.clone();
        let (workers, metrics_bind) = (config.server.workers, config.server.metrics_bind);
        let state = web::Data::new(AppState {
            db: database.clone(),
            caches: ReadCaches::new(config.caches.read_cache, views.clone()),
            views: views.clone(),
            stored_views: StoredViews::start(database.clone(), config.database.pool_timeout),
            metrics: RequestMetrics::default(),
            proxies: TrustedProxies(config.security.trusted_proxies.clone()),
            token_keys: TokenKeys::new(&config.security.jwt_secret),
            hasher: PasswordHasher::new(
                config.security.password_pepper.clone(),
                config.security.bcrypt_cost,
            ),
            limits: RateLimits::new(config.security.rate_limit_scale),
            routes: RouteIndex::from_spec(&spec),
            web_dir: WebDir::new(config.server.web_dir.clone()),
            config,
        });
        let state_for_metrics = state.clone();

        let mut server = HttpServer::new(move || {
            // Routes outside the contract come first: the `/api/v1` scope would otherwise claim the
            // spec's own URL.
            let (app, _) = App::new()
                .service(SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", spec.clone()))
                .service(web::resource("/docs").to(redirect_to_docs))
                .into_utoipa_app()
                .openapi(utoipa::openapi::OpenApi::builder().build())
                .configure(routes::configure)
                .split_for_parts();
            // The reader's HTML pages: not part of the JSON contract, so not in the OpenAPI document.
            app.configure(crate::pages::handlers::configure)
                .app_data(state.clone())
                .app_data(extractors::json_config())
                .app_data(extractors::query_config())
                .app_data(extractors::path_config())
                .default_service(web::to(frontend::fallback))
                .wrap(from_fn(frontend::documented_methods_only))
                // Negotiated with Accept-Encoding (brotli, gzip, zstd); images are left as they are.
                .wrap(actix_web::middleware::Compress::default())
                .wrap(security_headers())
                .wrap(cors(&cors_origins))
                .wrap(from_fn(telemetry::request_context))
        })
        .listen(listener)
        .map_err(StartupError::Server)?
        .client_request_timeout(CLIENT_REQUEST_TIMEOUT)
        .shutdown_timeout(SHUTDOWN_TIMEOUT_SECS);
        if let Some(workers) = workers {
            server = server.workers(workers);
        }

        let metrics = match metrics_bind {
            Some(address) => Some(metrics_server(address, state_for_metrics)?),
            None => None,
        };

        Ok(Application {
            port,
            server: server.run(),
            database,
            views,
            metrics,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port `/metrics` is served on, if `KANWU_METRICS_BIND` is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    pub fn database(&self) -> &Database {
        &self.database
    }

    /// A handle to stop the server (gracefully or not) from elsewhere.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Views counted but not yet written (for tests and diagnostics).
    pub fn views(&self) -> &ViewCounter {
        &self.views
    }

    /// Serves until the server is stopped or the process gets SIGINT/SIGTERM, then writes the views
    /// still in memory.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let metrics = self.metrics.map(|(_, server)| {
            let handle = server.handle();
            tokio::spawn(server);
            handle
        });
        let served = self.server.await;
        if let Some(metrics) = metrics {
            metrics.stop(true).await;
        }
        if !self.views.flush(&self.database).await {
            tracing::error!(
                "the final view flush failed; views counted since the last flush are lost"
            );
        }
        served
    }
}

/// Run by the database layer once it has migrated, before it serves a query: a search is never
/// answered from an index of another version of the terms.
fn prepare_search_index(conn: &mut DbConnection) -> Result<(), DbError> {
    if let Some(indexed) = crate::search::queries::ensure_current(conn)? {
        tracing::info!(indexed, "search index built");
    }
    Ok(())
}

/// The metrics server: `/metrics` only, one worker, on an address operators keep private.
fn metrics_server(
    address: std::net::SocketAddr,
    state: web::Data<AppState>,
) -> Result<(u16, Server), StartupError> {
    let listener =
        TcpListener::bind(address).map_err(|source| StartupError::Bind { address, source })?;
    let port = listener.local_addr().map_err(StartupError::Server)?.port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/metrics", web::get().to(crate::metrics::handlers::serve))
    })
    .listen(listener)
    .map_err(StartupError::Server)?
    .workers(1)
    .disable_signals()
    .run();
    Ok((port, server))
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/docs/"))
        .finish()
}

/// Headers every response carries unless a handler set its own.
fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
}

/// No cross-origin access unless `KANWU_CORS_ORIGINS` lists the origin; then an exact echo with
/// `Vary: Origin`. Requests from other origins are not refused (same-origin browsers send `Origin`
/// too), they just get no CORS headers, so a browser will not hand the response to foreign pages.
fn cors(origins: &[String]) -> Cors {
    let mut cors = Cors::default()
        .block_on_origin_mismatch(false)
        .allowed_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::ACCEPT,
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            telemetry::REQUEST_ID_HEADER,
        ])
        .max_age(3600);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// Caps glibc's malloc arenas at two (unless `MALLOC_ARENA_MAX` says otherwise). By default glibc
/// gives each of the blocking pool's threads an arena of its own, up to eight per core, and each
/// keeps freed memory: at a million articles that was most of the server's RSS beyond its bounded
/// caches (docs/PERFORMANCE.md). Call before any thread starts.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter; it is called before other threads exist.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use diesel::RunQueryDsl as _;

    use super::*;

    #[derive(diesel::QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        terms_version: i32,
    }

    #[actix_web::test]
    async fn start_up_rebuilds_a_search_index_of_another_version_before_serving() {
        let dir = std::env::temp_dir().join(format!("kanwu-startup-{}", uuid::Uuid::new_v4()));
        let data_dir = dir.display().to_string();
        let config = Config::from_lookup(|name| match name {
            "KANWU_DATA_DIR" => Some(data_dir.clone()),
            "KANWU_BIND" => Some("127.0.0.1:0".to_owned()),
            _ => None,
        })
        .unwrap();
        // A database from before this version of the terms, as `kanwu migrate` leaves it.
        crate::db::migrate(&config.database.url).unwrap();
        let mut conn = crate::db::Manager::new(config.database.url.clone())
            .establish()
            .unwrap();
        diesel::sql_query("UPDATE search_index_state SET terms_version = 0")
            .execute(&mut conn)
            .unwrap();

        let app = Application::build(config).await.unwrap();
        let version = app
            .database()
            .run(|conn| {
                Ok(
                    diesel::sql_query("SELECT terms_version FROM search_index_state")
                        .get_result::<Version>(conn)?
                        .terms_version,
                )
            })
            .await
            .unwrap();
        assert_eq!(version, crate::search::terms::TERMS_VERSION);
        let server = app.handle();
        let serving = actix_web::rt::spawn(app.run_until_stopped());
        server.stop(false).await;
        serving.await.unwrap().unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
