//! Applying a clean staff import in one transaction, and activating imported accounts.

use super::org::refresh_roles;
use super::Db;
use super::standing::inherit;
use crate::import::{Existing, Plan};
use std::collections::HashMap;

/// A person added by the import and the one-time code they activate with.
pub struct NewCode {
    pub nip: String,
    pub name: String,
    pub unit_code: String,
    pub code: String,
}

/// id, NIP, name, position, unit, supervisor's NIP, email, employment.
type ExistingRow = (i64, String, String, String, Option<i64>, Option<String>, Option<String>, String);

impl Db {
    /// Every account, by NIP, as the import compares against it.
    pub async fn existing_staff(&self) -> Result<HashMap<String, Existing>, sqlx::Error> {
        let rows: Vec<ExistingRow> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT l.id, l.nip, l.name, l.position, l.unit_id, s.nip, l.email, l.employment \
             FROM learners l LEFT JOIN learners s ON s.id = l.supervisor_id",
        )
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, nip, name, position, unit_id, supervisor_nip, email, employment)| {
                let employment = lentera_protocol::Employment::parse(&employment).unwrap_or_default();
                (nip, Existing { id, name, position, unit_id, supervisor_nip, email, employment })
            })
            .collect())
    }

    /// Adds and updates people as planned; `codes` gives each added NIP its activation code hash.
    /// Supervisors named in the file come to supervise the unit of the people they lead (and stop
    /// when a later file names someone else). People new to a unit get the courses standing for it.
    pub async fn apply_import(&self, plan: &Plan, code_hashes: &HashMap<String, String>, now_ms: i64) -> Result<(), sqlx::Error> {
        self.apply_import_audited(plan, code_hashes, now_ms, |_| None).await
    }

    /// [`Db::apply_import`] with its audit entry (made from the counts) in the same transaction.
    pub async fn apply_import_audited(
        &self,
        plan: &Plan,
        code_hashes: &HashMap<String, String>,
        now_ms: i64,
        audit: impl FnOnce(&Plan) -> Option<super::audit::Entry>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        let added: std::collections::HashSet<&str> = plan.preview.added.iter().map(|c| c.nip.as_str()).collect();
        // People new to their unit: they take on the courses standing for it.
        let mut joined = Vec::new();
        for line in &plan.lines {
            if added.contains(line.nip.as_str()) {
                let id: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
                    "INSERT INTO learners (nip, name, unit, role, password_hash, created_at_ms, unit_id, position, email, activation_hash, employment) \
                     VALUES ($1, $2, '', 'learner', '', $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(line.nip.as_str())
                .bind(&line.name)
                .bind(now_ms)
                .bind(line.unit_id)
                .bind(&line.position)
                .bind(&line.email)
                .bind(code_hashes.get(line.nip.as_str()))
                .bind(line.employment.key())
                .fetch_one(&mut *c)
                .await)?;
                joined.push(id);
            } else {
                let (id, unit_id): (i64, Option<i64>) = on_tx!(&mut tx, c =>
                    sqlx::query_as("SELECT id, unit_id FROM learners WHERE nip = $1").bind(line.nip.as_str()).fetch_one(&mut *c).await)?;
                if unit_id != Some(line.unit_id) {
                    joined.push(id);
                }
                on_tx!(&mut tx, c => sqlx::query("UPDATE learners SET name = $1, position = $2, unit_id = $3, email = $4, employment = $5 WHERE nip = $6")
                    .bind(&line.name)
                    .bind(&line.position)
                    .bind(line.unit_id)
                    .bind(&line.email)
                    .bind(line.employment.key())
                    .bind(line.nip.as_str())
                    .execute(&mut *c)
                    .await.map(|d| d.rows_affected()))?;
            }
        }
        // Second pass: a supervisor may be a person added by this same file.
        for line in &plan.lines {
            on_tx!(&mut tx, c => sqlx::query("UPDATE learners SET supervisor_id = (SELECT id FROM learners WHERE nip = $1) WHERE nip = $2")
                .bind(line.supervisor.as_ref().map(|s| s.as_str()))
                .bind(line.nip.as_str())
                .execute(&mut *c)
                .await.map(|d| d.rows_affected()))?;
        }
        // Imported links follow the people as they are now: a changed `nip_atasan` moves the view.
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM unit_supervisors WHERE from_import = 1").execute(&mut *c).await.map(|d| d.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO unit_supervisors (unit_id, learner_id, from_import) \
             SELECT DISTINCT unit_id, supervisor_id, 1 FROM learners WHERE unit_id IS NOT NULL AND supervisor_id IS NOT NULL \
             ON CONFLICT DO NOTHING",
        )
        .execute(&mut *c)
        .await.map(|d| d.rows_affected()))?;
        refresh_roles(&mut tx).await?;
        inherit(&mut tx, &joined, None, &crate::calendar::date(now_ms), now_ms).await?;
        super::audit::write_some(&mut tx, audit(plan).as_ref()).await?;
        tx.commit().await
    }

    /// Sets the password of a not-yet-activated account whose code matches; false otherwise.
    pub async fn activate(&self, nip: &str, code_hash: &str, password_hash: &str) -> Result<bool, sqlx::Error> {
        let done = on_pool!(self.pool, p => sqlx::query(
            "UPDATE learners SET password_hash = $1, activation_hash = NULL \
             WHERE nip = $2 AND activation_hash = $3 AND activation_hash IS NOT NULL",
        )
        .bind(password_hash)
        .bind(nip)
        .bind(code_hash)
        .execute(p)
        .await
        .map(|d| d.rows_affected()))?;
        Ok(done == 1)
    }
}
