//! `docs/nginx.conf` under Debian's real nginx, in front of the app: which paths nginx serves from
//! the SPA's dist itself and which it hands to the API. The file is rendered for the test by
//! replacing three of its lines as its comments say (the upstream, `listen`, `root`), so what is
//! tested is the deployed file. nginx is installed by the test command (bash .ci/test.sh); without
//! it the test fails. One database is enough: nginx never sees it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Response;
use system_tests::fixtures::{self, fake_dist, ArticleFixture};
use system_tests::requests::ApiClient;
use system_tests::{Backend, TestApp};

/// What nginx's root holds: its own `index.html` and one asset, which the API's dist does not have.
const NGINX_INDEX_HTML: &str = "<!doctype html><title>nginx's copy of the dist</title>";
const ASSET: &str = "console.log('served by nginx');\n";

/// nginx running `docs/nginx.conf` in the foreground, as one process (no workers: killing it on
/// drop leaves nothing behind, and as root it does not switch to a user that cannot read the
/// temporary folders).
struct Nginx {
    client: ApiClient,
    dir: tempfile::TempDir,
    _child: tokio::process::Child,
}

impl Nginx {
    async fn start(api_port: u16, root: &Path) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let site = render_site(
            &std::fs::read_to_string(deployed_config()).unwrap(),
            api_port,
            port,
            root,
        );
        std::fs::write(dir.path().join("site.conf"), site).unwrap();
        std::fs::write(dir.path().join("nginx.conf"), main_config(dir.path())).unwrap();
        let error_log = dir.path().join("error.log");
        let mut child = tokio::process::Command::new(nginx_binary())
            .arg("-p")
            .arg(dir.path())
            .arg("-e")
            .arg(&error_log)
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .kill_on_drop(true)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run nginx ({e}): install Debian's nginx (bash .ci/test.sh does)")
            });
        let address = format!("127.0.0.1:{port}");
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(&address).await.is_ok() {
                return Nginx {
                    client: ApiClient::new(format!("http://{address}")),
                    dir,
                    _child: child,
                };
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "nginx exited at start ({status}):\n{}",
                    std::fs::read_to_string(&error_log).unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("nginx did not listen on {address}");
    }

    /// What nginx logged, for a failing assertion's message.
    fn errors(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

fn deployed_config() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/nginx.conf")
}

/// Debian puts nginx in /usr/sbin, which an unprivileged user's PATH may lack.
fn nginx_binary() -> PathBuf {
    let sbin = PathBuf::from("/usr/sbin/nginx");
    if sbin.is_file() {
        sbin
    } else {
        PathBuf::from("nginx")
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `docs/nginx.conf` with the test's upstream, port and root: the three replacements its comments
/// announce, each of a line that must be there exactly once.
fn render_site(deployed: &str, api_port: u16, port: u16, root: &Path) -> String {
    let replacements = [
        ("server api:8080;", format!("server 127.0.0.1:{api_port};")),
        ("listen 80;", format!("listen 127.0.0.1:{port};")),
        (
            "root /usr/share/nginx/html;",
            format!("root {};", root.display()),
        ),
    ];
    let mut site = deployed.to_owned();
    for (line, replacement) in replacements {
        let found = deployed.lines().filter(|l| l.trim() == line).count();
        assert_eq!(
            found, 1,
            "docs/nginx.conf has `{line}` once as a line of its own"
        );
        site = site.replace(line, &replacement);
    }
    site
}

/// What the nginx image's own `/etc/nginx/nginx.conf` is around the site's file, with every path
/// nginx writes in the test's folder.
fn main_config(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        "daemon off;
master_process off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/site.conf;
}}
"
    )
}

/// nginx's root: an `index.html` and `assets/x.js` of its own, and a hidden file it must not serve.
fn nginx_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), NGINX_INDEX_HTML).unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("assets/x.js"), ASSET).unwrap();
    std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
    std::fs::write(dir.path().join(".env"), "SECRET=1").unwrap();
    dir
}

/// Whether the API answered: it gives every response a request id, nginx never does.
fn from_api(response: &Response) -> bool {
    response.headers().contains_key("x-request-id")
}

fn content_type(response: &Response) -> &str {
    response.headers()["content-type"].to_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_serves_the_dists_files_and_hands_every_other_path_to_the_api() {
    let api_dist = fake_dist();
    let app = TestApp::spawn_with(
        Backend::Sqlite,
        &[
            ("KANWU_WEB_DIR", &api_dist.path().display().to_string()),
            ("KANWU_TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let (slug, id) = app
        .with_db(|conn| {
            let features = fixtures::category(conn, "专题", "features", None, 1);
            let id = ArticleFixture::new(features, "秘书队伍建设").insert(conn);
            ("features", id)
        })
        .await;
    let root = nginx_dist();
    let nginx = Nginx::start(app.port, root.path()).await;
    let origin = nginx.client.address.clone();

    // robots.txt, the sitemap and the feeds are the API's, with links on the origin nginx was asked.
    let robots = nginx.client.get("/robots.txt").await.unwrap();
    assert_eq!(robots.status(), 200, "{}", nginx.errors());
    assert!(from_api(&robots));
    assert_eq!(content_type(&robots), "text/plain; charset=utf-8");
    let robots = robots.text().await.unwrap();
    assert!(
        robots
            .lines()
            .any(|line| line == format!("Sitemap: {origin}/sitemap.xml")),
        "{robots}"
    );

    let sitemap = nginx.client.get("/sitemap.xml").await.unwrap();
    assert_eq!(sitemap.status(), 200);
    assert!(from_api(&sitemap));
    assert_eq!(content_type(&sitemap), "application/xml; charset=utf-8");
    let sitemap = sitemap.text().await.unwrap();
    let parsed = roxmltree::Document::parse(&sitemap).expect("well-formed XML");
    assert_eq!(parsed.root_element().tag_name().name(), "urlset");
    assert!(
        sitemap.contains(&format!("<loc>{origin}/a/{id}</loc>")),
        "{sitemap}"
    );

    for feed in ["/feed.xml".to_owned(), format!("/c/{slug}/feed.xml")] {
        let response = nginx.client.get(&feed).await.unwrap();
        assert_eq!(response.status(), 200, "{feed}");
        assert!(from_api(&response), "{feed}");
        assert_eq!(
            content_type(&response),
            "application/atom+xml; charset=utf-8"
        );
        let text = response.text().await.unwrap();
        let parsed = roxmltree::Document::parse(&text).expect("well-formed XML");
        assert_eq!(parsed.root_element().tag_name().name(), "feed", "{feed}");
        assert!(text.contains(&format!("{origin}/a/{id}")), "{feed}: {text}");
    }

    // The dist's files are nginx's own: no request id, and what nginx's root holds.
    let asset = nginx.client.get("/assets/x.js").await.unwrap();
    assert_eq!(asset.status(), 200);
    assert!(!from_api(&asset));
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(content_type(&asset).contains("javascript"));
    assert_eq!(asset.text().await.unwrap(), ASSET);
    let favicon = nginx.client.get("/favicon.svg").await.unwrap();
    assert_eq!(favicon.status(), 200);
    assert!(!from_api(&favicon));
    assert_eq!(favicon.headers()["cache-control"], "no-cache");
    let missing_asset = nginx.client.get("/assets/gone.js").await.unwrap();
    assert_eq!(missing_asset.status(), 404);
    assert!(!from_api(&missing_asset), "a missing asset is not a page");

    // The pages, the SPA's own routes, the API and unknown paths are the API's: the same status
    // and type through nginx as straight from the API.
    let pages = [
        "/".to_owned(),
        format!("/c/{slug}"),
        format!("/c/{slug}?page=2"),
        format!("/a/{id}"),
        "/search?q=%E7%A7%98%E4%B9%A6".to_owned(),
        "/register".to_owned(),
        "/member".to_owned(),
        "/admin/articles".to_owned(),
        "/api/v1/site".to_owned(),
        "/healthz".to_owned(),
        "/sitemap-1.xml".to_owned(),
        "/no-such-page".to_owned(),
        "/.env".to_owned(),
    ];
    for path in &pages {
        let through = nginx.client.get(path).await.unwrap();
        let direct = app.get(path).await.unwrap();
        assert!(from_api(&through), "{path} comes from the API");
        assert_eq!(through.status(), direct.status(), "{path}");
        assert_eq!(content_type(&through), content_type(&direct), "{path}");
        assert_ne!(
            through.text().await.unwrap(),
            NGINX_INDEX_HTML,
            "{path} is not nginx's index.html"
        );
    }
    let article = nginx.client.get(&format!("/a/{id}")).await.unwrap();
    assert_eq!(article.status(), 200);
    assert!(article.text().await.unwrap().contains("秘书队伍建设"));
    let category = nginx.client.get(&format!("/c/{slug}")).await.unwrap();
    assert_eq!(category.status(), 200);
    let unknown = nginx.client.get("/no-such-page").await.unwrap();
    assert_eq!(unknown.status(), 404, "a real 404, not the SPA's shell");
    assert!(content_type(&unknown).starts_with("text/html"));
    let hidden = nginx.client.get("/.env").await.unwrap();
    assert_eq!(hidden.status(), 404);
    assert!(!hidden.text().await.unwrap().contains("SECRET"));

    drop(nginx);
    app.stop().await;
}
