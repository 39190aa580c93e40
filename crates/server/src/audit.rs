//! Recording what an admin or supervisor changed, from a route.

use crate::AppState;
use crate::db::audit::{Actor, Change};
use crate::error::ApiError;
use crate::session::Session;

/// Adds one entry to the audit log in the caller's name.
pub async fn record(state: &AppState, session: &Session, action: &str, target: &str, detail: &str, unit_id: Option<i64>) -> Result<(), ApiError> {
    let actor = Actor { nip: &session.learner.nip, name: &session.learner.name };
    state.db.audit(&actor, &Change { action, target, detail, unit_id }, crate::now_ms()).await?;
    Ok(())
}
