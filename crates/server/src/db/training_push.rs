//! Registrations and check-ins decided inside the push transaction (docs/activities.md): the
//! learner's newest word on a training takes a place while there is one, and every `checked_in`
//! event is verified against the training's codes and window and kept with its verdict.

use super::trainings::{TrainingRow, grant_of, load_where, provider_of, source_of};
use super::Tx;
use crate::checkin_code;
use lentera_protocol::activity::Activities;
use lentera_protocol::{Event, EventBody, Progress};
use std::collections::BTreeSet;

/// Registrations and check-ins of `fresh` (times already clock-corrected), decided for the learner.
pub(super) async fn keep(tx: &mut Tx, learner_id: i64, progress: &Progress, fresh: &[Event], received_ms: i64) -> Result<(), sqlx::Error> {
    let mut words = BTreeSet::new();
    let mut check_ins = Vec::new();
    for event in fresh {
        match &event.body {
            EventBody::TrainingRegistered { training } | EventBody::TrainingCancelled { training } => {
                words.insert(training.clone());
            }
            EventBody::CheckedIn { .. } => check_ins.push(event),
            _ => {}
        }
    }
    if words.is_empty() && check_ins.is_empty() {
        return Ok(());
    }
    let invited_units = units_above(tx, learner_id).await?;
    let registered = Activities::of(&progress.activity).registered;
    for key in &words {
        let Some(training) = training(tx, key, true).await? else { continue };
        if !invited(&training, &invited_units) {
            continue;
        }
        let wants = registered.get(key).copied().unwrap_or(false);
        let said = progress
            .activity
            .iter()
            .filter(|e| matches!(&e.body, EventBody::TrainingRegistered { training } | EventBody::TrainingCancelled { training } if training == key))
            .map(|e| e.device_time_ms)
            .max()
            .unwrap_or(received_ms);
        register(tx, &training, learner_id, wants, said, received_ms).await?;
    }
    for event in check_ins {
        let EventBody::CheckedIn { training: key, code } = &event.body else { continue };
        let found = training(tx, key, false).await?;
        let verdict = match &found {
            None => "unknown_training",
            Some(t) => check(tx, t, learner_id, &invited_units, code, event.device_time_ms).await?,
        };
        if verdict == "credited"
            && let Some(t) = &found
        {
            let source = source_of(t.training.id);
            let provider = provider_of(tx, t.training.partner_id).await?;
            super::learner_credits::grant(tx, learner_id, &grant_of(&t.training, &source, &provider)).await?;
        }
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO training_checkins (training, learner_id, event_id, code, at_ms, received_ms, verdict) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (event_id) DO NOTHING")
            .bind(key).bind(learner_id).bind(event.id.to_string()).bind(code).bind(event.device_time_ms).bind(received_ms).bind(verdict)
            .execute(&mut *c).await.map(|d| d.rows_affected()))?;
    }
    Ok(())
}

/// The training `key` names; locked for the rest of the transaction when places are decided
/// (PostgreSQL: two pushes cannot both take the last place).
async fn training(tx: &mut Tx, key: &str, lock: bool) -> Result<Option<TrainingRow>, sqlx::Error> {
    let Ok(id) = key.parse::<i64>() else { return Ok(None) };
    Ok(load_where(tx, "WHERE id = $1", Some(id), lock).await?.pop())
}

/// The learner's unit and every unit above it: a training inviting any of them invites the learner.
pub(super) async fn units_above(tx: &mut Tx, learner_id: i64) -> Result<BTreeSet<i64>, sqlx::Error> {
    let mut next: Option<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT unit_id FROM learners WHERE id = $1").bind(learner_id).fetch_optional(&mut *c).await)?.flatten();
    let mut out = BTreeSet::new();
    while let Some(unit) = next.filter(|u| out.insert(*u)) {
        next = on_tx!(tx, c => sqlx::query_scalar("SELECT parent_id FROM units WHERE id = $1").bind(unit).fetch_optional(&mut *c).await)?.flatten();
    }
    Ok(out)
}

fn invited(training: &TrainingRow, units: &BTreeSet<i64>) -> bool {
    training.training.units.iter().any(|u| units.contains(u))
}

/// The newest word: a registration takes a free place (or is `full`), a cancel frees it.
async fn register(tx: &mut Tx, training: &TrainingRow, learner_id: i64, wants: bool, said_ms: i64, received_ms: i64) -> Result<(), sqlx::Error> {
    let id = training.training.id;
    let now: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT status FROM training_registrations WHERE training_id = $1 AND learner_id = $2")
        .bind(id).bind(learner_id).fetch_optional(&mut *c).await)?;
    let status = if !wants {
        "cancelled"
    } else if now.as_deref() == Some("confirmed") {
        "confirmed"
    } else {
        let taken: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM training_registrations WHERE training_id = $1 AND status = 'confirmed'")
            .bind(id).fetch_one(&mut *c).await)?;
        match training.training.capacity {
            Some(cap) if taken >= i64::from(cap) => "full",
            _ => "confirmed",
        }
    };
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO training_registrations (training_id, learner_id, status, said_at_ms, arrived_at_ms) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (training_id, learner_id) DO UPDATE SET status = excluded.status, said_at_ms = excluded.said_at_ms, arrived_at_ms = excluded.arrived_at_ms")
        .bind(id).bind(learner_id).bind(status).bind(said_ms).bind(received_ms)
        .execute(&mut *c).await.map(|d| d.rows_affected()))?;
    Ok(())
}

/// The verdict on one check-in: the learner invited, the time inside the window, the code one of
/// the window's, the host not having said absent, and credit not already given.
async fn check(tx: &mut Tx, t: &TrainingRow, learner_id: i64, units: &BTreeSet<i64>, code: &str, at_ms: i64) -> Result<&'static str, sqlx::Error> {
    let (opens, closes) = checkin_code::window(t.training.start_ms, t.training.end_ms);
    if !invited(t, units) {
        return Ok("not_invited");
    }
    if !(opens..=closes).contains(&at_ms) {
        return Ok("outside_window");
    }
    if !checkin_code::shown_for(&t.secret, t.training.start_ms, t.training.end_ms, code) {
        return Ok("wrong_code");
    }
    let key = t.training.id.to_string();
    let host: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT verdict FROM training_checkins WHERE training = $1 AND learner_id = $2 AND marked_by IS NOT NULL ORDER BY id DESC LIMIT 1")
        .bind(&key).bind(learner_id).fetch_optional(&mut *c).await)?;
    if host.as_deref() == Some("marked_absent") {
        return Ok("host_said_absent");
    }
    let credited: Option<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT jp FROM learner_credits WHERE learner_id = $1 AND source = $2")
        .bind(learner_id).bind(source_of(t.training.id)).fetch_optional(&mut *c).await)?;
    Ok(if credited.is_some() { "already_credited" } else { "credited" })
}
