//! Needs analysis (AKPK, docs/akpk.md): the competency framework's shapes, a person's survey as
//! folded from their events, and the plan proposal the phone and the server both compute.

use crate::course::{Competency as Kind, Pillar};
use crate::progress::Stamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Lowest and highest level of a competency.
pub const LEVELS: std::ops::RangeInclusive<u8> = 1..=5;

/// The open questions of the survey, by key (their text lives in each app's catalogue).
pub const QUESTIONS: [&str; 3] = ["tugas", "target", "hambatan"];

/// Most competencies one year's survey keeps: a framework is far smaller, so junk cannot grow it.
pub const MAX_RATED: usize = 60;

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
    pub(crate) fn rate(&mut self, at: Stamp, competency: &str, level: u32) {
        let Ok(level) = u8::try_from(level) else { return };
        if !LEVELS.contains(&level) || (self.ratings.len() >= MAX_RATED && !self.ratings.contains_key(competency)) {
            return;
        }
        newest(self.ratings.entry(competency.to_owned()), at, level);
    }

    pub(crate) fn answer(&mut self, at: Stamp, question: &str, text: &str) {
        if !QUESTIONS.contains(&question) {
            return;
        }
        newest(self.answers.entry(question.to_owned()), at, text.to_owned());
    }

    pub(crate) fn submit(&mut self, at: Stamp) {
        if self.submitted.is_none_or(|s| at > s) {
            self.submitted = Some(at);
        }
    }

    pub(crate) fn change_plan(&mut self, at: Stamp, items: &[String]) {
        if self.plan.as_ref().is_none_or(|(s, _)| at > *s) {
            self.plan = Some((at, items.to_vec()));
        }
    }

    /// A hand-in carries the items it sends, so the fold needs no order between events.
    pub(crate) fn submit_plan(&mut self, at: Stamp, items: &[String]) {
        if self.plan_submitted.as_ref().is_none_or(|(s, _)| at > *s) {
            self.plan_submitted = Some((at, items.to_vec()));
        }
    }
}

fn newest<T>(entry: std::collections::btree_map::Entry<'_, String, (Stamp, T)>, at: Stamp, value: T) {
    use std::collections::btree_map::Entry;
    match entry {
        Entry::Vacant(v) => {
            v.insert((at, value));
        }
        Entry::Occupied(mut o) if o.get().0 < at => {
            o.insert((at, value));
        }
        Entry::Occupied(_) => {}
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
