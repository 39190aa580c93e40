//! The BKPSDM's view of the competency dimension: credited JP by competency type and form of
//! learning per unit for a year or quarter (WIB), and who has reached 20 JP of technical training.

use crate::access::Viewer;
use crate::db::competency::UnitCompetency;
use crate::error::ApiError;
use crate::routes::dashboard::csv_response;
use crate::session::Session;
use crate::{AppState, calendar, csv};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use lentera_protocol::ApiErrorBody;
use lentera_protocol::competency::{CompetencyReport, CompetencyRow, FORMS, TECHNICAL_JP_TARGET, TechnicalReached};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CompetencyQuery {
    /// Calendar year (WIB); this year when absent.
    year: Option<i32>,
    /// 1-4; the whole year when absent.
    quarter: Option<u8>,
    /// One unit's code (its subtree); all the caller's units when absent.
    unit: Option<String>,
    /// CSV only: `units` (default) for the table per unit, `reached` for the people at 20 JP `teknis`.
    list: Option<String>,
}

/// The period's `[from, to)` in Unix ms and the span the 20 JP count reads (1 January to `to`).
fn span(year: i32, quarter: Option<u8>) -> (i64, i64, i64) {
    let year_start = calendar::month_start_ms(year, 1);
    match quarter {
        Some(q) => {
            let first = u32::from(q - 1) * 3 + 1;
            (calendar::month_start_ms(year, first), calendar::month_start_ms(year, first + 3), year_start)
        }
        None => (year_start, calendar::month_start_ms(year, 13), year_start),
    }
}

fn to_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Builds the report for the caller's units (or one unit's subtree).
pub async fn report(state: &AppState, viewer: &Viewer, q: &CompetencyQuery) -> Result<CompetencyReport, ApiError> {
    viewer.require_supervisor()?;
    let year = q.year.unwrap_or_else(|| calendar::year_position(crate::now_ms()).0);
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::InvalidRequest("year is a calendar year such as 2026".into()));
    }
    if q.quarter.is_some_and(|n| !(1..=4).contains(&n)) {
        return Err(ApiError::InvalidRequest("quarter is 1, 2, 3 or 4; leave it out for the whole year".into()));
    }
    let ids = viewer.unit_ids(q.unit.as_deref())?;
    let (from, to, year_start) = span(year, q.quarter);
    let sums: HashMap<i64, UnitCompetency> = state.db.competency_sums(&ids, from, to).await?.into_iter().map(|s| (s.unit_id, s)).collect();
    let staff: HashMap<i64, i64> = state.db.staff_per_unit(&ids).await?.into_iter().collect();
    let reached_rows = state.db.technical_reached(&ids, year_start, to, i64::from(TECHNICAL_JP_TARGET)).await?;
    let mut reached_per_unit: HashMap<i64, u32> = HashMap::new();
    for r in &reached_rows {
        *reached_per_unit.entry(r.unit_id).or_default() += 1;
    }
    let code_of = |id: i64| viewer.tree.get(id).map(|u| u.code.clone()).unwrap_or_default();
    let in_view: std::collections::BTreeSet<i64> = ids.iter().copied().collect();
    let depth_of = |id: i64| {
        let mut depth = 0;
        let mut at = viewer.tree.get(id).and_then(|u| u.parent_id);
        while let Some(p) = at.filter(|p| in_view.contains(p)) {
            depth += 1;
            at = viewer.tree.get(p).and_then(|u| u.parent_id);
        }
        depth
    };
    let mut total = CompetencyRow {
        unit_code: String::new(),
        unit_name: "Jumlah".into(),
        depth: 0,
        staff: 0,
        teknis_jp: 0,
        manajerial_jp: 0,
        sosial_kultural_jp: 0,
        jp_by_form: vec![0; FORMS.len()],
        reached_technical: 0,
    };
    let mut units = Vec::new();
    for unit in viewer.tree.ordered(&viewer.scope).into_iter().filter(|u| in_view.contains(&u.id)) {
        let s = sums.get(&unit.id).cloned().unwrap_or_default();
        let row = CompetencyRow {
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            depth: depth_of(unit.id),
            staff: to_u32(staff.get(&unit.id).copied().unwrap_or(0)),
            teknis_jp: to_u32(s.teknis),
            manajerial_jp: to_u32(s.manajerial),
            sosial_kultural_jp: to_u32(s.sosial_kultural),
            jp_by_form: if s.by_form.is_empty() { vec![0; FORMS.len()] } else { s.by_form.iter().map(|v| to_u32(*v)).collect() },
            reached_technical: reached_per_unit.get(&unit.id).copied().unwrap_or(0),
        };
        total.staff += row.staff;
        total.teknis_jp += row.teknis_jp;
        total.manajerial_jp += row.manajerial_jp;
        total.sosial_kultural_jp += row.sosial_kultural_jp;
        for (t, v) in total.jp_by_form.iter_mut().zip(&row.jp_by_form) {
            *t += v;
        }
        total.reached_technical += row.reached_technical;
        units.push(row);
    }
    let order: HashMap<i64, usize> = units.iter().enumerate().filter_map(|(i, u)| viewer.tree.by_code(&u.unit_code).map(|t| (t.id, i))).collect();
    let mut reached: Vec<(usize, TechnicalReached)> = reached_rows
        .into_iter()
        .map(|r| (order.get(&r.unit_id).copied().unwrap_or(usize::MAX), TechnicalReached { nip: r.nip, name: r.name, unit_code: code_of(r.unit_id), teknis_jp: to_u32(r.jp) }))
        .collect();
    reached.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.to_lowercase().cmp(&b.1.name.to_lowercase())).then_with(|| a.1.nip.cmp(&b.1.nip)));
    Ok(CompetencyReport {
        year,
        quarter: q.quarter,
        forms: FORMS.iter().map(|f| (*f).to_owned()).collect(),
        units,
        total,
        reached: reached.into_iter().map(|(_, r)| r).collect(),
    })
}

#[utoipa::path(get, path = "/competency", tag = "supervisors",
    params(CompetencyQuery),
    responses(
        (status = 200, description = "Credited JP by competency type and form of learning per unit for the period, and who has reached 20 JP of teknis in the year", body = CompetencyReport),
        (status = 400, description = "A quarter outside 1-4 or a year that is not one", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn competency(State(state): State<AppState>, session: Session, Query(q): Query<CompetencyQuery>) -> Result<Json<CompetencyReport>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    Ok(Json(report(&state, &viewer, &q).await?))
}

/// Columns of the per-unit CSV (docs/competency.md); one `jp_<form>` column per form of learning.
fn unit_header() -> Vec<String> {
    let mut h: Vec<String> = ["tahun", "triwulan", "kode_unit", "nama_unit", "jumlah_pegawai", "jp_teknis", "jp_manajerial", "jp_sosial_kultural"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    h.extend(FORMS.iter().map(|f| format!("jp_{f}")));
    h.push("mencapai_20_jp_teknis".into());
    h
}

pub fn units_csv(report: &CompetencyReport) -> String {
    let quarter = report.quarter.map_or_else(String::new, |q| q.to_string());
    let mut out = csv::line(&unit_header());
    for row in report.units.iter().chain(std::iter::once(&report.total)) {
        let mut fields = vec![
            report.year.to_string(),
            quarter.clone(),
            csv::text_field(&row.unit_code),
            csv::text_field(&row.unit_name),
            row.staff.to_string(),
            row.teknis_jp.to_string(),
            row.manajerial_jp.to_string(),
            row.sosial_kultural_jp.to_string(),
        ];
        fields.extend(row.jp_by_form.iter().map(u32::to_string));
        fields.push(row.reached_technical.to_string());
        out.push_str(&csv::line(&fields));
    }
    out
}

pub fn reached_csv(report: &CompetencyReport) -> String {
    let mut out = csv::line(&["tahun", "nip", "nama", "kode_unit", "jp_teknis"]);
    for r in &report.reached {
        out.push_str(&csv::line(&[report.year.to_string(), r.nip.clone(), csv::text_field(&r.name), csv::text_field(&r.unit_code), r.teknis_jp.to_string()]));
    }
    out
}

#[utoipa::path(get, path = "/competency.csv", tag = "supervisors",
    params(CompetencyQuery),
    responses(
        (status = 200, description = "The report as CSV: per unit with a total row (`list=units`), or the people at 20 JP of teknis (`list=reached`); figures are plain numbers", content_type = "text/csv"),
        (status = 400, description = "A quarter outside 1-4, a year that is not one, or an unknown list", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn competency_csv(State(state): State<AppState>, session: Session, Query(q): Query<CompetencyQuery>) -> Result<Response, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let reached = match q.list.as_deref().unwrap_or("units") {
        "units" => false,
        "reached" => true,
        other => return Err(ApiError::InvalidRequest(format!("list is units or reached, not {other}"))),
    };
    let report = report(&state, &viewer, &q).await?;
    let period = report.quarter.map_or_else(|| report.year.to_string(), |n| format!("{}-tw{n}", report.year));
    let (name, text) = if reached {
        (format!("lentera-20jp-teknis-{period}.csv"), reached_csv(&report))
    } else {
        (format!("lentera-kompetensi-{period}.csv"), units_csv(&report))
    };
    Ok(csv_response(text, name).into_response())
}
