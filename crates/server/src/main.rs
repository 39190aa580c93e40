//! Starts Lentera's server: open and migrate the database, serve the app and `/api`.

use lentera_server::setup::Ready;
use lentera_server::{AppState, auth::LoginGuard, config::Config, content::Library, db::Db, demo, now_ms, serve};
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .with_target(false)
        .init();
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lentera-server: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "check-content") {
        return check_content(Path::new(args.get(1).map_or("content", String::as_str)));
    }
    if args.first().is_some_and(|a| a == "build-packs") {
        let (content, cache) = (args.get(1).ok_or("build-packs CONTENT CACHE")?, args.get(2).ok_or("build-packs CONTENT CACHE")?);
        return lentera_server::content::load_for_start(Path::new(content), Path::new(cache), || {}).map(drop);
    }
    if args.first().is_some_and(|a| a == "admin") {
        return admin(args[1..].to_vec()).await;
    }
    if args.first().is_some_and(|a| a == "backup") {
        return backup(args[1..].to_vec()).await;
    }
    if args.first().is_some_and(|a| a == "rotate-key") {
        let config = Config::parse(args[1..].to_vec(), |k| std::env::var(k).ok())?;
        let id = lentera_server::certificate::keys::make_key(&config.key_dir(), now_ms())?;
        println!("New signing key {id} in {}; restart the server to sign with it. Keep the older .pub files: they verify older certificates.", config.key_dir().display());
        return Ok(());
    }
    let config = Config::parse(args, |k| std::env::var(k).ok())?;
    if !config.dist.join("index.html").is_file() {
        return Err(format!(
            "no built app at {}/index.html: run `make run` (it builds the app) or pass --dist",
            config.dist.display()
        ));
    }
    let (content, cache) = (&config.content, config.cache_dir());
    let library = lentera_server::content::load_for_start(content, &cache, || build_packs_apart(content, &cache))?;
    let db = Db::open(&config.database)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database.describe()))?;
    lentera_server::publish_library(&db, &library, now_ms()).await.map_err(|e| format!("cannot record the course packs' credit rules: {e}"))?;
    match lentera_server::setup::prepare(&db, &library, config.mode, now_ms()).await? {
        Ready::DemoSeeded(seeded) => {
            println!("Data demo dibuat: Pemerintah Kota Sibolga (fiktif). Akun (kata sandi: {}):", demo::DEMO_PASSWORD);
            for (nip, name, role) in &seeded {
                println!("  NIP {nip}  {name} ({role})");
            }
            println!("Konsol atasan dan admin: /konsol/");
        }
        Ready::NoAdminYet => println!(
            "Mode produksi: belum ada admin. Buat admin pertama: lentera-server admin create --nip NIP --name \"NAMA\" --db {}",
            config.database.describe()
        ),
        Ready::Ready => {}
    }
    let listener = TcpListener::bind((config.host, config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e} (is another server running? try --port)", config.host, config.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Lentera berjalan di http://{addr}  (database: {})", config.database.describe());
    let keys = lentera_server::certificate::keys::Keys::load_or_create(&config.key_dir())?;
    let state = AppState { db, library: Arc::new(library), login_guard: LoginGuard::default(), static_dir: config.dist, keys: Arc::new(keys) };
    serve(listener, state, shutdown_signal()).await.map_err(|e| e.to_string())?;
    println!("Lentera berhenti dengan rapi.");
    Ok(())
}

/// A cache miss is filled by a child run of this binary: glibc keeps the pages that rendering and
/// brotli freed (~6 MB) for the life of a process, and the server's life is long. Should the child
/// fail, the start builds in-process and reports the errors itself.
fn build_packs_apart(content: &Path, cache: &Path) {
    let Ok(exe) = std::env::current_exe() else { return };
    let built = std::process::Command::new(exe).arg("build-packs").arg(content).arg(cache).stderr(std::process::Stdio::null()).status();
    if let Err(e) = built {
        tracing::warn!(error = %e, "could not build the course packs in a child process; building them here");
    }
}

fn load_library(dir: &Path) -> Result<Library, String> {
    let library = Library::load(dir).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{} error(s) in the course packs; fix them and start again:\n{}", list.len(), list.join("\n"))
    })?;
    println!("{} kursus siap dari {}", library.packs.len(), dir.display());
    Ok(library)
}

/// `admin create --nip NIP --name NAME [--db DB]`: an admin over every unit, with a one-time code.
async fn admin(args: Vec<String>) -> Result<(), String> {
    const HOW: &str = "lentera-server admin create --nip NIP --name \"FULL NAME\" [--db DB]";
    if args.first().map(String::as_str) != Some("create") {
        return Err(format!("the admin command creates an administrator: {HOW}"));
    }
    let (mut nip, mut name, mut rest) = (None, None, Vec::new());
    let mut it = args.into_iter().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--nip" => nip = it.next(),
            "--name" => name = it.next(),
            _ => rest.push(arg),
        }
    }
    let (Some(nip), Some(name)) = (nip, name) else {
        return Err(format!("give the new admin's NIP and name: {HOW}"));
    };
    let config = Config::parse(rest, |k| std::env::var(k).ok())?;
    let db = Db::open(&config.database).await.map_err(|e| format!("cannot open the database {}: {e}", config.database.describe()))?;
    let code = lentera_server::setup::create_admin(&db, &nip, &name, now_ms()).await?;
    println!("Admin {name} (NIP {nip}) dibuat. Kode aktivasi sekali pakai (hanya ditampilkan sekarang):");
    println!();
    println!("    {code}");
    println!();
    println!("Buka /konsol/aktivasi, isi NIP, kode ini, dan kata sandi baru. Lalu masuk dengan NIP dan kata sandi itu.");
    Ok(())
}

/// `backup FILE [--db DB]`: a consistent copy of the running SQLite database.
async fn backup(args: Vec<String>) -> Result<(), String> {
    let Some((file, rest)) = args.split_first() else {
        return Err("backup needs a file to write: lentera-server backup FILE [--db DB]".into());
    };
    let config = Config::parse(rest.to_vec(), |k| std::env::var(k).ok())?;
    let db = Db::open(&config.database).await.map_err(|e| format!("cannot open the database {}: {e}", config.database.describe()))?;
    db.backup(Path::new(file)).await?;
    println!("Cadangan tersimpan: {file}");
    Ok(())
}

/// `check-content`: the pack validator writers run before committing.
fn check_content(dir: &Path) -> Result<(), String> {
    let library = load_library(dir)?;
    for built in library.packs.values() {
        let s = &built.summary;
        let words: u32 = built.pack.lessons.iter().map(|l| l.words).sum();
        println!("{:<24} {} lessons, {} questions, {words} words, {} JP, {:.1} KB brotli",
            s.id, s.lessons, s.questions, s.jp, s.download_bytes as f64 / 1000.0);
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
