//! The citizen satisfaction surveys the admin records (docs/evaluation.md), and the learning of a
//! unit's staff over a span that is shown beside them.

use super::audit::Entry;
use super::competency::CREDITED;
use super::dialect::id_literals;
use super::{Db, Tx};

/// One recorded survey.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkmRow {
    pub unit_id: i64,
    pub period: String,
    pub respondents: u32,
    pub nrr: [u32; 9],
    pub recorded_by: String,
    pub recorded_at_ms: i64,
}

/// A survey to store (the route has checked it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkmLine {
    pub unit_id: i64,
    pub period: String,
    pub respondents: u32,
    pub nrr: [u32; 9],
}

/// Learning of one unit's own staff in a span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnitLearning {
    pub jp: i64,
    pub courses: i64,
    /// Sum of the satisfaction levels given in the span and how many levels (4 per survey).
    pub levels_sum: i64,
    pub levels: i64,
    /// Post-tests handed in within the span with both tests counted: their gains' sum and count.
    pub gain_sum: i64,
    pub tested: i64,
}

const COLUMNS: &str = "unit_id, period, respondents, nrr1, nrr2, nrr3, nrr4, nrr5, nrr6, nrr7, nrr8, nrr9, recorded_by, recorded_at_ms";

type Row = (i64, String, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, String, i64);

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn of_row(r: Row) -> SkmRow {
    SkmRow {
        unit_id: r.0,
        period: r.1,
        respondents: small(r.2),
        nrr: [small(r.3), small(r.4), small(r.5), small(r.6), small(r.7), small(r.8), small(r.9), small(r.10), small(r.11)],
        recorded_by: r.12,
        recorded_at_ms: r.13,
    }
}

/// Stores `line` (replacing the unit's survey of that period); true when it replaced one.
async fn upsert(tx: &mut Tx, line: &SkmLine, recorded_by: &str, at_ms: i64) -> Result<bool, sqlx::Error> {
    let existed: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM skm_results WHERE unit_id = $1 AND period = $2")
        .bind(line.unit_id)
        .bind(&line.period)
        .fetch_one(&mut *c)
        .await)?;
    let n = line.nrr.map(i64::from);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO skm_results (unit_id, period, respondents, nrr1, nrr2, nrr3, nrr4, nrr5, nrr6, nrr7, nrr8, nrr9, recorded_by, recorded_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (unit_id, period) DO UPDATE SET respondents = excluded.respondents, nrr1 = excluded.nrr1, nrr2 = excluded.nrr2, \
         nrr3 = excluded.nrr3, nrr4 = excluded.nrr4, nrr5 = excluded.nrr5, nrr6 = excluded.nrr6, nrr7 = excluded.nrr7, nrr8 = excluded.nrr8, \
         nrr9 = excluded.nrr9, recorded_by = excluded.recorded_by, recorded_at_ms = excluded.recorded_at_ms",
    )
    .bind(line.unit_id)
    .bind(&line.period)
    .bind(i64::from(line.respondents))
    .bind(n[0])
    .bind(n[1])
    .bind(n[2])
    .bind(n[3])
    .bind(n[4])
    .bind(n[5])
    .bind(n[6])
    .bind(n[7])
    .bind(n[8])
    .bind(recorded_by)
    .bind(at_ms)
    .execute(&mut *c)
    .await
    .map(|d| d.rows_affected()))?;
    Ok(existed > 0)
}

impl Db {
    /// Records one survey with its audit entry (none from the demo); true when it replaced one.
    pub async fn put_skm(&self, line: &SkmLine, recorded_by: &str, at_ms: i64, audit: Option<&Entry>) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let replaced = upsert(&mut tx, line, recorded_by, at_ms).await?;
        super::audit::write_some(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(replaced)
    }

    /// Records every line of a checked file in one transaction: (added, replaced).
    pub async fn import_skm(&self, lines: &[SkmLine], recorded_by: &str, at_ms: i64, audit: impl FnOnce(u32, u32) -> Entry) -> Result<(u32, u32), sqlx::Error> {
        let mut tx = self.begin().await?;
        let (mut added, mut replaced) = (0u32, 0u32);
        for line in lines {
            if upsert(&mut tx, line, recorded_by, at_ms).await? {
                replaced += 1;
            } else {
                added += 1;
            }
        }
        super::audit::write(&mut tx, &audit(added, replaced)).await?;
        tx.commit().await?;
        Ok((added, replaced))
    }

    /// Removes a unit's survey of `period` with its audit entry; false when there was none.
    pub async fn delete_skm(&self, unit_id: i64, period: &str, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let gone = on_tx!(&mut tx, c => sqlx::query("DELETE FROM skm_results WHERE unit_id = $1 AND period = $2")
            .bind(unit_id)
            .bind(period)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        if gone == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Every survey of `unit_ids`, by unit then period text.
    pub async fn skm_of(&self, unit_ids: &[i64]) -> Result<Vec<SkmRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM skm_results WHERE unit_id IN ({}) ORDER BY unit_id, period", id_literals(unit_ids));
        let rows: Vec<Row> = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?;
        Ok(rows.into_iter().map(of_row).collect())
    }

    /// Per unit of `unit_ids` (the staff placed there now): JP credited and courses completed with
    /// credit in `[from_ms, to_ms)`. Units with neither are absent.
    pub async fn learning_in_span(&self, unit_ids: &[i64], from_ms: i64, to_ms: i64) -> Result<Vec<(i64, UnitLearning)>, sqlx::Error> {
        let ids = id_literals(unit_ids);
        let jp_sql = format!(
            "SELECT l.unit_id, CAST(COALESCE(SUM(c.jp), 0) AS BIGINT) FROM {CREDITED} c JOIN learners l ON l.id = c.learner_id \
             WHERE c.at_ms >= $1 AND c.at_ms < $2 AND l.unit_id IN ({ids}) GROUP BY l.unit_id"
        );
        let courses_sql = format!(
            "SELECT l.unit_id, COUNT(*) FROM learner_courses c JOIN learners l ON l.id = c.learner_id \
             WHERE c.status = 'credited' AND c.completed_at_ms >= $1 AND c.completed_at_ms < $2 AND l.unit_id IN ({ids}) GROUP BY l.unit_id"
        );
        // Surveys count for credited subjects only, as in the evaluation report.
        let reactions_sql = format!(
            "SELECT l.unit_id, CAST(COALESCE(SUM(r.c1 + r.c2 + r.c3 + r.c4), 0) AS BIGINT), CAST(COUNT(*) * 4 AS BIGINT) FROM reactions r \
             JOIN learners l ON l.id = r.learner_id \
             WHERE r.given_at_ms >= $1 AND r.given_at_ms < $2 AND l.unit_id IN ({ids}) \
             AND EXISTS (SELECT 1 FROM {completions} d WHERE d.learner_id = r.learner_id AND d.subject = r.subject) GROUP BY l.unit_id",
            completions = super::evaluation::COMPLETIONS,
        );
        let gains_sql = format!(
            "SELECT l.unit_id, CAST(COALESCE(SUM({gain}), 0) AS BIGINT), CAST(COUNT(*) AS BIGINT) FROM test_results t \
             JOIN learners l ON l.id = t.learner_id \
             WHERE {both} AND t.post_at_ms >= $1 AND t.post_at_ms < $2 AND l.unit_id IN ({ids}) GROUP BY l.unit_id",
            gain = super::evaluation::GAIN,
            both = super::evaluation::BOTH_TESTS,
        );
        let jp: Vec<(i64, i64)> = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(jp_sql)).bind(from_ms).bind(to_ms).fetch_all(p).await)?;
        let reactions: Vec<(i64, i64, i64)> = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(reactions_sql)).bind(from_ms).bind(to_ms).fetch_all(p).await)?;
        let gains: Vec<(i64, i64, i64)> = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(gains_sql)).bind(from_ms).bind(to_ms).fetch_all(p).await)?;
        let courses: Vec<(i64, i64)> = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(courses_sql)).bind(from_ms).bind(to_ms).fetch_all(p).await)?;
        let mut out: std::collections::BTreeMap<i64, UnitLearning> = std::collections::BTreeMap::new();
        for (unit, n) in jp {
            out.entry(unit).or_default().jp = n;
        }
        for (unit, n) in courses {
            out.entry(unit).or_default().courses = n;
        }
        for (unit, sum, n) in reactions {
            let l = out.entry(unit).or_default();
            (l.levels_sum, l.levels) = (sum, n);
        }
        for (unit, sum, n) in gains {
            let l = out.entry(unit).or_default();
            (l.gain_sum, l.tested) = (sum, n);
        }
        Ok(out.into_iter().collect())
    }
}
