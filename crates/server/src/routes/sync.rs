//! `POST /api/sync/push`: a device hands over its events; storing is idempotent and atomic.

use crate::{AppState, now_ms};
use crate::error::ApiError;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use lentera_protocol::{ApiErrorBody, MAX_BATCH_EVENTS, PROTOCOL_VERSION, PushRequest, PushResponse};

#[utoipa::path(post, path = "/sync/push", tag = "sync",
    request_body = PushRequest,
    responses(
        (status = 200, description = "Every event of the batch is held by the server", body = PushResponse),
        (status = 400, description = "Malformed batch; nothing was stored", body = ApiErrorBody),
        (status = 413, description = "Body over 1 MiB", body = ApiErrorBody),
        (status = 426, description = "The app is too old for this server", body = ApiErrorBody),
    ))]
pub async fn push(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    validate(&request)?;
    let newly_stored = state.db.insert_events(&request.events, now_ms()).await?;
    let acknowledged = request.events.iter().map(|e| e.id).collect();
    Ok(Json(PushResponse { acknowledged, newly_stored }))
}

fn validate(request: &PushRequest) -> Result<(), ApiError> {
    if request.protocol_version < PROTOCOL_VERSION {
        return Err(ApiError::ClientTooOld { client: request.protocol_version, server: PROTOCOL_VERSION });
    }
    if request.protocol_version > PROTOCOL_VERSION {
        return Err(ApiError::InvalidRequest(format!(
            "protocol_version {} is newer than this server's {PROTOCOL_VERSION}; the server needs an update",
            request.protocol_version
        )));
    }
    if request.events.len() > MAX_BATCH_EVENTS {
        return Err(ApiError::InvalidRequest(format!(
            "a batch holds at most {MAX_BATCH_EVENTS} events, this one has {}; split it",
            request.events.len()
        )));
    }
    if let Some(index) = request.events.iter().position(|e| e.device_id != request.device_id) {
        return Err(ApiError::InvalidRequest(format!(
            "field `events[{index}].device_id`: differs from the pushing device_id; a device pushes only its own events"
        )));
    }
    Ok(())
}
