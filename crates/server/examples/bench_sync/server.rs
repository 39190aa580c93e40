//! The release server as a child process (one or several on one database): a fresh SQLite file or a
//! fresh PostgreSQL database, a minimal app build in a temp dir, accounts and sessions written into
//! the database beforehand, readiness by polling /api/health.

use lentera_protocol::{DeviceId, Health, Nip};
use lentera_server::auth::{new_token, token_hash};
use lentera_server::db::{Db, Location};
use lentera_server::db::accounts::NewLearner;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A learner with a session made without HTTP: (NIP, device, bearer token).
pub struct Learner {
    pub nip: Nip,
    pub device: DeviceId,
    pub token: String,
}

/// Which engine a site's database lives on.
#[derive(Clone, Debug)]
pub enum Engine {
    /// A `lentera.db` file in the site's temp dir.
    Sqlite,
    /// A new database on this server (`postgres://user@host:port`, no database name).
    Postgres(String),
}

/// A temp dir with `dist/index.html` (and `lentera.db` for SQLite), and the database servers use.
pub struct Site {
    pub dir: TempDir,
    /// What `--db` says: a file path or a `postgres://…/bench_…` URL (a database made on first open).
    pub db: String,
}

/// Sites made so far in this run (names each PostgreSQL database and each server log).
static MADE: AtomicUsize = AtomicUsize::new(0);

impl Site {
    pub fn new(engine: &Engine) -> Result<Self, String> {
        let dir = tempfile::Builder::new().prefix("lentera-bench-").tempdir().map_err(|e| format!("temp dir: {e}"))?;
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).map_err(|e| format!("dist dir: {e}"))?;
        std::fs::write(dist.join("index.html"), "<!doctype html><title>Lentera</title>").map_err(|e| format!("index.html: {e}"))?;
        let n = MADE.fetch_add(1, Ordering::Relaxed);
        let db = match engine {
            Engine::Sqlite => dir.path().join("lentera.db").display().to_string(),
            Engine::Postgres(base) => format!("{}/bench_{}_{n}", base.trim_end_matches('/'), std::process::id()),
        };
        Ok(Self { dir, db })
    }

    pub fn location(&self) -> Location {
        Location::parse(&self.db)
    }

    /// Creates `count` accounts (the numbering starting at `first`) with one shared password hash,
    /// each with a session on its own new device, straight into the database file: the server's
    /// own `Db` functions, tokens made and hashed by `lentera_server::auth` as a login would.
    pub async fn premade_learners(&self, first: usize, count: usize, password_hash: &str, rng: &mut super::workload::Rng) -> Result<Vec<Learner>, String> {
        let location = self.location();
        let db = Db::open(&location).await.map_err(|e| format!("open {}: {e}", location.describe()))?;
        let now = lentera_server::now_ms();
        let mut out = Vec::with_capacity(count);
        for n in first..first + count {
            let nip = nip(n)?;
            let name = format!("Peserta Uji {n}");
            let new = NewLearner { nip: &nip, name: &name, unit: "Kecamatan Curug", role: "learner", password_hash };
            let id = db.create_learner(&new, now).await.map_err(|e| format!("create learner {nip}: {e}"))?;
            let token = new_token()?;
            let device = rng.device();
            db.insert_session(&token_hash(&token), id, device, false, &token, now).await.map_err(|e| format!("session for {nip}: {e}"))?;
            out.push(Learner { nip, device, token });
        }
        db.close().await;
        Ok(out)
    }
}

/// The `n`th structurally valid NIP: born 12 March 1970 + n / 999, appointed January 2000 + n / 999, male, sequence n % 999 + 1.
pub fn nip(n: usize) -> Result<Nip, String> {
    let text = format!("{}0312{}011{:03}", 1970 + n / 999, 2000 + n / 999, n % 999 + 1);
    Nip::parse(&text).map_err(|e| format!("bench NIP {text}: {e}"))
}

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    log: PathBuf,
}

impl Server {
    /// Starts `bin` on a free loopback port; returns once /api/health says ok.
    pub async fn start(bin: &Path, site: &Site, content: &Path, http: &reqwest::Client) -> Result<Self, String> {
        // The server's stderr goes beside its database, or where `BENCH_SYNC_LOGS` says (kept after the run).
        let logs = std::env::var_os("BENCH_SYNC_LOGS").map_or_else(|| site.dir.path().to_owned(), PathBuf::from);
        let log = logs.join(format!("server-{}-{}.log", std::process::id(), MADE.fetch_add(1, Ordering::Relaxed)));
        let stderr = std::fs::File::create(&log).map_err(|e| format!("server log: {e}"))?;
        let mut child = Command::new(bin)
            .args(["--host", "127.0.0.1", "--port", "0", "--db", &site.db])
            .arg("--dist")
            .arg(site.dir.path().join("dist"))
            .arg("--content")
            .arg(content)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        // The server prints its address once bound (port 0: the kernel's free port); the request
        // log follows on the same stream and is drained so the server never blocks on it.
        let stdout = child.stdout.take().ok_or("no stdout pipe")?;
        let (tx, rx) = tokio::sync::oneshot::channel::<SocketAddr>();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://").nth(1) {
                    let addr = rest.split_whitespace().next().and_then(|a| a.parse().ok());
                    if let (Some(addr), Some(tx)) = (addr, tx.take()) {
                        let _ = tx.send(addr);
                    }
                }
            }
        });
        let mut server = Self { child, addr: SocketAddr::from(([127, 0, 0, 1], 0)), log };
        server.addr = match tokio::time::timeout(Duration::from_secs(60), rx).await {
            Ok(Ok(addr)) => addr,
            _ => return Err(format!("the server did not say where it listens: {}", server.log_tail())),
        };
        server.wait_healthy(http).await?;
        Ok(server)
    }

    async fn wait_healthy(&mut self, http: &reqwest::Client) -> Result<(), String> {
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("the server exited ({status}) before it was ready: {}", self.log_tail()));
            }
            if let Ok(response) = http.get(self.url("/api/health")).send().await
                && response.status().is_success()
                && response.json::<Health>().await.is_ok_and(|h| h.status == "ok" && h.database == "ok")
            {
                return Ok(());
            }
            if start.elapsed() > Duration::from_secs(30) {
                return Err(format!("/api/health not ok after 30 s: {}", self.log_tail()));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A field of /proc/<pid>/status in KiB (`VmRSS`, `VmHWM`).
    pub fn status_kib(&self, field: &str) -> Result<u64, String> {
        proc_status_kib(self.pid(), field)
    }

    /// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS; false where unsupported.
    pub fn reset_peak(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5").is_ok()
    }

    /// SIGTERM (the server drains and exits cleanly), SIGKILL if it has not ended within 10 s.
    pub fn stop(mut self) -> Result<(), String> {
        let _ = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return if status.success() { Ok(()) } else { Err(format!("the server ended with {status}: {}", self.log_tail())) };
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        Err("the server did not stop within 10 s of SIGTERM; killed".into())
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(5)..].join(" | ")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn proc_status_kib(pid: u32, field: &str) -> Result<u64, String> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| format!("/proc/{pid}/status: {e}"))?;
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("no {field} in /proc/{pid}/status"))
}
