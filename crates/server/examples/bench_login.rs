//! `make bench`: logins under load on the release server, run as a child process over loopback
//! HTTP, on SQLite and, when `LENTERA_TEST_PG` names a PostgreSQL server (`scripts/with-postgres.sh`
//! sets it), on PostgreSQL too.
//!
//!     scripts/with-postgres.sh cargo run --release --locked -p lentera-server --example bench_login -- [SERVER_BIN] [--content DIR] [--burst N] [--refused N] [--engine sqlite|postgres]
//!
//! Per engine, on one fresh server:
//! 1. a burst of 200 concurrent logins (200 accounts, each from a phone the server has not seen, all
//!    from one address as an office's would be) while `/api/health` is asked every 20 ms: the p95 of
//!    both;
//! 2. 400,000 logins with made-up NIPs, 64 at a time, from that one address: the first ones reach
//!    the password check and get 401, then the address waits and the rest get 429. The server's
//!    memory (RSS) before, along the way and after, and the keys the throttle keeps.
//!
//! Figures, not a test: it prints a report and fails only if the server misbehaves.

#[allow(dead_code)]
#[path = "bench_sync/machine.rs"]
mod machine;
#[allow(dead_code)]
#[path = "bench_sync/server.rs"]
mod server;
#[allow(dead_code)]
#[path = "bench_sync/stats.rs"]
mod stats;
#[allow(dead_code)]
#[path = "bench_sync/workload.rs"]
mod workload;

use lentera_protocol::LoginRequest;
use lentera_server::auth::hash_password;
use lentera_server::db::Db;
use server::{Engine, Server, Site};
use stats::{mb, percentile, thousands};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use workload::Rng;

const BURST: usize = 200;
const REFUSED: usize = 400_000;
/// Refused logins in flight at once.
const FLOOD_LANES: usize = 64;
const PASSWORD: &str = "bench-kopi-hujan-perahu";
const USAGE: &str = "usage: bench_login [SERVER_BIN] [--content DIR] [--burst N] [--refused N] [--engine sqlite|postgres]";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_login: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

struct Args {
    bin: PathBuf,
    content: PathBuf,
    burst: usize,
    refused: usize,
    engine: Option<String>,
}

fn args() -> Result<Args, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (mut bin, mut content, mut burst, mut refused, mut engine) = (None, workspace.join("content"), BURST, REFUSED, None);
    let mut list = std::env::args().skip(1);
    let number = |text: Option<String>| text.and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0).ok_or(USAGE);
    while let Some(arg) = list.next() {
        match arg.as_str() {
            "--content" => content = list.next().map(PathBuf::from).ok_or(USAGE)?,
            "--burst" => burst = number(list.next())?,
            "--refused" => refused = number(list.next())?,
            "--engine" => match list.next() {
                Some(name) if name == "sqlite" || name == "postgres" => engine = Some(name),
                _ => return Err(USAGE.into()),
            },
            "--help" | "-h" => return Err(USAGE.into()),
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
    Ok(Args { bin, content, burst, refused, engine })
}

async fn run() -> Result<(), String> {
    let args = args()?;
    println!("machine: {}", machine::machine());
    println!("load average at start: {}", load_average());
    let mut engines = vec![("SQLite", Engine::Sqlite)];
    match std::env::var("LENTERA_TEST_PG") {
        Ok(base) if !base.is_empty() => engines.push(("PostgreSQL", Engine::Postgres(base))),
        _ => println!("PostgreSQL not measured: LENTERA_TEST_PG is not set (run under scripts/with-postgres.sh, as `make bench` does)"),
    }
    if let Some(only) = &args.engine {
        engines.retain(|(_, engine)| matches!((only.as_str(), engine), ("sqlite", Engine::Sqlite) | ("postgres", Engine::Postgres(_))));
    }
    let http = reqwest::Client::builder().no_proxy().pool_max_idle_per_host(256).build().map_err(|e| e.to_string())?;
    let hash = hash_password(PASSWORD)?;
    for (name, engine) in engines {
        println!("\n== {name} ==");
        let site = Site::new(&engine)?;
        let learners = site.premade_learners(0, args.burst, &hash, &mut Rng::new(15)).await?;
        let server = Server::start(&args.bin, &site, &args.content, &http).await?;
        println!("server RSS after start: {}", mb(server.status_kib("VmRSS")?));
        burst(&server, &http, &learners, &mut Rng::new(16)).await?;
        flood(&server, &http, &site, args.refused).await?;
        println!("load average at the end: {}", load_average());
        server.stop()?;
    }
    Ok(())
}

/// Every learner logs in at once from a new phone while health is asked every 20 ms.
async fn burst(server: &Server, http: &reqwest::Client, learners: &[server::Learner], rng: &mut Rng) -> Result<(), String> {
    let done = Arc::new(AtomicBool::new(false));
    let prober = {
        let (http, url, done) = (http.clone(), server.url("/api/health"), done.clone());
        tokio::spawn(async move {
            let mut times = Vec::new();
            while !done.load(Ordering::Relaxed) {
                let start = Instant::now();
                let ok = http.get(&url).send().await.is_ok_and(|r| r.status().is_success());
                times.push((start.elapsed().as_secs_f64() * 1000.0, ok));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            times
        })
    };
    let started = Instant::now();
    let mut logins = tokio::task::JoinSet::new();
    for learner in learners {
        let body = LoginRequest { nip: learner.nip.clone(), password: PASSWORD.into(), device_id: rng.device() };
        let (http, url) = (http.clone(), server.url("/api/auth/login"));
        logins.spawn(async move {
            let start = Instant::now();
            let status = http.post(url).json(&body).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
            (start.elapsed().as_secs_f64() * 1000.0, status)
        });
    }
    let answers = logins.join_all().await;
    let whole = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let probes = prober.await.map_err(|e| e.to_string())?;
    let failed: Vec<u16> = answers.iter().map(|(_, s)| *s).filter(|s| *s != 200).collect();
    if !failed.is_empty() {
        return Err(format!("{} of {} logins in the burst failed: {:?}", failed.len(), answers.len(), &failed[..failed.len().min(10)]));
    }
    let mut login_ms: Vec<f64> = answers.iter().map(|(ms, _)| *ms).collect();
    login_ms.sort_by(f64::total_cmp);
    let mut health_ms: Vec<f64> = probes.iter().map(|(ms, _)| *ms).collect();
    health_ms.sort_by(f64::total_cmp);
    let health_failed = probes.iter().filter(|(_, ok)| !ok).count();
    println!("burst of {0} concurrent logins (new phones, one address): all {0} OK in {1:.2} s", answers.len(), whole.as_secs_f64());
    println!("  server RSS after the burst: {} (peak {})", mb(server.status_kib("VmRSS")?), mb(server.status_kib("VmHWM")?));
    println!(
        "  login ms: p50 {:.0}, p95 {:.0}, max {:.0}",
        percentile(&login_ms, 50.0),
        percentile(&login_ms, 95.0),
        percentile(&login_ms, 100.0)
    );
    println!(
        "  /api/health during the burst ({} probes, {health_failed} not OK) ms: p50 {:.1}, p95 {:.1}, max {:.1}",
        health_ms.len(),
        percentile(&health_ms, 50.0),
        percentile(&health_ms, 95.0),
        percentile(&health_ms, 100.0)
    );
    Ok(())
}

/// `count` logins with made-up NIPs, `FLOOD_LANES` at a time; memory along the way.
async fn flood(server: &Server, http: &reqwest::Client, site: &Site, count: usize) -> Result<(), String> {
    let rss_before = server.status_kib("VmRSS")?;
    println!("{} logins with made-up NIPs, {FLOOD_LANES} at a time, one address:", thousands(count as f64));
    println!("  server RSS before: {}", mb(rss_before));
    let started = Instant::now();
    let mut by_status = std::collections::BTreeMap::<u16, usize>::new();
    let step = (count / 4).max(1);
    let mut sent = 0;
    while sent < count {
        let upto = (sent + step).min(count);
        let mut lanes = tokio::task::JoinSet::new();
        for lane in 0..FLOOD_LANES {
            let (http, url) = (http.clone(), server.url("/api/auth/login"));
            lanes.spawn(async move {
                let mut seen = std::collections::BTreeMap::<u16, usize>::new();
                let mut rng = Rng::new(1_000 + lane as u64);
                for n in (sent..upto).filter(|n| n % FLOOD_LANES == lane) {
                    // A made-up NIP: valid in form (so it reaches the throttle), no such account.
                    let nip = format!("19{:02}01{:02}{}01{}{:03}", 50 + n % 40, 1 + n % 28, 1990 + n % 30, 1 + n % 2, 1 + n % 999);
                    let body = serde_json::json!({ "nip": nip, "password": "tebakan-acak", "device_id": rng.device().to_string() });
                    let status = http.post(&url).json(&body).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
                    *seen.entry(status).or_default() += 1;
                }
                seen
            });
        }
        for seen in lanes.join_all().await {
            for (status, n) in seen {
                *by_status.entry(status).or_default() += n;
            }
        }
        sent = upto;
        println!("  after {:>9}: RSS {}, {:.0} s", thousands(sent as f64), mb(server.status_kib("VmRSS")?), started.elapsed().as_secs_f64());
    }
    let elapsed = started.elapsed().as_secs_f64();
    let statuses: Vec<String> = by_status.iter().map(|(s, n)| format!("{s}: {}", thousands(*n as f64))).collect();
    println!("  answers: {} ({:.0} a second)", statuses.join(", "), count as f64 / elapsed);
    if by_status.keys().any(|s| ![401, 429].contains(s)) {
        return Err(format!("a refused login answered something else than 401 or 429: {statuses:?}"));
    }
    println!(
        "  server RSS after: {} (peak {}); grew {}",
        mb(server.status_kib("VmRSS")?),
        mb(server.status_kib("VmHWM")?),
        mb(server.status_kib("VmRSS")?.saturating_sub(rss_before))
    );
    let db = Db::open(&site.location()).await.map_err(|e| e.to_string())?;
    println!("  keys the throttle keeps: {}", db.throttle_rows().await.map_err(|e| e.to_string())?);
    db.close().await;
    Ok(())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_default()
}
