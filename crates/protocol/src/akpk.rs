//! Needs analysis (AKPK, docs/akpk.md): the competency framework's shapes, a person's survey as
//! folded from their events, and the plan proposal the phone and the server both compute.

use crate::course::{Competency as Kind, Pillar};
use crate::progress::Stamp;
use crate::{Event, EventBody};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Lowest and highest level of a competency.
pub const LEVELS: std::ops::RangeInclusive<u8> = 1..=5;

/// The open questions of the survey, by key (their text lives in each app's catalogue).
pub const QUESTIONS: [&str; 3] = ["tugas", "target", "hambatan"];

/// Plan item key of coaching by the supervisor: a form of learning that is not a course yet.
pub const COACHING: &str = "form:coaching";

/// JP a coaching item brings: three 45-minute sessions with the supervisor (Peraturan LAN 10/2018
/// counts 1 JP per 45 minutes of learning).
pub const COACHING_JP: u32 = 3;

/// A position's name as it is compared: trimmed, runs of whitespace folded to one space, ASCII
/// letters in lower case (`"Analis  kebijakan "` is `"analis kebijakan"`).
pub fn position_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

/// One competency of the framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameworkCompetency {
    pub code: String,
    pub kind: Kind,
    pub name: String,
    pub description: String,
    pub pillars: Vec<Pillar>,
    /// What a person at level 1..=5 can do at work, in that order.
    pub levels: Vec<String>,
    /// Courses that develop it, in the order the proposal offers them.
    pub courses: Vec<String>,
}

/// What a person's post requires of one competency, and how they were assessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating {
    pub competency: String,
    pub required: u8,
    pub self_level: Option<u8>,
    pub supervisor_level: Option<u8>,
}

impl Rating {
    /// The supervisor's level when they gave one (they see the work), else the person's own.
    pub fn assessed(&self) -> Option<u8> {
        self.supervisor_level.or(self.self_level)
    }

    /// Levels missing to the requirement; `None` while not assessed at all.
    pub fn gap(&self) -> Option<u8> {
        self.assessed().map(|level| self.required.saturating_sub(level))
    }
}

/// A course the library offers, as the proposal needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offer {
    pub id: String,
    pub title: String,
    pub jp: u32,
}

/// One line of a plan: a course id or a form of learning (`form:…`), the gaps it serves, its JP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanItem {
    pub key: String,
    pub competencies: Vec<String>,
    pub jp: u32,
}

/// The proposal for closing a person's gaps: for each competency with a gap (in the order given),
/// the courses mapped to it that are offered and not completed, then coaching when the gap is 2 or
/// more. Each item once; no gap, no item.
pub fn propose(ratings: &[Rating], framework: &[FrameworkCompetency], offers: &[Offer], completed: &BTreeSet<String>) -> Vec<PlanItem> {
    let mut plan: Vec<PlanItem> = Vec::new();
    let mut add = |key: &str, competency: &str, jp: u32| match plan.iter_mut().find(|item| item.key == key) {
        Some(item) => item.competencies.push(competency.to_owned()),
        None => plan.push(PlanItem { key: key.to_owned(), competencies: vec![competency.to_owned()], jp }),
    };
    for rating in ratings {
        let gap = rating.gap().unwrap_or(0);
        if gap == 0 {
            continue;
        }
        let Some(competency) = framework.iter().find(|c| c.code == rating.competency) else { continue };
        for course in &competency.courses {
            if completed.contains(course) {
                continue;
            }
            if let Some(offer) = offers.iter().find(|o| &o.id == course) {
                add(&offer.id, &competency.code, offer.jp);
            }
        }
        if gap >= 2 {
            add(COACHING, &competency.code, COACHING_JP);
        }
    }
    plan
}

/// JP of the items whose keys are listed, as `items` prices them; unknown keys count 0.
pub fn planned_jp(keys: &[String], priced: &[PlanItem]) -> u32 {
    keys.iter().filter_map(|key| priced.iter().find(|item| &item.key == key)).map(|item| item.jp).sum()
}

/// Most AKPK events a fold keeps: a framework's competencies, the questions, three hand-ins, for
/// a few years; beyond it a junk slot is dropped, so nobody can grow the fold without bound.
pub const MAX_KEPT: usize = 400;

/// One year's survey and plan as the person's events left them (the newest of each wins).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub ratings: BTreeMap<String, (Stamp, u8)>,
    pub answers: BTreeMap<String, (Stamp, String)>,
    pub submitted: Option<Stamp>,
    pub plan: Option<(Stamp, Vec<String>)>,
    /// The newest hand-in of the plan and the items it sent.
    pub plan_submitted: Option<(Stamp, Vec<String>)>,
}

impl Survey {
    /// The year's survey from a fold's kept AKPK events.
    pub fn of(kept: &[Event], year: u32) -> Survey {
        let mut survey = Survey::default();
        for event in kept {
            let at = Stamp::of(event);
            match &event.body {
                EventBody::SurveyRated { year: y, competency, level } if *y == year => {
                    if let Ok(level) = u8::try_from(*level).map_err(drop).and_then(|l| if LEVELS.contains(&l) { Ok(l) } else { Err(()) }) {
                        survey.ratings.insert(competency.clone(), (at, level));
                    }
                }
                EventBody::SurveyAnswered { year: y, question, text } if *y == year && QUESTIONS.contains(&question.as_str()) => {
                    survey.answers.insert(question.clone(), (at, text.clone()));
                }
                EventBody::SurveySubmitted { year: y } if *y == year => survey.submitted = Some(at),
                EventBody::PlanChanged { year: y, items } if *y == year => survey.plan = Some((at, items.clone())),
                EventBody::PlanSubmitted { year: y, items } if *y == year => survey.plan_submitted = Some((at, items.clone())),
                _ => {}
            }
        }
        survey
    }

    /// Years with any AKPK event in a fold.
    pub fn years(kept: &[Event]) -> BTreeSet<u32> {
        kept.iter().filter_map(|e| crate::progress::slot(&e.body)).map(|(year, ..)| year).collect()
    }
}

/// Where a year's plan stands on the server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Not sent to the supervisor yet.
    #[default]
    Draft,
    Submitted,
    Validated,
    /// Sent back with a note; the learner changes it and sends it again.
    Returned,
}

/// The server's side of a person's plan for a year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanState {
    pub status: PlanStatus,
    /// Items of the newest hand-in the server has.
    pub submitted: Vec<String>,
    /// Items the supervisor validated (the plan Beranda shows); empty until then.
    pub validated: Vec<String>,
    /// The supervisor's note when they sent it back (or validated with one).
    pub note: Option<String>,
    pub reviewed_at_ms: Option<i64>,
    /// The survey was handed in (the server has `survey_submitted`).
    pub surveyed: bool,
}

/// `GET /api/akpk/me`: everything the phone needs for the year's survey and plan, kept for offline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AkpkMe {
    pub year: u32,
    /// The person's position as imported; `None` when it has none.
    pub position: Option<String>,
    /// The competencies the position requires, in the framework's order.
    pub competencies: Vec<FrameworkCompetency>,
    /// One per competency above: the required level and the levels the server knows.
    pub ratings: Vec<Rating>,
    /// The library's courses (id, title, JP).
    pub offers: Vec<Offer>,
    /// Courses the server credited to this person.
    pub completed: Vec<String>,
    pub plan: PlanState,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{DeviceId, EventId};
    use crate::progress::Progress;

    fn at(ms: i64, body: EventBody) -> Event {
        Event { id: EventId::new_v7(ms as u64, [ms as u8; 10]), device_id: DeviceId::from_random([1; 16]), device_time_ms: ms, body }
    }

    fn rated(ms: i64, competency: &str, level: u32) -> Event {
        at(ms, EventBody::SurveyRated { year: 2026, competency: competency.into(), level })
    }

    #[test]
    fn the_newest_answer_wins_in_any_arrival_order_and_replays_change_nothing() {
        let events = [rated(1, "A", 2), rated(3, "A", 4), rated(2, "A", 1), rated(1, "B", 3), at(5, EventBody::SurveySubmitted { year: 2026 })];
        let forward = Progress::fold(&events);
        let backward = Progress::fold(events.iter().rev());
        let twice = Progress::fold(events.iter().chain(events.iter()));
        for progress in [&forward, &backward, &twice] {
            let survey = Survey::of(&progress.akpk, 2026);
            assert_eq!(survey.ratings.iter().map(|(c, (_, l))| (c.as_str(), *l)).collect::<Vec<_>>(), [("A", 4), ("B", 3)]);
            assert!(survey.submitted.is_some());
            assert_eq!(progress.akpk.len(), 3, "one event per slot");
        }
        assert_eq!(Survey::of(&forward.akpk, 2025), Survey::default(), "years apart");
    }

    #[test]
    fn junk_slots_cannot_grow_the_fold_without_bound() {
        let events: Vec<Event> = (0..MAX_KEPT as i64 + 50).map(|i| rated(i + 1, &format!("X{i}"), 3)).collect();
        assert_eq!(Progress::fold(&events).akpk.len(), MAX_KEPT);
    }

    #[test]
    fn a_proposal_closes_gaps_only_and_offers_each_course_once() {
        let competency = |code: &str, courses: &[&str]| FrameworkCompetency {
            code: code.into(),
            kind: Kind::Teknis,
            name: code.into(),
            description: String::new(),
            pillars: vec![],
            levels: vec![String::new(); 5],
            courses: courses.iter().map(|c| (*c).to_owned()).collect(),
        };
        let framework = [competency("A", &["k1", "k2"]), competency("B", &["k2"]), competency("C", &["k3"])];
        let offers: Vec<Offer> = ["k1", "k2", "k3"].iter().map(|id| Offer { id: (*id).into(), title: id.to_uppercase(), jp: 4 }).collect();
        let rating = |c: &str, required, own| Rating { competency: c.into(), required, self_level: own, supervisor_level: None };
        let done: BTreeSet<String> = ["k1".to_owned()].into();
        let plan = propose(&[rating("A", 4, Some(2)), rating("B", 3, Some(2)), rating("C", 3, Some(3))], &framework, &offers, &done);
        let keys: Vec<_> = plan.iter().map(|i| (i.key.as_str(), i.competencies.len())).collect();
        assert_eq!(keys, [("k2", 2), (COACHING, 1)], "k1 is done, k2 serves two gaps, C has none");
        assert!(propose(&[rating("A", 3, Some(3)), rating("B", 2, None)], &framework, &offers, &done).is_empty(), "no gap, no filler");
        let supervisor = Rating { supervisor_level: Some(1), ..rating("C", 3, Some(3)) };
        assert_eq!(supervisor.gap(), Some(2), "the supervisor's view counts");
    }
}
