//! Login by NIP and password, a session per device, and ending sessions.

use crate::{AppState, now_ms};
use crate::auth::{Who, dummy_hash, new_token, token_hash, verify_password_off_workers};
use crate::db::accounts::LearnerRow;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use axum::Json;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use lentera_protocol::{Account, ApiErrorBody, LoginRequest, LoginResponse, LogoutAllResponse, Nip, RotateResponse};
use std::net::SocketAddr;

/// The same answer for an unknown NIP and a wrong password: no one learns which NIPs exist.
const WRONG: &str = "NIP or password is wrong; check both and try again";

/// `?console=true`: the console's login, bounded by idle and absolute expiry (docs/security.md).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct LoginOptions {
    #[serde(default)]
    pub console: bool,
}

#[utoipa::path(post, path = "/auth/login", tag = "auth",
    params(LoginOptions),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "A new session for this device", body = LoginResponse),
        (status = 400, description = "Malformed request or NIP (the message names the wrong part)", body = ApiErrorBody),
        (status = 401, description = "Wrong NIP or password", body = ApiErrorBody),
        (status = 429, description = "Too many failed logins; see Retry-After", body = ApiErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(options): Query<LoginOptions>,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let guard = &state.login_guard;
    let (nip, address, device) = (request.nip.to_string(), peer.ip().to_string(), request.device_id.to_string());
    let now = now_ms();
    // A device that has held this account's session is throttled on its own, never with strangers.
    let who = if state.db.known_device(&nip, &device).await? { Who::KnownDevice { device: &device } } else { Who::Stranger { address: &address } };
    // Counted before the password check, in one statement: concurrent guesses cannot pass the limit.
    let counted = guard.attempt(&state.db, &nip, who, now).await?.map_err(|wait| ApiError::TooManyAttempts { retry_after_s: wait })?;
    let found = state.db.learner_by_nip(&request.nip).await?;
    // An unknown NIP still costs one argon2 check, so timing does not tell which NIPs exist.
    let hash = found.as_ref().map_or_else(|| dummy_hash(), |l| l.password_hash.as_str());
    let password_ok = verify_password_off_workers(&request.password, hash).await.map_err(|e| ApiError::Internal(e.into()))?;
    let learner = match found {
        Some(learner) if password_ok => learner,
        _ => return Err(ApiError::Unauthorized(WRONG.into())),
    };
    guard.settle(&state.db, &counted, true).await?;
    let token = new_token().map_err(|e| ApiError::Internal(e.into()))?;
    let salt = new_token().map_err(|e| ApiError::Internal(e.into()))?;
    state.db.insert_session(&token_hash(&token), learner.id, request.device_id, options.console, &salt, now_ms()).await?;
    Ok(Json(LoginResponse { token, account: account(&learner)? }))
}

#[utoipa::path(get, path = "/auth/me", tag = "auth",
    responses(
        (status = 200, description = "The account behind the session", body = Account),
        (status = 401, description = "No session, or it has ended", body = ApiErrorBody),
    ))]
pub async fn me(session: Session) -> Result<Json<Account>, ApiError> {
    Ok(Json(account(&session.learner)?))
}

#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    responses(
        (status = 204, description = "This device's session has ended"),
        (status = 401, description = "No session, or it has ended", body = ApiErrorBody),
    ))]
pub async fn logout(State(state): State<AppState>, session: Session) -> Result<StatusCode, ApiError> {
    state.db.revoke_session(session.id, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/auth/logout-all", tag = "auth",
    responses(
        (status = 200, description = "Every session of this account has ended", body = LogoutAllResponse),
        (status = 401, description = "No session, or it has ended", body = ApiErrorBody),
    ))]
pub async fn logout_all(State(state): State<AppState>, session: Session) -> Result<Json<LogoutAllResponse>, ApiError> {
    let revoked = state.db.revoke_all_sessions(session.learner.id, now_ms()).await?;
    Ok(Json(LogoutAllResponse { revoked }))
}

#[utoipa::path(post, path = "/auth/rotate", tag = "auth",
    responses(
        (status = 200, description = "The successor of the token sent (the same one if asked again before it is used); the one sent keeps working until the successor is used, and presenting it after that ends the session (`session_reused`)", body = RotateResponse),
        (status = 401, description = "No session, or it has ended", body = ApiErrorBody),
    ))]
pub async fn rotate(State(state): State<AppState>, session: Session) -> Result<Json<RotateResponse>, ApiError> {
    let fresh = new_token().map_err(|e| ApiError::Internal(e.into()))?;
    let salt = state.db.rotation_salt(session.id, &fresh).await?;
    // The same token always yields the same successor: two rotations racing (two tabs, a retry
    // after a lost answer) hand out one token, so neither leaves the phone holding a dead one.
    let token = crate::auth::successor_token(&session.token, &salt);
    if !state.db.rotate_session(session.id, &session.token_hash, &token_hash(&token), now_ms()).await? {
        return Err(ApiError::Unauthorized("this session has ended (signed out or revoked); log in again".into()));
    }
    Ok(Json(RotateResponse { token }))
}

fn account(learner: &LearnerRow) -> Result<Account, ApiError> {
    let nip = Nip::parse(&learner.nip).map_err(|e| ApiError::Internal(Box::new(e)))?;
    Ok(Account { nip, name: learner.name.clone(), unit: learner.unit.clone(), role: learner.role.clone(), employment: learner.employment() })
}

#[utoipa::path(post, path = "/auth/activate", tag = "auth",
    request_body = lentera_protocol::org::ActivateRequest,
    responses(
        (status = 204, description = "The password is set; log in with NIP and password"),
        (status = 400, description = "Password too short or malformed request", body = ApiErrorBody),
        (status = 401, description = "NIP and code do not match an account waiting for activation", body = ApiErrorBody),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = ApiErrorBody),
    ))]
pub async fn activate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<lentera_protocol::org::ActivateRequest>,
) -> Result<StatusCode, ApiError> {
    let nip = Nip::parse(&request.nip).map_err(|e| ApiError::InvalidRequest(format!("field `nip`: {e}")))?;
    crate::passwords::check("password", &request.password, nip.as_str())?;
    let guard = &state.login_guard;
    let (nip_key, address) = (nip.to_string(), peer.ip().to_string());
    let counted = guard
        .attempt(&state.db, &nip_key, Who::Stranger { address: &address }, now_ms())
        .await?
        .map_err(|wait| ApiError::TooManyAttempts { retry_after_s: wait })?;
    let hash = crate::auth::hash_password_off_workers(&request.password).await.map_err(|e| ApiError::Internal(e.into()))?;
    let code = request.code.clone();
    if state.db.activate(&nip_key, &crate::auth::code_hash(&code), &hash).await? {
        guard.settle(&state.db, &counted, true).await?;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Unauthorized("NIP or activation code is wrong, or the account is already active; check the code sheet from your admin".into()))
    }
}
