//! Reactions, action plans and their follow-up as the report and the queues read them
//! (docs/evaluation.md). A row counts only for a subject the server credited its learner: a
//! completed course (`learner_courses`) or an attended training (`learner_credits`, `training:<id>`).

use super::audit::Entry;
use super::dialect::id_literals;
use super::Db;

/// Every credited subject of every learner: (learner_id, subject, done_ms, title; empty for courses).
pub(super) const COMPLETIONS: &str = "(SELECT learner_id, 'course:' || course_id AS subject, completed_at_ms AS done_ms, '' AS title \
       FROM learner_courses WHERE completed_at_ms IS NOT NULL \
     UNION ALL SELECT learner_id, source AS subject, credited_at_ms AS done_ms, title FROM learner_credits WHERE source LIKE 'training:%')";

/// A credited subject of the learner with what the server holds of their reaction and plan.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MineRow {
    pub subject: String,
    pub title: String,
    pub done_ms: i64,
    pub c1: Option<i64>,
    pub c2: Option<i64>,
    pub c3: Option<i64>,
    pub c4: Option<i64>,
    pub answer: Option<String>,
    pub given_at_ms: Option<i64>,
    pub plan: Option<String>,
    pub saved_at_ms: Option<i64>,
    pub follow_up: Option<String>,
}

/// One subject's sums among the people in view.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FiguresRow {
    pub subject: String,
    pub title: String,
    pub completed: i64,
    pub respondents: i64,
    pub s1: i64,
    pub s2: i64,
    pub s3: i64,
    pub s4: i64,
    pub plans: i64,
    pub done: i64,
    pub partly: i64,
    pub not_yet: i64,
    pub tested: i64,
    pub gain_sum: i64,
}

/// One credited person's tests of a course (`test_results`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TestRow {
    pub nip: String,
    pub name: String,
    pub unit_name: Option<String>,
    pub pre_correct: Option<i64>,
    pub pre_total: Option<i64>,
    pub post_correct: Option<i64>,
    pub post_total: Option<i64>,
}

/// Both tests count for the row `t` (the push stored only tests that count).
pub(super) const BOTH_TESTS: &str = "t.pre_total > 0 AND t.post_total > 0";
/// The row's gain in whole points: each percent rounded down, as `Score::percent`.
pub(super) const GAIN: &str = "(t.post_correct * 100 / t.post_total) - (t.pre_correct * 100 / t.pre_total)";

/// A plan waiting for its supervisor's word.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    pub nip: String,
    pub name: String,
    pub unit_name: Option<String>,
    pub subject: String,
    pub title: String,
    pub plan: String,
    pub saved_at_ms: i64,
    pub follow_up: Option<String>,
}

/// `AND` clause keeping people placed in `units` (`None`: everyone).
fn within(units: Option<&[i64]>) -> String {
    match units {
        Some(ids) => format!("AND l.unit_id IN ({})", id_literals(ids)),
        None => String::new(),
    }
}

impl Db {
    /// The learner's credited subjects, newest first, with their reaction and plan.
    pub async fn evaluation_mine(&self, learner_id: i64) -> Result<Vec<MineRow>, sqlx::Error> {
        let sql = format!(
            "SELECT d.subject, d.title, d.done_ms, r.c1, r.c2, r.c3, r.c4, r.answer, r.given_at_ms, p.plan, p.saved_at_ms, p.follow_up \
             FROM {COMPLETIONS} d \
             LEFT JOIN reactions r ON r.learner_id = d.learner_id AND r.subject = d.subject \
             LEFT JOIN action_plans p ON p.learner_id = d.learner_id AND p.subject = d.subject \
             WHERE d.learner_id = $1 ORDER BY d.done_ms DESC, d.subject"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).fetch_all(p).await)
    }

    /// Per credited subject (one, or all when `subject` is `None`) among people placed in
    /// `units`: how many completed it, answered, and the sums of their levels; plans and follow-ups.
    pub async fn evaluation_figures(&self, units: Option<&[i64]>, subject: Option<&str>) -> Result<Vec<FiguresRow>, sqlx::Error> {
        let within = within(units);
        let one = "AND (d.subject = $1 OR $1 = '')";
        let sum = |e: &str| format!("CAST(COALESCE(SUM({e}), 0) AS BIGINT)");
        let count = |cond: &str| sum(&format!("CASE WHEN {cond} THEN 1 ELSE 0 END"));
        let sql = format!(
            "SELECT d.subject, MAX(d.title) AS title, CAST(COUNT(*) AS BIGINT) AS completed, {respondents} AS respondents, \
             {s1} AS s1, {s2} AS s2, {s3} AS s3, {s4} AS s4, {plans} AS plans, {done} AS done, {partly} AS partly, {not_yet} AS not_yet, \
             {tested} AS tested, {gain_sum} AS gain_sum \
             FROM {COMPLETIONS} d JOIN learners l ON l.id = d.learner_id \
             LEFT JOIN reactions r ON r.learner_id = d.learner_id AND r.subject = d.subject \
             LEFT JOIN action_plans p ON p.learner_id = d.learner_id AND p.subject = d.subject \
             LEFT JOIN test_results t ON t.learner_id = d.learner_id AND d.subject = 'course:' || t.course_id \
             WHERE true {within} {one} GROUP BY d.subject ORDER BY d.subject",
            respondents = count("r.learner_id IS NOT NULL"),
            s1 = sum("r.c1"),
            s2 = sum("r.c2"),
            s3 = sum("r.c3"),
            s4 = sum("r.c4"),
            plans = count("p.learner_id IS NOT NULL"),
            done = count("p.follow_up = 'done'"),
            partly = count("p.follow_up = 'partly'"),
            not_yet = count("p.follow_up = 'not_yet'"),
            tested = count(BOTH_TESTS),
            gain_sum = sum(&format!("CASE WHEN {BOTH_TESTS} THEN {GAIN} ELSE 0 END")),
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(subject.unwrap_or("")).fetch_all(p).await)
    }

    /// The tests of people credited with `course_id` placed in `units`, by unit and name, at most
    /// `limit`; and how many such people there are.
    pub async fn evaluation_tests(&self, units: Option<&[i64]>, course_id: &str, limit: i64) -> Result<(Vec<TestRow>, i64), sqlx::Error> {
        let within = within(units);
        let from = format!(
            "FROM test_results t JOIN learners l ON l.id = t.learner_id LEFT JOIN units u ON u.id = l.unit_id \
             JOIN learner_courses lc ON lc.learner_id = t.learner_id AND lc.course_id = t.course_id AND lc.completed_at_ms IS NOT NULL \
             WHERE t.course_id = $1 {within}"
        );
        let rows_sql = format!(
            "SELECT l.nip, l.name, u.name AS unit_name, t.pre_correct, t.pre_total, t.post_correct, t.post_total {from} \
             ORDER BY u.name, l.name, l.nip LIMIT $2"
        );
        let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) {from}");
        let rows = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(rows_sql)).bind(course_id).bind(limit).fetch_all(p).await)?;
        let total: i64 = on_pool!(self.pool, p => sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)).bind(course_id).fetch_one(p).await)?;
        Ok((rows, total))
    }

    /// The subject's open answers (not empty) of credited people placed in `units`, alphabetical:
    /// no names and no times, so the order tells nothing about who wrote what.
    pub async fn evaluation_answers(&self, units: Option<&[i64]>, subject: &str) -> Result<Vec<String>, sqlx::Error> {
        let within = within(units);
        let sql = format!(
            "SELECT r.answer FROM reactions r JOIN {COMPLETIONS} d ON d.learner_id = r.learner_id AND d.subject = r.subject \
             JOIN learners l ON l.id = r.learner_id WHERE r.subject = $1 AND r.answer <> '' {within} ORDER BY r.answer"
        );
        on_pool!(self.pool, p => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(subject).fetch_all(p).await)
    }

    /// The subject's action plans (text, follow-up) of credited people placed in `units`, alphabetical.
    pub async fn evaluation_plans(&self, units: Option<&[i64]>, subject: &str) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
        let within = within(units);
        let sql = format!(
            "SELECT p.plan, p.follow_up FROM action_plans p JOIN {COMPLETIONS} d ON d.learner_id = p.learner_id AND d.subject = p.subject \
             JOIN learners l ON l.id = p.learner_id WHERE p.subject = $1 {within} ORDER BY p.plan"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(subject).fetch_all(p).await)
    }

    /// Plans of credited people placed in `units` (never `except`, the asker) that are due: first
    /// saved `wait_ms` or more before `now_ms` and not answered, or answered "not yet" `wait_ms`
    /// or more ago. Oldest first.
    pub async fn follow_up_queue(&self, units: Option<&[i64]>, except: i64, now_ms: i64, wait_ms: i64) -> Result<Vec<QueueRow>, sqlx::Error> {
        let within = within(units);
        let sql = format!(
            "SELECT l.nip, l.name, u.name AS unit_name, p.subject, d.title, p.plan, p.saved_at_ms, p.follow_up \
             FROM action_plans p JOIN {COMPLETIONS} d ON d.learner_id = p.learner_id AND d.subject = p.subject \
             JOIN learners l ON l.id = p.learner_id LEFT JOIN units u ON u.id = l.unit_id \
             WHERE p.learner_id <> $1 {within} AND p.first_saved_at_ms <= $2 - $3 \
               AND (p.follow_up IS NULL OR (p.follow_up = 'not_yet' AND p.followed_at_ms <= $2 - $3)) \
             ORDER BY p.first_saved_at_ms, l.nip, p.subject"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(except).bind(now_ms).bind(wait_ms).fetch_all(p).await)
    }

    /// Records the supervisor's word on the learner's plan for a credited subject, with its audit
    /// entry, together; `Ok(false)` (nothing written) when there is no such plan.
    pub async fn record_follow_up(&self, learner_id: i64, subject: &str, result: &str, by: i64, now_ms: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let sql = format!(
            "UPDATE action_plans SET follow_up = $3, followed_by = $4, followed_at_ms = $5 \
             WHERE learner_id = $1 AND subject = $2 AND EXISTS (SELECT 1 FROM {COMPLETIONS} d WHERE d.learner_id = $1 AND d.subject = $2)"
        );
        let done = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(learner_id)
            .bind(subject)
            .bind(result)
            .bind(by)
            .bind(now_ms)
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
}

impl Db {
    /// Every credited subject with its learner's unit: (learner, unit, subject, done_ms), by subject
    /// (the demo's reactions and plans start from these).
    pub async fn credited_subjects(&self) -> Result<Vec<(i64, Option<i64>, String, i64)>, sqlx::Error> {
        let sql = format!(
            "SELECT d.learner_id, l.unit_id, d.subject, d.done_ms FROM {COMPLETIONS} d JOIN learners l ON l.id = d.learner_id \
             ORDER BY d.subject, d.learner_id"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)
    }
}
