//! Applying a clean staff import in one transaction, and activating imported accounts.

use super::org::refresh_roles;
use super::sqlite::Db;
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

impl Db {
    /// Every account, by NIP, as the import compares against it.
    pub async fn existing_staff(&self) -> Result<HashMap<String, Existing>, sqlx::Error> {
        let rows: Vec<(i64, String, String, String, Option<i64>, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT l.id, l.nip, l.name, l.position, l.unit_id, s.nip, l.email \
             FROM learners l LEFT JOIN learners s ON s.id = l.supervisor_id",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, nip, name, position, unit_id, supervisor_nip, email)| {
                (nip, Existing { id, name, position, unit_id, supervisor_nip, email })
            })
            .collect())
    }

    /// Adds and updates people as planned; `codes` gives each added NIP its activation code hash.
    /// Supervisors named in the file come to supervise the unit of the people they lead (and stop
    /// when a later file names someone else). People new to a unit get the courses standing for it.
    pub async fn apply_import(&self, plan: &Plan, code_hashes: &HashMap<String, String>, now_ms: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let added: std::collections::HashSet<&str> = plan.preview.added.iter().map(|c| c.nip.as_str()).collect();
        // People new to their unit: they take on the courses standing for it.
        let mut joined = Vec::new();
        for line in &plan.lines {
            if added.contains(line.nip.as_str()) {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO learners (nip, name, unit, role, password_hash, created_at_ms, unit_id, position, email, activation_hash) \
                     VALUES (?, ?, '', 'learner', '', ?, ?, ?, ?, ?) RETURNING id",
                )
                .bind(line.nip.as_str())
                .bind(&line.name)
                .bind(now_ms)
                .bind(line.unit_id)
                .bind(&line.position)
                .bind(&line.email)
                .bind(code_hashes.get(line.nip.as_str()))
                .fetch_one(&mut *tx)
                .await?;
                joined.push(id);
            } else {
                let (id, unit_id): (i64, Option<i64>) =
                    sqlx::query_as("SELECT id, unit_id FROM learners WHERE nip = ?").bind(line.nip.as_str()).fetch_one(&mut *tx).await?;
                if unit_id != Some(line.unit_id) {
                    joined.push(id);
                }
                sqlx::query("UPDATE learners SET name = ?, position = ?, unit_id = ?, email = ? WHERE nip = ?")
                    .bind(&line.name)
                    .bind(&line.position)
                    .bind(line.unit_id)
                    .bind(&line.email)
                    .bind(line.nip.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // Second pass: a supervisor may be a person added by this same file.
        for line in &plan.lines {
            sqlx::query("UPDATE learners SET supervisor_id = (SELECT id FROM learners WHERE nip = ?) WHERE nip = ?")
                .bind(line.supervisor.as_ref().map(|s| s.as_str()))
                .bind(line.nip.as_str())
                .execute(&mut *tx)
                .await?;
        }
        // Imported links follow the people as they are now: a changed `nip_atasan` moves the view.
        sqlx::query("DELETE FROM unit_supervisors WHERE from_import = 1").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT OR IGNORE INTO unit_supervisors (unit_id, learner_id, from_import) \
             SELECT DISTINCT unit_id, supervisor_id, 1 FROM learners WHERE unit_id IS NOT NULL AND supervisor_id IS NOT NULL",
        )
        .execute(&mut *tx)
        .await?;
        refresh_roles(&mut tx).await?;
        inherit(&mut tx, &joined, None, &crate::calendar::date(now_ms), now_ms).await?;
        tx.commit().await
    }

    /// Sets the password of a not-yet-activated account whose code matches; false otherwise.
    pub async fn activate(&self, nip: &str, code_hash: &str, password_hash: &str) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE learners SET password_hash = ?, activation_hash = NULL \
             WHERE nip = ? AND activation_hash = ? AND activation_hash IS NOT NULL",
        )
        .bind(password_hash)
        .bind(nip)
        .bind(code_hash)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
