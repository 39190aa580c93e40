//! The append-only event: every learner action is one, made and kept on the device first.
//! Every kind is declared once, in the `event_kinds!` list below (the macro is in `wire.rs`).

use crate::ids::{DeviceId, EventId};
use serde::{Deserialize, Serialize};

/// One immutable fact recorded on a device. The server stores it once, keyed by `id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Made on the device (UUID v7); the same id pushed twice is the same event.
    pub id: EventId,
    /// The installation that recorded it.
    pub device_id: DeviceId,
    /// The device's clock when recorded, Unix milliseconds; kept as data, never trusted for order.
    pub device_time_ms: i64,
    /// What happened.
    pub body: EventBody,
}

event_kinds! {
    fields {
        language: String,
        course_id: String,
        lesson_id: String,
        course_version: u32,
        attempt: EventId,
        question_id: String,
        choice: Vec<u8>,
        correct: u32,
        total: u32,
        jp: u32,
        year: u32,
        competency: String,
        level: u32,
        question: String,
        text: String,
        items: Vec<String>,
        training: String,
        code: String,
        entry: String,
        form: String,
        title: String,
        with_whom: String,
        date: String,
        minutes: u32,
        evidence: Vec<String>,
        subject: String,
        round: String,
        team: Vec<String>,
    }
    /// The learner read the welcome screen and chose to start.
    OnboardingCompleted = "onboarding_completed" {
        /// UI language the learner had chosen (`id` or `en`).
        language: String,
    }
    /// A lesson was shown; the newest one is where the learner resumes.
    LessonOpened = "lesson_opened" { course_id: String, lesson_id: String }
    /// The learner marked a lesson done.
    LessonCompleted = "lesson_completed" { course_id: String, lesson_id: String }
    /// A quiz attempt began; its event id is the attempt's id.
    QuizStarted = "quiz_started" { course_id: String, course_version: u32 }
    /// An answer, saved the moment it was given; a newer answer to the same question replaces it.
    AnswerGiven = "answer_given" { course_id: String, attempt: EventId, question_id: String, choice: Vec<u8> }
    /// The attempt was handed in and scored against the pack on the device.
    QuizSubmitted = "quiz_submitted" { course_id: String, attempt: EventId, correct: u32, total: u32 }
    /// The first pass of the course's quiz: credits `jp` once, however many devices record it.
    CourseCompleted = "course_completed" { course_id: String, jp: u32 }
    /// Needs analysis (docs/akpk.md): the learner's own level of a competency; the newest counts.
    SurveyRated = "survey_rated" { year: u32, competency: String, level: u32 }
    /// An answer to one of the survey's open questions; the newest counts.
    SurveyAnswered = "survey_answered" { year: u32, question: String, text: String }
    /// The learner said the year's survey is done.
    SurveySubmitted = "survey_submitted" { year: u32 }
    /// The learner's plan for the year, the whole list; the newest counts.
    PlanChanged = "plan_changed" { year: u32, items: Vec<String> }
    /// The plan (its items) was sent to the supervisor for validation.
    PlanSubmitted = "plan_submitted" { year: u32, items: Vec<String> }
    /// Learning beyond courses (docs/activities.md): the learner registered for a training; the
    /// server confirms it on sync, or says the training was full.
    TrainingRegistered = "training_registered" { training: String }
    /// The learner withdrew a registration; the newest word counts.
    TrainingCancelled = "training_cancelled" { training: String }
    /// A check-in code typed or scanned at a training, offline; the server checks it.
    CheckedIn = "checked_in" { training: String, code: String }
    /// A learning-log entry as the learner wrote it (`activity::LogDraft`'s fields, `text` being
    /// what they learned); the newest save counts. Flat fields: a nested struct cost the first load.
    LogSaved = "log_saved" { entry: String, form: String, title: String, with_whom: String, date: String, minutes: u32, text: String, evidence: Vec<String> }
    /// The entry was sent to the supervisor for confirmation.
    LogSubmitted = "log_submitted" { entry: String }
    /// Evaluation (docs/evaluation.md, `reaction`): the learner's satisfaction with a course or training
    /// (`subject` is `course:<id>` or `training:<id>`), one 1-4 level per question in `choice` and
    /// an open answer in `text`; optional, the newest counts, never a condition of JP.
    ReactionGiven = "reaction_given" { subject: String, choice: Vec<u8>, text: String }
    /// What the learner will change in their work after `subject`; the newest counts.
    ActionPlanSaved = "action_plan_saved" { subject: String, text: String }
    /// An innovation idea for `round`, as drafted (`items` are its sections in the order of
    /// `idea::SECTIONS`, `evidence` its image ids, `team` co-authors' NIPs); newest counts.
    IdeaSaved = "idea_saved" { entry: String, round: String, title: String, items: Vec<String>, evidence: Vec<String>, team: Vec<String> }
    /// The idea was handed in to the supervisor for endorsement.
    IdeaSubmitted = "idea_submitted" { entry: String }
}

impl EventBody {
    /// The course this event is about; `None` for onboarding, the needs analysis and activities.
    pub fn course_id(&self) -> Option<&str> {
        match self {
            EventBody::OnboardingCompleted { .. }
            | EventBody::SurveyRated { .. }
            | EventBody::SurveyAnswered { .. }
            | EventBody::SurveySubmitted { .. }
            | EventBody::PlanChanged { .. }
            | EventBody::PlanSubmitted { .. }
            | EventBody::TrainingRegistered { .. }
            | EventBody::TrainingCancelled { .. }
            | EventBody::CheckedIn { .. }
            | EventBody::LogSaved { .. }
            | EventBody::LogSubmitted { .. }
            | EventBody::ReactionGiven { .. }
            | EventBody::ActionPlanSaved { .. }
            | EventBody::IdeaSaved { .. }
            | EventBody::IdeaSubmitted { .. } => None,
            EventBody::LessonOpened { course_id, .. }
            | EventBody::LessonCompleted { course_id, .. }
            | EventBody::QuizStarted { course_id, .. }
            | EventBody::AnswerGiven { course_id, .. }
            | EventBody::QuizSubmitted { course_id, .. }
            | EventBody::CourseCompleted { course_id, .. } => Some(course_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Event {
        Event {
            id: EventId::new_v7(1_763_800_000_000, [3; 10]),
            device_id: DeviceId::from_random([9; 16]),
            device_time_ms: 1_763_800_000_000,
            body: EventBody::OnboardingCompleted { language: "id".into() },
        }
    }

    #[test]
    fn event_json_names_kind_and_payload() {
        let json = serde_json::to_value(sample()).expect("serialises");
        assert_eq!(json["body"]["kind"], "onboarding_completed");
        assert_eq!(json["body"]["payload"]["language"], "id");
    }

    #[test]
    fn event_round_trips_through_json() {
        let text = serde_json::to_string(&sample()).expect("serialises");
        let back: Event = serde_json::from_str(&text).expect("parses back");
        assert_eq!(back, sample());
    }

    #[test]
    fn unknown_kind_is_refused() {
        let mut json = serde_json::to_value(sample()).expect("serialises");
        json["body"]["kind"] = "teleported".into();
        let err = serde_json::from_value::<Event>(json).expect_err("must refuse");
        assert!(err.to_string().contains("teleported"), "{err}");
    }

    #[test]
    fn kind_matches_the_wire_name() {
        let body = sample().body;
        let json = serde_json::to_value(&body).expect("serialises");
        assert_eq!(json["kind"], body.kind().name());
    }
}
