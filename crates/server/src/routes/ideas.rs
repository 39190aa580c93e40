//! The innovation-idea competition for learners, supervisors and jurors (docs/innovation.md): the
//! rounds a learner may enter and their own ideas as the server decided them; the supervisor's
//! endorse-or-return queue; a juror's anonymous scoring sheet.

use super::idea_views::{criteria_of, ranking, sheets, status_of};
use crate::access::Viewer;
use crate::db::idea_push::IdeaDraft;
use crate::db::ideas::{IdeaRow, RoundRow};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, calendar, now_ms};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::idea::{
    IdeaResult, IdeaRound, IdeaStatus, JudgingView, JurorIdea, MyIdea, NOTE_MAX_CHARS, ReturnIdea, ReviewIdea, RoundStatus, SCORE_MAX, ScoreInput,
};

fn idea_status(text: &str) -> IdeaStatus {
    match text {
        "submitted" => IdeaStatus::Submitted,
        "late" => IdeaStatus::Late,
        "endorsed" => IdeaStatus::Endorsed,
        "returned" => IdeaStatus::Returned,
        _ => IdeaStatus::Draft,
    }
}

fn draft_of(row: &IdeaRow) -> Result<IdeaDraft, ApiError> {
    serde_json::from_str(&row.draft).map_err(|e| ApiError::Internal(Box::new(e)))
}

/// Rounds open to a person placed in `unit_id`: everyone's, and those of their unit or a unit above it.
fn open_to(state_rounds: Vec<RoundRow>, viewer: &Viewer) -> Vec<RoundRow> {
    let chain = viewer.tree.chain(viewer.session.learner.unit_id);
    state_rounds.into_iter().filter(|r| r.unit_id.is_none_or(|u| chain.contains(&u))).collect()
}

#[utoipa::path(get, path = "/ideas/rounds", tag = "ideas",
    responses(
        (status = 200, description = "Rounds the caller may enter or see: theirs by unit, with dates, status and rubric", body = Vec<IdeaRound>),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn rounds(State(state): State<AppState>, session: Session) -> Result<Json<Vec<IdeaRound>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let mut out = Vec::new();
    for round in open_to(state.db.idea_rounds().await?, &viewer) {
        out.push(IdeaRound {
            id: round.id,
            criteria: criteria_of(&state, round.id).await?,
            status: status_of(&round),
            theme: round.theme,
            description: round.description,
            opens_on: round.opens_on,
            closes_on: round.closes_on,
        });
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/ideas/mine", tag = "ideas",
    responses(
        (status = 200, description = "The caller's ideas as the server decided them: status, the supervisor's note, and the place once results are published", body = Vec<MyIdea>),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<Vec<MyIdea>>, ApiError> {
    let me = session.learner.id;
    let mut out = Vec::new();
    for row in state.db.ideas_of(me).await? {
        let mut result = None;
        if let (Some(round_id), Some(number), "endorsed") = (row.round_id, row.number, row.status.as_str()) {
            let round = state.db.idea_round(round_id).await?.filter(|r| r.published_at_ms.is_some());
            if let Some(round) = round {
                let (places, _) = ranking(&state, &round, false).await?;
                let of = places.iter().filter(|p| p.rank.is_some()).count() as u32;
                result = places.into_iter().find(|p| i64::from(p.number) == number).and_then(|p| {
                    Some(IdeaResult { rank: p.rank?, of, score_hundredths: p.score_hundredths?, tie_note: p.tie_note })
                });
            }
        }
        out.push(MyIdea { entry: row.entry, round: row.round, title: row.title, status: idea_status(&row.status), note: row.note, result });
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/ideas/review", tag = "ideas",
    responses(
        (status = 200, description = "Ideas handed in on time by people in the caller's units (never the caller's own), oldest first", body = Vec<ReviewIdea>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
    ))]
pub async fn review(State(state): State<AppState>, session: Session) -> Result<Json<Vec<ReviewIdea>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let units = match viewer.scope {
        crate::db::org::Scope::Everything => None,
        _ => Some(viewer.unit_ids(None)?),
    };
    let rounds = state.db.idea_rounds().await?;
    let mut out = Vec::new();
    for idea in state.db.idea_review(units.as_deref(), viewer.session.learner.id).await? {
        let draft = draft_of(&idea.row)?;
        let round = rounds.iter().find(|r| Some(r.id) == idea.row.round_id);
        out.push(ReviewIdea {
            nip: idea.nip,
            name: idea.name,
            unit: idea.unit_name.unwrap_or_default(),
            entry: idea.row.entry,
            round_id: idea.row.round_id.unwrap_or_default(),
            round_theme: round.map(|r| r.theme.clone()).unwrap_or_default(),
            title: idea.row.title,
            items: draft.items,
            team: draft.team,
            status: idea_status(&idea.row.status),
        });
    }
    Ok(Json(out))
}

/// The person (in the caller's units, not the caller) and their idea waiting for a decision.
async fn waiting(state: &AppState, viewer: &Viewer, nip: &str, entry: &str) -> Result<(i64, Option<i64>, IdeaRow), ApiError> {
    viewer.require_supervisor()?;
    let nip = nip.trim();
    let (id, unit) = viewer.person(state, nip).await?;
    if id == viewer.session.learner.id {
        return Err(ApiError::Forbidden("your own idea is endorsed by your supervisor, not by you".into()));
    }
    let row = state.db.idea(id, entry).await?.ok_or_else(|| ApiError::Missing(format!("{nip} has no idea {entry}")))?;
    if row.status != "submitted" {
        let now = match row.status.as_str() {
            "endorsed" => "it was already endorsed",
            "returned" => "it was returned and waits for the learner to send it again",
            "late" => "it was handed in outside the round's dates",
            _ => "the learner has not handed it in yet",
        };
        return Err(ApiError::Conflict(format!("this idea is not waiting for a decision: {now}")));
    }
    Ok((id, unit, row))
}

#[utoipa::path(post, path = "/ideas/review/{nip}/{entry}/endorse", tag = "ideas",
    params(("nip" = String, Path, description = "The learner's NIP"), ("entry" = String, Path, description = "The idea's id")),
    responses(
        (status = 204, description = "Endorsed: the idea goes to the jurors as it is now, under a neutral number"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own idea", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units, or no such idea", body = ApiErrorBody),
        (status = 409, description = "Not waiting for a decision, changed meanwhile, or the round's results are published", body = ApiErrorBody),
    ))]
pub async fn endorse(State(state): State<AppState>, session: Session, Path((nip, entry)): Path<(String, String)>) -> Result<StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let (id, unit, row) = waiting(&state, &viewer, &nip, &entry).await?;
    let round = match row.round_id {
        Some(r) => state.db.idea_round(r).await?,
        None => None,
    };
    if round.as_ref().is_none_or(|r| r.published_at_ms.is_some()) {
        return Err(ApiError::Conflict("the round's results are already published; the idea can no longer be judged".into()));
    }
    let audit = crate::audit::entry(&viewer.session, "idea_endorse", nip.trim(), &format!("{entry}: {}", row.title), unit);
    if state.db.endorse_idea(id, &entry, &row.draft_event, viewer.session.learner.id, now_ms(), &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Conflict("the learner changed this idea while you read it; open the queue again".into()))
    }
}

#[utoipa::path(post, path = "/ideas/review/{nip}/{entry}/return", tag = "ideas",
    params(("nip" = String, Path, description = "The learner's NIP"), ("entry" = String, Path, description = "The idea's id")),
    request_body = ReturnIdea,
    responses(
        (status = 204, description = "Returned with the note; the learner may change it and hand it in again before the deadline"),
        (status = 400, description = "No note, or a note over 1000 characters", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own idea", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units, or no such idea", body = ApiErrorBody),
        (status = 409, description = "Not waiting for a decision", body = ApiErrorBody),
    ))]
pub async fn send_back(State(state): State<AppState>, session: Session, Path((nip, entry)): Path<(String, String)>, ApiJson(body): ApiJson<ReturnIdea>) -> Result<StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let note = body.note.trim();
    if note.is_empty() {
        return Err(ApiError::InvalidRequest("field `note`: say what to change when returning an idea".into()));
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(ApiError::InvalidRequest(format!("field `note`: write at most {NOTE_MAX_CHARS} characters")));
    }
    let (id, unit, _) = waiting(&state, &viewer, &nip, &entry).await?;
    let audit = crate::audit::entry(&viewer.session, "idea_return", nip.trim(), &format!("{entry}: {note}"), unit);
    if state.db.return_idea(id, &entry, note, viewer.session.learner.id, now_ms(), &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Conflict("the idea is not waiting for a decision any more; open the queue again".into()))
    }
}

/// Rounds the caller judges that are past their deadline and not yet published.
async fn judged_rounds(state: &AppState, juror: i64) -> Result<Vec<RoundRow>, ApiError> {
    let mine = state.db.rounds_judged_by(juror).await?;
    Ok(state.db.idea_rounds().await?.into_iter().filter(|r| mine.contains(&r.id) && status_of(r) == RoundStatus::Judging).collect())
}

#[utoipa::path(get, path = "/ideas/judging", tag = "ideas",
    responses(
        (status = 200, description = "Rounds the caller judges, past their deadline and unpublished: endorsed ideas by number only (no author, unit, team or images) with the caller's own scores", body = Vec<JudgingView>),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn judging(State(state): State<AppState>, session: Session) -> Result<Json<Vec<JudgingView>>, ApiError> {
    let me = session.learner.id;
    let mut out = Vec::new();
    for round in judged_rounds(&state, me).await? {
        let criteria = criteria_of(&state, round.id).await?;
        let sheets = sheets(&state, round.id, criteria.len()).await?;
        let ideas = state
            .db
            .endorsed_ideas(round.id)
            .await?
            .into_iter()
            .map(|i| {
                let draft = draft_of(&i.row)?;
                Ok(JurorIdea {
                    number: i.row.number.and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
                    my_scores: sheets.get(&(i.row.learner_id, i.row.entry.clone())).and_then(|s| s.get(&me).cloned()),
                    title: i.row.title,
                    items: draft.items,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        out.push(JudgingView {
            id: round.id,
            status: status_of(&round),
            theme: round.theme,
            closes_on: round.closes_on,
            judging_ends_on: round.judging_ends_on,
            criteria,
            ideas,
        });
    }
    Ok(Json(out))
}

#[utoipa::path(put, path = "/ideas/rounds/{id}/ideas/{number}/score", tag = "ideas",
    params(("id" = i64, Path, description = "The round's id"), ("number" = u32, Path, description = "The idea's number in the round")),
    request_body = ScoreInput,
    responses(
        (status = 204, description = "The caller's scores for this idea are kept (they may change them until judging ends)"),
        (status = 400, description = "Not one score from 1 to 5 per criterion", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "Not a round the caller judges, or no such idea in it", body = ApiErrorBody),
        (status = 409, description = "Scoring is closed: the round is still open, judging ended, or results are published", body = ApiErrorBody),
    ))]
pub async fn score(State(state): State<AppState>, session: Session, Path((id, number)): Path<(i64, u32)>, ApiJson(body): ApiJson<ScoreInput>) -> Result<StatusCode, ApiError> {
    let me = session.learner.id;
    let round = match state.db.idea_round(id).await? {
        Some(r) if state.db.rounds_judged_by(me).await?.contains(&id) => r,
        _ => return Err(ApiError::Missing(format!("there is no round {id} among those you judge"))),
    };
    match status_of(&round) {
        RoundStatus::Upcoming | RoundStatus::Open => return Err(ApiError::Conflict(format!("jurors score after the deadline, {}; come back then", round.closes_on))),
        RoundStatus::Published => return Err(ApiError::Conflict("the results are published; scores can no longer change".into())),
        RoundStatus::Judging if calendar::date(now_ms()) > round.judging_ends_on => {
            return Err(ApiError::Conflict(format!("judging ended on {}; ask the administrator to move the date if you need more time", round.judging_ends_on)));
        }
        RoundStatus::Judging => {}
    }
    let criteria = criteria_of(&state, id).await?;
    if body.scores.len() != criteria.len() || body.scores.iter().any(|s| !(1..=SCORE_MAX).contains(s)) {
        return Err(ApiError::InvalidRequest(format!("field `scores`: give {} scores, one per criterion in order, each from 1 to {SCORE_MAX}", criteria.len())));
    }
    let ideas = state.db.endorsed_ideas(id).await?;
    let idea = ideas.iter().find(|i| i.row.number == Some(i64::from(number))).ok_or_else(|| ApiError::Missing(format!("round {id} has no idea {number}")))?;
    // Logged without the author: the audit log must not undo the jury's blindness.
    let audit = crate::audit::entry(&session, "idea_score", &format!("{} / Ide {number}", round.theme), &format!("{:?}", body.scores), round.unit_id);
    if state.db.put_idea_scores(id, idea.row.learner_id, &idea.row.entry, me, &body.scores, now_ms(), &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Conflict("the results were published meanwhile; scores can no longer change".into()))
    }
}
