//! The database: SQLite by default (PostgreSQL joins for large deployments).

pub mod accounts;
mod sqlite;

pub use sqlite::Db;
