//! Device sessions: one row per login (a "family" of tokens), its current token, the previous one
//! until the current is first used, and the tokens rotated out (reuse of one ends the family).

use super::Db;
use super::accounts::LearnerRow;
use lentera_protocol::DeviceId;

/// A live device session and whose it is.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub id: i64,
    pub device_id: String,
    pub learner: LearnerRow,
}

/// What a presented token opens.
#[derive(Clone, Debug)]
pub enum Lookup {
    Live(SessionRow),
    /// A token rotated out was presented after its successor was used: the whole session ended.
    Reused,
    /// A console session left idle too long, or older than a working day.
    Expired,
    /// Unknown, signed out or revoked.
    Ended,
}

/// How long console sessions live; phone sessions have no bound (they work offline for weeks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsoleLimits {
    pub idle_ms: i64,
    pub absolute_ms: i64,
}

impl Default for ConsoleLimits {
    fn default() -> Self {
        ConsoleLimits { idle_ms: 30 * 60_000, absolute_ms: 12 * 3_600_000 }
    }
}

/// Console sessions' last use is written at most this often (not a write per request).
const TOUCH_EVERY_MS: i64 = 60_000;
/// Retired tokens are remembered this long per session; older ones are simply unknown.
const RETIRED_KEPT_MS: i64 = 90 * 86_400_000;

#[derive(sqlx::FromRow)]
struct SessionJoin {
    session_id: i64,
    device_id: String,
    token_hash: String,
    prev_token_hash: Option<String>,
    console: i64,
    created_at_ms: i64,
    last_seen_ms: Option<i64>,
    #[sqlx(flatten)]
    learner: LearnerRow,
}

impl Db {
    /// A new session family; `console` sessions are bounded by [`ConsoleLimits`].
    pub async fn insert_session(&self, token_hash: &str, learner_id: i64, device: DeviceId, console: bool, salt: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query(
            "INSERT INTO sessions (token_hash, learner_id, device_id, created_at_ms, last_seen_ms, console, rotation_salt) VALUES ($1, $2, $3, $4, $4, $5, $6)",
        )
            .bind(token_hash)
            .bind(learner_id)
            .bind(device.to_string())
            .bind(now_ms)
            .bind(i64::from(console))
            .bind(salt)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// What `token_hash` opens. Using the current token retires the previous one (the device has
    /// the new token for sure); a retired token ends the family; an idle console session ends.
    pub async fn find_session(&self, token_hash: &str, now_ms: i64, limits: ConsoleLimits) -> Result<Lookup, sqlx::Error> {
        let found: Option<SessionJoin> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT s.id AS session_id, s.device_id, s.token_hash, s.prev_token_hash, s.console, s.created_at_ms, s.last_seen_ms, \
                    l.id, l.nip, l.name, COALESCE(u.name, l.unit) AS unit, l.role, l.password_hash, l.unit_id, l.employment \
             FROM sessions s JOIN learners l ON l.id = s.learner_id LEFT JOIN units u ON u.id = l.unit_id \
             WHERE (s.token_hash = $1 OR s.prev_token_hash = $1) AND s.revoked_at_ms IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(p)
        .await)?;
        let Some(found) = found else { return self.why_ended(token_hash, now_ms).await };
        if found.console != 0 {
            let last = found.last_seen_ms.unwrap_or(found.created_at_ms);
            if now_ms - last > limits.idle_ms || now_ms - found.created_at_ms > limits.absolute_ms {
                self.end_family(found.session_id, "expired", now_ms).await?;
                return Ok(Lookup::Expired);
            }
            if now_ms - last >= TOUCH_EVERY_MS {
                on_pool!(self.pool, p => sqlx::query("UPDATE sessions SET last_seen_ms = $1 WHERE id = $2")
                    .bind(now_ms).bind(found.session_id).execute(p).await.map(|d| d.rows_affected()))?;
            }
        }
        if let Some(prev) = found.prev_token_hash.as_deref().filter(|_| found.token_hash == token_hash) {
            self.retire(found.session_id, token_hash, prev, now_ms).await?;
        }
        Ok(Lookup::Live(SessionRow { id: found.session_id, device_id: found.device_id, learner: found.learner }))
    }

    /// The successor (`current`) was used: `prev` leaves the session and is remembered as retired.
    async fn retire(&self, session_id: i64, current: &str, prev: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        // Only while the previous token is still set: a rotation by another process meanwhile is not undone.
        let cleared = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE sessions SET prev_token_hash = NULL, last_seen_ms = $1 WHERE id = $2 AND token_hash = $3 AND prev_token_hash = $4",
        )
        .bind(now_ms).bind(session_id).bind(current).bind(prev)
        .execute(c).await.map(|d| d.rows_affected()))?;
        if cleared == 1 {
            on_tx!(&mut tx, c => sqlx::query("INSERT INTO retired_tokens (token_hash, session_id, retired_at_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(prev).bind(session_id).bind(now_ms).execute(c).await.map(|d| d.rows_affected()))?;
            on_tx!(&mut tx, c => sqlx::query("DELETE FROM retired_tokens WHERE session_id = $1 AND retired_at_ms < $2")
                .bind(session_id).bind(now_ms - RETIRED_KEPT_MS).execute(c).await.map(|d| d.rows_affected()))?;
        }
        tx.commit().await
    }

    /// A token that opens no live session: a retired one ends its family; else say why it ended.
    async fn why_ended(&self, token_hash: &str, now_ms: i64) -> Result<Lookup, sqlx::Error> {
        let retired: Option<i64> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT session_id FROM retired_tokens WHERE token_hash = $1")
            .bind(token_hash).fetch_optional(p).await)?;
        if let Some(session_id) = retired {
            // Two holders of one family: whoever presents the older token, the family ends for both.
            self.end_family(session_id, "reused", now_ms).await?;
        }
        let reason: Option<Option<String>> = on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT end_reason FROM sessions WHERE token_hash = $1 OR prev_token_hash = $1 \
             OR id = (SELECT session_id FROM retired_tokens WHERE token_hash = $1)",
        )
        .bind(token_hash).fetch_optional(p).await)?;
        Ok(match reason.flatten().as_deref() {
            Some("reused") => Lookup::Reused,
            Some("expired") => Lookup::Expired,
            _ => Lookup::Ended,
        })
    }

    /// Ends a live session, keeping why so the next request with any of its tokens can say so.
    async fn end_family(&self, session_id: i64, reason: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE sessions SET revoked_at_ms = $1, end_reason = $2 WHERE id = $3 AND revoked_at_ms IS NULL")
            .bind(now_ms).bind(reason).bind(session_id).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// The session's rotation secret (made now for sessions older than migration 0019).
    pub async fn rotation_salt(&self, session_id: i64, fresh: &str) -> Result<String, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE sessions SET rotation_salt = $1 WHERE id = $2 AND rotation_salt IS NULL")
            .bind(fresh).bind(session_id).execute(p).await.map(|d| d.rows_affected()))?;
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT rotation_salt FROM sessions WHERE id = $1")
            .bind(session_id).fetch_one(p).await)
    }

    /// Makes `new_hash` (derived from the presented token, so a repeated or concurrent rotation
    /// with the same token writes the same row) current, keeping `presented_hash` usable until the
    /// new one is first seen. Returns false if the session ended or moved on meanwhile.
    pub async fn rotate_session(&self, id: i64, presented_hash: &str, new_hash: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
        let done = on_pool!(self.pool, p => sqlx::query(
            "UPDATE sessions SET token_hash = $1, prev_token_hash = $2, last_seen_ms = $3 \
             WHERE id = $4 AND revoked_at_ms IS NULL AND (token_hash = $2 OR prev_token_hash = $2)",
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
}
