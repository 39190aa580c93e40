//! Internship placements (magang) at partners (docs/activities.md): an admin records who goes
//! where and when; the learner sees their own. Their log entries and the supervisor's confirmation
//! follow as for any other entry.

use crate::access::Viewer;
use crate::db::learning_log::{InternshipRow, NewPlacement};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, calendar, now_ms};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::activity::{Internship, NewInternship};

/// Longest partner name or place.
const MAX_TEXT_CHARS: usize = 200;

fn view(row: InternshipRow) -> Internship {
    Internship {
        id: row.id,
        nip: row.nip,
        name: row.name,
        partner_name: row.partner_name,
        partner_id: row.partner_id,
        place: row.place,
        start_date: row.start_date,
        end_date: row.end_date,
    }
}

fn text<'a>(field: &str, value: &'a str) -> Result<&'a str, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::InvalidRequest(format!("field `{field}`: write 1 to {MAX_TEXT_CHARS} characters")));
    }
    Ok(value)
}

#[utoipa::path(get, path = "/internships", tag = "learning log",
    responses(
        (status = 200, description = "Placements of people in the admin's units, newest start first", body = Vec<Internship>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Vec<Internship>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_admin()?;
    let units = match viewer.scope {
        crate::db::org::Scope::Everything => None,
        _ => Some(viewer.unit_ids(None)?),
    };
    Ok(Json(state.db.internships(units.as_deref()).await?.into_iter().map(view).collect()))
}

#[utoipa::path(post, path = "/internships", tag = "learning log",
    request_body = NewInternship,
    responses(
        (status = 201, description = "The placement is recorded", body = Internship),
        (status = 400, description = "An empty or over-long partner or place, a date that is not one, or an end before the start", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such person among the admin's units", body = ApiErrorBody),
    ))]
pub async fn create(State(state): State<AppState>, session: Session, ApiJson(body): ApiJson<NewInternship>) -> Result<(StatusCode, Json<Internship>), ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_admin()?;
    let partner_name = text("partner_name", &body.partner_name)?;
    let place = text("place", &body.place)?;
    for (field, date) in [("start_date", &body.start_date), ("end_date", &body.end_date)] {
        if !calendar::valid_date(date) {
            return Err(ApiError::InvalidRequest(format!("field `{field}`: `{date}` is not a date; write YYYY-MM-DD")));
        }
    }
    if body.end_date < body.start_date {
        return Err(ApiError::InvalidRequest("field `end_date`: the placement ends before it starts; check the dates".into()));
    }
    let nip = body.nip.trim();
    let (learner_id, unit) = viewer.person(&state, nip).await?;
    let new = NewPlacement { learner_id, partner_name, partner_id: body.partner_id, place, start_date: &body.start_date, end_date: &body.end_date };
    let detail = format!("{partner_name}, {place}, {} – {}", body.start_date, body.end_date);
    let audit = crate::audit::entry(&viewer.session, "internship_add", nip, &detail, unit);
    let id = state.db.add_internship(&new, viewer.session.learner.id, now_ms(), &audit).await?;
    let row = state.db.internships_of(learner_id).await?.into_iter().find(|r| r.id == id).ok_or_else(|| ApiError::Missing("the placement vanished; try again".into()))?;
    Ok((StatusCode::CREATED, Json(view(row))))
}

#[utoipa::path(get, path = "/internships/mine", tag = "learning log",
    responses(
        (status = 200, description = "The caller's own placements, newest start first", body = Vec<Internship>),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<Vec<Internship>>, ApiError> {
    Ok(Json(state.db.internships_of(session.learner.id).await?.into_iter().map(view).collect()))
}
