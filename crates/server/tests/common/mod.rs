//! A real server on a free loopback port with a fresh SQLite database and a small fake app build.

#![allow(dead_code)]

pub mod pack;

use lentera_protocol::{DeviceId, Event, EventBody, EventId, PROTOCOL_VERSION, PushRequest};
use lentera_server::{AppState, content::Library, db::Db};
use std::net::SocketAddr;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub struct TestServer {
    pub addr: SocketAddr,
    pub db: Db,
    pub http: reqwest::Client,
    pub dir: TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).expect("dist dir");
        std::fs::write(dist.join("index.html"), "<!doctype html><title>Lentera</title>").expect("index");
        std::fs::write(dist.join("lentera-0123456789abcdef_bg.wasm"), b"\0asm").expect("wasm");
        std::fs::write(dist.join("lentera-0123456789abcdef_bg.wasm.br"), b"brotli-bytes").expect("wasm.br");
        std::fs::write(dist.join("sw.js"), "self.addEventListener('fetch', () => {});").expect("sw");
        let content = dir.path().join("content");
        pack::write_pack(&content);
        let library = Library::load(&content).expect("the test pack is valid");
        let db = Db::open(&dir.path().join("data/lentera.db")).await.expect("database opens");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let state = AppState {
            db: db.clone(),
            library: std::sync::Arc::new(library),
            login_guard: std::sync::Arc::new(lentera_server::auth::LoginGuard::default()),
            static_dir: dist,
        };
        let task = tokio::spawn(lentera_server::serve(listener, state, async {
            let _ = stopped.await;
        }));
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        Self { addr, db, http, dir, stop: Some(stop), task: Some(task) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn push(&self, request: &PushRequest) -> reqwest::Response {
        self.http.post(self.url("/api/sync/push")).json(request).send().await.expect("push answered")
    }

    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("answered")
    }

    /// Stops accepting, lets in-flight requests finish, and waits for the server to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task").expect("server ended cleanly");
        }
    }
}

pub fn device(seed: u8) -> DeviceId {
    DeviceId::from_random([seed; 16])
}

/// `n` distinct events from `device`, with ids made as a device would.
pub fn events(device: DeviceId, n: usize, salt: u8) -> Vec<Event> {
    (0..n)
        .map(|i| {
            let mut random = [salt; 10];
            random[..8].copy_from_slice(&(i as u64).to_be_bytes());
            Event {
                id: EventId::new_v7(1_763_800_000_000 + i as u64, random),
                device_id: device,
                device_time_ms: 1_763_800_000_000 + i as i64,
                body: EventBody::OnboardingCompleted { language: "id".into() },
            }
        })
        .collect()
}

pub fn batch(device: DeviceId, events: Vec<Event>) -> PushRequest {
    PushRequest { protocol_version: PROTOCOL_VERSION, device_id: device, events }
}

/// Reads an error body and returns (code, message).
pub async fn error_of(response: reqwest::Response) -> (String, String) {
    let body: serde_json::Value = response.json().await.expect("error body is JSON");
    let code = body["error"]["code"].as_str().expect("error.code").to_owned();
    let message = body["error"]["message"].as_str().expect("error.message").to_owned();
    (code, message)
}
