//! SQLite storage: WAL, full fsync on commit (a synced event must survive a power cut).

use lentera_protocol::Event;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
}

impl Db {
    /// Opens (creating if missing) and migrates the database at `path`.
    pub async fn open(path: &Path) -> Result<Self, sqlx::Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Stores the batch in one transaction; events already held are left as they were.
    /// Returns how many were new.
    pub async fn insert_events(&self, events: &[Event], received_at_ms: i64) -> Result<u32, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let mut stored = 0u32;
        for event in events {
            let payload = serde_json::to_value(&event.body)
                .map(|v| v["payload"].to_string())
                .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            let done = sqlx::query(
                "INSERT INTO events (id, device_id, kind, payload, device_time_ms, received_at_ms) \
                 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            )
            .bind(event.id.to_string())
            .bind(event.device_id.to_string())
            .bind(event.body.kind())
            .bind(payload)
            .bind(event.device_time_ms)
            .bind(received_at_ms)
            .execute(&mut *tx)
            .await?;
            stored += u32::try_from(done.rows_affected()).unwrap_or(0);
        }
        tx.commit().await?;
        Ok(stored)
    }

    pub async fn count_events(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM events").fetch_one(&self.pool).await
    }
}
