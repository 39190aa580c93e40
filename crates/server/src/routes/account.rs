//! A person changes their password; an admin resets someone's access; admins read the audit log.

use crate::access::Viewer;
use crate::auth::{activation_code, code_hash, hash_password};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use lentera_protocol::account::{AuditLog, ChangePasswordRequest, ResetResponse};
use lentera_protocol::{ApiErrorBody, Nip};

/// Entries one audit page shows; older ones stay in the database.
const AUDIT_PAGE: i64 = 500;

#[utoipa::path(post, path = "/auth/password", tag = "auth",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "The password is changed; the person's other devices are signed out"),
        (status = 400, description = "The new password breaks a rule (the message says which, in Bahasa Indonesia)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "The current password is wrong (the session stays)", body = ApiErrorBody),
        (status = 429, description = "Too many wrong current passwords from this device; see Retry-After", body = ApiErrorBody),
    ))]
pub async fn change_password(State(state): State<AppState>, session: Session, ApiJson(request): ApiJson<ChangePasswordRequest>) -> Result<StatusCode, ApiError> {
    let learner = &session.learner;
    // Guesses at the current password count like logins from this device: a stolen session cannot
    // try passwords without limit to learn one that also works elsewhere.
    let guard = &state.login_guard;
    let who = crate::auth::Who::KnownDevice { device: &session.device_id };
    let counted = guard.attempt(&state.db, &learner.nip, who, now_ms()).await?.map_err(|wait| ApiError::TooManyAttempts { retry_after_s: wait })?;
    let current_ok = crate::auth::verify_password_off_workers(&request.current_password, &learner.password_hash).await.map_err(|e| ApiError::Internal(e.into()))?;
    guard.settle(&state.db, &counted, current_ok).await?;
    if !current_ok {
        // 403, not 401: the session is fine, and clients end a session on a 401.
        return Err(ApiError::Forbidden("field `current_password`: Kata sandi saat ini salah; periksa lalu coba lagi (the current password is wrong)".into()));
    }
    crate::passwords::check("new_password", &request.new_password, &learner.nip)?;
    let hash = hash_password(&request.new_password).map_err(|e| ApiError::Internal(e.into()))?;
    state.db.change_password(learner.id, session.id, &hash, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/admin/people/{nip}/reset", tag = "organisation",
    params(("nip" = String, Path, description = "The person's NIP")),
    responses(
        (status = 200, description = "A new one-time activation code, shown this once; the old password and every session have ended", body = ResetResponse),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such person among the admin's units", body = ApiErrorBody),
        (status = 422, description = "An admin's own access: change the password instead", body = ApiErrorBody),
    ))]
pub async fn reset(State(state): State<AppState>, session: Session, Path(nip): Path<String>) -> Result<Json<ResetResponse>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_admin()?;
    let missing = || ApiError::Missing(format!("there is no staff member {nip} among your units"));
    let parsed = Nip::parse(nip.trim()).map_err(|_| missing())?;
    let person = state.db.learner_by_nip(&parsed).await?.filter(|p| viewer.scope.contains(p.unit_id)).ok_or_else(missing)?;
    if person.id == viewer.session.learner.id {
        return Err(ApiError::Unprocessable("you cannot reset your own access here (nobody could give you the code); change your password instead".into()));
    }
    let code = activation_code().map_err(|e| ApiError::Internal(e.into()))?;
    let entry = |ended: u64| crate::audit::entry(&viewer.session, "access_reset", &person.nip, &format!("kode aktivasi baru; {ended} sesi diakhiri"), person.unit_id);
    let ended = state.db.reset_access(person.id, &code_hash(&code), now_ms(), entry).await?;
    Ok(Json(ResetResponse { nip: person.nip, name: person.name, activation_code: code, sessions_ended: ended }))
}

#[utoipa::path(get, path = "/admin/audit", tag = "organisation",
    responses(
        (status = 200, description = "What admins and supervisors changed, newest first (the last 500)", body = AuditLog),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
    ))]
pub async fn audit(State(state): State<AppState>, session: Session) -> Result<Json<AuditLog>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    if !viewer.is_admin() {
        return Err(ApiError::Forbidden("only an administrator may read the change log".into()));
    }
    let units: Option<Vec<i64>> = match &viewer.scope {
        crate::db::org::Scope::Everything => None,
        crate::db::org::Scope::Units(set) => Some(set.iter().copied().collect()),
    };
    let entries = state.db.audit_entries(units.as_deref(), AUDIT_PAGE).await?;
    Ok(Json(AuditLog { entries }))
}
