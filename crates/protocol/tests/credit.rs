//! Property tests of the credit rule: the key and the lessons decide, never the device's claims;
//! any order, duplicates and devices give one verdict.

use lentera_protocol::{Competency, CreditRule, DeviceId, Event, EventBody, EventId, NotCredited, Progress, credit};
use proptest::prelude::*;
use std::collections::BTreeMap;

const COURSE: &str = "keamanan-digital";
const LESSONS: [&str; 3] = ["01", "02", "03"];
const KEY: [(&str, &[u8]); 5] = [("q1", &[0]), ("q2", &[2]), ("q3", &[1, 3]), ("q4", &[1]), ("q5", &[0])];

fn rules() -> BTreeMap<(String, u32), CreditRule> {
    let rule = CreditRule {
        course_id: COURSE.into(),
        version: 3,
        title: "Keamanan Digital".into(),
        jp: 4,
        competency: Competency::Teknis,
        lessons: LESSONS.iter().map(|l| l.to_string()).collect(),
        key: KEY.iter().map(|(q, k)| (q.to_string(), k.to_vec())).collect(),
    };
    BTreeMap::from([((COURSE.to_owned(), 3), rule)])
}

fn event(n: u64, device: u8, body: EventBody) -> Event {
    let time = 1_764_000_000_000 + n as i64 * 1000;
    Event { id: EventId::new_v7(time as u64, [n as u8, device, 0, 0, 0, 0, 0, 0, 0, 1]), device_id: DeviceId::from_random([device; 16]), device_time_ms: time, body }
}

/// One attempt on `device`: `right[i]` answers question i correctly; then the device's claims.
fn attempt(course: &str, version: u32, device: u8, right: &[bool], lessons: usize, claimed: (u32, u32)) -> Vec<Event> {
    let start = event(1, device, EventBody::QuizStarted { course_id: course.into(), course_version: version });
    let mut out = vec![start.clone()];
    for (i, (q, key)) in KEY.iter().enumerate() {
        let choice = if right[i] { key.to_vec() } else { vec![key[0].wrapping_add(1) % 4] };
        out.push(event(10 + i as u64, device, EventBody::AnswerGiven { course_id: course.into(), attempt: start.id, question_id: q.to_string(), choice }));
    }
    for (i, l) in LESSONS.iter().take(lessons).enumerate() {
        out.push(event(20 + i as u64, device, EventBody::LessonCompleted { course_id: course.into(), lesson_id: l.to_string() }));
    }
    out.push(event(30, device, EventBody::QuizSubmitted { course_id: course.into(), attempt: start.id, correct: claimed.0, total: 5 }));
    out.push(event(31, device, EventBody::CourseCompleted { course_id: course.into(), jp: claimed.1 }));
    out
}

proptest! {
    #[test]
    fn the_key_and_the_lessons_decide_whatever_the_device_claims(
        right in prop::collection::vec(any::<bool>(), 5), lessons in 0usize..=3, claimed_correct in 0u32..=5, claimed_jp in 0u32..50,
    ) {
        let events = attempt(COURSE, 3, 1, &right, lessons, (claimed_correct, claimed_jp));
        let verdicts = credit(&Progress::fold(&events), &rules());
        prop_assert_eq!(verdicts.len(), 1);
        let graded = right.iter().filter(|r| **r).count() as u32;
        let earned = graded * 100 >= 80 * 5 && lessons == 3;
        match &verdicts[0].credited {
            Some(c) => {
                prop_assert!(earned);
                prop_assert_eq!((c.jp, c.score.correct, c.version), (4, graded, 3), "JP and score come from the server's rule");
            }
            None => prop_assert!(!earned),
        }
        prop_assert_eq!(verdicts[0].claimed_jp, Some(claimed_jp), "the claim is kept as data");
        let forged = claimed_jp != 4 || claimed_correct > graded;
        if forged && claimed_correct * 100 >= 80 * 5 { prop_assert!(verdicts[0].disputed()); }
    }

    #[test]
    fn any_order_duplicates_and_two_devices_give_one_credit(right in prop::collection::vec(any::<bool>(), 5), seed in any::<u64>()) {
        let mut events = attempt(COURSE, 3, 1, &right, 3, (5, 4));
        events.extend(attempt(COURSE, 3, 2, &[true; 5], 3, (5, 4)));
        let reference = credit(&Progress::fold(&events), &rules());
        let mut shuffled = events.clone();
        shuffled.extend(events.iter().step_by(2).cloned());
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let again = credit(&Progress::fold(&shuffled), &rules());
        prop_assert_eq!(&again, &reference);
        prop_assert_eq!(again.len(), 1);
        prop_assert_eq!(again[0].credited.map(|c| c.jp), Some(4), "credited once, never summed");
    }

    #[test]
    fn an_unknown_course_or_version_never_credits(claimed_jp in 1u32..50, version in 4u32..9) {
        let elsewhere = credit(&Progress::fold(&attempt("kursus-palsu", 3, 1, &[true; 5], 3, (5, claimed_jp))), &rules());
        prop_assert_eq!(elsewhere[0].credited, None);
        prop_assert_eq!(elsewhere[0].not_credited.clone(), Some(NotCredited::UnknownCourse));
        let unpublished = credit(&Progress::fold(&attempt(COURSE, version, 1, &[true; 5], 3, (5, claimed_jp))), &rules());
        prop_assert_eq!(unpublished[0].credited, None);
        prop_assert_eq!(unpublished[0].not_credited.clone(), Some(NotCredited::UnknownVersion { version }));
    }
}

#[test]
fn a_completion_without_any_attempt_is_not_credited() {
    let events = vec![event(1, 1, EventBody::CourseCompleted { course_id: COURSE.into(), jp: 4 })];
    let verdict = &credit(&Progress::fold(&events), &rules())[0];
    assert_eq!(verdict.credited, None);
    assert_eq!(verdict.not_credited, Some(NotCredited::NotPassed { best: None }));
    assert!(verdict.disputed());
}

#[test]
fn a_pass_with_a_lesson_unread_says_how_many_are_missing() {
    let verdict = &credit(&Progress::fold(&attempt(COURSE, 3, 1, &[true; 5], 2, (5, 4))), &rules())[0];
    assert_eq!(verdict.not_credited, Some(NotCredited::LessonsMissing { missing: 1 }));
}
