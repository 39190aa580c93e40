//! An innovation idea as the learner's own events left it (docs/innovation.md): what the phone shows
//! and edits before the server has spoken. A sibling of `activity::Activities` for `idea_saved` and
//! `idea_submitted`, which `Progress.activity` keeps newest-per-entry.

use crate::idea::{MAX_IMAGES, MAX_TEAM, SECTIONS};
use crate::nip::{Nip, NipError};
use crate::progress::Stamp;
use crate::{Event, EventBody};
use std::collections::BTreeMap;

/// Longest text one field may hold: the push refuses longer (`routes/sync.rs`), so the form stops there.
pub const MAX_FIELD_CHARS: usize = 2000;

/// One idea as written (the newest `idea_saved` counts).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdeaDraft {
    /// The round's id, as a decimal string.
    pub round: String,
    pub title: String,
    /// The five sections in the order of `idea::SECTIONS` (always that many here).
    pub items: Vec<String>,
    /// Image ids (sent like the learning log's evidence).
    pub evidence: Vec<String>,
    /// Co-authors' NIPs.
    pub team: Vec<String>,
}

impl IdeaDraft {
    /// An empty draft for `round`.
    pub fn new(round: &str) -> IdeaDraft {
        IdeaDraft { round: round.to_owned(), items: vec![String::new(); SECTIONS.len()], ..IdeaDraft::default() }
    }

    /// The draft an `idea_saved` event carries; `None` for other events. Missing sections read as empty.
    pub fn of(body: &EventBody) -> Option<IdeaDraft> {
        match body {
            EventBody::IdeaSaved { round, title, items, evidence, team, .. } => {
                let mut items = items.clone();
                items.resize(SECTIONS.len(), String::new());
                Some(IdeaDraft { round: round.clone(), title: title.clone(), items, evidence: evidence.clone(), team: team.clone() })
            }
            _ => None,
        }
    }

    /// The `idea_saved` event that saves this draft as entry `entry`.
    pub fn saved(self, entry: &str) -> EventBody {
        EventBody::IdeaSaved { entry: entry.to_owned(), round: self.round, title: self.title, items: self.items, evidence: self.evidence, team: self.team }
    }

    /// Title and all five sections say something: what the supervisor needs to read it.
    pub fn complete(&self) -> bool {
        !self.title.trim().is_empty() && self.items.len() == SECTIONS.len() && self.items.iter().all(|t| !t.trim().is_empty())
    }
}

/// Why a typed co-author cannot join the team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamRefusal {
    Nip(NipError),
    /// The learner's own NIP: they are the author already.
    Own,
    Already,
    Full,
}

/// Checks a typed co-author against the team so far; the NIP as it will be stored when it may join.
pub fn team_member(typed: &str, own: &str, team: &[String]) -> Result<String, TeamRefusal> {
    let nip = Nip::parse(typed).map_err(TeamRefusal::Nip)?.to_string();
    if nip == own {
        Err(TeamRefusal::Own)
    } else if team.contains(&nip) {
        Err(TeamRefusal::Already)
    } else if team.len() >= MAX_TEAM {
        Err(TeamRefusal::Full)
    } else {
        Ok(nip)
    }
}

/// Whether another image may be added.
pub fn room_for_image(draft: &IdeaDraft) -> bool {
    draft.evidence.len() < MAX_IMAGES
}

/// The learner's ideas as their own events left them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdeaDrafts {
    /// Entry id → newest draft.
    pub drafts: BTreeMap<String, (Stamp, IdeaDraft)>,
    /// Entry id → newest hand-in.
    pub submitted: BTreeMap<String, Stamp>,
}

impl IdeaDrafts {
    pub fn of(kept: &[Event]) -> IdeaDrafts {
        let mut out = IdeaDrafts::default();
        for event in kept {
            let at = Stamp::of(event);
            match &event.body {
                EventBody::IdeaSaved { entry, .. } => {
                    if let Some(draft) = IdeaDraft::of(&event.body) {
                        if out.drafts.get(entry).is_none_or(|(was, _)| *was < at) {
                            out.drafts.insert(entry.clone(), (at, draft));
                        }
                    }
                }
                EventBody::IdeaSubmitted { entry } => {
                    if out.submitted.get(entry).is_none_or(|was| *was < at) {
                        out.submitted.insert(entry.clone(), at);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Progress;
    use crate::ids::{DeviceId, EventId};

    fn event(ms: i64, body: EventBody) -> Event {
        Event { id: EventId::new_v7(ms as u64, [1; 10]), device_id: DeviceId::from_random([2; 16]), device_time_ms: ms, body }
    }

    fn draft(title: &str) -> IdeaDraft {
        IdeaDraft { title: title.into(), ..IdeaDraft::new("7") }
    }

    #[test]
    fn the_newest_save_of_an_idea_counts_in_any_order() {
        let old = event(10, draft("lama").saved("i1"));
        let new = event(20, draft("baru").saved("i1"));
        for order in [[&old, &new], [&new, &old]] {
            let progress = Progress::fold(order);
            let ideas = IdeaDrafts::of(&progress.activity);
            assert_eq!(ideas.drafts["i1"].1.title, "baru");
            assert_eq!(ideas.drafts["i1"].1.round, "7");
        }
    }

    #[test]
    fn a_hand_in_is_kept_beside_the_draft_and_log_events_are_not_ideas() {
        let saved = event(10, draft("Antrian daring").saved("i1"));
        let sent = event(20, EventBody::IdeaSubmitted { entry: "i1".into() });
        let log = event(30, EventBody::LogSubmitted { entry: "i1".into() });
        let ideas = IdeaDrafts::of(&Progress::fold([&saved, &sent, &log]).activity);
        assert!(ideas.submitted.contains_key("i1"));
        assert_eq!(ideas.drafts.len(), 1);
    }

    #[test]
    fn a_short_event_reads_as_five_sections() {
        let body = EventBody::IdeaSaved { entry: "i1".into(), round: "7".into(), title: "t".into(), items: vec!["masalah".into()], evidence: vec![], team: vec![] };
        assert_eq!(IdeaDraft::of(&body).unwrap().items, vec!["masalah".to_owned(), String::new(), String::new(), String::new(), String::new()]);
    }

    #[test]
    fn an_idea_is_complete_only_with_a_title_and_every_section() {
        let mut d = draft("Antrian daring");
        d.items = SECTIONS.iter().map(|(k, _)| format!("isi {k}")).collect();
        assert!(d.complete());
        d.items[4] = "  ".into();
        assert!(!d.complete());
        d.items[4] = "Rp 2 juta".into();
        d.title = String::new();
        assert!(!d.complete());
    }

    #[test]
    fn a_co_author_must_be_a_real_nip_not_the_author_nor_twice_nor_one_too_many() {
        let own = "198503122010012002";
        let other = "197906182005011003";
        assert_eq!(team_member("19790618 200501 1 003", own, &[]), Ok(other.to_owned()));
        assert!(matches!(team_member("12345", own, &[]), Err(TeamRefusal::Nip(NipError::Length(5)))));
        assert_eq!(team_member(own, own, &[]), Err(TeamRefusal::Own));
        assert_eq!(team_member(other, own, &[other.to_owned()]), Err(TeamRefusal::Already));
        let full: Vec<String> = (1..=MAX_TEAM).map(|i| format!("19800214200604200{i}")).collect();
        assert_eq!(team_member(other, own, &full), Err(TeamRefusal::Full));
    }
}
