//! `make bench`: sync figures of the release server, run as a child process over loopback HTTP.
//!
//!     cargo run --release --locked -p lentera-server --example bench_sync -- [SERVER_BIN] [--content DIR] [--learners N]
//!
//! 1. one device pushes 10,000 events in batches of 500 (durable commits), 5 runs;
//! 2. the server's memory idle after start, and its peak while 1,000 learners sync at once;
//! 3. a new device pulls one learner's 2,000 events: time and bytes on the wire.
//!
//! Figures, not a test: it prints a report and fails only if the server misbehaves.

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
use server::{Learner, Server, Site};
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
const PULL_EVENTS: usize = 2_000;
const PASSWORD: &str = "bench-kopi-hujan-perahu";
/// Device clocks of the made-up events start this long ago.
const HISTORY_MS: u64 = 60 * 24 * 3600 * 1000;

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
}

fn args() -> Result<Args, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (mut bin, mut content, mut learners) = (None, workspace.join("content"), LEARNERS);
    let mut list = std::env::args().skip(1);
    while let Some(arg) = list.next() {
        match arg.as_str() {
            "--content" => content = list.next().map(PathBuf::from).ok_or("--content needs a folder")?,
            "--learners" => {
                learners = list.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).ok_or("--learners needs a number")?;
            }
            "--help" | "-h" => return Err("usage: bench_sync [SERVER_BIN] [--content DIR] [--learners N]".into()),
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
    Ok(Args { bin, content, learners })
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
}

impl Ctx {
    async fn site_and_server(&mut self, learners: usize) -> Result<(Site, Vec<Learner>, Server), String> {
        let site = Site::new()?;
        let learners = site.premade_learners(0, learners, &self.password_hash, &mut self.rng).await?;
        let server = Server::start(&self.bin, &site, &self.content, &self.http).await?;
        Ok((site, learners, server))
    }
}

async fn run() -> Result<(), String> {
    let args = args()?;
    let library = Library::load(&args.content).map_err(|e| format!("course packs in {}: {} error(s)", args.content.display(), e.len()))?;
    let mut ctx = Ctx {
        catalog: Catalog::from_library(&library)?,
        rng: Rng::from_os()?,
        http: reqwest::Client::builder().no_proxy().build().map_err(|e| format!("HTTP client: {e}"))?,
        password_hash: hash_password(PASSWORD)?,
        start_ms: u64::try_from(lentera_server::now_ms()).unwrap_or(0).saturating_sub(HISTORY_MS),
        learners: args.learners,
        bin: args.bin,
        content: args.content,
    };
    let tmp = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    println!("Lentera sync bench: release server {}, client on the same machine over loopback HTTP", ctx.bin.display());
    println!("machine: {}; SQLite files on {}", machine::machine(), machine::filesystem_of(tmp.path()));
    let (overwrite, append) = machine::fsync_probe(tmp.path())?;
    println!(
        "   fdatasync of a 4 KiB write there (what each durable commit pays at least): overwrite median {:.2} ms (min {:.2}, max {:.2}), \
         append median {:.2} ms (min {:.2}, max {:.2})",
        overwrite.median, overwrite.min, overwrite.max, append.median, append.min, append.max
    );
    let sample = ctx.catalog.learner_events(ctx.rng.device(), ctx.start_ms, PUSH_EVENTS, &mut ctx.rng);
    let json_bytes: usize = sample.iter().map(|e| serde_json::to_vec(e).map_or(0, |v| v.len())).sum();
    println!(
        "events: made like the app's from the {} shipped courses ({}), {:.0} B of JSON each on average",
        library.packs.len(),
        workload::kind_mix(&sample),
        json_bytes as f64 / sample.len() as f64
    );
    let idle = push_part(&mut ctx).await?;
    memory_part(&mut ctx, idle).await?;
    pull_part(&mut ctx).await
}

/// 1. One device pushes 10,000 events in batches of 500, a new learner each run (plain JSON, then
///    gzipped as the app sends them); returns idle RSS.
async fn push_part(ctx: &mut Ctx) -> Result<u64, String> {
    let (_site, pushers, server) = ctx.site_and_server(2 * RUNS).await?;
    let idle = server.status_kib("VmRSS")?;
    let url = server.url("/api/sync/push");
    // [plain, gzip]: whole-push times, each batch's time, and bytes of the last run's bodies and heads.
    let mut totals = [Vec::new(), Vec::new()];
    let mut per_batch = [Vec::new(), Vec::new()];
    let mut body_bytes = [0; 2];
    let mut head_bytes = [0; 2];
    let mut sample = Vec::new();
    for (run, learner) in pushers.iter().enumerate() {
        let gzip = usize::from(run >= RUNS);
        let events = ctx.catalog.learner_events(learner.device, ctx.start_ms, PUSH_EVENTS, &mut ctx.rng);
        let mut batches = batches(learner, &events, BATCH)?;
        if gzip == 1 {
            batches = batches.iter().map(Batch::gzipped).collect();
        } else {
            sample = events;
        }
        body_bytes[gzip] = batches.iter().map(|b| b.body.len()).sum::<usize>();
        head_bytes[gzip] = batches.iter().map(|b| measure::push_head_bytes(&url, &learner.token, b)).sum::<usize>();
        let (total, each) = measure::push_sequence(&ctx.http, &url, &learner.token, &batches).await?;
        totals[gzip].push(total);
        per_batch[gzip].extend(each);
    }
    let peak = server.status_kib("VmHWM")?;
    server.stop()?;
    println!();
    println!(
        "1. push {PUSH_EVENTS} events, one learner, one device: {} batches of {BATCH} sent one after another ({:.0} KB of JSON), \
         each a durable commit (WAL, synchronous=FULL); {RUNS} runs of plain JSON, then {RUNS} gzipped as the app sends them, \
         a new learner and device each run on one server (db grows to {} events)",
        PUSH_EVENTS / BATCH,
        body_bytes[0] as f64 / 1000.0,
        thousands((2 * RUNS * PUSH_EVENTS) as f64)
    );
    for (gzip, label) in ["plain JSON", "gzip"].iter().enumerate() {
        let push_time = Spread::secs(&totals[gzip]);
        let rates: Vec<f64> = totals[gzip].iter().map(|t| PUSH_EVENTS as f64 / t.as_secs_f64()).collect();
        let rate = Spread::of(&rates);
        let mut batch_ms: Vec<f64> = per_batch[gzip].iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        batch_ms.sort_by(f64::total_cmp);
        println!("   {label}:");
        println!(
            "   push {PUSH_EVENTS} events: median {:.3} s (min {:.3}, max {:.3})   target <= 1 s: {}",
            push_time.median, push_time.min, push_time.max, verdict(push_time.median <= 1.0)
        );
        println!(
            "   ingest: median {} ev/s (min {}, max {})   target >= 50,000 ev/s: {}",
            thousands(rate.median), thousands(rate.min), thousands(rate.max), verdict(rate.median >= 50_000.0)
        );
        println!(
            "   one batch of {BATCH}: median {:.1} ms, p95 {:.1} ms, max {:.1} ms (over {} batches)",
            percentile(&batch_ms, 50.0), percentile(&batch_ms, 95.0), percentile(&batch_ms, 100.0), batch_ms.len()
        );
        println!("   runs (s): {}", totals[gzip].iter().map(|t| format!("{:.3}", t.as_secs_f64())).collect::<Vec<_>>().join(", "));
    }
    println!("   server RSS: peak {} over start-up and these pushes", mb(peak));
    let per_event = |bytes: usize| bytes as f64 / PUSH_EVENTS as f64;
    println!(
        "   bytes per event on the wire, batches of {BATCH}: plain JSON {:.1} B body + {:.1} B request line and headers; \
         gzip {:.1} B body + {:.1} B   target gzip <= 60 B/event: {}",
        per_event(body_bytes[0]), per_event(head_bytes[0]), per_event(body_bytes[1]), per_event(head_bytes[1]),
        verdict(per_event(body_bytes[1] + head_bytes[1]) <= 60.0)
    );
    println!("   gzip body bytes per event by batch size (the plain runs' events, computed here, not sent):");
    let learner = &pushers[0];
    let mut sizes = Vec::new();
    for size in [1, 5, 15, 50, 150, BATCH] {
        let bodies = workload::push_bodies(&learner.nip, learner.device, &sample, size)?;
        let plain: usize = bodies.iter().map(Vec::len).sum();
        let gzipped: usize = bodies.iter().map(|b| measure::gzip(b).len()).sum();
        sizes.push(format!("{size}: {:.0} → {:.1} B", per_event(plain), per_event(gzipped)));
    }
    println!("   {}", sizes.join(", "));
    Ok(idle)
}

/// 2. Memory idle after start, and at peak while 1,000 learners (`--learners`) push at once.
async fn memory_part(ctx: &mut Ctx, idle_first: u64) -> Result<(), String> {
    let learners = ctx.learners;
    let made = Instant::now();
    let (_site, crowd, server) = ctx.site_and_server(learners).await?;
    let made = made.elapsed();
    let (idle, start_peak) = (server.status_kib("VmRSS")?, server.status_kib("VmHWM")?);
    let mut work = Vec::with_capacity(learners);
    let mut total_events = 0;
    let (mut plain_bytes, mut gzip_bytes) = (0, 0);
    for learner in &crowd {
        let sizes: Vec<usize> = (0..LEARNER_BATCHES).map(|_| 20 + ctx.rng.below(31) as usize).collect();
        let events = ctx.catalog.learner_events(learner.device, ctx.start_ms, sizes.iter().sum(), &mut ctx.rng);
        let mut rest = &events[..];
        let mut list = Vec::new();
        for size in sizes {
            let (now, later) = rest.split_at(size);
            // Gzipped, as the app sends them.
            for batch in batches(learner, now, size)? {
                let gzipped = batch.gzipped();
                plain_bytes += batch.body.len();
                gzip_bytes += gzipped.body.len();
                list.push(gzipped);
            }
            rest = later;
        }
        total_events += events.len();
        work.push((learner.token.clone(), list));
    }
    let reset = server.reset_peak();
    let sampler = measure::RssSampler::start(server.pid());
    let load = measure::concurrent(&ctx.http, &server.url("/api/sync/push"), work).await;
    let sampled = sampler.stop();
    let hwm = server.status_kib("VmHWM")?;
    server.stop()?;
    let pushes = learners * LEARNER_BATCHES;
    let lat = &load.latencies_ms;
    let peak = if reset { hwm } else { sampled };
    println!();
    println!("2. server memory (VmRSS from /proc/<pid>/status)");
    println!(
        "   idle after start: {} (server of part 1), {} (with {learners} accounts and sessions in the db)   target <= 30 MB: {}",
        mb(idle_first), mb(idle), verdict(idle_first.max(idle) * 1024 <= 30_000_000)
    );
    println!("   start-up peak (VmHWM once ready): {}", mb(start_peak));
    println!(
        "   {learners} learners syncing at once, each its own account, session and device, {LEARNER_BATCHES} pushes of 20-50 events in turn \
         ({} events); accounts and sessions PRE-MADE in the SQLite file before start (set-up {:.1} s), no HTTP logins",
        thousands(total_events as f64), made.as_secs_f64()
    );
    println!(
        "   pushes gzipped as the app sends them: {:.1} B of body per event (plain JSON would be {:.1} B)",
        gzip_bytes as f64 / total_events as f64,
        plain_bytes as f64 / total_events as f64
    );
    println!(
        "   {pushes} pushes in {:.2} s ({} pushes/s, {} ev/s), {} failed{}",
        load.wall.as_secs_f64(),
        thousands(pushes as f64 / load.wall.as_secs_f64()),
        thousands(total_events as f64 / load.wall.as_secs_f64()),
        load.failed,
        load.first_failure.as_ref().map(|e| format!(" (first: {e})")).unwrap_or_default()
    );
    println!(
        "   push latency: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (mostly queueing: with ~{learners} pushes in flight, \
         each waits for those ahead; {:.2} ms of server time per push)",
        percentile(lat, 50.0), percentile(lat, 95.0), percentile(lat, 100.0),
        load.wall.as_secs_f64() * 1000.0 / pushes as f64
    );
    println!(
        "   peak RSS under this load: {} ({}; largest VmRSS sampled every 2 ms: {})   target <= 100 MB: {}",
        mb(peak),
        if reset { "VmHWM, reset just before the load" } else { "sampled: VmHWM could not be reset" },
        mb(sampled),
        verdict(peak * 1024 <= 100_000_000)
    );
    if load.failed > 0 {
        return Err(format!("{} of {pushes} concurrent pushes failed", load.failed));
    }
    Ok(())
}

/// 3. A learner's 2,000 events, pushed from a first device (set-up), pulled on a new one.
async fn pull_part(ctx: &mut Ctx) -> Result<(), String> {
    let (_site, mut learners, server) = ctx.site_and_server(1).await?;
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
    let first = &pulls[0];
    let raw: usize = first.bodies.iter().map(Vec::len).sum();
    let per_event = |bytes: usize| bytes as f64 / PULL_EVENTS as f64;
    let q5: usize = first.bodies.iter().map(|b| measure::brotli_len(b, 5)).sum();
    let q11: usize = first.bodies.iter().map(|b| measure::brotli_len(b, 11)).sum();
    println!();
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

fn batches(learner: &Learner, events: &[lentera_protocol::Event], size: usize) -> Result<Vec<Batch>, String> {
    let bodies = push_bodies(&learner.nip, learner.device, events, size)?;
    Ok(bodies.into_iter().zip(events.chunks(size)).map(|(body, chunk)| Batch { body, events: chunk.len(), gzip: false }).collect())
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
