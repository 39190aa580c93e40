//! What supervisors read: one row per person from the kept fold rows, and one person's details.

use super::sqlite::Db;

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

/// Everyone's figures as one JSON array (one object per person, by name): SQLite builds it in a few
/// ms, while handing sqlx 5,000 rows of 12 values one by one (each value copied, each row passed
/// from its worker thread) took about as long as computing them. The aggregate's ORDER BY needs
/// SQLite 3.44 or later (sqlx bundles 3.51).
const FIGURES: &str = "
WITH staff AS (SELECT id, nip, name, position, unit_id FROM learners
               WHERE unit_id IN (SELECT value FROM json_each(?1)) AND (?4 IS NULL OR id = ?4)),
     c AS (SELECT learner_id,
                  SUM(CASE WHEN completed_year = ?2 THEN jp ELSE 0 END) AS jp,
                  SUM(completed_at_ms IS NOT NULL) AS completed,
                  SUM(completed_at_ms IS NULL) AS in_progress
           FROM learner_courses WHERE learner_id IN (SELECT id FROM staff) GROUP BY learner_id),
     a AS (SELECT a.learner_id, SUM(a.due_date < ?3) AS overdue, COUNT(*) AS open
           FROM assignments a LEFT JOIN learner_courses lc
             ON lc.learner_id = a.learner_id AND lc.course_id = a.course_id
           WHERE a.learner_id IN (SELECT id FROM staff) AND lc.completed_at_ms IS NULL
           GROUP BY a.learner_id)
SELECT json_group_array(json_object(
           'id', s.id, 'nip', s.nip, 'name', s.name, 'position', s.position, 'unit_id', s.unit_id,
           'jp', COALESCE(c.jp, 0), 'completed', COALESCE(c.completed, 0), 'in_progress', COALESCE(c.in_progress, 0),
           'overdue', COALESCE(a.overdue, 0), 'assigned_open', COALESCE(a.open, 0),
           'last_synced_ms', p.last_synced_ms, 'storage_warning', p.storage_warning)
       ORDER BY s.name, s.nip)
FROM staff s LEFT JOIN c ON c.learner_id = s.id LEFT JOIN a ON a.learner_id = s.id
LEFT JOIN learner_sync p ON p.learner_id = s.id";

const ASSIGNMENTS: &str = "
SELECT a.id, a.learner_id, l.nip, l.name, l.unit_id, a.course_id, a.due_date, b.name AS assigned_by,
       EXISTS (SELECT 1 FROM learner_courses c WHERE c.learner_id = a.learner_id
               AND c.course_id = a.course_id AND c.completed_at_ms IS NOT NULL) AS done
FROM assignments a JOIN learners l ON l.id = a.learner_id JOIN learners b ON b.id = a.assigned_by";

impl Db {
    /// Figures for everyone placed in `unit_ids` (or only `learner_id` among them), for `year`;
    /// assignments due before `today` (`YYYY-MM-DD`) and not completed are overdue.
    pub async fn staff_figures(&self, unit_ids: &[i64], year: i32, today: &str, learner_id: Option<i64>) -> Result<Vec<StaffFigures>, sqlx::Error> {
        let ids = serde_json::to_string(unit_ids).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let json: String = sqlx::query_scalar(FIGURES).bind(ids).bind(year).bind(today).bind(learner_id).fetch_one(self.pool()).await?;
        serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }

    /// Assignments of people placed in `unit_ids`, or of one learner.
    pub async fn assignments_of(&self, unit_ids: Option<&[i64]>, learner_id: Option<i64>) -> Result<Vec<AssignmentRow>, sqlx::Error> {
        let ids = serde_json::to_string(&unit_ids.unwrap_or_default()).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let sql = format!(
            "{ASSIGNMENTS} WHERE (?1 IS NULL OR a.learner_id = ?1) AND (?2 = 0 OR l.unit_id IN (SELECT value FROM json_each(?3))) \
             ORDER BY a.due_date, l.name, a.course_id"
        );
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(learner_id)
            .bind(i64::from(unit_ids.is_some()))
            .bind(ids)
            .fetch_all(self.pool())
            .await
    }

    pub async fn assignment(&self, id: i64) -> Result<Option<AssignmentRow>, sqlx::Error> {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{ASSIGNMENTS} WHERE a.id = ?"))).bind(id).fetch_optional(self.pool()).await
    }

    /// Assigns `course_id` to each learner; an existing assignment gets the new due date.
    /// Returns (newly assigned, updated).
    pub async fn assign(&self, learner_ids: &[i64], course_id: &str, due_date: &str, by: i64, now_ms: i64) -> Result<(u32, u32), sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let (mut added, mut updated) = (0, 0);
        for id in learner_ids {
            let had: Option<i64> = sqlx::query_scalar("SELECT id FROM assignments WHERE learner_id = ? AND course_id = ?")
                .bind(id)
                .bind(course_id)
                .fetch_optional(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO assignments (learner_id, course_id, due_date, assigned_by, created_at_ms) VALUES (?, ?, ?, ?, ?) \
                 ON CONFLICT (learner_id, course_id) DO UPDATE SET due_date = excluded.due_date, assigned_by = excluded.assigned_by",
            )
            .bind(id)
            .bind(course_id)
            .bind(due_date)
            .bind(by)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
            if had.is_some() { updated += 1 } else { added += 1 }
        }
        tx.commit().await?;
        Ok((added, updated))
    }

    pub async fn delete_assignment(&self, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM assignments WHERE id = ?").bind(id).execute(self.pool()).await?;
        Ok(())
    }

    /// People placed in `unit_ids`, by NIP: (id, unit_id).
    pub async fn people_in(&self, unit_ids: &[i64]) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
        let ids = serde_json::to_string(unit_ids).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        sqlx::query_as("SELECT id, nip, unit_id FROM learners WHERE unit_id IN (SELECT value FROM json_each(?))")
            .bind(ids)
            .fetch_all(self.pool())
            .await
    }

    /// A person's id and unit by NIP.
    pub async fn person(&self, nip: &str) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
        sqlx::query_as("SELECT id, unit_id FROM learners WHERE nip = ?").bind(nip).fetch_optional(self.pool()).await
    }
}
