//! Each learner's fold, kept current inside the push transaction: the dashboard reads these rows
//! and never refolds events on a request.

use super::sqlite::Db;
use lentera_protocol::progress::year_of;
use lentera_protocol::{Event, Progress};
use sqlx::SqliteConnection;
use std::collections::BTreeSet;

/// Folds newly stored events (times already clock-corrected) into the learner's row.
pub async fn apply_new(conn: &mut SqliteConnection, learner_id: i64, fresh: &[Event], synced_ms: i64) -> Result<(), sqlx::Error> {
    let mut progress = load(conn, learner_id).await?;
    for event in fresh {
        progress.apply(event);
    }
    save(conn, learner_id, &progress, i64::try_from(fresh.len()).unwrap_or(i64::MAX), synced_ms).await?;
    let touched: BTreeSet<&str> = fresh.iter().filter_map(|e| e.body.course_id()).collect();
    for course_id in touched {
        upsert_course(conn, learner_id, course_id, &progress).await?;
    }
    Ok(())
}

async fn load(conn: &mut SqliteConnection, learner_id: i64) -> Result<Progress, sqlx::Error> {
    let text: Option<String> = sqlx::query_scalar("SELECT progress FROM learner_progress WHERE learner_id = ?")
        .bind(learner_id)
        .fetch_optional(&mut *conn)
        .await?;
    match text {
        Some(text) => serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e))),
        None => Ok(Progress::default()),
    }
}

async fn save(conn: &mut SqliteConnection, learner_id: i64, progress: &Progress, added: i64, synced_ms: i64) -> Result<(), sqlx::Error> {
    let text = serde_json::to_string(progress).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO learner_progress (learner_id, progress, events) VALUES (?1, ?2, ?3) \
         ON CONFLICT (learner_id) DO UPDATE SET progress = ?2, events = events + ?3",
    )
    .bind(learner_id)
    .bind(text)
    .bind(added)
    .execute(&mut *conn)
    .await?;
    synced(conn, learner_id, synced_ms).await
}

/// Moves "last synced" forward to `at_ms` (never back: pushes may finish out of order).
async fn synced(conn: &mut SqliteConnection, learner_id: i64, at_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO learner_sync (learner_id, last_synced_ms) VALUES (?1, ?2) \
         ON CONFLICT (learner_id) DO UPDATE SET last_synced_ms = MAX(COALESCE(last_synced_ms, 0), ?2)",
    )
    .bind(learner_id)
    .bind(at_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn upsert_course(conn: &mut SqliteConnection, learner_id: i64, course_id: &str, progress: &Progress) -> Result<(), sqlx::Error> {
    let completed = progress.courses.get(course_id).and_then(|c| c.completed);
    sqlx::query(
        "INSERT INTO learner_courses (learner_id, course_id, completed_at_ms, completed_year, jp) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (learner_id, course_id) DO UPDATE SET completed_at_ms = ?3, completed_year = ?4, jp = ?5",
    )
    .bind(learner_id)
    .bind(course_id)
    .bind(completed.map(|c| c.at.time_ms))
    .bind(completed.map(|c| year_of(c.at.time_ms)))
    .bind(completed.map_or(0, |c| i64::from(c.jp)))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    /// A sync contact (a pull) also counts as "last synced", though it stores nothing.
    pub async fn mark_synced(&self, learner_id: i64, now_ms: i64) -> Result<(), sqlx::Error> {
        let mut conn = self.pool().acquire().await?;
        synced(&mut conn, learner_id, now_ms).await
    }

    /// The device's word on its storage: `None` clears an earlier warning.
    pub async fn set_storage_warning(&self, learner_id: i64, warning: Option<&str>, now_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO learner_sync (learner_id, last_synced_ms, storage_warning) VALUES (?1, ?2, ?3) \
             ON CONFLICT (learner_id) DO UPDATE SET last_synced_ms = MAX(COALESCE(last_synced_ms, 0), ?2), storage_warning = ?3",
        )
        .bind(learner_id)
        .bind(now_ms)
        .bind(warning)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The incrementally kept fold (what the dashboard shows).
    pub async fn kept_progress(&self, learner_id: i64) -> Result<Progress, sqlx::Error> {
        let mut conn = self.pool().acquire().await?;
        load(&mut conn, learner_id).await
    }

    /// Fills the rows for learners whose events predate them (a database from before migration 4).
    pub async fn backfill_progress(&self) -> Result<u32, sqlx::Error> {
        let missing: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT e.learner_id FROM events e WHERE e.learner_id IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM learner_progress p WHERE p.learner_id = e.learner_id AND p.events > 0)",
        )
        .fetch_all(self.pool())
        .await?;
        for &learner_id in &missing {
            let progress = self.progress(learner_id).await?;
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE learner_id = ?")
                .bind(learner_id)
                .fetch_one(self.pool())
                .await?;
            let mut tx = self.pool().begin().await?;
            save(&mut tx, learner_id, &progress, count, 0).await?;
            let courses: Vec<String> = progress.courses.keys().cloned().collect();
            for course_id in &courses {
                upsert_course(&mut tx, learner_id, course_id, &progress).await?;
            }
            tx.commit().await?;
        }
        Ok(u32::try_from(missing.len()).unwrap_or(u32::MAX))
    }
}
