//! What a learner's phone should download by itself, and what it says it holds
//! (docs/activities.md, "Assigned content arrives by itself").

use super::Db;

impl Db {
    /// Courses assigned to the learner and not completed yet, soonest due first.
    pub async fn assigned_open_courses(&self, learner_id: i64) -> Result<Vec<String>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT a.course_id FROM assignments a WHERE a.learner_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM learner_courses c WHERE c.learner_id = a.learner_id \
                             AND c.course_id = a.course_id AND c.completed_at_ms IS NOT NULL) \
             ORDER BY a.due_date, a.course_id",
        )
        .bind(learner_id)
        .fetch_all(p)
        .await)
    }

    /// Pre-reading courses of the trainings the learner holds a confirmed place in and that have not
    /// ended at `now_ms`, soonest training first.
    pub async fn pre_reading_courses(&self, learner_id: i64, now_ms: i64) -> Result<Vec<String>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT t.pre_reading FROM trainings t JOIN training_registrations r ON r.training_id = t.id \
             WHERE r.learner_id = $1 AND r.status = 'confirmed' AND t.end_ms > $2 AND t.pre_reading IS NOT NULL \
             ORDER BY t.start_ms, t.id",
        )
        .bind(learner_id)
        .bind(now_ms)
        .fetch_all(p)
        .await)
    }

    /// (course, version) of each pack the learner's phone last said it holds.
    pub async fn held_packs(&self, learner_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT course_id, version FROM learner_held_packs WHERE learner_id = $1 ORDER BY course_id")
            .bind(learner_id)
            .fetch_all(p)
            .await)
    }

    /// Replaces what the server knows the learner's phone holds with `packs`, in one transaction.
    pub async fn replace_held_packs(&self, learner_id: i64, packs: &[(&str, u32)], now_ms: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM learner_held_packs WHERE learner_id = $1").bind(learner_id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        for (course, version) in packs {
            on_tx!(&mut tx, c => sqlx::query("INSERT INTO learner_held_packs (learner_id, course_id, version, reported_at_ms) VALUES ($1, $2, $3, $4)")
                .bind(learner_id)
                .bind(*course)
                .bind(i64::from(*version))
                .bind(now_ms)
                .execute(&mut *c)
                .await
                .map(|d| d.rows_affected()))?;
        }
        tx.commit().await
    }
}
