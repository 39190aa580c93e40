//! What supervisors read: unit totals summed in SQL, one page of people in any order, their
//! figures from the kept fold rows, and one person's details.
//!
//! Every figure comes from the narrow `learner_sync` row each push keeps (migration 0010) and the
//! assignments; no query here reads the fold JSON or every course row of the people in view.

use super::dialect::{id_list, id_literals};
use super::{Db, Dialect};
use lentera_protocol::Employment;
use lentera_protocol::org::{STALE_AFTER_DAYS, StaffSort};
use lentera_protocol::progress::WIB_OFFSET_MS;

const DAY_MS: i64 = 86_400_000;

/// A person's dashboard figures as stored; the route adds staleness and pace.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StaffFigures {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit_id: Option<i64>,
    pub jp: i64,
    pub completed: i64,
    pub in_progress: i64,
    pub overdue: i64,
    pub assigned_open: i64,
    pub last_synced_ms: Option<i64>,
    pub storage_warning: Option<String>,
    /// `pns` or `pppk`: which yearly JP rule applies.
    pub employment: String,
}

/// The figures of everyone placed in one unit (exactly that unit, not below), summed by the database.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct UnitTotals {
    pub unit_id: i64,
    pub staff: i64,
    pub on_track: i64,
    pub reached_target: i64,
    pub stale: i64,
    pub overdue_people: i64,
    /// JP of everyone together, for the mean.
    pub jp: i64,
    /// How many of them are PPPK.
    pub pppk: i64,
}

/// The day figures are measured on, in WIB: the JP year, what "overdue", "stale" and "on track" mean today.
#[derive(Clone, Debug)]
pub struct Day {
    pub year: i32,
    /// `YYYY-MM-DD`: assignments due before it and not completed are overdue.
    pub date: String,
    /// Day of the year (from 1) and days in the year: on track is JP x days >= yearly JP x day.
    pub day_of_year: u32,
    pub days_in_year: u32,
    /// Whole WIB days since 1970-01-01 (what "days since the last sync" counts from).
    pub day_number: i64,
}

impl Day {
    pub fn of(now_ms: i64) -> Day {
        let (year, day_of_year, days_in_year) = crate::calendar::year_position(now_ms);
        Day { year, date: crate::calendar::date(now_ms), day_of_year, days_in_year, day_number: (now_ms + WIB_OFFSET_MS).div_euclid(DAY_MS) }
    }

    /// A last sync before this is more than `STALE_AFTER_DAYS` whole WIB days ago.
    pub fn stale_before_ms(&self) -> i64 {
        (self.day_number - STALE_AFTER_DAYS) * DAY_MS - WIB_OFFSET_MS
    }
}

/// Whom a dashboard query reads: everyone placed in a unit (an admin of the whole tree), or the
/// people placed in some units. Everyone is said as such, not as a list of every unit, so each
/// engine plans it as the whole table (SQLite then walks the name index for a page in name order).
#[derive(Clone, Copy, Debug)]
pub enum InView<'a> {
    Everyone,
    Units(&'a [i64]),
}

impl InView<'_> {
    /// The condition on the `unit_id` of learners `alias`.
    fn condition(self, alias: &str) -> String {
        match self {
            InView::Everyone => format!("{alias}.unit_id IS NOT NULL"),
            InView::Units(ids) => format!("{alias}.unit_id IN ({})", id_literals(ids)),
        }
    }
}

/// Whom a search keeps, decided as the console always did: digits (spaces ignored) are part of a
/// NIP, anything else part of a name, ASCII letters in either case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Search {
    Everyone,
    /// Lower-case text the name must contain.
    Name(String),
    /// Digits the NIP must contain.
    Nip(String),
}

impl Search {
    pub fn parse(q: &str) -> Search {
        let q = q.trim();
        if q.is_empty() {
            return Search::Everyone;
        }
        let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.chars().all(|c| c.is_ascii_digit()) {
            return Search::Nip(digits);
        }
        Search::Name(q.to_ascii_lowercase())
    }

    /// The SQL condition on learner `s` (`true` for everyone), binding its pattern into `sql`.
    fn condition(&self, d: Dialect, sql: &mut Sql) -> String {
        let like = |text: &str| {
            let escaped: String = text.chars().flat_map(|c| if matches!(c, '\\' | '%' | '_') { vec!['\\', c] } else { vec![c] }).collect();
            format!("%{escaped}%")
        };
        match self {
            Search::Everyone => "1 = 1".to_owned(),
            Search::Name(text) => format!("{} LIKE {} ESCAPE '\\'", d.name_key("s.name"), sql.text(like(text))),
            Search::Nip(digits) => format!("s.nip LIKE {} ESCAPE '\\'", sql.text(like(digits))),
        }
    }
}

/// One query's text with `$N` placeholders and the values they stand for, in order.
struct Sql {
    args: Vec<Arg>,
}

enum Arg {
    Int(i64),
    Text(String),
}

impl Sql {
    fn new() -> Sql {
        Sql { args: Vec::new() }
    }

    fn int(&mut self, value: i64) -> String {
        self.args.push(Arg::Int(value));
        format!("${}", self.args.len())
    }

    fn text(&mut self, value: String) -> String {
        self.args.push(Arg::Text(value));
        format!("${}", self.args.len())
    }
}

/// Binds `$args` (an `&[Arg]`) to the query `$q`, in order.
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for arg in $args {
            q = match arg {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(t) => q.bind(t.clone()),
            };
        }
        q
    }};
}

/// JP in `year` of learner `s` with sync row `p` and fallback row `f` (`jp_fallback`): the kept JP
/// of the latest year with a completion when that is `year`; 0 when the latest such year is earlier
/// (or there is none); the course rows only when it is later (not a year the dashboard asks for
/// in practice). A join, not a subquery per row: PostgreSQL costed that per person, chose parallel
/// plans and compiled them (JIT) for a second.
fn jp_in(year: &str) -> String {
    format!("(CASE WHEN p.jp_year = {year} THEN p.jp WHEN p.jp_year > {year} THEN COALESCE(f.jp, 0) ELSE 0 END)")
}

/// `f`: JP in `year` from the course rows and other credits, only for people whose latest completion is later (an
/// index range on `learner_sync.jp_year`, empty in practice).
fn jp_fallback(year: &str) -> String {
    format!(
        "LEFT JOIN (SELECT c.learner_id, CAST(SUM(c.jp) AS BIGINT) AS jp FROM \
           (SELECT learner_id, jp FROM learner_courses WHERE completed_year = {year} \
            UNION ALL SELECT learner_id, jp FROM learner_credits WHERE credited_year = {year}) c \
         WHERE c.learner_id IN (SELECT q.learner_id FROM learner_sync q WHERE q.jp_year > {year}) \
         GROUP BY c.learner_id) f ON f.learner_id = s.id"
    )
}

/// Assignments not completed (no completed course row for them), as `a`.
const OPEN_ASSIGNMENT: &str = "NOT EXISTS (SELECT 1 FROM learner_courses c WHERE c.learner_id = a.learner_id \
                                AND c.course_id = a.course_id AND c.completed_at_ms IS NOT NULL)";

/// A part of an ordered list: `limit` rows (all for `None`) after skipping `offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    pub limit: Option<u32>,
    pub offset: u32,
}

impl Slice {
    pub const ALL: Slice = Slice { limit: None, offset: 0 };

    pub fn first(n: u32) -> Self {
        Self { limit: Some(n), offset: 0 }
    }
}

impl Db {
    /// Per unit, the figures of everyone in view summed in the database (one row per
    /// unit with people); callers add up subtrees.
    pub async fn unit_totals(&self, in_view: InView<'_>, day: &Day) -> Result<Vec<UnitTotals>, sqlx::Error> {
        let mut sql = Sql::new();
        let year = sql.int(i64::from(day.year));
        let (jp, fallback) = (jp_in(&year), jp_fallback(&year));
        let days = sql.int(i64::from(day.days_in_year));
        // Each person against their own rule (lentera_protocol::jp_rule): the yearly figure by type.
        let (pns, pppk) = (Employment::Pns, Employment::Pppk);
        let (pns_target, pppk_target) = (sql.int(i64::from(pns.yearly_jp())), sql.int(i64::from(pppk.yearly_jp())));
        let (pns_pace, pppk_pace) = (
            sql.int(i64::from(pns.yearly_jp()) * i64::from(day.day_of_year)),
            sql.int(i64::from(pppk.yearly_jp()) * i64::from(day.day_of_year)),
        );
        let pppk_key = sql.text(pppk.key().to_owned());
        let target = format!("(CASE WHEN x.employment = {pppk_key} THEN {pppk_target} ELSE {pns_target} END)");
        let pace = format!("(CASE WHEN x.employment = {pppk_key} THEN {pppk_pace} ELSE {pns_pace} END)");
        let stale_before = sql.int(day.stale_before_ms());
        let today = sql.text(day.date.clone());
        let text = format!("
SELECT x.unit_id AS unit_id, COUNT(*) AS staff,
       CAST(SUM(CASE WHEN x.jp * {days} >= {pace} THEN 1 ELSE 0 END) AS BIGINT) AS on_track,
       CAST(SUM(CASE WHEN x.jp >= {target} THEN 1 ELSE 0 END) AS BIGINT) AS reached_target,
       CAST(SUM(CASE WHEN x.last_synced_ms IS NULL OR x.last_synced_ms < {stale_before} THEN 1 ELSE 0 END) AS BIGINT) AS stale,
       CAST(SUM(CASE WHEN o.learner_id IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS overdue_people,
       CAST(SUM(x.jp) AS BIGINT) AS jp,
       CAST(SUM(CASE WHEN x.employment = {pppk_key} THEN 1 ELSE 0 END) AS BIGINT) AS pppk
FROM (SELECT s.id, s.unit_id, s.employment, {jp} AS jp, p.last_synced_ms
      FROM learners s LEFT JOIN learner_sync p ON p.learner_id = s.id {fallback}
      WHERE {in_s}) x
LEFT JOIN (SELECT DISTINCT a.learner_id FROM assignments a JOIN learners l ON l.id = a.learner_id
           WHERE a.due_date < {today} AND {in_l} AND {OPEN_ASSIGNMENT}) o ON o.learner_id = x.id
GROUP BY x.unit_id", in_s = in_view.condition("s"), in_l = in_view.condition("l"));
        on_pool!(self.pool, p => bind_args!(sqlx::query_as(sqlx::AssertSqlSafe(text)), &sql.args).fetch_all(p).await)
    }

    /// How many people in view the search keeps.
    pub async fn count_matching(&self, in_view: InView<'_>, search: &Search) -> Result<i64, sqlx::Error> {
        let mut sql = Sql::new();
        let condition = search.condition(self.dialect(), &mut sql);
        let text = format!("SELECT COUNT(*) FROM learners s WHERE {} AND {condition}", in_view.condition("s"));
        on_pool!(self.pool, p => bind_args!(sqlx::query_scalar(sqlx::AssertSqlSafe(text)), &sql.args).fetch_one(p).await)
    }

    /// Ids of the people in view whom the search keeps, ordered by `sort` (ties by name,
    /// then NIP, both always A to Z), the `slice` of them.
    pub async fn staff_ids(&self, in_view: InView<'_>, search: &Search, sort: StaffSort, descending: bool, slice: Slice, day: &Day) -> Result<Vec<i64>, sqlx::Error> {
        let Slice { limit, offset } = slice;
        let d = self.dialect();
        let mut sql = Sql::new();
        let condition = search.condition(d, &mut sql);
        let dir = if descending { "DESC" } else { "ASC" };
        let sync = "LEFT JOIN learner_sync p ON p.learner_id = s.id";
        let (join, keys): (String, Vec<String>) = match sort {
            StaffSort::Name => (String::new(), vec![d.name_key("s.name")]),
            StaffSort::Nip => (String::new(), vec![d.bytes("s.nip")]),
            StaffSort::Unit => ("JOIN units u ON u.id = s.unit_id".into(), vec![d.name_key("u.name")]),
            StaffSort::Jp => {
                let year = sql.int(i64::from(day.year));
                (format!("{sync} {}", jp_fallback(&year)), vec![jp_in(&year)])
            }
            StaffSort::Courses => (sync.into(), vec!["COALESCE(p.completed, 0)".into(), "COALESCE(p.in_progress, 0)".into()]),
            StaffSort::Overdue => {
                let today = sql.text(day.date.clone());
                let join = format!(
                    "LEFT JOIN (SELECT a.learner_id, COUNT(*) AS overdue FROM assignments a JOIN learners l ON l.id = a.learner_id \
                     WHERE a.due_date < {today} AND {} AND {OPEN_ASSIGNMENT} GROUP BY a.learner_id) a \
                     ON a.learner_id = s.id",
                    in_view.condition("l")
                );
                (join, vec!["COALESCE(a.overdue, 0)".into()])
            }
            // Whole WIB days since the last sync; never synced sorts as the longest ago (a CASE, as
            // PostgreSQL's GREATEST skips a NULL where SQLite's MAX returns it).
            StaffSort::Synced => {
                let days = format!("{} - (p.last_synced_ms + {WIB_OFFSET_MS}) / {DAY_MS}", sql.int(day.day_number));
                let key = format!("CASE WHEN p.last_synced_ms IS NULL THEN {} ELSE {} END", i64::from(i32::MAX), d.greatest(&days, "0"));
                (sync.into(), vec![key])
            }
            StaffSort::Storage => (sync.into(), vec!["CASE WHEN p.storage_warning IS NULL THEN 0 ELSE 1 END".into()]),
        };
        let mut order: Vec<String> = keys.into_iter().map(|k| format!("{k} {dir}")).collect();
        if sort != StaffSort::Name {
            order.push(format!("{} ASC", d.name_key("s.name")));
        }
        order.push(format!("{} ASC", d.bytes("s.nip")));
        let page = match limit {
            Some(limit) => format!("LIMIT {} OFFSET {}", sql.int(i64::from(limit)), sql.int(i64::from(offset))),
            None => String::new(),
        };
        let text = format!(
            "SELECT s.id FROM learners s {join} WHERE {} AND {condition} ORDER BY {} {page}",
            in_view.condition("s"),
            order.join(", ")
        );
        on_pool!(self.pool, p => bind_args!(sqlx::query_scalar(sqlx::AssertSqlSafe(text)), &sql.args).fetch_all(p).await)
    }

    /// The figures of the people with `ids`, in the order of `ids` (ids of nobody are left out).
    pub async fn staff_figures(&self, ids: &[i64], day: &Day) -> Result<Vec<StaffFigures>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new();
        let people = id_literals(ids);
        let year = sql.int(i64::from(day.year));
        let (jp, fallback) = (jp_in(&year), jp_fallback(&year));
        let today = sql.text(day.date.clone());
        let text = format!("
SELECT s.id, s.nip, s.name, s.position, s.unit_id, {jp} AS jp,
       COALESCE(p.completed, 0) AS completed, COALESCE(p.in_progress, 0) AS in_progress,
       COALESCE(a.overdue, 0) AS overdue, COALESCE(a.open, 0) AS assigned_open,
       p.last_synced_ms, p.storage_warning, s.employment
FROM learners s LEFT JOIN learner_sync p ON p.learner_id = s.id {fallback}
LEFT JOIN (SELECT a.learner_id, CAST(SUM(CASE WHEN a.due_date < {today} THEN 1 ELSE 0 END) AS BIGINT) AS overdue, COUNT(*) AS open
           FROM assignments a WHERE a.learner_id IN ({people}) AND {OPEN_ASSIGNMENT} GROUP BY a.learner_id) a ON a.learner_id = s.id
WHERE s.id IN ({people})");
        let rows: Vec<StaffFigures> = on_pool!(self.pool, p => bind_args!(sqlx::query_as(sqlx::AssertSqlSafe(text)), &sql.args).fetch_all(p).await)?;
        let mut by_id: std::collections::HashMap<i64, StaffFigures> = rows.into_iter().map(|r| (r.id, r)).collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

/// An assignment as the dashboard, the person page and the learner's device show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AssignmentRow {
    pub id: i64,
    pub learner_id: i64,
    pub nip: String,
    pub name: String,
    pub unit_id: Option<i64>,
    pub course_id: String,
    pub due_date: String,
    pub assigned_by: String,
    pub done: bool,
}

const ASSIGNMENTS: &str = "
SELECT a.id, a.learner_id, l.nip, l.name, l.unit_id, a.course_id, a.due_date, b.name AS assigned_by,
       EXISTS (SELECT 1 FROM learner_courses c WHERE c.learner_id = a.learner_id
               AND c.course_id = a.course_id AND c.completed_at_ms IS NOT NULL) AS done
FROM assignments a JOIN learners l ON l.id = a.learner_id JOIN learners b ON b.id = a.assigned_by";

impl Db {
    /// Assignments of people placed in `unit_ids`, or of one learner.
    pub async fn assignments_of(&self, unit_ids: Option<&[i64]>, learner_id: Option<i64>) -> Result<Vec<AssignmentRow>, sqlx::Error> {
        let sql = format!(
            "{ASSIGNMENTS} WHERE ($1 IS NULL OR a.learner_id = $1) AND ($2 = 0 OR l.unit_id IN ({})) \
             ORDER BY a.due_date, l.name, a.course_id",
            self.dialect().ids("$3")
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(learner_id)
            .bind(i64::from(unit_ids.is_some()))
            .bind(id_list(unit_ids.unwrap_or_default()))
            .fetch_all(p)
            .await)
    }

    pub async fn assignment(&self, id: i64) -> Result<Option<AssignmentRow>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(format!("{ASSIGNMENTS} WHERE a.id = $1"))).bind(id).fetch_optional(p).await)
    }

    /// Assigns `course_id` to each learner; an existing assignment gets the new due date.
    /// Returns (newly assigned, updated).
    pub async fn assign(&self, learner_ids: &[i64], course_id: &str, due_date: &str, by: i64, now_ms: i64) -> Result<(u32, u32), sqlx::Error> {
        self.assign_audited(learner_ids, None, course_id, due_date, by, now_ms, |_, _| None).await
    }

    /// [`Db::assign`], and the course standing for `unit_id` if given, with the audit entry (made
    /// from the counts), all in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn assign_audited(
        &self,
        learner_ids: &[i64],
        unit_id: Option<i64>,
        course_id: &str,
        due_date: &str,
        by: i64,
        now_ms: i64,
        audit: impl FnOnce(u32, u32) -> Option<super::audit::Entry>,
    ) -> Result<(u32, u32), sqlx::Error> {
        let mut tx = self.begin().await?;
        let (mut added, mut updated) = (0, 0);
        for id in learner_ids {
            let had: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT id FROM assignments WHERE learner_id = $1 AND course_id = $2")
                .bind(id)
                .bind(course_id)
                .fetch_optional(&mut *c)
                .await)?;
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO assignments (learner_id, course_id, due_date, assigned_by, created_at_ms) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (learner_id, course_id) DO UPDATE SET due_date = excluded.due_date, assigned_by = excluded.assigned_by",
            )
            .bind(id)
            .bind(course_id)
            .bind(due_date)
            .bind(by)
            .bind(now_ms)
            .execute(&mut *c)
            .await.map(|d| d.rows_affected()))?;
            if had.is_some() { updated += 1 } else { added += 1 }
        }
        if let Some(unit_id) = unit_id {
            super::standing::stand_in(&mut tx, unit_id, course_id, due_date, by, now_ms).await?;
        }
        super::audit::write_some(&mut tx, audit(added, updated).as_ref()).await?;
        tx.commit().await?;
        Ok((added, updated))
    }

    /// Withdraws an assignment and records who did, together.
    pub async fn delete_assignment(&self, id: i64, audit: Option<&super::audit::Entry>) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM assignments WHERE id = $1").bind(id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        super::audit::write_some(&mut tx, audit).await?;
        tx.commit().await
    }

    /// People placed in `unit_ids`, by NIP: (id, unit_id).
    pub async fn people_in(&self, unit_ids: &[i64]) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
        let sql = format!("SELECT id, nip, unit_id FROM learners WHERE unit_id IN ({})", self.dialect().ids("$1"));
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id_list(unit_ids)).fetch_all(p).await)
    }

    /// A person's id and unit by NIP.
    pub async fn person(&self, nip: &str) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT id, unit_id FROM learners WHERE nip = $1").bind(nip).fetch_optional(p).await)
    }
}
