//! `make bench`: how long the release server takes from exec to its first healthy answer.
//!
//!     cargo run --release --locked -p lentera-server --example bench_startup -- [SERVER_BIN] [--content DIR] [--runs N]
//!
//! One start creates the database (and the demo data, and the pack cache) in a temp dir; then
//! every run execs the server on that existing database with `--port 0`, reads the
//! "Lentera berjalan di http://ADDR" line from its stdout, and polls `GET /api/health` until it
//! answers 200 with `"database":"ok"`: the time from exec to that answer, min / median / max.
//! A second series removes the pack cache before each run: a start that must rebuild the packs.
//!
//! Figures, not a test: it prints a report and fails only if the server misbehaves.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_startup: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

struct Args {
    bin: PathBuf,
    content: PathBuf,
    runs: usize,
}

fn args() -> Result<Args, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (mut bin, mut content, mut runs) = (None, workspace.join("content"), RUNS);
    let mut list = std::env::args().skip(1);
    while let Some(arg) = list.next() {
        match arg.as_str() {
            "--content" => content = list.next().map(PathBuf::from).ok_or("--content needs a folder")?,
            "--runs" => runs = list.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).ok_or("--runs needs a number")?,
            "--help" | "-h" => return Err("usage: bench_startup [SERVER_BIN] [--content DIR] [--runs N]".into()),
            _ => bin = Some(PathBuf::from(arg)),
        }
    }
    // Default: the server built next to this example (target/release/examples/..), else the workspace's.
    let bin = bin.unwrap_or_else(|| {
        let beside = std::env::current_exe().ok().and_then(|exe| Some(exe.parent()?.parent()?.join("lentera-server")));
        beside.filter(|p| p.is_file()).unwrap_or_else(|| workspace.join("target/release/lentera-server"))
    });
    if !bin.is_file() {
        return Err(format!("no server binary at {}: run `cargo build --release --locked -p lentera-server` or pass its path", bin.display()));
    }
    Ok(Args { bin, content, runs })
}

/// A temp dir holding `dist/index.html` and, after the first start, `data/lentera.db`.
struct Site {
    dir: PathBuf,
}

impl Site {
    fn new() -> Result<Self, String> {
        let base = std::env::temp_dir().join(format!("lentera-bench-startup-{}", std::process::id()));
        let dist = base.join("dist");
        std::fs::create_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
        std::fs::write(dist.join("index.html"), "<!doctype html><title>Lentera</title>").map_err(|e| format!("index.html: {e}"))?;
        Ok(Self { dir: base })
    }

    fn db(&self) -> PathBuf {
        self.dir.join("data/lentera.db")
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One start: exec → address on stdout → `/api/health` 200. Returns the whole time; stops the server.
fn start_once(args: &Args, site: &Site) -> Result<Duration, String> {
    let t0 = Instant::now();
    let mut child = Command::new(&args.bin)
        .args(["--host", "127.0.0.1", "--port", "0", "--db"])
        .arg(site.db())
        .arg("--dist")
        .arg(site.dir.join("dist"))
        .arg("--content")
        .arg(&args.content)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", args.bin.display()))?;
    let result = wait_healthy(&mut child, t0);
    stop(&mut child);
    result
}

fn wait_healthy(child: &mut Child, t0: Instant) -> Result<Duration, String> {
    let stdout = child.stdout.take().ok_or("no stdout pipe")?;
    let (tx, rx) = mpsc::channel::<SocketAddr>();
    // Reads the address line, then drains the rest so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("Lentera berjalan di http://").nth(1) {
                let addr = rest.split_whitespace().next().and_then(|a| a.parse().ok());
                if let (Some(addr), Some(tx)) = (addr, tx.take()) {
                    let _ = tx.send(addr);
                }
            }
        }
    });
    let addr = match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(addr) => addr,
        Err(_) => return Err(format!("the server did not say where it listens: {}", stderr_of(child))),
    };
    loop {
        if let Some(true) = health_ok(addr) {
            return Ok(t0.elapsed());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the server exited ({status}) before it was healthy: {}", stderr_of(child)));
        }
        if t0.elapsed() > Duration::from_secs(120) {
            return Err("/api/health not ok after 120 s".into());
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// `GET /api/health` over a plain HTTP/1.1 connection: Some(true) on 200 with the database ok.
fn health_ok(addr: SocketAddr) -> Option<bool> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.write_all(format!("GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response.starts_with("HTTP/1.1 200") && response.contains("\"database\":\"ok\""))
}

fn stderr_of(child: &mut Child) -> String {
    stop(child);
    let mut text = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut text);
    }
    text.lines().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n")
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let n = times.len();
    let median = if n % 2 == 1 { ms(times[n / 2]) } else { (ms(times[n / 2 - 1]) + ms(times[n / 2])) / 2.0 };
    println!("{label:<44} min {:>6.1} ms   median {median:>6.1} ms   max {:>6.1} ms   ({n} runs)", ms(times[0]), ms(times[n - 1]));
}

fn run() -> Result<(), String> {
    let args = args()?;
    let site = Site::new()?;
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("Start-up: exec → first healthy GET /api/health, existing database ({cpus} CPUs)");
    println!("server {}", args.bin.display());
    let first = start_once(&args, &site)?;
    println!("{:<44} {:>6.1} ms", "first start (creates database and demo data)", ms(first));
    let cache = site.db().with_file_name("cache");

    let mut warm = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        warm.push(start_once(&args, &site)?);
    }
    report("existing database", warm);

    if cache.is_dir() {
        let mut cold = Vec::with_capacity(args.runs);
        for _ in 0..args.runs {
            std::fs::remove_dir_all(&cache).map_err(|e| format!("{}: {e}", cache.display()))?;
            cold.push(start_once(&args, &site)?);
        }
        report("existing database, pack cache removed", cold);
    }
    Ok(())
}
