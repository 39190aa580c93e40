//! Reads `EventBody` from `{"kind": ..., "payload": {...}}` through one flat struct of optional
//! fields: the same wire format and strictness as the derive, in a fraction of the code.

use crate::event::EventBody;
use crate::ids::EventId;
use serde::de::{Deserializer, Error};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    kind: String,
    payload: Fields,
}

/// Every payload field of every kind; each kind takes its own and must leave none behind.
#[derive(Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Fields {
    language: Option<String>,
    course_id: Option<String>,
    lesson_id: Option<String>,
    course_version: Option<u32>,
    attempt: Option<EventId>,
    question_id: Option<String>,
    choice: Option<Vec<u8>>,
    correct: Option<u32>,
    total: Option<u32>,
    jp: Option<u32>,
}

impl<'de> Deserialize<'de> for EventBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Wire { kind, payload: mut f } = Wire::deserialize(deserializer)?;
        fn need<T, E: Error>(value: Option<T>, kind: &str, field: &str) -> Result<T, E> {
            value.ok_or_else(|| E::custom(format!("payload of `{kind}` needs the field `{field}`")))
        }
        let k = kind.as_str();
        let body = match k {
            "onboarding_completed" => EventBody::OnboardingCompleted { language: need(f.language.take(), k, "language")? },
            "lesson_opened" => EventBody::LessonOpened {
                course_id: need(f.course_id.take(), k, "course_id")?,
                lesson_id: need(f.lesson_id.take(), k, "lesson_id")?,
            },
            "lesson_completed" => EventBody::LessonCompleted {
                course_id: need(f.course_id.take(), k, "course_id")?,
                lesson_id: need(f.lesson_id.take(), k, "lesson_id")?,
            },
            "quiz_started" => EventBody::QuizStarted {
                course_id: need(f.course_id.take(), k, "course_id")?,
                course_version: need(f.course_version.take(), k, "course_version")?,
            },
            "answer_given" => EventBody::AnswerGiven {
                course_id: need(f.course_id.take(), k, "course_id")?,
                attempt: need(f.attempt.take(), k, "attempt")?,
                question_id: need(f.question_id.take(), k, "question_id")?,
                choice: need(f.choice.take(), k, "choice")?,
            },
            "quiz_submitted" => EventBody::QuizSubmitted {
                course_id: need(f.course_id.take(), k, "course_id")?,
                attempt: need(f.attempt.take(), k, "attempt")?,
                correct: need(f.correct.take(), k, "correct")?,
                total: need(f.total.take(), k, "total")?,
            },
            "course_completed" => EventBody::CourseCompleted {
                course_id: need(f.course_id.take(), k, "course_id")?,
                jp: need(f.jp.take(), k, "jp")?,
            },
            other => return Err(D::Error::custom(format!("unknown event kind `{other}`"))),
        };
        if f != Fields::default() {
            return Err(D::Error::custom(format!("payload of `{kind}` has a field that belongs to another kind")));
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use crate::event::EventBody;
    use serde_json::json;

    fn read(value: serde_json::Value) -> Result<EventBody, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    #[test]
    fn every_kind_reads_back_what_was_written() {
        let attempt = crate::EventId::new_v7(5, [5; 10]);
        let bodies = [
            EventBody::OnboardingCompleted { language: "en".into() },
            EventBody::LessonOpened { course_id: "c".into(), lesson_id: "l".into() },
            EventBody::LessonCompleted { course_id: "c".into(), lesson_id: "l".into() },
            EventBody::QuizStarted { course_id: "c".into(), course_version: 2 },
            EventBody::AnswerGiven { course_id: "c".into(), attempt, question_id: "q".into(), choice: vec![0, 2] },
            EventBody::QuizSubmitted { course_id: "c".into(), attempt, correct: 7, total: 8 },
            EventBody::CourseCompleted { course_id: "c".into(), jp: 3 },
        ];
        for body in bodies {
            let json = serde_json::to_value(&body).expect("writes");
            assert_eq!(read(json), Ok(body));
        }
    }

    #[test]
    fn a_missing_field_an_extra_field_and_a_foreign_field_are_refused() {
        let missing = read(json!({"kind": "course_completed", "payload": {"course_id": "c"}}));
        assert!(missing.is_err_and(|e| e.contains("needs the field `jp`")));
        let unknown = read(json!({"kind": "course_completed", "payload": {"course_id": "c", "jp": 1, "bonus": 9}}));
        assert!(unknown.is_err_and(|e| e.contains("bonus")));
        let foreign = read(json!({"kind": "course_completed", "payload": {"course_id": "c", "jp": 1, "lesson_id": "l"}}));
        assert!(foreign.is_err_and(|e| e.contains("belongs to another kind")));
        let no_payload = read(json!({"kind": "course_completed"}));
        assert!(no_payload.is_err_and(|e| e.contains("payload")));
    }
}
