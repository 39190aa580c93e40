//! The innovation-idea competition's storage (docs/innovation.md): rounds with their rubric and
//! jurors, the learners' ideas (kept by `idea_push`), endorsements and scores; every change with its
//! audit entry in one transaction.

use super::Db;
use super::audit::Entry;
use super::dialect::id_literals;

/// A round as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RoundRow {
    pub id: i64,
    pub theme: String,
    pub description: String,
    pub opens_on: String,
    pub closes_on: String,
    pub judging_ends_on: String,
    pub unit_id: Option<i64>,
    pub published_at_ms: Option<i64>,
}

/// A round to write, its rubric (name, weight) and juror ids.
pub struct NewRound<'a> {
    pub theme: &'a str,
    pub description: &'a str,
    pub opens_on: &'a str,
    pub closes_on: &'a str,
    pub judging_ends_on: &'a str,
    pub unit_id: Option<i64>,
    pub criteria: Vec<(String, i64)>,
    pub jurors: Vec<i64>,
}

/// One kept idea.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct IdeaRow {
    pub learner_id: i64,
    pub entry: String,
    pub round: String,
    pub round_id: Option<i64>,
    pub title: String,
    /// `idea_push::IdeaDraft`, JSON.
    pub draft: String,
    pub draft_event: String,
    pub status: String,
    pub note: Option<String>,
    pub number: Option<i64>,
}

/// An idea with whose it is (the supervisor's queue, results after publication, the proposal).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OwnedIdea {
    #[sqlx(flatten)]
    pub row: IdeaRow,
    pub nip: String,
    pub name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
}

/// A score as stored: (author id, entry, juror id, criterion position, score).
pub type ScoreRow = (i64, String, i64, i64, i64);

const ROUND: &str = "id, theme, description, opens_on, closes_on, judging_ends_on, unit_id, published_at_ms";
const IDEA: &str = "i.learner_id, i.entry, i.round, i.round_id, i.title, i.draft, i.draft_event, i.status, i.note, i.number";
const OWNED: &str = "l.nip, l.name, l.unit_id, u.name AS unit_name";

impl Db {
    /// Every round, newest deadline first (a handful a year: callers filter by scope).
    pub async fn idea_rounds(&self) -> Result<Vec<RoundRow>, sqlx::Error> {
        let sql = format!("SELECT {ROUND} FROM idea_rounds ORDER BY closes_on DESC, id DESC");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)
    }

    pub async fn idea_round(&self, id: i64) -> Result<Option<RoundRow>, sqlx::Error> {
        let sql = format!("SELECT {ROUND} FROM idea_rounds WHERE id = $1");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await)
    }

    /// The rubric in order: (name, weight).
    pub async fn idea_criteria(&self, round_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT name, weight FROM idea_criteria WHERE round_id = $1 ORDER BY position").bind(round_id).fetch_all(p).await)
    }

    /// The jurors: (id, NIP, name), by name.
    pub async fn idea_jurors(&self, round_id: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT l.id, l.nip, l.name FROM idea_jurors j JOIN learners l ON l.id = j.learner_id WHERE j.round_id = $1 ORDER BY l.name, l.nip",
        ).bind(round_id).fetch_all(p).await)
    }

    /// Rounds `learner_id` judges.
    pub async fn rounds_judged_by(&self, learner_id: i64) -> Result<Vec<i64>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT round_id FROM idea_jurors WHERE learner_id = $1 ORDER BY round_id").bind(learner_id).fetch_all(p).await)
    }

    /// Names of the accounts with these NIPs (a team: at most `MAX_TEAM`), in one query: (NIP, name).
    pub async fn names_by_nip(&self, nips: &[String]) -> Result<Vec<(String, String)>, sqlx::Error> {
        if nips.is_empty() {
            return Ok(Vec::new());
        }
        on_pool!(self.pool, p => {
            let mut ask = sqlx::QueryBuilder::new("SELECT nip, name FROM learners WHERE nip IN (");
            let mut list = ask.separated(", ");
            for nip in nips {
                list.push_bind(nip.as_str());
            }
            ask.push(")");
            ask.build_query_as().fetch_all(p).await
        })
    }

    /// Creates a round with its rubric and jurors; returns its id.
    pub async fn create_idea_round(&self, new: &NewRound<'_>, by: i64, now_ms: i64, audit: &Entry) -> Result<i64, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "INSERT INTO idea_rounds (theme, description, opens_on, closes_on, judging_ends_on, unit_id, created_by, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(new.theme)
        .bind(new.description)
        .bind(new.opens_on)
        .bind(new.closes_on)
        .bind(new.judging_ends_on)
        .bind(new.unit_id)
        .bind(by)
        .bind(now_ms)
        .fetch_one(&mut *c)
        .await)?;
        write_rubric(&mut tx, id, new).await?;
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Rewrites a round that has no scores yet; `Ok(false)` when it is published or scored meanwhile.
    pub async fn update_idea_round(&self, id: i64, new: &NewRound<'_>, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE idea_rounds SET theme = $2, description = $3, opens_on = $4, closes_on = $5, judging_ends_on = $6, unit_id = $7 \
             WHERE id = $1 AND published_at_ms IS NULL AND NOT EXISTS (SELECT 1 FROM idea_scores s WHERE s.round_id = $1)",
        )
        .bind(id)
        .bind(new.theme)
        .bind(new.description)
        .bind(new.opens_on)
        .bind(new.closes_on)
        .bind(new.judging_ends_on)
        .bind(new.unit_id)
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
        if done == 0 {
            return Ok(false);
        }
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM idea_criteria WHERE round_id = $1").bind(id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM idea_jurors WHERE round_id = $1").bind(id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        write_rubric(&mut tx, id, new).await?;
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Scores stored for the round.
    pub async fn idea_score_count(&self, round_id: i64) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM idea_scores WHERE round_id = $1").bind(round_id).fetch_one(p).await)
    }

    /// (handed in on time, endorsed) counts of a round.
    pub async fn idea_counts(&self, round_id: i64) -> Result<(i64, i64), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN status IN ('submitted', 'endorsed', 'returned') THEN 1 ELSE 0 END), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(CASE WHEN status = 'endorsed' THEN 1 ELSE 0 END), 0) AS BIGINT) FROM ideas WHERE round_id = $1",
        ).bind(round_id).fetch_one(p).await)
    }

    /// The learner's ideas, newest draft first.
    pub async fn ideas_of(&self, learner_id: i64) -> Result<Vec<IdeaRow>, sqlx::Error> {
        let sql = format!("SELECT {IDEA} FROM ideas i WHERE i.learner_id = $1 ORDER BY i.draft_at_ms DESC, i.entry");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).fetch_all(p).await)
    }

    /// One idea of the learner.
    pub async fn idea(&self, learner_id: i64, entry: &str) -> Result<Option<IdeaRow>, sqlx::Error> {
        let sql = format!("SELECT {IDEA} FROM ideas i WHERE i.learner_id = $1 AND i.entry = $2");
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(learner_id).bind(entry).fetch_optional(p).await)
    }

    /// Submitted ideas of people placed in `unit_ids` (`None`: everyone), leaving out `except`, oldest hand-in first;
    /// none of a published round (too late to be judged).
    pub async fn idea_review(&self, unit_ids: Option<&[i64]>, except: i64) -> Result<Vec<OwnedIdea>, sqlx::Error> {
        let within = match unit_ids {
            Some(ids) => format!("AND l.unit_id IN ({})", id_literals(ids)),
            None => String::new(),
        };
        let sql = format!(
            "SELECT {IDEA}, {OWNED} FROM ideas i JOIN learners l ON l.id = i.learner_id LEFT JOIN units u ON u.id = l.unit_id \
             WHERE i.status = 'submitted' AND i.learner_id <> $1 {within} \
             AND i.round_id IN (SELECT r.id FROM idea_rounds r WHERE r.published_at_ms IS NULL) ORDER BY i.submitted_at_ms, l.nip, i.entry"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(except).fetch_all(p).await)
    }

    /// Endorsed ideas of a round with whose they are, by number. `title` and `draft` are what was endorsed.
    pub async fn endorsed_ideas(&self, round_id: i64) -> Result<Vec<OwnedIdea>, sqlx::Error> {
        let sql = format!(
            "SELECT i.learner_id, i.entry, i.round, i.round_id, COALESCE(i.endorsed_title, i.title) AS title, COALESCE(i.endorsed_draft, i.draft) AS draft, \
             i.draft_event, i.status, i.note, i.number, {OWNED} FROM ideas i JOIN learners l ON l.id = i.learner_id LEFT JOIN units u ON u.id = l.unit_id \
             WHERE i.round_id = $1 AND i.status = 'endorsed' ORDER BY i.number"
        );
        on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(round_id).fetch_all(p).await)
    }

    /// Endorses the idea if still submitted with the draft the supervisor read: keeps that draft and
    /// gives it the round's next number. `Ok(false)` when not waiting or changed meanwhile.
    pub async fn endorse_idea(&self, learner_id: i64, entry: &str, draft_event: &str, by: i64, now_ms: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE ideas SET status = 'endorsed', endorsed_title = title, endorsed_draft = draft, note = NULL, reviewed_by = $4, reviewed_at_ms = $5, \
             number = (SELECT COALESCE(MAX(o.number), 0) + 1 FROM ideas o WHERE o.round_id = ideas.round_id) \
             WHERE learner_id = $1 AND entry = $2 AND draft_event = $3 AND status = 'submitted' AND round_id IS NOT NULL",
        )
        .bind(learner_id)
        .bind(entry)
        .bind(draft_event)
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

    /// Returns a submitted idea with `note`; `Ok(false)` when it is not waiting.
    pub async fn return_idea(&self, learner_id: i64, entry: &str, note: &str, by: i64, now_ms: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE ideas SET status = 'returned', note = $3, reviewed_by = $4, reviewed_at_ms = $5 WHERE learner_id = $1 AND entry = $2 AND status = 'submitted'",
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

    /// Every score of the round.
    pub async fn idea_scores(&self, round_id: i64) -> Result<Vec<ScoreRow>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT learner_id, entry, juror_id, position, score FROM idea_scores WHERE round_id = $1 ORDER BY learner_id, entry, juror_id, position",
        ).bind(round_id).fetch_all(p).await)
    }

    /// Replaces the juror's scores of one idea (one per criterion, in order) unless the round was
    /// published meanwhile (`Ok(false)`).
    #[allow(clippy::too_many_arguments)]
    pub async fn put_idea_scores(&self, round_id: i64, learner_id: i64, entry: &str, juror_id: i64, scores: &[u8], now_ms: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let open: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT id FROM idea_rounds WHERE id = $1 AND published_at_ms IS NULL").bind(round_id).fetch_optional(&mut *c).await)?;
        if open.is_none() {
            return Ok(false);
        }
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM idea_scores WHERE learner_id = $1 AND entry = $2 AND juror_id = $3")
            .bind(learner_id).bind(entry).bind(juror_id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        for (position, score) in scores.iter().enumerate() {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO idea_scores (round_id, learner_id, entry, juror_id, position, score, scored_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(round_id)
            .bind(learner_id)
            .bind(entry)
            .bind(juror_id)
            .bind(position as i64)
            .bind(i64::from(*score))
            .bind(now_ms)
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
        }
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Publishes the round's results once; `Ok(false)` when already published.
    pub async fn publish_idea_round(&self, id: i64, by: i64, now_ms: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = on_tx!(&mut tx, c => sqlx::query("UPDATE idea_rounds SET published_at_ms = $2, published_by = $3 WHERE id = $1 AND published_at_ms IS NULL")
            .bind(id).bind(now_ms).bind(by).execute(&mut *c).await.map(|d| d.rows_affected()))?;
        if done == 0 {
            return Ok(false);
        }
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }
}

async fn write_rubric(tx: &mut super::Tx, id: i64, new: &NewRound<'_>) -> Result<(), sqlx::Error> {
    for (position, (name, weight)) in new.criteria.iter().enumerate() {
        on_tx!(tx, c => sqlx::query("INSERT INTO idea_criteria (round_id, position, name, weight) VALUES ($1, $2, $3, $4)")
            .bind(id).bind(position as i64).bind(name).bind(*weight).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    }
    for juror in &new.jurors {
        on_tx!(tx, c => sqlx::query("INSERT INTO idea_jurors (round_id, learner_id) VALUES ($1, $2)")
            .bind(id).bind(*juror).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    }
    Ok(())
}
