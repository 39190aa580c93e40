//! Property tests of the progress fold: the same events in any order, with any duplicates,
//! on any number of devices, give the same progress; a quiz's best attempt counts, never a sum.

use lentera_protocol::{DeviceId, Event, EventBody, EventId, Progress, Score};
use proptest::prelude::*;

const COURSES: [&str; 3] = ["keamanan-digital", "budaya-inovasi", "spbe-layanan-warga"];
const LESSONS: [&str; 3] = ["01", "02", "03"];
const QUESTIONS: [&str; 3] = ["q1", "q2", "q3"];

fn event(id: EventId, device: u8, time_ms: i64, body: EventBody) -> Event {
    Event { id, device_id: DeviceId::from_random([device; 16]), device_time_ms: time_ms, body }
}

/// Small worlds on purpose: few courses, attempts and close clocks make collisions likely.
fn any_event() -> impl Strategy<Value = Event> {
    let course = prop::sample::select(COURSES.to_vec()).prop_map(str::to_owned);
    let lesson = prop::sample::select(LESSONS.to_vec()).prop_map(str::to_owned);
    let question = prop::sample::select(QUESTIONS.to_vec()).prop_map(str::to_owned);
    let attempt = (0u8..4).prop_map(|n| EventId::new_v7(1_000, [n; 10]));
    let body = prop_oneof![
        Just(EventBody::OnboardingCompleted { language: "id".into() }),
        (course.clone(), lesson.clone()).prop_map(|(course_id, lesson_id)| EventBody::LessonOpened { course_id, lesson_id }),
        (course.clone(), lesson).prop_map(|(course_id, lesson_id)| EventBody::LessonCompleted { course_id, lesson_id }),
        (course.clone(), attempt.clone(), question, prop::collection::vec(0u8..4, 0..3)).prop_map(
            |(course_id, attempt, question_id, choice)| EventBody::AnswerGiven { course_id, attempt, question_id, choice }
        ),
        (course.clone(), attempt, 0u32..=10).prop_map(|(course_id, attempt, correct)| EventBody::QuizSubmitted {
            course_id, attempt, correct, total: 10
        }),
        (course, 1u32..6).prop_map(|(course_id, jp)| EventBody::CourseCompleted { course_id, jp }),
    ];
    (any::<[u8; 10]>(), 0u8..2, 1_700_000_000_000i64..1_700_000_000_010, body)
        .prop_map(|(random, device, time, body)| event(EventId::new_v7(time as u64, random), device, time, body))
}

/// Events plus a reordering of them with some repeated, as two devices syncing back and forth would deliver.
fn events_and_redelivery() -> impl Strategy<Value = (Vec<Event>, Vec<Event>)> {
    prop::collection::vec(any_event(), 0..40).prop_flat_map(|events| {
        let n = events.len().max(1);
        let repeats = prop::collection::vec(0..n, 0..10);
        (Just(events.clone()), Just(events).prop_shuffle(), repeats)
    })
    .prop_map(|(events, mut shuffled, repeats)| {
        let extra: Vec<Event> = repeats.iter().filter_map(|i| events.get(*i).cloned()).collect();
        shuffled.extend(extra);
        (events, shuffled)
    })
}

proptest! {
    #[test]
    fn any_order_with_duplicates_gives_the_same_progress((events, redelivered) in events_and_redelivery()) {
        prop_assert_eq!(Progress::fold(&events), Progress::fold(&redelivered));
    }

    #[test]
    fn folding_in_two_halves_equals_folding_all(events in prop::collection::vec(any_event(), 0..40), cut in 0usize..40) {
        let cut = cut.min(events.len());
        let mut progress = Progress::fold(&events[..cut]);
        for e in &events[cut..] {
            progress.apply(e);
        }
        prop_assert_eq!(progress, Progress::fold(&events));
    }

    #[test]
    fn the_best_attempt_counts_and_scores_are_never_added(scores in prop::collection::vec((0u32..=10, 0u8..2), 1..8)) {
        // One learner takes the same quiz several times on two devices.
        let events: Vec<Event> = scores.iter().enumerate().map(|(i, (correct, device))| {
            let attempt = EventId::new_v7(1_000 + i as u64, [i as u8; 10]);
            event(EventId::new_v7(2_000 + i as u64, [*device; 10]), *device, 2_000 + i as i64,
                EventBody::QuizSubmitted { course_id: COURSES[0].into(), attempt, correct: *correct, total: 10 })
        }).collect();
        let best = Progress::fold(&events).courses[COURSES[0]].best();
        let max = scores.iter().map(|(c, _)| *c).max();
        prop_assert_eq!(best, max.map(|correct| Score { correct, total: 10 }));
    }

    #[test]
    fn a_course_credits_its_jp_once_however_many_devices_complete_it(devices in 1u8..5, jp in 1u32..10) {
        let events: Vec<Event> = (0..devices).map(|d| {
            event(EventId::new_v7(1_767_300_000_000 + u64::from(d), [d; 10]), d, 1_767_300_000_000 + i64::from(d),
                EventBody::CourseCompleted { course_id: COURSES[1].into(), jp })
        }).collect();
        prop_assert_eq!(Progress::fold(&events).jp_in_year(2026), jp);
    }
}

#[test]
fn an_answer_changed_later_replaces_the_earlier_one_whatever_the_arrival_order() {
    let attempt = EventId::new_v7(1, [1; 10]);
    let answer = |t: i64, choice: u8| {
        event(EventId::new_v7(t as u64, [t as u8; 10]), 0, t, EventBody::AnswerGiven {
            course_id: COURSES[0].into(), attempt, question_id: "q1".into(), choice: vec![choice],
        })
    };
    let (first, second) = (answer(10, 0), answer(20, 2));
    for order in [[&first, &second], [&second, &first]] {
        let progress = Progress::fold(order);
        assert_eq!(progress.courses[COURSES[0]].attempts[&attempt].answer("q1"), Some(&[2u8][..]));
    }
}

#[test]
fn an_attempt_in_progress_is_found_for_resuming_and_a_handed_in_one_is_not() {
    let course = COURSES[2];
    let started = event(EventId::new_v7(10, [1; 10]), 0, 10, EventBody::QuizStarted { course_id: course.into(), course_version: 1 });
    let mut progress = Progress::fold([&started]);
    assert_eq!(progress.courses[course].open_attempt().map(|(id, _)| id), Some(started.id));
    progress.apply(&event(EventId::new_v7(20, [2; 10]), 0, 20, EventBody::QuizSubmitted {
        course_id: course.into(), attempt: started.id, correct: 3, total: 8,
    }));
    assert_eq!(progress.courses[course].open_attempt().map(|(id, _)| id), None);
    assert!(!progress.courses[course].passed());
}
