//! Audit entries made from a route, for the change's own transaction to write (`db::audit::Entry`):
//! a change and its record are stored together or not at all.

use crate::db::audit::Entry;
use crate::session::Session;

/// An entry in the caller's name.
pub fn entry(session: &Session, action: &str, target: &str, detail: &str, unit_id: Option<i64>) -> Entry {
    Entry {
        actor_nip: session.learner.nip.clone(),
        actor_name: session.learner.name.clone(),
        action: action.to_owned(),
        target: target.to_owned(),
        detail: detail.to_owned(),
        unit_id,
        at_ms: crate::now_ms(),
    }
}
