//! Learners and their device sessions.

use super::Db;
use lentera_protocol::{DeviceId, Nip};

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

/// A live device session and whose it is.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub id: i64,
    pub device_id: String,
    pub learner: LearnerRow,
}

/// One row of the session lookup: the session's columns and its learner.
#[derive(sqlx::FromRow)]
struct SessionJoin {
    session_id: i64,
    device_id: String,
    token_hash: String,
    prev_token_hash: Option<String>,
    #[sqlx(flatten)]
    learner: LearnerRow,
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

    pub async fn insert_session(&self, token_hash: &str, learner_id: i64, device: DeviceId, now_ms: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("INSERT INTO sessions (token_hash, learner_id, device_id, created_at_ms) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(learner_id)
            .bind(device.to_string())
            .bind(now_ms)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// The live (not revoked) session a token hash opens, by its current or previous token.
    /// Using the current token retires the previous one: the device has the new token for sure.
    pub async fn find_session(&self, token_hash: &str, now_ms: i64) -> Result<Option<SessionRow>, sqlx::Error> {
        let found: Option<SessionJoin> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT s.id AS session_id, s.device_id, s.token_hash, s.prev_token_hash, \
                    l.id, l.nip, l.name, COALESCE(u.name, l.unit) AS unit, l.role, l.password_hash, l.unit_id, l.employment \
             FROM sessions s JOIN learners l ON l.id = s.learner_id LEFT JOIN units u ON u.id = l.unit_id \
             WHERE (s.token_hash = $1 OR s.prev_token_hash = $1) AND s.revoked_at_ms IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(p)
        .await)?;
        let Some(found) = found else { return Ok(None) };
        if found.token_hash == token_hash && found.prev_token_hash.is_some() {
            // Only while the previous token is still set: a rotation by another server process in
            // between (the token this request presents is then the previous one) is not undone.
            on_pool!(self.pool, p => sqlx::query("UPDATE sessions SET prev_token_hash = NULL, last_seen_ms = $1 WHERE id = $2 AND token_hash = $3")
                .bind(now_ms)
                .bind(found.session_id)
                .bind(token_hash)
                .execute(p)
                .await.map(|d| d.rows_affected()))?;
        }
        Ok(Some(SessionRow { id: found.session_id, device_id: found.device_id, learner: found.learner }))
    }

    /// Replaces the session's token with `new_hash`, keeping `presented_hash` usable until the
    /// new one is first seen. Returns false if the session ended meanwhile.
    pub async fn rotate_session(&self, id: i64, presented_hash: &str, new_hash: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
        let done = on_pool!(self.pool, p => sqlx::query(
            "UPDATE sessions SET token_hash = $1, prev_token_hash = $2, last_seen_ms = $3 \
             WHERE id = $4 AND revoked_at_ms IS NULL",
        )
        .bind(new_hash)
        .bind(presented_hash)
        .bind(now_ms)
        .bind(id)
        .execute(p)
        .await
        .map(|d| d.rows_affected()))?;
        Ok(done == 1)
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
