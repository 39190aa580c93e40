//! Learners' events: idempotent batch insert, paged reads by server order, and the server's fold.

use super::sqlite::Db;
use lentera_protocol::{Event, EventBody, Progress};
use sqlx::{QueryBuilder, Row, Sqlite};

/// What storing a batch came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    /// Every event is held for this learner; `new` of them arrived now.
    Held { new: u32 },
    /// Some event id is already held for another learner: nothing was stored.
    ForeignEvent { index: usize },
}

/// The batch's clock correction: how far the device clock was behind the server's when it sent,
/// rounded to whole minutes so network delay never shifts a time.
pub fn skew_ms(sent_at_ms: i64, received_at_ms: i64) -> i64 {
    const MINUTE: i64 = 60_000;
    let raw = received_at_ms - sent_at_ms;
    (raw + raw.signum() * MINUTE / 2) / MINUTE * MINUTE
}

impl Db {
    /// Stores the batch for `learner_id` in one transaction; ids already held are left as they were.
    pub async fn insert_events(&self, learner_id: i64, events: &[Event], received_at_ms: i64, skew_ms: i64) -> Result<Stored, sqlx::Error> {
        if events.is_empty() {
            return Ok(Stored::Held { new: 0 });
        }
        let mut rows = Vec::with_capacity(events.len());
        for event in events {
            let payload = serde_json::to_value(&event.body)
                .map(|v| v["payload"].to_string())
                .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            // A corrected time in the future would be a clock guess; the receive time bounds it.
            let effective = event.device_time_ms.saturating_add(skew_ms).min(received_at_ms);
            rows.push((event, payload, effective));
        }
        let mut tx = self.pool().begin().await?;
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO events (id, device_id, kind, payload, device_time_ms, received_at_ms, learner_id, effective_time_ms) ",
        );
        insert.push_values(&rows, |mut b, (event, payload, effective)| {
            b.push_bind(event.id.to_string())
                .push_bind(event.device_id.to_string())
                .push_bind(event.body.kind())
                .push_bind(payload.as_str())
                .push_bind(event.device_time_ms)
                .push_bind(received_at_ms)
                .push_bind(learner_id)
                .push_bind(*effective);
        });
        insert.push(" ON CONFLICT (id) DO NOTHING RETURNING id");
        let inserted: Vec<String> = insert.build_query_scalar().fetch_all(&mut *tx).await?;
        let new = inserted.len();
        if new < events.len() {
            let mut check: QueryBuilder<Sqlite> =
                QueryBuilder::new("SELECT id FROM events WHERE learner_id IS NOT ");
            check.push_bind(learner_id).push(" AND id IN (");
            let mut ids = check.separated(", ");
            for event in events {
                ids.push_bind(event.id.to_string());
            }
            check.push(") LIMIT 1");
            if let Some(row) = check.build().fetch_optional(&mut *tx).await? {
                let foreign: String = row.try_get(0)?;
                tx.rollback().await?;
                let index = events.iter().position(|e| e.id.to_string() == foreign).unwrap_or(0);
                return Ok(Stored::ForeignEvent { index });
            }
        }
        // Only the newly stored events move the fold, with the times they were stored under.
        let inserted: std::collections::HashSet<String> = inserted.into_iter().collect();
        let fresh: Vec<Event> = rows
            .iter()
            .filter(|(event, _, _)| inserted.contains(&event.id.to_string()))
            .map(|(event, _, effective)| Event { device_time_ms: *effective, ..(*event).clone() })
            .collect();
        super::progress::apply_new(&mut tx, learner_id, &fresh, received_at_ms).await?;
        tx.commit().await?;
        Ok(Stored::Held { new: u32::try_from(new).unwrap_or(u32::MAX) })
    }

    /// Up to `limit` of the learner's events after server sequence `after`, each with its sequence.
    pub async fn events_after(&self, learner_id: i64, after: i64, limit: u32) -> Result<Vec<(i64, Event)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT seq, id, device_id, kind, payload, device_time_ms FROM events \
             WHERE learner_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(learner_id)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let time: i64 = row.try_get("device_time_ms")?;
            events.push((row.try_get("seq")?, decode(&row, time)?));
        }
        Ok(events)
    }

    /// The learner's newest `limit` events, newest first, with clock-corrected times (when things
    /// really happened, whatever the phone's clock said): the person page's timeline.
    pub async fn recent_events(&self, learner_id: i64, limit: u32) -> Result<Vec<Event>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, device_id, kind, payload, COALESCE(effective_time_ms, device_time_ms) AS time_ms FROM events \
             WHERE learner_id = ? ORDER BY time_ms DESC, seq DESC LIMIT ?",
        )
        .bind(learner_id)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|row| decode(row, row.try_get("time_ms")?)).collect()
    }

    /// The learner's progress folded from every held event, with clock-corrected times
    /// (a full refold: the dashboard reads the incremental row in `learner_progress` instead).
    pub async fn progress(&self, learner_id: i64) -> Result<Progress, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, device_id, kind, payload, COALESCE(effective_time_ms, device_time_ms) AS time_ms \
             FROM events WHERE learner_id = ?",
        )
        .bind(learner_id)
        .fetch_all(self.pool())
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in &rows {
            events.push(decode(row, row.try_get("time_ms")?)?);
        }
        Ok(Progress::fold(&events))
    }

    pub async fn count_events(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM events").fetch_one(self.pool()).await
    }
}

/// An event row back into the protocol type, with `time_ms` as its time.
fn decode(row: &sqlx::sqlite::SqliteRow, time_ms: i64) -> Result<Event, sqlx::Error> {
    let text = |name: &str| row.try_get::<String, _>(name);
    let body_json = format!(r#"{{"kind":{},"payload":{}}}"#, serde_json::Value::from(text("kind")?), text("payload")?);
    let body: EventBody = serde_json::from_str(&body_json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let parse_err = |e: lentera_protocol::IdError| sqlx::Error::Decode(Box::new(e));
    Ok(Event {
        id: text("id")?.parse().map_err(parse_err)?,
        device_id: text("device_id")?.parse().map_err(parse_err)?,
        device_time_ms: time_ms,
        body,
    })
}
