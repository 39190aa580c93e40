//! Courses assigned to a whole unit: kept so that people who join the unit later are assigned them too.

use super::dialect::id_list;
use super::{Db, Tx};

/// A unit's standing assignment, as the supervisor's list shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StandingRow {
    pub id: i64,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub course_id: String,
    pub due_date: String,
    pub assigned_by: String,
}

const STANDING: &str = "
SELECT s.id, s.unit_id, u.code AS unit_code, u.name AS unit_name, s.course_id, s.due_date, b.name AS assigned_by
FROM unit_assignments s JOIN units u ON u.id = s.unit_id JOIN learners b ON b.id = s.assigned_by";

impl Db {
    /// Keeps `course_id` assigned to `unit_id` for people who join it later; a second call moves the due date.
    pub async fn stand(&self, unit_id: i64, course_id: &str, due_date: &str, by: i64, now_ms: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        stand_in(&mut tx, unit_id, course_id, due_date, by, now_ms).await?;
        tx.commit().await
    }

    /// Standing assignments of `unit_ids`, by due date.
    pub async fn standing_of(&self, unit_ids: &[i64]) -> Result<Vec<StandingRow>, sqlx::Error> {
        let sql = format!("{STANDING} WHERE s.unit_id IN ({}) ORDER BY s.due_date, u.name, s.course_id", self.dialect().ids("$1"));
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id_list(unit_ids)).fetch_all(p).await)
    }

    pub async fn standing(&self, id: i64) -> Result<Option<StandingRow>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(format!("{STANDING} WHERE s.id = $1"))).bind(id).fetch_optional(p).await)
    }

    /// Stops assigning the course to newcomers (people already assigned keep it), with its audit entry.
    pub async fn stop_standing(&self, id: i64, audit: Option<&super::audit::Entry>) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM unit_assignments WHERE id = $1").bind(id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        super::audit::write_some(&mut tx, audit).await?;
        tx.commit().await
    }

    /// People of a unit just moved under another parent join the units now above it: `gained`.
    pub async fn inherit_from(&self, learner_ids: &[i64], gained: &[i64], today: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        inherit(&mut tx, learner_ids, Some(gained), today, now_ms).await?;
        tx.commit().await
    }
}

/// Gives `learner_ids` (people who just joined a unit) the standing assignments, not yet past due
/// on `today`, of their unit and every unit above it (or only of the units `only` among those);
/// courses they already have stay as they are.
pub(super) async fn inherit(tx: &mut Tx, learner_ids: &[i64], only: Option<&[i64]>, today: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    if learner_ids.is_empty() || only.is_some_and(<[i64]>::is_empty) {
        return Ok(());
    }
    let d = tx.dialect();
    let sql = format!(
        "WITH RECURSIVE up (learner_id, unit_id) AS ( \
             SELECT id, unit_id FROM learners WHERE id IN ({people}) AND unit_id IS NOT NULL \
             UNION SELECT up.learner_id, u.parent_id FROM up JOIN units u ON u.id = up.unit_id WHERE u.parent_id IS NOT NULL) \
         INSERT INTO assignments (learner_id, course_id, due_date, assigned_by, created_at_ms) \
         SELECT up.learner_id, s.course_id, s.due_date, s.assigned_by, $3 \
         FROM up JOIN unit_assignments s ON s.unit_id = up.unit_id \
         WHERE s.due_date >= $2 AND ($5 = 0 OR s.unit_id IN ({only})) \
         ORDER BY s.due_date ON CONFLICT DO NOTHING",
        people = d.ids("$1"),
        only = d.ids("$4"),
    );
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_list(learner_ids))
        .bind(today)
        .bind(now_ms)
        .bind(id_list(only.unwrap_or_default()))
        .bind(i64::from(only.is_some()))
        .execute(&mut *c)
        .await.map(|d| d.rows_affected()))?;
    Ok(())
}

/// Keeps `course_id` assigned to `unit_id` for newcomers, within `tx`.
pub(super) async fn stand_in(tx: &mut Tx, unit_id: i64, course_id: &str, due_date: &str, by: i64, now_ms: i64) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO unit_assignments (unit_id, course_id, due_date, assigned_by, created_at_ms) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (unit_id, course_id) DO UPDATE SET due_date = excluded.due_date, assigned_by = excluded.assigned_by",
    )
    .bind(unit_id)
    .bind(course_id)
    .bind(due_date)
    .bind(by)
    .bind(now_ms)
    .execute(&mut *c)
    .await.map(|d| d.rows_affected()))?;
    Ok(())
}
