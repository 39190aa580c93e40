//! The innovation-idea competition's rounds (docs/innovation.md): the admin opens one with a
//! weighted rubric and jurors, reads the ranking and publishes it; a round's status comes from its
//! WIB dates and publication, never from a device.

use super::idea_views::{ranking as ranking_of, round_view, status_of};
use crate::access::Viewer;
use crate::db::ideas::{NewRound, RoundRow};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, calendar, now_ms};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::idea::{Proposal, RoundInput, RoundResults, RoundStatus, RoundView, SECTIONS};

/// Rubric sizes and text lengths a round may have.
const MAX_CRITERIA: usize = 8;
const MAX_JURORS: usize = 10;
const THEME_MAX_CHARS: usize = 120;
const DESCRIPTION_MAX_CHARS: usize = 2000;
const CRITERION_MAX_CHARS: usize = 80;

/// Whether `round` lies within the admin's units (a round for everyone only for a whole-tree admin).
fn in_scope(viewer: &Viewer, round: &RoundRow) -> bool {
    match round.unit_id {
        Some(unit) => viewer.scope.contains(Some(unit)),
        None => matches!(viewer.scope, crate::db::org::Scope::Everything),
    }
}

/// The round, when the caller is an admin whose units hold it (404 otherwise: nobody learns of rounds elsewhere).
pub(super) async fn admin_round(state: &AppState, viewer: &Viewer, id: i64) -> Result<RoundRow, ApiError> {
    viewer.require_admin()?;
    match state.db.idea_round(id).await? {
        Some(round) if in_scope(viewer, &round) => Ok(round),
        _ => Err(ApiError::Missing(format!("there is no competition round {id} among your units"))),
    }
}

#[utoipa::path(get, path = "/ideas/rounds/admin", tag = "ideas",
    responses(
        (status = 200, description = "Rounds in the admin's units, newest deadline first, with rubric, jurors and counts", body = Vec<RoundView>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Vec<RoundView>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_admin()?;
    let mut out = Vec::new();
    for round in state.db.idea_rounds().await?.iter().filter(|r| in_scope(&viewer, r)) {
        out.push(round_view(&state, &viewer.tree, round).await?);
    }
    Ok(Json(out))
}

/// Checks a round as written and turns it into what is stored (jurors by id).
async fn checked<'a>(state: &AppState, viewer: &Viewer, input: &'a RoundInput) -> Result<NewRound<'a>, ApiError> {
    let bad = |m: String| Err(ApiError::InvalidRequest(m));
    let theme = input.theme.trim();
    if theme.is_empty() || theme.chars().count() > THEME_MAX_CHARS {
        return bad(format!("field `theme`: write the round's theme in 1 to {THEME_MAX_CHARS} characters"));
    }
    if input.description.chars().count() > DESCRIPTION_MAX_CHARS {
        return bad(format!("field `description`: write at most {DESCRIPTION_MAX_CHARS} characters"));
    }
    for (field, date) in [("opens_on", &input.opens_on), ("closes_on", &input.closes_on), ("judging_ends_on", &input.judging_ends_on)] {
        if !calendar::valid_date(date) {
            return bad(format!("field `{field}`: `{date}` is not a date; write it as YYYY-MM-DD"));
        }
    }
    if !(input.opens_on <= input.closes_on && input.closes_on <= input.judging_ends_on) {
        return bad("the dates must follow each other: opens_on, then closes_on (the deadline), then judging_ends_on".into());
    }
    if input.criteria.is_empty() || input.criteria.len() > MAX_CRITERIA {
        return bad(format!("field `criteria`: give 1 to {MAX_CRITERIA} criteria"));
    }
    for c in &input.criteria {
        let name = c.name.trim();
        if name.is_empty() || name.chars().count() > CRITERION_MAX_CHARS {
            return bad(format!("field `criteria`: name each criterion in 1 to {CRITERION_MAX_CHARS} characters"));
        }
        if !(1..=100).contains(&c.weight) {
            return bad(format!("field `criteria`: the weight of `{name}` is {}; give each a weight from 1 to 100 percent", c.weight));
        }
    }
    let sum: u32 = input.criteria.iter().map(|c| c.weight).sum();
    if sum != 100 {
        return bad(format!("field `criteria`: the weights add up to {sum} percent; make them add up to 100"));
    }
    let unit_id = match input.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(code) => Some(viewer.tree.by_code(code).filter(|u| viewer.scope.contains(Some(u.id))).map(|u| u.id).ok_or_else(|| {
            ApiError::Missing(format!("there is no unit {code} among your units; pick one from the list"))
        })?),
        None if matches!(viewer.scope, crate::db::org::Scope::Everything) => None,
        None => return bad("field `unit`: name the unit whose people may enter (only an administrator of the whole organisation may open a round to everyone)".into()),
    };
    if input.jurors.is_empty() || input.jurors.len() > MAX_JURORS {
        return bad(format!("field `jurors`: name 1 to {MAX_JURORS} jurors by NIP"));
    }
    let mut jurors = Vec::new();
    for nip in input.jurors.iter().map(|n| n.trim()) {
        let found = match lentera_protocol::Nip::parse(nip) {
            Ok(parsed) => state.db.learner_by_nip(&parsed).await?,
            Err(_) => None,
        };
        let juror = found.filter(|j| viewer.scope.contains(j.unit_id) || j.id == viewer.session.learner.id);
        let Some(juror) = juror else { return Err(ApiError::Missing(format!("field `jurors`: there is no staff member {nip} among your units"))) };
        if !matches!(juror.role.as_str(), "supervisor" | "admin") {
            return bad(format!("field `jurors`: {nip} ({}) cannot use the console; jurors score there, so choose supervisors or administrators", juror.name));
        }
        if jurors.contains(&juror.id) {
            return bad(format!("field `jurors`: {nip} is named twice"));
        }
        jurors.push(juror.id);
    }
    Ok(NewRound {
        theme,
        description: input.description.trim(),
        opens_on: &input.opens_on,
        closes_on: &input.closes_on,
        judging_ends_on: &input.judging_ends_on,
        unit_id,
        criteria: input.criteria.iter().map(|c| (c.name.trim().to_owned(), i64::from(c.weight))).collect(),
        jurors,
    })
}

#[utoipa::path(post, path = "/ideas/rounds", tag = "ideas",
    request_body = RoundInput,
    responses(
        (status = 201, description = "The round is opened", body = RoundView),
        (status = 400, description = "A field breaks a rule (dates out of order, weights not adding up to 100, a juror who cannot use the console); the message says which", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "A unit or juror not among the admin's units", body = ApiErrorBody),
    ))]
pub async fn create(State(state): State<AppState>, session: Session, ApiJson(input): ApiJson<RoundInput>) -> Result<(StatusCode, Json<RoundView>), ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_admin()?;
    let new = checked(&state, &viewer, &input).await?;
    let audit = crate::audit::entry(&viewer.session, "idea_round_open", new.theme, &format!("{} – {}", new.opens_on, new.closes_on), new.unit_id);
    let id = state.db.create_idea_round(&new, viewer.session.learner.id, now_ms(), &audit).await?;
    let round = state.db.idea_round(id).await?.ok_or_else(|| ApiError::Missing(format!("round {id} vanished")))?;
    Ok((StatusCode::CREATED, Json(round_view(&state, &viewer.tree, &round).await?)))
}

#[utoipa::path(put, path = "/ideas/rounds/{id}", tag = "ideas",
    params(("id" = i64, Path, description = "The round's id")),
    request_body = RoundInput,
    responses(
        (status = 200, description = "The round as changed", body = RoundView),
        (status = 400, description = "A field breaks a rule; the message says which", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such round among the admin's units", body = ApiErrorBody),
        (status = 409, description = "Jurors have scored or the results are published: the rubric is fixed", body = ApiErrorBody),
    ))]
pub async fn update(State(state): State<AppState>, session: Session, Path(id): Path<i64>, ApiJson(input): ApiJson<RoundInput>) -> Result<Json<RoundView>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    admin_round(&state, &viewer, id).await?;
    let new = checked(&state, &viewer, &input).await?;
    let audit = crate::audit::entry(&viewer.session, "idea_round_change", new.theme, &format!("{} – {}", new.opens_on, new.closes_on), new.unit_id);
    if !state.db.update_idea_round(id, &new, &audit).await? {
        return Err(ApiError::Conflict("jurors have started scoring or the results are published, so the round can no longer change".into()));
    }
    let round = state.db.idea_round(id).await?.ok_or_else(|| ApiError::Missing(format!("round {id} vanished")))?;
    Ok(Json(round_view(&state, &viewer.tree, &round).await?))
}

/// The ranking and whether it may be published now.
async fn results_of(state: &AppState, viewer: &Viewer, round: &RoundRow) -> Result<RoundResults, ApiError> {
    let view = round_view(state, &viewer.tree, round).await?;
    let (ranking, complete) = ranking_of(state, round, round.published_at_ms.is_some()).await?;
    let today = calendar::date(now_ms());
    let can_publish = view.status == RoundStatus::Judging && (complete || today > round.judging_ends_on);
    Ok(RoundResults { round: view, ranking, complete, can_publish })
}

#[utoipa::path(get, path = "/ideas/rounds/{id}/results", tag = "ideas",
    params(("id" = i64, Path, description = "The round's id")),
    responses(
        (status = 200, description = "The ranking by weighted score, ties explained; authors only once published", body = RoundResults),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such round among the admin's units", body = ApiErrorBody),
    ))]
pub async fn results(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Result<Json<RoundResults>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let round = admin_round(&state, &viewer, id).await?;
    results_of(&state, &viewer, &round).await.map(Json)
}

#[utoipa::path(post, path = "/ideas/rounds/{id}/publish", tag = "ideas",
    params(("id" = i64, Path, description = "The round's id")),
    responses(
        (status = 200, description = "Published: participants see their place at their next sync", body = RoundResults),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such round among the admin's units", body = ApiErrorBody),
        (status = 409, description = "Not yet: the round is open, or jurors still score before the judging date; or already published", body = ApiErrorBody),
    ))]
pub async fn publish(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Result<Json<RoundResults>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let round = admin_round(&state, &viewer, id).await?;
    let before = results_of(&state, &viewer, &round).await?;
    if !before.can_publish {
        let why = match before.round.status {
            RoundStatus::Published => "the results are already published".to_owned(),
            RoundStatus::Upcoming | RoundStatus::Open => format!("the round is still open for ideas until {}", round.closes_on),
            RoundStatus::Judging => format!("jurors have not scored every idea yet; publish once they have, or after {}", round.judging_ends_on),
        };
        return Err(ApiError::Conflict(why));
    }
    let audit = crate::audit::entry(&viewer.session, "idea_round_publish", &round.theme, &format!("{} ideas ranked", before.ranking.len()), round.unit_id);
    if !state.db.publish_idea_round(id, viewer.session.learner.id, now_ms(), &audit).await? {
        return Err(ApiError::Conflict("the results are already published".into()));
    }
    let round = state.db.idea_round(id).await?.ok_or_else(|| ApiError::Missing(format!("round {id} vanished")))?;
    results_of(&state, &viewer, &round).await.map(Json)
}

#[utoipa::path(get, path = "/ideas/rounds/{id}/proposal/{number}", tag = "ideas",
    params(("id" = i64, Path, description = "The round's id"), ("number" = u32, Path, description = "The idea's number in the round")),
    responses(
        (status = 200, description = "A published idea as a KIPP-style proposal: title, the five sections, author, unit and team", body = Proposal),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such round among the admin's units, or no such idea", body = ApiErrorBody),
        (status = 409, description = "The results are not published yet (authors stay hidden until then)", body = ApiErrorBody),
    ))]
pub async fn proposal(State(state): State<AppState>, session: Session, Path((id, number)): Path<(i64, u32)>) -> Result<Json<Proposal>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let round = admin_round(&state, &viewer, id).await?;
    if status_of(&round) != RoundStatus::Published {
        return Err(ApiError::Conflict("authors stay hidden until the results are published; publish them first".into()));
    }
    let ideas = state.db.endorsed_ideas(id).await?;
    let idea = ideas.iter().find(|i| i.row.number == Some(i64::from(number))).ok_or_else(|| ApiError::Missing(format!("round {id} has no idea {number}")))?;
    let draft: crate::db::idea_push::IdeaDraft = serde_json::from_str(&idea.row.draft).map_err(|e| ApiError::Internal(Box::new(e)))?;
    let names = state.db.names_by_nip(&draft.team).await?;
    let team = draft.team.iter().map(|nip| (nip.clone(), names.iter().find(|(n, _)| n == nip).map(|(_, name)| name.clone()).unwrap_or_default())).collect();
    let sections = SECTIONS.iter().zip(draft.items.iter().chain(std::iter::repeat(&String::new()))).map(|((_, name), text)| ((*name).to_owned(), text.clone())).collect();
    let (ranking, _) = ranking_of(&state, &round, true).await?;
    let place = ranking.iter().find(|r| r.number == number);
    Ok(Json(Proposal {
        round_theme: round.theme,
        number,
        title: idea.row.title.clone(),
        sections,
        author_nip: idea.nip.clone(),
        author_name: idea.name.clone(),
        unit: idea.unit_name.clone().unwrap_or_default(),
        team,
        rank: place.and_then(|p| p.rank),
        of: ranking.iter().filter(|r| r.rank.is_some()).count() as u32,
        score_hundredths: place.and_then(|p| p.score_hundredths),
        tie_note: place.and_then(|p| p.tie_note.clone()),
    }))
}
