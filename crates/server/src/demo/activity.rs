//! Generated learning for the demo staff, spread over the year so far: lessons, quizzes (some
//! failed first), completions, and syncs from days ago to weeks ago (some never).

use crate::content::Library;
use lentera_protocol::pretest::Which;
use lentera_protocol::{DeviceId, Event, EventBody, EventId, Question};

const DAY: i64 = 86_400_000;

/// A small deterministic generator: the demo looks the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for b in &mut out {
            *b = (self.next() >> 24) as u8;
        }
        out
    }
}

/// One person's generated year: their events and when their phone last synced.
pub struct Year {
    pub events: Vec<Event>,
    pub last_sync_ms: i64,
}

/// `diligence` in 0..=100 decides how many courses are done; returns `None` for someone who never synced.
pub fn year_of_learning(library: &Library, rng: &mut Rng, year_start_ms: i64, now_ms: i64, diligence: u64) -> Option<Year> {
    if diligence < 8 {
        return None;
    }
    let device = DeviceId::from_random(rng.bytes());
    // Most sync within days; one in six has been out of signal for two weeks or more.
    let last_sync_ms = if rng.below(6) == 0 { now_ms - (10 + rng.below(30) as i64) * DAY } else { now_ms - rng.below(5) as i64 * DAY - 3_600_000 };
    let span = (last_sync_ms - year_start_ms).max(DAY);
    let mut events = Vec::new();
    let mut make = |rng: &mut Rng, at: i64, body: EventBody| {
        let id = EventId::new_v7(u64::try_from(at).unwrap_or(0), rng.bytes());
        events.push(Event { id, device_id: device, device_time_ms: at, body });
        id
    };
    // Pre- and post-tests draw from their own generator: the rest of the demo stays as it was.
    let mut extra = Rng::new(u64::try_from(last_sync_ms).unwrap_or(0) ^ diligence.wrapping_mul(0x9E37_79B9));
    let packs: Vec<_> = library.packs.values().collect();
    // Diligence 75 and up finishes every course (21 JP); below that, fewer.
    let done = usize::try_from(diligence * 8 / 100).unwrap_or(0).min(packs.len());
    let offset = rng.below(packs.len() as u64) as usize;
    for k in 0..(done + 1).min(packs.len()) {
        let built = packs[(offset + k) % packs.len()];
        let pack = &built.pack;
        let mut at = year_start_ms + rng.below(u64::try_from(span).unwrap_or(1)) as i64;
        let finish = k < done;
        // Half of those who finish a course with tests took both; one in six only the pre-test.
        let tested = match (&built.tests, finish) {
            (Some(tests), true) => match extra.below(6) {
                0..=2 => Some((tests, true)),
                3 => Some((tests, false)),
                _ => None,
            },
            _ => None,
        };
        let pre_right = tested.map(|(t, _)| extra.below(t.pre.len() as u64 / 2 + 1) as usize);
        if let (Some((tests, _)), Some(right)) = (tested, pre_right) {
            take_test(&mut make, &mut extra, Which::Pre, &pack.id, pack.version, &tests.pre, at - 3_600_000, right);
        }
        let lessons = if finish { pack.lessons.len() } else { 1 + rng.below(pack.lessons.len() as u64) as usize };
        for lesson in pack.lessons.iter().take(lessons) {
            at = (at + rng.below(DAY as u64 / 2) as i64).min(last_sync_ms - 60_000);
            make(rng, at, EventBody::LessonOpened { course_id: pack.id.clone(), lesson_id: lesson.id.clone() });
            at += 6 * 60_000;
            make(rng, at, EventBody::LessonCompleted { course_id: pack.id.clone(), lesson_id: lesson.id.clone() });
        }
        if !finish {
            continue;
        }
        let total = u32::try_from(pack.quiz.questions.len()).unwrap_or(0);
        // A third need a second attempt: 60 % first, then a pass.
        let tries: &[u32] = if rng.below(3) == 0 { &[total * 6 / 10, total] } else { &[total - u32::from(rng.below(2) == 0)] };
        for &correct in tries {
            at = (at + 30 * 60_000).min(last_sync_ms - 30_000);
            let attempt = make(rng, at, EventBody::QuizStarted { course_id: pack.id.clone(), course_version: pack.version });
            for (i, question) in pack.quiz.questions.iter().enumerate() {
                let right = u32::try_from(i).unwrap_or(0) < correct;
                let choice = if right { question.correct.clone() } else { vec![u8::from(question.correct.first() == Some(&0))] };
                make(rng, at + 1_000, EventBody::AnswerGiven { course_id: pack.id.clone(), attempt, question_id: question.id.clone(), choice });
            }
            make(rng, at + 2_000, EventBody::QuizSubmitted { course_id: pack.id.clone(), attempt, correct, total });
        }
        make(rng, at + 3_000, EventBody::CourseCompleted { course_id: pack.id.clone(), jp: pack.jp });
        if let (Some((tests, true)), Some(pre)) = (tested, pre_right) {
            let when = (at + (1 + extra.below(4) as i64) * DAY).min(last_sync_ms - 20_000);
            let right = (pre + 1 + extra.below(3) as usize).min(tests.post.len());
            take_test(&mut make, &mut extra, Which::Post, &pack.id, pack.version, &tests.post, when, right);
        }
    }
    Some(Year { events, last_sync_ms })
}

/// One pre- or post-test handed in at `at` with its first `right` questions answered right; the
/// phone claims no score (0 of 0), as the app does: the server grades.
#[allow(clippy::too_many_arguments)]
fn take_test(
    make: &mut impl FnMut(&mut Rng, i64, EventBody) -> EventId,
    rng: &mut Rng,
    which: Which,
    course: &str,
    version: u32,
    questions: &[Question],
    at: i64,
    right: usize,
) {
    let subject = which.subject(course);
    let attempt = make(rng, at, EventBody::QuizStarted { course_id: subject.clone(), course_version: version });
    for (i, question) in questions.iter().enumerate() {
        let choice = if i < right { question.correct.clone() } else { vec![u8::from(question.correct.first() == Some(&0))] };
        make(rng, at + 1_000, EventBody::AnswerGiven { course_id: subject.clone(), attempt, question_id: question.id.clone(), choice });
    }
    make(rng, at + 2_000, EventBody::QuizSubmitted { course_id: subject, attempt, correct: 0, total: 0 });
}
