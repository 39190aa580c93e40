//! The database: SQLite by default (PostgreSQL joins for large deployments).

pub mod accounts;
pub mod dashboard;
pub mod events;
pub mod org;
pub mod progress;
pub mod standing;
pub mod staff;
mod sqlite;

pub use sqlite::Db;
