//! Serves the generated OpenAPI document.

use crate::AppState;
use axum::routing::get;
use axum::{Json, Router};

pub fn router(doc: utoipa::openapi::OpenApi) -> Router<AppState> {
    let doc = std::sync::Arc::new(doc);
    Router::new().route("/api/openapi.json", get(move || async move { Json(doc.as_ref().clone()) }))
}
