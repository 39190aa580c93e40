//! The server's credit: published pack versions kept for good, and each learner's verdict per
//! course (from the shared rule in `lentera_protocol::credit`) kept beside the fold.

use super::dialect::id_list;
use super::{Db, Tx};
use lentera_protocol::progress::year_of;
use lentera_protocol::{CourseCredit, CreditRule, Progress, credit};
use std::collections::{BTreeMap, BTreeSet};

/// Revision of the credit rule; rows graded under an older one are graded again at start.
pub const CREDIT_REV: i64 = 1;

type RuleBook = BTreeMap<(String, u32), CreditRule>;

fn decode_err(e: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(e))
}

/// The rules of every published version of `course_ids`.
async fn rules_for(tx: &mut Tx, course_ids: &BTreeSet<&str>) -> Result<RuleBook, sqlx::Error> {
    let ids = serde_json::to_string(course_ids).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let sql = match tx.dialect() {
        super::Dialect::Sqlite => "SELECT rule FROM pack_versions WHERE course_id IN (SELECT value FROM json_each($1))",
        super::Dialect::Postgres => "SELECT rule FROM pack_versions WHERE course_id IN (SELECT json_array_elements_text(CAST($1 AS json)))",
    };
    let texts: Vec<String> = on_tx!(tx, c => sqlx::query_scalar(sql).bind(&ids).fetch_all(&mut *c).await)?;
    let mut book = RuleBook::new();
    for text in texts {
        let rule: CreditRule = serde_json::from_str(&text).map_err(decode_err)?;
        book.insert((rule.course_id.clone(), rule.version), rule);
    }
    Ok(book)
}

/// Grades `course_ids` of the learner's fold and stores each verdict in `learner_courses`.
pub async fn store_verdicts(tx: &mut Tx, learner_id: i64, progress: &Progress, course_ids: &BTreeSet<&str>) -> Result<(), sqlx::Error> {
    if course_ids.is_empty() {
        return Ok(());
    }
    let book = rules_for(tx, course_ids).await?;
    let verdicts: BTreeMap<String, CourseCredit> = credit(progress, &book).into_iter().map(|v| (v.course_id.clone(), v)).collect();
    for course_id in course_ids {
        let verdict = verdicts.get(*course_id);
        let credited = verdict.and_then(|v| v.credited);
        let status = match (verdict, credited) {
            (_, Some(_)) => "credited",
            (Some(_), None) => "not_credited",
            (None, None) => "in_progress",
        };
        let verdict_json = verdict.map(serde_json::to_string).transpose().map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO learner_courses (learner_id, course_id, completed_at_ms, completed_year, jp, status, verdict, claimed_jp, competency, credit_rev) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (learner_id, course_id) DO UPDATE SET completed_at_ms = $3, completed_year = $4, jp = $5, status = $6, \
             verdict = $7, claimed_jp = $8, competency = $9, credit_rev = $10",
        )
        .bind(learner_id)
        .bind(*course_id)
        .bind(credited.map(|c| c.at_ms))
        .bind(credited.map(|c| i64::from(year_of(c.at_ms))))
        .bind(credited.map_or(0, |c| i64::from(c.jp)))
        .bind(status)
        .bind(verdict_json)
        .bind(verdict.and_then(|v| v.claimed_jp).map(i64::from))
        .bind(credited.map(|c| competency_name(c.competency)))
        .bind(CREDIT_REV)
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
        if credited.is_none() {
            super::certificates::revoke_uncredited(tx, learner_id, course_id, crate::now_ms()).await?;
        }
    }
    super::progress::course_totals(tx, learner_id).await
}

fn competency_name(c: lentera_protocol::Competency) -> &'static str {
    match c {
        lentera_protocol::Competency::Teknis => "teknis",
        lentera_protocol::Competency::Manajerial => "manajerial",
        lentera_protocol::Competency::SosialKultural => "sosial_kultural",
    }
}

/// One course of a learner as the server decided it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VerdictRow {
    pub course_id: String,
    pub status: String,
    pub verdict: Option<String>,
}

impl VerdictRow {
    pub fn verdict(&self) -> Result<Option<CourseCredit>, sqlx::Error> {
        self.verdict.as_deref().map(serde_json::from_str).transpose().map_err(decode_err)
    }
}

impl Db {
    /// Keeps the rule of every pack version offered now; versions seen before keep their first rule.
    /// Learners whose claims were not credited on a course with a newly published version are graded again.
    pub async fn publish(&self, rules: &[CreditRule], now_ms: i64) -> Result<(), sqlx::Error> {
        let mut fresh = Vec::new();
        for rule in rules {
            let text = serde_json::to_string(rule).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            let added = on_pool!(self.pool, p => sqlx::query(
                "INSERT INTO pack_versions (course_id, version, rule, published_at_ms) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(&rule.course_id)
            .bind(i64::from(rule.version))
            .bind(text)
            .bind(now_ms)
            .execute(p)
            .await
            .map(|d| d.rows_affected()))?;
            if added > 0 {
                fresh.push(rule.course_id.clone());
            }
        }
        for course_id in fresh {
            on_pool!(self.pool, p => sqlx::query("UPDATE learner_courses SET credit_rev = 0 WHERE course_id = $1 AND status <> 'credited'")
                .bind(&course_id)
                .execute(p)
                .await
                .map(|d| d.rows_affected()))?;
        }
        self.regrade_stale().await.map(|_| ())
    }

    /// Grades again every learner with a course row under an older rule revision; returns how many.
    pub async fn regrade_stale(&self) -> Result<u32, sqlx::Error> {
        let learners: Vec<i64> = on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT DISTINCT learner_id FROM learner_courses WHERE credit_rev < $1 ORDER BY learner_id",
        )
        .bind(CREDIT_REV)
        .fetch_all(p)
        .await)?;
        for &learner_id in &learners {
            let mut tx = self.begin().await?;
            // A push to another process may be folding this learner right now (PostgreSQL).
            super::events::lock_learner(&mut tx, learner_id).await?;
            let progress = super::progress::load(&mut tx, learner_id).await?;
            let ids: BTreeSet<&str> = progress.courses.keys().map(String::as_str).collect();
            store_verdicts(&mut tx, learner_id, &progress, &ids).await?;
            tx.commit().await?;
        }
        Ok(u32::try_from(learners.len()).unwrap_or(u32::MAX))
    }

    /// The server's verdict on each course of the learner that was claimed or handed in.
    pub async fn verdicts(&self, learner_id: i64) -> Result<Vec<VerdictRow>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT course_id, status, verdict FROM learner_courses WHERE learner_id = $1 AND status <> 'in_progress' ORDER BY course_id",
        )
        .bind(learner_id)
        .fetch_all(p)
        .await)
    }

    /// Verdict rows of many learners at once (exports), by learner.
    pub async fn verdicts_of(&self, learner_ids: &[i64]) -> Result<Vec<(i64, VerdictRow)>, sqlx::Error> {
        let sql = format!(
            "SELECT learner_id, course_id, status, verdict FROM learner_courses WHERE learner_id IN ({}) AND status <> 'in_progress' \
             ORDER BY learner_id, course_id",
            self.dialect().ids("$1")
        );
        let rows: Vec<(i64, String, String, Option<String>)> =
            on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id_list(learner_ids)).fetch_all(p).await)?;
        Ok(rows.into_iter().map(|(id, course_id, status, verdict)| (id, VerdictRow { course_id, status, verdict })).collect())
    }
}
