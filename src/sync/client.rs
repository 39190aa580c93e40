//! HTTP calls to the server's sync API.

use super::SyncError;
use gloo_net::http::Request;
use lentera_protocol::{ApiErrorBody, PushRequest, PushResponse};

pub const PUSH_URL: &str = "/api/sync/push";

/// Sends one batch; classifies every failure as worth retrying or not.
pub async fn push(request: &PushRequest) -> Result<PushResponse, SyncError> {
    let response = Request::post(PUSH_URL)
        .json(request)
        .map_err(|e| SyncError::Permanent(e.to_string()))?
        .send()
        .await
        .map_err(|_| SyncError::Unreachable)?;
    if response.ok() {
        return response.json().await.map_err(|e| SyncError::Transient(e.to_string()));
    }
    let status = response.status();
    match response.json::<ApiErrorBody>().await {
        Ok(body) if body.error.retryable => Err(SyncError::Transient(body.error.message)),
        Ok(body) => Err(SyncError::Permanent(body.error.message)),
        // A proxy or captive portal answered instead of our server: try again later.
        Err(_) => Err(SyncError::Transient(format!("HTTP {status}"))),
    }
}
