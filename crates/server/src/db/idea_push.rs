//! Innovation ideas kept current inside the push transaction (docs/innovation.md): each touched
//! entry's newest draft and hand-in, from the learner's fold, into `ideas`; a hand-in counts as
//! submitted only inside its round's window, for a learner the round is open to.

use super::Tx;
use lentera_protocol::{Event, EventBody, Progress, Stamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What `ideas.draft` holds besides the title (JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaDraft {
    pub items: Vec<String>,
    pub evidence: Vec<String>,
    pub team: Vec<String>,
}

/// Entries the idea events in `fresh` touch.
pub(super) fn touched_entries(fresh: &[Event]) -> BTreeSet<&str> {
    fresh
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::IdeaSaved { entry, .. } | EventBody::IdeaSubmitted { entry } => Some(entry.as_str()),
            _ => None,
        })
        .collect()
}

/// Every idea entry the fold holds a draft of (the bulk loader's way in).
pub(super) fn all_entries(progress: &Progress) -> BTreeSet<&str> {
    progress
        .activity
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::IdeaSaved { entry, .. } => Some(entry.as_str()),
            _ => None,
        })
        .collect()
}

/// The fold's newest save and hand-in of each entry.
struct Fold<'a> {
    saved: BTreeMap<&'a str, (Stamp, &'a str, &'a str, IdeaDraft)>,
    submitted: BTreeMap<&'a str, Stamp>,
}

fn fold(progress: &Progress) -> Fold<'_> {
    let mut out = Fold { saved: BTreeMap::new(), submitted: BTreeMap::new() };
    for e in &progress.activity {
        let at = Stamp::of(e);
        match &e.body {
            EventBody::IdeaSaved { entry, round, title, items, evidence, team } => {
                let draft = IdeaDraft { items: items.clone(), evidence: evidence.clone(), team: team.clone() };
                out.saved.insert(entry.as_str(), (at, round.as_str(), title.as_str(), draft));
            }
            EventBody::IdeaSubmitted { entry } => {
                out.submitted.insert(entry.as_str(), at);
            }
            _ => {}
        }
    }
    out
}

/// A round's hand-in window for this learner: (first ms, last ms), WIB days inclusive.
pub type Window = (i64, i64);

/// Days after the deadline within which a hand-in the phone made on time may still reach the server
/// (a signal can be gone for days); later than that, the phone's clock is not believed.
pub const HAND_IN_GRACE_DAYS: i64 = 7;
const GRACE_MS: i64 = HAND_IN_GRACE_DAYS * 86_400_000;

/// Why a hand-in outside its window is kept as `late` (shown to the learner).
pub fn late_note(window: Option<Window>, at_ms: i64, received_ms: Option<i64>) -> String {
    match window {
        None => "Babak lomba ini tidak ada atau tidak terbuka untuk unit Anda; ide disimpan tetapi tidak dinilai.".into(),
        Some((first, _)) if at_ms < first => "Dikirim sebelum babak dibuka; kirim lagi setelah babak dibuka.".into(),
        Some((_, last)) if at_ms <= last && received_ms.is_some_and(|r| r > last + GRACE_MS) => format!(
            "Sampai di server lebih dari {HAND_IN_GRACE_DAYS} hari setelah batas waktu; ide disimpan tetapi tidak dinilai."
        ),
        Some(_) => "Dikirim setelah batas waktu babak; ide disimpan tetapi tidak dinilai.".into(),
    }
}

/// The kept row: (draft time, draft event, status, hand-in time, hand-in event).
type Kept = (i64, String, String, Option<i64>, Option<String>);

/// What to write: (draft stamp kept, status, hand-in kept, whether the hand-in was new).
#[derive(Debug, PartialEq, Eq)]
struct Decision {
    draft: Stamp,
    status: &'static str,
    hand_in: Option<Stamp>,
    new_hand_in: bool,
}

/// After the fold's newest draft and hand-in: the newest draft by stamp, except that once handed in
/// on time a save after the deadline no longer replaces it; a newer hand-in makes it submitted (or
/// late outside the window); an endorsed idea stays endorsed.
/// `received_ms` is when the push arrived (`None` for the bulk loader's own data).
fn decide(kept: Option<Kept>, saved: Stamp, handed_in: Option<Stamp>, window: Option<Window>, received_ms: Option<i64>) -> Decision {
    let in_window = |s: Stamp| window.is_some_and(|(a, b)| (a..=b).contains(&s.time_ms) && received_ms.is_none_or(|r| r <= b + GRACE_MS));
    let Some((draft_ms, draft_event, status, in_ms, in_event)) = kept else {
        let status = match handed_in {
            Some(h) if in_window(h) => "submitted",
            Some(_) => "late",
            None => "draft",
        };
        return Decision { draft: saved, status, hand_in: handed_in, new_hand_in: handed_in.is_some() };
    };
    let stamp = |ms: i64, id: &str| id.parse().ok().map(|id| Stamp { time_ms: ms, id });
    let kept_draft = stamp(draft_ms, &draft_event);
    let frozen = matches!(status.as_str(), "submitted" | "endorsed" | "returned") && window.is_some_and(|(_, end)| saved.time_ms > end);
    let draft = match kept_draft {
        Some(k) if k > saved || frozen => k,
        _ => saved,
    };
    let kept_in = in_ms.zip(in_event).and_then(|(ms, id)| stamp(ms, &id));
    let newer_in = match (kept_in, handed_in) {
        (Some(k), Some(h)) if h > k => Some(h),
        (None, Some(h)) => Some(h),
        _ => None,
    };
    let status = match (status.as_str(), newer_in) {
        ("endorsed", _) => "endorsed",
        // An on-time hand-in already waits: a later one outside the window changes nothing.
        ("submitted", Some(h)) if !in_window(h) => "submitted",
        (_, Some(h)) if in_window(h) => "submitted",
        (_, Some(_)) => "late",
        ("submitted", None) => "submitted",
        ("returned", None) => "returned",
        ("late", None) => "late",
        _ => "draft",
    };
    Decision { draft, status, hand_in: newer_in.or(kept_in), new_hand_in: newer_in.is_some() }
}

/// The window of round `round` (decimal id) for the learner, if it exists and is open to their unit.
async fn window_of(tx: &mut Tx, learner_id: i64, round: &str) -> Result<Option<(i64, Window)>, sqlx::Error> {
    let Ok(id) = round.trim().parse::<i64>() else { return Ok(None) };
    let row: Option<(String, String)> = on_tx!(tx, c => sqlx::query_as(
        "WITH RECURSIVE up (id) AS (SELECT unit_id FROM learners WHERE id = $1 AND unit_id IS NOT NULL \
         UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL) \
         SELECT r.opens_on, r.closes_on FROM idea_rounds r WHERE r.id = $2 AND (r.unit_id IS NULL OR r.unit_id IN (SELECT id FROM up))",
    )
    .bind(learner_id)
    .bind(id)
    .fetch_optional(&mut *c)
    .await)?;
    Ok(row.and_then(|(opens, closes)| Some((id, window(&opens, &closes)?))))
}

/// WIB midnight starting `opens` to the last millisecond of `closes`.
pub fn window(opens: &str, closes: &str) -> Option<Window> {
    const HALF_DAY: i64 = 12 * 3_600_000;
    Some((crate::calendar::noon_ms(opens)? - HALF_DAY, crate::calendar::noon_ms(closes)? + HALF_DAY - 1))
}

/// Writes each touched entry from the fold (a hand-in without its draft waits for the draft's push).
pub(super) async fn keep(tx: &mut Tx, learner_id: i64, progress: &Progress, entries: &BTreeSet<&str>, received_ms: Option<i64>) -> Result<(), sqlx::Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let fold = fold(progress);
    for entry in entries {
        let Some((saved, round, title, draft)) = fold.saved.get(*entry) else { continue };
        let handed_in = fold.submitted.get(*entry).copied();
        let kept: Option<Kept> = on_tx!(tx, c => sqlx::query_as(
            "SELECT draft_at_ms, draft_event, status, submitted_at_ms, submitted_event FROM ideas WHERE learner_id = $1 AND entry = $2",
        )
        .bind(learner_id)
        .bind(*entry)
        .fetch_optional(&mut *c)
        .await)?;
        let found = window_of(tx, learner_id, round).await?;
        let window = found.map(|(_, w)| w);
        let d = decide(kept, *saved, handed_in, window, received_ms);
        let fresh_draft = d.draft == *saved;
        let text = serde_json::to_string(draft).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        // A new hand-in clears an old note; a late one says why.
        let note = match (d.new_hand_in, d.status) {
            (true, "late") => Some(Some(late_note(window, d.hand_in.map_or(0, |h| h.time_ms), received_ms))),
            (true, _) => Some(None),
            _ => None,
        };
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO ideas (learner_id, entry, round, round_id, title, draft, draft_at_ms, draft_event, status, submitted_at_ms, submitted_event, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (learner_id, entry) DO UPDATE SET \
             round = CASE WHEN $13 THEN excluded.round ELSE ideas.round END, \
             round_id = CASE WHEN $13 THEN excluded.round_id ELSE ideas.round_id END, \
             title = CASE WHEN $13 THEN excluded.title ELSE ideas.title END, \
             draft = CASE WHEN $13 THEN excluded.draft ELSE ideas.draft END, \
             draft_at_ms = excluded.draft_at_ms, draft_event = excluded.draft_event, status = excluded.status, \
             submitted_at_ms = excluded.submitted_at_ms, submitted_event = excluded.submitted_event, \
             note = CASE WHEN $14 THEN excluded.note ELSE ideas.note END",
        )
        .bind(learner_id)
        .bind(*entry)
        .bind(*round)
        .bind(found.map(|(id, _)| id))
        .bind(*title)
        .bind(text)
        .bind(d.draft.time_ms)
        .bind(d.draft.id.to_string())
        .bind(d.status)
        .bind(d.hand_in.map(|s| s.time_ms))
        .bind(d.hand_in.map(|s| s.id.to_string()))
        .bind(note.clone().flatten())
        .bind(fresh_draft)
        .bind(note.is_some())
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
    }
    Ok(())
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

    const OPEN: Option<Window> = Some((100, 200));

    #[test]
    fn a_hand_in_inside_the_window_submits_and_outside_is_late() {
        assert_eq!(decide(None, at(110), Some(at(150)), OPEN, None).status, "submitted");
        assert_eq!(decide(None, at(110), Some(at(201)), OPEN, None).status, "late");
        assert_eq!(decide(None, at(10), Some(at(50)), OPEN, None).status, "late");
        assert_eq!(decide(None, at(110), Some(at(150)), None, None).status, "late");
        assert_eq!(decide(None, at(110), None, OPEN, None).status, "draft");
    }

    #[test]
    fn an_on_time_hand_in_counts_if_it_arrives_within_the_grace_days_and_not_after() {
        assert_eq!(decide(None, at(110), Some(at(150)), OPEN, Some(200 + GRACE_MS)).status, "submitted");
        assert_eq!(decide(None, at(110), Some(at(150)), OPEN, Some(201 + GRACE_MS)).status, "late");
        assert!(late_note(OPEN, 150, Some(201 + GRACE_MS)).contains("lebih dari 7 hari"));
    }

    #[test]
    fn a_new_hand_in_after_a_return_submits_again_and_the_same_one_does_not() {
        assert_eq!(decide(kept(110, "returned", Some(120)), at(110), Some(at(120)), OPEN, None).status, "returned");
        assert_eq!(decide(kept(110, "returned", Some(120)), at(130), Some(at(140)), OPEN, None).status, "submitted");
    }

    #[test]
    fn an_endorsed_idea_stays_endorsed() {
        assert_eq!(decide(kept(110, "endorsed", Some(120)), at(130), Some(at(140)), OPEN, None).status, "endorsed");
    }

    #[test]
    fn a_save_after_the_deadline_does_not_change_what_was_handed_in() {
        let d = decide(kept(110, "submitted", Some(120)), at(300), Some(at(301)), OPEN, None);
        assert_eq!((d.draft, d.status), (at(110), "submitted"));
    }

    #[test]
    fn an_older_draft_does_not_replace_a_newer_one() {
        assert_eq!(decide(kept(150, "draft", None), at(110), None, OPEN, None).draft, at(150));
    }
}
