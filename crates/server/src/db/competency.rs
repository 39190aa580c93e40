//! Credited JP by competency type per unit, summed by the database from `learner_courses`.

use super::Db;
use super::dialect::id_literals;

/// One unit's sums over `[from_ms, to_ms)`.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct UnitCompetency {
    pub unit_id: i64,
    pub teknis: i64,
    pub manajerial: i64,
    pub sosial_kultural: i64,
    /// Every credited JP: all of Lentera's courses are e-learning.
    pub e_learning: i64,
}

/// Someone whose `teknis` JP over the span reached the target.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TechnicalRow {
    pub nip: String,
    pub name: String,
    pub unit_id: i64,
    pub jp: i64,
}

impl Db {
    /// Per unit of `unit_ids`, credited JP by competency type completed in `[from_ms, to_ms)`.
    pub async fn competency_sums(&self, unit_ids: &[i64], from_ms: i64, to_ms: i64) -> Result<Vec<UnitCompetency>, sqlx::Error> {
        let sql = format!(
            "SELECT l.unit_id AS unit_id, \
               CAST(COALESCE(SUM(CASE WHEN c.competency = 'teknis' THEN c.jp ELSE 0 END), 0) AS BIGINT) AS teknis, \
               CAST(COALESCE(SUM(CASE WHEN c.competency = 'manajerial' THEN c.jp ELSE 0 END), 0) AS BIGINT) AS manajerial, \
               CAST(COALESCE(SUM(CASE WHEN c.competency = 'sosial_kultural' THEN c.jp ELSE 0 END), 0) AS BIGINT) AS sosial_kultural, \
               CAST(COALESCE(SUM(c.jp), 0) AS BIGINT) AS e_learning \
             FROM learner_courses c JOIN learners l ON l.id = c.learner_id \
             WHERE c.status = 'credited' AND c.completed_at_ms >= $1 AND c.completed_at_ms < $2 AND l.unit_id IN ({}) \
             GROUP BY l.unit_id",
            id_literals(unit_ids)
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from_ms).bind(to_ms).fetch_all(p).await)
    }

    /// Staff placed in each of `unit_ids`: (unit id, count).
    pub async fn staff_per_unit(&self, unit_ids: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
        let sql = format!("SELECT unit_id, COUNT(*) FROM learners WHERE unit_id IN ({}) GROUP BY unit_id", id_literals(unit_ids));
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)
    }

    /// Everyone in `unit_ids` with at least `target` credited `teknis` JP completed in `[from_ms, to_ms)`.
    pub async fn technical_reached(&self, unit_ids: &[i64], from_ms: i64, to_ms: i64, target: i64) -> Result<Vec<TechnicalRow>, sqlx::Error> {
        let sql = format!(
            "SELECT l.nip AS nip, l.name AS name, l.unit_id AS unit_id, CAST(SUM(c.jp) AS BIGINT) AS jp \
             FROM learner_courses c JOIN learners l ON l.id = c.learner_id \
             WHERE c.status = 'credited' AND c.competency = 'teknis' AND c.completed_at_ms >= $1 AND c.completed_at_ms < $2 \
               AND l.unit_id IN ({}) \
             GROUP BY l.id, l.nip, l.name, l.unit_id HAVING SUM(c.jp) >= $3 ORDER BY l.nip",
            id_literals(unit_ids)
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from_ms).bind(to_ms).bind(target).fetch_all(p).await)
    }
}
