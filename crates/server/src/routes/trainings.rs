//! Webinars and workshops (docs/activities.md): scheduling within the caller's units, the host's
//! check-in code and list, the learner's invitations and their calendar file. Organisers are
//! admins and supervisors whose units hold every unit a training invites; a training elsewhere is
//! a 404, as people outside one's units are.

use crate::access::Viewer;
use crate::db::trainings::TrainingRow;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::{AppState, checkin_code, now_ms};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::activity::{
    Attendance, CheckInCode, MyTraining, MyTrainings, Registration, RosterRow, Training, TrainingView, jp_for_minutes,
};
use std::collections::BTreeSet;

/// How far back the learner's list reaches: recordings stay there for two months.
const PAST_DAYS: i64 = 60;

const TITLE_MAX_CHARS: usize = 200;

pub fn is_https(link: &str) -> bool {
    link.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
}

fn hidden(id: i64) -> ApiError {
    ApiError::Missing(format!("there is no training {id} among your units; pick one from the list"))
}

/// Whether the caller may edit and host `training`: a supervisor or admin holding all its units.
fn organises(viewer: &Viewer, training: &Training) -> bool {
    matches!(viewer.session.learner.role.as_str(), "supervisor" | "admin")
        && !training.units.is_empty()
        && training.units.iter().all(|u| viewer.scope.contains(Some(*u)))
}

/// Training `id` when the caller organises it (403 for learners, 404 elsewhere).
async fn organised(state: &AppState, viewer: &Viewer, id: i64) -> Result<TrainingRow, ApiError> {
    viewer.require_supervisor()?;
    match state.db.training(id).await? {
        Some(row) if organises(viewer, &row.training) => Ok(row),
        _ => Err(hidden(id)),
    }
}

fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The training as sent, checked against the rules and the caller's units; the message names the field.
async fn checked(state: &AppState, viewer: &Viewer, input: Training) -> Result<Training, ApiError> {
    let bad = |m: String| Err(ApiError::InvalidRequest(m));
    let title = input.title.trim().to_owned();
    if title.is_empty() || title.chars().count() > TITLE_MAX_CHARS {
        return bad(format!("field `title`: give a title of at most {TITLE_MAX_CHARS} characters"));
    }
    if input.end_ms <= input.start_ms {
        return bad("field `end_ms`: the end must be after the start".into());
    }
    let minutes = u32::try_from((input.end_ms - input.start_ms) / 60_000).unwrap_or(u32::MAX);
    let most = jp_for_minutes(minutes);
    if input.jp > most {
        return bad(format!(
            "field `jp`: {minutes} minutes give at most {most} JP (1 JP is 45 minutes, Peraturan LAN 10/2018, at most 40); set {most} or fewer"
        ));
    }
    let link = optional(input.link);
    if link.as_deref().is_some_and(|l| !is_https(l)) {
        return bad("field `link`: give the online link as an https:// address".into());
    }
    let place = optional(input.place);
    if link.is_none() && place.is_none() {
        return bad("field `place`: give a place, an online link, or both".into());
    }
    if input.capacity == Some(0) {
        return bad("field `capacity`: give at least 1 place, or leave it empty for no limit".into());
    }
    if input.units.is_empty() {
        return bad("field `units`: invite at least one unit".into());
    }
    for unit in &input.units {
        if viewer.tree.get(*unit).is_none() || !viewer.scope.contains(Some(*unit)) {
            return Err(ApiError::Missing(format!("field `units`: there is no unit {unit} among your units; pick units from the list")));
        }
    }
    if let Some(partner) = input.partner_id
        && !state.db.partners().await?.iter().any(|p| p.id == partner)
    {
        return bad(format!("field `partner_id`: there is no partner {partner}; pick one from the list or add it on the partners page"));
    }
    let pre_reading = optional(input.pre_reading);
    if let Some(course) = &pre_reading
        && !state.library.packs.contains_key(course)
    {
        return bad(format!("field `pre_reading`: there is no course {course} in the library"));
    }
    let recording = optional(input.recording);
    if recording.as_deref().is_some_and(|l| !is_https(l)) {
        return bad("field `recording`: give the recording as an https:// address".into());
    }
    let materials: Vec<String> = input.materials.into_iter().map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()).collect();
    if let Some(m) = materials.iter().find(|m| !is_https(m)) {
        return bad(format!("field `materials`: {m} is not an https:// address"));
    }
    let units: Vec<i64> = input.units.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let pillars = input.pillars.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    Ok(Training { id: 0, title, link, place, units, pillars, pre_reading, recording, materials, ..input })
}

fn view(viewer: &Viewer, row: TrainingRow, partners: &[lentera_protocol::activity::Partner], counts: &std::collections::BTreeMap<i64, crate::db::trainings::Counts>) -> TrainingView {
    let c = counts.get(&row.training.id).copied().unwrap_or_default();
    TrainingView {
        organiser: organises(viewer, &row.training),
        partner: row.training.partner_id.and_then(|p| partners.iter().find(|x| x.id == p)).map(|p| p.name.clone()),
        confirmed: c.confirmed,
        full: c.full,
        present: c.present,
        training: row.training,
    }
}

#[utoipa::path(get, path = "/trainings", tag = "trainings",
    responses(
        (status = 200, description = "Trainings inviting any unit in the caller's units (all for an admin of the whole tree), by start", body = [TrainingView]),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Vec<TrainingView>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let partners = state.db.partners().await?;
    let counts = state.db.training_counts().await?;
    let rows = state.db.trainings().await?;
    Ok(Json(
        rows.into_iter()
            .filter(|r| r.training.units.iter().any(|u| viewer.scope.contains(Some(*u))))
            .map(|r| view(&viewer, r, &partners, &counts))
            .collect(),
    ))
}

#[utoipa::path(post, path = "/trainings", tag = "trainings",
    request_body = Training,
    responses(
        (status = 201, description = "The training is scheduled (`id` in the body is ignored)", body = TrainingView),
        (status = 400, description = "A field is wrong (the message names it): end before start, a link that is not https, more JP than the duration gives, no units, capacity 0, an unknown partner or course", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "A unit that is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn create(State(state): State<AppState>, session: Session, ApiJson(input): ApiJson<Training>) -> Result<(StatusCode, Json<TrainingView>), ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let training = checked(&state, &viewer, input).await?;
    let secret = checkin_code::new_secret().map_err(|e| ApiError::Internal(e.into()))?;
    let entry = crate::audit::entry(&viewer.session, "training_create", &training.title, &describe(&training), training.units.first().copied());
    let id = state.db.put_training(None, &training, &secret, Some(viewer.session.learner.id), now_ms(), Some(&entry)).await?;
    let id = id.ok_or_else(|| ApiError::Internal("the training was not stored".into()))?;
    let row = TrainingRow { training: Training { id, ..training }, secret };
    let partners = state.db.partners().await?;
    Ok((StatusCode::CREATED, Json(view(&viewer, row, &partners, &Default::default()))))
}

fn describe(t: &Training) -> String {
    format!("{} {} JP, {}..{}, units {:?}", t.form.key(), t.jp, t.start_ms, t.end_ms, t.units)
}

#[utoipa::path(put, path = "/trainings/{id}", tag = "trainings",
    params(("id" = i64, Path, description = "The training's id")),
    request_body = Training,
    responses(
        (status = 200, description = "The training as changed; credit already given follows its title, JP and date", body = TrainingView),
        (status = 400, description = "A field is wrong (the message names it)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such training among the caller's units, or a unit outside them", body = ApiErrorBody),
    ))]
pub async fn update(State(state): State<AppState>, session: Session, Path(id): Path<i64>, ApiJson(input): ApiJson<Training>) -> Result<Json<TrainingView>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let old = organised(&state, &viewer, id).await?;
    let training = checked(&state, &viewer, input).await?;
    let entry = crate::audit::entry(&viewer.session, "training_update", &format!("{id}: {}", training.title), &describe(&training), training.units.first().copied());
    state.db.put_training(Some(id), &training, &old.secret, None, now_ms(), Some(&entry)).await?.ok_or_else(|| hidden(id))?;
    let row = state.db.training(id).await?.ok_or_else(|| hidden(id))?;
    let partners = state.db.partners().await?;
    let counts = state.db.training_counts().await?;
    Ok(Json(view(&viewer, row, &partners, &counts)))
}

#[utoipa::path(get, path = "/trainings/{id}/roster", tag = "trainings",
    params(("id" = i64, Path, description = "The training's id")),
    responses(
        (status = 200, description = "Everyone registered, checked in or marked, by name, with their registration and attendance", body = [RosterRow]),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such training among the caller's units", body = ApiErrorBody),
    ))]
pub async fn roster(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Result<Json<Vec<RosterRow>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    organised(&state, &viewer, id).await?;
    Ok(Json(state.db.roster(id).await?))
}

#[utoipa::path(post, path = "/trainings/{id}/attendance", tag = "trainings",
    params(("id" = i64, Path, description = "The training's id")),
    request_body = Attendance,
    responses(
        (status = 200, description = "Marked: attendance is credited (present) or taken back (absent); the list as it now is", body = [RosterRow]),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such training among the caller's units, or nobody of that NIP invited to it", body = ApiErrorBody),
    ))]
pub async fn attendance(State(state): State<AppState>, session: Session, Path(id): Path<i64>, ApiJson(body): ApiJson<Attendance>) -> Result<Json<Vec<RosterRow>>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let row = organised(&state, &viewer, id).await?;
    let nip = body.nip.trim();
    let invited = match state.db.person(nip).await? {
        Some((learner, unit)) if viewer.tree.chain(unit).iter().any(|u| row.training.units.contains(u)) => Some((learner, unit)),
        _ => None,
    };
    let (learner, unit) = invited.ok_or_else(|| ApiError::Missing(format!("there is no one with NIP {nip} invited to this training; check the NIP")))?;
    let detail = format!("{id} {}: {}", row.training.title, if body.present { "hadir" } else { "tidak hadir" });
    let entry = crate::audit::entry(&viewer.session, "training_attendance", nip, &detail, unit);
    state.db.mark_attendance(&row, learner, body.present, viewer.session.learner.id, now_ms(), &entry).await?;
    Ok(Json(state.db.roster(id).await?))
}

#[utoipa::path(get, path = "/trainings/{id}/code", tag = "trainings",
    params(("id" = i64, Path, description = "The training's id")),
    responses(
        (status = 200, description = "The check-in code of the current 10-minute slot, when it changes, and when check-ins count", body = CheckInCode),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such training among the caller's units", body = ApiErrorBody),
    ))]
pub async fn code(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Result<Json<CheckInCode>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let row = organised(&state, &viewer, id).await?;
    let slot = checkin_code::slot_of(now_ms());
    let (opens_ms, closes_ms) = checkin_code::window(row.training.start_ms, row.training.end_ms);
    Ok(Json(CheckInCode {
        code: checkin_code::code(&row.secret, slot),
        slot_ends_ms: (slot + 1) * lentera_protocol::activity::CODE_SLOT_MS,
        opens_ms,
        closes_ms,
    }))
}

#[utoipa::path(get, path = "/trainings/mine", tag = "trainings",
    responses(
        (status = 200, description = "Trainings inviting the caller's unit or a unit above it, upcoming and of the last 60 days; the recording and materials only once it ended and only for those registered or present", body = MyTrainings),
        (status = 401, description = "No session", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<MyTrainings>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let units = viewer.tree.chain(viewer.session.learner.unit_id);
    let now = now_ms();
    let partners = state.db.partners().await?;
    let counts = state.db.training_counts().await?;
    let (registrations, credits) = state.db.my_trainings(viewer.session.learner.id).await?;
    let trainings = state
        .db
        .trainings()
        .await?
        .into_iter()
        .filter(|r| r.training.end_ms >= now - PAST_DAYS * 86_400_000 && r.training.units.iter().any(|u| units.contains(u)))
        .map(|r| {
            let mut training = r.training;
            let registration = registrations.get(&training.id).cloned();
            let credited_jp = credits.get(&training.id).copied();
            let entitled = registration == Some(Registration::Confirmed) || credited_jp.is_some();
            if !(entitled && now >= training.end_ms) {
                training.recording = None;
                training.materials.clear();
            }
            MyTraining {
                partner: training.partner_id.and_then(|p| partners.iter().find(|x| x.id == p)).cloned(),
                taken: counts.get(&training.id).map_or(0, |c| c.confirmed),
                registration,
                credited_jp,
                training,
            }
        })
        .collect();
    Ok(Json(MyTrainings { trainings }))
}

#[utoipa::path(get, path = "/trainings/{id}/calendar.ics", tag = "trainings",
    params(("id" = i64, Path, description = "The training's id")),
    responses(
        (status = 200, description = "The training as an iCalendar (RFC 5545) event", content_type = "text/calendar"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such training invites the caller (or is organised by them)", body = ApiErrorBody),
    ))]
pub async fn calendar(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Result<impl IntoResponse, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let row = state.db.training(id).await?.ok_or_else(|| hidden(id))?;
    let units = viewer.tree.chain(viewer.session.learner.unit_id);
    if !(organises(&viewer, &row.training) || row.training.units.iter().any(|u| units.contains(u))) {
        return Err(hidden(id));
    }
    let partner = match row.training.partner_id {
        Some(p) => state.db.partners().await?.into_iter().find(|x| x.id == p).map(|x| x.name),
        None => None,
    };
    let body = crate::ics::calendar(&row.training, partner.as_deref(), "lentera", now_ms());
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"pelatihan-{id}.ics\"")),
        ],
        body,
    ))
}
