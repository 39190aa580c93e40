//! HTTP calls to the server's sync and session API; every failure says whether retrying helps.

use super::SyncError;
use gloo_net::http::{Request, RequestBuilder, Response};
use lentera_protocol::{ApiErrorBody, PullResponse, PushRequest, PushResponse, RotateResponse};
use serde::de::DeserializeOwned;

fn bearer(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

/// Sends, then reads a 2xx body as `T` or turns the refusal into a `SyncError`.
async fn answer<T: DeserializeOwned>(sent: Result<Response, gloo_net::Error>) -> Result<T, SyncError> {
    let response = sent.map_err(|_| SyncError::Unreachable)?;
    if response.ok() {
        return response.json().await.map_err(|e| SyncError::Transient { message: e.to_string(), retry_after_s: None });
    }
    Err(refusal(response).await)
}

/// Classifies a non-2xx answer.
pub async fn refusal(response: Response) -> SyncError {
    let status = response.status();
    let retry_after_s = response.headers().get("retry-after").and_then(|v| v.trim().parse().ok());
    match (status, response.json::<ApiErrorBody>().await) {
        (401, _) => SyncError::SessionEnded,
        (429, Ok(body)) => SyncError::Transient { message: body.error.message, retry_after_s },
        (_, Ok(body)) if body.error.retryable => SyncError::Transient { message: body.error.message, retry_after_s },
        (_, Ok(body)) => SyncError::Permanent { code: body.error.code, message: body.error.message },
        // A proxy or captive portal answered instead of our server: try again later.
        (_, Err(_)) => SyncError::Transient { message: format!("HTTP {status}"), retry_after_s },
    }
}

/// Sends one batch.
pub async fn push(token: &str, request: &PushRequest) -> Result<PushResponse, SyncError> {
    let builder = bearer(Request::post("/api/sync/push"), token);
    let request = builder.json(request).map_err(|e| SyncError::Permanent { code: "encode".into(), message: e.to_string() })?;
    answer(request.send().await).await
}

/// One page of the learner's events after `cursor`.
pub async fn pull(token: &str, cursor: i64) -> Result<PullResponse, SyncError> {
    answer(bearer(Request::get(&format!("/api/sync/pull?after={cursor}")), token).send().await).await
}

/// A fresh token for this session; the old one keeps working until the new one is used.
pub async fn rotate(token: &str) -> Result<String, SyncError> {
    answer::<RotateResponse>(bearer(Request::post("/api/auth/rotate"), token).send().await).await.map(|r| r.token)
}

/// Ends this device's session (`all`: every device of the learner) on the server.
pub async fn logout(token: &str, all: bool) -> Result<(), SyncError> {
    let path = if all { "/api/auth/logout-all" } else { "/api/auth/logout" };
    let response = bearer(Request::post(path), token).send().await.map_err(|_| SyncError::Unreachable)?;
    match response.status() {
        200..=299 | 401 => Ok(()),
        _ => Err(refusal(response).await),
    }
}
