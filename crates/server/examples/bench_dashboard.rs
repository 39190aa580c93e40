//! `make bench`: the supervisors' dashboard with 5,000 staff x 200 events each.
//!
//!     cargo run --release --locked -p lentera-server --example bench_dashboard -- [--content DIR] [--keep]
//!
//! Set-up (timed, reported apart): a fresh SQLite file; one root unit with 10 units of 500 staff
//! (each unit with two sections below it) imported through the admin's staff CSV path; an admin;
//! 200 events a person from the shipped courses pushed through `Db::insert_events` in 1-4 syncs
//! (so the per-learner fold rows are kept as in production); storage warnings; assignments.
//! Then the server (`lentera_server::serve`, this release build, on its own runtime) on a loopback
//! port; the admin and one unit head log in over HTTP; timed GETs, each to its last byte:
//! 1. `GET /api/dashboard?unit=<unit of 500>` as that unit's supervisor;
//! 2. `GET /api/dashboard` as the admin: the whole tree, 5,000 rows;
//! 3. `GET /api/dashboard.csv` as the admin: all 5,000;
//! 4. the same three as a browser asks for them (`Accept-Encoding: br, gzip`);
//! 5. where a whole-tree request's time goes, measured inside the server process.
//!
//! Figures, not a test, but every answer is checked (row counts, CSV lines, each person's JP,
//! courses and assignments against what their events say): a wrong answer fails the run.

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

use lentera_protocol::org::Dashboard;
use lentera_protocol::{DeviceId, LoginResponse};
use lentera_server::auth::{LoginGuard, hash_password, token_hash};
use lentera_server::content::Library;
use lentera_server::db::{Db, Location};
use lentera_server::routes::dashboard::{DASHBOARD_COLUMNS, Today, build};
use lentera_server::{AppState, access::Viewer, session::Session};
use measure::Series;
use report::{kb, median, percentile, thousands, verdict};
use setup::{Org, Shape};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SHAPE: Shape = Shape { units: 10, staff_per_unit: 500, events: 200 };
const TARGET_P95_MS: f64 = 50.0;
const PASSWORD: &str = "bench-kopi-hujan-perahu";
/// (warm-ups, measured requests) of each part.
const UNIT_RUNS: (usize, usize) = (5, 100);
const TREE_RUNS: (usize, usize) = (5, 50);
const CSV_RUNS: (usize, usize) = (3, 20);
const BROWSER_RUNS: (usize, usize) = (2, 20);
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

/// `--content DIR` (default: the workspace's `content/`), `--keep` (leave the database for a look).
fn args() -> Result<(PathBuf, bool), String> {
    let mut content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut keep = false;
    let mut list = std::env::args().skip(1);
    while let Some(arg) = list.next() {
        match arg.as_str() {
            "--content" => content = list.next().map(PathBuf::from).ok_or("--content needs a folder")?,
            "--keep" => keep = true,
            _ => return Err("usage: bench_dashboard [--content DIR] [--keep]".into()),
        }
    }
    Ok((content, keep))
}

async fn run() -> Result<(), String> {
    let started = Instant::now();
    let (content, keep) = args()?;
    let library = Library::load(&content).map_err(|e| format!("course packs in {}: {} error(s)", content.display(), e.len()))?;
    let catalog = workload::Catalog::from_library(&library)?;
    let site = tempfile::Builder::new().prefix("lentera-bench-dashboard-").tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let dist = site.path().join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("dist dir: {e}"))?;
    std::fs::write(dist.join("index.html"), "<!doctype html><title>Lentera</title>").map_err(|e| format!("index.html: {e}"))?;
    let db_path = site.path().join("lentera.db");
    let staff = SHAPE.units * SHAPE.staff_per_unit;
    println!("Lentera dashboard bench: {staff} staff x {} events, server in this release build, client on the same machine over loopback HTTP", SHAPE.events);
    println!("machine: {}; load average {}", report::machine(), report::load());

    // Set-up.
    let now = lentera_server::now_ms();
    let password_hash = hash_password(PASSWORD)?;
    let db = Db::open(&Location::Sqlite(db_path.clone())).await.map_err(|e| format!("open {}: {e}", db_path.display()))?;
    lentera_server::publish_library(&db, &library, now).await.map_err(|e| format!("publish: {e}"))?;
    let org = setup::build(&db, &catalog, SHAPE, &password_hash, now).await?;
    db.close().await;
    print_setup(&org, &library, &db_path);

    // The server, as `main.rs` runs it, on its own multi-threaded runtime.
    let server = InProcess::start(&db_path, library.clone(), dist)?;
    println!("   server start on this database (Db::open: migrations checked, progress backfill scanned): {:.0} ms", server.open_time.as_secs_f64() * 1000.0);
    let http = reqwest::Client::builder().no_proxy().build().map_err(|e| format!("HTTP client: {e}"))?;
    let login_start = Instant::now();
    let admin = login(&http, &server, &org.admin_nip).await?;
    let supervisor = login(&http, &server, &org.supervisor_nip).await?;
    let login_ms = login_start.elapsed().as_secs_f64() * 1000.0 / 2.0;
    let unit_code = &org.unit_codes[org.bench_unit];
    let load_before = report::load();

    // 1-3: the dashboard and its CSV, as the console fetches them.
    let unit_url = server.url(&format!("/api/dashboard?unit={unit_code}"));
    let unit = measure::series(&http, &unit_url, &supervisor, None, UNIT_RUNS.0, UNIT_RUNS.1).await?;
    check_dashboard(&unit.body, &org, Some(org.bench_unit), 3)?;
    let tree = measure::series(&http, &server.url("/api/dashboard"), &admin, None, TREE_RUNS.0, TREE_RUNS.1).await?;
    check_dashboard(&tree.body, &org, None, SHAPE.units + 1)?;
    let csv = measure::series(&http, &server.url("/api/dashboard.csv"), &admin, None, CSV_RUNS.0, CSV_RUNS.1).await?;
    let csv_rows = check_csv(&csv, &org)?;
    check_access(&http, &server, &supervisor, &org).await?;

    // 4: as a browser asks (the console runs in one): compressed when the server chooses to.
    let accept = Some("br, gzip");
    let unit_br = measure::series(&http, &unit_url, &supervisor, accept, BROWSER_RUNS.0, BROWSER_RUNS.1).await?;
    let tree_br = measure::series(&http, &server.url("/api/dashboard"), &admin, accept, BROWSER_RUNS.0, BROWSER_RUNS.1).await?;
    let csv_br = measure::series(&http, &server.url("/api/dashboard.csv"), &admin, accept, BROWSER_RUNS.0, BROWSER_RUNS.1 / 2).await?;

    // 6: the year's SIASN export: the first one signs every certificate and marks the records;
    // the second asks only for new records (none).
    let year = lentera_server::calendar::year_position(lentera_server::now_ms()).0;
    let siasn_url = server.url(&format!("/api/siasn/export?year={year}"));
    let (status, _, _, siasn_first, siasn_first_ms) = measure::get(&http, &siasn_url, &admin, None).await?;
    let (again_status, _, _, siasn_again, siasn_again_ms) = measure::get(&http, &format!("{siasn_url}&only_new=true"), &admin, None).await?;
    if status != 200 || again_status != 200 {
        return Err(format!("the SIASN export answered {status} then {again_status}"));
    }
    let siasn_rows = siasn_first.iter().filter(|b| **b == b'\n').count().saturating_sub(1);

    // 5: inside the server process, on its runtime and pool.
    let state = server.state.clone();
    let inside_tree = server.handle.spawn(inside(state.clone(), admin.clone(), None)).await.map_err(|e| e.to_string())??;
    let inside_unit = server.handle.spawn(inside(state, supervisor.clone(), Some(unit_code.clone()))).await.map_err(|e| e.to_string())??;
    server.stop()?;
    if keep {
        println!("kept: {} (remove it when done)", site.keep().display());
    }

    println!();
    println!("load average (1, 5, 15 min) as the measuring began: {load_before}, as it ended: {} (other work on the machine shows up in the spread)", report::load());
    println!("sessions: the admin (no unit: the whole tree) and the head of {unit_code} logged in over HTTP (argon2 verify included): {login_ms:.0} ms each");
    let target = |s: &Series| verdict(s.p(95.0) <= TARGET_P95_MS);
    println!();
    println!("1. GET /api/dashboard?unit={unit_code} as its supervisor: {} rows, 3 unit summaries; {} warm-ups", SHAPE.staff_per_unit, UNIT_RUNS.0);
    println!("   {}   target p95 <= {TARGET_P95_MS} ms: {}", unit.line(), target(&unit));
    println!("   response: {} of JSON, uncompressed", kb(unit.body.len()));
    println!();
    println!("2. GET /api/dashboard as the admin, the whole tree: {staff} rows, {} unit summaries; {} warm-ups", SHAPE.units + 1, TREE_RUNS.0);
    println!("   {}   target p95 <= {TARGET_P95_MS} ms: {}", tree.line(), target(&tree));
    println!("   response: {} of JSON, uncompressed", kb(tree.body.len()));
    println!();
    println!("3. GET /api/dashboard.csv as the admin: all {staff}; {} warm-ups", CSV_RUNS.0);
    println!("   export time: {}", csv.line());
    println!("   file: {}, {} lines (header + {csv_rows} rows), {}", kb(csv.body.len()), thousands((csv_rows + 1) as f64), csv.content_type);
    println!();
    println!("4. the same as a browser asks for them (Accept-Encoding: br, gzip), body bytes as sent:");
    for (name, s, raw) in [("unit of 500", &unit_br, unit.body.len()), ("whole tree", &tree_br, tree.body.len()), ("CSV of 5,000", &csv_br, csv.body.len())] {
        println!(
            "   {name:<13} {}  {} {}: {}",
            s.line(), s.encoding.as_deref().unwrap_or("uncompressed"), kb(s.body.len()),
            if s.encoding.is_some() { format!("{:.1}x smaller", raw as f64 / s.body.len().max(1) as f64) } else { "as is".into() }
        );
    }
    println!();
    println!("6. GET /api/siasn/export?year={year} as the admin, all {staff} staff: first {siasn_first_ms:.0} ms ({siasn_rows} records, {}; signs and stores every certificate), only new right after {siasn_again_ms:.0} ms ({} lines)",
        kb(siasn_first.len()), siasn_again.iter().filter(|b| **b == b'\n').count());
    println!();
    println!("5. inside the server process, median of {INSIDE_RUNS} (the same code the handlers run, no HTTP):");
    let unit_name = format!("{unit_code} (supervisor)");
    for (name, parts) in [("whole tree (admin)", &inside_tree), (unit_name.as_str(), &inside_unit)] {
        println!(
            "   {name}: session lookup {:.2} ms, org tree + scope {:.2} ms, figures SQL alone {:.1} ms ({} rows), \
             dashboard built (SQL + rows + unit totals) {:.1} ms, JSON serialisation {:.1} ms",
            parts.session, parts.viewer, parts.sql, parts.rows, parts.build, parts.json
        );
    }
    let worst = unit.p(95.0).max(tree.p(95.0));
    if worst > TARGET_P95_MS {
        println!("   the target is missed (p95 {worst:.1} ms > {TARGET_P95_MS} ms)");
    }
    println!();
    println!(
        "summary: dashboard p95 {:.1} ms for a unit of {}, {:.1} ms for the whole tree of {staff} (target <= {TARGET_P95_MS} ms: {}); \
         CSV of {staff} median {:.1} ms; every answer checked; bench ran {:.0} s",
        unit.p(95.0), SHAPE.staff_per_unit, tree.p(95.0), verdict(worst <= TARGET_P95_MS), csv.p(50.0), started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn print_setup(org: &Org, library: &Library, db_path: &Path) {
    let t = &org.timings;
    let staff = org.people.len();
    println!();
    println!(
        "set-up (not part of the dashboard figures): {} units (a root, {} units, two sections each), {} staff, an admin",
        1 + 3 * org.unit_codes.len(), org.unit_codes.len(), thousands(staff as f64)
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
    let mut batch_ms = t.batch_ms.clone();
    batch_ms.sort_by(f64::total_cmp);
    println!(
        "   ingest through Db::insert_events, fold rows kept in the same transaction, durable commits (WAL, synchronous=FULL): \
         {} pushes ({:.1} per person) in {:.1} s = {} ev/s incl. the fold ({:.1} s wall with making the events)",
        thousands(org.pushes as f64), org.pushes as f64 / staff as f64, t.ingest.as_secs_f64(),
        thousands(org.events as f64 / t.ingest.as_secs_f64()), t.ingest_wall.as_secs_f64()
    );
    println!(
        "   one push (median {:.0} events): p50 {:.2} ms, p95 {:.2} ms, max {:.1} ms",
        org.events as f64 / org.pushes as f64, percentile(&batch_ms, 50.0), percentile(&batch_ms, 95.0), percentile(&batch_ms, 100.0)
    );
    println!(
        "   then {} storage warnings, {} assignments (3 courses), stale phones {} (last sync 10-40 days ago): {:.0} ms",
        org.warnings, thousands(org.assignments as f64), org.stale, t.rest.as_secs_f64() * 1000.0
    );
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let wal = db_path.with_extension("db-wal");
    println!("   database file {:.1} MB (+ WAL {:.1} MB)", size(db_path) as f64 / 1e6, size(&wal) as f64 / 1e6);
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
    fn start(db_path: &Path, library: Library, dist: PathBuf) -> Result<Self, String> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let db_path = db_path.to_owned();
        let thread = std::thread::spawn(move || -> Result<(), String> {
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("server runtime: {e}"))?;
            let handle = runtime.handle().clone();
            runtime.block_on(async move {
                let start = Instant::now();
                let db = Db::open(&Location::Sqlite(db_path.clone())).await.map_err(|e| format!("server: open {}: {e}", db_path.display()))?;
                let open_time = start.elapsed();
                let state = AppState { db, library: Arc::new(library), login_guard: LoginGuard::default(), static_dir: dist, keys: Arc::new(lentera_server::certificate::keys::Keys::load_or_create(&db_path.with_extension("keys"))?) };
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
        match ready_rx.recv_timeout(Duration::from_secs(120)) {
            Ok((addr, handle, state, open_time)) => Ok(Self { addr, handle, state, open_time, stop: Some(stop_tx), thread: Some(thread) }),
            Err(_) => Err(match thread.join() {
                Ok(Err(e)) => e,
                _ => "the server did not start within 120 s".into(),
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

/// The dashboard holds exactly the people of `unit` (or everyone), each with the JP, courses and
/// assignments their events and the set-up imply, and `summaries` unit summaries.
fn check_dashboard(body: &[u8], org: &Org, unit: Option<usize>, summaries: usize) -> Result<(), String> {
    let board: Dashboard = serde_json::from_slice(body).map_err(|e| format!("the dashboard is not a Dashboard: {e}"))?;
    let wanted: HashMap<&str, &setup::Person> = org.people.iter().filter(|p| unit.is_none_or(|u| p.unit == u)).map(|p| (p.nip.as_str(), p)).collect();
    let what = unit.map_or_else(|| "whole-tree".to_owned(), |u| org.unit_codes[u].clone());
    if board.staff.len() != wanted.len() || board.total.staff as usize != wanted.len() {
        return Err(format!("the {what} dashboard has {} rows (total says {}), not {}", board.staff.len(), board.total.staff, wanted.len()));
    }
    if board.units.len() != summaries {
        return Err(format!("the {what} dashboard has {} unit summaries, not {summaries}", board.units.len()));
    }
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
        if !row.unit_code.starts_with(&org.unit_codes[person.unit]) {
            wrong.push(format!("{}: unit {} is not under {}", row.nip, row.unit_code, org.unit_codes[person.unit]));
        }
    }
    if let Some(first) = wrong.first() {
        return Err(format!("{} wrong rows on the {what} dashboard; first: {first}", wrong.len()));
    }
    let jp: u64 = board.staff.iter().map(|r| u64::from(r.jp)).sum();
    let mean = (jp as f64 / wanted.len() as f64 * 10.0).round() / 10.0;
    if (board.total.mean_jp - mean).abs() > 0.051 {
        return Err(format!("the {what} dashboard's mean JP is {}, its rows give {mean}", board.total.mean_jp));
    }
    Ok(())
}

/// The CSV has the documented header and one line per person, with their JP; returns its rows.
fn check_csv(csv: &Series, org: &Org) -> Result<usize, String> {
    let text = std::str::from_utf8(&csv.body).map_err(|e| format!("the CSV is not UTF-8: {e}"))?;
    let lines: Vec<&str> = text.lines().collect();
    if lines.first().copied() != Some(DASHBOARD_COLUMNS.join(",").as_str()) {
        return Err(format!("the CSV header is {:?}", lines.first()));
    }
    if lines.len() != org.people.len() + 1 {
        return Err(format!("the CSV has {} lines, not {} (a header and a line per person)", lines.len(), org.people.len() + 1));
    }
    let expected: HashMap<&str, u32> = org.people.iter().map(|p| (p.nip.as_str(), p.expected.jp)).collect();
    let jp_column = DASHBOARD_COLUMNS.iter().position(|c| *c == "jp").ok_or("no jp column")?;
    for line in &lines[1..] {
        // Names and positions here hold no comma or quote, so a plain split reads the line.
        let fields: Vec<&str> = line.split(',').collect();
        let nip = fields.first().copied().unwrap_or_default();
        let jp: Option<u32> = fields.get(jp_column).and_then(|j| j.parse().ok());
        if fields.len() != DASHBOARD_COLUMNS.len() || expected.get(nip).copied() != jp {
            return Err(format!("CSV line {line:?}: expected {} fields and jp {:?}", DASHBOARD_COLUMNS.len(), expected.get(nip)));
        }
    }
    if !csv.content_type.starts_with("text/csv") {
        return Err(format!("the CSV came as {}", csv.content_type));
    }
    Ok(lines.len() - 1)
}

/// A supervisor sees their unit when asking for no unit, and no other unit.
async fn check_access(http: &reqwest::Client, server: &InProcess, supervisor: &str, org: &Org) -> Result<(), String> {
    let (status, _, _, body, _) = measure::get(http, &server.url("/api/dashboard"), supervisor, None).await?;
    if status != 200 {
        return Err(format!("the supervisor's own dashboard answered {status}"));
    }
    check_dashboard(&body, org, Some(org.bench_unit), 3)?;
    let other = &org.unit_codes[(org.bench_unit + 1) % org.unit_codes.len()];
    let (status, ..) = measure::get(http, &server.url(&format!("/api/dashboard?unit={other}")), supervisor, None).await?;
    if status != 404 {
        return Err(format!("the supervisor of {} asked for {other} and got {status}, not 404", org.unit_codes[org.bench_unit]));
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
    sql: f64,
    rows: usize,
    build: f64,
    json: f64,
}

async fn inside(state: AppState, token: String, unit: Option<String>) -> Result<Inside, String> {
    let (mut session_ms, mut viewer_ms, mut sql_ms, mut build_ms, mut json_ms) = (vec![], vec![], vec![], vec![], vec![]);
    let mut rows = 0;
    let ms = |start: Instant| start.elapsed().as_secs_f64() * 1000.0;
    let err = |e: lentera_server::error::ApiError| e.to_string();
    for _ in 0..INSIDE_RUNS {
        let start = Instant::now();
        let hash = token_hash(&token);
        let found = state.db.find_session(&hash, lentera_server::now_ms()).await.map_err(|e| e.to_string())?.ok_or("no session")?;
        let session = Session { id: found.id, device_id: found.device_id, learner: found.learner, token_hash: hash };
        session_ms.push(ms(start));
        let start = Instant::now();
        let viewer = Viewer::of(&state, session).await.map_err(err)?;
        viewer_ms.push(ms(start));
        let start = Instant::now();
        let ids = viewer.unit_ids(unit.as_deref()).map_err(err)?;
        let today = Today::now();
        rows = state.db.staff_figures(&ids, today.year, &today.date, None).await.map_err(|e| e.to_string())?.len();
        sql_ms.push(ms(start));
        let start = Instant::now();
        let board = build(&state, &viewer, unit.as_deref()).await.map_err(err)?;
        build_ms.push(ms(start));
        let start = Instant::now();
        let json = serde_json::to_vec(&board).map_err(|e| e.to_string())?;
        json_ms.push(ms(start));
        std::hint::black_box(json);
    }
    Ok(Inside { session: median(&session_ms), viewer: median(&viewer_ms), sql: median(&sql_ms), rows, build: median(&build_ms), json: median(&json_ms) })
}

