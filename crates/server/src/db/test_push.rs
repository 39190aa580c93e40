//! Pre- and post-test results kept current inside the push transaction (docs/evaluation.md): for
//! every course whose tests or credit a push touched, what counts now by the shared rule.

use super::Tx;
use super::rule_cache::RuleCache;
use lentera_protocol::Progress;
use lentera_protocol::pretest::{TestResult, Which};
use std::collections::BTreeSet;

/// The courses among `touched` (course ids and `pre:`/`post:` subjects) whose tests may count differently now.
pub(super) fn courses_of<'a>(progress: &Progress, touched: &BTreeSet<&'a str>) -> BTreeSet<&'a str> {
    touched
        .iter()
        .map(|s| Which::of_subject(s).map_or(*s, |(_, course)| course))
        .filter(|c| Which::BOTH.iter().any(|w| progress.courses.contains_key(&w.subject(c))))
        .collect()
}

/// Grades and stores the tests of `courses` against the credit rows the push just stored.
pub(super) async fn keep(tx: &mut Tx, rules: &RuleCache, learner_id: i64, progress: &Progress, courses: &BTreeSet<&str>) -> Result<(), sqlx::Error> {
    for &course in courses {
        let credited_at: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
            "SELECT completed_at_ms FROM learner_courses WHERE learner_id = $1 AND course_id = $2",
        )
        .bind(learner_id)
        .bind(course)
        .fetch_optional(&mut *c)
        .await)?
        .flatten();
        let result = rules.test_result(tx, progress, course, credited_at).await?;
        store(tx, learner_id, course, &result).await?;
    }
    Ok(())
}

async fn store(tx: &mut Tx, learner_id: i64, course: &str, result: &TestResult) -> Result<(), sqlx::Error> {
    if *result == TestResult::default() {
        on_tx!(tx, c => sqlx::query("DELETE FROM test_results WHERE learner_id = $1 AND course_id = $2")
            .bind(learner_id)
            .bind(course)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        return Ok(());
    }
    let part = |t: Option<lentera_protocol::pretest::Taken>| (t.map(|t| i64::from(t.score.correct)), t.map(|t| i64::from(t.score.total)), t.map(|t| t.at_ms));
    let (pre, post) = (part(result.pre), part(result.post));
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO test_results (learner_id, course_id, pre_correct, pre_total, pre_at_ms, post_correct, post_total, post_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (learner_id, course_id) DO UPDATE SET pre_correct = excluded.pre_correct, pre_total = excluded.pre_total, \
         pre_at_ms = excluded.pre_at_ms, post_correct = excluded.post_correct, post_total = excluded.post_total, post_at_ms = excluded.post_at_ms",
    )
    .bind(learner_id)
    .bind(course)
    .bind(pre.0)
    .bind(pre.1)
    .bind(pre.2)
    .bind(post.0)
    .bind(post.1)
    .bind(post.2)
    .execute(&mut *c)
    .await
    .map(|d| d.rows_affected()))?;
    Ok(())
}
