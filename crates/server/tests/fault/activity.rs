//! What a learner does in one sitting, as the app records it: lessons read, quiz attempts, completions.

use super::rng::Rng;
use lentera_protocol::{DeviceId, Event, EventBody, EventId, Score};

/// (course id, lessons, JP). The server stores events without looking at packs, so ids need only be plausible.
const COURSES: [(&str, &[&str], u32); 2] = [
    ("uji-coba", &["01-satu", "02-dua", "03-tiga", "04-empat"], 2),
    ("keamanan-digital", &["01-kata-sandi", "02-phishing", "03-data-pribadi", "04-perangkat-wifi", "05-insiden"], 3),
];
const QUESTIONS: usize = 8;

/// Records events with the device's real clock, so the server's skew correction is zero.
pub struct Recorder {
    device: DeviceId,
}

impl Recorder {
    pub fn new(device: DeviceId) -> Self {
        Self { device }
    }

    fn event(&self, rng: &mut Rng, body: EventBody) -> Event {
        let now = lentera_server::now_ms();
        Event { id: EventId::new_v7(now as u64, rng.bytes()), device_id: self.device, device_time_ms: now, body }
    }

    /// One sitting: a few lessons, or one quiz attempt that may be handed in and pass.
    pub fn sitting(&self, rng: &mut Rng) -> Vec<Event> {
        let (course, lessons, jp) = COURSES[rng.below(COURSES.len())];
        let course_id = course.to_owned();
        let mut out = Vec::new();
        if rng.chance(55) {
            for _ in 0..=rng.below(3) {
                let lesson_id = lessons[rng.below(lessons.len())].to_owned();
                out.push(self.event(rng, EventBody::LessonOpened { course_id: course_id.clone(), lesson_id: lesson_id.clone() }));
                if rng.chance(70) {
                    out.push(self.event(rng, EventBody::LessonCompleted { course_id: course_id.clone(), lesson_id }));
                }
            }
            return out;
        }
        let start = self.event(rng, EventBody::QuizStarted { course_id: course_id.clone(), course_version: 1 });
        let attempt = start.id;
        out.push(start);
        // Answers may change: a later answer to the same question replaces the earlier one in the fold.
        for _ in 0..rng.below(QUESTIONS + 4) {
            let question_id = format!("q{}", 1 + rng.below(QUESTIONS));
            let choice = vec![rng.below(3) as u8];
            out.push(self.event(rng, EventBody::AnswerGiven { course_id: course_id.clone(), attempt, question_id, choice }));
        }
        if rng.chance(70) {
            let correct = rng.below(QUESTIONS + 1) as u32;
            out.push(self.event(rng, EventBody::QuizSubmitted { course_id: course_id.clone(), attempt, correct, total: QUESTIONS as u32 }));
            if (Score { correct, total: QUESTIONS as u32 }).passed() {
                out.push(self.event(rng, EventBody::CourseCompleted { course_id, jp }));
            }
        }
        out
    }
}
