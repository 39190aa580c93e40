//! `make bench`: sync figures of the release server, run as child processes over loopback HTTP, on
//! SQLite and, when `LENTERA_TEST_PG` names a PostgreSQL server (`scripts/with-postgres.sh` sets it),
//! on PostgreSQL too: one server process, and two processes sharing the one database.
//!
//!     scripts/with-postgres.sh cargo run --release --locked -p lentera-server --example bench_sync -- [SERVER_BIN] [--content DIR] [--learners N]
//!
//! Per engine:
//! 1. one device pushes 10,000 events in batches of 500 (durable commits), 5 runs;
//! 2. the server's memory idle after start, and push latency and peak memory while 1,000 learners
//!    sync at once (3 rounds on the same servers; PostgreSQL also with two server processes, the
//!    learners spread over both as a load balancer would);
//! 3. a new device pulls one learner's 2,000 events: time and bytes on the wire.
//!
//! Figures, not a test: it prints a report and fails only if the server misbehaves.

#[path = "bench_sync/cpu.rs"]
mod cpu;
#[path = "bench_sync/machine.rs"]
mod machine;
#[path = "bench_sync/measure.rs"]
mod measure;
#[path = "bench_sync/server.rs"]
mod server;
#[path = "bench_sync/stats.rs"]
mod stats;
#[path = "bench_sync/workload.rs"]
mod workload;

use lentera_protocol::{LoginResponse, Nip};
use lentera_server::auth::hash_password;
use lentera_server::content::Library;
use measure::Batch;
use server::{Engine, Learner, Server, Site};
use stats::{Spread, mb, percentile, thousands, verdict};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use workload::{Catalog, Rng, push_bodies};

const RUNS: usize = 5;
const PUSH_EVENTS: usize = 10_000;
const BATCH: usize = 500;
/// Learners syncing at once in part 2 (`--learners N` changes it).
const LEARNERS: usize = 1_000;
const LEARNER_BATCHES: usize = 3;
/// Rounds of the 1,000 learners on the same server(s); the p95 reported is the median round's.
const CROWD_ROUNDS: usize = 3;
/// Then paced rounds on the same servers: the same learners, starting evenly over a window so
/// pushes arrive at these shares of the rate the burst rounds achieved.
const PACED: [f64; 3] = [0.25, 0.5, 0.75];
const PULL_EVENTS: usize = 2_000;
const PASSWORD: &str = "bench-kopi-hujan-perahu";
/// Device clocks of the made-up events start this long ago.
const HISTORY_MS: u64 = 60 * 24 * 3600 * 1000;
/// Issue 12's p95 with 1,000 learners, SQLite, one commit per push (before group commit).
const P95_BEFORE_MS: f64 = 1_560.0;
const P95_TARGET_MS: f64 = 200.0;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_sync: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

struct Args {
    bin: PathBuf,
    content: PathBuf,
    learners: usize,
    /// Parts to run (`--only push|crowd|pull`, repeatable); all when empty.
    only: Vec<String>,
    /// `--engine sqlite|postgres`: one engine only (both when PostgreSQL is there, by default).
    engine: Option<String>,
}

const USAGE: &str = "usage: bench_sync [SERVER_BIN] [--content DIR] [--learners N] [--only push|crowd|pull]... [--engine sqlite|postgres]";

fn args() -> Result<Args, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (mut bin, mut content, mut learners, mut only, mut engine) = (None, workspace.join("content"), LEARNERS, Vec::new(), None);
    let mut list = std::env::args().skip(1);
    while let Some(arg) = list.next() {
        match arg.as_str() {
            "--content" => content = list.next().map(PathBuf::from).ok_or("--content needs a folder")?,
            "--learners" => {
                learners = list.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).ok_or("--learners needs a number")?;
            }
            "--only" => match list.next() {
                Some(part) if ["push", "crowd", "pull"].contains(&part.as_str()) => only.push(part),
                _ => return Err(USAGE.into()),
            },
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
    Ok(Args { bin, content, learners, only, engine })
}

/// What every part needs.
struct Ctx {
    bin: PathBuf,
    content: PathBuf,
    catalog: Catalog,
    rng: Rng,
    http: reqwest::Client,
    password_hash: String,
    start_ms: u64,
    learners: usize,
    /// The PostgreSQL cluster's processes, for their CPU time (when its data directory is readable).
    cluster: Option<cpu::Cluster>,
    /// The crowd's pushes so far: plain JSON body bytes, gzipped body bytes, events.
    crowd_bytes: (usize, usize, usize),
}

impl Ctx {
    /// A fresh database with `learners` accounts and sessions, and `servers` server processes on it.
    async fn site_and_servers(&mut self, engine: &Engine, learners: usize, servers: usize) -> Result<(Site, Vec<Learner>, Vec<Server>), String> {
        let site = Site::new(engine)?;
        let learners = site.premade_learners(0, learners, &self.password_hash, &mut self.rng).await?;
        let mut started = Vec::with_capacity(servers);
        for _ in 0..servers {
            started.push(Server::start(&self.bin, &site, &self.content, &self.http).await?);
        }
        Ok((site, learners, started))
    }

    async fn site_and_server(&mut self, engine: &Engine, learners: usize) -> Result<(Site, Vec<Learner>, Server), String> {
        let (site, learners, mut servers) = self.site_and_servers(engine, learners, 1).await?;
        let server = servers.pop().ok_or("no server started")?;
        Ok((site, learners, server))
    }
}

/// One engine's figures for the summary; `None` where the column does not measure it.
#[derive(Default)]
struct Column {
    name: String,
    push_s: Option<f64>,
    ingest: Option<f64>,
    idle_kib: Vec<u64>,
    crowd_p50: f64,
    crowd_p95: f64,
    crowd_p95_rounds: Vec<f64>,
    /// The last burst round sent again at once, every event already held: (p95 ms, server CPU ms per push).
    replay: (f64, f64),
    pushes_per_s: f64,
    load_kib: Vec<u64>,
    /// CPU ms per push over the rounds: server processes, PostgreSQL (if measured), this client.
    server_cpu_ms: f64,
    pg_cpu_ms: Option<f64>,
    client_cpu_ms: f64,
    /// Share of the machine's cores the server(s), PostgreSQL and the client used together.
    busy: f64,
    /// Paced rounds: (offered pushes/s, p50 ms, p95 ms).
    paced: Vec<(f64, f64, f64)>,
    pull_ms: Option<f64>,
    /// Bytes per event on the wire of a gzipped 500-event batch, body and headers.
    wire_b: Option<f64>,
}

async fn run() -> Result<(), String> {
    let args = args()?;
    let (only, engine_only) = (args.only.clone(), args.engine.clone());
    let library = Library::load(&args.content).map_err(|e| format!("course packs in {}: {} error(s)", args.content.display(), e.len()))?;
    let mut ctx = Ctx {
        catalog: Catalog::from_library(&library)?,
        rng: Rng::from_os()?,
        http: reqwest::Client::builder().no_proxy().build().map_err(|e| format!("HTTP client: {e}"))?,
        password_hash: hash_password(PASSWORD)?,
        start_ms: u64::try_from(lentera_server::now_ms()).unwrap_or(0).saturating_sub(HISTORY_MS),
        learners: args.learners,
        cluster: None,
        crowd_bytes: (0, 0, 0),
        bin: args.bin,
        content: args.content,
    };
    let tmp = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    println!(
        "Lentera sync bench: release server {}, client and database on the same machine, loopback HTTP",
        ctx.bin.display()
    );
    println!("machine: {}; SQLite files on {}", machine::machine(), machine::filesystem_of(tmp.path()));
    println!("   load average at start: {} (a shared machine: other work competes for the same cores)", loadavg());
    let (overwrite, append) = machine::fsync_probe(tmp.path())?;
    println!(
        "   fdatasync of a 4 KiB write there (what each durable commit pays at least): overwrite median {:.2} ms (min {:.2}, max {:.2}), \
         append median {:.2} ms (min {:.2}, max {:.2})",
        overwrite.median, overwrite.min, overwrite.max, append.median, append.min, append.max
    );
    let mut engines = vec![("SQLite".to_owned(), Engine::Sqlite, "WAL, synchronous=FULL: fsync on every commit".to_owned())];
    match std::env::var("LENTERA_TEST_PG") {
        Ok(base) if !base.is_empty() => {
            let (durability, data) = postgres_settings(&base).await?;
            ctx.cluster = cpu::Cluster::at(&data);
            engines.push(("PostgreSQL".to_owned(), Engine::Postgres(base), durability));
        }
        _ => println!(
            "PostgreSQL: NOT MEASURED: LENTERA_TEST_PG is not set. Run under scripts/with-postgres.sh (as `make bench` does) \
             for the PostgreSQL figures; SQLite only below"
        ),
    }
    let sample = ctx.catalog.learner_events(ctx.rng.device(), ctx.start_ms, PUSH_EVENTS, &mut ctx.rng);
    let json_bytes: usize = sample.iter().map(|e| serde_json::to_vec(e).map_or(0, |v| v.len())).sum();
    println!(
        "events: made like the app's from the {} shipped courses ({}), {:.0} B of JSON each on average",
        library.packs.len(),
        workload::kind_mix(&sample),
        json_bytes as f64 / sample.len() as f64
    );
    let fold_bytes = |n: usize| serde_json::to_vec(&lentera_protocol::Progress::fold(&sample[..n])).map_or(0, |v| v.len());
    println!(
        "   the learner's fold each push reads, updates and writes back (learner_progress.progress): {} B of JSON after 105 events, \
         {} B after 315, {} B after 2,000",
        thousands(fold_bytes(105) as f64), thousands(fold_bytes(315) as f64), thousands(fold_bytes(2_000) as f64)
    );
    if let Some(only) = &engine_only {
        engines.retain(|(_, engine, _)| matches!((only.as_str(), engine), ("sqlite", Engine::Sqlite) | ("postgres", Engine::Postgres(_))));
        if engines.is_empty() {
            return Err(format!("--engine {only}: that engine is not available here (PostgreSQL needs LENTERA_TEST_PG)"));
        }
    }
    let mut columns = Vec::new();
    for (name, engine, durability) in &engines {
        println!();
        println!("==== {name} ({durability})");
        let part = |name: &str| only.is_empty() || only.iter().any(|p| p == name);
        let mut one = Column { name: format!("{name}, 1 process"), ..Column::default() };
        if part("push") {
            let idle = push_part(&mut ctx, engine, durability, &mut one).await?;
            one.idle_kib.push(idle);
        }
        if part("crowd") {
            crowd_part(&mut ctx, engine, 1, &mut one).await?;
        }
        if part("pull") {
            pull_part(&mut ctx, engine, &mut one).await?;
        }
        columns.push(one);
        if matches!(engine, Engine::Postgres(_)) && part("crowd") {
            let mut two = Column { name: format!("{name}, 2 processes"), ..Column::default() };
            crowd_part(&mut ctx, engine, 2, &mut two).await?;
            columns.push(two);
        }
    }
    summary(&ctx, &columns);
    if engines.len() == 1 && engine_only.is_none() {
        println!("PostgreSQL not measured: LENTERA_TEST_PG was not set (run under scripts/with-postgres.sh, as `make bench` does)");
    }
    Ok(())
}

/// `0.52 0.61 0.70` from /proc/loadavg.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// Prints the PostgreSQL server's version and durability settings; returns the durability in a
/// phrase and the data directory.
async fn postgres_settings(base: &str) -> Result<(String, PathBuf), String> {
    use sqlx::Connection;
    let url = format!("{}/postgres", base.trim_end_matches('/'));
    let mut conn = sqlx::PgConnection::connect(&url).await.map_err(|e| format!("PostgreSQL at {base}: {e}"))?;
    let mut settings = std::collections::HashMap::new();
    for name in ["server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "data_directory", "max_connections", "shared_buffers"] {
        let value: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SHOW {name}")))
            .fetch_one(&mut conn)
            .await
            .map_err(|e| format!("SHOW {name}: {e}"))?;
        settings.insert(name, value);
    }
    let show = |name: &str| settings.get(name).cloned().unwrap_or_default();
    let (version, fsync, synchronous_commit) = (show("server_version"), show("fsync"), show("synchronous_commit"));
    let (full_page_writes, wal_sync_method, data_directory) = (show("full_page_writes"), show("wal_sync_method"), show("data_directory"));
    let (max_connections, shared_buffers) = (show("max_connections"), show("shared_buffers"));
    conn.close().await.map_err(|e| e.to_string())?;
    let durable = fsync == "on" && synchronous_commit == "on";
    println!(
        "PostgreSQL {version} at {} (a throwaway cluster on this machine, default settings but: max_connections {max_connections}, \
         shared_buffers {shared_buffers}); data on {}",
        base.rsplit('@').next().unwrap_or(base),
        machine::filesystem_of(Path::new(&data_directory))
    );
    println!(
        "   durability: fsync={fsync}, synchronous_commit={synchronous_commit}, full_page_writes={full_page_writes}, wal_sync_method={wal_sync_method}: {}",
        if durable {
            "every commit waits for its WAL flush, as SQLite's synchronous=FULL does"
        } else {
            "NOT DURABLE: commits do not wait for the disk, so these figures flatter PostgreSQL (start the cluster with PG_EXTRA='-c fsync=on -c synchronous_commit=on')"
        }
    );
    let phrase = if durable {
        format!("fsync=on, synchronous_commit=on, full_page_writes={full_page_writes}: WAL flushed on every commit")
    } else {
        format!("fsync={fsync}, synchronous_commit={synchronous_commit}: NOT durable")
    };
    Ok((phrase, PathBuf::from(data_directory)))
}

/// Part 1: one device pushes 10,000 events in batches of 500, a new learner each run; returns idle RSS.
async fn push_part(ctx: &mut Ctx, engine: &Engine, durability: &str, column: &mut Column) -> Result<u64, String> {
    let (_site, pushers, server) = ctx.site_and_server(engine, 2 * RUNS).await?;
    let idle = server.status_kib("VmRSS")?;
    let url = server.url("/api/sync/push");
    // [plain JSON, gzip as the app sends it]: run totals, per-batch times, body and head bytes.
    let (mut totals, mut per_batch) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
    let (mut body_bytes, mut head_bytes) = ([0; 2], [0; 2]);
    for (n, learner) in pushers.iter().enumerate() {
        let gz = usize::from(n >= RUNS);
        let events = ctx.catalog.learner_events(learner.device, ctx.start_ms, PUSH_EVENTS, &mut ctx.rng);
        let mut batches = batches(learner, &events, BATCH)?;
        if gz == 1 {
            batches = batches.iter().map(Batch::gzipped).collect();
        }
        body_bytes[gz] = batches.iter().map(|b| b.body.len()).sum::<usize>();
        head_bytes[gz] = batches.iter().map(|b| measure::push_head_bytes(&url, &learner.token, b)).sum::<usize>();
        let (total, each) = measure::push_sequence(&ctx.http, &url, &learner.token, &batches).await?;
        totals[gz].push(total);
        per_batch[gz].extend(each);
    }
    let peak = server.status_kib("VmHWM")?;
    server.stop()?;
    println!(
        "1. push {PUSH_EVENTS} events, one learner, one device: {} batches of {BATCH} sent one after another ({:.0} KB of JSON), \
         each a durable commit ({durability}); {RUNS} runs of plain JSON, then {RUNS} gzipped as the app sends them, \
         a new learner and device each run on one server (db grows to {} events)",
        PUSH_EVENTS / BATCH,
        body_bytes[0] as f64 / 1000.0,
        thousands((2 * RUNS * PUSH_EVENTS) as f64)
    );
    for (gz, label) in ["plain JSON", "gzip"].iter().enumerate() {
        let push_time = Spread::secs(&totals[gz]);
        let rates: Vec<f64> = totals[gz].iter().map(|t| PUSH_EVENTS as f64 / t.as_secs_f64()).collect();
        let rate = Spread::of(&rates);
        let mut batch_ms: Vec<f64> = per_batch[gz].iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        batch_ms.sort_by(f64::total_cmp);
        if gz == 1 {
            column.push_s = Some(push_time.median);
            column.ingest = Some(rate.median);
        }
        let target = if matches!(engine, Engine::Sqlite) { format!("target <= 1 s: {}", verdict(push_time.median <= 1.0)) } else { "(no target)".into() };
        println!("   {label}: push {PUSH_EVENTS} events: median {:.3} s (min {:.3}, max {:.3})   {target}", push_time.median, push_time.min, push_time.max);
        println!("   {label}: ingest median {} ev/s (min {}, max {})", thousands(rate.median), thousands(rate.min), thousands(rate.max));
        println!(
            "   {label}: one batch of {BATCH}: median {:.1} ms, p95 {:.1} ms, max {:.1} ms (over {} batches); runs (s): {}",
            percentile(&batch_ms, 50.0), percentile(&batch_ms, 95.0), percentile(&batch_ms, 100.0), batch_ms.len(),
            totals[gz].iter().map(|t| format!("{:.3}", t.as_secs_f64())).collect::<Vec<_>>().join(", ")
        );
    }
    let per_event = |bytes: usize| bytes as f64 / PUSH_EVENTS as f64;
    column.wire_b = Some(per_event(body_bytes[1] + head_bytes[1]));
    println!(
        "   bytes per event on the wire, batches of {BATCH}: plain JSON {:.1} B body + {:.1} B request line and headers; \
         gzip {:.1} B body + {:.1} B   target gzip <= 60 B/event: {}",
        per_event(body_bytes[0]), per_event(head_bytes[0]), per_event(body_bytes[1]), per_event(head_bytes[1]),
        verdict(per_event(body_bytes[1] + head_bytes[1]) <= 60.0)
    );
    println!("   server RSS: idle after start {}, peak {} over start-up and these pushes", mb(idle), mb(peak));
    Ok(idle)
}

/// Part 2: memory idle after start, then 1,000 learners (`--learners`) push at once, `CROWD_ROUNDS`
/// rounds; with `servers` > 1, learner i talks to server i mod `servers`.
async fn crowd_part(ctx: &mut Ctx, engine: &Engine, servers: usize, column: &mut Column) -> Result<(), String> {
    let learners = ctx.learners;
    let made = Instant::now();
    let (_site, crowd, servers) = ctx.site_and_servers(engine, learners, servers).await?;
    let made = made.elapsed();
    let idle: Vec<u64> = servers.iter().map(|s| s.status_kib("VmRSS")).collect::<Result<_, _>>()?;
    let start_peak: Vec<u64> = servers.iter().map(|s| s.status_kib("VmHWM")).collect::<Result<_, _>>()?;
    let urls: Vec<String> = servers.iter().map(|s| s.url("/api/sync/push")).collect();
    let reset = servers.iter().all(Server::reset_peak);
    let pids: Vec<u32> = servers.iter().map(Server::pid).collect();
    let sampler = measure::RssSampler::start(pids.clone());
    let cluster = ctx.cluster.take();
    let pg = cluster.as_ref().filter(|_| matches!(engine, Engine::Postgres(_)));
    let mut rounds = Vec::with_capacity(CROWD_ROUNDS);
    // CPU seconds at the start and end of each round's timed part: (server, PostgreSQL, client).
    let mut cpu_used = Vec::with_capacity(CROWD_ROUNDS);
    let cpu_now = || (cpu::of(&pids), pg.map_or(0.0, |c| c.cpu()), cpu::this_process());
    let mut round_events = Vec::with_capacity(CROWD_ROUNDS);
    let mut last_work = Vec::new();
    for _ in 0..CROWD_ROUNDS {
        let (work, events_now) = crowd_work(ctx, &crowd)?;
        last_work.clone_from(&work);
        round_events.push(events_now);
        let before = cpu_now();
        let load = measure::concurrent(&ctx.http, &urls, work, Duration::ZERO).await;
        let after = cpu_now();
        cpu_used.push((after.0 - before.0, after.1 - before.1, after.2 - before.2));
        check(&load, learners)?;
        rounds.push(load);
    }
    // Every phone sends its last round again at once, as when a cut connection lost the answers.
    for (_, batches) in &mut last_work {
        batches.iter_mut().for_each(|b| b.replay = true);
    }
    let before = cpu_now();
    let replay = measure::concurrent(&ctx.http, &urls, last_work, Duration::ZERO).await;
    let replay_cpu = cpu_now().0 - before.0;
    check(&replay, learners)?;
    // The burst rate: the median round's pushes/s.
    let mut rates: Vec<f64> = rounds.iter().map(|r| (learners * LEARNER_BATCHES) as f64 / r.wall.as_secs_f64()).collect();
    rates.sort_by(f64::total_cmp);
    let burst_rate = rates[rates.len() / 2];
    let mut paced = Vec::with_capacity(PACED.len());
    for share in PACED {
        let offered = burst_rate * share;
        let (work, _) = crowd_work(ctx, &crowd)?;
        let window = Duration::from_secs_f64((learners * LEARNER_BATCHES) as f64 / offered);
        let load = measure::concurrent(&ctx.http, &urls, work, window).await;
        check(&load, learners)?;
        paced.push((share, offered, window, load));
    }
    let sampled = sampler.stop();
    let hwm: Vec<u64> = servers.iter().map(|s| s.status_kib("VmHWM")).collect::<Result<_, _>>()?;
    for server in servers {
        server.stop()?;
    }
    let pushes = learners * LEARNER_BATCHES;
    let total_events: usize = round_events.iter().sum();
    let peak = if reset { hwm.clone() } else { sampled.clone() };
    // The round whose p95 is the median of the rounds' stands for the run.
    let mut order: Vec<usize> = (0..rounds.len()).collect();
    order.sort_by(|&a, &b| percentile(&rounds[a].latencies_ms, 95.0).total_cmp(&percentile(&rounds[b].latencies_ms, 95.0)));
    let mid = &rounds[order[order.len() / 2]];
    let lat = &mid.latencies_ms;
    // A column's idle figure is the larger of its servers' (the crowd's servers hold more accounts).
    column.idle_kib = match column.idle_kib.as_slice() {
        [before] if idle.len() == 1 => vec![(*before).max(idle[0])],
        _ => idle.clone(),
    };
    column.crowd_p50 = percentile(lat, 50.0);
    column.crowd_p95 = percentile(lat, 95.0);
    column.crowd_p95_rounds = rounds.iter().map(|r| percentile(&r.latencies_ms, 95.0)).collect();
    column.pushes_per_s = pushes as f64 / mid.wall.as_secs_f64();
    column.load_kib = peak.clone();
    let wall: f64 = rounds.iter().map(|r| r.wall.as_secs_f64()).sum();
    let all_pushes = (pushes * rounds.len()) as f64;
    let (server_cpu, pg_cpu, client_cpu) =
        cpu_used.iter().fold((0.0, 0.0, 0.0), |(a, b, c), (x, y, z)| (a + x, b + y, c + z));
    let cores = std::thread::available_parallelism().map_or(1, usize::from) as f64;
    column.server_cpu_ms = server_cpu * 1000.0 / all_pushes;
    column.pg_cpu_ms = pg.map(|_| pg_cpu * 1000.0 / all_pushes);
    ctx.cluster = cluster;
    column.client_cpu_ms = client_cpu * 1000.0 / all_pushes;
    column.busy = (server_cpu + pg_cpu + client_cpu) / (wall * cores);
    column.replay = (percentile(&replay.latencies_ms, 95.0), replay_cpu * 1000.0 / pushes as f64);
    column.paced = paced.iter().map(|(_, offered, _, load)| (*offered, percentile(&load.latencies_ms, 50.0), percentile(&load.latencies_ms, 95.0))).collect();
    let list = |kib: &[u64]| kib.iter().map(|&k| mb(k)).collect::<Vec<_>>().join(" and ");
    let processes = if urls.len() == 1 { "one server process".to_owned() } else { format!("{} server processes on one database, learner i sent to process i mod {}", urls.len(), urls.len()) };
    println!(
        "2. {learners} learners syncing at once ({processes}): each its own account, session and device, {LEARNER_BATCHES} pushes of 20-50 \
         events in turn; {CROWD_ROUNDS} rounds on the same server(s), new events each round ({} events in the burst rounds), then {} paced rounds; accounts and sessions \
         PRE-MADE in the database before start (set-up {:.1} s), no HTTP logins",
        thousands(total_events as f64), PACED.len(), made.as_secs_f64()
    );
    println!(
        "   idle after start: {} (with {learners} accounts and sessions in the db)   target <= 30 MB: {}",
        list(&idle), verdict(idle.iter().all(|&k| k * 1024 <= 30_000_000))
    );
    println!("   start-up peak (VmHWM once ready): {}", list(&start_peak));
    for (i, round) in rounds.iter().enumerate() {
        let l = &round.latencies_ms;
        println!(
            "   round {}: {pushes} pushes in {:.2} s ({} pushes/s, {} ev/s); latency p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            i + 1,
            round.wall.as_secs_f64(),
            thousands(pushes as f64 / round.wall.as_secs_f64()),
            thousands(round_events[i] as f64 / round.wall.as_secs_f64()),
            percentile(l, 50.0), percentile(l, 95.0), percentile(l, 100.0)
        );
    }
    println!(
        "   push latency, median burst round: p50 {:.1} ms, p95 {:.1} ms   target p95 <= {P95_TARGET_MS:.0} ms: {}   (before group commit, issue 12: p95 {:.2} s on SQLite)",
        column.crowd_p50, column.crowd_p95, verdict(column.crowd_p95 <= P95_TARGET_MS), P95_BEFORE_MS / 1000.0
    );
    println!(
        "   the last burst round sent again at once, every event already held (answers lost on a cut connection): {pushes} pushes in {:.2} s; \
         latency p50 {:.1} ms, p95 {:.1} ms; server CPU {:.3} ms/push",
        replay.wall.as_secs_f64(),
        percentile(&replay.latencies_ms, 50.0),
        column.replay.0,
        column.replay.1
    );
    for (share, offered, window, load) in &paced {
        let l = &load.latencies_ms;
        println!(
            "   paced at {:.0}% of that burst rate: the learners start evenly over {:.1} s ({} pushes/s offered), all done in {:.1} s; \
             latency p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms   p95 <= {P95_TARGET_MS:.0} ms: {}",
            share * 100.0,
            window.as_secs_f64(),
            thousands(*offered),
            load.wall.as_secs_f64(),
            percentile(l, 50.0), percentile(l, 95.0), percentile(l, 100.0),
            verdict(percentile(l, 95.0) <= P95_TARGET_MS)
        );
    }
    println!(
        "   CPU over the {} burst rounds ({:.2} s of wall on {cores:.0} cores): server{} {:.2} s = {:.3} ms/push{}, this client {:.2} s = {:.3} ms/push; \
         together {:.0}% of the machine (the rest: other work on this shared machine, or idle)",
        rounds.len(),
        wall,
        if urls.len() > 1 { "s" } else { "" },
        server_cpu,
        column.server_cpu_ms,
        column.pg_cpu_ms.map(|ms| format!(", PostgreSQL {pg_cpu:.2} s = {ms:.3} ms/push")).unwrap_or_default(),
        client_cpu,
        column.client_cpu_ms,
        column.busy * 100.0
    );
    println!(
        "   peak RSS under this load: {} ({}; largest VmRSS sampled every 2 ms: {})   target <= 100 MB: {}",
        list(&peak),
        if reset { "VmHWM, reset just before the load" } else { "sampled: VmHWM could not be reset" },
        list(&sampled),
        verdict(peak.iter().all(|&k| k * 1024 <= 100_000_000))
    );
    Ok(())
}

/// Each learner's token and the batches it sends in a round.
type Work = Vec<(String, Vec<Batch>)>;

/// One round's pushes: each learner's 3 batches of 20-50 new events; and how many events in all.
fn crowd_work(ctx: &mut Ctx, crowd: &[Learner]) -> Result<(Work, usize), String> {
    let mut work = Vec::with_capacity(crowd.len());
    let mut events_now = 0;
    for learner in crowd {
        let sizes: Vec<usize> = (0..LEARNER_BATCHES).map(|_| 20 + ctx.rng.below(31) as usize).collect();
        let events = ctx.catalog.learner_events(learner.device, ctx.start_ms, sizes.iter().sum(), &mut ctx.rng);
        let mut rest = &events[..];
        let mut list = Vec::new();
        for size in sizes {
            let (now, later) = rest.split_at(size);
            for batch in batches(learner, now, size)? {
                ctx.crowd_bytes.0 += batch.body.len();
                let gzipped = batch.gzipped();
                ctx.crowd_bytes.1 += gzipped.body.len();
                list.push(gzipped);
            }
            rest = later;
        }
        events_now += events.len();
        ctx.crowd_bytes.2 += events.len();
        work.push((learner.token.clone(), list));
    }
    Ok((work, events_now))
}

fn check(load: &measure::Load, learners: usize) -> Result<(), String> {
    if load.failed > 0 {
        return Err(format!(
            "{} of {} concurrent pushes failed (first: {})",
            load.failed,
            learners * LEARNER_BATCHES,
            load.first_failure.clone().unwrap_or_default()
        ));
    }
    Ok(())
}

/// Part 3: a learner's 2,000 events, pushed from a first device (set-up), pulled on a new one.
async fn pull_part(ctx: &mut Ctx, engine: &Engine, column: &mut Column) -> Result<(), String> {
    let (_site, mut learners, server) = ctx.site_and_server(engine, 1).await?;
    let writer = learners.remove(0);
    let events = ctx.catalog.learner_events(writer.device, ctx.start_ms, PULL_EVENTS, &mut ctx.rng);
    measure::push_sequence(&ctx.http, &server.url("/api/sync/push"), &writer.token, &batches(&writer, &events, BATCH)?).await?;
    let (token, login_time) = login(&ctx.http, &server, &writer.nip, ctx.rng.device()).await?;
    let mut pulls = Vec::new();
    for _ in 0..RUNS {
        let pull = measure::pull_all(&ctx.http, &server.url(""), &token).await?;
        if pull.events != PULL_EVENTS {
            return Err(format!("the pull gave {} events, not {PULL_EVENTS}", pull.events));
        }
        pulls.push(pull);
    }
    server.stop()?;
    let time = Spread::of(&pulls.iter().map(|p| p.time.as_secs_f64() * 1000.0).collect::<Vec<_>>());
    column.pull_ms = Some(time.median);
    let first = &pulls[0];
    let raw: usize = first.bodies.iter().map(Vec::len).sum();
    let per_event = |bytes: usize| bytes as f64 / PULL_EVENTS as f64;
    let q5: usize = first.bodies.iter().map(|b| measure::brotli_len(b, 5)).sum();
    let q11: usize = first.bodies.iter().map(|b| measure::brotli_len(b, 11)).sum();
    println!(
        "3. pull {PULL_EVENTS} events of one learner on a new device: one login over HTTP ({:.0} ms, argon2 included), \
         then pages of {BATCH} from cursor 0 ({} requests); {RUNS} runs",
        login_time.as_secs_f64() * 1000.0,
        first.pages
    );
    println!("   pull {PULL_EVENTS} events: median {:.1} ms (min {:.1}, max {:.1})", time.median, time.min, time.max);
    match &first.encoding {
        None => {
            println!(
                "   on the wire: UNCOMPRESSED (the client offered `br, gzip`; the server sent no Content-Encoding): \
                 {} B of JSON + {} B of status lines and headers = {:.0} B/event",
                thousands(raw as f64), thousands(first.header_bytes as f64), per_event(raw + first.header_bytes)
            );
            println!(
                "   brotli of those bodies, COMPUTED HERE (not sent by the server): quality 5 {} B = {:.1} B/event, quality 11 {} B = {:.1} B/event",
                thousands(q5 as f64), per_event(q5), thousands(q11 as f64), per_event(q11)
            );
        }
        Some(encoding) => println!(
            "   on the wire, {encoding}-compressed by the server: {} B + {} B of headers = {:.1} B/event",
            thousands(raw as f64), thousands(first.header_bytes as f64), per_event(raw + first.header_bytes)
        ),
    }
    Ok(())
}

/// The figures of every engine side by side.
fn summary(ctx: &Ctx, columns: &[Column]) {
    let width = 24;
    let row = |label: &str, cells: Vec<String>, target: &str| {
        let cells: String = cells.iter().map(|c| format!("{c:>width$}")).collect();
        println!("{label:<38}{cells}  {target}");
    };
    let opt = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or_else(|| "-".to_owned(), f);
    let mbs = |kib: &[u64]| kib.iter().map(|&k| format!("{:.1}", k as f64 * 1024.0 / 1e6)).collect::<Vec<_>>().join(" + ") + " MB";
    println!();
    println!("summary (medians; same machine, load average now {})", loadavg());
    row("", columns.iter().map(|c| c.name.clone()).collect(), "target");
    let n = ctx.learners;
    row(
        &format!("{n} learners at once: push p95"),
        columns.iter().map(|c| format!("{:.0} ms", c.crowd_p95)).collect(),
        &format!("<= {P95_TARGET_MS:.0} ms (was {:.2} s, SQLite)", P95_BEFORE_MS / 1000.0),
    );
    row(
        "   p95 of each round",
        columns.iter().map(|c| c.crowd_p95_rounds.iter().map(|p| format!("{p:.0}")).collect::<Vec<_>>().join("/") + " ms").collect(),
        "",
    );
    row(&format!("{n} learners at once: push p50"), columns.iter().map(|c| format!("{:.0} ms", c.crowd_p50)).collect(), "");
    row(&format!("{n} learners at once: pushes/s"), columns.iter().map(|c| thousands(c.pushes_per_s)).collect(), "");
    row(
        "   sent again at once (all held): p95",
        columns.iter().map(|c| format!("{:.0} ms ({:.3} ms CPU)", c.replay.0, c.replay.1)).collect(),
        "",
    );
    for (i, share) in PACED.iter().enumerate() {
        row(
            &format!("   paced at {:.0}% of that: p95", share * 100.0),
            columns.iter().map(|c| c.paced.get(i).map_or_else(|| "-".to_owned(), |(rate, _, p95)| format!("{p95:.0} ms @ {rate:.0}/s"))).collect(),
            &format!("<= {P95_TARGET_MS:.0} ms"),
        );
    }
    row("   server CPU per push", columns.iter().map(|c| format!("{:.3} ms", c.server_cpu_ms)).collect(), "");
    row(
        "   PostgreSQL CPU per push",
        columns.iter().map(|c| c.pg_cpu_ms.map_or_else(|| "-".to_owned(), |ms| format!("{ms:.3} ms"))).collect(),
        "",
    );
    row("   bench client CPU per push", columns.iter().map(|c| format!("{:.3} ms", c.client_cpu_ms)).collect(), "");
    row("   share of the machine used", columns.iter().map(|c| format!("{:.0}%", c.busy * 100.0)).collect(), "");
    row(
        "push 10,000 events (one device)",
        columns.iter().map(|c| opt(c.push_s, &|s| format!("{s:.3} s"))).collect(),
        "<= 1 s (SQLite)",
    );
    row("   bytes per event on the wire (gzip, 500)", columns.iter().map(|c| opt(c.wire_b, &|b| format!("{b:.1} B"))).collect(), "<= 60 B");
    let (plain, gz, events) = ctx.crowd_bytes;
    if events > 0 {
        println!("crowd pushes of 20-50 events, gzipped as the app sends them: {:.1} B of body per event (plain JSON {:.1} B)", gz as f64 / events as f64, plain as f64 / events as f64);
    }
    row("   ingest", columns.iter().map(|c| opt(c.ingest, &|r| format!("{} ev/s", thousands(r)))).collect(), "");
    row("server RSS idle (each process)", columns.iter().map(|c| mbs(&c.idle_kib)).collect(), "<= 30 MB");
    row(&format!("server RSS peak, {n} learners"), columns.iter().map(|c| mbs(&c.load_kib)).collect(), "<= 100 MB");
    row("pull 2,000 events (new device)", columns.iter().map(|c| opt(c.pull_ms, &|ms| format!("{ms:.0} ms"))).collect(), "");
    if columns.iter().any(|c| c.name.contains("2 processes")) {
        println!("(2 processes: only the crowd is measured there; one device's pushes and pulls go to one process either way)");
    }
}

fn batches(learner: &Learner, events: &[lentera_protocol::Event], size: usize) -> Result<Vec<Batch>, String> {
    let bodies = push_bodies(&learner.nip, learner.device, events, size)?;
    Ok(bodies.into_iter().zip(events.chunks(size)).map(|(body, chunk)| Batch { body, events: chunk.len(), gzip: false, replay: false }).collect())
}

async fn login(http: &reqwest::Client, server: &Server, nip: &Nip, device: lentera_protocol::DeviceId) -> Result<(String, Duration), String> {
    let body = serde_json::json!({ "nip": nip, "password": PASSWORD, "device_id": device.to_string() });
    let start = Instant::now();
    let response = http.post(server.url("/api/auth/login")).json(&body).send().await.map_err(|e| format!("login: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("login answered {}", response.status()));
    }
    let answer: LoginResponse = response.json().await.map_err(|e| format!("login answer: {e}"))?;
    Ok((answer.token, start.elapsed()))
}
