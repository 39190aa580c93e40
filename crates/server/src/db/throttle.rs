//! The login throttle's state, shared by every server process: one row per key (migration 0016).

use super::Db;
use crate::auth::Rule;

/// Doublings beyond this add nothing (2^20 first waits is far past any cap) and keep the shift small.
const MOST_DOUBLINGS: i64 = 20;

impl Db {
    /// Counts an attempt against `key` before its password is checked, in one statement, unless the
    /// key must wait: `Ok(None)` when counted, `Ok(Some(ms to wait))` when refused (not counted).
    ///
    /// The count leaks one failure every `rule.leak_ms`; the attempt that brings it to
    /// `rule.allowance` or beyond makes the key wait `first_wait_ms`, doubled for each failure past
    /// the allowance, up to `longest_wait_ms`. Concurrent attempts queue on the row, so no more
    /// than the allowance get through, at every server process. The SQL text is built only from the
    /// dialect's fragments and constants; every value is bound.
    pub async fn throttle_attempt(&self, key: &str, rule: Rule, now_ms: i64) -> Result<Option<i64>, sqlx::Error> {
        let d = self.dialect();
        // Whole leak periods since the count's anchor (never negative if another process's clock is behind).
        let leaked = format!("({} / $4)", d.greatest("0", "$2 - login_throttle.leak_from_ms"));
        let prev = d.greatest("0", &format!("login_throttle.failures - {leaked}"));
        let wait = |count: &str| {
            let doublings = d.least(&format!("{count} - $3"), &MOST_DOUBLINGS.to_string());
            let grown = format!("($5 * (CAST(1 AS BIGINT) << CAST({doublings} AS INTEGER)))");
            format!("CASE WHEN {count} >= $3 THEN $2 + {} ELSE 0 END", d.least(&grown, "$6"))
        };
        let new_count = format!("({prev} + 1)");
        let sql = format!(
            "INSERT INTO login_throttle (key, failures, leak_from_ms, blocked_until_ms, forget_at_ms) \
             VALUES ($1, 1, $2, {first_wait}, $2 + $4 + $6) \
             ON CONFLICT (key) DO UPDATE SET \
                failures = {new_count}, \
                leak_from_ms = CASE WHEN login_throttle.failures - {leaked} <= 0 THEN $2 \
                               ELSE login_throttle.leak_from_ms + {leaked} * $4 END, \
                blocked_until_ms = {grown_wait}, \
                forget_at_ms = $2 + {new_count} * $4 + $6 \
             WHERE login_throttle.blocked_until_ms <= $2 \
             RETURNING failures",
            first_wait = wait("1"),
            grown_wait = wait(&new_count),
        );
        let counted: Option<i64> = on_pool!(self.pool, p => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(key)
            .bind(now_ms)
            .bind(rule.allowance)
            .bind(rule.leak_ms)
            .bind(rule.first_wait_ms)
            .bind(rule.longest_wait_ms)
            .fetch_optional(p)
            .await)?;
        if counted.is_some() {
            return Ok(None);
        }
        let until: Option<i64> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT blocked_until_ms FROM login_throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(p)
            .await)?;
        Ok(Some(until.map_or(1, |until| (until - now_ms).max(1))))
    }

    /// The longest wait still running for `first` or `second`, in ms: a read only, so refusing an
    /// attempt whose address or account must wait anyway writes nothing (a flood stays cheap).
    pub async fn throttle_waiting(&self, first: &str, second: &str, now_ms: i64) -> Result<Option<i64>, sqlx::Error> {
        let until: Option<i64> = on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT MAX(blocked_until_ms) FROM login_throttle WHERE key IN ($1, $2) AND blocked_until_ms > $3",
        )
        .bind(first)
        .bind(second)
        .bind(now_ms)
        .fetch_one(p)
        .await)?;
        Ok(until.map(|until| until - now_ms))
    }

    /// Takes back an attempt counted against `key` that was no failure (the password was right, or
    /// another key refused it); a wait it started ends if the count is back under the allowance.
    pub async fn throttle_refund(&self, key: &str, rule: Rule) -> Result<(), sqlx::Error> {
        let sql = format!(
            "UPDATE login_throttle SET failures = {}, \
                blocked_until_ms = CASE WHEN failures - 1 < $2 THEN 0 ELSE blocked_until_ms END \
             WHERE key = $1",
            self.dialect().greatest("failures - 1", "0"),
        );
        on_pool!(self.pool, p => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(key).bind(rule.allowance).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Forgets `key` (its owner proved the password).
    pub async fn throttle_clear(&self, key: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(key).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Drops rows that say nothing any more (count leaked away, no wait running), then, beyond
    /// `max_rows`, the rows nearest to that: made-up NIPs cannot grow the table without limit.
    pub async fn throttle_prune(&self, now_ms: i64, max_rows: i64) -> Result<u64, sqlx::Error> {
        let expired = on_pool!(self.pool, p => sqlx::query("DELETE FROM login_throttle WHERE forget_at_ms <= $1")
            .bind(now_ms)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        let over = on_pool!(self.pool, p => sqlx::query(
            "DELETE FROM login_throttle WHERE forget_at_ms < \
               (SELECT forget_at_ms FROM login_throttle ORDER BY forget_at_ms DESC LIMIT 1 OFFSET $1)",
        )
        .bind(max_rows)
        .execute(p)
        .await.map(|d| d.rows_affected()))?;
        Ok(expired + over)
    }

    /// How many keys the throttle keeps.
    pub async fn throttle_rows(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM login_throttle").fetch_one(p).await)
    }

    /// Whether `device` has held a session of the account `nip` (revoked ones count: the device is
    /// the person's all the same).
    pub async fn known_device(&self, nip: &str, device: &str) -> Result<bool, sqlx::Error> {
        let found: i64 = on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM sessions s JOIN learners l ON l.id = s.learner_id \
             WHERE l.nip = $1 AND s.device_id = $2 LIMIT 1) AS found",
        )
        .bind(nip)
        .bind(device)
        .fetch_one(p)
        .await)?;
        Ok(found > 0)
    }
}
