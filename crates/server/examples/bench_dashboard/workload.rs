//! A person's 200 events as their phone makes them over the year so far, with the real course,
//! lesson and question ids (the sync bench's `Catalog`), and what the dashboard should then show for them.

use lentera_protocol::progress::year_of;
pub use crate::sync_workload::{Catalog, Rng};
use crate::sync_workload::wrong;
use lentera_protocol::{CreditRule, DeviceId, Event, EventBody, EventId, PASS_PERCENT, Progress, credit};
use std::collections::{BTreeMap, BTreeSet};

/// Every published pack version's credit rule, as the server keeps them.
pub type RuleBook = BTreeMap<(String, u32), CreditRule>;

/// What the dashboard must show for a person, worked out while making their events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expected {
    pub jp: u32,
    pub completed: u32,
    pub in_progress: u32,
    /// Assigned courses not completed, and those of them past due (filled in by the set-up).
    pub assigned_open: u32,
    pub overdue: u32,
    /// Courses completed (any year), for assignment checks.
    pub done: BTreeSet<String>,
}

impl Catalog {
    pub fn ids(&self) -> Vec<String> {
        self.courses.iter().map(|c| c.id.clone()).collect()
    }

    /// Rough events per pass through a course (lessons opened, some reopened, completed; a quiz).
    fn events_per_pass(&self) -> f64 {
        let sum: f64 = self.courses.iter().map(|c| c.lessons.len() as f64 * 2.33 + c.questions.len() as f64 * 1.2 + 2.5).sum();
        sum / self.courses.len() as f64
    }

    /// `n` events of one person: onboarding, then study sessions over `from_ms..until_ms` through
    /// 1 to all of the courses in turn (lessons opened, some reopened, completed; a quiz with some
    /// answers changed; the hand-in; the completion the first time a course is passed; a failed
    /// quiz is retaken on the next pass). Sessions are spread over the span, events 5-90 s apart.
    pub fn person_events(&self, rules: &RuleBook, device: DeviceId, from_ms: i64, until_ms: i64, n: usize, rng: &mut Rng) -> (Vec<Event>, Expected) {
        let mut out = Vec::with_capacity(n);
        let span = (until_ms - from_ms).max(86_400_000);
        let passes = (n as f64 / self.events_per_pass()).max(1.0);
        let session_gap = (span as f64 * 0.85 / passes) as u64;
        let mut time = from_ms + rng.below((span / 20) as u64) as i64;
        let last = until_ms - 60_000;
        // Some take one or two courses and revisit them; others go through every course.
        let taken = 1 + rng.below(self.courses.len() as u64) as usize;
        let offset = rng.below(self.courses.len() as u64) as usize;
        // Chance in 100 that an answer is right: 60-97.
        let skill = 60 + rng.below(38);
        let mut completed: BTreeSet<usize> = BTreeSet::new();
        let mut push = |body: EventBody, gap_ms: u64, out: &mut Vec<Event>, rng: &mut Rng| -> (EventId, i64) {
            time = (time + gap_ms as i64).min(last);
            let id = EventId::new_v7(u64::try_from(time).unwrap_or(0), rng.bytes::<10>());
            out.push(Event { id, device_id: device, device_time_ms: time, body });
            (id, time)
        };
        push(EventBody::OnboardingCompleted { language: "id".into() }, 0, &mut out, rng);
        let mut turn = 0usize;
        while out.len() < n {
            let index = (offset + turn % taken) % self.courses.len();
            let course = &self.courses[index];
            turn += 1;
            let session_start = session_gap / 2 + rng.below(session_gap.max(1));
            let step = |rng: &mut Rng| 5_000 + rng.below(85_000);
            let mut first = true;
            let mut gap = |rng: &mut Rng| if std::mem::take(&mut first) { session_start } else { step(rng) };
            for (i, lesson) in course.lessons.iter().enumerate() {
                if i > 0 && rng.below(3) == 0 {
                    let back = course.lessons[i - 1].clone();
                    let g = gap(rng);
                    push(EventBody::LessonOpened { course_id: course.id.clone(), lesson_id: back }, g, &mut out, rng);
                }
                let g = gap(rng);
                push(EventBody::LessonOpened { course_id: course.id.clone(), lesson_id: lesson.clone() }, g, &mut out, rng);
                let g = gap(rng);
                push(EventBody::LessonCompleted { course_id: course.id.clone(), lesson_id: lesson.clone() }, g, &mut out, rng);
            }
            let started = EventBody::QuizStarted { course_id: course.id.clone(), course_version: course.version };
            let g = gap(rng);
            let (attempt, _) = push(started, g, &mut out, rng);
            let mut correct = 0u32;
            for (question_id, kind, options, right) in &course.questions {
                let changes = if rng.below(5) == 0 { 2 } else { 1 };
                let mut last_right = false;
                for _ in 0..changes {
                    let choice = if rng.below(100) < skill { right.clone() } else { wrong(*kind, *options, right, rng) };
                    last_right = &choice == right;
                    let body = EventBody::AnswerGiven { course_id: course.id.clone(), attempt, question_id: question_id.clone(), choice };
                    push(body, step(rng), &mut out, rng);
                }
                correct += u32::from(last_right);
            }
            let total = course.questions.len() as u32;
            push(EventBody::QuizSubmitted { course_id: course.id.clone(), attempt, correct, total }, step(rng), &mut out, rng);
            if !completed.contains(&index) && correct * 100 >= PASS_PERCENT * total {
                push(EventBody::CourseCompleted { course_id: course.id.clone(), jp: course.jp }, 1_000, &mut out, rng);
                completed.insert(index);
            }
        }
        // What the cut at `n` leaves, as the server credits it: the shared rule over the kept events
        // (a cut may keep a passing attempt without its completion claim, which is still credited).
        out.truncate(n);
        let touched: BTreeSet<&str> = out.iter().filter_map(|e| e.body.course_id()).collect();
        let credited: Vec<_> = credit(&Progress::fold(&out), rules).into_iter().filter_map(|v| v.credited.map(|c| (v.course_id, c))).collect();
        let year = year_of(until_ms);
        let expected = Expected {
            jp: credited.iter().filter(|(_, c)| year_of(c.at_ms) == year).map(|(_, c)| c.jp).sum(),
            completed: credited.len() as u32,
            in_progress: (touched.len() - credited.len()) as u32,
            done: credited.iter().map(|(id, _)| id.clone()).collect(),
            ..Expected::default()
        };
        (out, expected)
    }
}

/// Events per kind, for the report: `answer_given 40.1%, lesson_opened 31.0%, ...`.
pub fn kind_mix(counts: &BTreeMap<&'static str, usize>) -> String {
    let total = counts.values().sum::<usize>().max(1) as f64;
    let mut list: Vec<_> = counts.iter().collect();
    list.sort_by_key(|(_, c)| std::cmp::Reverse(**c));
    list.iter().map(|(k, c)| format!("{k} {:.1}%", **c as f64 * 100.0 / total)).collect::<Vec<_>>().join(", ")
}
