//! Learners' events: idempotent batch insert, paged reads by server order, and the server's fold.

use super::{Db, Tx};
use lentera_protocol::{Event, EventBody, Progress};
use sqlx::QueryBuilder;
use std::collections::HashSet;

/// What storing a batch came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    /// Every event is held for this learner; `new` of them arrived now.
    Held { new: u32 },
    /// Some event id is already held for another learner: nothing was stored.
    ForeignEvent { index: usize },
}

/// A batch a device handed over, waiting to be stored.
#[derive(Clone, Debug)]
pub struct Batch {
    pub learner_id: i64,
    pub events: Vec<Event>,
    pub received_at_ms: i64,
    pub skew_ms: i64,
}

/// The batch's clock correction: how far the device clock was behind the server's when it sent,
/// rounded to whole minutes so network delay never shifts a time.
pub fn skew_ms(sent_at_ms: i64, received_at_ms: i64) -> i64 {
    const MINUTE: i64 = 60_000;
    let raw = received_at_ms - sent_at_ms;
    (raw + raw.signum() * MINUTE / 2) / MINUTE * MINUTE
}

/// One stored event as read back.
#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    id: String,
    device_id: String,
    kind: String,
    payload: String,
    time_ms: i64,
}

impl EventRow {
    fn decode(self) -> Result<(i64, Event), sqlx::Error> {
        let body = EventBody::join(&self.kind, &self.payload).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        let parse_err = |e: lentera_protocol::IdError| sqlx::Error::Decode(Box::new(e));
        let event = Event {
            id: self.id.parse().map_err(parse_err)?,
            device_id: self.device_id.parse().map_err(parse_err)?,
            device_time_ms: self.time_ms,
            body,
        };
        Ok((self.seq, event))
    }
}

/// The event's `kind` and `payload` columns, as `EventBody::join` reads them back.
pub(super) fn columns(event: &Event) -> Result<(&'static str, String), sqlx::Error> {
    event.body.split().map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Stores `batch` inside `tx`; ids already held are left as they were. On `ForeignEvent` the caller
/// must undo what this wrote (the push's savepoint or transaction).
pub async fn insert(tx: &mut Tx, rules: &super::rule_cache::RuleCache, batch: &Batch) -> Result<Stored, sqlx::Error> {
    if batch.events.is_empty() {
        return Ok(Stored::Held { new: 0 });
    }
    let mut rows = Vec::with_capacity(batch.events.len());
    for event in &batch.events {
        let (kind, payload) = columns(event)?;
        // A corrected time in the future would be a clock guess; the receive time bounds it.
        let effective = event.device_time_ms.saturating_add(batch.skew_ms).min(batch.received_at_ms);
        rows.push((event, kind, payload, effective));
    }
    lock_learner(tx, batch.learner_id).await?;
    let (new, fresh_ids) = match insert_rows(tx, batch, &rows).await? {
        Inserted::All => (rows.len(), None),
        Inserted::Some { new, ids } => (new, Some(ids)),
        Inserted::Foreign(foreign) => {
            let index = batch.events.iter().position(|e| e.id.to_string() == foreign).unwrap_or(0);
            return Ok(Stored::ForeignEvent { index });
        }
    };
    // Only the newly stored events move the fold, with the times they were stored under.
    let fresh: Vec<Event> = rows
        .iter()
        .filter(|(event, _, _, _)| fresh_ids.as_ref().is_none_or(|ids| ids.contains(&event.id.to_string())))
        .map(|(event, _, _, effective)| Event { device_time_ms: *effective, ..(*event).clone() })
        .collect();
    super::progress::apply_new(tx, rules, batch.learner_id, &fresh, batch.received_at_ms).await?;
    Ok(Stored::Held { new: u32::try_from(new).unwrap_or(u32::MAX) })
}

/// A batch's rows, as `insert` prepared them: the event, its kind and payload, its corrected time.
type Row<'a> = (&'a Event, &'static str, String, i64);

/// What inserting a batch's rows came to.
enum Inserted {
    /// Every row is new.
    All,
    /// `new` rows were stored; `ids` are the batch's events that were not held before.
    Some { new: usize, ids: HashSet<String> },
    /// This event id is held for another learner (rows may have been written: undo them).
    Foreign(String),
}

/// Inserts the rows, ids already held left alone.
async fn insert_rows(tx: &mut Tx, batch: &Batch, rows: &[Row<'_>]) -> Result<Inserted, sqlx::Error> {
    macro_rules! with_ids {
        ($builder:expr) => {{
            let mut ids = $builder.separated(", ");
            for (event, ..) in rows {
                ids.push_bind(event.id.to_string());
            }
            $builder
        }};
    }
    macro_rules! insert {
        ($db:ty) => {{
            let mut insert = QueryBuilder::<$db>::new(
                "INSERT INTO events (id, device_id, kind, payload, device_time_ms, received_at_ms, learner_id, effective_time_ms) ",
            );
            insert.push_values(rows, |mut b, (event, kind, payload, effective)| {
                b.push_bind(event.id.to_string())
                    .push_bind(event.device_id.to_string())
                    .push_bind(*kind)
                    .push_bind(payload.clone())
                    .push_bind(event.device_time_ms)
                    .push_bind(batch.received_at_ms)
                    .push_bind(batch.learner_id)
                    .push_bind(*effective);
            });
            insert.push(" ON CONFLICT (id) DO NOTHING");
            insert
        }};
    }
    match tx {
        // SQLite's driver hands each RETURNING row over its worker thread, so the rows are not asked
        // for: usually every row is new. Otherwise the new rows are the `new` highest seqs among the
        // batch's ids (AUTOINCREMENT: each is above every row held before this statement).
        Tx::Sqlite(t) => {
            let done = insert!(sqlx::Sqlite).build().execute(&mut **t).await?;
            let new = usize::try_from(done.rows_affected()).unwrap_or(usize::MAX);
            if new == rows.len() {
                return Ok(Inserted::All);
            }
            let mut ask = QueryBuilder::<sqlx::Sqlite>::new("SELECT id, learner_id FROM events WHERE id IN (");
            let held: Vec<(String, Option<i64>)> = with_ids!(ask).push(") ORDER BY seq DESC").build_query_as().fetch_all(&mut **t).await?;
            if let Some((id, _)) = held.iter().find(|(_, learner)| *learner != Some(batch.learner_id)) {
                return Ok(Inserted::Foreign(id.clone()));
            }
            Ok(Inserted::Some { new, ids: held.into_iter().take(new).map(|(id, _)| id).collect() })
        }
        Tx::Postgres(t) => {
            let mut insert = insert!(sqlx::Postgres);
            insert.push(" RETURNING id");
            let ids: Vec<String> = insert.build_query_scalar().fetch_all(&mut **t).await?;
            if ids.len() == rows.len() {
                return Ok(Inserted::All);
            }
            let mut check = QueryBuilder::<sqlx::Postgres>::new("SELECT id FROM events WHERE (learner_id IS NULL OR learner_id <> ");
            check.push_bind(batch.learner_id).push(") AND id IN (");
            let foreign: Option<String> = with_ids!(check).push(") LIMIT 1").build_query_scalar().fetch_optional(&mut **t).await?;
            Ok(match foreign {
                Some(id) => Inserted::Foreign(id),
                None => Inserted::Some { new: ids.len(), ids: ids.into_iter().collect() },
            })
        }
    }
}

/// Serialises one learner's pushes across server processes (PostgreSQL): the fold row is read and
/// written back, and the learner's event seqs must commit in order for pulls. SQLite has one writer.
pub(super) async fn lock_learner(tx: &mut Tx, learner_id: i64) -> Result<(), sqlx::Error> {
    match tx {
        Tx::Sqlite(_) => Ok(()),
        Tx::Postgres(t) => sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(learner_id).execute(&mut **t).await.map(|_| ()),
    }
}

impl Db {
    /// Stores the batch for `learner_id`, all or nothing, committed before this returns; batches that
    /// arrive together share one commit (see `writer`).
    pub async fn insert_events(&self, learner_id: i64, events: &[Event], received_at_ms: i64, skew_ms: i64) -> Result<Stored, sqlx::Error> {
        let batch = Batch { learner_id, events: events.to_vec(), received_at_ms, skew_ms };
        self.writer.store(batch).await
    }

    /// Up to `limit` of the learner's events after server sequence `after`, each with its sequence.
    pub async fn events_after(&self, learner_id: i64, after: i64, limit: u32) -> Result<Vec<(i64, Event)>, sqlx::Error> {
        let rows: Vec<EventRow> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT seq, id, device_id, kind, payload, device_time_ms AS time_ms FROM events \
             WHERE learner_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(learner_id)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(p)
        .await)?;
        rows.into_iter().map(EventRow::decode).collect()
    }

    /// The learner's newest `limit` events, newest first, with clock-corrected times (when things
    /// really happened, whatever the phone's clock said): the person page's timeline.
    pub async fn recent_events(&self, learner_id: i64, limit: u32) -> Result<Vec<Event>, sqlx::Error> {
        let rows: Vec<EventRow> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT seq, id, device_id, kind, payload, COALESCE(effective_time_ms, device_time_ms) AS time_ms FROM events \
             WHERE learner_id = $1 ORDER BY time_ms DESC, seq DESC LIMIT $2",
        )
        .bind(learner_id)
        .bind(i64::from(limit))
        .fetch_all(p)
        .await)?;
        rows.into_iter().map(|r| r.decode().map(|(_, e)| e)).collect()
    }

    /// The learner's progress folded from every held event, with clock-corrected times
    /// (a full refold: the dashboard reads the incremental row in `learner_progress` instead).
    pub async fn progress(&self, learner_id: i64) -> Result<Progress, sqlx::Error> {
        let rows: Vec<EventRow> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT seq, id, device_id, kind, payload, COALESCE(effective_time_ms, device_time_ms) AS time_ms \
             FROM events WHERE learner_id = $1",
        )
        .bind(learner_id)
        .fetch_all(p)
        .await)?;
        let events = rows.into_iter().map(|r| r.decode().map(|(_, e)| e)).collect::<Result<Vec<_>, _>>()?;
        Ok(Progress::fold(&events))
    }

    pub async fn count_events(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM events").fetch_one(p).await)
    }
}

