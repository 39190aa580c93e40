//! What supervisors read: one row per person from the kept fold rows, and one person's details.

use super::dialect::id_list;
use super::{Db, Dialect};

/// A person's dashboard figures as stored; the route adds staleness and pace.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct StaffFigures {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit_id: i64,
    pub jp: i64,
    pub completed: i64,
    pub in_progress: i64,
    pub overdue: i64,
    pub assigned_open: i64,
    pub last_synced_ms: Option<i64>,
    pub storage_warning: Option<String>,
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

/// Everyone's figures as one JSON array (one object per person, by name): the database builds it
/// in a few ms, while handing sqlx 5,000 rows of 12 values one by one took about as long as
/// computing them. SQLite's aggregate ORDER BY needs 3.44 or later (sqlx bundles 3.51).
fn figures_sql(d: Dialect) -> String {
    let (array, object, empty) = match d {
        Dialect::Sqlite => ("json_group_array", "json_object", "'[]'"),
        Dialect::Postgres => ("json_agg", "json_build_object", "'[]'"),
    };
    format!("
WITH staff AS (SELECT id, nip, name, position, unit_id FROM learners
               WHERE unit_id IN ({ids}) AND ($4 IS NULL OR id = $4)),
     c AS (SELECT learner_id,
                  CAST(SUM(CASE WHEN completed_year = $2 THEN jp ELSE 0 END) AS BIGINT) AS jp,
                  CAST(SUM(CASE WHEN completed_at_ms IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS completed,
                  CAST(SUM(CASE WHEN completed_at_ms IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS in_progress
           FROM learner_courses WHERE learner_id IN (SELECT id FROM staff) GROUP BY learner_id),
     a AS (SELECT a.learner_id, CAST(SUM(CASE WHEN a.due_date < $3 THEN 1 ELSE 0 END) AS BIGINT) AS overdue, COUNT(*) AS open
           FROM assignments a LEFT JOIN learner_courses lc
             ON lc.learner_id = a.learner_id AND lc.course_id = a.course_id
           WHERE a.learner_id IN (SELECT id FROM staff) AND lc.completed_at_ms IS NULL
           GROUP BY a.learner_id)
SELECT CAST(COALESCE({array}({object}(
           'id', s.id, 'nip', s.nip, 'name', s.name, 'position', s.position, 'unit_id', s.unit_id,
           'jp', COALESCE(c.jp, 0), 'completed', COALESCE(c.completed, 0), 'in_progress', COALESCE(c.in_progress, 0),
           'overdue', COALESCE(a.overdue, 0), 'assigned_open', COALESCE(a.open, 0),
           'last_synced_ms', p.last_synced_ms, 'storage_warning', p.storage_warning)
       ORDER BY s.name, s.nip), {empty}) AS TEXT)
FROM staff s LEFT JOIN c ON c.learner_id = s.id LEFT JOIN a ON a.learner_id = s.id
LEFT JOIN learner_sync p ON p.learner_id = s.id", ids = d.ids("$1"))
}

const ASSIGNMENTS: &str = "
SELECT a.id, a.learner_id, l.nip, l.name, l.unit_id, a.course_id, a.due_date, b.name AS assigned_by,
       EXISTS (SELECT 1 FROM learner_courses c WHERE c.learner_id = a.learner_id
               AND c.course_id = a.course_id AND c.completed_at_ms IS NOT NULL) AS done
FROM assignments a JOIN learners l ON l.id = a.learner_id JOIN learners b ON b.id = a.assigned_by";

impl Db {
    /// Figures for everyone placed in `unit_ids` (or only `learner_id` among them), for `year`;
    /// assignments due before `today` (`YYYY-MM-DD`) and not completed are overdue.
    pub async fn staff_figures(&self, unit_ids: &[i64], year: i32, today: &str, learner_id: Option<i64>) -> Result<Vec<StaffFigures>, sqlx::Error> {
        let sql = figures_sql(self.dialect());
        let json: String = on_pool!(self.pool, p => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(id_list(unit_ids))
            .bind(i64::from(year))
            .bind(today)
            .bind(learner_id)
            .fetch_one(p)
            .await)?;
        serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }

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
        tx.commit().await?;
        Ok((added, updated))
    }

    pub async fn delete_assignment(&self, id: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("DELETE FROM assignments WHERE id = $1").bind(id).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
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
