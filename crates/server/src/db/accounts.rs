//! Learners, and ending their sessions (the sessions themselves: `sessions.rs`).

use super::Db;
use lentera_protocol::Nip;

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LearnerRow {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub role: String,
    pub password_hash: String,
    /// The org unit, for accounts imported or placed by an admin.
    pub unit_id: Option<i64>,
    /// `pns` or `pppk` (migration 0018).
    pub employment: String,
}

impl LearnerRow {
    pub fn employment(&self) -> lentera_protocol::Employment {
        lentera_protocol::Employment::parse(&self.employment).unwrap_or_default()
    }
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
        on_pool!(self.pool, p => sqlx::query_scalar(
            "INSERT INTO learners (nip, name, unit, role, password_hash, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.nip.as_str())
        .bind(new.name)
        .bind(new.unit)
        .bind(new.role)
        .bind(new.password_hash)
        .bind(now_ms)
        .fetch_one(p)
        .await)
    }

    pub async fn count_learners(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM learners").fetch_one(p).await)
    }

    pub async fn learner_by_nip(&self, nip: &Nip) -> Result<Option<LearnerRow>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT l.id, l.nip, l.name, COALESCE(u.name, l.unit) AS unit, l.role, l.password_hash, l.unit_id, l.employment \
             FROM learners l LEFT JOIN units u ON u.id = l.unit_id WHERE l.nip = $1")
            .bind(nip.as_str())
            .fetch_optional(p)
            .await)
    }

    pub async fn revoke_session(&self, id: i64, now_ms: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE sessions SET revoked_at_ms = $1 WHERE id = $2 AND revoked_at_ms IS NULL")
            .bind(now_ms)
            .bind(id)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Ends every session of a learner; returns how many were live.
    pub async fn revoke_all_sessions(&self, learner_id: i64, now_ms: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE sessions SET revoked_at_ms = $1 WHERE learner_id = $2 AND revoked_at_ms IS NULL")
            .bind(now_ms)
            .bind(learner_id)
            .execute(p)
            .await
            .map(|d| d.rows_affected()))
    }
}
