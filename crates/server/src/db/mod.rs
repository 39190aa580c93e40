//! Storage: one set of queries over two engines, SQLite (the embedded default) and PostgreSQL
//! (several stateless servers on one database). No SQL lives outside this module.
//!
//! Every query is written once with `$N` placeholders (both engines read them) and compiled
//! against both drivers by the `on_pool!`/`on_tx!` macros; the few places the dialects differ
//! go through [`Dialect`].

#[macro_use]
mod engine;
pub mod access;
pub mod accounts;
pub mod akpk_me;
mod akpk_push;
pub mod akpk;
pub mod akpk_fixtures;
pub mod audit;
pub mod certificates;
pub mod competency;
pub mod credit;
pub mod dashboard;
mod dialect;
pub mod evaluation;
pub mod events;
pub mod fixtures;
pub mod framework;
pub mod ideas;
pub mod idea_push;
pub mod learner_credits;
pub mod learning_log;
mod log_push;
pub mod org;
pub mod prefetch;
mod postgres;
pub mod progress;
mod reaction_push;
pub mod sessions;
pub mod skm;
mod sqlite;
pub mod staff;
pub mod standing;
pub mod throttle;
pub mod trainings;
mod test_push;
mod training_push;
#[cfg(test)]
mod upgrade_tests;
#[cfg(test)]
mod backfill_tests;
pub mod rule_cache;
#[cfg(test)]
mod rule_cache_tests;
pub mod writer;
#[cfg(test)]
mod writer_tests;

pub use dialect::Dialect;
pub use engine::{Pool, Tx};

/// The storage handle every route, the demo and the tests use; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Pool,
    writer: writer::Writer,
    rules: rule_cache::RuleCache,
}

/// Where the database is: `postgres://…` (or `postgresql://…`) is PostgreSQL; `sqlite:…` or a plain
/// path is a SQLite file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Location {
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_owned())
        } else {
            let path = text.strip_prefix("sqlite://").or_else(|| text.strip_prefix("sqlite:")).unwrap_or(text);
            Location::Sqlite(std::path::PathBuf::from(path))
        }
    }

    /// For messages: the file, or the URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
                _ => url.clone(),
            },
        }
    }
}

impl Db {
    /// Opens (creating if missing) and migrates the database.
    pub async fn open(location: &Location) -> Result<Self, sqlx::Error> {
        let pool = match location {
            Location::Sqlite(path) => Pool::Sqlite(sqlite::open(path).await?),
            Location::Postgres(url) => Pool::Postgres(postgres::open(url).await?),
        };
        let rules = rule_cache::RuleCache::default();
        let db = Self { writer: writer::Writer::start(pool.clone(), rules.clone()), pool, rules };
        db.backfill_progress().await?;
        // An empty framework gets the default one; the admin's edits are kept on later starts.
        let defaults = crate::framework::defaults().map_err(|e| sqlx::Error::Configuration(e.into()))?;
        db.seed_framework(&defaults, crate::now_ms()).await?;
        Ok(db)
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub fn dialect(&self) -> Dialect {
        self.pool.dialect()
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        self.pool.begin().await
    }

    pub async fn ping(&self) -> bool {
        on_pool!(self.pool, p => sqlx::query("SELECT 1").execute(p).await.is_ok())
    }

    /// Closes every connection (tests use it to show a dead database is reported).
    pub async fn close(&self) {
        on_pool!(self.pool, p => p.close().await);
    }

    /// A consistent copy of a SQLite database in `file` while the server runs (`VACUUM INTO`).
    /// PostgreSQL is backed up with its own `pg_dump`.
    pub async fn backup(&self, file: &std::path::Path) -> Result<(), String> {
        match &self.pool {
            Pool::Sqlite(p) => sqlite::backup(p, file).await,
            Pool::Postgres(_) => Err("this is a PostgreSQL database: back it up with `pg_dump --format=custom --file FILE URL` (see the README)".into()),
        }
    }
}
