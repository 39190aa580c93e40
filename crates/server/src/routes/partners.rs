//! Partner organisations (docs/activities.md): universities, companies and agencies that run
//! trainings with the agency. Supervisors read them (to schedule); admins add and edit them.

use crate::access::Viewer;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::activity::Partner;

/// Partner kinds as stored.
pub const KINDS: [&str; 3] = ["university", "company", "agency"];

const PROFILE_MAX_CHARS: usize = 1000;

/// The partner as sent, trimmed and checked; the message names the field to fix.
fn checked(input: Partner) -> Result<Partner, ApiError> {
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::InvalidRequest("field `name`: give the partner's name (at most 200 characters)".into()));
    }
    if !KINDS.contains(&input.kind.as_str()) {
        return Err(ApiError::InvalidRequest(format!("field `kind`: `{}` is not a kind; use university, company or agency", input.kind)));
    }
    let profile = input.profile.trim().to_owned();
    if profile.chars().count() > PROFILE_MAX_CHARS {
        return Err(ApiError::InvalidRequest(format!("field `profile`: write at most {PROFILE_MAX_CHARS} characters")));
    }
    let website = input.website.map(|w| w.trim().to_owned()).filter(|w| !w.is_empty());
    if let Some(w) = &website
        && !super::trainings::is_https(w)
    {
        return Err(ApiError::InvalidRequest("field `website`: give an https:// address".into()));
    }
    Ok(Partner { id: 0, name, kind: input.kind, profile, website })
}

#[utoipa::path(get, path = "/partners", tag = "trainings",
    responses(
        (status = 200, description = "Every partner, by name", body = [Partner]),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Vec<Partner>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    Ok(Json(state.db.partners().await?))
}

#[utoipa::path(post, path = "/partners", tag = "trainings",
    request_body = Partner,
    responses(
        (status = 201, description = "The partner was added (`id` in the body is ignored)", body = Partner),
        (status = 400, description = "A field is wrong (the message names it)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 409, description = "A partner of that name exists", body = ApiErrorBody),
    ))]
pub async fn create(State(state): State<AppState>, session: Session, ApiJson(input): ApiJson<Partner>) -> Result<(StatusCode, Json<Partner>), ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    require_admin(&viewer)?;
    let partner = checked(input)?;
    if state.db.partner_named(&partner.name).await?.is_some() {
        return Err(ApiError::Conflict(format!("there is already a partner named {}; edit that one", partner.name)));
    }
    let entry = crate::audit::entry(&viewer.session, "partner_create", &partner.name, &partner.kind, None);
    let saved = state.db.put_partner(None, &partner, now_ms(), Some(&entry)).await?;
    let saved = saved.ok_or_else(|| ApiError::Internal("the partner was not stored".into()))?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(put, path = "/partners/{id}", tag = "trainings",
    params(("id" = i64, Path, description = "The partner's id")),
    request_body = Partner,
    responses(
        (status = 200, description = "The partner as changed", body = Partner),
        (status = 400, description = "A field is wrong (the message names it)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such partner", body = ApiErrorBody),
        (status = 409, description = "Another partner has that name", body = ApiErrorBody),
    ))]
pub async fn update(State(state): State<AppState>, session: Session, Path(id): Path<i64>, ApiJson(input): ApiJson<Partner>) -> Result<Json<Partner>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    require_admin(&viewer)?;
    if !state.db.partners().await?.iter().any(|p| p.id == id) {
        return Err(missing(id));
    }
    let partner = checked(input)?;
    if state.db.partner_named(&partner.name).await?.is_some_and(|other| other != id) {
        return Err(ApiError::Conflict(format!("another partner is named {}; choose a different name", partner.name)));
    }
    let entry = crate::audit::entry(&viewer.session, "partner_update", &partner.name, &partner.kind, None);
    match state.db.put_partner(Some(id), &partner, now_ms(), Some(&entry)).await? {
        Some(saved) => Ok(Json(saved)),
        None => Err(missing(id)),
    }
}

fn missing(id: i64) -> ApiError {
    ApiError::Missing(format!("there is no partner {id}; pick one from the list"))
}

fn require_admin(viewer: &Viewer) -> Result<(), ApiError> {
    if viewer.is_admin() {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only an administrator may add or edit partners".into()))
    }
}
