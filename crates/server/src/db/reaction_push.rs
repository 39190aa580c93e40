//! Reactions and action plans kept current inside the push transaction (docs/evaluation.md): the
//! newest `reaction_given` and `action_plan_saved` of each learner and subject, by event stamp.

use super::Tx;
use lentera_protocol::{Event, EventBody, Stamp};

/// Keeps each reaction and plan among `events` (times already clock-corrected) unless the row
/// holds a newer one: an older event arriving late changes nothing.
pub(super) async fn keep<'a>(tx: &mut Tx, learner_id: i64, events: impl IntoIterator<Item = &'a Event>) -> Result<(), sqlx::Error> {
    for event in events {
        let stamp = Stamp::of(event);
        let id = stamp.id.to_string();
        match &event.body {
            // The push refused wrong levels already; a row with them would break the CHECK.
            EventBody::ReactionGiven { subject, choice, text } if lentera_protocol::reaction::valid_choice(choice) => {
                on_tx!(tx, c => sqlx::query(
                    "INSERT INTO reactions (learner_id, subject, c1, c2, c3, c4, answer, given_at_ms, given_event) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT (learner_id, subject) DO UPDATE SET c1 = excluded.c1, c2 = excluded.c2, c3 = excluded.c3, c4 = excluded.c4, \
                     answer = excluded.answer, given_at_ms = excluded.given_at_ms, given_event = excluded.given_event \
                     WHERE reactions.given_at_ms < excluded.given_at_ms \
                        OR (reactions.given_at_ms = excluded.given_at_ms AND reactions.given_event < excluded.given_event)",
                )
                .bind(learner_id)
                .bind(subject)
                .bind(i64::from(choice[0]))
                .bind(i64::from(choice[1]))
                .bind(i64::from(choice[2]))
                .bind(i64::from(choice[3]))
                .bind(text)
                .bind(stamp.time_ms)
                .bind(&id)
                .execute(&mut *c)
                .await
                .map(|d| d.rows_affected()))?;
            }
            EventBody::ActionPlanSaved { subject, text } => {
                // The first save is kept whatever arrives later: the supervisor is asked from it.
                on_tx!(tx, c => sqlx::query(PLAN_UPSERT)
                .bind(learner_id)
                .bind(subject)
                .bind(text)
                .bind(stamp.time_ms)
                .bind(&id)
                .execute(&mut *c)
                .await
                .map(|d| d.rows_affected()))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Inserts a plan or, when the arriving save is newer by stamp (time, then event id), takes its
/// text; the earliest save time is kept either way.
const PLAN_UPSERT: &str = "INSERT INTO action_plans (learner_id, subject, plan, saved_at_ms, saved_event, first_saved_at_ms) \
     VALUES ($1, $2, $3, $4, $5, $4) \
     ON CONFLICT (learner_id, subject) DO UPDATE SET \
     first_saved_at_ms = CASE WHEN excluded.first_saved_at_ms < action_plans.first_saved_at_ms THEN excluded.first_saved_at_ms ELSE action_plans.first_saved_at_ms END, \
     plan = CASE WHEN (action_plans.saved_at_ms < excluded.saved_at_ms OR (action_plans.saved_at_ms = excluded.saved_at_ms AND action_plans.saved_event < excluded.saved_event)) THEN excluded.plan ELSE action_plans.plan END, \
     saved_event = CASE WHEN (action_plans.saved_at_ms < excluded.saved_at_ms OR (action_plans.saved_at_ms = excluded.saved_at_ms AND action_plans.saved_event < excluded.saved_event)) THEN excluded.saved_event ELSE action_plans.saved_event END, \
     saved_at_ms = CASE WHEN (action_plans.saved_at_ms < excluded.saved_at_ms OR (action_plans.saved_at_ms = excluded.saved_at_ms AND action_plans.saved_event < excluded.saved_event)) THEN excluded.saved_at_ms ELSE action_plans.saved_at_ms END";
