//! Learners and their device sessions in SQLite.

use super::sqlite::Db;
use lentera_protocol::{DeviceId, Nip};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LearnerRow {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub role: String,
    pub password_hash: String,
}

/// A new account, its password already hashed.
pub struct NewLearner<'a> {
    pub nip: &'a Nip,
    pub name: &'a str,
    pub unit: &'a str,
    pub role: &'a str,
    pub password_hash: &'a str,
}

impl Db {
    pub async fn create_learner(&self, new: &NewLearner<'_>, now_ms: i64) -> Result<i64, sqlx::Error> {
        let done = sqlx::query(
            "INSERT INTO learners (nip, name, unit, role, password_hash, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(new.nip.as_str())
        .bind(new.name)
        .bind(new.unit)
        .bind(new.role)
        .bind(new.password_hash)
        .bind(now_ms)
        .execute(self.pool())
        .await?;
        Ok(done.last_insert_rowid())
    }

    pub async fn count_learners(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM learners").fetch_one(self.pool()).await
    }

    pub async fn learner_by_nip(&self, nip: &Nip) -> Result<Option<LearnerRow>, sqlx::Error> {
        sqlx::query_as("SELECT id, nip, name, unit, role, password_hash FROM learners WHERE nip = ?")
            .bind(nip.as_str())
            .fetch_optional(self.pool())
            .await
    }

    pub async fn insert_session(&self, token_hash: &str, learner_id: i64, device: DeviceId, now_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO sessions (token_hash, learner_id, device_id, created_at_ms) VALUES (?, ?, ?, ?)")
            .bind(token_hash)
            .bind(learner_id)
            .bind(device.to_string())
            .bind(now_ms)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The learner behind a live (not revoked) session token hash.
    pub async fn session_learner(&self, token_hash: &str) -> Result<Option<LearnerRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT l.id, l.nip, l.name, l.unit, l.role, l.password_hash FROM sessions s \
             JOIN learners l ON l.id = s.learner_id WHERE s.token_hash = ? AND s.revoked_at_ms IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await
    }

    pub async fn revoke_session(&self, token_hash: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE sessions SET revoked_at_ms = ? WHERE token_hash = ? AND revoked_at_ms IS NULL")
            .bind(now_ms)
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Ends every session of a learner; returns how many were live.
    pub async fn revoke_all_sessions(&self, learner_id: i64, now_ms: i64) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("UPDATE sessions SET revoked_at_ms = ? WHERE learner_id = ? AND revoked_at_ms IS NULL")
            .bind(now_ms)
            .bind(learner_id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}
