//! `GET /api/health`: is the server up, and can it reach its database.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use lentera_protocol::Health;

#[utoipa::path(get, path = "/health", tag = "system",
    responses((status = 200, description = "The server is up", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    let database = if state.db.ping().await { "ok" } else { "unavailable" };
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: database.into(),
    })
}
