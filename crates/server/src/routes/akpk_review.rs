//! The supervisor's side of the needs analysis (docs/akpk.md): one person's ratings, answers and
//! plan; the supervisor's own levels; validating or returning a submitted plan. Scoped as the
//! person page: people in the caller's units (404 elsewhere), admins as they are scoped.

use super::staff::title_of;
use crate::access::Viewer;
use crate::db::akpk::Verdict;
use crate::routes::akpk_me::offers;
use crate::db::dashboard::Day;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, calendar, now_ms};
use axum::Json;
use axum::extract::{Path, Query, State};
use lentera_protocol::ApiErrorBody;
use lentera_protocol::akpk::{COACHING, COACHING_JP, FrameworkCompetency, LEVELS, PlanItem, QUESTIONS, Rating, position_key, propose};
use lentera_protocol::akpk_review::{AkpkStaff, Assessment, NOTE_MAX_CHARS, PLAN_TARGET_JP, PlanVerdict, PricedItem, StaffRating, SurveyAnswer};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct YearQuery {
    /// Calendar year (WIB); this year when absent.
    year: Option<u32>,
}

/// The year asked for, or this one; refused outside 2000-2100.
pub fn year_of(year: Option<u32>) -> Result<u32, ApiError> {
    let year = year.unwrap_or_else(|| u32::try_from(calendar::year_position(now_ms()).0).unwrap_or(2026));
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(ApiError::InvalidRequest("field `year`: a calendar year such as 2026".into()))
    }
}

/// The person behind `nip` when the caller supervises them (self included for reading).
struct Person {
    id: i64,
    unit: Option<i64>,
    nip: String,
    name: String,
    position: String,
}

async fn person(state: &AppState, viewer: &Viewer, nip: &str) -> Result<Person, ApiError> {
    viewer.require_supervisor()?;
    let nip = nip.trim();
    let (id, unit) = viewer.person(state, nip).await?;
    let figures = state.db.staff_figures(&[id], &Day::of(now_ms())).await?;
    let f = figures.into_iter().next().ok_or_else(|| ApiError::Missing(format!("there is no staff member {nip} among your units")))?;
    Ok(Person { id, unit, nip: f.nip, name: f.name, position: f.position })
}

/// A supervisor decides on others: their own levels and plan are for their own supervisor.
fn not_self(viewer: &Viewer, person: &Person) -> Result<(), ApiError> {
    if person.id == viewer.session.learner.id {
        return Err(ApiError::Forbidden("your own assessment and plan are decided by your supervisor, not by you".into()));
    }
    Ok(())
}

/// The required competencies of a position, in the framework's order, with the framework entries.
async fn required(state: &AppState, position: &str) -> Result<(Vec<FrameworkCompetency>, Vec<(String, u8)>), ApiError> {
    let framework = state.db.framework().await?;
    let needs = state.db.requirements_of(&position_key(position)).await?;
    let ordered = framework.iter().filter_map(|c| needs.iter().find(|(code, _)| code == &c.code).cloned()).collect();
    Ok((framework, ordered))
}

/// Items as the console lists them: titles from the library, JP as the proposal prices them
/// (coaching at its fixed JP, a course at the library's), the gaps each serves when proposed.
fn priced(state: &AppState, keys: &[String], proposal: &[PlanItem]) -> Vec<PricedItem> {
    keys.iter()
        .map(|key| {
            let proposed = proposal.iter().find(|i| &i.key == key);
            let jp = match state.library.packs.get(key) {
                Some(p) => p.summary.jp,
                None if key == COACHING => COACHING_JP,
                None => 0,
            };
            let title = if key.starts_with("form:") { String::new() } else { title_of(state, key) };
            PricedItem { key: key.clone(), title, competencies: proposed.map(|i| i.competencies.clone()).unwrap_or_default(), jp }
        })
        .collect()
}

fn jp_of(items: &[PricedItem]) -> u32 {
    items.iter().map(|i| i.jp).sum()
}

#[utoipa::path(get, path = "/akpk/staff/{nip}", tag = "supervisors",
    params(("nip" = String, Path, description = "The staff member's NIP"), YearQuery),
    responses(
        (status = 200, description = "Required competencies with self, supervisor and assessed levels and gaps; open answers; the plan's state; the proposal and the submitted items priced against 20 JP", body = AkpkStaff),
        (status = 400, description = "A year that is not one", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units", body = ApiErrorBody),
    ))]
pub async fn staff(State(state): State<AppState>, session: Session, Path(nip): Path<String>, Query(q): Query<YearQuery>) -> Result<Json<AkpkStaff>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let year = year_of(q.year)?;
    let person = person(&state, &viewer, &nip).await?;
    let (framework, needs) = required(&state, &person.position).await?;
    let given = state.db.kept_levels(person.id, year).await?;
    let level = |v: Option<i64>| v.and_then(|l| u8::try_from(l).ok());
    let ratings: Vec<Rating> = needs
        .iter()
        .map(|(code, required)| {
            let row = given.iter().find(|(c, _, _)| c == code);
            Rating { competency: code.clone(), required: *required, self_level: row.and_then(|r| level(r.1)), supervisor_level: row.and_then(|r| level(r.2)) }
        })
        .collect();
    let progress = state.db.kept_progress(person.id).await?;
    let survey = lentera_protocol::akpk::Survey::of(&progress.akpk, year);
    let answers = QUESTIONS
        .iter()
        .filter_map(|q| survey.answers.get(*q).map(|(_, text)| SurveyAnswer { question: (*q).to_owned(), text: text.clone() }))
        .collect();
    let completed: BTreeSet<String> = state.db.verdicts(person.id).await?.into_iter().filter(|v| v.status == "credited").map(|v| v.course_id).collect();
    let proposal_items = propose(&ratings, &framework, &offers(&state.library), &completed);
    let plan = state.db.plan_state(person.id, year).await?;
    let proposal_keys: Vec<String> = proposal_items.iter().map(|i| i.key.clone()).collect();
    let proposal = priced(&state, &proposal_keys, &proposal_items);
    let submitted = priced(&state, &plan.submitted, &proposal_items);
    let validated = priced(&state, &plan.validated, &proposal_items);
    let staff_ratings = ratings
        .iter()
        .map(|r| {
            let c = framework.iter().find(|c| c.code == r.competency);
            StaffRating {
                competency: r.competency.clone(),
                name: c.map(|c| c.name.clone()).unwrap_or_default(),
                levels: c.map(|c| c.levels.clone()).unwrap_or_default(),
                required: r.required,
                self_level: r.self_level,
                supervisor_level: r.supervisor_level,
                assessed: r.assessed(),
                gap: r.gap(),
            }
        })
        .collect();
    Ok(Json(AkpkStaff {
        year,
        nip: person.nip,
        name: person.name,
        position: person.position,
        ratings: staff_ratings,
        answers,
        plan,
        proposal_jp: jp_of(&proposal),
        proposal,
        submitted_jp: jp_of(&submitted),
        submitted,
        validated_jp: jp_of(&validated),
        validated,
        target_jp: PLAN_TARGET_JP,
    }))
}

#[utoipa::path(put, path = "/akpk/staff/{nip}/assessment", tag = "supervisors",
    params(("nip" = String, Path, description = "The staff member's NIP")),
    request_body = Assessment,
    responses(
        (status = 204, description = "The supervisor's levels are stored; they replace the self levels in the gaps"),
        (status = 400, description = "A competency the position does not require, a level outside 1-5, a repeated competency, or no levels", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own assessment", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units", body = ApiErrorBody),
    ))]
pub async fn assess(State(state): State<AppState>, session: Session, Path(nip): Path<String>, ApiJson(body): ApiJson<Assessment>) -> Result<axum::http::StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let year = year_of(Some(body.year))?;
    let person = person(&state, &viewer, &nip).await?;
    not_self(&viewer, &person)?;
    if body.levels.is_empty() {
        return Err(ApiError::InvalidRequest("field `levels`: give at least one competency and level".into()));
    }
    let (_, needs) = required(&state, &person.position).await?;
    let codes: Vec<&str> = needs.iter().map(|(c, _)| c.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut levels = Vec::new();
    for given in &body.levels {
        if !codes.contains(&given.competency.as_str()) {
            let position = if person.position.is_empty() { "(no position)".to_owned() } else { person.position.clone() };
            let list = if codes.is_empty() { "none".to_owned() } else { codes.join(", ") };
            return Err(ApiError::InvalidRequest(format!(
                "field `levels`: {} is not required of {position}; give levels only for {list}",
                given.competency
            )));
        }
        if !LEVELS.contains(&given.level) {
            return Err(ApiError::InvalidRequest(format!("field `levels`: the level of {} is {}; give a level from 1 to 5", given.competency, given.level)));
        }
        if !seen.insert(given.competency.as_str()) {
            return Err(ApiError::InvalidRequest(format!("field `levels`: {} is given twice; give each competency once", given.competency)));
        }
        levels.push((given.competency.clone(), given.level));
    }
    let detail = format!("{year}: {}", levels.iter().map(|(c, l)| format!("{c}={l}")).collect::<Vec<_>>().join(", "));
    let entry = crate::audit::entry(&viewer.session, "akpk_assess", &person.nip, &detail, person.unit);
    state.db.set_supervisor_levels(person.id, year, &levels, viewer.session.learner.id, now_ms(), &entry).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

async fn decide(state: AppState, session: Session, nip: String, body: PlanVerdict, verdict: Verdict) -> Result<axum::http::StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let year = year_of(Some(body.year))?;
    let person = person(&state, &viewer, &nip).await?;
    not_self(&viewer, &person)?;
    let note = body.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > NOTE_MAX_CHARS) {
        return Err(ApiError::InvalidRequest(format!("field `note`: write at most {NOTE_MAX_CHARS} characters")));
    }
    if verdict == Verdict::Return && note.is_none() {
        return Err(ApiError::InvalidRequest("field `note`: say what to change when sending a plan back".into()));
    }
    let (action, detail) = match verdict {
        Verdict::Validate => ("akpk_validate", format!("{year}{}", note.map(|n| format!(": {n}")).unwrap_or_default())),
        Verdict::Return => ("akpk_return", format!("{year}: {}", note.unwrap_or_default())),
    };
    let entry = crate::audit::entry(&viewer.session, action, &person.nip, &detail, person.unit);
    if state.db.decide_plan(person.id, year, verdict, note, viewer.session.learner.id, &entry).await? {
        Ok(axum::http::StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Conflict(format!(
            "{} has no plan for {year} waiting for a decision: it was not sent yet, or it was already validated or sent back; wait until they send it",
            person.name
        )))
    }
}

#[utoipa::path(post, path = "/akpk/staff/{nip}/plan/validate", tag = "supervisors",
    params(("nip" = String, Path, description = "The staff member's NIP")),
    request_body = PlanVerdict,
    responses(
        (status = 204, description = "The submitted items are the validated plan"),
        (status = 400, description = "A note over 1000 characters or a year that is not one", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own plan", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units", body = ApiErrorBody),
        (status = 409, description = "No submitted plan waits for a decision", body = ApiErrorBody),
    ))]
pub async fn validate(State(state): State<AppState>, session: Session, Path(nip): Path<String>, ApiJson(body): ApiJson<PlanVerdict>) -> Result<axum::http::StatusCode, ApiError> {
    decide(state, session, nip, body, Verdict::Validate).await
}

#[utoipa::path(post, path = "/akpk/staff/{nip}/plan/return", tag = "supervisors",
    params(("nip" = String, Path, description = "The staff member's NIP")),
    request_body = PlanVerdict,
    responses(
        (status = 204, description = "The plan is sent back with the note; a plan validated earlier stays validated"),
        (status = 400, description = "No note, a note over 1000 characters, or a year that is not one", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own plan", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units", body = ApiErrorBody),
        (status = 409, description = "No submitted plan waits for a decision", body = ApiErrorBody),
    ))]
pub async fn send_back(State(state): State<AppState>, session: Session, Path(nip): Path<String>, ApiJson(body): ApiJson<PlanVerdict>) -> Result<axum::http::StatusCode, ApiError> {
    decide(state, session, nip, body, Verdict::Return).await
}
