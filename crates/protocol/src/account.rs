//! Bodies of the account routes: changing one's own password, an admin's reset, the audit log.

use serde::{Deserialize, Serialize};

/// `POST /api/auth/password`: the current password proves it is the owner, not a borrowed phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    /// Follows the rules in `password::RULES_ID`.
    pub new_password: String,
}

/// `POST /api/admin/people/{nip}/reset`: the new one-time code, shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetResponse {
    pub nip: String,
    pub name: String,
    /// Give it to the person; they set a new password with it on the activation page.
    pub activation_code: String,
    /// How many of the person's sessions (devices) were ended.
    pub sessions_ended: u64,
}

/// One change an admin or supervisor made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub at_ms: i64,
    pub actor_nip: String,
    pub actor_name: String,
    /// A short code: `import`, `unit_create`, `unit_update`, `assign`, `unassign`,
    /// `standing_stop`, `access_reset`, `supervisor_appoint`, `admin_create`.
    pub action: String,
    /// Whom or what it changed (a NIP, a unit code, a course id).
    pub target: String,
    pub detail: String,
}

/// `GET /api/admin/audit`: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
}
