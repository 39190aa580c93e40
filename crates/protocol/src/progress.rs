//! The progress fold: one pure function from a set of events to what the learner has achieved.
//! Used by the app on the device and by the server for supervisors, so both always agree.
//!
//! Order-independent by construction: every field is a set, or a maximum/minimum under the total
//! order `Stamp` (device time, then event id), so any order and any duplicates give one result.

use crate::course::Score;
use crate::event::{Event, EventBody};
use crate::ids::EventId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Total order on events: the device clock first, the (unique) event id to break ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub time_ms: i64,
    pub id: EventId,
}

impl Stamp {
    pub fn of(event: &Event) -> Stamp {
        Stamp { time_ms: event.device_time_ms, id: event.id }
    }
}

/// Everything a learner has achieved, across all their devices.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub onboarded: bool,
    pub courses: BTreeMap<String, CourseProgress>,
    /// The newest lesson opened in any course: where "continue" leads.
    pub last_opened: Option<(Stamp, String, String)>,
    /// Needs analysis (docs/akpk.md): the newest event of each slot (a year's rating of one
    /// competency, answer to one question, hand-in, plan); `survey(year)` reads it. Kept as events
    /// so the phone's first load carries no map code for it. Absent from folds kept before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub akpk: Vec<Event>,
    /// Learning beyond courses (docs/activities.md), kept the same way: the newest event of each
    /// slot (a training's registration, a code typed, a log entry's draft and hand-in).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity: Vec<Event>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseProgress {
    pub lessons_done: BTreeSet<String>,
    pub last_lesson: Option<(Stamp, String)>,
    pub attempts: BTreeMap<EventId, Attempt>,
    /// The first completion; later ones (another device, a retake) credit nothing more.
    pub completed: Option<Completion>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// When it began; `None` if only its answers have arrived so far.
    pub started: Option<Stamp>,
    pub course_version: Option<u32>,
    /// Newest answer per question.
    pub answers: BTreeMap<String, (Stamp, Vec<u8>)>,
    /// Scored at hand-in; the first hand-in counts if a device somehow sent two.
    pub submitted: Option<(Stamp, Score)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub at: Stamp,
    pub jp: u32,
}

/// Milliseconds east of UTC for Western Indonesian Time (WIB), which has no daylight saving.
pub const WIB_OFFSET_MS: i64 = 7 * 3_600_000;

impl Progress {
    /// Folds any collection of events, in any order, with any duplicates.
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> Progress {
        let mut progress = Progress::default();
        for event in events {
            progress.apply(event);
        }
        progress
    }

    /// Adds one event; applying the same event again changes nothing.
    pub fn apply(&mut self, event: &Event) {
        let stamp = Stamp::of(event);
        match &event.body {
            EventBody::OnboardingCompleted { .. } => self.onboarded = true,
            EventBody::SurveyRated { .. }
            | EventBody::SurveyAnswered { .. }
            | EventBody::SurveySubmitted { .. }
            | EventBody::PlanChanged { .. }
            | EventBody::PlanSubmitted { .. } => keep_newest_event(&mut self.akpk, event, crate::akpk::MAX_KEPT),
            EventBody::TrainingRegistered { .. }
            | EventBody::TrainingCancelled { .. }
            | EventBody::CheckedIn { .. }
            | EventBody::LogSaved { .. }
            | EventBody::LogSubmitted { .. }
            | EventBody::ReactionGiven { .. }
            | EventBody::ActionPlanSaved { .. }
            | EventBody::IdeaSaved { .. }
            | EventBody::IdeaSubmitted { .. } => keep_newest_event(&mut self.activity, event, crate::activity::MAX_KEPT),
            EventBody::LessonOpened { course_id, lesson_id } => {
                keep_newest(&mut self.course(course_id).last_lesson, (stamp, lesson_id.clone()));
                keep_newest(&mut self.last_opened, (stamp, course_id.clone(), lesson_id.clone()));
            }
            EventBody::LessonCompleted { course_id, lesson_id } => {
                self.course(course_id).lessons_done.insert(lesson_id.clone());
            }
            EventBody::QuizStarted { course_id, course_version } => {
                let attempt = self.course(course_id).attempts.entry(event.id).or_default();
                attempt.started = Some(stamp);
                attempt.course_version = Some(*course_version);
            }
            EventBody::AnswerGiven { course_id, attempt, question_id, choice } => {
                let answers = &mut self.course(course_id).attempts.entry(*attempt).or_default().answers;
                let newer = answers.get(question_id).is_none_or(|(old, _)| stamp > *old);
                if newer {
                    answers.insert(question_id.clone(), (stamp, choice.clone()));
                }
            }
            EventBody::QuizSubmitted { course_id, attempt, correct, total } => {
                let slot = &mut self.course(course_id).attempts.entry(*attempt).or_default().submitted;
                let score = Score { correct: *correct, total: *total };
                if slot.is_none_or(|(old, _)| stamp < old) {
                    *slot = Some((stamp, score));
                }
            }
            EventBody::CourseCompleted { course_id, jp } => {
                let slot = &mut self.course(course_id).completed;
                if slot.is_none_or(|old| stamp < old.at) {
                    *slot = Some(Completion { at: stamp, jp: *jp });
                }
            }
        }
    }

    fn course(&mut self, id: &str) -> &mut CourseProgress {
        self.courses.entry(id.to_owned()).or_default()
    }

    /// JP credited by completions in `year` (WIB calendar year).
    pub fn jp_in_year(&self, year: i32) -> u32 {
        self.courses
            .values()
            .filter_map(|c| c.completed)
            .filter(|c| year_of(c.at.time_ms) == year)
            .map(|c| c.jp)
            .sum()
    }
}

impl CourseProgress {
    /// The best handed-in attempt: the largest share of correct answers, never a sum.
    pub fn best(&self) -> Option<Score> {
        self.attempts
            .values()
            .filter_map(|a| a.submitted.map(|(_, s)| s))
            .fold(None, |best: Option<Score>, s| match best {
                Some(b) if !s.better_than(&b) => Some(b),
                _ => Some(s),
            })
    }

    pub fn passed(&self) -> bool {
        self.best().is_some_and(|s| s.passed())
    }

    /// The newest attempt not yet handed in, to resume: its id and answers so far.
    pub fn open_attempt(&self) -> Option<(EventId, &Attempt)> {
        self.attempts
            .iter()
            .filter(|(_, a)| a.submitted.is_none() && a.started.is_some())
            .max_by_key(|(_, a)| a.started)
            .map(|(id, a)| (*id, a))
    }
}

impl Attempt {
    pub fn answer(&self, question_id: &str) -> Option<&[u8]> {
        self.answers.get(question_id).map(|(_, choice)| choice.as_slice())
    }
}

/// Which value a kept event sets: (year, kind, competency / question / training / entry, code);
/// `None` for events the fold does not keep whole. One function for the needs analysis and the
/// activities keeps one copy of the code in the phone's first load.
pub(crate) fn slot(body: &EventBody) -> Option<(u32, u8, &str, &str)> {
    Some(match body {
        EventBody::SurveyRated { year, competency, .. } => (*year, 0, competency.as_str(), ""),
        EventBody::SurveyAnswered { year, question, .. } => (*year, 1, question.as_str(), ""),
        EventBody::SurveySubmitted { year } => (*year, 2, "", ""),
        EventBody::PlanChanged { year, .. } => (*year, 3, "", ""),
        EventBody::PlanSubmitted { year, .. } => (*year, 4, "", ""),
        EventBody::TrainingRegistered { training } | EventBody::TrainingCancelled { training } => (0, 5, training.as_str(), ""),
        EventBody::CheckedIn { training, code } => (0, 6, training.as_str(), code.as_str()),
        EventBody::LogSaved { entry, .. } => (0, 7, entry.as_str(), ""),
        EventBody::LogSubmitted { entry } => (0, 8, entry.as_str(), ""),
        EventBody::ReactionGiven { subject, .. } => (0, 9, subject.as_str(), ""),
        EventBody::ActionPlanSaved { subject, .. } => (0, 10, subject.as_str(), ""),
        EventBody::IdeaSaved { entry, .. } => (0, 11, entry.as_str(), ""),
        EventBody::IdeaSubmitted { entry } => (0, 12, entry.as_str(), ""),
        _ => return None,
    })
}

/// Keeps `event` in place of an older one of its slot (the newest wins, in any arrival order);
/// past `max` slots a new one is dropped, so junk cannot grow the fold without bound.
fn keep_newest_event(kept: &mut Vec<Event>, event: &Event, max: usize) {
    let Some(key) = slot(&event.body) else { return };
    match kept.iter().position(|e| slot(&e.body) == Some(key)) {
        Some(i) if Stamp::of(&kept[i]) < Stamp::of(event) => kept[i] = event.clone(),
        Some(_) => {}
        None if kept.len() < max => kept.push(event.clone()),
        None => {}
    }
}

fn keep_newest<T: Ord>(slot: &mut Option<T>, candidate: T) {
    if slot.as_ref().is_none_or(|old| candidate > *old) {
        *slot = Some(candidate);
    }
}

/// The WIB calendar year of a Unix time in milliseconds.
pub fn year_of(unix_ms: i64) -> i32 {
    let days = (unix_ms + WIB_OFFSET_MS).div_euclid(86_400_000);
    civil_year(days)
}

/// Year of the proleptic Gregorian date `days` after 1970-01-01.
fn civil_year(days: i64) -> i32 {
    civil_from_days(days).0
}

/// (year, month, day) of the proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_year_comes_at_midnight_in_jakarta_not_in_london() {
        // 2025-12-31T17:00:00Z is 2026-01-01 00:00 WIB.
        let new_year_wib = 1_767_200_400_000;
        assert_eq!(year_of(new_year_wib), 2026);
        assert_eq!(year_of(new_year_wib - 1), 2025);
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(951_782_400_000 - WIB_OFFSET_MS), 2000); // 2000-02-29 WIB
    }
}
