//! An innovation idea as the learner's own events left it (docs/innovation.md): what the phone shows
//! and edits before the server has spoken. A sibling of `activity::Activities` for `idea_saved` and
//! `idea_submitted`, which `Progress.activity` keeps newest-per-entry.

use crate::idea::{IdeaResult, IdeaRound, IdeaStatus, MAX_IMAGES, MAX_TEAM, MyIdea, RoundStatus, SECTIONS};
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
                EventBody::IdeaSaved { entry, .. } if out.drafts.get(entry).is_none_or(|(was, _)| *was < at) => {
                    if let Some(draft) = IdeaDraft::of(&event.body) {
                        out.drafts.insert(entry.clone(), (at, draft));
                    }
                }
                EventBody::IdeaSubmitted { entry } if out.submitted.get(entry).is_none_or(|was| *was < at) => {
                    out.submitted.insert(entry.clone(), at);
                }
                _ => {}
            }
        }
        out
    }
}

/// Where one idea stands, as the learner reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    Draft,
    /// Handed in on this phone, not yet pushed.
    WaitingSync,
    Submitted,
    /// Handed in when the round was not open; the server's reason.
    Late(Option<String>),
    Endorsed,
    /// The supervisor's note.
    Returned(Option<String>),
}

impl Shown {
    /// The learner may still change it and hand it in.
    pub fn editable(&self) -> bool {
        matches!(self, Shown::Draft | Shown::Returned(_))
    }

    pub fn key(&self) -> &'static str {
        match self {
            Shown::Draft => "draft",
            Shown::WaitingSync => "waiting-sync",
            Shown::Submitted => "submitted",
            Shown::Late(_) => "late",
            Shown::Endorsed => "endorsed",
            Shown::Returned(_) => "returned",
        }
    }
}

/// One idea on the phone's list: the server's word merged with the phone's own events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdeaRow {
    pub entry: String,
    pub round: String,
    pub title: String,
    /// The phone's newest draft (`None` for an idea this phone has not seen written).
    pub draft: Option<IdeaDraft>,
    pub shown: Shown,
    /// A change saved on this phone that the server has not had yet.
    pub unsaved: bool,
    pub result: Option<IdeaResult>,
}

/// The learner's ideas: the phone's newest draft over the server's copy, an unsent hand-in said as
/// such until the server has it; the server's standing and result otherwise.
pub fn rows(mine: &IdeaDrafts, server: &[MyIdea], unsent: &[EventBody]) -> Vec<IdeaRow> {
    let waiting = |wanted: fn(&EventBody) -> Option<&String>, entry: &str| unsent.iter().filter_map(wanted).any(|e| e == entry);
    fn submit_of(b: &EventBody) -> Option<&String> {
        if let EventBody::IdeaSubmitted { entry } = b { Some(entry) } else { None }
    }
    fn save_of(b: &EventBody) -> Option<&String> {
        if let EventBody::IdeaSaved { entry, .. } = b { Some(entry) } else { None }
    }
    let mut ids: Vec<String> = mine.drafts.keys().cloned().collect();
    ids.extend(server.iter().map(|e| e.entry.clone()).filter(|id| !mine.drafts.contains_key(id)));
    let mut out: Vec<IdeaRow> = ids
        .into_iter()
        .map(|entry| {
            let on_server = server.iter().find(|e| e.entry == entry);
            let draft = mine.drafts.get(&entry).map(|(_, d)| d.clone());
            let shown = if waiting(submit_of, &entry) {
                Shown::WaitingSync
            } else {
                match on_server.map(|e| (e.status, e.note.clone())) {
                    Some((IdeaStatus::Endorsed, _)) => Shown::Endorsed,
                    Some((IdeaStatus::Returned, note)) => Shown::Returned(note),
                    Some((IdeaStatus::Late, note)) => Shown::Late(note),
                    Some((IdeaStatus::Submitted, _)) => Shown::Submitted,
                    _ if mine.submitted.contains_key(&entry) => Shown::Submitted,
                    _ => Shown::Draft,
                }
            };
            let round = draft.as_ref().map(|d| d.round.clone()).or_else(|| on_server.map(|e| e.round.clone())).unwrap_or_default();
            let title = draft.as_ref().map(|d| d.title.clone()).or_else(|| on_server.map(|e| e.title.clone())).unwrap_or_default();
            IdeaRow { unsaved: waiting(save_of, &entry), result: on_server.and_then(|e| e.result.clone()), entry, round, title, draft, shown }
        })
        .collect();
    // Newest round first; within one, by title.
    out.sort_by(|a, b| b.round.parse::<i64>().unwrap_or(0).cmp(&a.round.parse::<i64>().unwrap_or(0)).then(a.title.cmp(&b.title)).then(a.entry.cmp(&b.entry)));
    out
}

/// Ideas may be handed in to `round` on `today` (`YYYY-MM-DD`, WIB) by the phone's clock: from its
/// opening day to its deadline, inclusive. The server decides on arrival.
pub fn open_on(round: &IdeaRound, today: &str) -> bool {
    !matches!(round.status, RoundStatus::Judging | RoundStatus::Published) && round.opens_on.as_str() <= today && today <= round.closes_on.as_str()
}

/// A score in hundredths as written: "4,35" in Bahasa Indonesia, "4.35" in English.
pub fn score_words(hundredths: u32, decimal_comma: bool) -> String {
    format!("{}{}{:02}", hundredths / 100, if decimal_comma { ',' } else { '.' }, hundredths % 100)
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

    fn server(entry: &str, status: IdeaStatus, note: Option<&str>) -> MyIdea {
        MyIdea { entry: entry.into(), round: "7".into(), title: format!("server {entry}"), status, note: note.map(Into::into), result: None }
    }

    #[test]
    fn the_list_merges_the_servers_word_with_the_phones_unsent_events() {
        let saved = |entry: &str, title: &str| event(10, draft(title).saved(entry));
        let mine = IdeaDrafts::of(&Progress::fold([&saved("a", "Draf offline"), &saved("b", "Dikembalikan"), &saved("c", "Terkirim"), &saved("d", "Dinilai")]).activity);
        let servers = vec![
            server("b", IdeaStatus::Returned, Some("Tambahkan biaya")),
            server("c", IdeaStatus::Submitted, None),
            MyIdea { result: Some(IdeaResult { rank: 2, of: 9, score_hundredths: 825, tie_note: None }), ..server("d", IdeaStatus::Endorsed, None) },
            server("e", IdeaStatus::Late, Some("after the deadline")),
        ];
        // "a" was handed in offline; "b" was changed again after it came back.
        let unsent = vec![EventBody::IdeaSubmitted { entry: "a".into() }, draft("Dikembalikan, diperbaiki").saved("b")];
        let rows = rows(&mine, &servers, &unsent);
        let by = |entry: &str| rows.iter().find(|r| r.entry == entry).unwrap();
        assert_eq!(rows.len(), 5);
        assert_eq!(by("a").shown, Shown::WaitingSync);
        assert_eq!(by("a").title, "Draf offline", "the phone's draft shows before the server has it");
        assert_eq!(by("b").shown, Shown::Returned(Some("Tambahkan biaya".into())));
        assert!(by("b").unsaved && by("b").shown.editable());
        assert_eq!(by("c").shown, Shown::Submitted);
        assert!(!by("c").unsaved);
        assert_eq!(by("d").shown, Shown::Endorsed);
        assert_eq!(by("d").result.as_ref().map(|r| (r.rank, r.of)), Some((2, 9)));
        assert_eq!(by("e").shown, Shown::Late(Some("after the deadline".into())));
        assert_eq!((by("e").title.as_str(), by("e").draft.is_none()), ("server e", true), "written on another device: the server's title");
    }

    #[test]
    fn a_hand_in_the_server_has_but_has_not_listed_yet_reads_as_submitted() {
        let saved = event(10, draft("x").saved("a"));
        let sent = event(20, EventBody::IdeaSubmitted { entry: "a".into() });
        let mine = IdeaDrafts::of(&Progress::fold([&saved, &sent]).activity);
        assert_eq!(rows(&mine, &[], &[])[0].shown, Shown::Submitted);
        assert_eq!(rows(&mine, &[server("a", IdeaStatus::Draft, None)], &[])[0].shown, Shown::Submitted);
    }

    #[test]
    fn a_round_is_open_by_the_phones_clock_from_its_first_day_to_its_deadline() {
        let round = IdeaRound { id: 7, theme: "t".into(), description: String::new(), opens_on: "2026-12-01".into(), closes_on: "2026-12-20".into(), status: RoundStatus::Open, criteria: vec![] };
        assert_eq!(["2026-11-30", "2026-12-01", "2026-12-20", "2026-12-21"].map(|d| open_on(&round, d)), [false, true, true, false]);
        assert!(!open_on(&IdeaRound { status: RoundStatus::Judging, ..round }, "2026-12-05"));
    }

    #[test]
    fn scores_are_written_with_the_languages_decimal_mark() {
        assert_eq!((score_words(825, true), score_words(825, false), score_words(405, true)), ("8,25".to_owned(), "8.25".to_owned(), "4,05".to_owned()));
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
