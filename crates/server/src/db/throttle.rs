//! Failed login and activation attempts per key, shared by every server process.

use super::Db;
use crate::auth::Limit;

impl Db {
    /// `Some(ms to wait)` when `key` has `limit.failures` failures in the window before `now_ms`;
    /// the wait lasts until the oldest of them leaves the window.
    pub async fn throttled(&self, key: &str, limit: Limit, now_ms: i64) -> Result<Option<i64>, sqlx::Error> {
        let since = now_ms - limit.window_ms;
        let (count, oldest): (i64, Option<i64>) = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT COUNT(*), MIN(at_ms) FROM login_failures WHERE key = $1 AND at_ms > $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(p)
        .await)?;
        Ok(oldest.filter(|_| count >= limit.failures).map(|oldest| (oldest + limit.window_ms - now_ms).max(1)))
    }

    /// Notes a failure. Every key's failures older than `window_ms` (the longest window) are dropped
    /// on the way, so keys nobody tries again (made-up NIPs) do not stay: the table holds at most
    /// the failures of one window, and argon2's bounded pace bounds how many that can be.
    pub async fn record_failure(&self, key: &str, now_ms: i64, window_ms: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("DELETE FROM login_failures WHERE at_ms <= $1")
            .bind(now_ms - window_ms)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        on_pool!(self.pool, p => sqlx::query("INSERT INTO login_failures (key, at_ms) VALUES ($1, $2)").bind(key).bind(now_ms).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// How many failures are kept, all keys together.
    pub async fn failure_rows(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM login_failures").fetch_one(p).await)
    }

    pub async fn clear_failures(&self, key: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(key).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }
}
