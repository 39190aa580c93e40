//! PostgreSQL: the database is created if the server may, then migrated; several server processes
//! share it (migrations take PostgreSQL's advisory lock, so simultaneous starts are safe).

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};
use std::str::FromStr;
use std::time::Duration;

pub async fn open(url: &str) -> Result<PgPool, sqlx::Error> {
    // No JIT: its compile time (up to a second for the whole province's dashboard totals, whose
    // plain run is tens of ms) is for long analytic queries, not a web server's (PostgreSQL's own
    // advice for short queries).
    let options = PgConnectOptions::from_str(url)?.options([("jit", "off")]);
    create_if_missing(&options).await?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations/postgres").run(&pool).await?;
    Ok(pool)
}

/// `lentera-server --db postgres://…/name` alone makes a fresh database ready.
async fn create_if_missing(options: &PgConnectOptions) -> Result<(), sqlx::Error> {
    let Some(name) = options.get_database().map(str::to_owned) else { return Ok(()) };
    match options.connect().await {
        Ok(conn) => conn.close().await,
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("3D000") => {
            let mut admin = options.clone().database("postgres").connect().await?;
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            let made = sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {quoted}"))).execute(&mut admin).await;
            admin.close().await?;
            match made {
                // Another server process created it first (42P04), or at the same instant (23505).
                Err(sqlx::Error::Database(e)) if matches!(e.code().as_deref(), Some("42P04" | "23505")) => Ok(()),
                other => other.map(|_| ()),
            }
        }
        Err(e) => Err(e),
    }
}
