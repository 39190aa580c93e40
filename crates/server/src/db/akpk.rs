//! The supervisor's side of the needs analysis (docs/akpk.md): a person's ratings and plan for a
//! year, the supervisor's levels and verdicts (each with its audit entry, in one transaction), and
//! the rows the BKPSDM's needs view sums up.
//!
//! Requirements are matched by `position_key`, computed in Rust from `learners.position`, so the
//! needs view reads people, ratings and plans per unit here and combines them in the route.

use super::Db;
use super::audit::Entry;
use super::dialect::id_literals;

/// One person in view of the needs view.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NeedsPerson {
    pub id: i64,
    pub unit_id: i64,
    pub position: String,
}

/// One unit's plan counts for a year.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct PlanCounts {
    pub unit_id: i64,
    pub surveyed: i64,
    pub planned: i64,
    pub validated: i64,
}

/// What a verdict on a plan does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The submitted items become the validated plan.
    Validate,
    /// Sent back with a note; the validated plan (if any) stays.
    Return,
}

impl Db {
    /// Sets the supervisor's levels (the self levels stay), with the audit entry, together.
    pub async fn set_supervisor_levels(&self, learner_id: i64, year: u32, levels: &[(String, u8)], by: i64, now_ms: i64, audit: &Entry) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        for (competency, level) in levels {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO akpk_ratings (learner_id, year, competency, supervisor_level, supervisor_id, supervisor_at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (learner_id, year, competency) DO UPDATE SET \
                 supervisor_level = excluded.supervisor_level, supervisor_id = excluded.supervisor_id, supervisor_at_ms = excluded.supervisor_at_ms",
            )
            .bind(learner_id)
            .bind(i64::from(year))
            .bind(competency)
            .bind(i64::from(*level))
            .bind(by)
            .bind(now_ms)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        }
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await
    }

    /// Validates or returns the plan when it is `submitted`, with the audit entry (whose time is the
    /// review's); `Ok(false)` (nothing written) when there is no submitted plan.
    pub async fn decide_plan(&self, learner_id: i64, year: u32, verdict: Verdict, note: Option<&str>, by: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let set = match verdict {
            Verdict::Validate => "status = 'validated', validated_items = submitted_items",
            Verdict::Return => "status = 'returned'",
        };
        let sql = format!(
            "UPDATE akpk_plans SET {set}, note = $3, reviewed_by = $4, reviewed_at_ms = $5 \
             WHERE learner_id = $1 AND year = $2 AND status = 'submitted'"
        );
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(learner_id)
            .bind(i64::from(year))
            .bind(note)
            .bind(by)
            .bind(audit.at_ms)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        if done == 0 {
            return Ok(false);
        }
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Everyone placed in `unit_ids`, with their position.
    pub async fn needs_people(&self, unit_ids: &[i64]) -> Result<Vec<NeedsPerson>, sqlx::Error> {
        let sql = format!("SELECT id, unit_id, position FROM learners WHERE unit_id IN ({})", id_literals(unit_ids));
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)
    }

    /// The assessed level (the supervisor's, else the self level) of everyone placed in
    /// `unit_ids` for `year`: (learner id, competency, level); unassessed rows are left out.
    pub async fn needs_levels(&self, unit_ids: &[i64], year: u32) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
        let sql = format!(
            "SELECT r.learner_id, r.competency, COALESCE(r.supervisor_level, r.self_level) FROM akpk_ratings r \
             JOIN learners l ON l.id = r.learner_id \
             WHERE r.year = $1 AND l.unit_id IN ({}) AND COALESCE(r.supervisor_level, r.self_level) IS NOT NULL",
            id_literals(unit_ids)
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(i64::from(year)).fetch_all(p).await)
    }

    /// Per unit of `unit_ids`, how many handed in the survey, a plan, and have it validated, in `year`.
    pub async fn needs_plan_counts(&self, unit_ids: &[i64], year: u32) -> Result<Vec<PlanCounts>, sqlx::Error> {
        let sql = format!(
            "SELECT l.unit_id AS unit_id, \
               CAST(SUM(CASE WHEN a.surveyed_at_ms IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS surveyed, \
               CAST(SUM(CASE WHEN a.submitted_at_ms IS NOT NULL OR a.status <> 'draft' THEN 1 ELSE 0 END) AS BIGINT) AS planned, \
               CAST(SUM(CASE WHEN a.validated_items IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS validated \
             FROM akpk_plans a JOIN learners l ON l.id = a.learner_id \
             WHERE a.year = $1 AND l.unit_id IN ({}) GROUP BY l.unit_id",
            id_literals(unit_ids)
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(i64::from(year)).fetch_all(p).await)
    }
}
