//! The supervisors' dashboard: one row per person from the kept fold, unit totals, and its CSV.

use crate::access::Viewer;
use crate::calendar;
use crate::csv;
use crate::db::dashboard::StaffFigures;
use crate::error::ApiError;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::org::{Dashboard, STALE_AFTER_DAYS, StaffRow, TARGET_JP, UnitSummary, on_track, on_track_jp};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct DashboardQuery {
    /// A unit code: that unit and everything below. Absent: every unit the caller supervises.
    unit: Option<String>,
}

/// Today's frame: (year, today as `YYYY-MM-DD`, day of year, days in year, now).
pub struct Today {
    pub year: i32,
    pub date: String,
    pub day: u32,
    pub days: u32,
    pub now_ms: i64,
}

impl Today {
    pub fn now() -> Today {
        let now_ms = now_ms();
        let (year, day, days) = calendar::year_position(now_ms);
        Today { year, date: calendar::date(now_ms), day, days, now_ms }
    }
}

/// A stored row as the dashboard shows it.
pub fn staff_row(f: &StaffFigures, viewer: &Viewer, today: &Today) -> StaffRow {
    let unit = viewer.tree.get(f.unit_id);
    let days_since_sync = f.last_synced_ms.map(|t| calendar::days_between(t, today.now_ms).max(0));
    let count = |n: i64| u32::try_from(n).unwrap_or(0);
    StaffRow {
        nip: f.nip.clone(),
        name: f.name.clone(),
        position: f.position.clone(),
        unit_code: unit.map(|u| u.code.clone()).unwrap_or_default(),
        unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
        jp: count(f.jp),
        courses_completed: count(f.completed),
        courses_in_progress: count(f.in_progress),
        overdue: count(f.overdue),
        assigned_open: count(f.assigned_open),
        last_synced_ms: f.last_synced_ms,
        days_since_sync,
        stale: days_since_sync.is_none_or(|d| d > STALE_AFTER_DAYS),
        storage_warning: f.storage_warning.clone(),
        on_track: on_track(count(f.jp), today.day, today.days),
    }
}

fn summarise(code: &str, name: &str, rows: &[&StaffRow]) -> UnitSummary {
    let count = |f: &dyn Fn(&StaffRow) -> bool| u32::try_from(rows.iter().filter(|r| f(r)).count()).unwrap_or(u32::MAX);
    let total_jp: u64 = rows.iter().map(|r| u64::from(r.jp)).sum();
    let mean = if rows.is_empty() { 0.0 } else { total_jp as f64 / rows.len() as f64 };
    UnitSummary {
        code: code.to_owned(),
        name: name.to_owned(),
        staff: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        on_track: count(&|r| r.on_track),
        reached_target: count(&|r| r.jp >= TARGET_JP),
        stale: count(&|r| r.stale),
        overdue_people: count(&|r| r.overdue > 0),
        mean_jp: (mean * 10.0).round() / 10.0,
    }
}

/// The dashboard for `unit` (or the caller's whole scope).
pub async fn build(state: &AppState, viewer: &Viewer, unit: Option<&str>) -> Result<Dashboard, ApiError> {
    viewer.require_supervisor()?;
    let ids = viewer.unit_ids(unit)?;
    let today = Today::now();
    let figures = state.db.staff_figures(&ids, today.year, &today.date, None).await?;
    let staff: Vec<StaffRow> = figures.iter().map(|f| staff_row(f, viewer, &today)).collect();
    // Each row counts towards its unit and every unit above it that is in view.
    let by_unit: HashMap<&str, i64> = viewer.tree.units.iter().map(|u| (u.code.as_str(), u.id)).collect();
    let in_subtree = |root: i64| {
        let below = viewer.tree.subtree(root);
        staff.iter().filter(|r| by_unit.get(r.unit_code.as_str()).is_some_and(|id| below.contains(id))).collect::<Vec<_>>()
    };
    let roots: Vec<i64> = match unit.filter(|u| !u.is_empty()).and_then(|c| viewer.tree.by_code(c)) {
        Some(u) => vec![u.id],
        None => viewer.tree.scope_roots(&viewer.scope),
    };
    let mut units = Vec::new();
    for root in roots {
        for id in std::iter::once(root).chain(viewer.tree.children(root).iter().copied()) {
            if let Some(u) = viewer.tree.get(id) {
                units.push(summarise(&u.code, &u.name, &in_subtree(id)));
            }
        }
    }
    let all: Vec<&StaffRow> = staff.iter().collect();
    Ok(Dashboard {
        year: today.year,
        today: today.date.clone(),
        target_jp: TARGET_JP,
        on_track_jp: on_track_jp(today.day, today.days),
        total: summarise(unit.unwrap_or(""), "", &all),
        units,
        staff,
    })
}

#[utoipa::path(get, path = "/dashboard", tag = "supervisors",
    params(DashboardQuery),
    responses(
        (status = 200, description = "One row per person in view, with unit totals", body = Dashboard),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such unit among the caller's units", body = ApiErrorBody),
    ))]
pub async fn dashboard(State(state): State<AppState>, session: Session, Query(q): Query<DashboardQuery>) -> Result<Json<Dashboard>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    Ok(Json(build(&state, &viewer, q.unit.as_deref()).await?))
}

/// Columns of `dashboard.csv`, documented in docs/supervisors.md.
pub const DASHBOARD_COLUMNS: [&str; 15] = [
    "nip", "nama", "jabatan", "kode_unit", "unit", "tahun", "jp", "target_jp", "sesuai_target",
    "kursus_selesai", "kursus_berjalan", "tugas_terlambat", "tugas_terbuka", "terakhir_sinkron", "hari_sejak_sinkron",
];

#[utoipa::path(get, path = "/dashboard.csv", tag = "supervisors",
    params(DashboardQuery),
    responses(
        (status = 200, description = "The dashboard rows as RFC 4180 CSV (UTF-8, numbers as numbers, ISO dates)", content_type = "text/csv"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such unit among the caller's units", body = ApiErrorBody),
    ))]
pub async fn dashboard_csv(State(state): State<AppState>, session: Session, Query(q): Query<DashboardQuery>) -> Result<impl IntoResponse, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let board = build(&state, &viewer, q.unit.as_deref()).await?;
    let mut out = csv::line(&DASHBOARD_COLUMNS);
    for r in &board.staff {
        out.push_str(&csv::line(&[
            r.nip.clone(), r.name.clone(), r.position.clone(), r.unit_code.clone(), r.unit_name.clone(),
            board.year.to_string(), r.jp.to_string(), TARGET_JP.to_string(), u8::from(r.on_track).to_string(),
            r.courses_completed.to_string(), r.courses_in_progress.to_string(), r.overdue.to_string(), r.assigned_open.to_string(),
            r.last_synced_ms.map(calendar::date).unwrap_or_default(),
            r.days_since_sync.map(|d| d.to_string()).unwrap_or_default(),
        ]));
    }
    Ok(csv_response(out, format!("lentera-dasbor-{}.csv", board.today)))
}

/// A CSV download: UTF-8 declared, a file name a spreadsheet keeps.
pub fn csv_response(body: String, filename: String) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        body,
    )
}
