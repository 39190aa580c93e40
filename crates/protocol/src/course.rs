//! The course model: what the catalogue lists and what a downloaded pack holds.

use serde::{Deserialize, Serialize};

/// A learner passes a quiz with at least this share of correct answers (mastery rule).
pub const PASS_PERCENT: u32 = 80;

/// Competency type of a course (PermenPANRB 38/2017).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Competency {
    Teknis,
    Manajerial,
    SosialKultural,
}

impl Competency {
    pub const ALL: [Competency; 3] = [Competency::Teknis, Competency::Manajerial, Competency::SosialKultural];
}

/// Pillar of the national digital literacy framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Pillar {
    Cakap,
    Etika,
    Aman,
    Budaya,
}

impl Pillar {
    pub const ALL: [Pillar; 4] = [Pillar::Cakap, Pillar::Etika, Pillar::Aman, Pillar::Budaya];
}

/// One catalogue entry: enough to choose a course and to know whether a download is current.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseSummary {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub competency: Competency,
    pub pillars: Vec<Pillar>,
    /// JP credited once when the course is completed.
    pub jp: u32,
    pub version: u32,
    pub lessons: u32,
    pub questions: u32,
    /// Content hash of the pack; differs from a stored pack's hash when an update exists.
    pub hash: String,
    /// Bytes the download costs (brotli-compressed pack).
    pub download_bytes: u64,
    /// Bytes of the pack once unpacked, for download progress.
    pub pack_bytes: u64,
}

/// `GET /api/courses`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalogue {
    pub courses: Vec<CourseSummary>,
}

/// Bytes of packs the phone downloads by itself (`GET /api/prefetch/mine`): assigned courses and
/// pre-reading stop where the next pack would pass this total (docs/activities.md).
pub const PREFETCH_LIMIT_BYTES: u64 = 25_000_000;

/// Most courses a phone may say it holds in one `POST /api/prefetch/held`.
pub const MAX_HELD_PACKS: usize = 100;

/// One downloaded pack: the course and the version of it the phone holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HeldPack {
    pub id: String,
    pub version: u32,
}

/// `POST /api/prefetch/held`: every pack on the phone now (it replaces the last report).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HeldPacks {
    pub courses: Vec<HeldPack>,
}

/// A whole course, as downloaded for offline use: lessons already rendered to safe HTML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoursePack {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub summary: String,
    pub competency: Competency,
    pub pillars: Vec<Pillar>,
    pub jp: u32,
    pub lessons: Vec<Lesson>,
    pub quiz: Quiz,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lesson {
    /// Stable within the course (the lesson's file name without `.md`).
    pub id: String,
    pub title: String,
    /// Sanitised HTML with images embedded; safe to set as inner HTML.
    pub html: String,
    pub words: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quiz {
    pub questions: Vec<Question>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one option is right.
    Single,
    /// One or more options are right; all of them must be chosen.
    Multiple,
    /// Options are implied: index 0 is "true", index 1 is "false".
    TrueFalse,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// Empty for true/false questions.
    pub options: Vec<String>,
    /// Indices of the right options, ascending.
    pub correct: Vec<u8>,
    pub explanation: String,
}

impl Question {
    /// How many options the learner chooses from.
    pub fn option_count(&self) -> usize {
        match self.kind {
            QuestionKind::TrueFalse => 2,
            _ => self.options.len(),
        }
    }

    /// Right only when exactly the correct options are chosen, in any order.
    pub fn is_correct(&self, choice: &[u8]) -> bool {
        // The chosen set in ascending order, without a sort (a generic sort costs the app's wasm KBs).
        let mut chosen = [false; 256];
        choice.iter().for_each(|&c| chosen[usize::from(c)] = true);
        (0..=u8::MAX).filter(|&c| chosen[usize::from(c)]).eq(self.correct.iter().copied())
    }
}

/// Result of one quiz attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Score {
    pub correct: u32,
    pub total: u32,
}

impl Score {
    /// Whole percent, rounded down (a learner never sees more than they earned).
    pub fn percent(&self) -> u32 {
        (self.correct * 100).checked_div(self.total).unwrap_or(0)
    }

    pub fn passed(&self) -> bool {
        self.total > 0 && self.correct * 100 >= PASS_PERCENT * self.total
    }

    /// Compares by share of correct answers, exactly (no rounding).
    pub fn better_than(&self, other: &Score) -> bool {
        let (a, b) = (u64::from(self.correct) * u64::from(other.total), u64::from(other.correct) * u64::from(self.total));
        a > b || (a == b && (self.correct, self.total) > (other.correct, other.total))
    }
}

impl Quiz {
    /// Scores an attempt; an unanswered question counts as wrong.
    pub fn score<'a>(&self, answer: impl Fn(&str) -> Option<&'a [u8]>) -> Score {
        let correct = self.questions.iter().filter(|q| answer(&q.id).is_some_and(|c| q.is_correct(c))).count();
        Score { correct: correct as u32, total: self.questions.len() as u32 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind, correct: Vec<u8>) -> Question {
        Question {
            id: "q".into(),
            kind,
            prompt: "?".into(),
            options: vec!["a".into(), "b".into(), "c".into()],
            correct,
            explanation: String::new(),
        }
    }

    #[test]
    fn a_multiple_choice_answer_needs_every_correct_option_and_no_other() {
        let q = question(QuestionKind::Multiple, vec![0, 2]);
        assert!(q.is_correct(&[2, 0]));
        assert!(!q.is_correct(&[0]));
        assert!(!q.is_correct(&[0, 1, 2]));
        assert!(q.is_correct(&[2, 2, 0]), "a repeated option counts once");
        assert!(!q.is_correct(&[]));
    }

    #[test]
    fn eighty_percent_passes_and_seventy_nine_does_not() {
        assert!(Score { correct: 8, total: 10 }.passed());
        assert!(!Score { correct: 79, total: 100 }.passed());
        assert!(!Score { correct: 0, total: 0 }.passed());
        assert_eq!(Score { correct: 7, total: 9 }.percent(), 77);
    }

    #[test]
    fn a_better_score_is_a_larger_share_not_a_larger_count() {
        assert!(Score { correct: 8, total: 8 }.better_than(&Score { correct: 9, total: 10 }));
        // Equal shares still order one way only, so the best attempt is the same on every device.
        let (a, b) = (Score { correct: 4, total: 5 }, Score { correct: 8, total: 10 });
        assert_ne!(a.better_than(&b), b.better_than(&a));
    }
}
