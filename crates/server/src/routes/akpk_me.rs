//! The learner's needs analysis for the year (docs/akpk.md): the survey their position asks for,
//! the levels the server knows and the plan's state; the phone keeps it for offline days.

use crate::AppState;
use crate::error::ApiError;
use crate::session::Session;
use axum::Json;
use axum::extract::{Query, State};
use lentera_protocol::ApiErrorBody;
use lentera_protocol::akpk::{AkpkMe, COACHING, COACHING_JP, Offer, PlanStatus, Rating, position_key};
use lentera_protocol::org::{MyPlan, PlanLine};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct YearQuery {
    /// Calendar year (WIB); this year when absent.
    year: Option<u32>,
}

#[utoipa::path(get, path = "/akpk/me", tag = "akpk",
    params(YearQuery),
    responses(
        (status = 200, description = "The year's survey for the learner's position (competencies, level descriptions, required levels), the levels the server knows, the library's courses and the plan's state", body = AkpkMe),
        (status = 400, description = "A year outside 2000-2100", body = ApiErrorBody),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session, Query(q): Query<YearQuery>) -> Result<Json<AkpkMe>, ApiError> {
    let year = crate::routes::akpk_review::year_of(q.year)?;
    let id = session.learner.id;
    let position = state.db.position_of(id).await?;
    let required = match &position {
        Some(name) => state.db.requirements_of(&position_key(name)).await?,
        None => Vec::new(),
    };
    let kept = state.db.kept_levels(id, year).await?;
    let competencies: Vec<_> = state.db.framework().await?.into_iter().filter(|c| required.iter().any(|(code, _)| code == &c.code)).collect();
    let ratings = competencies
        .iter()
        .map(|c| {
            let levels = kept.iter().find(|(code, _, _)| code == &c.code);
            let level = |l: Option<i64>| l.and_then(|l| u8::try_from(l).ok());
            Rating {
                competency: c.code.clone(),
                required: required.iter().find(|(code, _)| code == &c.code).map_or(0, |(_, l)| *l),
                self_level: levels.and_then(|(_, s, _)| level(*s)),
                supervisor_level: levels.and_then(|(_, _, s)| level(*s)),
            }
        })
        .collect();
    Ok(Json(AkpkMe {
        year,
        position,
        competencies,
        ratings,
        offers: offers(&state.library),
        completed: state.db.credited_courses(id).await?,
        plan: state.db.plan_state(id, year).await?,
    }))
}

/// The library's courses as the proposal prices them.
pub fn offers(library: &crate::content::Library) -> Vec<Offer> {
    library.packs.values().map(|p| Offer { id: p.summary.id.clone(), title: p.summary.title.clone(), jp: p.summary.jp }).collect()
}

/// Title and JP of a plan item: a course of the library, or a form of learning.
pub fn price(state: &AppState, key: &str) -> (String, u32) {
    if key == COACHING {
        return ("Coaching oleh atasan".into(), COACHING_JP);
    }
    state.library.packs.get(key).map_or_else(|| (key.to_owned(), 0), |p| (p.summary.title.clone(), p.summary.jp))
}

/// The plan line of the learner's ledger: the validated items once there are some, else those
/// sent; `None` while nothing was sent.
pub async fn my_plan(state: &AppState, learner_id: i64, year: u32) -> Result<Option<MyPlan>, ApiError> {
    let plan = state.db.plan_state(learner_id, year).await?;
    let status = match plan.status {
        PlanStatus::Draft => return Ok(None),
        PlanStatus::Submitted => "submitted",
        PlanStatus::Validated => "validated",
        PlanStatus::Returned => "returned",
    };
    let credited = state.db.credited_courses(learner_id).await?;
    let keys = if plan.validated.is_empty() { plan.submitted } else { plan.validated };
    let items: Vec<PlanLine> = keys
        .into_iter()
        .map(|key| {
            let (title, jp) = price(state, &key);
            PlanLine { done: credited.contains(&key), key, title, jp }
        })
        .collect();
    Ok(Some(MyPlan {
        status: status.into(),
        planned_jp: items.iter().map(|i| i.jp).sum(),
        done_jp: items.iter().filter(|i| i.done).map(|i| i.jp).sum(),
        items,
    }))
}
