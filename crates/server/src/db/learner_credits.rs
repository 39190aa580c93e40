//! Credit for learning that is not a Lentera course (docs/activities.md): a training attended, a
//! log entry confirmed. Granted and taken back inside the caller's transaction, with the learner's
//! JP totals kept current in the same one.

use super::dialect::id_literals;
use super::{Db, Tx};
use lentera_protocol::Competency;
use lentera_protocol::progress::year_of;

/// What one credit says: the ledger line it becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant<'a> {
    /// `training:<id>` or `log:<entry>`: one credit per learner and source, however often granted.
    pub source: &'a str,
    /// The form of learning: a `TrainingForm` or `LogForm` key.
    pub form: &'a str,
    pub title: &'a str,
    /// Who gave it: the partner, the coach, the issuer of a certificate.
    pub provider: &'a str,
    pub jp: u32,
    pub competency: Option<Competency>,
    /// When it was learned (the training's start, the entry's date), Unix milliseconds.
    pub at_ms: i64,
}

/// A kept credit, as the ledger reads it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CreditRow {
    pub learner_id: i64,
    pub source: String,
    pub form: String,
    pub title: String,
    pub provider: String,
    pub jp: i64,
    pub competency: Option<String>,
    pub credited_at_ms: i64,
}

/// Credits `grant` to the learner (again: the newest grant of a source replaces the older).
pub async fn grant(tx: &mut Tx, learner_id: i64, grant: &Grant<'_>) -> Result<(), sqlx::Error> {
    let competency = grant.competency.map(super::credit::competency_name);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO learner_credits (learner_id, source, form, title, provider, jp, competency, credited_at_ms, credited_year) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (learner_id, source) DO UPDATE SET form = excluded.form, title = excluded.title, provider = excluded.provider, \
         jp = excluded.jp, competency = excluded.competency, credited_at_ms = excluded.credited_at_ms, credited_year = excluded.credited_year",
    )
    .bind(learner_id)
    .bind(grant.source)
    .bind(grant.form)
    .bind(grant.title)
    .bind(grant.provider)
    .bind(i64::from(grant.jp))
    .bind(competency)
    .bind(grant.at_ms)
    .bind(i64::from(year_of(grant.at_ms)))
    .execute(&mut *c)
    .await
    .map(|d| d.rows_affected()))?;
    super::progress::course_totals(tx, learner_id).await
}

/// Takes the credit of `source` back (a confirmation withdrawn, attendance unmarked), and revokes
/// the certificate it earned.
pub async fn take_back(tx: &mut Tx, learner_id: i64, source: &str) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("DELETE FROM learner_credits WHERE learner_id = $1 AND source = $2")
        .bind(learner_id)
        .bind(source)
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
    super::certificates::revoke_for(tx, learner_id, &[source], super::certificates::ATTENDANCE_REASON, crate::now_ms()).await?;
    super::progress::course_totals(tx, learner_id).await
}

const COLUMNS: &str = "learner_id, source, form, title, provider, jp, competency, credited_at_ms";

impl Db {
    /// The learner's credits of `year`, oldest first.
    pub async fn credits_of(
        &self,
        learner_id: i64,
        year: i32,
    ) -> Result<Vec<CreditRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM learner_credits WHERE learner_id = $1 AND credited_year = $2 ORDER BY credited_at_ms, source"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).bind(i64::from(year)).fetch_all(p).await)
    }

    /// Every credit of the learners `ids` (all years), by learner then time.
    pub async fn credits_of_many(&self, ids: &[i64]) -> Result<Vec<CreditRow>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM learner_credits WHERE learner_id IN ({}) ORDER BY learner_id, credited_at_ms, source",
            id_literals(ids)
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)
    }
}
