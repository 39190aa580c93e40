//! Test and demo helpers for the needs analysis: a competency, a requirement, a person's position.

use super::Db;

impl Db {
    /// Empties the framework (the default one a server loads at start), for a test's own.
    pub async fn clear_framework(&self) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        for table in ["position_requirements", "competency_courses", "competencies"] {
            on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        }
        tx.commit().await
    }

    /// Adds (or replaces) a competency with plain level descriptions and the courses that develop it.
    pub async fn put_competency(&self, code: &str, name: &str, ordinal: i64, courses: &[&str]) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM competencies WHERE code = $1").bind(code).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO competencies (code, kind, name, description, pillars, level1, level2, level3, level4, level5, ordinal, updated_at_ms) \
             VALUES ($1, 'teknis', $2, $2, 'cakap', 'Level 1', 'Level 2', 'Level 3', 'Level 4', 'Level 5', $3, 0)",
        )
        .bind(code)
        .bind(name)
        .bind(ordinal)
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
        for (ordinal, course) in courses.iter().enumerate() {
            on_tx!(&mut tx, c => sqlx::query("INSERT INTO competency_courses (competency, course_id, ordinal) VALUES ($1, $2, $3)")
                .bind(code)
                .bind(*course)
                .bind(ordinal as i64)
                .execute(&mut *c)
                .await
                .map(|d| d.rows_affected()))?;
        }
        tx.commit().await
    }

    /// The position named `position` requires `code` at `level`.
    pub async fn put_requirement(&self, position: &str, code: &str, level: u8) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query(
            "INSERT INTO position_requirements (position_key, position, competency, level) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (position_key, competency) DO UPDATE SET level = excluded.level",
        )
        .bind(lentera_protocol::akpk::position_key(position))
        .bind(position)
        .bind(code)
        .bind(i64::from(level))
        .execute(p)
        .await
        .map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Sets a person's position (what the staff import would).
    pub async fn set_position(&self, nip: &str, position: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE learners SET position = $1 WHERE nip = $2").bind(position).bind(nip).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }
}

impl Db {
    /// The person's plan for `year` waits for the supervisor with `items` (what a `plan_submitted`
    /// push leaves), whatever it was before.
    pub async fn put_submitted_plan(&self, learner_id: i64, year: u32, items: &[&str], at_ms: i64) -> Result<(), sqlx::Error> {
        let items = serde_json::to_string(items).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        on_pool!(self.pool, p => sqlx::query(
            "INSERT INTO akpk_plans (learner_id, year, submitted_items, submitted_at_ms, status) VALUES ($1, $2, $3, $4, 'submitted') \
             ON CONFLICT (learner_id, year) DO UPDATE SET submitted_items = excluded.submitted_items, \
             submitted_at_ms = excluded.submitted_at_ms, status = 'submitted'",
        )
        .bind(learner_id)
        .bind(i64::from(year))
        .bind(items)
        .bind(at_ms)
        .execute(p)
        .await
        .map(|d| d.rows_affected()))?;
        Ok(())
    }
}
