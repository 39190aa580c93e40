//! The session behind a request: from `Authorization: Bearer <token>`, never from the body.

use crate::auth::token_hash;
use crate::db::accounts::LearnerRow;
use crate::db::sessions::{ConsoleLimits, Lookup};
use crate::error::ApiError;
use crate::{AppState, now_ms};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

#[derive(Clone)]
pub struct Session {
    pub id: i64,
    /// The device the session was made on, as text (a UUID).
    pub device_id: String,
    pub learner: LearnerRow,
    /// Hash of the token this request presented (current or, after a lost rotation, previous).
    pub token_hash: String,
    /// The token itself, for rotation (its successor is derived from it); never stored.
    pub token: String,
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::Unauthorized("log in first: this needs a session (Authorization: Bearer <token>)".into()))?
            .trim();
        let hash = token_hash(token);
        match state.db.find_session(&hash, now_ms(), ConsoleLimits::default()).await? {
            Lookup::Live(row) => Ok(Session { id: row.id, device_id: row.device_id, learner: row.learner, token_hash: hash, token: token.to_owned() }),
            Lookup::Reused => Err(ApiError::SessionReused),
            Lookup::Expired => Err(ApiError::SessionExpired),
            Lookup::Ended => Err(ApiError::Unauthorized("this session has ended (signed out or revoked); log in again".into())),
        }
    }
}
