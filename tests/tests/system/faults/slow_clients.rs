//! Slowloris: clients that send their request one byte a second are cut off, and delay no one.

use std::time::{Duration, Instant};

use system_tests::{Backend, TestApp};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// Slowloris: 500 connections that send their request head one byte a second are closed when the
/// 5 s request timeout runs out, and meanwhile other clients are answered as quickly as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_at_the_request_timeout_and_delay_no_one_else() {
    const SLOW_CLIENTS: usize = 500;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let address = format!("127.0.0.1:{}", app.port);
    let timed_gets = |count: usize| {
        let app = &app;
        async move {
            let mut took = Vec::with_capacity(count);
            for _ in 0..count {
                let started = Instant::now();
                let response = app.get("/api/v1/site").await.unwrap();
                assert_eq!(response.status(), 200);
                response.bytes().await.unwrap();
                took.push(started.elapsed());
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            took.sort();
            took[count * 95 / 100]
        }
    };
    let before = timed_gets(50).await;

    let mut slow = Vec::new();
    for i in 0..SLOW_CLIENTS {
        let address = address.clone();
        slow.push(tokio::spawn(async move {
            let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
            let opened = Instant::now();
            socket
                .write_all(
                    format!("GET /api/v1/site HTTP/1.1\r\nHost: slow\r\nX-Slow-{i}: ").as_bytes(),
                )
                .await
                .unwrap();
            let mut buffer = [0u8; 512];
            loop {
                tokio::select! {
                    read = socket.read(&mut buffer) => {
                        // An answer (408) or the connection closed: either way the server let go.
                        let _ = read;
                        return Some(opened.elapsed());
                    }
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {
                        if socket.write_all(b"a").await.is_err() {
                            return Some(opened.elapsed());
                        }
                        if opened.elapsed() > Duration::from_secs(20) {
                            return None;
                        }
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let during = timed_gets(100).await;

    let mut closed_after = Vec::new();
    for client in slow {
        closed_after.push(
            client
                .await
                .unwrap()
                .expect("the server closed a slow client within 20 s"),
        );
    }
    closed_after.sort();
    let (first, last) = (closed_after[0], closed_after[SLOW_CLIENTS - 1]);
    assert!(
        first >= Duration::from_millis(4_500),
        "no slow client is cut before the 5 s timeout: {first:?}"
    );
    assert!(
        last <= Duration::from_secs(8),
        "every slow client is cut soon after 5 s: {last:?}"
    );
    let bound = (before * 5).max(Duration::from_millis(50));
    assert!(
        during <= bound,
        "others' p95 holds: {during:?} under attack, {before:?} before"
    );
    app.stop().await;
}
