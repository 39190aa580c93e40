//! What the server keeps of one learner's needs analysis, for their phone (`GET /api/akpk/me`)
//! and the plan line of their ledger.

use super::Db;
use lentera_protocol::akpk::{PlanState, PlanStatus};

/// A competency's kept levels: (code, own level, supervisor's level).
pub type KeptLevels = (String, Option<i64>, Option<i64>);

type PlanRow = (Option<i64>, Option<String>, String, Option<String>, Option<String>, Option<i64>);

fn items(json: Option<String>) -> Vec<String> {
    json.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

/// A plan row's status as the protocol names it (the table's CHECK allows no other).
pub fn status_of(text: &str) -> PlanStatus {
    match text {
        "submitted" => PlanStatus::Submitted,
        "validated" => PlanStatus::Validated,
        "returned" => PlanStatus::Returned,
        _ => PlanStatus::Draft,
    }
}

impl Db {
    /// The learner's position as imported (`None` when blank).
    pub async fn position_of(&self, learner_id: i64) -> Result<Option<String>, sqlx::Error> {
        let position: Option<Option<String>> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT position FROM learners WHERE id = $1")
            .bind(learner_id).fetch_optional(p).await)?;
        Ok(position.flatten().filter(|p| !p.trim().is_empty()))
    }

    /// Courses the server credited to the learner (any year).
    pub async fn credited_courses(&self, learner_id: i64) -> Result<Vec<String>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT course_id FROM learner_courses WHERE learner_id = $1 AND status = 'credited' ORDER BY course_id")
            .bind(learner_id).fetch_all(p).await)
    }

    /// The learner's kept levels for the year, by competency code.
    pub async fn kept_levels(&self, learner_id: i64, year: u32) -> Result<Vec<KeptLevels>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT competency, self_level, supervisor_level FROM akpk_ratings WHERE learner_id = $1 AND year = $2 ORDER BY competency")
            .bind(learner_id).bind(i64::from(year)).fetch_all(p).await)
    }

    /// The learner's plan for the year as the server has it (a draft with nothing when none).
    pub async fn plan_state(&self, learner_id: i64, year: u32) -> Result<PlanState, sqlx::Error> {
        let row: Option<PlanRow> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT surveyed_at_ms, submitted_items, status, validated_items, note, reviewed_at_ms FROM akpk_plans WHERE learner_id = $1 AND year = $2",
        ).bind(learner_id).bind(i64::from(year)).fetch_optional(p).await)?;
        Ok(match row {
            None => PlanState::default(),
            Some((surveyed, submitted, status, validated, note, reviewed_at_ms)) => PlanState {
                status: status_of(&status),
                submitted: items(submitted),
                validated: items(validated),
                note,
                reviewed_at_ms,
                surveyed: surveyed.is_some(),
            },
        })
    }
}
