//! The database: SQLite by default (PostgreSQL joins for large deployments).

mod sqlite;

pub use sqlite::Db;
