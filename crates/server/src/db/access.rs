//! Giving and taking access: passwords people change, one-time codes admins issue, the first admin.

use super::Db;
use lentera_protocol::Nip;

impl Db {
    /// Sets a new password and ends every other session of the person (a thief's included).
    pub async fn change_password(&self, learner_id: i64, keep_session: i64, hash: &str, now_ms: i64) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE learners SET password_hash = $1, activation_hash = NULL WHERE id = $2")
            .bind(hash)
            .bind(learner_id)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        let ended = on_tx!(&mut tx, c => sqlx::query("UPDATE sessions SET revoked_at_ms = $1 WHERE learner_id = $2 AND id <> $3 AND revoked_at_ms IS NULL")
            .bind(now_ms)
            .bind(learner_id)
            .bind(keep_session)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        tx.commit().await?;
        Ok(ended)
    }

    /// The person's password stops working, a new activation code (its hash given) waits, and
    /// every session ends; returns how many sessions were live.
    pub async fn reset_access(&self, learner_id: i64, code_hash: &str, now_ms: i64, audit: impl FnOnce(u64) -> super::audit::Entry) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE learners SET password_hash = '', activation_hash = $1 WHERE id = $2")
            .bind(code_hash)
            .bind(learner_id)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        let ended = on_tx!(&mut tx, c => sqlx::query("UPDATE sessions SET revoked_at_ms = $1 WHERE learner_id = $2 AND revoked_at_ms IS NULL")
            .bind(now_ms)
            .bind(learner_id)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        super::audit::write(&mut tx, &audit(ended)).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// An admin over every unit, waiting for activation with the code whose hash is given.
    /// `Ok(false)` when the NIP already has an account.
    pub async fn create_admin(&self, nip: &Nip, name: &str, code_hash: &str, now_ms: i64, audit: &super::audit::Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO learners (nip, name, unit, role, password_hash, created_at_ms, activation_hash) \
             VALUES ($1, $2, '', 'admin', '', $3, $4) ON CONFLICT (nip) DO NOTHING",
        )
        .bind(nip.as_str())
        .bind(name)
        .bind(now_ms)
        .bind(code_hash)
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
        if done == 1 {
            super::audit::write(&mut tx, audit).await?;
        }
        tx.commit().await?;
        Ok(done == 1)
    }

    /// How many of `nips` have an account (the demo's people, for production mode's refusal).
    pub async fn count_nips(&self, nips: &[&str]) -> Result<i64, sqlx::Error> {
        let list = serde_json::to_string(nips).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let sql = match self.dialect() {
            super::Dialect::Sqlite => "SELECT COUNT(*) FROM learners WHERE nip IN (SELECT value FROM json_each($1))",
            super::Dialect::Postgres => "SELECT COUNT(*) FROM learners WHERE nip IN (SELECT json_array_elements_text(CAST($1 AS json)))",
        };
        on_pool!(self.pool, p => sqlx::query_scalar(sql).bind(&list).fetch_one(p).await)
    }

    pub async fn count_admins(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM learners WHERE role = 'admin'").fetch_one(p).await)
    }
}
