//! Slow clients over real TCP: a trickled body gets a 408 and frees its push slot, a head that
//! never finishes and an idle connection are closed, and a normal push still goes through.

use crate::common;

use common::*;
use lentera_server::slow_clients::Timeouts;
use reqwest::StatusCode;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const LIMIT: Duration = Duration::from_secs(1);

async fn server() -> TestServer {
    TestServer::start_with_timeouts(Timeouts { header: LIMIT, body: LIMIT }).await
}

/// Sends a push's head, then one byte of body every 100 ms for up to `for_s` seconds; returns
/// what the server answered (or an empty string if it closed without a word) and when.
async fn trickle_push(server: &TestServer, token: &str, for_s: u64) -> (String, Duration) {
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    let head = format!(
        "POST /api/sync/push HTTP/1.1\r\nHost: lentera\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("head sent");
    let start = Instant::now();
    let (mut read, mut write) = stream.into_split();
    let writer = tokio::spawn(async move {
        for _ in 0..for_s * 10 {
            if write.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(LIMIT * 10, read.read(&mut buf)).await.expect("the server answers or closes within ten limits") {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                answer.extend_from_slice(&buf[..n]);
                if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
        }
    }
    let took = start.elapsed();
    writer.abort();
    (String::from_utf8_lossy(&answer).into_owned(), took)
}

#[tokio::test]
async fn a_trickled_push_body_gets_408_within_the_limit() {
    let server = server().await;
    let token = server.token_for(device(60)).await;
    let (answer, took) = trickle_push(&server, &token, 30).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("connection: close"), "{answer}");
    assert!(took < LIMIT * 3, "answered after {took:?}");
}

#[tokio::test]
async fn trickling_phones_do_not_hold_the_push_slots_from_a_normal_push() {
    let server = std::sync::Arc::new(server().await);
    let dev = device(61);
    let token = server.token_for(dev).await;
    // More trickling pushes than there are push slots (32), each meaning to go on for 30 s.
    let tricklers: Vec<_> = (0..40)
        .map(|_| {
            let (server, token) = (server.clone(), token.clone());
            tokio::spawn(async move { trickle_push(&server, &token, 30).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let start = Instant::now();
    let response = server.push_as(&token, &batch(dev, events(dev, 5, 61))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(start.elapsed() < Duration::from_secs(10), "the normal push waited {:?}", start.elapsed());
    assert_eq!(server.db.count_events().await.expect("count"), 5);
    for trickler in tricklers {
        let (answer, _) = trickler.await.expect("trickler");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
}

/// Reads until the server closes the connection; returns what came and when it closed.
async fn until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let start = Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while let Ok(n) = tokio::time::timeout(LIMIT * 10, stream.read(&mut buf)).await.expect("the server closes the connection") {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    (String::from_utf8_lossy(&answer).into_owned(), start.elapsed())
}

#[tokio::test]
async fn a_head_that_never_finishes_and_an_idle_connection_are_closed() {
    let server = server().await;
    let mut slow = TcpStream::connect(server.addr).await.expect("connect");
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: lentera\r\n").await.expect("part of a head");
    let (answer, took) = until_closed(&mut slow).await;
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(took < LIMIT * 3, "closed after {took:?}");

    // A keep-alive connection that answered one request and then sits idle is closed too.
    let mut idle = TcpStream::connect(server.addr).await.expect("connect");
    idle.write_all(b"GET /api/health HTTP/1.1\r\nHost: lentera\r\n\r\n").await.expect("request");
    let (answer, took) = until_closed(&mut idle).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(took < LIMIT * 3, "closed after {took:?}");
}
