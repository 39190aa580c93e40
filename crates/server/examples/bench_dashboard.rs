//! `make bench`: the supervisors' dashboard at province scale, on SQLite and on PostgreSQL.
//!
//!     cargo run --release --locked -p lentera-server --example bench_dashboard -- [--staff N] [--events N] [--only sqlite|postgres] [--content DIR] [--keep]
//!     PG_EXTRA="-c fsync=on -c full_page_writes=on" scripts/with-postgres.sh cargo run --release ...
//!         (PostgreSQL too: LENTERA_TEST_PG names the server; fsync on for durable commits as in production)
//!
//! For each engine (SQLite always, a fresh temporary file; PostgreSQL when `LENTERA_TEST_PG` is set,
//! a fresh database on that server), set-up, timed and reported apart: one root unit with units of
//! 500 staff (each with two sections below it; 100 units, 50,000 staff by default) imported through
//! the admin's staff CSV path; an admin; 200 events a person from the shipped courses stored with
//! `Db::load_history` (multi-row INSERTs, each person's fold rows written by the code a push uses);
//! storage warnings; assignments. Then the server (`lentera_server::serve`, this release build, on
//! its own runtime) on a loopback port; the admin and one unit head log in over HTTP; timed GETs,
//! each to its last byte:
//! 1. `GET /api/dashboard?unit=<unit of 500>` as that unit's supervisor (totals, the first page);
//! 2. `GET /api/dashboard` as the admin: the first screen (the whole tree's totals, the first page);
//! 3. the admin's other orders, a search, a deep page; the CSV of everyone;
//! 4. the first screen as a browser asks (`Accept-Encoding: br, gzip`);
//! 5. where a request's time goes, measured inside the server process.
//!
//! Figures, not a test, but every answer is checked (totals, each row on a page against what the
//! person's events say, every page of the unit, CSV lines and JP, refusals): a wrong answer fails the run.

// The sync bench's machine report, statistics and course catalogue serve here too; not all of each is used.
#[allow(dead_code)]
#[path = "bench_sync/machine.rs"]
mod machine;
#[allow(dead_code)]
#[path = "bench_sync/stats.rs"]
mod stats;
#[allow(dead_code)]
#[path = "bench_sync/workload.rs"]
mod sync_workload;

#[path = "bench_dashboard/measure.rs"]
mod measure;
#[path = "bench_dashboard/report.rs"]
mod report;
#[path = "bench_dashboard/setup.rs"]
mod setup;
#[path = "bench_dashboard/workload.rs"]
mod workload;

use lentera_protocol::org::{Dashboard, StaffSort, TARGET_JP, on_track};
use lentera_protocol::{DeviceId, LoginResponse};
use lentera_server::auth::{LoginGuard, hash_password, token_hash};
use lentera_server::content::Library;
use lentera_server::db::dashboard::{Search, Slice};
use lentera_server::db::{Db, Location};
use lentera_server::routes::dashboard::{DASHBOARD_COLUMNS, PageRequest, Today, build, in_view};
use lentera_server::{AppState, access::Viewer, session::Session};
use measure::Series;
use report::{kb, median, thousands, verdict};
use setup::{Org, Shape};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TARGET_UNIT_MS: f64 = 50.0;
const TARGET_FIRST_MS: f64 = 100.0;
const PASSWORD: &str = "bench-kopi-hujan-perahu";
const STAFF_PER_UNIT: usize = 500;
/// (warm-ups, measured requests) of each part.
const UNIT_RUNS: (usize, usize) = (5, 100);
const FIRST_RUNS: (usize, usize) = (5, 50);
const OTHER_RUNS: (usize, usize) = (2, 20);
const CSV_RUNS: (usize, usize) = (1, 5);
const INSIDE_RUNS: usize = 20;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_dashboard: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

struct Args {
    content: PathBuf,
    keep: bool,
    shape: Shape,
    /// `sqlite` or `postgres`: measure only that engine.
    only: Option<String>,
}

fn args() -> Result<Args, String> {
    let mut content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let (mut keep, mut staff, mut events, mut only) = (false, 50_000, 200, None);
    let mut list = std::env::args().skip(1);
    let number = |v: Option<String>, what: &str| v.and_then(|v| v.parse::<usize>().ok()).filter(|n| *n > 0).ok_or(format!("{what} needs a number"));
    while let Some(arg) = list.next() {
        match arg.as_str() {
            "--content" => content = list.next().map(PathBuf::from).ok_or("--content needs a folder")?,
            "--keep" => keep = true,
            "--staff" => staff = number(list.next(), "--staff")?,
            "--events" => events = number(list.next(), "--events")?,
            "--only" => only = Some(list.next().filter(|e| e == "sqlite" || e == "postgres").ok_or("--only sqlite or --only postgres")?),
            _ => return Err("usage: bench_dashboard [--staff N (a multiple of 500)] [--events N] [--only sqlite|postgres] [--content DIR] [--keep]".into()),
        }
    }
    if staff % STAFF_PER_UNIT != 0 || staff < 3 * STAFF_PER_UNIT {
        return Err(format!("--staff must be a multiple of {STAFF_PER_UNIT}, at least {}", 3 * STAFF_PER_UNIT));
    }
    Ok(Args { content, keep, shape: Shape { units: staff / STAFF_PER_UNIT, staff_per_unit: STAFF_PER_UNIT, events }, only })
}

/// One engine's figures, for the side-by-side summary.
struct Figures {
    engine: &'static str,
    setup_s: f64,
    size_bytes: i64,
    unit: Series,
    first: Series,
    first_br: Series,
    jp: Series,
    overdue: Series,
    search: Series,
    deep: Series,
    csv: Series,
}

async fn run() -> Result<(), String> {
    let started = Instant::now();
    let args = args()?;
    let shape = args.shape;
    let library = Library::load(&args.content).map_err(|e| format!("course packs in {}: {} error(s)", args.content.display(), e.len()))?;
    let catalog = workload::Catalog::from_library(&library)?;
    let site = tempfile::Builder::new().prefix("lentera-bench-dashboard-").tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let dist = site.path().join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("dist dir: {e}"))?;
    std::fs::write(dist.join("index.html"), "<!doctype html><title>Lentera</title>").map_err(|e| format!("index.html: {e}"))?;

    let mut engines = vec![("SQLite", Location::Sqlite(site.path().join("lentera.db")))];
    match std::env::var("LENTERA_TEST_PG") {
        Ok(base) if !base.is_empty() => {
            let name = format!("bench_dashboard_{}", std::process::id());
            engines.push(("PostgreSQL", Location::Postgres(format!("{}/{name}", base.trim_end_matches('/')))));
        }
        _ => {}
    }
    println!(
        "Lentera dashboard bench: {} staff x {} events ({} events) on {}, server in this release build, client on the same machine over loopback HTTP",
        thousands(shape.staff() as f64), shape.events, thousands((shape.staff() * shape.events) as f64),
        engines.iter().map(|e| e.0).collect::<Vec<_>>().join(" and ")
    );
    if let Some(only) = &args.only {
        engines.retain(|(name, _)| name.to_lowercase().starts_with(only.as_str()));
        if engines.is_empty() {
            return Err(format!("--only {only}: that engine is not available (PostgreSQL needs LENTERA_TEST_PG)"));
        }
    } else if engines.len() == 1 {
        println!("(PostgreSQL too: run under scripts/with-postgres.sh, which sets LENTERA_TEST_PG; for durable figures start it with PG_EXTRA=\"-c fsync=on -c full_page_writes=on\")");
    }
    println!("machine: {}; load average {}", report::machine(), report::load());

    let mut all = Vec::new();
    for (engine, location) in engines {
        println!();
        println!("==================== {engine} ({}) ====================", location.describe());
        let figures = bench_engine(engine, &location, &library, &catalog, shape, dist.clone()).await;
        if !args.keep {
            lentera_server::db::fixtures::drop_database(&location).await.map_err(|e| format!("drop {}: {e}", location.describe()))?;
        }
        all.push(figures?);
    }
    if args.keep {
        println!("kept: {} and the PostgreSQL database, if any (remove them when done)", site.keep().display());
    }

    println!();
    println!("summary, {} staff x {} events; p50 / p95 ms over loopback HTTP, each request to its last byte:", thousands(shape.staff() as f64), shape.events);
    let header: Vec<&str> = all.iter().map(|f| f.engine).collect();
    println!("   {:<52} {}", "", header.iter().map(|h| format!("{h:>22}")).collect::<String>());
    let line = |name: &str, pick: &dyn Fn(&Figures) -> String| {
        println!("   {name:<52} {}", all.iter().map(|f| format!("{:>22}", pick(f))).collect::<String>());
    };
    let pp = |s: &Series| format!("{:.1} / {:.1}", s.p(50.0), s.p(95.0));
    line(&format!("unit of {STAFF_PER_UNIT}, its supervisor (target p95 <= {TARGET_UNIT_MS} ms)"), &|f| pp(&f.unit));
    line(&format!("admin's first screen (target p95 <= {TARGET_FIRST_MS} ms)"), &|f| pp(&f.first));
    line("  the same, Accept-Encoding: br", &|f| pp(&f.first_br));
    line("admin, sorted by JP", &|f| pp(&f.jp));
    line("admin, sorted by overdue", &|f| pp(&f.overdue));
    line("admin, a name search", &|f| pp(&f.search));
    line("admin, a page halfway down", &|f| pp(&f.deep));
    line("CSV of everyone (median / max)", &|f| format!("{:.0} / {:.0}", f.csv.p(50.0), f.csv.p(100.0)));
    line("targets met (unit, first screen)", &|f| {
        format!("{}, {}", verdict(f.unit.p(95.0) <= TARGET_UNIT_MS), verdict(f.first.p(95.0) <= TARGET_FIRST_MS))
    });
    line("set-up (s), database size (MB)", &|f| format!("{:.0} s, {:.0} MB", f.setup_s, f.size_bytes as f64 / 1e6));
    println!("every answer checked; load average now {}; bench ran {:.0} s", report::load(), started.elapsed().as_secs_f64());
    Ok(())
}

async fn bench_engine(engine: &'static str, location: &Location, library: &Library, catalog: &workload::Catalog, shape: Shape, dist: PathBuf) -> Result<Figures, String> {
    let staff = shape.staff();
    let now = lentera_server::now_ms();
    let password_hash = hash_password(PASSWORD)?;
    let db = Db::open(location).await.map_err(|e| format!("open {}: {e}", location.describe()))?;
    for (name, value) in db.engine_settings().await.map_err(|e| format!("settings: {e}"))? {
        print!("{name}={value} ");
    }
    println!();
    lentera_server::publish_library(&db, library, now).await.map_err(|e| format!("publish: {e}"))?;
    let rules: workload::RuleBook = library
        .packs
        .values()
        .map(|b| lentera_protocol::CreditRule::of(&b.pack))
        .map(|r| ((r.course_id.clone(), r.version), r))
        .collect();
    let org = setup::build(&db, catalog, &rules, shape, &password_hash, now).await?;
    let settle = Instant::now();
    db.settle_after_load().await.map_err(|e| format!("settle: {e}"))?;
    if engine == "PostgreSQL" {
        println!("   VACUUM (ANALYZE) after the load, as autovacuum would before the day's reads: {:.1} s", settle.elapsed().as_secs_f64());
    }
    let size_bytes = db.size_bytes().await.map_err(|e| format!("size: {e}"))?;
    db.close().await;
    print_setup(&org, library, size_bytes);

    // The server, as `main.rs` runs it, on its own multi-threaded runtime.
    let server = InProcess::start(location, library.clone(), dist)?;
    println!("   server start on this database (Db::open: migrations checked; the one-off progress backfill is recorded as done): {:.0} ms", server.open_time.as_secs_f64() * 1000.0);
    let http = reqwest::Client::builder().no_proxy().build().map_err(|e| format!("HTTP client: {e}"))?;
    let login_start = Instant::now();
    let admin = login(&http, &server, &org.admin_nip).await?;
    let supervisor = login(&http, &server, &org.supervisor_nip).await?;
    let login_ms = login_start.elapsed().as_secs_f64() * 1000.0 / 2.0;
    let unit_code = org.unit_codes[org.bench_unit].clone();
    let load_before = report::load();

    // 1-2: the two screens with targets.
    let unit_url = server.url(&format!("/api/dashboard?unit={unit_code}"));
    let unit = measure::series(&http, &unit_url, &supervisor, None, UNIT_RUNS.0, UNIT_RUNS.1).await?;
    check_board(&unit.body, &org, Some(org.bench_unit), 3, StaffSort::Name)?;
    let first_url = server.url("/api/dashboard");
    let first = measure::series(&http, &first_url, &admin, None, FIRST_RUNS.0, FIRST_RUNS.1).await?;
    check_board(&first.body, &org, None, shape.units + 1, StaffSort::Name)?;
    check_all_pages(&http, &server, &supervisor, &org).await?;
    check_access(&http, &server, &supervisor, &org).await?;

    // 3: the admin's other questions.
    let jp = measure::series(&http, &server.url("/api/dashboard?sort=jp"), &admin, None, OTHER_RUNS.0, OTHER_RUNS.1).await?;
    check_board(&jp.body, &org, None, shape.units + 1, StaffSort::Jp)?;
    let overdue = measure::series(&http, &server.url("/api/dashboard?sort=overdue"), &admin, None, OTHER_RUNS.0, OTHER_RUNS.1).await?;
    check_board(&overdue.body, &org, None, shape.units + 1, StaffSort::Overdue)?;
    let wanted = &org.people[staff / 3];
    let fragment = wanted.name.split(' ').next_back().unwrap_or("a").to_lowercase();
    let search = measure::series(&http, &server.url(&format!("/api/dashboard?q={fragment}")), &admin, None, OTHER_RUNS.0, OTHER_RUNS.1).await?;
    let matched = check_search(&search.body, &org, &fragment)?;
    let deep = measure::series(&http, &server.url(&format!("/api/dashboard?offset={}", staff / 2)), &admin, None, OTHER_RUNS.0, OTHER_RUNS.1).await?;
    check_deep(&deep.body, &org, staff / 2)?;
    let csv = measure::series(&http, &server.url("/api/dashboard.csv"), &admin, None, CSV_RUNS.0, CSV_RUNS.1).await?;
    let csv_rows = check_csv(&csv, &org)?;

    // 4: as a browser asks (the console runs in one): compressed when the server chooses to.
    let first_br = measure::series(&http, &first_url, &admin, Some("br, gzip"), OTHER_RUNS.0, OTHER_RUNS.1).await?;

    // 5: inside the server process, on its runtime and pool.
    let state = server.state.clone();
    let inside_first = server.handle.spawn(inside(state.clone(), admin.clone(), None)).await.map_err(|e| e.to_string())??;
    let inside_unit = server.handle.spawn(inside(state, supervisor.clone(), Some(unit_code.clone()))).await.map_err(|e| e.to_string())??;
    server.stop()?;

    println!();
    println!("load average (1, 5, 15 min) as the measuring began: {load_before}, as it ended: {} (other work on the machine shows up in the spread)", report::load());
    println!("sessions: the admin (no unit: the whole tree) and the head of {unit_code} logged in over HTTP (argon2 verify included): {login_ms:.0} ms each");
    println!();
    println!("1. GET /api/dashboard?unit={unit_code} as its supervisor: totals of {STAFF_PER_UNIT} people, 3 unit summaries, the first page of 50; {} warm-ups", UNIT_RUNS.0);
    println!("   {}   target p95 <= {TARGET_UNIT_MS} ms: {}", unit.line(), verdict(unit.p(95.0) <= TARGET_UNIT_MS));
    println!("   response: {} of JSON, uncompressed", kb(unit.body.len()));
    println!();
    println!("2. GET /api/dashboard as the admin, the first screen: totals of {} people, {} unit summaries, the first page of 50; {} warm-ups", thousands(staff as f64), shape.units + 1, FIRST_RUNS.0);
    println!("   {}   target p95 <= {TARGET_FIRST_MS} ms: {}", first.line(), verdict(first.p(95.0) <= TARGET_FIRST_MS));
    println!("   response: {} of JSON, uncompressed; as a browser asks: {} {} ({})", kb(first.body.len()), first_br.encoding.as_deref().unwrap_or("uncompressed"), kb(first_br.body.len()), first_br.line());
    println!();
    println!("3. the admin's other questions (each with the whole tree's totals), {} warm-ups:", OTHER_RUNS.0);
    println!("   sorted by JP:                  {}", jp.line());
    println!("   sorted by overdue:             {}", overdue.line());
    println!("   q={fragment} ({} match):{} {}", thousands(f64::from(matched)), " ".repeat(12usize.saturating_sub(fragment.len() + thousands(f64::from(matched)).len())), search.line());
    println!("   offset={} (a page halfway):  {}", staff / 2, deep.line());
    println!("   CSV of all {} ({}, {} lines): {}", thousands(staff as f64), kb(csv.body.len()), thousands((csv_rows + 1) as f64), csv.line());
    println!();
    println!("4. inside the server process, median of {INSIDE_RUNS} (the code the handler runs, no HTTP):");
    let unit_name = format!("{unit_code} (supervisor)");
    for (name, parts) in [("first screen (admin)", &inside_first), (unit_name.as_str(), &inside_unit)] {
        println!(
            "   {name}: session {:.2} ms, org tree + scope {:.2} ms, unit totals SQL {:.1} ms, page SQL (ids + figures) {:.1} ms, \
             whole dashboard (the two at once + summaries) {:.1} ms, JSON {:.2} ms",
            parts.session, parts.viewer, parts.totals, parts.page, parts.build, parts.json
        );
    }
    Ok(Figures { engine, setup_s: org.timings.total.as_secs_f64(), size_bytes, unit, first, first_br, jp, overdue, search, deep, csv })
}

fn print_setup(org: &Org, library: &Library, size_bytes: i64) {
    let t = &org.timings;
    let staff = org.people.len();
    println!(
        "set-up (not part of the dashboard figures), {:.0} s: {} units (a root, {} units, two sections each), {} staff, an admin",
        t.total.as_secs_f64(), 1 + 3 * org.unit_codes.len(), org.unit_codes.len(), thousands(staff as f64)
    );
    println!("   units created: {:.0} ms", t.units.as_secs_f64() * 1000.0);
    println!(
        "   staff CSV import of {} lines: plan (parse + checks) {:.0} ms, apply (one transaction) {:.0} ms",
        thousands(staff as f64), t.import_plan.as_secs_f64() * 1000.0, t.import_apply.as_secs_f64() * 1000.0
    );
    println!(
        "   events: {} made from the {} shipped courses ({:.1} s to make): {}",
        thousands(org.events as f64), library.packs.len(), t.generate.as_secs_f64(), workload::kind_mix(&org.kinds)
    );
    println!(
        "   stored with Db::load_history (multi-row INSERTs, each person's fold rows by the push's code, 500 people a transaction): {:.1} s = {} ev/s",
        t.load.as_secs_f64(), thousands(org.events as f64 / t.load.as_secs_f64().max(0.001))
    );
    println!(
        "   then {} storage warnings, {} assignments (3 courses), stale phones {} (last sync 10-40 days ago): {:.1} s",
        org.warnings, thousands(org.assignments as f64), thousands(org.stale as f64), t.rest.as_secs_f64()
    );
    println!("   database size {:.0} MB", size_bytes as f64 / 1e6);
}

/// The server on its own runtime thread, as `main.rs` runs it (minus the request log).
struct InProcess {
    addr: SocketAddr,
    handle: tokio::runtime::Handle,
    state: AppState,
    open_time: Duration,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), String>>>,
}

impl InProcess {
    fn start(location: &Location, library: Library, dist: PathBuf) -> Result<Self, String> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let location = location.clone();
        let thread = std::thread::spawn(move || -> Result<(), String> {
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("server runtime: {e}"))?;
            let handle = runtime.handle().clone();
            runtime.block_on(async move {
                let start = Instant::now();
                let db = Db::open(&location).await.map_err(|e| format!("server: open {}: {e}", location.describe()))?;
                let open_time = start.elapsed();
                let keys = Arc::new(lentera_server::certificate::keys::Keys::load_or_create(&dist.with_file_name("keys"))?);
                let state = AppState { db, library: Arc::new(library), login_guard: LoginGuard::default(), static_dir: dist, keys };
                let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| format!("bind: {e}"))?;
                let addr = listener.local_addr().map_err(|e| e.to_string())?;
                let _ = ready_tx.send((addr, handle, state.clone(), open_time));
                lentera_server::serve(listener, state, async move {
                    let _ = stop_rx.await;
                })
                .await
                .map_err(|e| format!("serve: {e}"))
            })
        });
        match ready_rx.recv_timeout(Duration::from_secs(300)) {
            Ok((addr, handle, state, open_time)) => Ok(Self { addr, handle, state, open_time, stop: Some(stop_tx), thread: Some(thread) }),
            Err(_) => Err(match thread.join() {
                Ok(Err(e)) => e,
                _ => "the server did not start within 300 s".into(),
            }),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn stop(mut self) -> Result<(), String> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err("the server thread panicked".into()),
            None => Ok(()),
        }
    }
}

async fn login(http: &reqwest::Client, server: &InProcess, nip: &str) -> Result<String, String> {
    let device = DeviceId::from_random(*b"bench-dashboard!");
    let body = serde_json::json!({ "nip": nip, "password": PASSWORD, "device_id": device.to_string() });
    let response = http.post(server.url("/api/auth/login")).json(&body).send().await.map_err(|e| format!("login: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("login of {nip} answered {}", response.status()));
    }
    let answer: LoginResponse = response.json().await.map_err(|e| format!("login answer: {e}"))?;
    Ok(answer.token)
}

fn parse(body: &[u8]) -> Result<Dashboard, String> {
    serde_json::from_slice(body).map_err(|e| format!("the dashboard is not a Dashboard: {e}"))
}

/// The people of `unit` (or everyone), by NIP.
fn people_of(org: &Org, unit: Option<usize>) -> HashMap<&str, &setup::Person> {
    org.people.iter().filter(|p| unit.is_none_or(|u| p.unit == u)).map(|p| (p.nip.as_str(), p)).collect()
}

/// Each row on the page is one of `wanted`, with the figures their events and the set-up imply.
fn check_rows(board: &Dashboard, wanted: &HashMap<&str, &setup::Person>, org: &Org, what: &str) -> Result<(), String> {
    let mut wrong = Vec::new();
    for row in &board.staff {
        let Some(person) = wanted.get(row.nip.as_str()) else {
            return Err(format!("the {what} dashboard shows {}, who is not in it", row.nip));
        };
        let e = &person.expected;
        let got = (row.jp, row.courses_completed, row.courses_in_progress, row.assigned_open, row.overdue);
        let should = (e.jp, e.completed, e.in_progress, e.assigned_open, e.overdue);
        if got != should {
            wrong.push(format!("{}: (jp, done, in progress, open, overdue) {got:?}, events say {should:?}", row.nip));
        }
        if !row.unit_code.starts_with(&org.unit_codes[person.unit]) || row.last_synced_ms != Some(person.last_sync_ms) {
            wrong.push(format!("{}: unit {} (should be under {}), last sync {:?}", row.nip, row.unit_code, org.unit_codes[person.unit], row.last_synced_ms));
        }
    }
    match wrong.first() {
        Some(first) => Err(format!("{} wrong rows on the {what} dashboard; first: {first}", wrong.len())),
        None => Ok(()),
    }
}

/// Totals over everyone of `unit` (or everyone) as the set-up implies; the page's rows right and in `sort` order.
fn check_board(body: &[u8], org: &Org, unit: Option<usize>, summaries: usize, sort: StaffSort) -> Result<(), String> {
    let board = parse(body)?;
    let wanted = people_of(org, unit);
    let what = unit.map_or_else(|| "whole-tree".to_owned(), |u| org.unit_codes[u].clone());
    let now = lentera_server::now_ms();
    let (_, day, days) = lentera_server::calendar::year_position(now);
    let count = |f: &dyn Fn(&setup::Person) -> bool| wanted.values().filter(|p| f(p)).count() as u32;
    let t = &board.total;
    let jp: u64 = wanted.values().map(|p| u64::from(p.expected.jp)).sum();
    let got = (t.staff, t.on_track, t.reached_target, t.stale, t.overdue_people);
    // The bench's people are loaded without a type, so all are PNS: the PNS rule (20 JP) applies.
    let should = (
        wanted.len() as u32,
        count(&|p| on_track(p.expected.jp, day, days)),
        count(&|p| p.expected.jp >= TARGET_JP),
        count(&|p| lentera_server::calendar::days_between(p.last_sync_ms, now) > 7),
        count(&|p| p.expected.overdue > 0),
    );
    if got != should {
        return Err(format!("the {what} totals (staff, on track, reached, stale, overdue) are {got:?}, the set-up says {should:?}"));
    }
    let mean = (jp as f64 / wanted.len() as f64 * 10.0).round() / 10.0;
    if (t.mean_jp - mean).abs() > 0.051 || board.units.len() != summaries || board.page.matched as usize != wanted.len() {
        return Err(format!("the {what} dashboard: mean JP {} (should be {mean}), {} unit summaries (should be {summaries}), matched {}", t.mean_jp, board.units.len(), board.page.matched));
    }
    if board.staff.len() != 50.min(wanted.len()) {
        return Err(format!("the {what} dashboard's first page has {} rows", board.staff.len()));
    }
    check_rows(&board, &wanted, org, &what)?;
    let ordered = match sort {
        StaffSort::Name => board.staff.windows(2).all(|w| (w[0].name.to_ascii_lowercase(), &w[0].nip) <= (w[1].name.to_ascii_lowercase(), &w[1].nip)),
        StaffSort::Jp => {
            let top = wanted.values().map(|p| p.expected.jp).max().unwrap_or(0);
            board.staff.windows(2).all(|w| w[0].jp >= w[1].jp) && board.staff.first().is_some_and(|r| r.jp == top)
        }
        StaffSort::Overdue => {
            let top = wanted.values().map(|p| p.expected.overdue).max().unwrap_or(0);
            board.staff.windows(2).all(|w| w[0].overdue >= w[1].overdue) && board.staff.first().is_some_and(|r| r.overdue == top)
        }
        _ => true,
    };
    if !ordered {
        return Err(format!("the {what} dashboard's first page is not in {sort:?} order"));
    }
    Ok(())
}

/// Every page of the measured unit, in name order: each person exactly once, each row right.
async fn check_all_pages(http: &reqwest::Client, server: &InProcess, supervisor: &str, org: &Org) -> Result<(), String> {
    let wanted = people_of(org, Some(org.bench_unit));
    let mut seen = Vec::new();
    for offset in (0..wanted.len() + 100).step_by(100) {
        let url = server.url(&format!("/api/dashboard?unit={}&limit=100&offset={offset}", org.unit_codes[org.bench_unit]));
        let (status, _, _, body, _) = measure::get(http, &url, supervisor, None).await?;
        if status != 200 {
            return Err(format!("{url} answered {status}"));
        }
        let board = parse(&body)?;
        check_rows(&board, &wanted, org, "paged unit")?;
        seen.extend(board.staff.into_iter().map(|r| (r.name.to_ascii_lowercase(), r.nip)));
    }
    let in_order = seen.windows(2).all(|w| w[0] < w[1]);
    if seen.len() != wanted.len() || !in_order {
        return Err(format!("the unit's pages hold {} rows (in order: {in_order}), not its {} people once each", seen.len(), wanted.len()));
    }
    Ok(())
}

/// How many people match the search; the page holds only them, each row right.
fn check_search(body: &[u8], org: &Org, fragment: &str) -> Result<u32, String> {
    let board = parse(body)?;
    let wanted: HashMap<&str, &setup::Person> = org.people.iter().filter(|p| p.name.to_lowercase().contains(fragment)).map(|p| (p.nip.as_str(), p)).collect();
    if board.page.matched as usize != wanted.len() || board.total.staff as usize != org.people.len() {
        return Err(format!("q={fragment}: {} matched (should be {}), total {}", board.page.matched, wanted.len(), board.total.staff));
    }
    check_rows(&board, &wanted, org, "searched")?;
    Ok(board.page.matched)
}

/// The page at `offset` in name order is the people there.
fn check_deep(body: &[u8], org: &Org, offset: usize) -> Result<(), String> {
    let board = parse(body)?;
    let mut sorted: Vec<&setup::Person> = org.people.iter().collect();
    sorted.sort_by(|a, b| (a.name.to_ascii_lowercase(), &a.nip).cmp(&(b.name.to_ascii_lowercase(), &b.nip)));
    let should: Vec<&str> = sorted.iter().skip(offset).take(50).map(|p| p.nip.as_str()).collect();
    let got: Vec<&str> = board.staff.iter().map(|r| r.nip.as_str()).collect();
    if got != should {
        return Err(format!("the page at offset {offset} is not the people there in name order"));
    }
    check_rows(&board, &people_of(org, None), org, "deep page")
}

/// The CSV has the documented header and one line per person, with their JP; returns its rows.
fn check_csv(csv: &Series, org: &Org) -> Result<usize, String> {
    let text = std::str::from_utf8(&csv.body).map_err(|e| format!("the CSV is not UTF-8: {e}"))?;
    let lines: Vec<&str> = text.lines().collect();
    if lines.first().copied() != Some(DASHBOARD_COLUMNS.join(",").as_str()) {
        return Err(format!("the CSV header is {:?}", lines.first()));
    }
    // Everyone placed in a unit: the staff (the admin is placed nowhere).
    if lines.len() != org.people.len() + 1 {
        return Err(format!("the CSV has {} lines, not {} (a header and a line per person)", lines.len(), org.people.len() + 1));
    }
    let expected: HashMap<&str, u32> = org.people.iter().map(|p| (p.nip.as_str(), p.expected.jp)).collect();
    let jp_column = DASHBOARD_COLUMNS.iter().position(|c| *c == "jp").ok_or("no jp column")?;
    let mut seen = std::collections::HashSet::new();
    for line in &lines[1..] {
        // Names and positions here hold no comma or quote, so a plain split reads the line.
        let fields: Vec<&str> = line.split(',').collect();
        let nip = fields.first().copied().unwrap_or_default();
        let jp: Option<u32> = fields.get(jp_column).and_then(|j| j.parse().ok());
        if fields.len() != DASHBOARD_COLUMNS.len() || expected.get(nip).copied() != jp || !seen.insert(nip) {
            return Err(format!("CSV line {line:?}: expected {} fields, jp {:?}, each person once", DASHBOARD_COLUMNS.len(), expected.get(nip)));
        }
    }
    if !csv.content_type.starts_with("text/csv") {
        return Err(format!("the CSV came as {}", csv.content_type));
    }
    Ok(lines.len() - 1)
}

/// A supervisor sees their unit when asking for no unit, and no other unit, by unit, page or search.
async fn check_access(http: &reqwest::Client, server: &InProcess, supervisor: &str, org: &Org) -> Result<(), String> {
    let (status, _, _, body, _) = measure::get(http, &server.url("/api/dashboard"), supervisor, None).await?;
    if status != 200 {
        return Err(format!("the supervisor's own dashboard answered {status}"));
    }
    check_board(&body, org, Some(org.bench_unit), 3, StaffSort::Name)?;
    let other = (org.bench_unit + 1) % org.unit_codes.len();
    let (status, ..) = measure::get(http, &server.url(&format!("/api/dashboard?unit={}", org.unit_codes[other])), supervisor, None).await?;
    if status != 404 {
        return Err(format!("the supervisor of {} asked for {} and got {status}, not 404", org.unit_codes[org.bench_unit], org.unit_codes[other]));
    }
    let stranger = org.people.iter().find(|p| p.unit == other).ok_or("nobody in the other unit")?;
    let (status, _, _, body, _) = measure::get(http, &server.url(&format!("/api/dashboard?q={}", stranger.nip)), supervisor, None).await?;
    if status != 200 || parse(&body)?.page.matched != 0 {
        return Err(format!("the supervisor searched for {} of another unit: {status}, {}", stranger.nip, String::from_utf8_lossy(&body)));
    }
    let (status, ..) = measure::get(http, &server.url(&format!("/api/dashboard.csv?unit={}", org.root_code)), supervisor, None).await?;
    if status != 404 {
        return Err(format!("the supervisor asked for the root's CSV and got {status}, not 404"));
    }
    Ok(())
}

/// Medians, in ms, of the parts of a dashboard request as the handler runs them.
struct Inside {
    session: f64,
    viewer: f64,
    totals: f64,
    page: f64,
    build: f64,
    json: f64,
}

async fn inside(state: AppState, token: String, unit: Option<String>) -> Result<Inside, String> {
    let (mut session_ms, mut viewer_ms, mut totals_ms, mut page_ms, mut build_ms, mut json_ms) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    let ms = |start: Instant| start.elapsed().as_secs_f64() * 1000.0;
    let err = |e: lentera_server::error::ApiError| e.to_string();
    let page = PageRequest::default();
    for _ in 0..INSIDE_RUNS {
        let start = Instant::now();
        let hash = token_hash(&token);
        let lookup = state.db.find_session(&hash, lentera_server::now_ms(), Default::default()).await.map_err(|e| e.to_string())?;
        let lentera_server::db::sessions::Lookup::Live(found) = lookup else { return Err("no session".into()) };
        let session = Session { id: found.id, device_id: found.device_id, learner: found.learner, token_hash: hash, token: token.clone() };
        session_ms.push(ms(start));
        let start = Instant::now();
        let viewer = Viewer::of(&state, session).await.map_err(err)?;
        viewer_ms.push(ms(start));
        let ids = viewer.unit_ids(unit.as_deref()).map_err(err)?;
        let day = Today::now().day();
        let start = Instant::now();
        std::hint::black_box(state.db.unit_totals(in_view(&viewer, &ids), &day).await.map_err(|e| e.to_string())?);
        totals_ms.push(ms(start));
        let start = Instant::now();
        let people = state.db.staff_ids(in_view(&viewer, &ids), &Search::Everyone, StaffSort::Name, false, Slice::first(page.limit), &day).await.map_err(|e| e.to_string())?;
        std::hint::black_box(state.db.staff_figures(&people, &day).await.map_err(|e| e.to_string())?);
        page_ms.push(ms(start));
        let start = Instant::now();
        let board = build(&state, &viewer, unit.as_deref(), &page).await.map_err(err)?;
        build_ms.push(ms(start));
        let start = Instant::now();
        let json = serde_json::to_vec(&board).map_err(|e| e.to_string())?;
        json_ms.push(ms(start));
        std::hint::black_box(json);
    }
    Ok(Inside {
        session: median(&session_ms),
        viewer: median(&viewer_ms),
        totals: median(&totals_ms),
        page: median(&page_ms),
        build: median(&build_ms),
        json: median(&json_ms),
    })
}
