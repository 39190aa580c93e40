//! The supervisors' dashboard: unit totals summed by the database over everyone in view, one
//! page of people in the order asked (searched by name or NIP), and the CSV of everyone.

use crate::access::Viewer;
use crate::calendar;
use crate::csv;
use crate::db::dashboard::{Day, InView, Search, Slice, StaffFigures, UnitTotals};
use crate::db::org::OrgTree;
use crate::error::ApiError;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::org::{
    DASHBOARD_PAGE, DASHBOARD_PAGE_MAX, Dashboard, PEOPLE_CHART_MAX, PersonJp, STALE_AFTER_DAYS, StaffPage, StaffRow, StaffSort,
    TARGET_JP, UnitSummary, on_track_jp,
};
use lentera_protocol::Employment;
use serde::Deserialize;
use std::collections::HashMap;

/// The longest search accepted, in characters.
const SEARCH_MAX: usize = 100;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// A unit code: that unit and everything below. Absent: every unit the caller supervises.
    unit: Option<String>,
    /// Keeps the people whose name contains it (ASCII letters in either case), or, when it is
    /// digits (spaces ignored), whose NIP contains them. The totals stay over everyone in view.
    q: Option<String>,
    /// The order of the rows: `name` (default), `nip`, `unit`, `jp`, `courses`, `overdue`,
    /// `synced` (days since the last sync, never synced the longest) or `storage`; ties go by name
    /// (A-Z, ASCII letters in either case), then NIP.
    #[param(value_type = Option<StaffSort>)]
    sort: Option<String>,
    /// `asc` or `desc`; absent: A-Z for `name`, `nip`, `unit`, largest first for the others.
    dir: Option<String>,
    /// Rows to skip, for later pages (default 0).
    #[param(value_type = Option<u32>)]
    offset: Option<String>,
    /// Rows in the page, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
}

/// What one dashboard page asks for, checked.
#[derive(Clone, Debug)]
pub struct PageRequest {
    pub q: String,
    pub search: Search,
    pub sort: StaffSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { q: String::new(), search: Search::Everyone, sort: StaffSort::Name, descending: false, offset: 0, limit: DASHBOARD_PAGE }
    }
}

impl DashboardQuery {
    pub fn page(&self) -> Result<PageRequest, ApiError> {
        let bad = |field: &str, what: &str| ApiError::InvalidRequest(format!("field `{field}`: {what}"));
        let q = self.q.as_deref().unwrap_or_default().trim().to_owned();
        if q.chars().count() > SEARCH_MAX {
            return Err(bad("q", &format!("search with at most {SEARCH_MAX} characters")));
        }
        let sort = match self.sort.as_deref().filter(|s| !s.is_empty()) {
            None => StaffSort::Name,
            Some(key) => StaffSort::parse(key).ok_or_else(|| {
                let keys: Vec<&str> = StaffSort::ALL.iter().map(|s| s.key()).collect();
                bad("sort", &format!("one of {}", keys.join(", ")))
            })?,
        };
        let descending = match self.dir.as_deref().filter(|s| !s.is_empty()) {
            None => sort.starts_descending(),
            Some("asc") => false,
            Some("desc") => true,
            Some(_) => return Err(bad("dir", "`asc` or `desc`")),
        };
        let number = |field: &str, text: Option<&str>, default: u32, range: std::ops::RangeInclusive<u32>| {
            match text.filter(|t| !t.is_empty()) {
                None => Ok(default),
                Some(t) => t
                    .parse::<u32>()
                    .ok()
                    .filter(|n| range.contains(n))
                    .ok_or_else(|| bad(field, &format!("a whole number from {} to {}", range.start(), range.end()))),
            }
        };
        let offset = number("offset", self.offset.as_deref(), 0, 0..=u32::MAX)?;
        let limit = number("limit", self.limit.as_deref(), DASHBOARD_PAGE, 1..=DASHBOARD_PAGE_MAX)?;
        Ok(PageRequest { search: Search::parse(&q), q, sort, descending, offset, limit })
    }
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

    /// The same day as the database queries measure against.
    pub fn day(&self) -> Day {
        Day::of(self.now_ms)
    }
}

/// The stored type; anything unreadable counts as PNS (the column only holds `pns` or `pppk`).
fn employment(f: &StaffFigures) -> Employment {
    Employment::parse(&f.employment).unwrap_or_default()
}

/// A stored row as the dashboard shows it, measured against the person's own JP rule.
pub fn staff_row(f: &StaffFigures, tree: &OrgTree, today: &Today) -> StaffRow {
    let unit = f.unit_id.and_then(|id| tree.get(id));
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
        on_track: employment(f).on_track(count(f.jp), today.day, today.days),
        employment: employment(f),
        target_jp: employment(f).yearly_jp(),
    }
}

/// The database's per-unit sums added up over `units` (a subtree, or everything in view).
fn summarise<'a>(code: &str, name: &str, totals: &HashMap<i64, UnitTotals>, units: impl IntoIterator<Item = &'a i64>) -> UnitSummary {
    let mut sum = UnitTotals::default();
    for t in units.into_iter().filter_map(|id| totals.get(id)) {
        sum.staff += t.staff;
        sum.on_track += t.on_track;
        sum.reached_target += t.reached_target;
        sum.stale += t.stale;
        sum.overdue_people += t.overdue_people;
        sum.jp += t.jp;
        sum.pppk += t.pppk;
    }
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let mean = if sum.staff == 0 { 0.0 } else { sum.jp as f64 / sum.staff as f64 };
    UnitSummary {
        code: code.to_owned(),
        name: name.to_owned(),
        staff: count(sum.staff),
        on_track: count(sum.on_track),
        reached_target: count(sum.reached_target),
        stale: count(sum.stale),
        overdue_people: count(sum.overdue_people),
        mean_jp: (mean * 10.0).round() / 10.0,
        pppk: count(sum.pppk),
    }
}

/// The dashboard for `unit` (or the caller's whole scope): totals over everyone in it, and the
/// page of people `page` asks for. The totals, the page and the count of matches are read at once.
pub async fn build(state: &AppState, viewer: &Viewer, unit: Option<&str>, page: &PageRequest) -> Result<Dashboard, ApiError> {
    viewer.require_supervisor()?;
    let ids = viewer.unit_ids(unit)?;
    let in_view = in_view(viewer, &ids);
    let today = Today::now();
    let day = today.day();
    let db = &state.db;
    let rows = async {
        let people = db.staff_ids(in_view, &page.search, page.sort, page.descending, Slice { limit: Some(page.limit), offset: page.offset }, &day).await?;
        db.staff_figures(&people, &day).await
    };
    let matches = async {
        match &page.search {
            Search::Everyone => Ok(None),
            search => db.count_matching(in_view, search).await.map(Some),
        }
    };
    let (totals, figures, matched) = tokio::try_join!(db.unit_totals(in_view, &day), rows, matches)?;
    let totals: HashMap<i64, UnitTotals> = totals.into_iter().map(|t| (t.unit_id, t)).collect();

    // Each person counts towards their unit and every unit above it that is in view.
    let roots: Vec<i64> = match unit.filter(|u| !u.is_empty()).and_then(|c| viewer.tree.by_code(c)) {
        Some(u) => vec![u.id],
        None => viewer.tree.scope_roots(&viewer.scope),
    };
    let mut units = Vec::new();
    for root in roots {
        for id in std::iter::once(root).chain(viewer.tree.children(root).iter().copied()) {
            if let Some(u) = viewer.tree.get(id) {
                units.push(summarise(&u.code, &u.name, &totals, &viewer.tree.subtree(id)));
            }
        }
    }
    let total = summarise(unit.unwrap_or(""), "", &totals, &ids);

    // A small scope is charted person by person, whatever the search and the page.
    let everyone_here = page.search == Search::Everyone && page.offset == 0 && figures.len() == total.staff as usize;
    let people_jp = if total.staff > PEOPLE_CHART_MAX {
        Vec::new()
    } else if everyone_here {
        figures.iter().map(person_jp).collect()
    } else {
        let people = db.staff_ids(in_view, &Search::Everyone, StaffSort::Name, false, Slice::first(PEOPLE_CHART_MAX), &day).await?;
        db.staff_figures(&people, &day).await?.iter().map(person_jp).collect()
    };
    Ok(Dashboard {
        year: today.year,
        today: today.date.clone(),
        target_jp: TARGET_JP,
        on_track_jp: on_track_jp(today.day, today.days),
        target_jp_pppk: Employment::Pppk.yearly_jp(),
        on_track_jp_pppk: Employment::Pppk.on_track_jp(today.day, today.days),
        page: StaffPage {
            q: page.q.clone(),
            sort: page.sort,
            descending: page.descending,
            offset: page.offset,
            limit: page.limit,
            matched: matched.map_or(total.staff, |n| u32::try_from(n).unwrap_or(u32::MAX)),
        },
        total,
        units,
        staff: figures.iter().map(|f| staff_row(f, &viewer.tree, &today)).collect(),
        people_jp,
    })
}

/// The units `ids` (of the viewer's tree) as a dashboard query reads them: every unit is everyone.
pub fn in_view<'a>(viewer: &Viewer, ids: &'a [i64]) -> InView<'a> {
    if ids.len() == viewer.tree.units.len() { InView::Everyone } else { InView::Units(ids) }
}

fn person_jp(f: &StaffFigures) -> PersonJp {
    PersonJp { nip: f.nip.clone(), name: f.name.clone(), jp: u32::try_from(f.jp).unwrap_or(0), employment: employment(f) }
}

#[utoipa::path(get, path = "/dashboard", tag = "supervisors",
    params(DashboardQuery),
    responses(
        (status = 200, description = "Totals over everyone in view (per unit, and all together), and one page of people in \
            the order asked, searched by name or NIP (`page.matched` says how many match)", body = Dashboard),
        (status = 400, description = "A query parameter out of range (`sort`, `dir`, `offset`, `limit`, `q`)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such unit among the caller's units", body = ApiErrorBody),
    ))]
pub async fn dashboard(State(state): State<AppState>, session: Session, Query(q): Query<DashboardQuery>) -> Result<Json<Dashboard>, ApiError> {
    let page = q.page()?;
    let viewer = Viewer::of(&state, session).await?;
    Ok(Json(build(&state, &viewer, q.unit.as_deref(), &page).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CsvQuery {
    /// A unit code: that unit and everything below. Absent: every unit the caller supervises.
    unit: Option<String>,
}

/// Columns of `dashboard.csv`, documented in docs/supervisors.md.
pub const DASHBOARD_COLUMNS: [&str; 16] = [
    "nip", "nama", "jabatan", "kode_unit", "unit", "tahun", "jenis_pegawai", "jp", "target_jp", "sesuai_target",
    "kursus_selesai", "kursus_berjalan", "tugas_terlambat", "tugas_terbuka", "terakhir_sinkron", "hari_sejak_sinkron",
];

/// People per database round trip of the CSV export.
const CSV_CHUNK: usize = 1000;

#[utoipa::path(get, path = "/dashboard.csv", tag = "supervisors",
    params(CsvQuery),
    responses(
        (status = 200, description = "Everyone in view (not one page), by name then NIP, as RFC 4180 CSV (UTF-8, numbers as \
            numbers, ISO dates), sent as it is read, a thousand people at a time", content_type = "text/csv"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
        (status = 404, description = "No such unit among the caller's units", body = ApiErrorBody),
    ))]
pub async fn dashboard_csv(State(state): State<AppState>, session: Session, Query(q): Query<CsvQuery>) -> Result<Response, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    let ids = viewer.unit_ids(q.unit.as_deref())?;
    let today = Today::now();
    let day = today.day();
    let people = state.db.staff_ids(in_view(&viewer, &ids), &Search::Everyone, StaffSort::Name, false, Slice::ALL, &day).await?;
    let mut chunks: std::collections::VecDeque<Vec<i64>> = people.chunks(CSV_CHUNK).map(<[i64]>::to_vec).collect();
    // The header and the first people before answering, so a failing database is a 500, not a cut file.
    let mut first = csv::line(&DASHBOARD_COLUMNS);
    if let Some(chunk) = chunks.pop_front() {
        first.push_str(&csv_lines(&state.db.staff_figures(&chunk, &day).await?, &viewer.tree, &today));
    }
    let filename = format!("lentera-dasbor-{}.csv", today.date);
    let rest = CsvRest { db: state.db.clone(), tree: viewer.tree, today, day, chunks };
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(first)) }).chain(futures_util::stream::unfold(rest, |mut rest| async move {
        let chunk = rest.chunks.pop_front()?;
        let answer = match rest.db.staff_figures(&chunk, &rest.day).await {
            Ok(figures) => Ok(Bytes::from(csv_lines(&figures, &rest.tree, &rest.today))),
            Err(e) => {
                // The download is cut off (no last chunk), so nobody mistakes it for the whole file.
                tracing::error!(error = %e, "dashboard.csv failed part way");
                rest.chunks.clear();
                Err(std::io::Error::other(e.to_string()))
            }
        };
        Some((answer, rest))
    }))
    // Ended for good: the compression layer polls once more after the end, which an unfused
    // `unfold` answers with a panic (a cut-off download in a browser).
    .fuse();
    Ok(csv_response(Body::from_stream(stream), filename).into_response())
}

/// What the CSV export still has to read.
struct CsvRest {
    db: crate::db::Db,
    tree: OrgTree,
    today: Today,
    day: Day,
    chunks: std::collections::VecDeque<Vec<i64>>,
}

fn csv_lines(figures: &[StaffFigures], tree: &OrgTree, today: &Today) -> String {
    let mut out = String::with_capacity(figures.len() * 160);
    for f in figures {
        let r = staff_row(f, tree, today);
        out.push_str(&csv::line(&[
            r.nip, r.name, r.position, r.unit_code, r.unit_name,
            today.year.to_string(), r.employment.label().to_owned(), r.jp.to_string(), r.target_jp.to_string(), u8::from(r.on_track).to_string(),
            r.courses_completed.to_string(), r.courses_in_progress.to_string(), r.overdue.to_string(), r.assigned_open.to_string(),
            r.last_synced_ms.map(calendar::date).unwrap_or_default(),
            r.days_since_sync.map(|d| d.to_string()).unwrap_or_default(),
        ]));
    }
    out
}

/// A CSV download: UTF-8 declared, a file name a spreadsheet keeps.
pub fn csv_response(body: impl Into<Body>, filename: String) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        body.into(),
    )
}
