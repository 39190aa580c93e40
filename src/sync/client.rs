//! The server's sync and session API; every failure says whether retrying helps.

use super::SyncError;
use crate::net::{Body, Reply, call, send};
use lentera_protocol::{ApiErrorBody, PullResponse, PushRequest, PushResponse, RotateResponse};
use serde::de::DeserializeOwned;

/// Calls the API and reads a 2xx body as `T`, or turns the refusal into a `SyncError`.
pub async fn api<T: DeserializeOwned>(method: &str, path: &str, token: Option<&str>, json: Option<String>) -> Result<T, SyncError> {
    answer(call(method, path, token, json).await.map_err(|()| SyncError::Unreachable)?)
}

/// A 2xx body read as `T`, or the refusal as a `SyncError`.
fn answer<T: DeserializeOwned>(reply: Reply) -> Result<T, SyncError> {
    if !reply.ok() {
        return Err(refusal(reply));
    }
    parse(&reply.text)
}

/// Reads a 2xx body; an unreadable one is treated as a passing fault (a proxy, a cut-off answer).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, SyncError> {
    serde_json::from_str(text).map_err(|e| SyncError::Transient { message: e.to_string(), retry_after_s: None })
}

/// Classifies a non-2xx answer.
pub fn refusal(reply: Reply) -> SyncError {
    let Reply { status, text, retry_after_s } = reply;
    match (status, serde_json::from_str::<ApiErrorBody>(&text)) {
        (401, Ok(body)) if body.error.code == "session_reused" => SyncError::SessionReused,
        (401, _) => SyncError::SessionEnded,
        (429, Ok(body)) => SyncError::Transient { message: body.error.message, retry_after_s },
        (_, Ok(body)) if body.error.retryable => SyncError::Transient { message: body.error.message, retry_after_s },
        (_, Ok(body)) => SyncError::Permanent { code: body.error.code, message: body.error.message },
        // A proxy or captive portal answered instead of our server: try again later.
        (_, Err(_)) => SyncError::Transient { message: format!("HTTP {status}"), retry_after_s },
    }
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String, SyncError> {
    serde_json::to_string(value).map_err(|e| SyncError::Permanent { code: "encode".into(), message: e.to_string() })
}

pub use lentera_protocol::PUSH_PATH;

/// Sends one batch, gzipped by the browser where it can (see `Body::gzip_json`).
pub async fn push(token: &str, request: &PushRequest) -> Result<PushResponse, SyncError> {
    let body = Body::gzip_json(&encode(request)?)
        .await
        .map_err(|_| SyncError::Transient { message: "the browser could not compress the batch".into(), retry_after_s: None })?;
    answer(send("POST", PUSH_PATH, Some(token), Some(body)).await.map_err(|()| SyncError::Unreachable)?)
}

/// One page of the learner's events after `cursor`.
pub async fn pull(token: &str, cursor: i64) -> Result<PullResponse, SyncError> {
    api("GET", &format!("/api/sync/pull?after={cursor}"), Some(token), None).await
}

/// A fresh token for this session; the old one keeps working until the new one is used.
pub async fn rotate(token: &str) -> Result<String, SyncError> {
    api::<RotateResponse>("POST", "/api/auth/rotate", Some(token), None).await.map(|r| r.token)
}

/// Ends this device's session (`all`: every device of the learner) on the server.
pub async fn logout(token: &str, all: bool) -> Result<(), SyncError> {
    let path = if all { "/api/auth/logout-all" } else { "/api/auth/logout" };
    let reply = call("POST", path, Some(token), None).await.map_err(|()| SyncError::Unreachable)?;
    match reply.status {
        200..=299 | 401 => Ok(()),
        _ => Err(refusal(reply)),
    }
}

/// Logs in on this device.
pub async fn login(request: &lentera_protocol::LoginRequest) -> Result<lentera_protocol::LoginResponse, SyncError> {
    api("POST", "/api/auth/login", None, Some(encode(request)?)).await
}
