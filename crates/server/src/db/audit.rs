//! The audit log: what admins and supervisors changed. Rows are only added; the migration's
//! triggers refuse changes and deletions.

use super::Db;
use super::dialect::id_list;
use lentera_protocol::account::AuditEntry;

/// Who made a change, as the log keeps it (a name, not a row id: people are renamed and removed).
pub struct Actor<'a> {
    pub nip: &'a str,
    pub name: &'a str,
}

/// One change to record.
pub struct Change<'a> {
    pub action: &'a str,
    pub target: &'a str,
    pub detail: &'a str,
    pub unit_id: Option<i64>,
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
    pub async fn audit(&self, actor: &Actor<'_>, change: &Change<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query(
            "INSERT INTO audit_log (at_ms, actor_nip, actor_name, action, target, detail, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(now_ms)
        .bind(actor.nip)
        .bind(actor.name)
        .bind(change.action)
        .bind(change.target)
        .bind(change.detail)
        .bind(change.unit_id)
        .execute(p)
        .await
        .map(|d| d.rows_affected()))?;
        Ok(())
    }

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
