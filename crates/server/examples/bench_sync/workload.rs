//! Events as a learner's phone makes them, using the real course, lesson and question ids.

use lentera_protocol::{DeviceId, Event, EventBody, EventId, Nip, PASS_PERCENT, PROTOCOL_VERSION, PushRequest, QuestionKind};
use lentera_server::content::Library;

/// A small, fast PRNG (xorshift64*): seeded from the OS so each run's ids are new, or from a
/// fixed seed for the same data on every run. Shared with the dashboard bench.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    pub fn from_os() -> Result<Self, String> {
        let mut seed = [0u8; 8];
        getrandom::fill(&mut seed).map_err(|e| format!("no OS randomness: {e}"))?;
        Ok(Self::new(u64::from_le_bytes(seed)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for chunk in out.chunks_mut(8) {
            let word = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        out
    }

    pub fn device(&mut self) -> DeviceId {
        DeviceId::from_random(self.bytes::<16>())
    }
}

pub(crate) struct Course {
    pub(crate) id: String,
    pub(crate) version: u32,
    pub(crate) jp: u32,
    pub(crate) lessons: Vec<String>,
    /// (question id, kind, option count, right options)
    pub(crate) questions: Vec<(String, QuestionKind, usize, Vec<u8>)>,
}

/// The shapes of the courses the server ships, enough to make realistic events.
pub struct Catalog {
    pub(crate) courses: Vec<Course>,
}

impl Catalog {
    pub fn from_library(library: &Library) -> Result<Self, String> {
        let courses: Vec<Course> = library
            .packs
            .values()
            .map(|built| Course {
                id: built.pack.id.clone(),
                version: built.pack.version,
                jp: built.pack.jp,
                lessons: built.pack.lessons.iter().map(|l| l.id.clone()).collect(),
                questions: built
                    .pack
                    .quiz
                    .questions
                    .iter()
                    .map(|q| (q.id.clone(), q.kind, q.option_count(), q.correct.clone()))
                    .collect(),
            })
            .collect();
        if courses.is_empty() {
            return Err("the content folder holds no course pack".into());
        }
        Ok(Self { courses })
    }

    /// `n` events of one learner on one device, as study sessions make them: onboarding, then course
    /// after course (lessons opened, some reopened, completed; a quiz with answers, some changed;
    /// the hand-in; the completion the first time a course is passed), device clock 5-90 s apart.
    pub fn learner_events(&self, device: DeviceId, start_ms: u64, n: usize, rng: &mut Rng) -> Vec<Event> {
        let mut out = Vec::with_capacity(n);
        let mut time = start_ms;
        let mut passed = vec![false; self.courses.len()];
        let mut push = |body: EventBody, out: &mut Vec<Event>, rng: &mut Rng| -> EventId {
            time += 5_000 + rng.below(85_000);
            let id = EventId::new_v7(time, rng.bytes::<10>());
            out.push(Event { id, device_id: device, device_time_ms: time as i64, body });
            id
        };
        push(EventBody::OnboardingCompleted { language: "id".into() }, &mut out, rng);
        let mut turn = 0usize;
        while out.len() < n {
            let index = turn % self.courses.len();
            let course = &self.courses[index];
            turn += 1;
            for (i, lesson) in course.lessons.iter().enumerate() {
                if i > 0 && rng.below(3) == 0 {
                    let back = course.lessons[i - 1].clone();
                    push(EventBody::LessonOpened { course_id: course.id.clone(), lesson_id: back }, &mut out, rng);
                }
                push(EventBody::LessonOpened { course_id: course.id.clone(), lesson_id: lesson.clone() }, &mut out, rng);
                push(EventBody::LessonCompleted { course_id: course.id.clone(), lesson_id: lesson.clone() }, &mut out, rng);
            }
            let started = EventBody::QuizStarted { course_id: course.id.clone(), course_version: course.version };
            let attempt = push(started, &mut out, rng);
            let mut correct = 0u32;
            for (question_id, kind, options, right) in &course.questions {
                let changes = if rng.below(5) == 0 { 2 } else { 1 };
                let mut last_right = false;
                for _ in 0..changes {
                    let choice = pick(*kind, *options, right, rng);
                    last_right = &choice == right;
                    let body = EventBody::AnswerGiven {
                        course_id: course.id.clone(),
                        attempt,
                        question_id: question_id.clone(),
                        choice,
                    };
                    push(body, &mut out, rng);
                }
                correct += u32::from(last_right);
            }
            let total = course.questions.len() as u32;
            push(EventBody::QuizSubmitted { course_id: course.id.clone(), attempt, correct, total }, &mut out, rng);
            if !passed[index] && correct * 100 >= PASS_PERCENT * total {
                passed[index] = true;
                push(EventBody::CourseCompleted { course_id: course.id.clone(), jp: course.jp }, &mut out, rng);
            }
        }
        out.truncate(n);
        out
    }
}

/// A learner's answer: right three times in four, else a plausible wrong choice.
fn pick(kind: QuestionKind, options: usize, right: &[u8], rng: &mut Rng) -> Vec<u8> {
    if rng.below(4) != 0 { right.to_vec() } else { wrong(kind, options, right, rng) }
}

/// A plausible wrong choice (a multiple-choice one may still be right by chance).
pub(crate) fn wrong(kind: QuestionKind, options: usize, right: &[u8], rng: &mut Rng) -> Vec<u8> {
    let options = options.max(1) as u64;
    match kind {
        QuestionKind::Multiple => {
            let mut chosen: Vec<u8> = (0..options).filter(|_| rng.below(2) == 0).map(|i| i as u8).collect();
            if chosen.is_empty() {
                chosen.push(rng.below(options) as u8);
            }
            chosen
        }
        _ => {
            let pick = rng.below(options) as u8;
            if right == [pick] && options > 1 { vec![(pick + 1) % options as u8] } else { vec![pick] }
        }
    }
}

/// Push bodies of `batch` events each, serialised now (so the timed part is only HTTP and the server).
pub fn push_bodies(learner: &Nip, device: DeviceId, events: &[Event], batch: usize) -> Result<Vec<Vec<u8>>, String> {
    events
        .chunks(batch)
        .map(|chunk| {
            let request = PushRequest {
                protocol_version: PROTOCOL_VERSION,
                device_id: device,
                learner: learner.clone(),
                sent_at_ms: lentera_server::now_ms(),
                events: chunk.to_vec(),
            };
            serde_json::to_vec(&request).map_err(|e| format!("cannot serialise a push: {e}"))
        })
        .collect()
}

/// Events per kind, for the report: `lesson_opened 31%, answer_given 40%, ...`.
pub fn kind_mix(events: &[Event]) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for event in events {
        let kind = event.body.kind().name();
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, c)) => *c += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts.sort_by_key(|(_, c)| std::cmp::Reverse(*c));
    let total = events.len().max(1) as f64;
    counts.iter().map(|(k, c)| format!("{k} {:.1}%", *c as f64 * 100.0 / total)).collect::<Vec<_>>().join(", ")
}
