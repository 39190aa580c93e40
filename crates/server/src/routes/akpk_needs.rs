//! The BKPSDM's view of the needs analysis (docs/akpk.md): per unit and competency, who must have
//! it, who lacks it and by how much on average; per unit, how far the survey and the plans got.
//! Every unit in view is a row of its own staff (not of the units below it), with its depth, as
//! the competency report does; the total row sums everyone in view.

use super::akpk_review::year_of;
use crate::access::Viewer;
use crate::error::ApiError;
use crate::routes::dashboard::csv_response;
use crate::session::Session;
use crate::{AppState, csv};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use lentera_protocol::ApiErrorBody;
use lentera_protocol::akpk::position_key;
use lentera_protocol::akpk_review::{NeedsCell, NeedsCompetency, NeedsReport, NeedsUnit};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct NeedsQuery {
    /// Calendar year (WIB); this year when absent.
    year: Option<u32>,
    /// One unit's code (its subtree); all the caller's units when absent.
    unit: Option<String>,
}

/// Sums per cell while counting; the mean is made at the end.
#[derive(Clone, Copy, Default)]
struct Tally {
    required: u32,
    assessed: u32,
    with_gap: u32,
    gap_sum: u32,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.required += other.required;
        self.assessed += other.assessed;
        self.with_gap += other.with_gap;
        self.gap_sum += other.gap_sum;
    }

    fn cell(&self) -> NeedsCell {
        let mean_gap = (self.assessed > 0).then(|| (f64::from(self.gap_sum) * 10.0 / f64::from(self.assessed)).round() / 10.0);
        NeedsCell { required: self.required, assessed: self.assessed, with_gap: self.with_gap, mean_gap }
    }
}

fn to_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub async fn report(state: &AppState, viewer: &Viewer, q: &NeedsQuery) -> Result<NeedsReport, ApiError> {
    viewer.require_supervisor()?;
    let year = year_of(q.year)?;
    let ids = viewer.unit_ids(q.unit.as_deref())?;
    let in_view: BTreeSet<i64> = ids.iter().copied().collect();
    let people = state.db.needs_people(&ids).await?;
    let levels: HashMap<(i64, String), i64> = state.db.needs_levels(&ids, year).await?.into_iter().map(|(id, c, l)| ((id, c), l)).collect();
    let counts: HashMap<i64, _> = state.db.needs_plan_counts(&ids, year).await?.into_iter().map(|c| (c.unit_id, c)).collect();
    let mut requirements: HashMap<String, Vec<(String, u8)>> = HashMap::new();
    for (key, _, code, level) in state.db.all_requirements().await? {
        requirements.entry(key).or_default().push((code, level));
    }
    let framework = state.db.framework().await?;
    // Cells by (unit, competency) and people per unit.
    let mut cells: HashMap<(i64, &str), Tally> = HashMap::new();
    let mut staff: HashMap<i64, u32> = HashMap::new();
    let mut required_codes: BTreeSet<&str> = BTreeSet::new();
    for p in &people {
        *staff.entry(p.unit_id).or_default() += 1;
        for (code, required) in requirements.get(&position_key(&p.position)).map(Vec::as_slice).unwrap_or_default() {
            required_codes.insert(code);
            let t = cells.entry((p.unit_id, code.as_str())).or_default();
            t.required += 1;
            if let Some(level) = levels.get(&(p.id, code.clone())) {
                let gap = u32::from(*required).saturating_sub(u32::try_from(*level).unwrap_or(0));
                t.assessed += 1;
                t.gap_sum += gap;
                if gap > 0 {
                    t.with_gap += 1;
                }
            }
        }
    }
    let competencies: Vec<NeedsCompetency> =
        framework.iter().filter(|c| required_codes.contains(c.code.as_str())).map(|c| NeedsCompetency { code: c.code.clone(), name: c.name.clone() }).collect();
    let depth_of = |id: i64| {
        let mut depth = 0;
        let mut at = viewer.tree.get(id).and_then(|u| u.parent_id);
        while let Some(p) = at.filter(|p| in_view.contains(p)) {
            depth += 1;
            at = viewer.tree.get(p).and_then(|u| u.parent_id);
        }
        depth
    };
    let mut totals = vec![Tally::default(); competencies.len()];
    let mut total = NeedsUnit { unit_code: String::new(), unit_name: "Jumlah".into(), depth: 0, staff: 0, surveyed: 0, planned: 0, validated: 0, cells: Vec::new() };
    let mut units = Vec::new();
    for unit in viewer.tree.ordered(&viewer.scope).into_iter().filter(|u| in_view.contains(&u.id)) {
        let c = counts.get(&unit.id);
        let tallies: Vec<Tally> = competencies.iter().map(|k| cells.get(&(unit.id, k.code.as_str())).copied().unwrap_or_default()).collect();
        for (t, u) in totals.iter_mut().zip(&tallies) {
            t.add(u);
        }
        let row = NeedsUnit {
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            depth: depth_of(unit.id),
            staff: staff.get(&unit.id).copied().unwrap_or(0),
            surveyed: c.map_or(0, |c| to_u32(c.surveyed)),
            planned: c.map_or(0, |c| to_u32(c.planned)),
            validated: c.map_or(0, |c| to_u32(c.validated)),
            cells: tallies.iter().map(Tally::cell).collect(),
        };
        total.staff += row.staff;
        total.surveyed += row.surveyed;
        total.planned += row.planned;
        total.validated += row.validated;
        units.push(row);
    }
    total.cells = totals.iter().map(Tally::cell).collect();
    Ok(NeedsReport { year, competencies, units, total })
}

#[utoipa::path(get, path = "/akpk/needs", tag = "supervisors",
    params(NeedsQuery),
    responses(
        (status = 200, description = "Per unit in view (its own staff) and competency: people required to have it, assessed, with a gap, and the mean gap; per unit the counts surveyed, planned and validated", body = NeedsReport),
        (status = 400, description = "A year that is not one", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn needs(State(state): State<AppState>, session: Session, Query(q): Query<NeedsQuery>) -> Result<Json<NeedsReport>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    Ok(Json(report(&state, &viewer, &q).await?))
}

/// One line per unit (and the total) and competency; figures are plain numbers, an absent mean empty.
pub fn needs_csv(report: &NeedsReport) -> String {
    let mut out = csv::line(&[
        "tahun",
        "kode_unit",
        "nama_unit",
        "jumlah_pegawai",
        "sudah_survei",
        "rencana_diajukan",
        "rencana_divalidasi",
        "kode_kompetensi",
        "nama_kompetensi",
        "pegawai_wajib",
        "sudah_dinilai",
        "pegawai_kesenjangan",
        "rerata_kesenjangan",
    ]);
    for unit in report.units.iter().chain(std::iter::once(&report.total)) {
        for (competency, cell) in report.competencies.iter().zip(&unit.cells) {
            out.push_str(&csv::line(&[
                report.year.to_string(),
                csv::text_field(&unit.unit_code),
                csv::text_field(&unit.unit_name),
                unit.staff.to_string(),
                unit.surveyed.to_string(),
                unit.planned.to_string(),
                unit.validated.to_string(),
                csv::text_field(&competency.code),
                csv::text_field(&competency.name),
                cell.required.to_string(),
                cell.assessed.to_string(),
                cell.with_gap.to_string(),
                cell.mean_gap.map_or_else(String::new, |m| format!("{m:.1}")),
            ]));
        }
    }
    out
}

#[utoipa::path(get, path = "/akpk/needs.csv", tag = "supervisors",
    params(NeedsQuery),
    responses(
        (status = 200, description = "The needs as CSV: one line per unit (and a total) and competency, figures as plain numbers", content_type = "text/csv"),
        (status = 400, description = "A year that is not one", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn needs_csv_route(State(state): State<AppState>, session: Session, Query(q): Query<NeedsQuery>) -> Result<Response, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let report = report(&state, &viewer, &q).await?;
    Ok(csv_response(needs_csv(&report), format!("lentera-kebutuhan-kompetensi-{}.csv", report.year)).into_response())
}
