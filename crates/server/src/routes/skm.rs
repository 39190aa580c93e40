//! The units' citizen satisfaction surveys (SKM) and their IKM (docs/evaluation.md): the admin
//! records them; admins and supervisors read them beside the unit's learning in the same span.

use crate::access::Viewer;
use crate::db::skm::{SkmLine, SkmRow, UnitLearning};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::routes::dashboard::csv_response;
use crate::session::Session;
use crate::skm_csv::{export, read_import};
use crate::{calendar, AppState};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lentera_protocol::evaluation::{
    ikm, hundredths_text, Period, SkmImport, SkmImportRefused, SkmInput, SkmPeriod, SkmReport, SkmUnit, SpanLearning, ELEMENTS, NRR_MAX, NRR_MIN,
};
use lentera_protocol::ApiErrorBody;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SkmQuery {
    /// One unit's code; every unit in the caller's view that has a survey when absent.
    unit: Option<String>,
}

fn require_admin(session: &Session) -> Result<(), ApiError> {
    if session.learner.role == "admin" {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only an administrator may record the citizen satisfaction survey (SKM)".into()))
    }
}

fn period_of(text: &str) -> Result<Period, ApiError> {
    Period::parse(text).ok_or_else(|| {
        ApiError::InvalidRequest(format!(
            "period `{text}` is not a survey period: write a year (2025) or a half year (2025-S1 for January-June, 2025-S2 for July-December)"
        ))
    })
}

/// The respondents and nine scores, or a 400 naming the first wrong field.
fn checked(input: &SkmInput) -> Result<[u32; 9], ApiError> {
    if input.respondents < 1 {
        return Err(ApiError::InvalidRequest("field `respondents`: give the number of people who answered the survey (at least 1)".into()));
    }
    let nrr: [u32; 9] = input.nrr_hundredths.clone().try_into().map_err(|v: Vec<u32>| {
        ApiError::InvalidRequest(format!("field `nrr_hundredths`: give exactly nine scores, one per element, not {}", v.len()))
    })?;
    for (i, n) in nrr.iter().enumerate() {
        if !(NRR_MIN..=NRR_MAX).contains(n) {
            return Err(ApiError::InvalidRequest(format!(
                "field `nrr_hundredths[{i}]` ({}): give the element's average score from 1.00 to 4.00 in hundredths (100 to 400), not {n}",
                ELEMENTS[i].1
            )));
        }
    }
    Ok(nrr)
}

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every survey of `units` with its IKM and the learning of each unit's subtree in its span.
async fn units_report(state: &AppState, viewer: &Viewer, units: &[i64], only_recorded: bool) -> Result<SkmReport, ApiError> {
    let rows = state.db.skm_of(units).await?;
    let subtrees: HashMap<i64, Vec<i64>> = units.iter().map(|u| (*u, viewer.tree.subtree(*u).into_iter().collect())).collect();
    let mut all: Vec<i64> = subtrees.values().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let staff: HashMap<i64, i64> = state.db.staff_per_unit(&all).await?.into_iter().collect();
    let mut spans: BTreeMap<String, HashMap<i64, UnitLearning>> = BTreeMap::new();
    for row in &rows {
        if spans.contains_key(&row.period) {
            continue;
        }
        let Some(period) = Period::parse(&row.period) else { continue };
        let (first, end) = period.months();
        let (from, to) = (calendar::month_start_ms(period.year, first), calendar::month_start_ms(period.year, end));
        let learning = state.db.learning_in_span(&all, from, to).await?.into_iter().collect();
        spans.insert(row.period.clone(), learning);
    }
    let mut by_unit: HashMap<i64, Vec<&SkmRow>> = HashMap::new();
    for row in &rows {
        by_unit.entry(row.unit_id).or_default().push(row);
    }
    let mut out = Vec::new();
    for unit in units {
        let Some(info) = viewer.tree.get(*unit) else { continue };
        let mut mine = by_unit.remove(unit).unwrap_or_default();
        if mine.is_empty() && only_recorded {
            continue;
        }
        mine.sort_by_key(|r| Period::parse(&r.period).map(Period::sort_key));
        let subtree = &subtrees[unit];
        let people: i64 = subtree.iter().map(|u| staff.get(u).copied().unwrap_or(0)).sum();
        let periods = mine
            .into_iter()
            .map(|r| {
                let span = spans.get(&r.period);
                let mut sums = crate::db::skm::UnitLearning::default();
                for l in subtree.iter().filter_map(|u| span.and_then(|s| s.get(u))) {
                    sums.jp += l.jp;
                    sums.courses += l.courses;
                    sums.levels_sum += l.levels_sum;
                    sums.levels += l.levels;
                    sums.gain_sum += l.gain_sum;
                    sums.tested += l.tested;
                }
                let (jp, courses) = (sums.jp, sums.courses);
                let per_person = if people > 0 { (jp * 20 + people) / (people * 2) } else { 0 };
                SkmPeriod {
                    period: r.period.clone(),
                    respondents: r.respondents,
                    nrr_hundredths: r.nrr.to_vec(),
                    ikm: ikm(&r.nrr),
                    recorded_by: r.recorded_by.clone(),
                    recorded_at_ms: r.recorded_at_ms,
                    learning: SpanLearning {
                        staff: small(people),
                        jp_total: small(jp),
                        jp_per_person_tenths: small(per_person),
                        courses_completed: small(courses),
                        satisfaction_hundredths: lentera_protocol::reaction::mean_of_sum(u64::try_from(sums.levels_sum).unwrap_or(0), u64::try_from(sums.levels).unwrap_or(0)),
                        tested: small(sums.tested),
                        gain_hundredths: lentera_protocol::pretest::mean_gain_hundredths(sums.gain_sum, sums.tested),
                    },
                }
            })
            .collect();
        out.push(SkmUnit { unit_code: info.code.clone(), unit_name: info.name.clone(), periods });
    }
    Ok(SkmReport { elements: ELEMENTS.iter().map(|(k, _)| (*k).to_owned()).collect(), units: out })
}

/// The report for the caller: one unit (it must be in their view) or every unit in view with a survey.
async fn report(state: &AppState, viewer: &Viewer, q: &SkmQuery) -> Result<SkmReport, ApiError> {
    viewer.require_supervisor()?;
    match q.unit.as_deref().filter(|u| !u.is_empty()) {
        Some(code) => {
            let unit = viewer.tree.by_code(code).filter(|u| viewer.scope.contains(Some(u.id)));
            let unit = unit.ok_or_else(|| ApiError::Missing(format!("there is no unit {code} among your units; pick one from the list")))?;
            units_report(state, viewer, &[unit.id], false).await
        }
        None => {
            let ids: Vec<i64> = viewer.tree.ordered(&viewer.scope).iter().map(|u| u.id).collect();
            units_report(state, viewer, &ids, true).await
        }
    }
}

#[utoipa::path(get, path = "/skm", tag = "evaluation",
    params(SkmQuery),
    responses(
        (status = 200, description = "Per unit and period: the survey, its IKM and band, and beside it the learning of the unit's staff in that span", body = SkmReport),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, session: Session, Query(q): Query<SkmQuery>) -> Result<Json<SkmReport>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    Ok(Json(report(&state, &viewer, &q).await?))
}

#[utoipa::path(get, path = "/skm.csv", tag = "evaluation",
    params(SkmQuery),
    responses(
        (status = 200, description = "The same report as CSV, one line per unit and period; scores and figures are plain numbers with a decimal point", content_type = "text/csv"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn list_csv(State(state): State<AppState>, session: Session, Query(q): Query<SkmQuery>) -> Result<Response, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let report = report(&state, &viewer, &q).await?;
    Ok(csv_response(export(&report), "lentera-skm.csv".to_owned()).into_response())
}

#[utoipa::path(put, path = "/skm/{code}/{period}", tag = "evaluation",
    params(("code" = String, Path, description = "The unit's code"), ("period" = String, Path, description = "2025, 2025-S1 or 2025-S2")),
    request_body = SkmInput,
    responses(
        (status = 200, description = "Recorded (a survey of the same unit and period is replaced): the unit's history with the IKM", body = SkmReport),
        (status = 400, description = "A wrong period or field (the message names it)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No unit has this code", body = ApiErrorBody),
    ))]
pub async fn record(
    State(state): State<AppState>,
    session: Session,
    Path((code, period)): Path<(String, String)>,
    ApiJson(input): ApiJson<SkmInput>,
) -> Result<Json<SkmReport>, ApiError> {
    require_admin(&session)?;
    let period = period_of(&period)?.text();
    let nrr = checked(&input)?;
    let viewer = Viewer::of(&state, session).await?;
    let unit = viewer.tree.by_code(&code).map(|u| u.id).ok_or_else(|| ApiError::Missing(format!("there is no unit {code}; pick one from the list")))?;
    let result = ikm(&nrr);
    let detail = format!(
        "IKM {} (mutu {}, {}), {} responden",
        hundredths_text(result.converted_hundredths),
        result.band.letter(),
        result.band.words(),
        input.respondents
    );
    let entry = crate::audit::entry(&viewer.session, "skm_record", &format!("{code} {period}"), &detail, Some(unit));
    let line = SkmLine { unit_id: unit, period, respondents: input.respondents, nrr };
    state.db.put_skm(&line, &viewer.session.learner.name, entry.at_ms, Some(&entry)).await?;
    Ok(Json(units_report(&state, &viewer, &[unit], false).await?))
}

#[utoipa::path(delete, path = "/skm/{code}/{period}", tag = "evaluation",
    params(("code" = String, Path, description = "The unit's code"), ("period" = String, Path, description = "2025, 2025-S1 or 2025-S2")),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "Not a survey period", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No such unit, or no survey of it for the period", body = ApiErrorBody),
    ))]
pub async fn remove(State(state): State<AppState>, session: Session, Path((code, period)): Path<(String, String)>) -> Result<StatusCode, ApiError> {
    require_admin(&session)?;
    let period = period_of(&period)?.text();
    let tree = state.db.org_tree().await?;
    let unit = tree.by_code(&code).map(|u| u.id).ok_or_else(|| ApiError::Missing(format!("there is no unit {code}; pick one from the list")))?;
    let entry = crate::audit::entry(&session, "skm_delete", &format!("{code} {period}"), "hasil SKM dihapus", Some(unit));
    if !state.db.delete_skm(unit, &period, &entry).await? {
        return Err(ApiError::Missing(format!("unit {code} has no SKM result for {period}")));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/skm/import", tag = "evaluation",
    request_body(content = String, content_type = "text/csv", description = "kode_unit,periode,responden,u1,…,u9 — header first, UTF-8, comma or semicolon; scores 1.00-4.00"),
    responses(
        (status = 200, description = "Every line stored (a unit and period already recorded is replaced)", body = SkmImport),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 422, description = "The file has errors (every one, by line); nothing was stored", body = SkmImportRefused),
    ))]
pub async fn import(State(state): State<AppState>, session: Session, body: Bytes) -> Result<Response, ApiError> {
    require_admin(&session)?;
    let tree = state.db.org_tree().await?;
    let lines = match read_import(&body, &tree) {
        Ok(lines) => lines,
        Err(errors) => {
            let first = &errors[0];
            let error = ApiError::Unprocessable(format!(
                "the file has {} error(s), first on line {}: {}; nothing was imported. Fix the file and import it again",
                errors.len(),
                first.line,
                first.message
            ));
            let refused = SkmImportRefused { error: error.body().error, errors };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(refused)).into_response());
        }
    };
    let audit = |added: u32, replaced: u32| {
        crate::audit::entry(&session, "skm_import", "hasil SKM (CSV)", &format!("{added} ditambah, {replaced} diganti"), session.learner.unit_id)
    };
    let (added, replaced) = state.db.import_skm(&lines, &session.learner.name, crate::now_ms(), audit).await?;
    Ok(Json(SkmImport { lines: small(i64::try_from(lines.len()).unwrap_or(i64::MAX)), added, replaced }).into_response())
}
