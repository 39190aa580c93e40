//! The organisation tree's storage: units, supervisors, and who may see which part.

use super::accounts::LearnerRow;
use super::{Db, Tx};
pub use crate::org_tree::{OrgTree, Scope, UnitRow};
use std::collections::{BTreeSet, HashMap};

impl Db {
    pub async fn org_tree(&self) -> Result<OrgTree, sqlx::Error> {
        let units = on_pool!(self.pool, p => sqlx::query_as("SELECT id, code, name, parent_id FROM units").fetch_all(p).await)?;
        Ok(OrgTree::new(units))
    }

    /// What `who` may see of the organisation; a plain learner sees no unit (only themself).
    pub async fn scope_of(&self, who: &LearnerRow, tree: &OrgTree) -> Result<Scope, sqlx::Error> {
        match who.role.as_str() {
            "admin" => Ok(match who.unit_id {
                Some(unit) => Scope::Units(tree.subtree(unit)),
                None => Scope::Everything,
            }),
            "supervisor" => {
                let roots: Vec<i64> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT unit_id FROM unit_supervisors WHERE learner_id = $1")
                    .bind(who.id)
                    .fetch_all(p)
                    .await)?;
                Ok(Scope::Units(roots.into_iter().flat_map(|r| tree.subtree(r)).collect()))
            }
            _ => Ok(Scope::Units(BTreeSet::new())),
        }
    }

    pub async fn create_unit(&self, code: &str, name: &str, parent: Option<i64>) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("INSERT INTO units (code, name, parent_id) VALUES ($1, $2, $3) RETURNING id")
            .bind(code)
            .bind(name)
            .bind(parent)
            .fetch_one(p)
            .await)
    }

    pub async fn update_unit(&self, id: i64, name: &str, parent: Option<i64>) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE units SET name = $1, parent_id = $2 WHERE id = $3")
            .bind(name)
            .bind(parent)
            .bind(id)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Sets a unit's supervisors and then every non-admin's role from what they supervise.
    pub async fn set_unit_supervisors(&self, unit_id: i64, learner_ids: &[i64]) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        set_supervisors_in(&mut tx, unit_id, learner_ids).await?;
        tx.commit().await
    }

    /// Creates (`id` None) or updates a unit, sets its supervisors (and so everyone's role) and
    /// writes `audit`, all in one transaction; returns the unit's id.
    pub async fn save_unit(&self, id: Option<i64>, code: &str, name: &str, parent: Option<i64>, supervisors: &[i64], audit: &[super::audit::Entry]) -> Result<i64, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id = match id {
            Some(id) => {
                on_tx!(&mut tx, c => sqlx::query("UPDATE units SET name = $1, parent_id = $2 WHERE id = $3")
                    .bind(name).bind(parent).bind(id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
                id
            }
            None => on_tx!(&mut tx, c => sqlx::query_scalar("INSERT INTO units (code, name, parent_id) VALUES ($1, $2, $3) RETURNING id")
                .bind(code).bind(name).bind(parent).fetch_one(&mut *c).await)?,
        };
        set_supervisors_in(&mut tx, id, supervisors).await?;
        for entry in audit {
            // A new unit's id is known only now.
            let entry = super::audit::Entry { unit_id: Some(id), ..entry.clone() };
            super::audit::write(&mut tx, &entry).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// (NIP, name) of each unit's supervisors, and the number of staff placed directly in it.
    pub async fn unit_people(&self) -> Result<(HashMap<i64, Vec<(String, String)>>, HashMap<i64, u32>), sqlx::Error> {
        let pairs: Vec<(i64, String, String)> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT s.unit_id, l.nip, l.name FROM unit_supervisors s JOIN learners l ON l.id = s.learner_id ORDER BY l.name, l.nip",
        )
        .fetch_all(p)
        .await)?;
        let mut supervisors: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for (unit, nip, name) in pairs {
            supervisors.entry(unit).or_default().push((nip, name));
        }
        let counts: Vec<(i64, i64)> = on_pool!(self.pool, p =>
            sqlx::query_as("SELECT unit_id, COUNT(*) FROM learners WHERE unit_id IS NOT NULL GROUP BY unit_id")
                .fetch_all(p)
                .await)?;
        let staff = counts.into_iter().map(|(u, n)| (u, u32::try_from(n).unwrap_or(u32::MAX))).collect();
        Ok((supervisors, staff))
    }
}

/// A person supervises exactly when some unit names them; admins keep their role.
pub async fn refresh_roles(tx: &mut Tx) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE learners SET role = CASE WHEN EXISTS (SELECT 1 FROM unit_supervisors s WHERE s.learner_id = learners.id) \
         THEN 'supervisor' ELSE 'learner' END WHERE role <> 'admin'",
    )
    .execute(&mut *c)
    .await.map(|d| d.rows_affected()))?;
    Ok(())
}


async fn set_supervisors_in(tx: &mut Tx, unit_id: i64, learner_ids: &[i64]) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("DELETE FROM unit_supervisors WHERE unit_id = $1").bind(unit_id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    for id in learner_ids {
        on_tx!(tx, c => sqlx::query("INSERT INTO unit_supervisors (unit_id, learner_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(unit_id)
            .bind(id)
            .execute(&mut *c)
            .await.map(|d| d.rows_affected()))?;
    }
    refresh_roles(tx).await
}
