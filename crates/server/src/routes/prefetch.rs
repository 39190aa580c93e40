//! Assigned content arrives by itself: the packs a learner's phone should hold now, and what the
//! phone says it holds, which the supervisor sees on the person page (docs/activities.md).

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use lentera_protocol::{ApiErrorBody, Catalogue, HeldPacks, MAX_HELD_PACKS};

/// Course ids the learner's phone should hold, most urgent first, each once.
pub async fn wanted(state: &AppState, learner_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let mut ids = state.db.assigned_open_courses(learner_id).await?;
    ids.extend(state.db.pre_reading_courses(learner_id, now_ms()).await?);
    let mut seen = std::collections::BTreeSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    Ok(ids)
}

#[utoipa::path(get, path = "/prefetch/mine", tag = "sync",
    responses(
        (status = 200, description = "The packs the caller's phone should download by itself, most urgent first: assigned courses not \
            completed, then the pre-reading of trainings the caller has a confirmed place in that have not ended. The phone stops before the total of `pack_bytes` passes PREFETCH_LIMIT_BYTES (25,000,000 bytes)", body = Catalogue),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<Catalogue>, ApiError> {
    let ids = wanted(&state, session.learner.id).await?;
    let courses = ids.iter().filter_map(|id| state.library.packs.get(id)).map(|p| p.summary.clone()).collect();
    Ok(Json(Catalogue { courses }))
}

#[utoipa::path(post, path = "/prefetch/held", tag = "sync",
    request_body = HeldPacks,
    responses(
        (status = 204, description = "Noted: this list replaces what the server knew the caller's phone holds"),
        (status = 400, description = "Too many courses, a course twice, or a course the catalogue does not have", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn held(State(state): State<AppState>, session: Session, ApiJson(report): ApiJson<HeldPacks>) -> Result<StatusCode, ApiError> {
    if report.courses.len() > MAX_HELD_PACKS {
        return Err(ApiError::InvalidRequest(format!(
            "field `courses`: at most {MAX_HELD_PACKS} courses, got {}; send only the packs stored on the phone",
            report.courses.len()
        )));
    }
    let mut packs: Vec<(&str, u32)> = Vec::with_capacity(report.courses.len());
    for held in &report.courses {
        if !state.library.packs.contains_key(&held.id) {
            return Err(ApiError::InvalidRequest(format!("field `courses`: there is no course {:?}; nothing was recorded", held.id)));
        }
        if packs.iter().any(|(id, _)| *id == held.id) {
            return Err(ApiError::InvalidRequest(format!("field `courses`: course {:?} is listed twice; nothing was recorded", held.id)));
        }
        packs.push((&held.id, held.version));
    }
    state.db.replace_held_packs(session.learner.id, &packs, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}
