//! The reaction survey after a course or training (docs/evaluation.md): a few statements rated 1-4
//! and one open answer, optional and never a condition of JP.

use serde::{Deserialize, Serialize};

/// The statements, in the order of `reaction_given`'s `choice`: (key, text in Bahasa Indonesia).
pub const QUESTIONS: [(&str, &str); 4] = [
    ("useful", "Materinya berguna untuk pekerjaan saya"),
    ("clear", "Penyampaiannya jelas"),
    ("time", "Waktunya sepadan dengan yang saya dapat"),
    ("recommend", "Saya akan menyarankannya kepada rekan"),
];

/// The scale: 1 (sangat tidak setuju) to 4 (sangat setuju).
pub const LEVELS: std::ops::RangeInclusive<u8> = 1..=4;

/// Whether `choice` answers every statement with a level of the scale.
pub fn valid_choice(choice: &[u8]) -> bool {
    choice.len() == QUESTIONS.len() && choice.iter().all(|level| LEVELS.contains(level))
}

/// Mean of many answers to one statement, in hundredths (e.g. 325 = 3.25); `None` when nobody answered.
pub fn mean_hundredths(levels: &[u8]) -> Option<u32> {
    let sum: u32 = levels.iter().map(|l| u32::from(*l)).sum();
    mean_of_sum(u64::from(sum), levels.len() as u64)
}

/// The same mean from a sum of `count` levels (what the server's SQL adds up).
pub fn mean_of_sum(sum: u64, count: u64) -> Option<u32> {
    if count == 0 {
        return None;
    }
    // Rounded half up in integers, as the SKM figures are.
    u32::try_from((sum * 100 * 2 + count) / (2 * count)).ok()
}

/// Days after the server credited a course or training from which the learner is invited to write
/// an action plan for it (the phone shows "Rencana aksi" from then; the server keeps earlier ones).
pub const PLAN_AFTER_DAYS: i64 = 14;
/// Days after the plan was first saved when the supervisor is asked whether it happened; after a
/// "not yet" they are asked again this many days after their answer.
pub const FOLLOW_UP_AFTER_DAYS: i64 = 30;
/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;
/// Fewer respondents than this in a supervisor's view and the open answers are not shown to them
/// (a few people in a small unit could be told apart by their words).
pub const MIN_RESPONDENTS_FOR_ANSWERS: u32 = 3;

/// The supervisor's word on an action plan some weeks later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    Done,
    Partly,
    NotYet,
}

impl FollowUp {
    pub const ALL: [FollowUp; 3] = [FollowUp::Done, FollowUp::Partly, FollowUp::NotYet];

    pub fn key(self) -> &'static str {
        match self {
            FollowUp::Done => "done",
            FollowUp::Partly => "partly",
            FollowUp::NotYet => "not_yet",
        }
    }

    pub fn from_key(key: &str) -> Option<FollowUp> {
        FollowUp::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// What the server holds of the learner's reaction to one subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeldReaction {
    pub choice: Vec<u8>,
    pub text: String,
    pub given_at_ms: i64,
}

/// What the server holds of the learner's action plan for one subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeldPlan {
    pub text: String,
    pub saved_at_ms: i64,
    /// The supervisor's word, once given.
    pub follow_up: Option<FollowUp>,
}

/// A course or training the server credited the learner, which they may rate (`GET /api/evaluation/mine`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MySubject {
    /// `course:<id>` or `training:<id>`: what `reaction_given` and `action_plan_saved` name.
    pub subject: String,
    pub title: String,
    pub completed_at_ms: i64,
    /// From when the action plan is invited: `PLAN_AFTER_DAYS` after completion.
    pub plan_from_ms: i64,
    pub reaction: Option<HeldReaction>,
    pub plan: Option<HeldPlan>,
}

/// One subject's figures among the people in the caller's view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectFigures {
    pub subject: String,
    pub title: String,
    /// People credited with it (course completed, training attended).
    pub completed: u32,
    /// Of those, how many answered the survey.
    pub respondents: u32,
    /// Mean level per statement of `QUESTIONS`, in hundredths; `None` without respondents.
    pub means_hundredths: Vec<Option<u32>>,
    /// Mean over every statement, in hundredths.
    pub overall_hundredths: Option<u32>,
    /// Action plans written, and the supervisors' words on them.
    pub plans: u32,
    pub done: u32,
    pub partly: u32,
    pub not_yet: u32,
    /// Of those credited, how many have both a pre-test and a post-test that count (`pretest`).
    #[serde(default)]
    pub tested: u32,
    /// Their mean gain (post-test percent minus pre-test percent) in hundredths of a point; `None` for none.
    #[serde(default)]
    pub gain_hundredths: Option<i64>,
}

/// The evaluation report (`GET /api/evaluation/report`): every subject someone in view completed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluationReport {
    /// The statements' keys, in the order of `means_hundredths`.
    pub statements: Vec<String>,
    pub subjects: Vec<SubjectFigures>,
}

/// An action plan in the report: no name (the follow-up queue names people to their supervisor).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanLine {
    pub text: String,
    pub follow_up: Option<FollowUp>,
}

/// One subject in detail (`GET /api/evaluation/report/detail`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectDetail {
    pub figures: SubjectFigures,
    /// The open answers that are not empty, without names, in alphabetical order.
    pub answers: Vec<String>,
    /// True when a supervisor sees fewer than `MIN_RESPONDENTS_FOR_ANSWERS` respondents: `answers` is empty.
    pub answers_withheld: bool,
    pub plans: Vec<PlanLine>,
    /// Per person credited with a course, the tests that count (`pretest`), by unit and name; at
    /// most `MAX_TEST_LINES` (`tests_total` says how many there are).
    #[serde(default)]
    pub tests: Vec<TestLine>,
    #[serde(default)]
    pub tests_total: u32,
}

/// Most people a subject's detail lists with their tests; the CSV of the report has the means.
pub const MAX_TEST_LINES: usize = 500;

/// One person's pre- and post-test of a course, as the server graded and counted them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestLine {
    pub nip: String,
    pub name: String,
    pub unit: String,
    /// Whole percent correct; `None` when that test does not count (not taken, or taken too late/early).
    pub pre_percent: Option<u32>,
    pub post_percent: Option<u32>,
    /// Post minus pre, in points, when both count.
    pub gain: Option<i32>,
}

/// A plan the supervisor is asked about (`GET /api/evaluation/followups`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpItem {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub subject: String,
    pub title: String,
    pub plan: String,
    pub saved_at_ms: i64,
    /// The answer given before (only `not_yet`, asked again), if any.
    pub follow_up: Option<FollowUp>,
}

/// The supervisor's answer (`POST /api/evaluation/followups/{nip}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpInput {
    pub subject: String,
    pub result: FollowUp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_statement_needs_a_level_of_the_scale() {
        assert!(valid_choice(&[1, 2, 3, 4]));
        assert!(!valid_choice(&[1, 2, 3]), "one statement unanswered");
        assert!(!valid_choice(&[0, 2, 3, 4]), "0 is not on the scale");
        assert!(!valid_choice(&[5, 2, 3, 4]), "5 is not on the scale");
    }

    #[test]
    fn the_mean_is_rounded_half_up_to_hundredths() {
        assert_eq!(mean_hundredths(&[]), None);
        assert_eq!(mean_hundredths(&[3, 4]), Some(350));
        assert_eq!(mean_hundredths(&[4, 4, 3]), Some(367), "3.666… rounds up");
        assert_eq!(mean_hundredths(&[1, 2, 2]), Some(167), "1.666… rounds up");
        assert_eq!(mean_hundredths(&[1, 1, 2, 2, 2, 2, 2, 2]), Some(175));
        assert_eq!(mean_of_sum(10, 3), Some(333), "3.333… rounds down");
        assert_eq!(mean_of_sum(0, 0), None);
    }

    #[test]
    fn follow_up_keys_go_both_ways() {
        for f in FollowUp::ALL {
            assert_eq!(FollowUp::from_key(f.key()), Some(f));
        }
        assert_eq!(serde_json::to_string(&FollowUp::NotYet).unwrap(), "\"not_yet\"");
    }
}
