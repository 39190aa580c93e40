//! Each learner's fold, kept current inside the push transaction: the dashboard reads these rows
//! and never refolds events on a request.

use super::{Db, Tx};
use lentera_protocol::{Event, Progress};
use std::collections::BTreeSet;

/// Most courses the library never offered that one learner's fold keeps (as claims, never credit):
/// events naming yet another such course stay in the event log but are not folded, so junk cannot
/// grow the stored fold, the course rows and the dashboard without bound.
pub const MAX_UNKNOWN_COURSES: usize = 20;

/// Folds newly stored events (times already clock-corrected) into the learner's row.
pub async fn apply_new(tx: &mut Tx, rules: &super::rule_cache::RuleCache, learner_id: i64, fresh: &[Event], synced_ms: i64) -> Result<(), sqlx::Error> {
    // A replay (every event already held, as after a lost answer) changes nothing but "last synced".
    if fresh.is_empty() {
        return synced(tx, learner_id, synced_ms).await;
    }
    let mut progress = load(tx, learner_id).await?;
    let named = progress.courses.keys().map(String::as_str).chain(fresh.iter().filter_map(|e| e.body.course_id()));
    let book = rules.knowing(tx, named).await?;
    let known = |course: &str| lentera_protocol::Rules::knows(&*book, course);
    let mut unknown = progress.courses.keys().filter(|c| !known(c)).count();
    for event in fresh {
        if let Some(course) = event.body.course_id()
            && !known(course)
            && !progress.courses.contains_key(course)
        {
            if unknown >= MAX_UNKNOWN_COURSES {
                continue;
            }
            unknown += 1;
        }
        progress.apply(event);
    }
    save(tx, learner_id, &progress, i64::try_from(fresh.len()).unwrap_or(i64::MAX)).await?;
    synced(tx, learner_id, synced_ms).await?;
    let touched: BTreeSet<&str> = fresh.iter().filter_map(|e| e.body.course_id()).collect();
    super::credit::store_verdicts(tx, rules, learner_id, &progress, &touched).await?;
    super::akpk_push::keep(tx, learner_id, &progress, &super::akpk_push::touched_years(fresh)).await?;
    super::training_push::keep(tx, learner_id, &progress, fresh, synced_ms).await?;
    super::reaction_push::keep(tx, learner_id, fresh).await?;
    super::log_push::keep(tx, learner_id, &progress, &super::log_push::touched_entries(fresh)).await?;
    super::idea_push::keep(tx, learner_id, &progress, &super::idea_push::touched_entries(fresh), Some(synced_ms)).await
}

/// Writes a whole fold as a learner's rows (the bulk loader's way to what pushes leave behind):
/// the fold, `events` counted, last synced at `synced_ms`, a course row per course, the figures.
pub(super) async fn store_fold(tx: &mut Tx, rules: &super::rule_cache::RuleCache, learner_id: i64, progress: &Progress, events: i64, synced_ms: i64) -> Result<(), sqlx::Error> {
    save(tx, learner_id, progress, events).await?;
    synced(tx, learner_id, synced_ms).await?;
    let courses: BTreeSet<&str> = progress.courses.keys().map(String::as_str).collect();
    super::credit::store_verdicts(tx, rules, learner_id, progress, &courses).await?;
    super::akpk_push::keep(tx, learner_id, progress, &lentera_protocol::akpk::Survey::years(&progress.akpk)).await?;
    super::reaction_push::keep(tx, learner_id, &progress.activity).await?;
    let drafts = lentera_protocol::activity::Activities::of(&progress.activity).drafts;
    super::log_push::keep(tx, learner_id, progress, &drafts.keys().map(String::as_str).collect()).await?;
    super::idea_push::keep(tx, learner_id, progress, &super::idea_push::all_entries(progress), None).await
}

/// Keeps the learner's course figures in their `learner_sync` row current with `learner_courses`
/// (migration 0010) and `learner_credits` (0028): courses completed and in progress, the latest year
/// with a credit and its JP (courses and other learning). The dashboard sums these for everyone in view instead of every course row.
pub(super) async fn course_totals(tx: &mut Tx, learner_id: i64) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query(COURSE_TOTALS).bind(learner_id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    Ok(())
}

const COURSE_TOTALS: &str = "
INSERT INTO learner_sync (learner_id, jp_year, jp, completed, in_progress)
SELECT $1, t.y,
       CAST(COALESCE((SELECT SUM(c.jp) FROM learner_courses c WHERE c.learner_id = $1 AND c.completed_year = t.y), 0)
          + COALESCE((SELECT SUM(k.jp) FROM learner_credits k WHERE k.learner_id = $1 AND k.credited_year = t.y), 0) AS BIGINT),
       t.done, t.open
FROM (SELECT (SELECT MAX(y.year) FROM (SELECT completed_year AS year FROM learner_courses WHERE learner_id = $1
                                       UNION ALL SELECT credited_year FROM learner_credits WHERE learner_id = $1) y) AS y,
             CAST(COALESCE(SUM(CASE WHEN completed_at_ms IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS done,
             CAST(COALESCE(SUM(CASE WHEN completed_at_ms IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS open
      FROM learner_courses WHERE learner_id = $1) t
WHERE true
ON CONFLICT (learner_id) DO UPDATE SET
    jp_year = excluded.jp_year, jp = excluded.jp, completed = excluded.completed, in_progress = excluded.in_progress";

pub(super) async fn load(tx: &mut Tx, learner_id: i64) -> Result<Progress, sqlx::Error> {
    let text: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT progress FROM learner_progress WHERE learner_id = $1")
        .bind(learner_id)
        .fetch_optional(&mut *c)
        .await)?;
    decode(text)
}

fn decode(text: Option<String>) -> Result<Progress, sqlx::Error> {
    match text {
        Some(text) => serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e))),
        None => Ok(Progress::default()),
    }
}

async fn save(tx: &mut Tx, learner_id: i64, progress: &Progress, added: i64) -> Result<(), sqlx::Error> {
    let text = serde_json::to_string(progress).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO learner_progress (learner_id, progress, events) VALUES ($1, $2, $3) \
         ON CONFLICT (learner_id) DO UPDATE SET progress = $2, events = learner_progress.events + $3",
    )
    .bind(learner_id)
    .bind(text)
    .bind(added)
    .execute(&mut *c)
    .await.map(|d| d.rows_affected()))?;
    Ok(())
}

/// Moves "last synced" forward to `at_ms` (never back: pushes may finish out of order).
async fn synced(tx: &mut Tx, learner_id: i64, at_ms: i64) -> Result<(), sqlx::Error> {
    let sql = synced_sql(tx.dialect());
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(learner_id).bind(at_ms).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    Ok(())
}

fn synced_sql(dialect: super::Dialect) -> String {
    format!(
        "INSERT INTO learner_sync (learner_id, last_synced_ms) VALUES ($1, $2) \
         ON CONFLICT (learner_id) DO UPDATE SET last_synced_ms = {}",
        dialect.greatest("COALESCE(learner_sync.last_synced_ms, 0)", "$2")
    )
}

/// The `upkeep` task name of the progress backfill.
const BACKFILL: &str = "progress_backfill";

impl Db {
    /// A sync contact (a pull) also counts as "last synced", though it stores nothing.
    pub async fn mark_synced(&self, learner_id: i64, now_ms: i64) -> Result<(), sqlx::Error> {
        let sql = synced_sql(self.dialect());
        on_pool!(self.pool, p => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(learner_id).bind(now_ms).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// The device's word on its storage: `None` clears an earlier warning.
    pub async fn set_storage_warning(&self, learner_id: i64, warning: Option<&str>, now_ms: i64) -> Result<(), sqlx::Error> {
        let sql = format!(
            "INSERT INTO learner_sync (learner_id, last_synced_ms, storage_warning) VALUES ($1, $2, $3) \
             ON CONFLICT (learner_id) DO UPDATE SET last_synced_ms = {}, storage_warning = $3",
            self.dialect().greatest("COALESCE(learner_sync.last_synced_ms, 0)", "$2")
        );
        on_pool!(self.pool, p => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(learner_id).bind(now_ms).bind(warning).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// The incrementally kept fold (what the dashboard shows).
    pub async fn kept_progress(&self, learner_id: i64) -> Result<Progress, sqlx::Error> {
        let text: Option<String> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT progress FROM learner_progress WHERE learner_id = $1")
            .bind(learner_id)
            .fetch_optional(p)
            .await)?;
        decode(text)
    }

    /// Fills the rows for learners whose events predate them (a database from before migration 4).
    /// Runs once per database (recorded in `upkeep`), not at every start.
    pub async fn backfill_progress(&self) -> Result<u32, sqlx::Error> {
        let done: Option<i64> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT done_at_ms FROM upkeep WHERE task = $1")
            .bind(BACKFILL)
            .fetch_optional(p)
            .await)?;
        if done.is_some() {
            return Ok(0);
        }
        let filled = self.backfill_missing().await?;
        on_pool!(self.pool, p => sqlx::query("INSERT INTO upkeep (task, done_at_ms) VALUES ($1, $2) ON CONFLICT (task) DO NOTHING")
            .bind(BACKFILL)
            .bind(crate::now_ms())
            .execute(p)
            .await
            .map(|d| d.rows_affected()))?;
        Ok(filled)
    }

    async fn backfill_missing(&self) -> Result<u32, sqlx::Error> {
        let missing: Vec<i64> = on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT DISTINCT e.learner_id FROM events e WHERE e.learner_id IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM learner_progress p WHERE p.learner_id = e.learner_id AND p.events > 0)",
        )
        .fetch_all(p)
        .await)?;
        for &learner_id in &missing {
            let progress = self.progress(learner_id).await?;
            let count: i64 = on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE learner_id = $1")
                .bind(learner_id)
                .fetch_one(p)
                .await)?;
            let mut tx = self.begin().await?;
            save(&mut tx, learner_id, &progress, count).await?;
            let courses: BTreeSet<&str> = progress.courses.keys().map(String::as_str).collect();
            super::credit::store_verdicts(&mut tx, &self.rules, learner_id, &progress, &courses).await?;
            tx.commit().await?;
        }
        Ok(u32::try_from(missing.len()).unwrap_or(u32::MAX))
    }
}
