//! The credit rule: what counts toward a learner's JP, decided from the events and the published
//! pack versions alone. The server credits with it; the phone previews with it offline, so the two
//! disagree only when the phone lacks a pack or its events were forged. The device's own score and
//! JP are claims: kept, shown beside the verdict, never the credit.

use crate::course::{Competency, CoursePack, Score};
use crate::ids::EventId;
use crate::progress::{Attempt, CourseProgress, Progress, Stamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What credit needs of one published pack version: its JP, lessons and answer key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditRule {
    pub course_id: String,
    pub version: u32,
    pub title: String,
    pub jp: u32,
    pub competency: Competency,
    pub lessons: Vec<String>,
    /// Each question's id and its correct choices, ascending.
    pub key: Vec<(String, Vec<u8>)>,
}

impl CreditRule {
    pub fn of(pack: &CoursePack) -> CreditRule {
        CreditRule {
            course_id: pack.id.clone(),
            version: pack.version,
            title: pack.title.clone(),
            jp: pack.jp,
            competency: pack.competency,
            lessons: pack.lessons.iter().map(|l| l.id.clone()).collect(),
            key: pack.quiz.questions.iter().map(|q| (q.id.clone(), q.correct.clone())).collect(),
        }
    }

    /// The attempt's score against this version's key (answers to unknown questions count nothing).
    pub fn grade(&self, attempt: &Attempt) -> Score {
        let correct = self.key.iter().filter(|(id, key)| attempt.answer(id).is_some_and(|choice| same_set(choice, key))).count();
        Score { correct: correct as u32, total: self.key.len() as u32 }
    }
}

/// Whether `choice` (any order, repeats allowed) is exactly the ascending set `key`.
fn same_set(choice: &[u8], key: &[u8]) -> bool {
    let mut chosen = [false; 256];
    choice.iter().for_each(|&c| chosen[usize::from(c)] = true);
    (0..=u8::MAX).filter(|&c| chosen[usize::from(c)]).eq(key.iter().copied())
}

/// The published versions a verdict may consult.
pub trait Rules {
    /// The rule of `course_id` at `version`, if that version was ever published.
    fn rule(&self, course_id: &str, version: u32) -> Option<&CreditRule>;
    /// Whether any version of the course was ever published.
    fn knows(&self, course_id: &str) -> bool;
}

impl Rules for BTreeMap<(String, u32), CreditRule> {
    fn rule(&self, course_id: &str, version: u32) -> Option<&CreditRule> {
        self.get(&(course_id.to_owned(), version))
    }

    fn knows(&self, course_id: &str) -> bool {
        self.range((course_id.to_owned(), 0)..=(course_id.to_owned(), u32::MAX)).next().is_some()
    }
}

/// Why a course is not (yet) credited, in a form both sides can put into plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum NotCredited {
    /// No course with this id was ever published here.
    UnknownCourse,
    /// The attempts name pack versions that were never published.
    UnknownVersion { version: u32 },
    /// No handed-in attempt reaches the pass mark against its version's key.
    NotPassed { best: Option<Score> },
    /// An attempt passed, but lessons of that version are not all marked done.
    LessonsMissing { missing: u32 },
}

/// The verdict on one course the learner claimed complete or handed a quiz in for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseCredit {
    pub course_id: String,
    /// `Some` when credited: by the rule of this version, at the passing hand-in's time.
    pub credited: Option<Credited>,
    pub not_credited: Option<NotCredited>,
    /// What the device said: the JP of its completion event, if it sent one.
    pub claimed_jp: Option<u32>,
    /// The device's own best score, if it handed an attempt in.
    pub claimed_best: Option<Score>,
    /// When the device says it completed the course (else its latest hand-in), device time.
    pub claimed_at_ms: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Credited {
    pub version: u32,
    pub jp: u32,
    pub competency: Competency,
    /// The passing attempt's score as graded by the key.
    pub score: Score,
    /// When the passing attempt was handed in (device time, clock-corrected on the server).
    pub at_ms: i64,
}

impl CourseCredit {
    /// Whether the device claimed more than was credited (a completion, JP or a score the key does not give).
    pub fn disputed(&self) -> bool {
        match &self.credited {
            None => self.claimed_jp.is_some() || self.claimed_best.is_some_and(|s| s.passed()),
            Some(c) => self.claimed_jp.is_some_and(|jp| jp != c.jp) || self.claimed_best.is_some_and(|s| s.better_than(&c.score)),
        }
    }
}

/// The verdict for every course the learner completed or handed a quiz in for; courses only
/// read so far are not listed. Order and duplicates of events never change it (it reads the fold).
pub fn credit(progress: &Progress, rules: &impl Rules) -> Vec<CourseCredit> {
    progress
        .courses
        .iter()
        .filter(|(_, c)| c.completed.is_some() || c.attempts.values().any(|a| a.submitted.is_some()))
        .map(|(id, course)| course_credit(id, course, rules))
        .collect()
}

fn course_credit(course_id: &str, course: &CourseProgress, rules: &impl Rules) -> CourseCredit {
    let mut verdict = CourseCredit {
        course_id: course_id.to_owned(),
        credited: None,
        not_credited: None,
        claimed_jp: course.completed.map(|c| c.jp),
        claimed_best: course.best(),
        claimed_at_ms: course.completed.map(|c| c.at.time_ms).or_else(|| handed_in(course).filter_map(|(_, a)| a.submitted).map(|(at, _)| at.time_ms).max()),
    };
    if !rules.knows(course_id) {
        verdict.not_credited = Some(NotCredited::UnknownCourse);
        return verdict;
    }
    // The earliest passing hand-in whose version's lessons are all done; else the nearest miss.
    let mut best_passing: Option<(Stamp, Credited)> = None;
    let (mut unknown, mut fewest_missing): (Option<u32>, Option<u32>) = (None, None);
    let mut best_score: Option<Score> = None;
    for (_, attempt) in handed_in(course) {
        let (Some((submitted, _)), Some(version)) = (attempt.submitted, attempt.course_version) else { continue };
        let Some(rule) = rules.rule(course_id, version) else {
            unknown = Some(version);
            continue;
        };
        let score = rule.grade(attempt);
        if best_score.is_none_or(|b| score.better_than(&b)) {
            best_score = Some(score);
        }
        if !score.passed() {
            continue;
        }
        let missing = rule.lessons.iter().filter(|l| !course.lessons_done.contains(*l)).count() as u32;
        if missing > 0 {
            fewest_missing = Some(fewest_missing.map_or(missing, |m| m.min(missing)));
            continue;
        }
        let credited = Credited { version, jp: rule.jp, competency: rule.competency, score, at_ms: submitted.time_ms };
        if best_passing.is_none_or(|(at, _)| submitted < at) {
            best_passing = Some((submitted, credited));
        }
    }
    match best_passing {
        Some((_, credited)) => verdict.credited = Some(credited),
        None => {
            verdict.not_credited = Some(match (fewest_missing, best_score, unknown) {
                (Some(missing), _, _) => NotCredited::LessonsMissing { missing },
                (None, None, Some(version)) => NotCredited::UnknownVersion { version },
                (None, best, _) => NotCredited::NotPassed { best },
            })
        }
    }
    verdict
}

fn handed_in(course: &CourseProgress) -> impl Iterator<Item = (&EventId, &Attempt)> {
    course.attempts.iter().filter(|(_, a)| a.submitted.is_some())
}
