//! A real server on a free loopback port with a fresh SQLite database and a small fake app build.

#![allow(dead_code)]

pub mod pack;

use lentera_protocol::{DeviceId, Event, EventBody, EventId, LoginResponse, Nip, PROTOCOL_VERSION, PushRequest};
use std::collections::HashMap;
use std::sync::Mutex;
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
    /// Sessions of the default learner, one per device, made on first use.
    tokens: Mutex<HashMap<DeviceId, String>>,
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
        let server = Self { addr, db, http, dir, tokens: Mutex::default(), stop: Some(stop), task: Some(task) };
        server.create_learner(LEARNER_NIP, "Rahmat Hidayat").await;
        server
    }

    /// An account with `PASSWORD`, as an administrator would create it.
    pub async fn create_learner(&self, nip: &str, name: &str) {
        let nip = Nip::parse(nip).expect("valid NIP");
        let hash = lentera_server::auth::hash_password(PASSWORD).expect("hash");
        let new = lentera_server::db::accounts::NewLearner { nip: &nip, name, unit: "Kecamatan Curug", role: "learner", password_hash: &hash };
        self.db.create_learner(&new, 0).await.expect("learner created");
    }

    /// Logs `nip` in on `device` over HTTP and returns the session token.
    pub async fn login(&self, nip: &str, device: DeviceId) -> String {
        let body = serde_json::json!({ "nip": nip, "password": PASSWORD, "device_id": device.to_string() });
        let response = self.http.post(self.url("/api/auth/login")).json(&body).send().await.expect("login answered");
        assert_eq!(response.status(), reqwest::StatusCode::OK, "login of {nip}");
        response.json::<LoginResponse>().await.expect("login body").token
    }

    /// The default learner's session on `device`, logging in the first time.
    pub async fn token_for(&self, device: DeviceId) -> String {
        if let Some(token) = self.tokens.lock().expect("lock").get(&device) {
            return token.clone();
        }
        let token = self.login(LEARNER_NIP, device).await;
        self.tokens.lock().expect("lock").insert(device, token.clone());
        token
    }

    /// Pushes with the default learner's session on the batch's device.
    pub async fn push_as(&self, token: &str, request: &PushRequest) -> reqwest::Response {
        self.http.post(self.url("/api/sync/push")).bearer_auth(token).json(request).send().await.expect("push answered")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn push(&self, request: &PushRequest) -> reqwest::Response {
        let token = self.token_for(request.device_id).await;
        self.push_as(&token, request).await
    }

    /// Posts a raw JSON body with the default learner's session on `device(1)`.
    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        let token = self.token_for(device(1)).await;
        self.http
            .post(self.url(path))
            .bearer_auth(token)
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

/// The learner every `TestServer` starts with, and every test account's password.
pub const LEARNER_NIP: &str = "199007252015031001";
pub const PASSWORD: &str = "kopi-hujan-perahu";

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
    let learner = Nip::parse(LEARNER_NIP).expect("valid NIP");
    PushRequest { protocol_version: PROTOCOL_VERSION, device_id: device, learner, sent_at_ms: lentera_server::now_ms(), events }
}

/// Reads an error body and returns (code, message).
pub async fn error_of(response: reqwest::Response) -> (String, String) {
    let body: serde_json::Value = response.json().await.expect("error body is JSON");
    let code = body["error"]["code"].as_str().expect("error.code").to_owned();
    let message = body["error"]["message"].as_str().expect("error.message").to_owned();
    (code, message)
}
