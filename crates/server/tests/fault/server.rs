//! The real `lentera-server` binary as a child process, killed with SIGKILL on request and restarted
//! on the same database. The proxies read where it listens from `Upstream`.

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command};
use tokio::sync::{mpsc, watch};

/// Sent instead of a generation: end the supervisor (proxies still hold senders, so closing cannot).
const STOP: u64 = u64::MAX;

/// Where the server listens and its generation (one per start); `None` while it is down.
pub type Upstream = watch::Receiver<Option<(SocketAddr, u64)>>;

pub struct Supervisor {
    pub dir: TempDir,
    /// The `--db` value: a SQLite file in `dir`, or a PostgreSQL URL.
    pub db: String,
    /// Start-up times, for the report.
    pub restarts_ms: Arc<Mutex<Vec<u128>>>,
    /// The server's ERROR lines over all its starts: a failed run says why the server answered as it did.
    pub errors: Arc<Mutex<Vec<String>>>,
    upstream: Upstream,
    kill_tx: Option<mpsc::UnboundedSender<u64>>,
    task: tokio::task::JoinHandle<Server>,
}

impl Supervisor {
    /// A fake app build in a temp dir and the server started on `db` (`None`: a fresh SQLite file there).
    /// `kills` counts the kills of every supervised server together.
    pub async fn start(db: Option<String>, kills: Arc<AtomicU64>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).expect("dist dir");
        std::fs::write(dist.join("index.html"), "<!doctype html><title>Lentera</title>").expect("index.html");
        // The small test pack, not the repo's content/: that one takes ~3 s per start in debug.
        let content = dir.path().join("content");
        super::pack::write_pack(&content);
        let db = db.unwrap_or_else(|| path(&dir.path().join("data/lentera.db")).to_owned());
        let cache = dir.path().join("cache");
        let args: Vec<String> = ["--port", "0", "--db", &db, "--dist", path(&dist), "--content", path(&content), "--cache", path(&cache)]
            .map(String::from)
            .into();
        let errors = Arc::new(Mutex::new(Vec::new()));
        let (mut child, addr) = spawn(&args, &errors).await;
        let (up_tx, upstream) = watch::channel(Some((addr, 0)));
        let (kill_tx, mut kill_rx) = mpsc::unbounded_channel::<u64>();
        let restarts_ms = Arc::new(Mutex::new(Vec::new()));
        let (counter, times, errors_seen) = (kills.clone(), restarts_ms.clone(), errors.clone());
        let task = tokio::spawn(async move {
            let mut generation = 0;
            while let Some(wanted) = kill_rx.recv().await {
                if wanted == STOP {
                    break;
                }
                // A kill asked for through a connection to an earlier start is already done.
                if wanted != generation {
                    continue;
                }
                up_tx.send_replace(None);
                counter.fetch_add(1, Ordering::SeqCst);
                child.kill().await;
                let began = Instant::now();
                let (next, addr) = spawn(&args, &errors_seen).await;
                times.lock().expect("lock").push(began.elapsed().as_millis());
                child = next;
                generation += 1;
                up_tx.send_replace(Some((addr, generation)));
            }
            child
        });
        Self { dir, db, restarts_ms, errors, upstream, kill_tx: Some(kill_tx), task }
    }

    pub fn upstream(&self) -> Upstream {
        self.upstream.clone()
    }

    pub fn killer(&self) -> mpsc::UnboundedSender<u64> {
        self.kill_tx.clone().expect("supervisor running")
    }

    /// The server's own address once it is up, bypassing every proxy.
    pub async fn direct(&self) -> SocketAddr {
        let mut upstream = self.upstream.clone();
        let up = *upstream.wait_for(Option::is_some).await.expect("supervisor alive");
        up.expect("up").0
    }

    /// Stops the server the hard way (what counts is what reached the disk) and waits for it to end.
    pub async fn stop(mut self) -> (TempDir, String) {
        self.kill_tx.take().expect("running").send(STOP).expect("supervisor alive");
        let mut server = self.task.await.expect("supervisor task");
        server.kill().await;
        (self.dir, self.db)
    }
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// The child process; dropping it (say, when a test panics) kills it, so no server outlives the test.
struct Server(Option<Child>);

impl Server {
    /// SIGKILL (std's `Child::kill` on Unix), then reap it.
    async fn kill(&mut self) {
        if let Some(mut child) = self.0.take() {
            child.kill().expect("SIGKILL the server");
            tokio::task::spawn_blocking(move || child.wait()).await.expect("reaper").expect("the killed server is reaped");
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts the binary, learns its port from the start-up line, then polls `/api/health` until it answers.
async fn spawn(args: &[String], errors: &Arc<Mutex<Vec<String>>>) -> (Server, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lentera-server"))
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let log = Arc::new(Mutex::new(Vec::new()));
    drain(child.stderr.take().expect("stderr"), log.clone(), errors.clone(), None);
    let (addr_tx, addr_rx) = tokio::sync::oneshot::channel();
    drain(child.stdout.take().expect("stdout"), log.clone(), errors.clone(), Some(addr_tx));
    let mut server = Server(Some(child));
    let Ok(addr) = addr_rx.await else {
        let status = server.0.take().map(|mut c| c.wait());
        panic!("the server exited ({status:?}) before listening:\n{}", log.lock().expect("lock").join("\n"));
    };
    let http = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(5)).build().expect("client");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let health = http.get(format!("http://{addr}/api/health")).send().await;
        if let Ok(response) = health {
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            if body["status"] == "ok" && body["database"] == "ok" {
                return (server, addr);
            }
        }
        assert!(Instant::now() < deadline, "the server at {addr} never became healthy:\n{}", log.lock().expect("lock").join("\n"));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Reads a child's output to the end on a thread (a full pipe would stall it), keeping the lines for failure reports.
fn drain(out: impl Read + Send + 'static, log: Arc<Mutex<Vec<String>>>, errors: Arc<Mutex<Vec<String>>>, mut addr_tx: Option<tokio::sync::oneshot::Sender<SocketAddr>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://").nth(1) {
                let addr = rest.split_whitespace().next().and_then(|a| a.parse().ok());
                if let (Some(tx), Some(addr)) = (addr_tx.take(), addr) {
                    let _ = tx.send(addr);
                }
            }
            if line.contains("ERROR") {
                errors.lock().expect("lock").push(line.clone());
            }
            log.lock().expect("lock").push(line);
        }
    });
}
