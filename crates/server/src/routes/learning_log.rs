//! The learning log (docs/activities.md): the learner's own entries as the server holds them; the
//! supervisor's queue, confirming (the credit enters the ledger) or returning with a note. Scoped as
//! the person page: people in the caller's units (404 elsewhere), never the caller's own entries.

use crate::access::Viewer;
use crate::db::learner_credits::Grant;
use crate::db::learning_log::LogRow;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, calendar, now_ms};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::activity::{ConfirmLog, LOG_NOTE_MAX_CHARS, LogDraft, LogEntry, LogForm, LogStatus, ReturnLog, ReviewItem, jp_for_minutes};
use serde::Deserialize;

/// The status column as the protocol names it.
fn status_of(text: &str) -> LogStatus {
    match text {
        "submitted" => LogStatus::Submitted,
        "confirmed" => LogStatus::Confirmed,
        "returned" => LogStatus::Returned,
        _ => LogStatus::Draft,
    }
}

fn decode(text: &str) -> Result<LogDraft, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Internal(Box::new(e)))
}

/// A kept row as the learner and the console read it: a confirmed entry shows what was confirmed.
fn entry_of(row: &LogRow, held: &[String]) -> Result<LogEntry, ApiError> {
    let draft = decode(row.confirmed_draft.as_deref().unwrap_or(&row.draft))?;
    let evidence_received = draft.evidence.iter().filter(|id| held.contains(id)).cloned().collect();
    Ok(LogEntry {
        entry: row.entry.clone(),
        status: status_of(&row.status),
        note: row.note.clone(),
        jp: row.jp.and_then(|j| u32::try_from(j).ok()),
        evidence_received,
        draft,
    })
}

#[utoipa::path(get, path = "/log/mine", tag = "learning log",
    responses(
        (status = 200, description = "The caller's entries as the server holds them: newest first, with status, the supervisor's note and the JP credited", body = Vec<LogEntry>),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<Vec<LogEntry>>, ApiError> {
    entries_of(&state, session.learner.id).await.map(Json)
}

async fn entries_of(state: &AppState, learner_id: i64) -> Result<Vec<LogEntry>, ApiError> {
    let held = state.db.evidence_ids_of(learner_id).await?;
    state.db.log_entries_of(learner_id).await?.iter().map(|r| entry_of(r, &held)).collect()
}

#[utoipa::path(get, path = "/log/staff/{nip}", tag = "learning log",
    params(("nip" = String, Path, description = "The staff member's NIP")),
    responses(
        (status = 200, description = "The person's entries with their status (the person page)", body = Vec<LogEntry>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units", body = ApiErrorBody),
    ))]
pub async fn staff(State(state): State<AppState>, session: Session, Path(nip): Path<String>) -> Result<Json<Vec<LogEntry>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let (id, _) = viewer.person(&state, nip.trim()).await?;
    entries_of(&state, id).await.map(Json)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReviewQuery {
    /// `submitted` (the default: waiting for a decision), `returned` or `confirmed`.
    status: Option<String>,
}

#[utoipa::path(get, path = "/log/review", tag = "learning log",
    params(ReviewQuery),
    responses(
        (status = 200, description = "Entries of the status asked for, of people in the caller's units (never the caller's own), oldest hand-in first, each with the JP the 45-minute rule gives", body = Vec<ReviewItem>),
        (status = 400, description = "A status that is not submitted, returned or confirmed", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
    ))]
pub async fn review(State(state): State<AppState>, session: Session, Query(q): Query<ReviewQuery>) -> Result<Json<Vec<ReviewItem>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let status = q.status.as_deref().unwrap_or("submitted");
    if !["submitted", "returned", "confirmed"].contains(&status) {
        return Err(ApiError::InvalidRequest(format!("field `status`: `{status}` is not one; ask for submitted, returned or confirmed")));
    }
    let units = match viewer.scope {
        crate::db::org::Scope::Everything => None,
        _ => Some(viewer.unit_ids(None)?),
    };
    let rows = state.db.log_review(units.as_deref(), status, viewer.session.learner.id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let held = state.db.evidence_ids_of(row.row.learner_id).await?;
        let entry = entry_of(&row.row, &held)?;
        out.push(ReviewItem { nip: row.nip, name: row.name, unit: row.unit_name.unwrap_or_default(), rule_jp: jp_for_minutes(entry.draft.minutes), entry });
    }
    Ok(Json(out))
}

/// The person (in the caller's units, not the caller) and their submitted entry.
async fn waiting(state: &AppState, viewer: &Viewer, nip: &str, entry: &str) -> Result<(i64, Option<i64>, LogRow), ApiError> {
    viewer.require_supervisor()?;
    let nip = nip.trim();
    let (id, unit) = viewer.person(state, nip).await?;
    if id == viewer.session.learner.id {
        return Err(ApiError::Forbidden("your own learning log is confirmed by your supervisor, not by you".into()));
    }
    let row = state.db.log_entry(id, entry).await?.ok_or_else(|| ApiError::Missing(format!("{nip} has no learning-log entry {entry}")))?;
    if row.status != "submitted" {
        return Err(not_waiting(&row.status));
    }
    Ok((id, unit, row))
}

fn not_waiting(status: &str) -> ApiError {
    let now = match status {
        "confirmed" => "it was already confirmed",
        "returned" => "it was returned and waits for the learner to send it again",
        _ => "the learner has not sent it yet",
    };
    ApiError::Conflict(format!("this entry is not waiting for a decision: {now}"))
}

#[utoipa::path(post, path = "/log/{nip}/{entry}/confirm", tag = "learning log",
    params(("nip" = String, Path, description = "The learner's NIP"), ("entry" = String, Path, description = "The entry's id")),
    request_body = ConfirmLog,
    responses(
        (status = 204, description = "Confirmed: the entry enters the learner's ledger with these JP"),
        (status = 400, description = "JP above what the 45-minute rule gives the stated minutes", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own entry", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units, or no such entry", body = ApiErrorBody),
        (status = 409, description = "The entry is not waiting for a decision, or changed while it was read", body = ApiErrorBody),
        (status = 422, description = "The entry's form or date is not one: return it with a note instead", body = ApiErrorBody),
    ))]
pub async fn confirm(State(state): State<AppState>, session: Session, Path((nip, entry)): Path<(String, String)>, ApiJson(body): ApiJson<ConfirmLog>) -> Result<StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let (id, unit, row) = waiting(&state, &viewer, &nip, &entry).await?;
    let draft = decode(&row.draft)?;
    let most = jp_for_minutes(draft.minutes);
    if body.jp > most {
        return Err(ApiError::InvalidRequest(format!(
            "field `jp`: {} minutes give at most {most} JP (45 minutes = 1 JP, Peraturan LAN 10/2018); give {most} or fewer",
            draft.minutes
        )));
    }
    let form = LogForm::from_key(&draft.form).ok_or_else(|| ApiError::Unprocessable(format!("the entry's form `{}` is not one Lentera knows; return it with a note", draft.form)))?;
    let at_ms = calendar::noon_ms(&draft.date).ok_or_else(|| ApiError::Unprocessable(format!("the entry's date `{}` is not a date; return it with a note", draft.date)))?;
    let source = format!("log:{entry}");
    let grant = Grant { source: &source, form: form.key(), title: &draft.title, provider: &draft.with_whom, jp: body.jp, competency: None, at_ms };
    let audit = crate::audit::entry(&viewer.session, "log_confirm", nip.trim(), &format!("{entry}: {} JP, {}", body.jp, draft.title), unit);
    if state.db.confirm_log(id, &entry, &row.draft_event, &grant, viewer.session.learner.id, now_ms(), &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Conflict("the learner changed or withdrew this entry while you read it; open the queue again".into()))
    }
}

#[utoipa::path(post, path = "/log/{nip}/{entry}/return", tag = "learning log",
    params(("nip" = String, Path, description = "The learner's NIP"), ("entry" = String, Path, description = "The entry's id")),
    request_body = ReturnLog,
    responses(
        (status = 204, description = "Returned with the note; the learner may change it and send it again"),
        (status = 400, description = "No note, or a note over 1000 characters", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own entry", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units, or no such entry", body = ApiErrorBody),
        (status = 409, description = "The entry is not waiting for a decision", body = ApiErrorBody),
    ))]
pub async fn send_back(State(state): State<AppState>, session: Session, Path((nip, entry)): Path<(String, String)>, ApiJson(body): ApiJson<ReturnLog>) -> Result<StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let note = body.note.trim();
    if note.is_empty() {
        return Err(ApiError::InvalidRequest("field `note`: say what to change when returning an entry".into()));
    }
    if note.chars().count() > LOG_NOTE_MAX_CHARS {
        return Err(ApiError::InvalidRequest(format!("field `note`: write at most {LOG_NOTE_MAX_CHARS} characters")));
    }
    let (id, unit, _) = waiting(&state, &viewer, &nip, &entry).await?;
    let audit = crate::audit::entry(&viewer.session, "log_return", nip.trim(), &format!("{entry}: {note}"), unit);
    if state.db.return_log(id, &entry, note, viewer.session.learner.id, now_ms(), &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Conflict("the entry is not waiting for a decision any more; open the queue again".into()))
    }
}

