//! The audit log: what admins and supervisors changed. Rows are only added; the migration's
//! triggers refuse changes and deletions.

use super::{Db, Tx};
use super::dialect::id_list;
use lentera_protocol::account::AuditEntry;

/// An entry written inside the transaction of the change it records: both are stored, or neither.
/// Who made it is kept as NIP and name, not a row id: people are renamed and removed.
#[derive(Clone, Debug)]
pub struct Entry {
    pub actor_nip: String,
    pub actor_name: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub unit_id: Option<i64>,
    pub at_ms: i64,
}

/// Adds `entry` to the audit log within `tx`.
pub(super) async fn write(tx: &mut Tx, entry: &Entry) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO audit_log (at_ms, actor_nip, actor_name, action, target, detail, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(entry.at_ms)
    .bind(&entry.actor_nip)
    .bind(&entry.actor_name)
    .bind(&entry.action)
    .bind(&entry.target)
    .bind(&entry.detail)
    .bind(entry.unit_id)
    .execute(&mut *c)
    .await
    .map(|d| d.rows_affected()))?;
    Ok(())
}

/// Writes `entry` if there is one (callers without an actor, like the demo, pass none).
pub(super) async fn write_some(tx: &mut Tx, entry: Option<&Entry>) -> Result<(), sqlx::Error> {
    match entry {
        Some(entry) => write(tx, entry).await,
        None => Ok(()),
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    at_ms: i64,
    actor_nip: String,
    actor_name: String,
    action: String,
    target: String,
    detail: String,
}

impl Db {
    /// The newest `limit` entries, all of them (`unit_ids` None) or those of the units given.
    pub async fn audit_entries(&self, unit_ids: Option<&[i64]>, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
        let sql = format!(
            "SELECT at_ms, actor_nip, actor_name, action, target, detail FROM audit_log \
             WHERE $1 = 0 OR unit_id IN ({}) ORDER BY id DESC LIMIT $3",
            self.dialect().ids("$2")
        );
        let rows: Vec<Row> = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(i64::from(unit_ids.is_some()))
            .bind(id_list(unit_ids.unwrap_or_default()))
            .bind(limit)
            .fetch_all(p)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry { at_ms: r.at_ms, actor_nip: r.actor_nip, actor_name: r.actor_name, action: r.action, target: r.target, detail: r.detail })
            .collect())
    }
}
