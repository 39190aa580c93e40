//! Evaluation at the reaction and behaviour levels (docs/evaluation.md): what the learner may rate
//! and plan; the report per course and training (admins: everyone, supervisors: their units); the
//! supervisor's follow-up of action plans. Only subjects the server credited a learner count.

use crate::access::Viewer;
use crate::db::evaluation::FiguresRow;
use crate::db::org::Scope;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::routes::dashboard::csv_response;
use crate::session::Session;
use crate::{AppState, calendar, csv, now_ms};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lentera_protocol::ApiErrorBody;
use lentera_protocol::reaction::{
    DAY_MS, EvaluationReport, FOLLOW_UP_AFTER_DAYS, FollowUp, FollowUpInput, FollowUpItem, HeldPlan, HeldReaction, MIN_RESPONDENTS_FOR_ANSWERS, MySubject,
    PLAN_AFTER_DAYS, PlanLine, QUESTIONS, SubjectDetail, SubjectFigures, mean_of_sum,
};
use lentera_protocol::pretest::mean_gain_hundredths;
use lentera_protocol::reaction::{MAX_TEST_LINES, TestLine};
use serde::Deserialize;

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn level(n: Option<i64>) -> u8 {
    n.and_then(|n| u8::try_from(n).ok()).unwrap_or(0)
}

/// A subject's title: the course's in the library (its id if the library no longer has it), the
/// training's as credited.
fn title_of(state: &AppState, subject: &str, stored: &str) -> String {
    match subject.strip_prefix("course:") {
        Some(course) => state.library.packs.get(course).map_or_else(|| course.to_owned(), |p| p.summary.title.clone()),
        None => stored.to_owned(),
    }
}

#[utoipa::path(get, path = "/evaluation/mine", tag = "evaluation",
    responses(
        (status = 200, description = "The courses and trainings the server credited the caller, newest first, each with the reaction and action plan the server holds and from when the plan is invited", body = Vec<MySubject>),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<Vec<MySubject>>, ApiError> {
    let rows = state.db.evaluation_mine(session.learner.id).await?;
    let out = rows
        .into_iter()
        .map(|r| MySubject {
            title: title_of(&state, &r.subject, &r.title),
            completed_at_ms: r.done_ms,
            plan_from_ms: r.done_ms + PLAN_AFTER_DAYS * DAY_MS,
            reaction: r.given_at_ms.map(|at| HeldReaction {
                choice: vec![level(r.c1), level(r.c2), level(r.c3), level(r.c4)],
                text: r.answer.clone().unwrap_or_default(),
                given_at_ms: at,
            }),
            plan: r.saved_at_ms.map(|at| HeldPlan {
                text: r.plan.clone().unwrap_or_default(),
                saved_at_ms: at,
                follow_up: r.follow_up.as_deref().and_then(FollowUp::from_key),
            }),
            subject: r.subject,
        })
        .collect();
    Ok(Json(out))
}

/// The units whose people the caller sees (`None`: everyone, for an admin of the whole tree).
fn units_of(viewer: &Viewer) -> Result<Option<Vec<i64>>, ApiError> {
    viewer.require_supervisor()?;
    Ok(match viewer.scope {
        Scope::Everything => None,
        _ => Some(viewer.unit_ids(None)?),
    })
}

fn figures_of(state: &AppState, r: &FiguresRow) -> SubjectFigures {
    let n = u64::try_from(r.respondents).unwrap_or(0);
    let sums = [r.s1, r.s2, r.s3, r.s4].map(|s| u64::try_from(s).unwrap_or(0));
    SubjectFigures {
        subject: r.subject.clone(),
        title: title_of(state, &r.subject, &r.title),
        completed: small(r.completed),
        respondents: small(r.respondents),
        means_hundredths: sums.iter().map(|s| mean_of_sum(*s, n)).collect(),
        overall_hundredths: mean_of_sum(sums.iter().sum(), n * sums.len() as u64),
        plans: small(r.plans),
        done: small(r.done),
        partly: small(r.partly),
        not_yet: small(r.not_yet),
        tested: small(r.tested),
        gain_hundredths: mean_gain_hundredths(r.gain_sum, r.tested),
    }
}

async fn report(state: &AppState, viewer: &Viewer) -> Result<EvaluationReport, ApiError> {
    let units = units_of(viewer)?;
    let rows = state.db.evaluation_figures(units.as_deref(), None).await?;
    let mut subjects: Vec<SubjectFigures> = rows.iter().map(|r| figures_of(state, r)).collect();
    subjects.sort_by(|a, b| a.subject.split(':').next().cmp(&b.subject.split(':').next()).then_with(|| a.title.cmp(&b.title)));
    Ok(EvaluationReport { statements: QUESTIONS.iter().map(|(k, _)| (*k).to_owned()).collect(), subjects })
}

#[utoipa::path(get, path = "/evaluation/report", tag = "evaluation",
    responses(
        (status = 200, description = "Every course and training someone in the caller's units was credited with: respondents, mean per statement, action plans and the supervisors' follow-up. Courses first, then trainings, by title", body = EvaluationReport),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<EvaluationReport>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    Ok(Json(report(&state, &viewer).await?))
}

/// Hundredths as a plain decimal (3.25); empty without respondents.
fn decimal(h: Option<u32>) -> String {
    h.map(|h| format!("{}.{:02}", h / 100, h % 100)).unwrap_or_default()
}

/// The report as CSV: one line per subject; the pre/post gain is the mean over `peserta_pre_post`.
pub fn export(report: &EvaluationReport) -> String {
    let mut head = vec!["jenis".to_owned(), "id".into(), "judul".into(), "selesai".into(), "responden".into()];
    head.extend(QUESTIONS.iter().map(|(k, _)| format!("rata_{k}")));
    head.extend(["rata_keseluruhan", "peserta_pre_post", "kenaikan_pre_post", "rencana_aksi", "terlaksana", "sebagian", "belum"].map(String::from));
    let mut out = csv::line(&head);
    for s in &report.subjects {
        let (kind, id) = s.subject.split_once(':').unwrap_or(("", &s.subject));
        let mut fields = vec![kind.to_owned(), csv::text_field(id), csv::text_field(&s.title), s.completed.to_string(), s.respondents.to_string()];
        fields.extend(s.means_hundredths.iter().map(|m| decimal(*m)));
        fields.push(decimal(s.overall_hundredths));
        fields.push(s.tested.to_string());
        fields.push(csv::signed_decimal(s.gain_hundredths));
        fields.extend([s.plans, s.done, s.partly, s.not_yet].map(|n| n.to_string()));
        out.push_str(&csv::line(&fields));
    }
    out
}

#[utoipa::path(get, path = "/evaluation/report.csv", tag = "evaluation",
    responses(
        (status = 200, description = "The same report as CSV, one line per course or training; means are plain numbers with a decimal point; `peserta_pre_post` counts people with both tests and `kenaikan_pre_post` is their mean gain in points (empty for none)", content_type = "text/csv"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
    ))]
pub async fn list_csv(State(state): State<AppState>, session: Session) -> Result<Response, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let report = report(&state, &viewer).await?;
    Ok(csv_response(export(&report), format!("lentera-evaluasi-{}.csv", calendar::date(now_ms()))).into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SubjectQuery {
    /// `course:<course id>` or `training:<training id>`.
    subject: String,
}

/// The subject's title if it names a course of the library or a training that exists.
async fn existing(state: &AppState, subject: &str) -> Result<Option<String>, ApiError> {
    if let Some(course) = subject.strip_prefix("course:") {
        return Ok(state.library.packs.get(course).map(|p| p.summary.title.clone()));
    }
    let Some(id) = subject.strip_prefix("training:").and_then(|t| t.parse::<i64>().ok()) else { return Ok(None) };
    Ok(state.db.training(id).await?.map(|t| t.training.title))
}

#[utoipa::path(get, path = "/evaluation/report/detail", tag = "evaluation",
    params(SubjectQuery),
    responses(
        (status = 200, description = "One course or training among the caller's units: its figures, the open answers without names (withheld from a supervisor who sees fewer than 3 respondents), the action plans without names, and for a course each credited person's pre- and post-test that count (at most 500, by unit and name)", body = SubjectDetail),
        (status = 400, description = "A subject that is not course:<id> or training:<id>", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "No such course or training", body = ApiErrorBody),
    ))]
pub async fn detail(State(state): State<AppState>, session: Session, Query(q): Query<SubjectQuery>) -> Result<Json<SubjectDetail>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let units = units_of(&viewer)?;
    let subject = q.subject.trim();
    if !subject.starts_with("course:") && !subject.starts_with("training:") {
        return Err(ApiError::InvalidRequest(format!("field `subject`: `{subject}` is not course:<course id> or training:<training id>")));
    }
    let title = existing(&state, subject).await?.ok_or_else(|| ApiError::Missing(format!("there is no course or training {subject}; pick one from the report")))?;
    let figures = match state.db.evaluation_figures(units.as_deref(), Some(subject)).await?.first() {
        Some(row) => figures_of(&state, row),
        None => SubjectFigures {
            subject: subject.to_owned(),
            title,
            means_hundredths: vec![None; QUESTIONS.len()],
            ..SubjectFigures::default()
        },
    };
    // A supervisor of a few respondents could tell who wrote what; the admin reports for everyone.
    let answers_withheld = !viewer.is_admin() && figures.respondents < MIN_RESPONDENTS_FOR_ANSWERS;
    let answers = if answers_withheld { Vec::new() } else { state.db.evaluation_answers(units.as_deref(), subject).await? };
    let plans = state.db.evaluation_plans(units.as_deref(), subject).await?;
    let plans = plans.into_iter().map(|(text, f)| PlanLine { text, follow_up: f.as_deref().and_then(FollowUp::from_key) }).collect();
    let (tests, tests_total) = match subject.strip_prefix("course:") {
        Some(course) => state.db.evaluation_tests(units.as_deref(), course, MAX_TEST_LINES as i64).await?,
        None => (Vec::new(), 0),
    };
    let tests = tests.into_iter().map(test_line).collect();
    Ok(Json(SubjectDetail { figures, answers, answers_withheld, plans, tests, tests_total: small(tests_total) }))
}

fn test_line(r: crate::db::evaluation::TestRow) -> TestLine {
    let percent = |correct: Option<i64>, total: Option<i64>| match (correct, total) {
        (Some(c), Some(t)) if t > 0 => Some(lentera_protocol::Score { correct: small(c), total: small(t) }.percent()),
        _ => None,
    };
    let (pre, post) = (percent(r.pre_correct, r.pre_total), percent(r.post_correct, r.post_total));
    TestLine {
        nip: r.nip,
        name: r.name,
        unit: r.unit_name.unwrap_or_default(),
        pre_percent: pre,
        post_percent: post,
        gain: pre.zip(post).map(|(a, b)| i32::try_from(b).unwrap_or(0) - i32::try_from(a).unwrap_or(0)),
    }
}

#[utoipa::path(get, path = "/evaluation/followups", tag = "evaluation",
    responses(
        (status = 200, description = "Action plans of people in the caller's units (never the caller's own) due for the supervisor's word: first saved 30 or more days ago and not answered, or answered 'not yet' 30 or more days ago; oldest first", body = Vec<FollowUpItem>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
    ))]
pub async fn followups(State(state): State<AppState>, session: Session) -> Result<Json<Vec<FollowUpItem>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let units = units_of(&viewer)?;
    let rows = state.db.follow_up_queue(units.as_deref(), viewer.session.learner.id, now_ms(), FOLLOW_UP_AFTER_DAYS * DAY_MS).await?;
    let out = rows
        .into_iter()
        .map(|r| FollowUpItem {
            title: title_of(&state, &r.subject, &r.title),
            nip: r.nip,
            name: r.name,
            unit: r.unit_name.unwrap_or_default(),
            subject: r.subject,
            plan: r.plan,
            saved_at_ms: r.saved_at_ms,
            follow_up: r.follow_up.as_deref().and_then(FollowUp::from_key),
        })
        .collect();
    Ok(Json(out))
}

#[utoipa::path(post, path = "/evaluation/followups/{nip}", tag = "evaluation",
    params(("nip" = String, Path, description = "The learner's NIP")),
    request_body = FollowUpInput,
    responses(
        (status = 204, description = "Recorded (and audited): done, partly or not yet; a later answer replaces it"),
        (status = 400, description = "A result that is not done, partly or not_yet", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator, or the caller's own plan", body = ApiErrorBody),
        (status = 404, description = "No such person among the caller's units, or no action plan of theirs for a course or training they were credited with", body = ApiErrorBody),
    ))]
pub async fn follow_up(State(state): State<AppState>, session: Session, Path(nip): Path<String>, ApiJson(body): ApiJson<FollowUpInput>) -> Result<StatusCode, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let nip = nip.trim();
    let (id, unit) = viewer.person(&state, nip).await?;
    if id == viewer.session.learner.id {
        return Err(ApiError::Forbidden("your own action plan is followed up by your supervisor, not by you".into()));
    }
    let subject = body.subject.trim();
    let audit = crate::audit::entry(&viewer.session, "action_plan_follow_up", nip, &format!("{subject}: {}", body.result.key()), unit);
    if state.db.record_follow_up(id, subject, body.result.key(), viewer.session.learner.id, now_ms(), &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Missing(format!("{nip} has no action plan for {subject} that counts (a course or training they were credited with)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_guards_formulas_and_writes_the_gain_as_a_signed_decimal() {
        let report = EvaluationReport {
            statements: vec![],
            subjects: vec![SubjectFigures {
                subject: "training:7".into(),
                title: "=HYPERLINK(\"x\")".into(),
                completed: 3,
                respondents: 2,
                means_hundredths: vec![Some(350), None, Some(300), Some(400)],
                overall_hundredths: Some(325),
                plans: 1,
                done: 1,
                ..SubjectFigures::default()
            }],
        };
        let text = export(&report);
        let line = text.lines().nth(1).expect("a line");
        assert!(line.starts_with("training,7,\"'=HYPERLINK(\"\"x\"\")\",3,2,3.50,,3.00,4.00,3.25,0,,1,1,0,0"), "{line}");
        let course = SubjectFigures { subject: "course:k".into(), tested: 3, gain_hundredths: Some(-1667), ..SubjectFigures::default() };
        let text = export(&EvaluationReport { statements: vec![], subjects: vec![course] });
        assert!(text.lines().nth(1).expect("a line").contains(",3,-16.67,"), "{text}");
    }
}
