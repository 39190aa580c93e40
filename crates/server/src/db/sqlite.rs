//! SQLite: WAL, full fsync on commit (a synced event must survive a power cut).

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// Opens (creating if missing) and migrates the database file at `path`.
pub async fn open(path: &Path) -> Result<SqlitePool, sqlx::Error> {
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
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    Ok(pool)
}

/// `VACUUM INTO` writes a consistent, compact copy while readers and writers go on.
pub async fn backup(pool: &SqlitePool, file: &Path) -> Result<(), String> {
    if file.exists() {
        return Err(format!("{} exists already; name a new file so no backup is overwritten", file.display()));
    }
    let target = file.to_str().ok_or_else(|| format!("{}: the backup path must be UTF-8", file.display()))?;
    sqlx::query("VACUUM INTO $1").bind(target).execute(pool).await.map_err(|e| format!("backup to {} failed: {e}", file.display()))?;
    Ok(())
}
