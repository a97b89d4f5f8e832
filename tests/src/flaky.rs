//! A stand-in for the PostgreSQL server that can go down and come back: a TCP proxy in front of the
//! real one. Stopping the shared test server would take every other test's database down with it;
//! the proxy takes down only the connections of the app under test, as an outage would.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::AsyncWriteExt as _;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

pub struct FlakyPostgres {
    pub port: u16,
    up: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl FlakyPostgres {
    /// Listens on a port of its own; `up` says whether it forwards to `upstream` (host:port) yet.
    pub async fn start(upstream: String, up: bool) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let flaky = FlakyPostgres {
            port,
            up: Arc::new(AtomicBool::new(up)),
            connections: Arc::new(Mutex::new(Vec::new())),
        };
        let (gate, connections) = (flaky.up.clone(), flaky.connections.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !gate.load(Ordering::SeqCst) {
                    let _ = client.shutdown().await;
                    continue;
                }
                let upstream = upstream.clone();
                let forward = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                let mut connections = connections.lock().unwrap();
                connections.retain(|c| !c.is_finished());
                connections.push(forward);
            }
        });
        flaky
    }

    /// The proxy's URL for a database URL of the real server.
    pub fn url_for(&self, real: &str) -> String {
        let mut url = url::Url::parse(real).unwrap();
        url.set_port(Some(self.port)).unwrap();
        url.to_string()
    }

    pub fn come_up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }

    /// Refuses new connections and cuts every open one, as a stopped server does.
    pub fn go_down(&self) {
        self.up.store(false, Ordering::SeqCst);
        for connection in self.connections.lock().unwrap().drain(..) {
            connection.abort();
        }
    }
}

/// `host:port` of a PostgreSQL URL.
pub fn upstream_of(url: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432))
}
