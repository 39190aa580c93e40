//! Assignments: a supervisor assigns a course with a due date; the learner's devices fetch theirs on sync.

use super::dashboard::Today;
use super::staff::{assignment_view, title_of};
use crate::access::Viewer;
use crate::calendar;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use lentera_protocol::ApiErrorBody;
use crate::db::standing::StandingRow;
use lentera_protocol::org::{AssignmentList, AssignmentOverview, AssignmentsMade, NewAssignment, StandingView};
use serde::Deserialize;
use std::collections::BTreeSet;

#[utoipa::path(post, path = "/assignments", tag = "supervisors",
    request_body = NewAssignment,
    responses(
        (status = 200, description = "Who was assigned now and whose due date changed", body = AssignmentsMade),
        (status = 400, description = "Unknown course, bad date, or nobody to assign", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "A person or unit not among the caller's units; nothing was assigned", body = ApiErrorBody),
    ))]
pub async fn create(State(state): State<AppState>, session: Session, ApiJson(new): ApiJson<NewAssignment>) -> Result<Json<AssignmentsMade>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    if !state.library.packs.contains_key(&new.course_id) {
        return Err(ApiError::InvalidRequest(format!("field `course_id`: there is no course {}; pick one from the catalogue", new.course_id)));
    }
    let today = Today::now();
    if !calendar::valid_date(&new.due_date) || new.due_date < today.date {
        return Err(ApiError::InvalidRequest(format!("field `due_date`: give a date from today ({}) on, as YYYY-MM-DD", today.date)));
    }
    let mut learners = BTreeSet::new();
    let mut first_unit = None;
    for nip in &new.nips {
        let (id, unit) = viewer.person(&state, nip.trim()).await?;
        learners.insert(id);
        first_unit = first_unit.or(unit);
    }
    let mut unit = None;
    if let Some(code) = new.unit.as_deref() {
        let ids = viewer.unit_ids(Some(code))?;
        learners.extend(state.db.people_in(&ids).await?.into_iter().map(|(id, _, _)| id));
        unit = viewer.tree.by_code(code).map(|u| u.id);
    }
    if learners.is_empty() && unit.is_none() {
        return Err(ApiError::InvalidRequest("give `nips` or a `unit`; nobody was assigned".into()));
    }
    let (by, now) = (viewer.session.learner.id, now_ms());
    let ids: Vec<i64> = learners.into_iter().collect();
    let whom = match new.unit.as_deref() {
        Some(code) => format!("unit {code}"),
        None => new.nips.join(", "),
    };
    let entry = |assigned: u32, updated: u32| {
        let detail = format!("{whom}; tenggat {}; {assigned} baru, {updated} diubah", new.due_date);
        Some(crate::audit::entry(&viewer.session, "assign", &new.course_id, &detail, unit.or(first_unit)))
    };
    let (assigned, updated) = state.db.assign_audited(&ids, unit, &new.course_id, &new.due_date, by, now, entry).await?;
    Ok(Json(AssignmentsMade { assigned, updated }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// A unit code: that unit and everything below. Absent: all the caller's units.
    unit: Option<String>,
}

#[utoipa::path(get, path = "/assignments", tag = "supervisors",
    params(ListQuery),
    responses(
        (status = 200, description = "Assignments of the people in view, and courses standing for their units, by due date", body = AssignmentOverview),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such unit among the caller's units", body = ApiErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, session: Session, Query(q): Query<ListQuery>) -> Result<Json<AssignmentOverview>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let ids = viewer.unit_ids(q.unit.as_deref())?;
    let today = Today::now();
    let rows = state.db.assignments_of(Some(&ids), None).await?;
    let standing = state.db.standing_of(&ids).await?;
    Ok(Json(AssignmentOverview {
        assignments: rows.iter().map(|a| assignment_view(&state, a, &today.date)).collect(),
        standing: standing.into_iter().map(|s| standing_view(&state, s, &today.date)).collect(),
    }))
}

fn standing_view(state: &AppState, s: StandingRow, today: &str) -> StandingView {
    let (title, active) = (title_of(state, &s.course_id), s.due_date.as_str() >= today);
    StandingView { id: s.id, unit_code: s.unit_code, unit_name: s.unit_name, course_id: s.course_id, title, due_date: s.due_date, assigned_by: s.assigned_by, active }
}

#[utoipa::path(get, path = "/assignments/mine", tag = "supervisors",
    responses(
        (status = 200, description = "The caller's own assignments (the device keeps them for offline)", body = AssignmentList),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<AssignmentList>, ApiError> {
    let today = Today::now();
    let rows = state.db.assignments_of(None, Some(session.learner.id)).await?;
    Ok(Json(AssignmentList { assignments: rows.iter().map(|a| assignment_view(&state, a, &today.date)).collect() }))
}

#[utoipa::path(delete, path = "/assignments/{id}", tag = "supervisors",
    params(("id" = i64, Path, description = "The assignment's id")),
    responses(
        (status = 204, description = "The assignment is withdrawn"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such assignment among the caller's units", body = ApiErrorBody),
    ))]
pub async fn delete(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Result<StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let found = state.db.assignment(id).await?;
    let unit = found.as_ref().map(|a| a.unit_id);
    let entry = found.map(|a| crate::audit::entry(&viewer.session, "unassign", &a.course_id, &format!("{} (tenggat {})", a.nip, a.due_date), a.unit_id));
    withdraw(&viewer, unit, state.db.delete_assignment(id, entry.as_ref()), format!("there is no assignment {id} among your units")).await
}

#[utoipa::path(delete, path = "/assignments/units/{id}", tag = "supervisors",
    params(("id" = i64, Path, description = "The standing assignment's id")),
    responses(
        (status = 204, description = "People who join the unit later are no longer assigned the course; those assigned keep it"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such standing assignment among the caller's units", body = ApiErrorBody),
    ))]
pub async fn stop_standing(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Result<StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let found = state.db.standing(id).await?;
    let unit = found.as_ref().map(|s| Some(s.unit_id));
    let entry = found.map(|s| crate::audit::entry(&viewer.session, "standing_stop", &s.course_id, &format!("unit {} (tenggat {})", s.unit_code, s.due_date), Some(s.unit_id)));
    withdraw(&viewer, unit, state.db.stop_standing(id, entry.as_ref()), format!("there is no unit assignment {id} among your units")).await
}

/// Runs `remove` when the thing found (`Some(its unit)`) lies among the caller's units; anything
/// else is the same 404, so an id outside them reveals nothing.
async fn withdraw(
    viewer: &Viewer,
    found: Option<Option<i64>>,
    remove: impl Future<Output = Result<(), sqlx::Error>>,
    missing: String,
) -> Result<StatusCode, ApiError> {
    match found {
        Some(unit) if viewer.scope.contains(unit) => {
            remove.await?;
            Ok(StatusCode::NO_CONTENT)
        }
        _ => Err(ApiError::Missing(missing)),
    }
}
