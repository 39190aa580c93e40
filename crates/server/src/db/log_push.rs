//! The learning log kept current inside the push transaction (docs/activities.md): each touched
//! entry's newest draft and its hand-in, from the learner's fold, into `log_entries`.

use super::Tx;
use lentera_protocol::activity::Activities;
use lentera_protocol::{Event, EventBody, Progress, Stamp};
use std::collections::BTreeSet;

/// Entries the log events in `fresh` touch.
pub(super) fn touched_entries(fresh: &[Event]) -> BTreeSet<&str> {
    fresh
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::LogSaved { entry, .. } | EventBody::LogSubmitted { entry } => Some(entry.as_str()),
            _ => None,
        })
        .collect()
}

/// The kept row's stamps and status: (draft time, draft event, status, hand-in time, hand-in event).
type Kept = (i64, String, String, Option<i64>, Option<String>);

/// Writes each touched entry from the fold: the newest draft by stamp; a new hand-in makes it
/// `submitted` (again after a return); a confirmed entry stays confirmed whatever comes later.
pub(super) async fn keep(tx: &mut Tx, learner_id: i64, progress: &Progress, entries: &BTreeSet<&str>) -> Result<(), sqlx::Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let activities = Activities::of(&progress.activity);
    for entry in entries {
        // A hand-in without its draft waits: the draft's push will find it in the fold.
        let Some((saved, draft)) = activities.drafts.get(*entry) else { continue };
        let handed_in = activities.submitted.get(*entry).copied();
        let kept: Option<Kept> = on_tx!(tx, c => sqlx::query_as(
            "SELECT draft_at_ms, draft_event, status, submitted_at_ms, submitted_event FROM log_entries WHERE learner_id = $1 AND entry = $2",
        )
        .bind(learner_id)
        .bind(*entry)
        .fetch_optional(&mut *c)
        .await)?;
        let (draft_stamp, status, hand_in) = decide(kept, *saved, handed_in);
        let text = serde_json::to_string(draft).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let draft_text = (draft_stamp == *saved).then_some(text);
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO log_entries (learner_id, entry, draft, draft_at_ms, draft_event, status, submitted_at_ms, submitted_event) \
             VALUES ($1, $2, COALESCE($3, ''), $4, $5, $6, $7, $8) \
             ON CONFLICT (learner_id, entry) DO UPDATE SET draft = COALESCE($3, log_entries.draft), draft_at_ms = excluded.draft_at_ms, \
             draft_event = excluded.draft_event, status = excluded.status, submitted_at_ms = excluded.submitted_at_ms, \
             submitted_event = excluded.submitted_event",
        )
        .bind(learner_id)
        .bind(*entry)
        .bind(draft_text)
        .bind(draft_stamp.time_ms)
        .bind(draft_stamp.id.to_string())
        .bind(status)
        .bind(hand_in.map(|s| s.time_ms))
        .bind(hand_in.map(|s| s.id.to_string()))
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
    }
    Ok(())
}

/// (draft stamp kept, status, hand-in kept) after the fold's newest draft and hand-in.
fn decide(kept: Option<Kept>, saved: Stamp, handed_in: Option<Stamp>) -> (Stamp, &'static str, Option<Stamp>) {
    let Some((draft_ms, draft_event, status, in_ms, in_event)) = kept else {
        return (saved, if handed_in.is_some() { "submitted" } else { "draft" }, handed_in);
    };
    let stamp = |ms: i64, id: &str| id.parse().ok().map(|id| Stamp { time_ms: ms, id });
    let kept_draft = stamp(draft_ms, &draft_event);
    let draft = match kept_draft {
        Some(k) if k > saved => k,
        _ => saved,
    };
    let kept_in = in_ms.zip(in_event).and_then(|(ms, id)| stamp(ms, &id));
    let newer_in = match (kept_in, handed_in) {
        (Some(k), Some(h)) if h > k => Some(h),
        (None, Some(h)) => Some(h),
        _ => None,
    };
    let status = match (status.as_str(), newer_in) {
        ("confirmed", _) => "confirmed",
        (_, Some(_)) => "submitted",
        ("submitted", None) => "submitted",
        ("returned", None) => "returned",
        _ => "draft",
    };
    (draft, status, newer_in.or(kept_in))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lentera_protocol::EventId;

    fn at(ms: i64) -> Stamp {
        Stamp { time_ms: ms, id: EventId::new_v7(ms as u64, [1; 10]) }
    }

    fn kept(draft: i64, status: &str, handed_in: Option<i64>) -> Option<Kept> {
        Some((draft, at(draft).id.to_string(), status.into(), handed_in, handed_in.map(|ms| at(ms).id.to_string())))
    }

    #[test]
    fn a_new_hand_in_after_a_return_submits_again_and_the_same_one_does_not() {
        assert_eq!(decide(kept(10, "returned", Some(20)), at(10), Some(at(20))).1, "returned");
        assert_eq!(decide(kept(10, "returned", Some(20)), at(30), Some(at(40))).1, "submitted");
    }

    #[test]
    fn a_confirmed_entry_stays_confirmed_after_a_later_save_and_hand_in() {
        assert_eq!(decide(kept(10, "confirmed", Some(20)), at(30), Some(at(40))), (at(30), "confirmed", Some(at(40))));
    }

    #[test]
    fn an_older_draft_does_not_replace_a_newer_one() {
        assert_eq!(decide(kept(50, "draft", None), at(10), None).0, at(50));
    }
}
