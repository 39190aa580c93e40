//! Sync: a device hands over its learner's events (idempotent, atomic) and reads them back.

use crate::db::events::{Stored, skew_ms};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::extract::{Query, State};
use lentera_protocol::activity::MAX_EVIDENCE_FILES;
use lentera_protocol::{ApiErrorBody, EventBody, MAX_BATCH_EVENTS, PROTOCOL_VERSION, PullResponse, PushRequest, PushResponse};
use serde::Deserialize;

#[utoipa::path(post, path = "/sync/push", tag = "sync",
    request_body = PushRequest,
    responses(
        (status = 200, description = "Every event of the batch is held by the server", body = PushResponse),
        (status = 400, description = "Malformed batch; nothing was stored", body = ApiErrorBody),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
        (status = 403, description = "Events of another learner or device; nothing was stored", body = ApiErrorBody),
        (status = 408, description = "The body did not arrive in time (60 s from the first read); nothing was stored, try again", body = ApiErrorBody),
        (status = 413, description = "Body over 1 MiB, counted uncompressed", body = ApiErrorBody),
        (status = 415, description = "Not JSON, or a Content-Encoding other than gzip", body = ApiErrorBody),
        (status = 426, description = "The app is too old for this server", body = ApiErrorBody),
    ))]
pub async fn push(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    validate(&request)?;
    if request.learner.as_str() != session.learner.nip {
        return Err(ApiError::Forbidden(format!(
            "these events are for NIP {}, but this session is NIP {}; nothing was stored. Log in as that person to send them",
            request.learner, session.learner.nip
        )));
    }
    if request.device_id.to_string() != session.device_id {
        return Err(ApiError::Forbidden(
            "this session belongs to another device; each device logs in for itself. Nothing was stored".into(),
        ));
    }
    let received = now_ms();
    let skew = skew_ms(request.sent_at_ms, received);
    match state.db.insert_events(session.learner.id, &request.events, received, skew).await? {
        Stored::Held { new } => {
            let acknowledged = request.events.iter().map(|e| e.id).collect();
            Ok(Json(PushResponse { acknowledged, newly_stored: new }))
        }
        Stored::ForeignEvent { index } => Err(ApiError::Forbidden(format!(
            "field `events[{index}].id`: this event is held for another learner; nothing of the batch was stored"
        ))),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PullQuery {
    /// The cursor from the previous page; 0 (or absent) for the first.
    #[serde(default)]
    after: i64,
}

#[utoipa::path(get, path = "/sync/pull", tag = "sync",
    params(PullQuery),
    responses(
        (status = 200, description = "The next page of the learner's events, from every device", body = PullResponse),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
    ))]
pub async fn pull(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    // One row past the page tells whether more follow, so the last page never needs an empty call.
    let page = MAX_BATCH_EVENTS;
    let after = query.after.max(0);
    let mut rows = state.db.events_after(session.learner.id, after, page as u32 + 1).await?;
    let more = rows.len() > page;
    rows.truncate(page);
    let cursor = rows.last().map_or(after, |(seq, _)| *seq);
    state.db.mark_synced(session.learner.id, now_ms()).await?;
    let events = rows.into_iter().map(|(_, event)| event).collect();
    Ok(Json(PullResponse { events, cursor, more }))
}

#[utoipa::path(get, path = "/progress/me", tag = "sync",
    responses(
        (status = 200, description = "The learner's progress as the server folds it (device times corrected by clock skew)", body = Object),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
    ))]
pub async fn my_progress(State(state): State<AppState>, session: Session) -> Result<Json<lentera_protocol::Progress>, ApiError> {
    Ok(Json(state.db.progress(session.learner.id).await?))
}

fn validate(request: &PushRequest) -> Result<(), ApiError> {
    if request.protocol_version < PROTOCOL_VERSION {
        return Err(ApiError::ClientTooOld { client: request.protocol_version, server: PROTOCOL_VERSION });
    }
    if request.protocol_version > PROTOCOL_VERSION {
        return Err(ApiError::InvalidRequest(format!(
            "protocol_version {} is newer than this server's {PROTOCOL_VERSION}; the server needs an update",
            request.protocol_version
        )));
    }
    if request.events.len() > MAX_BATCH_EVENTS {
        return Err(ApiError::InvalidRequest(format!(
            "a batch holds at most {MAX_BATCH_EVENTS} events, this one has {}; split it",
            request.events.len()
        )));
    }
    for (index, event) in request.events.iter().enumerate() {
        check_sizes(index, &event.body)?;
    }
    if let Some(index) = request.events.iter().position(|e| e.device_id != request.device_id) {
        return Err(ApiError::InvalidRequest(format!(
            "field `events[{index}].device_id`: differs from the pushing device_id; a device pushes only its own events"
        )));
    }
    Ok(())
}

/// Every string an event brings is kept in the event log and the learner's fold: each is bounded.
fn check_sizes(index: usize, body: &EventBody) -> Result<(), ApiError> {
    use lentera_protocol::MAX_ID_CHARS;
    let too_long = |field: &str, text: &str, limit: usize| {
        let n = text.chars().count();
        (n > limit).then(|| ApiError::InvalidRequest(format!(
            "field `events[{index}].body.{field}`: at most {limit} characters, this one has {n}; nothing was stored"
        )))
    };
    let checks: Vec<(&str, &str, usize)> = match body {
        EventBody::OnboardingCompleted { language } => vec![("language", language, MAX_LANGUAGE_CHARS)],
        EventBody::LessonOpened { course_id, lesson_id } | EventBody::LessonCompleted { course_id, lesson_id } => {
            vec![("course_id", course_id, MAX_ID_CHARS), ("lesson_id", lesson_id, MAX_ID_CHARS)]
        }
        EventBody::AnswerGiven { course_id, question_id, choice, .. } => {
            if choice.len() > MAX_CHOICES {
                return Err(ApiError::InvalidRequest(format!(
                    "field `events[{index}].body.choice`: at most {MAX_CHOICES} options, this one has {}; nothing was stored",
                    choice.len()
                )));
            }
            vec![("course_id", course_id, MAX_ID_CHARS), ("question_id", question_id, MAX_ID_CHARS)]
        }
        EventBody::QuizStarted { course_id, .. } | EventBody::QuizSubmitted { course_id, .. } | EventBody::CourseCompleted { course_id, .. } => {
            vec![("course_id", course_id, MAX_ID_CHARS)]
        }
        EventBody::SurveyRated { year, competency, level } => {
            check_year(index, *year)?;
            if !(1..=5).contains(level) {
                return Err(ApiError::InvalidRequest(format!(
                    "field `events[{index}].body.level`: a level is 1 to 5, this one is {level}; nothing was stored"
                )));
            }
            vec![("competency", competency, MAX_ID_CHARS)]
        }
        EventBody::SurveyAnswered { year, question, text } => {
            check_year(index, *year)?;
            vec![("question", question, MAX_ID_CHARS), ("text", text, MAX_ANSWER_CHARS)]
        }
        EventBody::SurveySubmitted { year } => {
            check_year(index, *year)?;
            vec![]
        }
        EventBody::PlanChanged { year, items } | EventBody::PlanSubmitted { year, items } => {
            check_year(index, *year)?;
            if items.len() > MAX_PLAN_ITEMS {
                return Err(ApiError::InvalidRequest(format!(
                    "field `events[{index}].body.items`: a plan has at most {MAX_PLAN_ITEMS} items, this one has {}; nothing was stored",
                    items.len()
                )));
            }
            items.iter().map(|item| ("items", item.as_str(), MAX_ID_CHARS)).collect()
        }
        EventBody::TrainingRegistered { training } | EventBody::TrainingCancelled { training } => vec![("training", training, MAX_ID_CHARS)],
        EventBody::LogSubmitted { entry } => vec![("entry", entry, MAX_ID_CHARS)],
        EventBody::CheckedIn { training, code } => vec![("training", training, MAX_ID_CHARS), ("code", code, MAX_ID_CHARS)],
        EventBody::LogSaved { entry, form, title, with_whom, date, text, evidence, .. } => {
            if evidence.len() > MAX_EVIDENCE_FILES {
                return Err(ApiError::InvalidRequest(format!(
                    "field `events[{index}].body.evidence`: at most {MAX_EVIDENCE_FILES} files, this one has {}; nothing was stored",
                    evidence.len()
                )));
            }
            let mut checks = vec![
                ("entry", entry.as_str(), MAX_ID_CHARS),
                ("form", form.as_str(), MAX_ID_CHARS),
                ("title", title.as_str(), MAX_ANSWER_CHARS),
                ("with_whom", with_whom.as_str(), MAX_ANSWER_CHARS),
                ("date", date.as_str(), MAX_ID_CHARS),
                ("text", text.as_str(), MAX_ANSWER_CHARS),
            ];
            checks.extend(evidence.iter().map(|id| ("evidence", id.as_str(), MAX_ID_CHARS)));
            checks
        }
        EventBody::ReactionGiven { subject, choice, text } => {
            if !lentera_protocol::reaction::valid_choice(choice) {
                return Err(ApiError::InvalidRequest(format!(
                    "field `events[{index}].body.choice`: one level from 1 to 4 for each of the {} statements; nothing was stored",
                    lentera_protocol::reaction::QUESTIONS.len()
                )));
            }
            vec![("subject", subject, MAX_ID_CHARS), ("text", text, MAX_ANSWER_CHARS)]
        }
        EventBody::ActionPlanSaved { subject, text } => vec![("subject", subject, MAX_ID_CHARS), ("text", text, MAX_ANSWER_CHARS)],
        EventBody::IdeaSubmitted { entry } => vec![("entry", entry, MAX_ID_CHARS)],
        EventBody::IdeaSaved { entry, round, title, items, evidence, team } => {
            use lentera_protocol::idea::{MAX_IMAGES, MAX_TEAM, SECTIONS};
            let refusal = if items.len() > SECTIONS.len() {
                Some(format!("field `events[{index}].body.items`: an idea has at most {} sections, this one has {}", SECTIONS.len(), items.len()))
            } else if evidence.len() > MAX_IMAGES {
                Some(format!("field `events[{index}].body.evidence`: at most {MAX_IMAGES} images, this one has {}", evidence.len()))
            } else if team.len() > MAX_TEAM {
                Some(format!("field `events[{index}].body.team`: at most {MAX_TEAM} team members, this one has {}", team.len()))
            } else {
                None
            };
            if let Some(refusal) = refusal {
                return Err(ApiError::InvalidRequest(format!("{refusal}; nothing was stored")));
            }
            let mut checks = vec![("entry", entry.as_str(), MAX_ID_CHARS), ("round", round.as_str(), MAX_ID_CHARS), ("title", title.as_str(), MAX_ANSWER_CHARS)];
            checks.extend(items.iter().map(|text| ("items", text.as_str(), MAX_ANSWER_CHARS)));
            checks.extend(evidence.iter().map(|id| ("evidence", id.as_str(), MAX_ID_CHARS)));
            checks.extend(team.iter().map(|nip| ("team", nip.as_str(), MAX_ID_CHARS)));
            checks
        }
    };
    match checks.into_iter().find_map(|(field, text, limit)| too_long(field, text, limit)) {
        Some(refusal) => Err(refusal),
        None => Ok(()),
    }
}

/// A survey year the server will keep: this programme's years, not a typo's.
fn check_year(index: usize, year: u32) -> Result<(), ApiError> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(ApiError::InvalidRequest(format!("field `events[{index}].body.year`: a year from 2000 to 2100, this one is {year}; nothing was stored")))
    }
}

/// An open answer in the survey: a paragraph, not a document.
const MAX_ANSWER_CHARS: usize = 2000;
/// A year's plan: more items than anyone can follow is a wrong client.
const MAX_PLAN_ITEMS: usize = 40;
/// A language code (`id`, `en`, perhaps `id-ID`).
const MAX_LANGUAGE_CHARS: usize = 16;
/// A question has 2 to 6 options; a multiple-answer choice lists at most all of them.
const MAX_CHOICES: usize = 16;

#[utoipa::path(post, path = "/sync/storage", tag = "sync",
    request_body = lentera_protocol::org::StorageReport,
    responses(
        (status = 204, description = "Noted; the supervisor sees a warning while space is short"),
        (status = 400, description = "Malformed report", body = ApiErrorBody),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
    ))]
pub async fn storage(
    State(state): State<AppState>,
    session: Session,
    ApiJson(report): ApiJson<lentera_protocol::org::StorageReport>,
) -> Result<axum::http::StatusCode, ApiError> {
    state.db.set_storage_warning(session.learner.id, storage_warning(&report).as_deref(), now_ms()).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// A warning when the device could not save, or has less than a tenth of its quota (or 50 MB) left.
pub fn storage_warning(report: &lentera_protocol::org::StorageReport) -> Option<String> {
    const MB: u64 = 1_000_000;
    let free = report.quota_bytes.saturating_sub(report.used_bytes);
    if report.full {
        Some("penyimpanan ponsel penuh: ada yang gagal disimpan".into())
    } else if report.quota_bytes > 0 && (free < 50 * MB || free * 10 < report.quota_bytes) {
        Some(format!("sisa penyimpanan {} MB", free / MB))
    } else {
        None
    }
}
