//! The learning log's storage (docs/activities.md): entries as pushes left them and the
//! supervisor's verdicts (each with its credit and audit entry, in one transaction), evidence files,
//! and internship placements.

use super::audit::Entry;
use super::dialect::id_literals;
use super::learner_credits::Grant;
use super::Db;

/// One kept entry.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LogRow {
    pub learner_id: i64,
    pub entry: String,
    /// The newest `LogDraft`, JSON.
    pub draft: String,
    pub draft_event: String,
    pub status: String,
    pub note: Option<String>,
    pub jp: Option<i64>,
    /// What was confirmed, JSON.
    pub confirmed_draft: Option<String>,
}

/// An entry with whose it is, for the review queue.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReviewRow {
    #[sqlx(flatten)]
    pub row: LogRow,
    pub nip: String,
    pub name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
}

/// What became of an upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Kept now.
    New,
    /// The learner had sent this id before: the first copy stays.
    Again,
    /// Another learner's file has this id.
    Taken,
}

/// A kept evidence file.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvidenceFile {
    pub learner_id: i64,
    /// The owner's unit: who may see the file follows from it.
    pub unit_id: Option<i64>,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A kept internship placement with the person's NIP and name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InternshipRow {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub unit_id: Option<i64>,
    pub partner_name: String,
    pub partner_id: Option<i64>,
    pub place: String,
    pub start_date: String,
    pub end_date: String,
}

/// A placement to record.
pub struct NewPlacement<'a> {
    pub learner_id: i64,
    pub partner_name: &'a str,
    pub partner_id: Option<i64>,
    pub place: &'a str,
    pub start_date: &'a str,
    pub end_date: &'a str,
}

const ROW: &str = "e.learner_id, e.entry, e.draft, e.draft_event, e.status, e.note, e.jp, e.confirmed_draft";
const PLACEMENT: &str = "i.id, l.nip, l.name, l.unit_id, i.partner_name, i.partner_id, i.place, i.start_date, i.end_date";

impl Db {
    /// The learner's entries, newest draft first.
    pub async fn log_entries_of(&self, learner_id: i64) -> Result<Vec<LogRow>, sqlx::Error> {
        let sql = format!("SELECT {ROW} FROM log_entries e WHERE e.learner_id = $1 ORDER BY e.draft_at_ms DESC, e.entry");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).fetch_all(p).await)
    }

    /// One entry of the learner.
    pub async fn log_entry(&self, learner_id: i64, entry: &str) -> Result<Option<LogRow>, sqlx::Error> {
        let sql = format!("SELECT {ROW} FROM log_entries e WHERE e.learner_id = $1 AND e.entry = $2");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).bind(entry).fetch_optional(p).await)
    }

    /// Entries of `status` of people placed in `unit_ids` (`None`: everyone), leaving out
    /// `except` (the reviewer), oldest hand-in first.
    pub async fn log_review(&self, unit_ids: Option<&[i64]>, status: &str, except: i64) -> Result<Vec<ReviewRow>, sqlx::Error> {
        let within = match unit_ids {
            Some(ids) => format!("AND l.unit_id IN ({})", id_literals(ids)),
            None => String::new(),
        };
        let sql = format!(
            "SELECT {ROW}, l.nip, l.name, l.unit_id, u.name AS unit_name FROM log_entries e \
             JOIN learners l ON l.id = e.learner_id LEFT JOIN units u ON u.id = l.unit_id \
             WHERE e.status = $1 AND e.learner_id <> $2 {within} \
             ORDER BY COALESCE(e.submitted_at_ms, e.draft_at_ms), l.nip, e.entry"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(status).bind(except).fetch_all(p).await)
    }

    /// Confirms the entry if it is still submitted with the draft the reviewer saw (`draft_event`):
    /// keeps that draft as confirmed, grants the credit, writes the audit entry, together.
    /// `Ok(false)` (nothing written) when it is not waiting or changed meanwhile.
    #[allow(clippy::too_many_arguments)]
    pub async fn confirm_log(&self, learner_id: i64, entry: &str, draft_event: &str, grant: &Grant<'_>, by: i64, now_ms: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE log_entries SET status = 'confirmed', confirmed_draft = draft, jp = $4, note = NULL, reviewed_by = $5, reviewed_at_ms = $6 \
             WHERE learner_id = $1 AND entry = $2 AND draft_event = $3 AND status = 'submitted'",
        )
        .bind(learner_id)
        .bind(entry)
        .bind(draft_event)
        .bind(i64::from(grant.jp))
        .bind(by)
        .bind(now_ms)
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
        if done == 0 {
            return Ok(false);
        }
        super::learner_credits::grant(&mut tx, learner_id, grant).await?;
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sends a submitted entry back with `note`, with the audit entry; `Ok(false)` when it is not waiting.
    pub async fn return_log(&self, learner_id: i64, entry: &str, note: &str, by: i64, now_ms: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE log_entries SET status = 'returned', note = $3, reviewed_by = $4, reviewed_at_ms = $5 \
             WHERE learner_id = $1 AND entry = $2 AND status = 'submitted'",
        )
        .bind(learner_id)
        .bind(entry)
        .bind(note)
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

    /// Keeps an evidence file under `id` for the learner (the first upload of an id stays).
    pub async fn put_evidence(&self, id: &str, learner_id: i64, content_type: &str, bytes: &[u8], now_ms: i64) -> Result<Stored, sqlx::Error> {
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let added = on_pool!(self.pool, p => sqlx::query(
            "INSERT INTO evidence (id, learner_id, content_type, bytes, size, received_at_ms) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(learner_id)
        .bind(content_type)
        .bind(bytes)
        .bind(size)
        .bind(now_ms)
        .execute(p)
        .await
        .map(|d| d.rows_affected()))?;
        if added > 0 {
            return Ok(Stored::New);
        }
        let owner: Option<i64> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT learner_id FROM evidence WHERE id = $1").bind(id).fetch_optional(p).await)?;
        Ok(if owner == Some(learner_id) { Stored::Again } else { Stored::Taken })
    }

    /// The file kept under `id`.
    pub async fn evidence(&self, id: &str) -> Result<Option<EvidenceFile>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT e.learner_id, l.unit_id, e.content_type, e.bytes FROM evidence e JOIN learners l ON l.id = e.learner_id WHERE e.id = $1",
        ).bind(id).fetch_optional(p).await)
    }

    /// Ids of the learner's files the server holds.
    pub async fn evidence_ids_of(&self, learner_id: i64) -> Result<Vec<String>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT id FROM evidence WHERE learner_id = $1 ORDER BY id").bind(learner_id).fetch_all(p).await)
    }

    /// How many files and bytes the learner keeps here.
    pub async fn evidence_usage(&self, learner_id: i64) -> Result<(i64, i64), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM evidence WHERE learner_id = $1")
            .bind(learner_id)
            .fetch_one(p)
            .await)
    }

    /// Records a placement with its audit entry; returns its id.
    pub async fn add_internship(&self, new: &NewPlacement<'_>, by: i64, now_ms: i64, audit: &Entry) -> Result<i64, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "INSERT INTO internships (learner_id, partner_name, partner_id, place, start_date, end_date, created_by, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(new.learner_id)
        .bind(new.partner_name)
        .bind(new.partner_id)
        .bind(new.place)
        .bind(new.start_date)
        .bind(new.end_date)
        .bind(by)
        .bind(now_ms)
        .fetch_one(&mut *c)
        .await)?;
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Placements of people in `unit_ids` (`None`: everyone), newest start first.
    pub async fn internships(&self, unit_ids: Option<&[i64]>) -> Result<Vec<InternshipRow>, sqlx::Error> {
        let within = match unit_ids {
            Some(ids) => format!("WHERE l.unit_id IN ({})", id_literals(ids)),
            None => String::new(),
        };
        let sql = format!("SELECT {PLACEMENT} FROM internships i JOIN learners l ON l.id = i.learner_id {within} ORDER BY i.start_date DESC, i.id DESC");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)
    }

    /// The learner's own placements, newest start first.
    pub async fn internships_of(&self, learner_id: i64) -> Result<Vec<InternshipRow>, sqlx::Error> {
        let sql = format!("SELECT {PLACEMENT} FROM internships i JOIN learners l ON l.id = i.learner_id WHERE i.learner_id = $1 ORDER BY i.start_date DESC, i.id DESC");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).fetch_all(p).await)
    }
}
