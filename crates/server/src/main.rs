//! Starts Lentera's server: open and migrate the database, serve the app and `/api`.

use lentera_server::{AppState, config::Config, db::Db, serve};
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
    let config = Config::parse(std::env::args().skip(1), |k| std::env::var(k).ok())?;
    if !config.dist.join("index.html").is_file() {
        return Err(format!(
            "no built app at {}/index.html: run `make run` (it builds the app) or pass --dist",
            config.dist.display()
        ));
    }
    let db = Db::open(&config.database)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database.display()))?;
    let listener = TcpListener::bind((config.host, config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e} (is another server running? try --port)", config.host, config.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Lentera berjalan di http://{addr}  (database: {})", config.database.display());
    let state = AppState { db, static_dir: config.dist };
    serve(listener, state, shutdown_signal()).await.map_err(|e| e.to_string())?;
    println!("Lentera berhenti dengan rapi.");
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
