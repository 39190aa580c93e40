//! Who may see what: the caller's role and the part of the organisation tree they hold.
//! Refusals: 403 for a role that may never use a route, 404 for people and units outside
//! the caller's units (so nobody learns who exists elsewhere).

use crate::AppState;
use crate::db::org::{OrgTree, Scope};
use crate::error::ApiError;
use crate::session::Session;

pub struct Viewer {
    pub session: Session,
    pub tree: OrgTree,
    pub scope: Scope,
}

impl Viewer {
    pub async fn of(state: &AppState, session: Session) -> Result<Viewer, ApiError> {
        let tree = state.db.org_tree().await?;
        let scope = state.db.scope_of(&session.learner, &tree).await?;
        Ok(Viewer { session, tree, scope })
    }

    pub fn is_admin(&self) -> bool {
        self.session.learner.role == "admin"
    }

    /// Supervisors and admins only.
    pub fn require_supervisor(&self) -> Result<(), ApiError> {
        match self.session.learner.role.as_str() {
            "supervisor" | "admin" => Ok(()),
            _ => Err(ApiError::Forbidden("only supervisors and administrators may see staff figures; ask your admin if you lead a unit".into())),
        }
    }

    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::Forbidden("only an administrator may manage units and staff".into()))
        }
    }

    /// The unit ids in view: one unit's subtree (it must be in scope) or the whole scope.
    pub fn unit_ids(&self, unit: Option<&str>) -> Result<Vec<i64>, ApiError> {
        match unit.filter(|u| !u.is_empty()) {
            Some(code) => {
                let found = self.tree.by_code(code).filter(|u| self.scope.contains(Some(u.id)));
                let unit = found.ok_or_else(|| ApiError::Missing(format!("there is no unit {code} among your units; pick one from the list")))?;
                Ok(self.tree.subtree(unit.id).into_iter().collect())
            }
            None => Ok(self.tree.ordered(&self.scope).iter().map(|u| u.id).collect()),
        }
    }

    /// A person the caller may look at: themself, or someone placed in their units.
    pub async fn person(&self, state: &AppState, nip: &str) -> Result<(i64, Option<i64>), ApiError> {
        if nip == self.session.learner.nip {
            return Ok((self.session.learner.id, self.session.learner.unit_id));
        }
        self.require_supervisor()?;
        match state.db.person(nip).await? {
            Some((id, unit)) if self.scope.contains(unit) => Ok((id, unit)),
            _ => Err(ApiError::Missing(format!("there is no staff member {nip} among your units"))),
        }
    }
}
