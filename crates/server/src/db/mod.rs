//! The database: SQLite by default (PostgreSQL joins for large deployments).

pub mod accounts;
pub mod events;
mod sqlite;

pub use sqlite::Db;
