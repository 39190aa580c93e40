//! Credited JP by competency type and form per unit, summed by the database from `learner_courses`
//! and `learner_credits` (trainings and confirmed log entries).

use super::Db;
use super::dialect::id_literals;
use lentera_protocol::competency::FORMS;

/// One unit's sums over `[from_ms, to_ms)`.
#[derive(Clone, Debug, Default)]
pub struct UnitCompetency {
    pub unit_id: i64,
    pub teknis: i64,
    pub manajerial: i64,
    pub sosial_kultural: i64,
    /// JP per form of learning, in `FORMS` order.
    pub by_form: Vec<i64>,
}

/// Every credited JP as (learner, jp, competency, form, when): courses and other learning alike.
pub(super) const CREDITED: &str = "(SELECT learner_id, jp, competency, 'e_learning' AS form, completed_at_ms AS at_ms FROM learner_courses WHERE status = 'credited' \
                          UNION ALL SELECT learner_id, jp, competency, form, credited_at_ms FROM learner_credits)";

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
        use sqlx::Row;
        let by_form: String = FORMS
            .iter()
            .enumerate()
            .map(|(i, form)| format!(", CAST(COALESCE(SUM(CASE WHEN c.form = '{form}' THEN c.jp ELSE 0 END), 0) AS BIGINT) AS f{i}"))
            .collect();
        let sql = format!(
            "SELECT l.unit_id AS unit_id, \
               CAST(COALESCE(SUM(CASE WHEN c.competency = 'teknis' THEN c.jp ELSE 0 END), 0) AS BIGINT) AS teknis, \
               CAST(COALESCE(SUM(CASE WHEN c.competency = 'manajerial' THEN c.jp ELSE 0 END), 0) AS BIGINT) AS manajerial, \
               CAST(COALESCE(SUM(CASE WHEN c.competency = 'sosial_kultural' THEN c.jp ELSE 0 END), 0) AS BIGINT) AS sosial_kultural \
               {by_form} \
             FROM {CREDITED} c JOIN learners l ON l.id = c.learner_id \
             WHERE c.at_ms >= $1 AND c.at_ms < $2 AND l.unit_id IN ({}) \
             GROUP BY l.unit_id",
            id_literals(unit_ids)
        );
        let rows = on_pool!(self.pool, p => {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(from_ms).bind(to_ms).fetch_all(p).await?;
            rows.iter()
                .map(|r| {
                    Ok(UnitCompetency {
                        unit_id: r.try_get("unit_id")?,
                        teknis: r.try_get("teknis")?,
                        manajerial: r.try_get("manajerial")?,
                        sosial_kultural: r.try_get("sosial_kultural")?,
                        by_form: (0..FORMS.len()).map(|i| r.try_get(format!("f{i}").as_str())).collect::<Result<_, sqlx::Error>>()?,
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()
        })?;
        Ok(rows)
    }

    /// Staff placed in each of `unit_ids`: (unit id, count).
    pub async fn staff_per_unit(&self, unit_ids: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
        let sql = format!("SELECT unit_id, COUNT(*) FROM learners WHERE unit_id IN ({}) GROUP BY unit_id", id_literals(unit_ids));
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)
    }

    /// Everyone in `unit_ids` with at least `target` credited `teknis` JP (courses and other
    /// learning) in `[from_ms, to_ms)`.
    pub async fn technical_reached(&self, unit_ids: &[i64], from_ms: i64, to_ms: i64, target: i64) -> Result<Vec<TechnicalRow>, sqlx::Error> {
        let sql = format!(
            "SELECT l.nip AS nip, l.name AS name, l.unit_id AS unit_id, CAST(SUM(c.jp) AS BIGINT) AS jp \
             FROM {CREDITED} c JOIN learners l ON l.id = c.learner_id \
             WHERE c.competency = 'teknis' AND c.at_ms >= $1 AND c.at_ms < $2 \
               AND l.unit_id IN ({}) \
             GROUP BY l.id, l.nip, l.name, l.unit_id HAVING SUM(c.jp) >= $3 ORDER BY l.nip",
            id_literals(unit_ids)
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from_ms).bind(to_ms).bind(target).fetch_all(p).await)
    }
}
