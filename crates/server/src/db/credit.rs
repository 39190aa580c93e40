//! The server's credit: published pack versions kept for good, and each learner's verdict per
//! course (from the shared rule in `lentera_protocol::credit`) kept beside the fold.

use super::dialect::id_list;
use super::rule_cache::RuleCache;
use super::{Db, Tx};
use lentera_protocol::progress::year_of;
use lentera_protocol::{CourseCredit, CreditRule, Credited, Progress};
use sqlx::QueryBuilder;
use std::collections::{BTreeMap, BTreeSet};

/// Revision of the credit rule; rows graded under an older one are graded again at start.
pub const CREDIT_REV: i64 = 1;

fn decode_err(e: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(e))
}

/// One course row as the verdict leaves it.
struct CourseRow<'a> {
    course_id: &'a str,
    credited: Option<Credited>,
    status: &'static str,
    verdict: Option<String>,
    claimed_jp: Option<i64>,
}

/// Grades `course_ids` of the learner's fold and stores each verdict in `learner_courses`, in one
/// statement; certificates of courses no longer credited are revoked in one more.
pub async fn store_verdicts(
    tx: &mut Tx,
    rules: &RuleCache,
    learner_id: i64,
    progress: &Progress,
    course_ids: &BTreeSet<&str>,
) -> Result<(), sqlx::Error> {
    let tested = super::test_push::courses_of(progress, course_ids);
    // A course's tests (`pre:`/`post:` subjects) are no course row; their results follow the verdicts.
    let course_ids: &BTreeSet<&str> = &course_ids.iter().copied().filter(|c| lentera_protocol::pretest::Which::of_subject(c).is_none()).collect();
    if !course_ids.is_empty() {
        store_course_rows(tx, rules, learner_id, progress, course_ids).await?;
    }
    super::test_push::keep(tx, rules, learner_id, progress, &tested).await
}

async fn store_course_rows(tx: &mut Tx, rules: &RuleCache, learner_id: i64, progress: &Progress, course_ids: &BTreeSet<&str>) -> Result<(), sqlx::Error> {
    let verdicts: BTreeMap<String, CourseCredit> =
        rules.verdicts(tx, progress, course_ids).await?.into_iter().map(|v| (v.course_id.clone(), v)).collect();
    let mut rows = Vec::with_capacity(course_ids.len());
    for course_id in course_ids {
        let verdict = verdicts.get(*course_id);
        let credited = verdict.and_then(|v| v.credited);
        let status = match (verdict, credited) {
            (_, Some(_)) => "credited",
            (Some(_), None) => "not_credited",
            (None, None) => "in_progress",
        };
        let text = verdict.map(serde_json::to_string).transpose().map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        rows.push(CourseRow { course_id, credited, status, verdict: text, claimed_jp: verdict.and_then(|v| v.claimed_jp).map(i64::from) });
    }
    on_tx!(tx, c => {
        let mut upsert = QueryBuilder::new(
            "INSERT INTO learner_courses (learner_id, course_id, completed_at_ms, completed_year, jp, status, verdict, claimed_jp, competency, credit_rev) ",
        );
        upsert.push_values(&rows, |mut b, row| {
            let credited = row.credited;
            b.push_bind(learner_id)
                .push_bind(row.course_id)
                .push_bind(credited.map(|c| c.at_ms))
                .push_bind(credited.map(|c| i64::from(year_of(c.at_ms))))
                .push_bind(credited.map_or(0, |c| i64::from(c.jp)))
                .push_bind(row.status)
                .push_bind(row.verdict.clone())
                .push_bind(row.claimed_jp)
                .push_bind(credited.map(|c| competency_name(c.competency)))
                .push_bind(CREDIT_REV);
        });
        upsert.push(
            " ON CONFLICT (learner_id, course_id) DO UPDATE SET completed_at_ms = excluded.completed_at_ms, \
             completed_year = excluded.completed_year, jp = excluded.jp, status = excluded.status, verdict = excluded.verdict, \
             claimed_jp = excluded.claimed_jp, competency = excluded.competency, credit_rev = excluded.credit_rev",
        );
        upsert.build().execute(&mut *c).await.map(|d| d.rows_affected())
    })?;
    let uncredited: Vec<&str> = rows.iter().filter(|r| r.credited.is_none()).map(|r| r.course_id).collect();
    super::certificates::revoke_uncredited(tx, learner_id, &uncredited, crate::now_ms()).await?;
    super::progress::course_totals(tx, learner_id).await
}

pub(super) fn competency_name(c: lentera_protocol::Competency) -> &'static str {
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
            store_verdicts(&mut tx, &self.rules, learner_id, &progress, &ids).await?;
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
