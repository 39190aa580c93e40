//! Evaluation at the learning level (docs/evaluation.md): a course's pre-test before it is read and
//! post-test after it is credited, two versions of questions on the same points. A test is taken
//! with the quiz's own events on the subject `pre:<course>` or `post:<course>` (no new event kind:
//! the phone's first load stays within budget), graded by the server against the published key.

use crate::course::{CoursePack, Question, Score};
use crate::credit::{CreditRule, Rules};
use crate::progress::{Progress, Stamp};
use serde::{Deserialize, Serialize};

/// Which of a course's two tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Which {
    Pre,
    Post,
}

impl Which {
    pub const BOTH: [Which; 2] = [Which::Pre, Which::Post];

    fn prefix(self) -> &'static str {
        match self {
            Which::Pre => "pre:",
            Which::Post => "post:",
        }
    }

    /// The subject its events carry as `course_id`: `pre:<course>` or `post:<course>`.
    pub fn subject(self, course_id: &str) -> String {
        format!("{}{course_id}", self.prefix())
    }

    /// The test and course a subject names; `None` for a course id or anything else.
    pub fn of_subject(subject: &str) -> Option<(Which, &str)> {
        Which::BOTH.into_iter().find_map(|w| subject.strip_prefix(w.prefix()).filter(|c| !c.is_empty()).map(|c| (w, c)))
    }
}

/// The two tests of a pack (`tests.toml`), served inside the pack's JSON as `tests`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tests {
    pub pre: Vec<Question>,
    pub post: Vec<Question>,
}

impl Tests {
    pub fn questions(&self, which: Which) -> &[Question] {
        match which {
            Which::Pre => &self.pre,
            Which::Post => &self.post,
        }
    }

    /// The grading rules of both tests at the pack's version: no JP, no lessons, only the key.
    pub fn rules(&self, pack: &CoursePack) -> [CreditRule; 2] {
        Which::BOTH.map(|which| CreditRule {
            course_id: which.subject(&pack.id),
            version: pack.version,
            title: pack.title.clone(),
            jp: 0,
            competency: pack.competency,
            lessons: Vec::new(),
            key: self.questions(which).iter().map(|q| (q.id.clone(), q.correct.clone())).collect(),
        })
    }
}

/// Only the tests of a stored pack's JSON (the phone reads them without the lessons' types).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PackTests {
    #[serde(default)]
    pub tests: Option<Tests>,
}

/// One test as it counts: the score graded by the key, when handed in (device time, corrected on the server).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Taken {
    pub score: Score,
    pub at_ms: i64,
}

/// What counts of one learner's tests on one course.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestResult {
    pub pre: Option<Taken>,
    pub post: Option<Taken>,
}

impl TestResult {
    /// The post-test's percent minus the pre-test's, in whole points; `None` unless both count.
    pub fn gain(&self) -> Option<i32> {
        Some(points(self.post?.score) - points(self.pre?.score))
    }
}

fn points(score: Score) -> i32 {
    i32::try_from(score.percent()).unwrap_or(0)
}

/// The tests that count, from the fold and the course's credit time (`None`: not credited):
/// the first pre-test handed in before the credit, and the first post-test handed in at or after
/// it. A retake changes nothing, so a learner cannot raise their gain by trying again.
pub fn result(progress: &Progress, course_id: &str, credited_at_ms: Option<i64>, rules: &impl Rules) -> TestResult {
    let first = |which: Which, counts: &dyn Fn(i64) -> bool| -> Option<Taken> {
        let course = progress.courses.get(&which.subject(course_id))?;
        let mut found: Option<(Stamp, Taken)> = None;
        for attempt in course.attempts.values() {
            let (Some((at, _)), Some(version)) = (attempt.submitted, attempt.course_version) else { continue };
            let Some(rule) = rules.rule(&which.subject(course_id), version) else { continue };
            if counts(at.time_ms) && found.is_none_or(|(earliest, _)| at < earliest) {
                found = Some((at, Taken { score: rule.grade(attempt), at_ms: at.time_ms }));
            }
        }
        found.map(|(_, taken)| taken)
    };
    TestResult {
        pre: first(Which::Pre, &|at| credited_at_ms.is_none_or(|credit| at < credit)),
        post: first(Which::Post, &|at| credited_at_ms.is_some_and(|credit| at >= credit)),
    }
}

/// Mean of whole-point gains in hundredths of a point, rounded half away from zero; `None` for none.
pub fn mean_gain_hundredths(sum: i64, count: i64) -> Option<i64> {
    if count <= 0 {
        return None;
    }
    let scaled = sum * 100;
    let half = count / 2;
    Some(if scaled >= 0 { (scaled + half) / count } else { (scaled - half) / count })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, EventBody};
    use crate::ids::{DeviceId, EventId};
    use std::collections::BTreeMap;

    const COURSE: &str = "keamanan-digital";

    fn rules() -> BTreeMap<(String, u32), CreditRule> {
        let key = |ids: [&str; 4]| ids.iter().map(|id| ((*id).to_owned(), vec![0u8])).collect();
        let rule = |which: Which, ids| CreditRule {
            course_id: which.subject(COURSE),
            version: 2,
            title: "t".into(),
            jp: 0,
            competency: crate::Competency::Teknis,
            lessons: vec![],
            key: key(ids),
        };
        [rule(Which::Pre, ["a1", "a2", "a3", "a4"]), rule(Which::Post, ["b1", "b2", "b3", "b4"])]
            .into_iter()
            .map(|r| ((r.course_id.clone(), r.version), r))
            .collect()
    }

    /// Events of one hand-in at `at`: `right` of the four questions answered correctly.
    fn taken(which: Which, seed: u8, at: i64, right: usize) -> Vec<Event> {
        let subject = which.subject(COURSE);
        let attempt = EventId::new_v7(at as u64, [seed; 10]);
        let event = |n: u8, body| Event { id: EventId::new_v7(at as u64, [seed, n, 0, 0, 0, 0, 0, 0, 0, 0]), device_id: DeviceId::from_random([1; 16]), device_time_ms: at, body };
        let mut out = vec![Event { id: attempt, device_id: DeviceId::from_random([1; 16]), device_time_ms: at, body: EventBody::QuizStarted { course_id: subject.clone(), course_version: 2 } }];
        let prefix = if which == Which::Pre { "a" } else { "b" };
        for i in 0..4u8 {
            let choice = if usize::from(i) < right { vec![0] } else { vec![1] };
            out.push(event(i + 1, EventBody::AnswerGiven { course_id: subject.clone(), attempt, question_id: format!("{prefix}{}", i + 1), choice }));
        }
        out.push(event(9, EventBody::QuizSubmitted { course_id: subject, attempt, correct: 4, total: 4 }));
        out
    }

    fn fold(groups: &[Vec<Event>]) -> Progress {
        Progress::fold(groups.iter().flatten())
    }

    #[test]
    fn the_subject_names_the_test_and_the_course() {
        assert_eq!(Which::Post.subject(COURSE), "post:keamanan-digital");
        assert_eq!(Which::of_subject("pre:keamanan-digital"), Some((Which::Pre, COURSE)));
        assert_eq!(Which::of_subject(COURSE), None);
        assert_eq!(Which::of_subject("pre:"), None);
    }

    #[test]
    fn the_gain_is_graded_by_the_key_not_the_devices_claim() {
        let progress = fold(&[taken(Which::Pre, 1, 100, 1), taken(Which::Post, 2, 500, 3)]);
        let result = result(&progress, COURSE, Some(300), &rules());
        assert_eq!(result.pre.map(|t| t.score), Some(Score { correct: 1, total: 4 }), "the device claimed 4 of 4");
        assert_eq!(result.post.map(|t| t.score.correct), Some(3));
        assert_eq!(result.gain(), Some(50));
    }

    #[test]
    fn a_pre_test_after_the_credit_and_a_post_test_before_it_do_not_count() {
        let progress = fold(&[taken(Which::Pre, 1, 400, 1), taken(Which::Post, 2, 200, 4)]);
        let result = result(&progress, COURSE, Some(300), &rules());
        assert_eq!(result, TestResult::default());
        assert_eq!(result.gain(), None);
    }

    #[test]
    fn without_a_credit_only_the_pre_test_counts() {
        let progress = fold(&[taken(Which::Pre, 1, 100, 2), taken(Which::Post, 2, 200, 4)]);
        let result = result(&progress, COURSE, None, &rules());
        assert!(result.pre.is_some() && result.post.is_none(), "{result:?}");
    }

    #[test]
    fn the_first_hand_in_counts_and_a_retake_changes_nothing() {
        let progress = fold(&[taken(Which::Post, 3, 900, 4), taken(Which::Post, 2, 600, 2), taken(Which::Pre, 1, 100, 2)]);
        let result = result(&progress, COURSE, Some(500), &rules());
        assert_eq!(result.post.map(|t| (t.score.correct, t.at_ms)), Some((2, 600)));
        assert_eq!(result.gain(), Some(0));
    }

    #[test]
    fn a_test_on_an_unpublished_version_does_not_count() {
        let mut progress = fold(&[taken(Which::Pre, 1, 100, 2)]);
        progress.courses.values_mut().for_each(|c| c.attempts.values_mut().for_each(|a| a.course_version = Some(7)));
        assert_eq!(result(&progress, COURSE, None, &rules()).pre, None);
    }

    #[test]
    fn mean_gains_round_half_away_from_zero() {
        assert_eq!(mean_gain_hundredths(50, 3), Some(1667));
        assert_eq!(mean_gain_hundredths(-50, 3), Some(-1667));
        assert_eq!(mean_gain_hundredths(1, 8), Some(13));
        assert_eq!(mean_gain_hundredths(-1, 8), Some(-13));
        assert_eq!(mean_gain_hundredths(0, 0), None);
    }
}
