//! Lentera's server as a library: `app(state)` is the whole HTTP surface, so tests can call it.

pub mod access;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod certificate;
pub mod checkin_code;
pub mod csv;
pub mod config;
pub mod content;
pub mod db;
pub mod decompress;
pub mod error;
pub mod extract;
pub mod framework;
pub mod headers;
pub mod idea_rank;
pub mod ics;
pub mod import;
pub mod ledger;
pub mod org_tree;
pub mod passwords;
pub mod demo;
pub mod routes;
pub mod session;
pub mod setup;
pub mod skm_csv;
pub mod slow_clients;
pub mod static_files;

use axum::Router;
use axum::http::Request;
use std::future::Future;
use std::path::PathBuf;
use tokio::net::TcpListener;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: db::Db,
    /// Course packs, built once at start.
    pub library: std::sync::Arc<content::Library>,
    /// Failed-login throttle limits (the failures themselves are in the database).
    pub login_guard: auth::LoginGuard,
    /// The built app (Trunk's `dist/`).
    pub static_dir: PathBuf,
    /// Certificate signing keys (a folder outside the database).
    pub keys: std::sync::Arc<certificate::keys::Keys>,
}

/// The whole HTTP surface: `/api/...` and the built app.
pub fn app(state: AppState) -> Router {
    app_with(state, slow_clients::Timeouts::default())
}

/// The whole HTTP surface with the given body timeout.
pub fn app_with(state: AppState, timeouts: slow_clients::Timeouts) -> Router {
    let statics = static_files::router(&state.static_dir);
    Router::new()
        .merge(routes::api().with_state(state.clone()))
        .route("/verifikasi/{number}", axum::routing::get(routes::certificates::verify_page).with_state(state))
        .route("/verifikasi.css", axum::routing::get(routes::certificates::verify_style))
        .merge(statics)
        .layer(axum::middleware::from_fn_with_state(timeouts.body, slow_clients::body_deadline))
        .layer(axum::middleware::from_fn(headers::security_headers))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<_>| {
                    tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// Serves until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, slow_clients::Timeouts::default(), shutdown).await
}

/// [`serve`] with other limits for slow clients (tests use short ones).
pub async fn serve_with(
    listener: TcpListener,
    state: AppState,
    timeouts: slow_clients::Timeouts,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address (for the per-address login throttle) is put into each request by `slow_clients::serve`.
    slow_clients::serve(listener, app_with(state, timeouts), timeouts, shutdown).await
}

/// The server clock, Unix milliseconds: when things were received, never the device's word.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Keeps the credit rule (JP, lessons, answer key) of every pack version the library offers, so
/// attempts are graded by the server against the version they were taken on.
pub async fn publish_library(db: &db::Db, library: &content::Library, now_ms: i64) -> Result<(), sqlx::Error> {
    let mut rules: Vec<lentera_protocol::CreditRule> = library.packs.values().map(|b| lentera_protocol::CreditRule::of(&b.pack)).collect();
    // The tests' keys are published the same way, under `pre:<course>` and `post:<course>` (docs/evaluation.md).
    rules.extend(library.packs.values().filter_map(|b| b.tests.as_ref().map(|t| t.rules(&b.pack))).flatten());
    db.publish(&rules, now_ms).await
}
