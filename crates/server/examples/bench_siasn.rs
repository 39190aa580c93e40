//! The SIASN export at 5,000 staff: how long the CSV and the ZIP with every certificate PDF take,
//! on SQLite and (under scripts/with-postgres.sh) PostgreSQL, and how large a certificate PDF is.
//!
//!     cargo run --release -p lentera-server --example bench_siasn -- [--staff N] [--runs N]
//!     scripts/with-postgres.sh cargo run --release -p lentera-server --example bench_siasn
//!
//! Set-up per engine (not timed): one root unit with units of 500 staff, an admin, and for each
//! person two credited courses of the shipped packs this year (`Db::put_credited`, the rows a
//! grading leaves). The server runs in this process on a loopback port. Timed, each to its last
//! byte: the first export (which signs every certificate), then the median of `--runs` CSV and
//! ZIP exports of the year as the admin. Every answer is checked (line count, one PDF per record).

use lentera_protocol::{Competency, DeviceId, LoginResponse, Nip};
use lentera_server::auth::{LoginGuard, hash_password};
use lentera_server::content::Library;
use lentera_server::db::{Db, Location};
use lentera_server::AppState;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const PASSWORD: &str = "bench-kopi-hujan-perahu";
const PER_UNIT: usize = 500;
/// The shipped courses each person has credited: (course, JP, type).
const COURSES: [(&str, u32, Competency); 2] = [("keamanan-digital", 3, Competency::Teknis), ("budaya-inovasi", 4, Competency::Manajerial)];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_siasn: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// A structurally valid NIP for person `i` (born 1985-03-12, appointed 2010-01 onwards).
fn nip_of(i: usize) -> String {
    format!("19850312{}011{:03}", 2010 + i / 999, i % 999 + 1)
}

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut staff, mut runs) = (5_000usize, 5usize);
    while let Some(a) = args.next() {
        let n = args.next().and_then(|v| v.parse().ok()).ok_or("--staff N / --runs N")?;
        match a.as_str() {
            "--staff" => staff = n,
            "--runs" => runs = n,
            _ => return Err("usage: bench_siasn [--staff N] [--runs N]".into()),
        }
    }
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let library = Library::load(&content).map_err(|e| format!("course packs: {} error(s)", e.len()))?;
    let site = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut engines = vec![("SQLite", Location::Sqlite(site.path().join("lentera.db")))];
    if let Ok(base) = std::env::var("LENTERA_TEST_PG").map(|b| b.trim_end_matches('/').to_owned()).and_then(|b| if b.is_empty() { Err(std::env::VarError::NotPresent) } else { Ok(b) }) {
        engines.push(("PostgreSQL", Location::Postgres(format!("{base}/bench_siasn_{}", std::process::id()))));
    }
    let load = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default().split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    println!("SIASN export bench: {staff} staff x {} credited courses, {runs} runs each; load average {}", COURSES.len(), load());
    let mut summary = Vec::new();
    for (engine, location) in engines {
        let figures = bench(engine, &location, &library, site.path(), staff, runs).await;
        lentera_server::db::fixtures::drop_database(&location).await.map_err(|e| format!("drop: {e}"))?;
        summary.push((engine, figures?));
    }
    println!();
    println!("{:<44}{}", "", summary.iter().map(|(e, _)| format!("{e:>14}")).collect::<String>());
    let line = |name: &str, pick: &dyn Fn(&Figures) -> String| println!("{name:<44}{}", summary.iter().map(|(_, f)| format!("{:>14}", pick(f))).collect::<String>());
    line("first export, signs every certificate (s)", &|f| format!("{:.1}", f.first_s));
    line("CSV of the year, median (s)", &|f| format!("{:.2}", f.csv_s));
    line("ZIP of the year with PDFs, median (s)", &|f| format!("{:.2}", f.zip_s));
    line("ZIP size (MB)", &|f| format!("{:.1}", f.zip_bytes as f64 / 1e6));
    line("certificate PDF, mean (bytes)", &|f| format!("{:.0}", f.pdf_mean));
    println!("load average now {}", load());
    Ok(())
}

struct Figures {
    first_s: f64,
    csv_s: f64,
    zip_s: f64,
    zip_bytes: usize,
    pdf_mean: f64,
}

async fn bench(engine: &str, location: &Location, library: &Library, dir: &Path, staff: usize, runs: usize) -> Result<Figures, String> {
    println!();
    println!("== {engine} ({})", location.describe());
    let err = |what: &'static str| move |e: sqlx::Error| format!("{what}: {e}");
    let db = Db::open(location).await.map_err(err("open"))?;
    lentera_server::publish_library(&db, library, 0).await.map_err(err("publish"))?;
    let setup = Instant::now();
    let hash = hash_password(PASSWORD)?;
    let root = db.create_unit("ROOT", "Pemerintah Kota Bench", None).await.map_err(err("unit"))?;
    let admin_nip = "198002142006042001";
    let admin = Nip::parse(admin_nip).map_err(|e| e.to_string())?;
    db.create_learner(&lentera_server::db::accounts::NewLearner { nip: &admin, name: "Admin Bench", unit: "", role: "admin", password_hash: &hash }, 0)
        .await
        .map_err(err("admin"))?;
    db.place(admin_nip, Some(root)).await.map_err(err("place"))?;
    let now = lentera_server::now_ms();
    let mut unit = root;
    for i in 0..staff {
        if i % PER_UNIT == 0 {
            unit = db.create_unit(&format!("U{:03}", i / PER_UNIT), &format!("Dinas {}", i / PER_UNIT + 1), Some(root)).await.map_err(err("unit"))?;
        }
        let nip = nip_of(i);
        let parsed = Nip::parse(&nip).map_err(|e| format!("{nip}: {e}"))?;
        let name = format!("Pegawai {i:05}");
        let id = db
            .create_learner(&lentera_server::db::accounts::NewLearner { nip: &parsed, name: &name, unit: "", role: "learner", password_hash: &hash }, 0)
            .await
            .map_err(err("person"))?;
        db.place(&nip, Some(unit)).await.map_err(err("place"))?;
        for (k, (course, jp, competency)) in COURSES.iter().enumerate() {
            db.put_credited(id, course, now - 86_400_000 * (k as i64 + 1), *jp, *competency).await.map_err(err("ledger"))?;
        }
    }
    db.settle_after_load().await.map_err(err("settle"))?;
    println!("   set-up: {staff} staff, {} credited rows in {:.0} s", staff * COURSES.len(), setup.elapsed().as_secs_f64());
    db.close().await;

    let db = Db::open(location).await.map_err(err("reopen"))?;
    let keys = Arc::new(lentera_server::certificate::keys::Keys::load_or_create(&dir.join(format!("keys-{engine}")))?);
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let state = AppState { db, library: Arc::new(library.clone()), login_guard: LoginGuard::default(), static_dir: dist, keys };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(lentera_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let http = reqwest::Client::builder().no_proxy().build().map_err(|e| e.to_string())?;
    let device = DeviceId::from_random(*b"bench-siasn-0001");
    let login: LoginResponse = http
        .post(format!("http://{addr}/api/auth/login"))
        .json(&serde_json::json!({ "nip": admin_nip, "password": PASSWORD, "device_id": device.to_string() }))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| format!("login: {e}"))?;
    let year = lentera_server::calendar::year_position(now).0;
    let get = |path: String| {
        let (http, token) = (http.clone(), login.token.clone());
        async move {
            let start = Instant::now();
            let response = http.get(format!("http://{addr}{path}")).bearer_auth(token).send().await.map_err(|e| e.to_string())?;
            let status = response.status();
            let bytes = response.bytes().await.map_err(|e| e.to_string())?;
            if !status.is_success() {
                return Err(format!("{path}: {status} {}", String::from_utf8_lossy(&bytes)));
            }
            Ok::<_, String>((start.elapsed().as_secs_f64(), bytes))
        }
    };
    let records = staff * COURSES.len();
    let (first_s, csv) = get(format!("/api/siasn/export?year={year}")).await?;
    let lines = csv.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();
    if lines != records + 1 {
        return Err(format!("the first CSV has {lines} lines, not {}", records + 1));
    }
    println!("   first export (signs {records} certificates): {first_s:.1} s");
    let mut csv_times = Vec::new();
    for _ in 0..runs {
        csv_times.push(get(format!("/api/siasn/export?year={year}")).await?.0);
    }
    let mut zip_times = Vec::new();
    let mut last = Vec::new();
    for _ in 0..runs {
        let (s, body) = get(format!("/api/siasn/export.zip?year={year}")).await?;
        zip_times.push(s);
        last = body.to_vec();
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(last.as_slice())).map_err(|e| e.to_string())?;
    let mut pdf_bytes = 0u64;
    let mut pdfs = 0u64;
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|e| e.to_string())?;
        if file.name().ends_with(".pdf") {
            pdfs += 1;
            pdf_bytes += file.size();
        }
    }
    if pdfs as usize != records {
        return Err(format!("the ZIP holds {pdfs} PDFs, not {records}"));
    }
    println!("   CSV runs (s): {csv_times:.2?}");
    println!("   ZIP runs (s): {zip_times:.2?}");
    let _ = stop.send(());
    let _ = server.await;
    Ok(Figures { first_s, csv_s: median(csv_times), zip_s: median(zip_times), zip_bytes: last.len(), pdf_mean: pdf_bytes as f64 / pdfs as f64 })
}
