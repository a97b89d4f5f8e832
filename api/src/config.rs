//! Typed settings read from the environment once, at start-up.
//!
//! Every variable is parsed here; a bad value stops start-up with a [`ConfigError`] that names the
//! variable, so nothing later has to second-guess its settings.
//!
//! Longer than 400 lines because every variable's parsing, its bounds and its test sit in this one
//! place, so that one file answers "what does KANWU_X accept".

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;

use rand::RngCore as _;

use crate::site_time::SiteTime;

/// Shortest HS256 secret we accept (RFC 7518 §3.2: a key at least as long as the hash output).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

/// Files in the data folder that keep generated secrets across restarts.
const JWT_SECRET_FILE: &str = "jwt-secret";
const PEPPER_FILE: &str = "password-pepper";

/// The most URLs one sitemap file may list (sitemaps.org protocol 0.9).
pub const SITEMAP_MAX_URLS: u64 = 50_000;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{variable}: {reason}")]
    Invalid {
        variable: &'static str,
        reason: String,
    },
}

impl ConfigError {
    fn invalid(variable: &'static str, reason: impl Into<String>) -> Self {
        ConfigError::Invalid {
            variable,
            reason: reason.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Which database to use, decided by the URL's scheme (SQLite would open any string, so never by trial).
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("must not be empty".into());
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let parsed =
                url::Url::parse(raw).map_err(|e| format!("not a valid PostgreSQL URL ({e})"))?;
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err(
                    "a PostgreSQL URL needs a host (postgres://user:password@host/database)".into(),
                );
            }
            if parsed.path().trim_start_matches('/').is_empty() {
                return Err("a PostgreSQL URL needs a database name (postgres://user:password@host/database)".into());
            }
            return Ok(DatabaseUrl::Postgres(raw.to_owned()));
        }
        if let Some(path) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err("a SQLite URL needs a file path (sqlite://path/to/kanwu.db)".into());
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        match raw.split_once("://") {
            Some((scheme, _)) => Err(format!(
                "unsupported scheme `{scheme}`: use postgres://… or sqlite://…"
            )),
            None => Err("expected postgres://… or sqlite://…".into()),
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    /// PostgreSQL URLs may carry a password: show the host and database only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres(raw) => match url::Url::parse(raw) {
                Ok(u) => write!(
                    f,
                    "postgres://{}{}",
                    u.host_str().unwrap_or_default(),
                    u.path()
                ),
                Err(_) => f.write_str("postgres://…"),
            },
        }
    }
}

/// A secret that never shows up in `Debug` output or logs.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Secret(bytes)
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Every setting, grouped by the concern that reads it, so a function takes the part it needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder for the SQLite file, the generated secrets and uploaded images.
    pub data_dir: PathBuf,
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub security: SecurityConfig,
    pub caches: CacheConfig,
    pub views: ViewConfig,
    pub members: MemberConfig,
    pub comments: CommentConfig,
    pub discovery: DiscoveryConfig,
    /// The zone every shown date and time is in (`KANWU_TIME_ZONE`, an IANA name; Asia/Shanghai).
    pub time: SiteTime,
}

/// Where and how the HTTP server listens.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    /// HTTP worker threads; `None` lets actix pick one per core.
    pub workers: Option<usize>,
    /// The built SPA to serve; `None`: the one embedded in the binary.
    pub web_dir: Option<PathBuf>,
    pub log_format: LogFormat,
    pub cors_origins: Vec<String>,
    /// Where `/metrics` is served, apart from the public port; `None`: nowhere.
    pub metrics_bind: Option<SocketAddr>,
}

#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    pub url: DatabaseUrl,
    /// How long a request waits for a database connection before it gets 503.
    pub pool_timeout: Duration,
    pub pool_size: u32,
}

/// Secrets, password hashing and what the server believes of its callers.
#[derive(Debug, Clone)]
pub struct SecurityConfig {
    pub jwt_secret: Secret,
    /// HMAC key applied to passwords before bcrypt; changing it invalidates every password.
    pub password_pepper: Secret,
    pub bcrypt_cost: u32,
    /// `Secure` on the refresh cookie; off only for plain-HTTP development on another host.
    pub cookie_secure: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed; from anyone else it is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Multiplies the per-address rate limits (1 in production).
    pub rate_limit_scale: u32,
    /// Test hooks are active (only in builds with the `test-hooks` feature).
    pub test_hooks: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct CacheConfig {
    /// Public reads are cached this long (0 disables the cache).
    pub read_cache: Duration,
}

#[derive(Debug, Clone, Copy)]
pub struct ViewConfig {
    /// A viewer counts once per article within this window.
    pub window: Duration,
    /// How often counted views are written to the database.
    pub flush_interval: Duration,
}

#[derive(Debug, Clone, Copy)]
pub struct MemberConfig {
    /// Enterprise members wait for an admin's approval before they may comment.
    pub enterprise_approval: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct CommentConfig {
    pub moderation: CommentModeration,
    /// One comment per member per this interval.
    pub interval: Duration,
    /// Comments per client address per hour; 0: no cap (all traffic from one address you cannot
    /// see past, as in the load harness).
    pub hourly_cap: i64,
}

#[derive(Debug, Clone)]
pub struct DiscoveryConfig {
    /// The site's public origin (`https://example.org`, no path) for the absolute links of feeds,
    /// the sitemap and link previews; `None`: each request's own scheme and host.
    pub public_url: Option<String>,
    /// URLs per sitemap file; more make `/sitemap.xml` an index of files this size. The protocol's
    /// limit (50,000) unless lowered, for tests or for crawlers that prefer smaller files.
    pub sitemap_page_size: u32,
}

/// Which comments wait for a moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentModeration {
    /// Every comment.
    All,
    /// A member's comments until they have three approved ones (the default, like WordPress).
    New,
    /// None (links and banned words still send a comment to the queue).
    None,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests can supply their own environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());

        let bind = match get("KANWU_BIND") {
            Some(raw) => raw.trim().parse::<SocketAddr>().map_err(|_| {
                ConfigError::invalid(
                    "KANWU_BIND",
                    format!("`{raw}` is not an address like 127.0.0.1:8080"),
                )
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };

        // Prometheus metrics on an address of their own (unset: not served at all).
        let metrics_bind = get("KANWU_METRICS_BIND")
            .map(|raw| {
                raw.trim().parse::<SocketAddr>().map_err(|_| {
                    ConfigError::invalid(
                        "KANWU_METRICS_BIND",
                        format!("`{raw}` is not an address like 127.0.0.1:9100"),
                    )
                })
            })
            .transpose()?;

        let data_dir = PathBuf::from(get("KANWU_DATA_DIR").unwrap_or_else(|| "./data".into()));
        prepare_data_dir(&data_dir)?;

        let database = match get("DATABASE_URL") {
            Some(raw) => {
                DatabaseUrl::parse(&raw).map_err(|r| ConfigError::invalid("DATABASE_URL", r))?
            }
            None => DatabaseUrl::Sqlite(data_dir.join("kanwu.db")),
        };

        let jwt_secret = match get("KANWU_JWT_SECRET") {
            Some(raw) if raw.len() < MIN_JWT_SECRET_BYTES => {
                return Err(ConfigError::invalid(
                    "KANWU_JWT_SECRET",
                    format!(
                        "must be at least {MIN_JWT_SECRET_BYTES} bytes long (got {})",
                        raw.len()
                    ),
                ))
            }
            Some(raw) => Secret(raw.into_bytes()),
            None => match &database {
                DatabaseUrl::Sqlite(_) => {
                    load_or_create_secret(&data_dir, JWT_SECRET_FILE, "KANWU_JWT_SECRET")?
                }
                DatabaseUrl::Postgres(_) => {
                    // Replicas over one PostgreSQL must share a secret: a per-machine file would not.
                    return Err(ConfigError::invalid(
                        "KANWU_JWT_SECRET",
                        "is required with PostgreSQL (at least 32 bytes, the same on every replica)",
                    ));
                }
            },
        };

        let web_dir = match get("KANWU_WEB_DIR") {
            Some(raw) => {
                let dir = PathBuf::from(raw);
                if !dir.join("index.html").is_file() {
                    return Err(ConfigError::invalid(
                        "KANWU_WEB_DIR",
                        format!(
                            "{} has no index.html (build the SPA: npm run build)",
                            dir.display()
                        ),
                    ));
                }
                Some(dir)
            }
            None => None,
        };

        let log_format = match get("KANWU_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::invalid(
                    "KANWU_LOG_FORMAT",
                    format!("`{other}` is neither `text` nor `json`"),
                ))
            }
        };

        let cors_origins = match get("KANWU_CORS_ORIGINS") {
            Some(raw) => {
                parse_origins(&raw).map_err(|r| ConfigError::invalid("KANWU_CORS_ORIGINS", r))?
            }
            None => Vec::new(),
        };

        let public_url = get("KANWU_PUBLIC_URL")
            .map(|raw| {
                parse_public_url(&raw).map_err(|r| ConfigError::invalid("KANWU_PUBLIC_URL", r))
            })
            .transpose()?;
        let time = match get("KANWU_TIME_ZONE") {
            Some(raw) => SiteTime::parse(&raw).ok_or_else(|| {
                ConfigError::invalid(
                    "KANWU_TIME_ZONE",
                    format!("`{raw}` is not a time zone name like Asia/Shanghai"),
                )
            })?,
            None => SiteTime::default(),
        };

        let sitemap_page_size = get("KANWU_SITEMAP_PAGE_SIZE")
            .map(|raw| parse_in_range("KANWU_SITEMAP_PAGE_SIZE", &raw, 1, SITEMAP_MAX_URLS))
            .transpose()?
            .unwrap_or(SITEMAP_MAX_URLS) as u32;

        let workers = get("KANWU_WORKERS")
            .map(|raw| parse_in_range("KANWU_WORKERS", &raw, 1, 256))
            .transpose()?
            .map(|n| n as usize);

        let db_pool_timeout = Duration::from_millis(
            get("KANWU_DB_POOL_TIMEOUT_MS")
                .map(|raw| parse_in_range("KANWU_DB_POOL_TIMEOUT_MS", &raw, 100, 5_000))
                .transpose()?
                .unwrap_or(3_000),
        );
        let db_pool_size = get("KANWU_DB_POOL_SIZE")
            .map(|raw| parse_in_range("KANWU_DB_POOL_SIZE", &raw, 1, 256))
            .transpose()?
            .unwrap_or_else(default_pool_size) as u32;

        let view_window = Duration::from_secs(
            get("KANWU_VIEW_WINDOW_SECS")
                .map(|raw| parse_in_range("KANWU_VIEW_WINDOW_SECS", &raw, 0, 86_400))
                .transpose()?
                .unwrap_or(30 * 60),
        );
        let view_flush_interval = Duration::from_millis(
            get("KANWU_VIEW_FLUSH_MS")
                .map(|raw| parse_in_range("KANWU_VIEW_FLUSH_MS", &raw, 50, 1_000))
                .transpose()?
                .unwrap_or(1_000),
        );

        let trusted_proxies = match get("KANWU_TRUSTED_PROXIES") {
            Some(raw) => raw
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|ip| {
                    ip.parse::<std::net::IpAddr>().map_err(|_| {
                        ConfigError::invalid(
                            "KANWU_TRUSTED_PROXIES",
                            format!("`{ip}` is not an IP address"),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
        };

        let password_pepper = match get("KANWU_PASSWORD_PEPPER") {
            Some(raw) if raw.len() < MIN_JWT_SECRET_BYTES => {
                return Err(ConfigError::invalid(
                    "KANWU_PASSWORD_PEPPER",
                    format!("must be at least {MIN_JWT_SECRET_BYTES} bytes long"),
                ))
            }
            Some(raw) => Secret(raw.into_bytes()),
            None => match &database {
                DatabaseUrl::Sqlite(_) => {
                    load_or_create_secret(&data_dir, PEPPER_FILE, "KANWU_PASSWORD_PEPPER")?
                }
                DatabaseUrl::Postgres(_) => return Err(ConfigError::invalid(
                    "KANWU_PASSWORD_PEPPER",
                    "is required with PostgreSQL (at least 32 bytes, the same on every replica)",
                )),
            },
        };
        let bcrypt_cost = get("KANWU_BCRYPT_COST")
            .map(|raw| parse_in_range("KANWU_BCRYPT_COST", &raw, 4, 31))
            .transpose()?
            .unwrap_or(12) as u32;
        let cookie_secure = parse_bool("KANWU_COOKIE_SECURE", get("KANWU_COOKIE_SECURE"), true)?;
        let enterprise_approval = parse_bool(
            "KANWU_ENTERPRISE_APPROVAL",
            get("KANWU_ENTERPRISE_APPROVAL"),
            true,
        )?;
        let rate_limit_scale = get("KANWU_RATE_LIMIT_SCALE")
            .map(|raw| parse_in_range("KANWU_RATE_LIMIT_SCALE", &raw, 1, 1_000))
            .transpose()?
            .unwrap_or(1) as u32;
        let test_hooks = parse_bool("KANWU_TEST_HOOKS", get("KANWU_TEST_HOOKS"), false)?;
        if test_hooks && !cfg!(feature = "test-hooks") {
            return Err(ConfigError::invalid(
                "KANWU_TEST_HOOKS",
                "this build has no test hooks (they exist only in test builds)",
            ));
        }

        let read_cache = Duration::from_millis(
            get("KANWU_READ_CACHE_MS")
                .map(|raw| parse_in_range("KANWU_READ_CACHE_MS", &raw, 0, 5_000))
                .transpose()?
                .unwrap_or(1_000),
        );

        let comment_moderation = match get("KANWU_COMMENT_MODERATION").as_deref().map(str::trim) {
            None | Some("new") => CommentModeration::New,
            Some("all") => CommentModeration::All,
            Some("none") => CommentModeration::None,
            Some(other) => {
                return Err(ConfigError::invalid(
                    "KANWU_COMMENT_MODERATION",
                    format!("`{other}` is not one of all, new, none"),
                ))
            }
        };
        let comment_interval = Duration::from_secs(
            get("KANWU_COMMENT_INTERVAL_SECS")
                .map(|raw| parse_in_range("KANWU_COMMENT_INTERVAL_SECS", &raw, 0, 3_600))
                .transpose()?
                .unwrap_or(30),
        );
        let comment_hourly_cap = get("KANWU_COMMENT_HOURLY_CAP")
            .map(|raw| parse_in_range("KANWU_COMMENT_HOURLY_CAP", &raw, 0, 100_000))
            .transpose()?
            .unwrap_or(20) as i64;

        Ok(Config {
            data_dir,
            server: ServerConfig {
                bind,
                workers,
                web_dir,
                log_format,
                cors_origins,
                metrics_bind,
            },
            database: DatabaseConfig {
                url: database,
                pool_timeout: db_pool_timeout,
                pool_size: db_pool_size,
            },
            security: SecurityConfig {
                jwt_secret,
                password_pepper,
                bcrypt_cost,
                cookie_secure,
                trusted_proxies,
                rate_limit_scale,
                test_hooks,
            },
            caches: CacheConfig { read_cache },
            views: ViewConfig {
                window: view_window,
                flush_interval: view_flush_interval,
            },
            members: MemberConfig {
                enterprise_approval,
            },
            comments: CommentConfig {
                moderation: comment_moderation,
                interval: comment_interval,
                hourly_cap: comment_hourly_cap,
            },
            discovery: DiscoveryConfig {
                public_url,
                sitemap_page_size,
            },
            time,
        })
    }
}

fn parse_bool(
    variable: &'static str,
    raw: Option<String>,
    default: bool,
) -> Result<bool, ConfigError> {
    match raw.as_deref().map(|r| r.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if matches!(v.as_str(), "1" | "true" | "yes" | "on") => Ok(true),
        Some(v) if matches!(v.as_str(), "0" | "false" | "no" | "off") => Ok(false),
        Some(v) => Err(ConfigError::invalid(
            variable,
            format!("`{v}` is neither true nor false"),
        )),
    }
}

fn parse_in_range(
    variable: &'static str,
    raw: &str,
    min: u64,
    max: u64,
) -> Result<u64, ConfigError> {
    match raw.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ConfigError::invalid(
            variable,
            format!("`{raw}` is not a whole number from {min} to {max}"),
        )),
    }
}

fn parse_origins(raw: &str) -> Result<Vec<String>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|origin| {
            if origin == "*" {
                return Err("`*` is not allowed: list exact origins".to_owned());
            }
            let url = url::Url::parse(origin)
                .map_err(|_| format!("`{origin}` is not an origin like https://example.org"))?;
            let is_bare_origin = matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some()
                && url.path() == "/"
                && !origin.ends_with('/')
                && url.query().is_none();
            if !is_bare_origin {
                return Err(format!(
                    "`{origin}` is not an origin like https://example.org (no path or slash)"
                ));
            }
            Ok(origin.to_owned())
        })
        .collect()
}

/// `https://example.org` or `http://host:port`, with at most a trailing slash after it; returned as
/// the bare origin (a host in Unicode comes back in its ASCII form).
fn parse_public_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let refuse = || {
        format!("`{raw}` is not a site address like https://example.org (http or https, no path, query or user)")
    };
    let url = url::Url::parse(raw).map_err(|_| refuse())?;
    let bare = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && !raw.ends_with("//");
    if !bare {
        return Err(refuse());
    }
    Ok(url.origin().ascii_serialization())
}

fn prepare_data_dir(dir: &Path) -> Result<(), ConfigError> {
    let fail = |what: &str, e: std::io::Error| {
        ConfigError::invalid(
            "KANWU_DATA_DIR",
            format!("cannot {what} {} ({e})", dir.display()),
        )
    };
    std::fs::create_dir_all(dir).map_err(|e| fail("create", e))?;
    // Prove we can write there now rather than failing on the first database write.
    let probe = dir.join(".kanwu-write-test");
    std::fs::write(&probe, b"ok").map_err(|e| fail("write to", e))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

fn load_or_create_secret(
    data_dir: &Path,
    file: &str,
    variable: &'static str,
) -> Result<Secret, ConfigError> {
    let path = data_dir.join(file);
    let fail = |what: &str, e: std::io::Error| {
        ConfigError::invalid(
            variable,
            format!(
                "unset, and cannot {what} the generated secret at {} ({e})",
                path.display()
            ),
        )
    };
    match std::fs::read_to_string(&path) {
        Ok(stored) if stored.trim().len() >= MIN_JWT_SECRET_BYTES => {
            Ok(Secret(stored.trim().as_bytes().to_vec()))
        }
        Ok(_) => Err(ConfigError::invalid(
            "KANWU_JWT_SECRET",
            format!(
                "unset, and the stored secret in {} is too short",
                path.display()
            ),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 48];
            rand::rng().fill_bytes(&mut bytes);
            let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
            write_private(&path, secret.as_bytes()).map_err(|e| fail("write", e))?;
            Ok(Secret(secret.into_bytes()))
        }
        Err(e) => Err(fail("read", e)),
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

/// Twice the cores plus one (PostgreSQL's rule of thumb): more connections than the cores can serve
/// only queue inside the database, and on a small machine they stretch the slowest responses (on
/// 2 cores, 16 connections gave a p99 three times that of 5; docs/PERFORMANCE.md).
fn default_pool_size() -> u64 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    (2 * cores + 1).clamp(3, 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config_with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let dir = std::env::temp_dir().join(format!("kanwu-config-{}", uuid::Uuid::new_v4()));
        let mut env: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        env.entry("KANWU_DATA_DIR".into())
            .or_insert(dir.display().to_string());
        Config::from_lookup(|k| env.get(k).cloned())
    }

    fn variable_of(err: ConfigError) -> &'static str {
        match err {
            ConfigError::Invalid { variable, .. } => variable,
        }
    }

    #[test]
    fn defaults_select_sqlite_in_the_data_folder_on_port_8080() {
        let config = config_with(&[]).unwrap();
        assert_eq!(config.server.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(
            config.database.url,
            DatabaseUrl::Sqlite(config.data_dir.join("kanwu.db"))
        );
        assert!(config.security.jwt_secret.expose().len() >= MIN_JWT_SECRET_BYTES);
    }

    #[test]
    fn production_defaults_are_safe() {
        let config = config_with(&[]).unwrap();
        assert_eq!(config.security.bcrypt_cost, 12);
        assert!(config.security.cookie_secure);
        assert!(config.members.enterprise_approval);
        assert!(!config.security.test_hooks);
        assert_eq!(config.security.rate_limit_scale, 1);
    }

    #[test]
    fn test_hooks_are_refused_unless_built_in() {
        let result = config_with(&[("KANWU_TEST_HOOKS", "1")]);
        if cfg!(feature = "test-hooks") {
            assert!(result.unwrap().security.test_hooks);
        } else {
            assert_eq!(variable_of(result.unwrap_err()), "KANWU_TEST_HOOKS");
        }
    }

    #[test]
    fn a_generated_secret_survives_a_restart() {
        let dir = std::env::temp_dir().join(format!("kanwu-config-{}", uuid::Uuid::new_v4()));
        let dir = dir.display().to_string();
        let first = config_with(&[("KANWU_DATA_DIR", &dir)]).unwrap();
        let second = config_with(&[("KANWU_DATA_DIR", &dir)]).unwrap();
        assert_eq!(
            first.security.jwt_secret.expose(),
            second.security.jwt_secret.expose()
        );
    }

    #[test]
    fn a_short_jwt_secret_is_refused() {
        let err = config_with(&[("KANWU_JWT_SECRET", "too-short")]).unwrap_err();
        assert_eq!(variable_of(err), "KANWU_JWT_SECRET");
    }

    #[test]
    fn postgres_without_a_jwt_secret_or_pepper_is_refused() {
        let err = config_with(&[("DATABASE_URL", "postgres://u:p@localhost/kanwu")]).unwrap_err();
        assert_eq!(variable_of(err), "KANWU_JWT_SECRET");
        let err = config_with(&[
            ("DATABASE_URL", "postgres://u:p@localhost/kanwu"),
            ("KANWU_JWT_SECRET", "0123456789abcdef0123456789abcdef"),
        ])
        .unwrap_err();
        assert_eq!(variable_of(err), "KANWU_PASSWORD_PEPPER");
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (variable, value) in [
            ("KANWU_BIND", "localhost"),
            ("DATABASE_URL", "mysql://localhost/kanwu"),
            ("DATABASE_URL", "postgres://"),
            ("KANWU_LOG_FORMAT", "xml"),
            ("KANWU_CORS_ORIGINS", "*"),
            ("KANWU_CORS_ORIGINS", "https://example.org/path"),
            ("KANWU_PUBLIC_URL", "ftp://example.org"),
            ("KANWU_PUBLIC_URL", "https://example.org/news"),
            ("KANWU_PUBLIC_URL", "https://example.org/?page=1"),
            ("KANWU_PUBLIC_URL", "https://editor@example.org"),
            ("KANWU_PUBLIC_URL", "example.org"),
            ("KANWU_SITEMAP_PAGE_SIZE", "0"),
            ("KANWU_SITEMAP_PAGE_SIZE", "50001"),
            ("KANWU_TIME_ZONE", "Beijing"),
            ("KANWU_WEB_DIR", "/nonexistent/dist"),
            ("KANWU_WORKERS", "0"),
            ("KANWU_DB_POOL_TIMEOUT_MS", "60000"),
            ("KANWU_TRUSTED_PROXIES", "nginx"),
            ("KANWU_METRICS_BIND", "9100"),
            ("KANWU_VIEW_FLUSH_MS", "5000"),
            ("KANWU_BCRYPT_COST", "3"),
            ("KANWU_COOKIE_SECURE", "maybe"),
            ("KANWU_PASSWORD_PEPPER", "short"),
        ] {
            let err = config_with(&[(variable, value)]).unwrap_err();
            assert_eq!(variable_of(err), variable, "{variable}={value}");
        }
    }

    #[test]
    fn the_public_url_is_kept_as_a_bare_origin() {
        for (given, kept) in [
            ("https://example.org", "https://example.org"),
            ("https://example.org/", "https://example.org"),
            ("http://localhost:8080", "http://localhost:8080"),
            ("https://EXAMPLE.org:443", "https://example.org"),
            (
                "https://当代秘书.中国",
                "https://xn--1jqsli94b65y.xn--fiqs8s",
            ),
        ] {
            let config = config_with(&[("KANWU_PUBLIC_URL", given)]).unwrap();
            assert_eq!(
                config.discovery.public_url.as_deref(),
                Some(kept),
                "{given}"
            );
        }
        let config = config_with(&[]).unwrap();
        assert_eq!(config.discovery.public_url, None);
        assert_eq!(config.discovery.sitemap_page_size, 50_000);
        assert_eq!(config.time.name(), "Asia/Shanghai");
    }

    #[test]
    fn database_urls_pick_the_backend_by_scheme() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/k.db").unwrap(),
            DatabaseUrl::Sqlite("data/k.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://u@h/db")
                .unwrap()
                .backend_name(),
            "postgres"
        );
        assert!(DatabaseUrl::parse("data/k.db").is_err());
    }

    #[test]
    fn debug_output_hides_secrets_and_passwords() {
        let config = config_with(&[
            (
                "DATABASE_URL",
                "postgres://kanwu:hunter2hunter2@db.example/kanwu",
            ),
            (
                "KANWU_JWT_SECRET",
                "0123456789abcdef0123456789abcdef-secret",
            ),
            (
                "KANWU_PASSWORD_PEPPER",
                "pepper-pepper-pepper-pepper-pepper-pep",
            ),
        ])
        .unwrap();
        assert!(!format!("{config:?}").contains("pepper-pepper"));
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("abcdef-secret"), "{shown}");
    }
}
