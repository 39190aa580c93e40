//! One person's page for their supervisor (or themself): courses, JP ledger, timeline, assignments.

use super::dashboard::{Today, csv_response, staff_row};
use crate::access::Viewer;
use crate::calendar;
use crate::csv;
use crate::db::dashboard::AssignmentRow;
use crate::error::ApiError;
use crate::session::Session;
use crate::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use lentera_protocol::org::{AssignmentView, LedgerEntry, PersonCourse, PersonDetail, TimelineItem};
use crate::db::credit::VerdictRow;
use lentera_protocol::{ApiErrorBody, CourseCredit, EventBody, HeldPack, NotCredited, Progress, Score};
use serde::Deserialize;

/// How many synced events the timeline shows.
const TIMELINE: u32 = 200;

pub fn title_of(state: &AppState, course_id: &str) -> String {
    state.library.packs.get(course_id).map_or_else(|| course_id.to_owned(), |p| p.summary.title.clone())
}

pub fn assignment_view(state: &AppState, a: &AssignmentRow, today: &str) -> AssignmentView {
    let status = if a.done { "done" } else if a.due_date.as_str() < today { "overdue" } else { "open" };
    AssignmentView {
        id: a.id,
        nip: a.nip.clone(),
        name: a.name.clone(),
        course_id: a.course_id.clone(),
        title: title_of(state, &a.course_id),
        due_date: a.due_date.clone(),
        assigned_by: a.assigned_by.clone(),
        status: status.to_owned(),
    }
}

fn courses(state: &AppState, progress: &Progress, verdicts: &[VerdictRow]) -> Result<Vec<PersonCourse>, sqlx::Error> {
    let mut out = Vec::new();
    for (id, c) in &progress.courses {
        let row = verdicts.iter().find(|v| &v.course_id == id);
        let verdict = row.map(VerdictRow::verdict).transpose()?.flatten();
        let credited = verdict.as_ref().and_then(|v| v.credited);
        out.push(PersonCourse {
            course_id: id.clone(),
            title: title_of(state, id),
            lessons_done: u32::try_from(c.lessons_done.len()).unwrap_or(u32::MAX),
            lessons_total: state.library.packs.get(id).map_or(0, |p| p.summary.lessons),
            best: verdict.as_ref().and_then(graded),
            claimed_best: c.best(),
            attempts: u32::try_from(c.attempts.values().filter(|a| a.submitted.is_some()).count()).unwrap_or(u32::MAX),
            completed_on: credited.map(|done| calendar::date(done.at_ms)),
            jp: credited.map_or(0, |done| done.jp),
            status: row.map_or("in_progress", |r| r.status.as_str()).to_owned(),
            claimed_jp: verdict.as_ref().and_then(|v| v.claimed_jp),
            not_credited: verdict.and_then(|v| v.not_credited),
        });
    }
    Ok(out)
}

/// The server's grade of the course's quiz, never the device's claim: the credited attempt's score,
/// else the best handed-in attempt's.
fn graded(verdict: &CourseCredit) -> Option<Score> {
    match (&verdict.credited, &verdict.not_credited) {
        (Some(credited), _) => Some(credited.score),
        (None, Some(NotCredited::NotPassed { best })) => *best,
        _ => None,
    }
}

/// The person's ledger for `year`, from the server's verdicts.
pub async fn ledger_of(state: &AppState, learner_id: i64, year: i32) -> Result<Vec<LedgerEntry>, ApiError> {
    let rows = state.db.verdicts(learner_id).await?;
    let credits = state.db.credits_of(learner_id, year).await?;
    Ok(crate::ledger::entries(&rows, &credits, |id| title_of(state, id), year)?)
}

fn timeline_item(state: &AppState, at_ms: i64, body: &EventBody) -> TimelineItem {
    let detail = match body {
        EventBody::LessonOpened { lesson_id, .. } | EventBody::LessonCompleted { lesson_id, .. } => Some(lesson_id.clone()),
        EventBody::QuizSubmitted { correct, total, .. } => Some(format!("{correct}/{total}")),
        EventBody::CourseCompleted { jp, .. } => Some(format!("{jp} JP")),
        _ => None,
    };
    let course = body.course_id();
    TimelineItem {
        at_ms,
        kind: body.kind().name().to_owned(),
        course_id: course.map(str::to_owned),
        title: course.map(|c| title_of(state, c)),
        detail,
    }
}

#[utoipa::path(get, path = "/staff/{nip}", tag = "supervisors",
    params(("nip" = String, Path, description = "The person's NIP")),
    responses(
        (status = 200, description = "The person's figures, courses, JP ledger for this year, timeline and assignments", body = PersonDetail),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "A learner asking for someone else", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units", body = ApiErrorBody),
    ))]
pub async fn person(State(state): State<AppState>, session: Session, Path(nip): Path<String>) -> Result<Json<PersonDetail>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let (id, unit) = viewer.person(&state, &nip).await?;
    let today = Today::now();
    let figures = match unit {
        Some(_) => state.db.staff_figures(&[id], &today.day()).await?,
        None => Vec::new(),
    };
    let row = match figures.first() {
        Some(f) => staff_row(f, &viewer.tree, &today),
        None => return Err(ApiError::Missing(format!("{nip} is not placed in a unit yet; ask the admin to import them"))),
    };
    let progress = state.db.kept_progress(id).await?;
    let verdicts = state.db.verdicts(id).await?;
    let events = state.db.recent_events(id, TIMELINE).await?;
    let timeline = events.iter().map(|e| timeline_item(&state, e.device_time_ms, &e.body)).collect();
    let assignments = state.db.assignments_of(None, Some(id)).await?;
    let held = state.db.held_packs(id).await?;
    Ok(Json(PersonDetail {
        year: today.year,
        row,
        courses: courses(&state, &progress, &verdicts)?,
        ledger: crate::ledger::entries(&verdicts, &state.db.credits_of(id, today.year).await?, |c| title_of(&state, c), today.year)?,
        timeline,
        assignments: assignments.iter().map(|a| assignment_view(&state, a, &today.date)).collect(),
        on_phone: held.into_iter().map(|(id, v)| HeldPack { id, version: u32::try_from(v).unwrap_or(0) }).collect(),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LedgerQuery {
    /// Calendar year (WIB); this year when absent.
    year: Option<i32>,
}

/// Columns of `ledger.csv`.
pub const LEDGER_COLUMNS: [&str; 11] =
    ["nip", "nama", "tahun", "triwulan", "tanggal", "kode_kursus", "kursus", "jp", "bentuk", "status", "keterangan"];

#[utoipa::path(get, path = "/staff/{nip}/ledger.csv", tag = "supervisors",
    params(("nip" = String, Path, description = "The person's NIP"), LedgerQuery),
    responses(
        (status = 200, description = "The person's JP ledger for the year as RFC 4180 CSV", content_type = "text/csv"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "A learner asking for someone else", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units", body = ApiErrorBody),
    ))]
pub async fn ledger_csv(State(state): State<AppState>, session: Session, Path(nip): Path<String>, Query(q): Query<LedgerQuery>) -> Result<impl IntoResponse, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let (id, _) = viewer.person(&state, &nip).await?;
    let year = q.year.unwrap_or_else(|| Today::now().year);
    let name = state.db.name_of(id).await?;
    let mut out = csv::line(&LEDGER_COLUMNS);
    for e in ledger_of(&state, id, year).await? {
        let why = e.not_credited.as_ref().map(crate::ledger::reason_id).unwrap_or_default();
        let status = if e.status == "credited" { "terverifikasi" } else { "tidak dikonfirmasi" };
        out.push_str(&csv::line(&[
            nip.clone(), name.clone(), year.to_string(), e.quarter.to_string(), e.date, e.course_id, e.title, e.jp.to_string(),
            e.form, status.to_owned(), why,
        ]));
    }
    Ok(csv_response(out, format!("lentera-jp-{nip}-{year}.csv")))
}
