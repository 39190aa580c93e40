//! A real server on a free loopback port with a fresh SQLite database and a small fake app build.

#![allow(dead_code)]

pub mod pack;

use lentera_protocol::{DeviceId, Event, EventBody, EventId, LoginResponse, Nip, PROTOCOL_VERSION, PushRequest};
use std::collections::HashMap;
use std::sync::Mutex;
use lentera_server::{AppState, content::Library, db::Db, db::Location};
use std::net::SocketAddr;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The database a test server opens: a fresh SQLite file, or, when `LENTERA_TEST_PG` names a
/// PostgreSQL server (the test run starts a throwaway one), a fresh database on it.
pub fn test_database(dir: &TempDir) -> Location {
    match std::env::var("LENTERA_TEST_PG") {
        Ok(base) if !base.is_empty() => {
            let mut bytes = [0u8; 8];
            getrandom::fill(&mut bytes).expect("random");
            let name = format!("t_{}", u64::from_le_bytes(bytes));
            Location::Postgres(format!("{}/{name}", base.trim_end_matches('/')))
        }
        _ => Location::Sqlite(dir.path().join("data/lentera.db")),
    }
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub db: Db,
    /// The packs this server offers (the test pack, and the real ones when asked for).
    pub library: std::sync::Arc<Library>,
    pub http: reqwest::Client,
    pub dir: TempDir,
    /// Sessions of the default learner, one per device, made on first use.
    tokens: Mutex<HashMap<DeviceId, String>>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(false).await
    }

    /// A server that also offers the repository's real course packs (`content/`), for tests that
    /// need real course ids, titles and JP.
    pub async fn start_with_real_courses() -> Self {
        Self::start_with(true).await
    }

    async fn start_with(real_courses: bool) -> Self {
        let content = tempfile::tempdir().expect("temp dir");
        pack::write_pack(content.path());
        let mut library = Library::load(content.path()).expect("the test pack is valid");
        if real_courses {
            library.packs.extend(real_library().packs.clone());
        }
        Self::start_serving(library).await
    }

    /// A server offering exactly `library`.
    pub async fn start_serving(library: Library) -> Self {
        Self::start_serving_with(library, lentera_server::slow_clients::Timeouts::default()).await
    }

    /// The test pack, and `timeouts` for slow clients.
    pub async fn start_with_timeouts(timeouts: lentera_server::slow_clients::Timeouts) -> Self {
        let content = tempfile::tempdir().expect("temp dir");
        pack::write_pack(content.path());
        Self::start_serving_with(Library::load(content.path()).expect("the test pack is valid"), timeouts).await
    }

    async fn start_serving_with(library: Library, timeouts: lentera_server::slow_clients::Timeouts) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).expect("dist dir");
        std::fs::write(dist.join("index.html"), "<!doctype html><title>Lentera</title>").expect("index");
        std::fs::write(dist.join("lentera-0123456789abcdef_bg.wasm"), b"\0asm").expect("wasm");
        std::fs::write(dist.join("lentera-0123456789abcdef_bg.wasm.br"), b"brotli-bytes").expect("wasm.br");
        std::fs::write(dist.join("sw.js"), "self.addEventListener('fetch', () => {});").expect("sw");
        // The console's core and one area's bundle; the other area's is left unbuilt.
        std::fs::create_dir_all(dist.join("konsol/penilaian")).expect("console dirs");
        std::fs::write(dist.join("konsol/index.html"), "<!doctype html><title>Konsol</title>").expect("console index");
        std::fs::write(dist.join("konsol/penilaian/index.html"), "<!doctype html><title>Konsol penilaian</title>").expect("area index");
        std::fs::create_dir_all(dist.join("rencana")).expect("rencana dir");
        std::fs::write(dist.join("rencana/index.html"), "<!doctype html><title>Rencana belajar</title>").expect("rencana index");
        std::fs::write(dist.join("rencana/lentera-rencana-0123456789abcdef_bg.wasm"), b"\0asm").expect("rencana wasm");
        let library = std::sync::Arc::new(library);
        let db = Db::open(&test_database(&dir)).await.expect("database opens");
        lentera_server::publish_library(&db, &library, 0).await.expect("credit rules kept");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let state = AppState {
            db: db.clone(),
            library: library.clone(),
            login_guard: lentera_server::auth::LoginGuard::default(),
            static_dir: dist,
            keys: std::sync::Arc::new(lentera_server::certificate::keys::Keys::load_or_create(&dir.path().join("keys")).expect("signing key")),
        };
        let task = tokio::spawn(lentera_server::serve_with(listener, state, timeouts, async {
            let _ = stopped.await;
        }));
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        let server = Self { addr, db, library, http, dir, tokens: Mutex::default(), stop: Some(stop), task: Some(task) };
        server.create_learner(LEARNER_NIP, "Rahmat Hidayat").await;
        server
    }

    /// What an honest phone records to complete `course_id`: every lesson done, a quiz attempt on
    /// the offered version answered right, handed in, and the completion; `make` stamps each event.
    pub fn passing_events(&self, course_id: &str, mut make: impl FnMut(EventBody) -> Event) -> Vec<Event> {
        let built = self.library.packs.get(course_id).expect("a course this server offers");
        let id = || course_id.to_owned();
        let mut out: Vec<Event> = built.pack.lessons.iter().map(|l| make(EventBody::LessonCompleted { course_id: id(), lesson_id: l.id.clone() })).collect();
        let started = make(EventBody::QuizStarted { course_id: id(), course_version: built.pack.version });
        let attempt = started.id;
        out.push(started);
        for q in &built.pack.quiz.questions {
            out.push(make(EventBody::AnswerGiven { course_id: id(), attempt, question_id: q.id.clone(), choice: q.correct.clone() }));
        }
        let total = built.pack.quiz.questions.len() as u32;
        out.push(make(EventBody::QuizSubmitted { course_id: id(), attempt, correct: total, total }));
        out.push(make(EventBody::CourseCompleted { course_id: id(), jp: built.pack.jp }));
        out
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

/// The repository's real course packs (`content/`), loaded once per test binary.
pub fn real_library() -> &'static Library {
    static LIBRARY: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(|| {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        Library::load(&content).unwrap_or_else(|errors| panic!("content/ has {} error(s), first: {}", errors.len(), errors[0]))
    })
}

/// The WIB date `days` from today (negative: in the past), as `YYYY-MM-DD`.
pub fn in_days(days: i64) -> String {
    lentera_server::calendar::date(lentera_server::now_ms() + days * 86_400_000)
}

/// A structurally valid NIP (born 1985-03-12, appointed 2010-01, male) with sequence `seq` (1-999).
pub fn nip(seq: u16) -> String {
    assert!((1..=999).contains(&seq), "a NIP sequence is 001-999");
    format!("198503122010011{seq:03}")
}

/// The device a person logs in on in these tests: one per NIP, stable across calls.
pub fn device_of(nip: &str) -> DeviceId {
    let mut bytes = [0u8; 16];
    for (i, b) in nip.bytes().enumerate() {
        bytes[i % 16] ^= b.wrapping_mul(i as u8 + 1);
    }
    DeviceId::from_random(bytes)
}

/// A batch of `events` from `device` for `nip`, sent now (so the server sees no clock skew).
pub fn batch_for(nip: &str, device: DeviceId, events: Vec<Event>) -> PushRequest {
    let learner = Nip::parse(nip).expect("valid NIP");
    PushRequest { protocol_version: PROTOCOL_VERSION, device_id: device, learner, sent_at_ms: lentera_server::now_ms(), events }
}

/// The organisation: units, people placed in them, supervisors. Written straight to the
/// database, as an admin's earlier work would have left it.
impl TestServer {
    /// Adds a unit under `parent` (a code); returns its id.
    pub async fn create_unit(&self, code: &str, name: &str, parent: Option<&str>) -> i64 {
        let parent = match parent {
            Some(code) => Some(self.unit_id(code).await),
            None => None,
        };
        self.db.create_unit(code, name, parent).await.expect("unit created")
    }

    pub async fn unit_id(&self, code: &str) -> i64 {
        self.db.unit_id(code).await.expect("read").expect("unit exists")
    }

    /// An account with `PASSWORD`, `role` ("learner", "supervisor" or "admin") and its unit
    /// (`None`: placed nowhere; an admin placed nowhere manages everything). Returns its id.
    pub async fn create_person(&self, nip: &str, name: &str, role: &str, unit: Option<&str>) -> i64 {
        let parsed = Nip::parse(nip).expect("valid NIP");
        let hash = lentera_server::auth::hash_password(PASSWORD).expect("hash");
        let new = lentera_server::db::accounts::NewLearner { nip: &parsed, name, unit: "", role, password_hash: &hash };
        let id = self.db.create_learner(&new, 0).await.expect("person created");
        if let Some(code) = unit {
            self.place(nip, code).await;
        }
        id
    }

    /// Moves a person into `unit`.
    pub async fn place(&self, nip: &str, unit: &str) {
        let unit_id = self.unit_id(unit).await;
        self.db.place(nip, Some(unit_id)).await.expect("placed");
    }

    /// Makes `nip` a supervisor of `unit` (and so of everything below it).
    pub async fn supervise(&self, nip: &str, unit: &str) {
        let unit_id = self.unit_id(unit).await;
        let person = self.person_id(nip).await;
        self.db.add_supervisor(unit_id, person).await.expect("supervisor set");
    }

    pub async fn person_id(&self, nip: &str) -> i64 {
        self.db.person(nip).await.expect("read").expect("person exists").0
    }

    /// Logs `nip` in on their own device (`device_of(nip)`) and returns the token.
    pub async fn login_as(&self, nip: &str) -> String {
        self.login(nip, device_of(nip)).await
    }

    /// Pushes `events` as `nip` with `token` from the device the events name, sent now; expects 200.
    pub async fn push_events(&self, token: &str, nip: &str, events: Vec<Event>) -> lentera_protocol::PushResponse {
        let device = events.first().map_or_else(|| device_of(nip), |e| e.device_id);
        let response = self.push_as(token, &batch_for(nip, device, events)).await;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "push for {nip}");
        response.json().await.expect("push body")
    }

    /// GET with a session; the response as it came.
    pub async fn get_with(&self, token: &str, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).bearer_auth(token).send().await.expect("answered")
    }

    /// GET with a session, expecting 200 and a JSON body of type `T`.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, token: &str, path: &str) -> T {
        let response = self.get_with(token, path).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        assert_eq!(status, reqwest::StatusCode::OK, "GET {path}: {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("GET {path}: {e}: {text}"))
    }

    /// POST a JSON body with a session.
    pub async fn post_json(&self, token: &str, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.http.post(self.url(path)).bearer_auth(token).json(body).send().await.expect("answered")
    }

    /// POST a CSV file (any bytes) with a session, as the console uploads it.
    pub async fn post_csv(&self, token: &str, path: &str, body: impl Into<Vec<u8>>) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .bearer_auth(token)
            .header("content-type", "text/csv")
            .body(body.into())
            .send()
            .await
            .expect("answered")
    }
}
