//! The organisation API: units, staff import, the supervisors' dashboard, person pages and
//! assignments. Shared by the server and the supervisors' console.

use crate::course::Score;
pub use crate::jp_rule::Employment;
use serde::{Deserialize, Serialize};

/// The PNS yearly figure (at least 20 JP); each person's own figure is `Employment::yearly_jp`.
pub const TARGET_JP: u32 = crate::jp_rule::PNS_JP;

/// Days without a sync after which a person's figures are shown as stale.
pub const STALE_AFTER_DAYS: i64 = 7;

/// One unit of the organisation tree (e.g. Dinas Kominfo under Pemerintah Kota Sibolga).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unit {
    /// Short stable code used in CSV files, e.g. `SBG-KOMINFO`.
    pub code: String,
    pub name: String,
    /// The parent unit's code; `None` for a root.
    pub parent: Option<String>,
    /// NIPs of the people who supervise this unit (and everything below it).
    pub supervisors: Vec<String>,
    /// Their names, in the same order.
    #[serde(default)]
    pub supervisor_names: Vec<String>,
    /// People whose unit is exactly this one.
    pub staff: u32,
    /// The unit's id, as trainings name the units they invite.
    #[serde(default)]
    pub id: i64,
}

/// `GET /api/org/units`: the units the caller may see, parents before children.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitList {
    pub units: Vec<Unit>,
}

/// `POST /api/org/units` (create) and `PUT /api/org/units/{code}` (edit; `code` must match or is ignored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    /// The parent's code: a unit the admin manages. `None` makes a new root (admins of no unit only).
    pub parent: Option<String>,
    /// NIPs of the unit's supervisors; each must be a person in the admin's tree.
    #[serde(default)]
    pub supervisors: Vec<String>,
}

/// One row of an import, as it will be (or was) applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportChange {
    /// Line number in the file (the header is line 1).
    pub line: u32,
    pub nip: String,
    pub name: String,
    pub unit_code: String,
    /// For a changed person: which fields change, e.g. `["position", "unit_code"]`.
    pub fields: Vec<String>,
}

/// A problem in an import file: the line and what to fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportLineError {
    pub line: u32,
    /// Stable kind: `encoding`, `columns`, `header`, `nip`, `duplicate_nip`, `unknown_unit`,
    /// `unknown_supervisor`, `missing_value`, `email`, `too_long`, `empty`.
    pub kind: String,
    /// A sentence saying what to fix, in Bahasa Indonesia.
    pub message: String,
}

/// `POST /api/admin/import/preview`: what importing the CSV body would do. Nothing is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    /// Data rows read (header and blank lines not counted).
    pub rows: u32,
    /// Every error of the whole file; when not empty, importing is refused.
    pub errors: Vec<ImportLineError>,
    pub added: Vec<ImportChange>,
    pub changed: Vec<ImportChange>,
    pub unchanged: u32,
    /// Courses standing for units that people new to a unit in this file will be assigned.
    #[serde(default)]
    pub unit_courses: Vec<ImportCourse>,
}

/// One course the import will assign to people joining a unit it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportCourse {
    pub course_id: String,
    pub title: String,
    pub due_date: String,
    /// How many people of the file will get it.
    pub people: u32,
}

/// `POST /api/admin/import`: the result of a clean file. Activation codes appear here once only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
    /// RFC 4180 CSV (`nip,nama,kode_unit,kode_aktivasi`) of the new accounts' one-time codes;
    /// only a header when nobody was added. The server keeps only hashes: save it now.
    pub activation_csv: String,
}

/// `POST /api/auth/activate`: a new account sets its own password with its one-time code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivateRequest {
    pub nip: String,
    pub code: String,
    /// At least 10 characters.
    pub password: String,
}

/// One staff member's row on the dashboard. Figures come from the server's fold of synced events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRow {
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit_code: String,
    pub unit_name: String,
    /// JP credited in the dashboard's year (WIB calendar).
    pub jp: u32,
    pub courses_completed: u32,
    pub courses_in_progress: u32,
    /// Assigned courses not completed whose due date has passed.
    pub overdue: u32,
    /// Assigned courses not yet completed (overdue or not).
    pub assigned_open: u32,
    /// Last time any of the person's devices synced, Unix ms; `None` if never.
    pub last_synced_ms: Option<i64>,
    /// Whole days since the last sync; `None` if never.
    pub days_since_sync: Option<i64>,
    /// Never synced, or not for more than `STALE_AFTER_DAYS` days.
    pub stale: bool,
    /// The device's own storage report, when it said space is short.
    pub storage_warning: Option<String>,
    /// JP so far is at or above the share of the person's yearly figure for the part of the year gone by.
    pub on_track: bool,
    /// PNS or PPPK: which JP rule applies (`jp_rule`).
    #[serde(default)]
    pub employment: Employment,
    /// The person's yearly figure: 20 JP (PNS, a minimum) or 24 JP (PPPK, a maximum).
    #[serde(default = "pns_jp")]
    pub target_jp: u32,
}

fn pns_jp() -> u32 {
    crate::jp_rule::PNS_JP
}

/// Per-unit totals for the units in view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitSummary {
    pub code: String,
    pub name: String,
    /// Staff of this unit and everything below it.
    pub staff: u32,
    pub on_track: u32,
    pub reached_target: u32,
    pub stale: u32,
    pub overdue_people: u32,
    /// Mean JP per person this year, rounded to one decimal.
    pub mean_jp: f64,
    /// Of `staff`, the PPPK (measured against 24 JP; the rest are PNS, against 20).
    #[serde(default)]
    pub pppk: u32,
}

/// A column the dashboard's staff rows can be ordered by (`sort=` of `GET /api/dashboard`).
/// Ties fall back to the name (letters A-Z case-insensitive), then the NIP, so pages never overlap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffSort {
    #[default]
    Name,
    Nip,
    /// The name of the person's unit.
    Unit,
    /// JP this year.
    Jp,
    /// Courses completed, then in progress.
    Courses,
    /// Overdue assignments.
    Overdue,
    /// Whole days since the last sync; never synced counts as the longest ago.
    Synced,
    /// Whether the phone reported short storage.
    Storage,
}

impl StaffSort {
    pub const ALL: [StaffSort; 8] = [
        StaffSort::Name, StaffSort::Nip, StaffSort::Unit, StaffSort::Jp,
        StaffSort::Courses, StaffSort::Overdue, StaffSort::Synced, StaffSort::Storage,
    ];

    /// The word used in the query string.
    pub fn key(self) -> &'static str {
        match self {
            StaffSort::Name => "name",
            StaffSort::Nip => "nip",
            StaffSort::Unit => "unit",
            StaffSort::Jp => "jp",
            StaffSort::Courses => "courses",
            StaffSort::Overdue => "overdue",
            StaffSort::Synced => "synced",
            StaffSort::Storage => "storage",
        }
    }

    pub fn parse(key: &str) -> Option<StaffSort> {
        StaffSort::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Numbers read best largest first when a column is first chosen (`dir` absent); text A to Z.
    pub fn starts_descending(self) -> bool {
        matches!(self, StaffSort::Jp | StaffSort::Courses | StaffSort::Overdue | StaffSort::Synced | StaffSort::Storage)
    }
}

/// Rows of one page of the dashboard, unless the request asks for another `limit`.
pub const DASHBOARD_PAGE: u32 = 50;
/// The most rows one dashboard page may hold.
pub const DASHBOARD_PAGE_MAX: u32 = 200;
/// A scope of at most this many people is charted person by person (see `Dashboard::people_jp`).
pub const PEOPLE_CHART_MAX: u32 = 30;

/// Which page of the people in view a dashboard holds, and how they were ordered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPage {
    /// The search as the server applied it (trimmed); empty for none.
    pub q: String,
    pub sort: StaffSort,
    pub descending: bool,
    /// Rows skipped before this page.
    pub offset: u32,
    pub limit: u32,
    /// People in view who match the search (everyone in view without one): the rows all pages hold.
    pub matched: u32,
}

/// A person's JP, for the chart of a small unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonJp {
    pub nip: String,
    pub name: String,
    pub jp: u32,
    #[serde(default)]
    pub employment: Employment,
}

/// `GET /api/dashboard?unit=<code>&q=&sort=&dir=&offset=&limit=`: the totals of the caller's staff
/// (or one unit's, with everything below) and one page of their rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub year: i32,
    /// Today in WIB, `YYYY-MM-DD`; what "overdue" and "stale" were measured against.
    pub today: String,
    /// The PNS yearly figure (20 JP).
    pub target_jp: u32,
    /// JP a PNS should have by today to be on track (the year's elapsed share of 20).
    pub on_track_jp: f64,
    /// The PPPK yearly figure (24 JP) and its share by today; each person counts against their own.
    #[serde(default)]
    pub target_jp_pppk: u32,
    #[serde(default)]
    pub on_track_jp_pppk: f64,
    /// Totals over everyone in view (the unit asked for, or the caller's whole scope), whatever
    /// the search and the page.
    pub total: UnitSummary,
    /// The unit asked for (or each supervised root) and its direct children, each over everyone
    /// in it and below it.
    pub units: Vec<UnitSummary>,
    /// One page of the people in view who match the search, in the order asked.
    pub staff: Vec<StaffRow>,
    pub page: StaffPage,
    /// Everyone in view by name with their JP, when that is at most `PEOPLE_CHART_MAX` people;
    /// empty for more. Not narrowed by the search or the page.
    #[serde(default)]
    pub people_jp: Vec<PersonJp>,
}

/// One course on a person page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonCourse {
    pub course_id: String,
    pub title: String,
    pub lessons_done: u32,
    pub lessons_total: u32,
    /// The score as the server graded it against the key (the credited attempt's, else the best
    /// handed in); `None` when the server could not grade (unknown course or version).
    pub best: Option<Score>,
    /// The device's own best score, shown beside the server's when they differ.
    #[serde(default)]
    pub claimed_best: Option<Score>,
    pub attempts: u32,
    /// Completion date (WIB, `YYYY-MM-DD`) and JP, as the server credited them.
    pub completed_on: Option<String>,
    pub jp: u32,
    /// `credited`, `not_credited` (a claim the server did not confirm) or `in_progress`.
    pub status: String,
    /// JP the device claimed for a completion.
    pub claimed_jp: Option<u32>,
    pub not_credited: Option<crate::credit::NotCredited>,
}

/// One line of a learner's JP ledger: every form of development lands here, credited by the
/// server's rules or shown as a claim it did not confirm (JP 0, with the reason).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    /// WIB date of the credit (or of the claim), `YYYY-MM-DD`.
    pub date: String,
    /// Calendar quarter of `date`, 1-4 (agencies report JP per quarter).
    pub quarter: u8,
    pub course_id: String,
    pub title: String,
    /// JP credited; 0 when the server did not confirm the claim.
    pub jp: u32,
    /// What the learner's device claimed, when it claimed a completion.
    pub claimed_jp: Option<u32>,
    pub competency: Option<crate::course::Competency>,
    /// The form of learning (Peraturan LAN 10/2018): `e_learning` for a Lentera course.
    pub form: String,
    /// Where it comes from: `lentera` for a course taken here.
    pub source: String,
    /// `credited` or `not_credited`.
    pub status: String,
    /// Why it was not credited; `None` when credited.
    pub not_credited: Option<crate::credit::NotCredited>,
    /// The number of the live certificate of a credited course, where the reader issues them
    /// (the learner's own ledger); verifiable at `/verifikasi/{number}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
}

/// JP credited per calendar quarter and in the year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerTotals {
    pub quarters: [u32; 4],
    pub year: u32,
}

impl LedgerTotals {
    pub fn of(entries: &[LedgerEntry]) -> LedgerTotals {
        let mut totals = LedgerTotals::default();
        for e in entries.iter().filter(|e| e.status == "credited") {
            totals.quarters[usize::from(e.quarter.clamp(1, 4) - 1)] += e.jp;
            totals.year += e.jp;
        }
        totals
    }
}

/// `GET /api/ledger/me`: the learner's own ledger for a year, as the server decided it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyLedger {
    pub year: i32,
    /// The learner's employment type, so the phone shows their own JP rule (learned at each sync).
    #[serde(default)]
    pub employment: Employment,
    pub entries: Vec<LedgerEntry>,
    pub totals: LedgerTotals,
    /// The year's development plan (docs/akpk.md): what Beranda shows as "rencana tahun ini".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<MyPlan>,
}

/// The learner's plan for the year, priced and checked against the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyPlan {
    /// `submitted`, `validated` or `returned` (a draft is not shown).
    pub status: String,
    /// The validated items once there are some, else the items sent.
    pub items: Vec<PlanLine>,
    pub planned_jp: u32,
    /// JP of the items the server has credited.
    pub done_jp: u32,
}

/// One line of a plan on Beranda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanLine {
    pub key: String,
    pub title: String,
    pub jp: u32,
    pub done: bool,
}

/// One synced event, for the person's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineItem {
    /// When it happened (device time corrected by clock skew), Unix ms.
    pub at_ms: i64,
    /// The event kind, e.g. `lesson_completed`.
    pub kind: String,
    pub course_id: Option<String>,
    pub title: Option<String>,
    /// Lesson id, or the score `7/8` of a handed-in quiz.
    pub detail: Option<String>,
}

/// `GET /api/staff/{nip}`: one person, for their supervisor (or themself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonDetail {
    pub year: i32,
    pub row: StaffRow,
    pub courses: Vec<PersonCourse>,
    pub ledger: Vec<LedgerEntry>,
    /// Newest first, at most 200.
    pub timeline: Vec<TimelineItem>,
    pub assignments: Vec<AssignmentView>,
    /// The packs the person's phone last said it holds (here, not on `AssignmentView`, which the
    /// learner's app decodes: a field there cost its first load 0.3 KB).
    #[serde(default)]
    pub on_phone: Vec<crate::HeldPack>,
}

/// `POST /api/assignments`: assign a course to people and/or a whole unit (with everything below).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAssignment {
    pub course_id: String,
    /// `YYYY-MM-DD`, today or later.
    pub due_date: String,
    #[serde(default)]
    pub nips: Vec<String>,
    /// A unit code: everyone in it and below now, and people who join it later (until the due date).
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentsMade {
    /// People newly assigned the course.
    pub assigned: u32,
    /// People who had it already; their due date is now the new one.
    pub updated: u32,
}

/// One assignment of one course to one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentView {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub course_id: String,
    pub title: String,
    pub due_date: String,
    pub assigned_by: String,
    /// `done`, `open` or `overdue`.
    pub status: String,
}

/// `GET /api/assignments/mine` (learner, fetched on sync) and `GET /api/assignments` (supervisor).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentList {
    pub assignments: Vec<AssignmentView>,
}

/// A course standing for a whole unit: people who join the unit (or one below it) later are
/// assigned it too, until its due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StandingView {
    pub id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub course_id: String,
    pub title: String,
    pub due_date: String,
    pub assigned_by: String,
    /// The due date has not passed (WIB): newcomers are still assigned it.
    pub active: bool,
}

/// `GET /api/assignments`: each person's assignments, and the courses standing for whole units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentOverview {
    pub assignments: Vec<AssignmentView>,
    pub standing: Vec<StandingView>,
}

/// What a device says of its storage when it syncs (`POST /api/sync/storage`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StorageReport {
    pub used_bytes: u64,
    pub quota_bytes: u64,
    /// The device failed to save something for lack of space.
    #[serde(default)]
    pub full: bool,
}

/// Whether `jp` by day `day_of_year` (1-based) of a `days_in_year` year keeps pace with 20 JP (a PNS).
pub fn on_track(jp: u32, day_of_year: u32, days_in_year: u32) -> bool {
    Employment::Pns.on_track(jp, day_of_year, days_in_year)
}

/// How many JP keep a PNS on pace by that day, to one decimal.
pub fn on_track_jp(day_of_year: u32, days_in_year: u32) -> f64 {
    Employment::Pns.on_track_jp(day_of_year, days_in_year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_is_the_elapsed_share_of_twenty() {
        assert!(on_track(10, 182, 365));
        assert!(!on_track(9, 183, 365));
        assert!(on_track(20, 365, 365));
        assert!(!on_track(0, 1, 365));
        assert_eq!(on_track_jp(365, 365), 20.0);
        assert_eq!(on_track_jp(73, 365), 4.0);
    }
}
