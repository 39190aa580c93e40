//! Issued certificates: kept as signed, revoked with a reason, marked once exported to SIASN.

use super::{Db, Tx};

/// One certificate and whose it is.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CertificateRow {
    pub number: String,
    pub learner_id: i64,
    pub course_id: String,
    pub completed_at_ms: i64,
    pub body: String,
    pub signature: String,
    pub issued_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
    pub revoked_reason: Option<String>,
    pub exported_at_ms: Option<i64>,
}

const COLUMNS: &str = "number, learner_id, course_id, completed_at_ms, body, signature, issued_at_ms, revoked_at_ms, revoked_reason, exported_at_ms";

/// Why a certificate is revoked when a new grading no longer credits its course.
pub const REGRADE_REASON: &str = "penilaian ulang server tidak lagi mengakui kursus ini";

/// Revokes the learner's live certificates of courses the server no longer credits (one statement).
pub async fn revoke_uncredited(tx: &mut Tx, learner_id: i64, course_ids: &[&str], now_ms: i64) -> Result<(), sqlx::Error> {
    revoke_for(tx, learner_id, course_ids, REGRADE_REASON, now_ms).await
}

/// Why a training's certificate was revoked: the organiser took the attendance back.
pub const ATTENDANCE_REASON: &str = "penyelenggara membatalkan kehadiran atau pengakuan ini";

/// Revokes the learner's live certificates of `course_ids` (courses or credit sources) for `reason`.
pub async fn revoke_for(tx: &mut Tx, learner_id: i64, course_ids: &[&str], reason: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    if course_ids.is_empty() {
        return Ok(());
    }
    on_tx!(tx, c => {
        let mut revoke = sqlx::QueryBuilder::new("UPDATE certificates SET revoked_at_ms = ");
        revoke.push_bind(now_ms).push(", revoked_reason = ").push_bind(reason);
        revoke.push(" WHERE revoked_at_ms IS NULL AND learner_id = ").push_bind(learner_id).push(" AND course_id IN (");
        let mut ids = revoke.separated(", ");
        for id in course_ids {
            ids.push_bind(*id);
        }
        revoke.push(")");
        revoke.build().execute(&mut *c).await.map(|_| ())
    })
}

impl Db {
    /// Every certificate of these learners, revoked ones too, by learner, oldest completion first
    /// (one query for an export's thousands of people).
    pub async fn certificates_of_many(&self, learner_ids: &[i64]) -> Result<Vec<CertificateRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certificates WHERE learner_id IN ({}) ORDER BY learner_id, completed_at_ms, issued_at_ms, number",
            self.dialect().ids("$1")
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(super::dialect::id_list(learner_ids)).fetch_all(p).await)
    }

    /// Every certificate of the learner, revoked ones too, oldest completion first.
    pub async fn certificates_of(&self, learner_id: i64) -> Result<Vec<CertificateRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM certificates WHERE learner_id = $1 ORDER BY completed_at_ms, issued_at_ms, number");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).fetch_all(p).await)
    }

    /// The unit of a learner (for scope checks on their certificates).
    pub async fn unit_of(&self, learner_id: i64) -> Result<Option<i64>, sqlx::Error> {
        let unit: Option<Option<i64>> =
            on_pool!(self.pool, p => sqlx::query_scalar("SELECT unit_id FROM learners WHERE id = $1").bind(learner_id).fetch_optional(p).await)?;
        Ok(unit.flatten())
    }

    /// Every account placed in `unit_ids` (exports issue their certificates first).
    pub async fn learners_in(&self, unit_ids: &[i64]) -> Result<Vec<super::accounts::LearnerRow>, sqlx::Error> {
        let sql = format!(
            "SELECT id, nip, name, unit, role, password_hash, unit_id, employment FROM learners WHERE unit_id IN ({}) ORDER BY nip",
            self.dialect().ids("$1")
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(super::dialect::id_list(unit_ids)).fetch_all(p).await)
    }

    /// Marks certificates as held by a SIASN export; ones marked before keep their first date.
    pub async fn mark_exported(&self, numbers: &[String], now_ms: i64) -> Result<(), sqlx::Error> {
        let list = serde_json::to_string(numbers).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let sql = match self.dialect() {
            super::Dialect::Sqlite => "UPDATE certificates SET exported_at_ms = $2 WHERE exported_at_ms IS NULL AND number IN (SELECT value FROM json_each($1))",
            super::Dialect::Postgres => "UPDATE certificates SET exported_at_ms = $2 WHERE exported_at_ms IS NULL AND number IN (SELECT json_array_elements_text(CAST($1 AS json)))",
        };
        on_pool!(self.pool, p => sqlx::query(sql).bind(&list).bind(now_ms).execute(p).await.map(|_| ()))
    }

    pub async fn certificate(&self, number: &str) -> Result<Option<CertificateRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM certificates WHERE number = $1");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(number).fetch_optional(p).await)
    }

    /// Keeps a newly signed certificate; `false` when the learner already has a live one for the course.
    pub async fn insert_certificate(&self, row: &CertificateRow) -> Result<bool, sqlx::Error> {
        let sql = format!("INSERT INTO certificates ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING");
        on_pool!(self.pool, p => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&row.number)
            .bind(row.learner_id)
            .bind(&row.course_id)
            .bind(row.completed_at_ms)
            .bind(&row.body)
            .bind(&row.signature)
            .bind(row.issued_at_ms)
            .bind(row.revoked_at_ms)
            .bind(&row.revoked_reason)
            .bind(row.exported_at_ms)
            .execute(p)
            .await
            .map(|d| d.rows_affected() > 0))
    }

    /// Revokes a live certificate; `false` when it was revoked already.
    pub async fn revoke_certificate(&self, number: &str, reason: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE certificates SET revoked_at_ms = $2, revoked_reason = $3 WHERE number = $1 AND revoked_at_ms IS NULL")
            .bind(number)
            .bind(now_ms)
            .bind(reason)
            .execute(p)
            .await
            .map(|d| d.rows_affected() > 0))
    }
}
