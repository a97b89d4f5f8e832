//! The real `kanwu` binary as a process of its own, for tests that signal it, kill it or check its
//! files after it exits. Built by the test command (see [`crate::kanwu_binary`]).

use std::collections::HashMap;
use std::ops::Deref;
use std::path::Path;
use std::time::Duration;

use crate::requests::ApiClient;
use crate::test_environment;

/// `kanwu serve`, started and restarted on one database and one port.
pub struct KanwuProcess {
    /// The environment it runs with, for the binary's other commands (`create-admin`) too.
    pub env: HashMap<String, String>,
    pub api: ApiClient,
    child: Option<tokio::process::Child>,
}

impl KanwuProcess {
    /// The test settings and `extra` on top, on a free port, on `database_url` or else SQLite in
    /// `data_dir`. Not started yet.
    pub fn new(data_dir: &Path, database_url: Option<&str>, extra: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut env = test_environment(data_dir);
        env.insert("KANWU_BIND".into(), format!("127.0.0.1:{port}"));
        env.insert("RUST_LOG".into(), "warn".into());
        if let Some(url) = database_url {
            env.insert("DATABASE_URL".into(), url.to_owned());
        }
        for (name, value) in extra {
            env.insert((*name).into(), (*value).into());
        }
        KanwuProcess {
            env,
            api: ApiClient::new(format!("http://127.0.0.1:{port}")),
            child: None,
        }
    }

    /// Starts `kanwu serve` and waits until `/readyz` says 200 (at most 10 s).
    pub async fn start(&mut self) {
        let child = tokio::process::Command::new(crate::kanwu_binary())
            .arg("serve")
            .envs(&self.env)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let child = self.child.insert(child);
        for _ in 0..200 {
            if self.api.readiness().await == 200 {
                return;
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!("kanwu exited at start: {status}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("kanwu did not become ready");
    }

    /// The running process, handed over to a test that signals it itself.
    pub fn take_child(&mut self) -> tokio::process::Child {
        self.child.take().expect("kanwu was started")
    }

    /// `kill -9`, and waits for it to be gone.
    pub async fn kill_9(&mut self) {
        let mut child = self.take_child();
        child.start_kill().unwrap();
        child.wait().await.unwrap();
    }

    /// Runs another command of the binary (`create-admin`, …) on this server's settings.
    pub fn command(&self, args: &[&str], extra: &[(&str, &str)]) -> std::process::Output {
        std::process::Command::new(crate::kanwu_binary())
            .args(args)
            .envs(&self.env)
            .envs(extra.iter().copied())
            .output()
            .unwrap()
    }
}

impl Deref for KanwuProcess {
    type Target = ApiClient;

    fn deref(&self) -> &ApiClient {
        &self.api
    }
}
