//! Learning beyond courses (docs/activities.md): sessions (webinars and workshops, often with a
//! partner), attendance by check-in code, and the learning log (coaching, mentoring, self-study,
//! learning communities, internships, outside certificates) that the supervisor confirms.
//!
//! The phone records events; the server decides: a check-in counts when its code was shown for that
//! session inside its window, a log entry when the supervisor confirmed it. JP come from the one
//! conversion below (Peraturan LAN 10/2018: 1 JP is 45 minutes of learning), on both sides.

use crate::course::{Competency, Pillar};
use crate::progress::Stamp;
use crate::{Event, EventBody};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Peraturan LAN 10/2018: one lesson hour (JP) is 45 minutes of learning.
pub const MINUTES_PER_JP: u32 = 45;

/// Most JP one session or one log entry can bring: a full week of training (5 days × 8 JP).
pub const MAX_JP_PER_ITEM: u32 = 40;

/// JP of `minutes` of learning: whole lesson hours only, capped at `MAX_JP_PER_ITEM`.
pub fn jp_for_minutes(minutes: u32) -> u32 {
    (minutes / MINUTES_PER_JP).min(MAX_JP_PER_ITEM)
}

/// Characters a check-in code is made of: no 0/O, 1/I/L, so it survives being read aloud.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Length of a check-in code.
pub const CODE_LEN: usize = 6;

/// A typed code as compared: spaces and dashes dropped, upper case.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Largest evidence file the server keeps (photos are shrunk on the phone before this applies).
pub const MAX_EVIDENCE_BYTES: usize = 2 * 1024 * 1024;

/// Most evidence files one log entry may carry.
pub const MAX_EVIDENCE_FILES: usize = 3;

/// Evidence types the server accepts.
pub const EVIDENCE_TYPES: [&str; 3] = ["image/jpeg", "image/png", "application/pdf"];

/// A session's form of learning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingForm {
    Webinar,
    Workshop,
}

/// What a log entry is (BKN's 10:20:70: learning from others and on the job).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LogForm {
    Coaching,
    Mentoring,
    SelfStudy,
    Community,
    Internship,
    Certificate,
}

impl LogForm {
    pub const ALL: [LogForm; 6] = [
        LogForm::Coaching,
        LogForm::Mentoring,
        LogForm::SelfStudy,
        LogForm::Community,
        LogForm::Internship,
        LogForm::Certificate,
    ];

    /// As stored and in the ledger's `form` column.
    pub fn key(self) -> &'static str {
        match self {
            LogForm::Coaching => "coaching",
            LogForm::Mentoring => "mentoring",
            LogForm::SelfStudy => "self_study",
            LogForm::Community => "community",
            LogForm::Internship => "internship",
            LogForm::Certificate => "certificate",
        }
    }

    pub fn from_key(key: &str) -> Option<LogForm> {
        LogForm::ALL.into_iter().find(|f| f.key() == key)
    }
}

impl TrainingForm {
    pub fn key(self) -> &'static str {
        match self {
            TrainingForm::Webinar => "webinar",
            TrainingForm::Workshop => "workshop",
        }
    }
}

/// A partner organisation with a short profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    pub id: i64,
    pub name: String,
    /// `university`, `company` or `agency`.
    pub kind: String,
    pub profile: String,
    pub website: Option<String>,
}

/// A session as scheduled (what the console edits; the learner sees `MyTraining`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Training {
    pub id: i64,
    pub title: String,
    pub form: TrainingForm,
    pub partner_id: Option<i64>,
    /// Online link (https only).
    pub link: Option<String>,
    pub place: Option<String>,
    /// Start and end, Unix milliseconds (shown in WIB).
    pub start_ms: i64,
    pub end_ms: i64,
    pub capacity: Option<u32>,
    /// JP credited for attending; `jp_for_minutes` of the duration unless the organiser sets fewer.
    pub jp: u32,
    pub competency: Competency,
    pub pillars: Vec<Pillar>,
    /// Units whose people (and their sub-units') are invited.
    pub units: Vec<i64>,
    /// A course read before the session; the phone fetches it once registered.
    pub pre_reading: Option<String>,
    /// After the session: the recording link and materials (links), for those registered.
    pub recording: Option<String>,
    pub materials: Vec<String>,
}

/// A learner's standing with one session, as the server decided it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Registration {
    /// Registered and within capacity.
    Confirmed,
    /// The session was full when the registration arrived.
    Full,
    /// Registered and then cancelled.
    Cancelled,
}

/// `GET /api/trainings/mine`: one session the learner is invited to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTraining {
    pub training: Training,
    pub partner: Option<Partner>,
    /// Registrations confirmed so far.
    pub taken: u32,
    pub registration: Option<Registration>,
    /// JP credited for this session's attendance, when the server credited it.
    pub credited_jp: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTrainings {
    pub trainings: Vec<MyTraining>,
}

/// `GET /api/trainings`: a training as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingView {
    pub training: Training,
    pub partner: Option<String>,
    /// Registrations confirmed, and those turned away because it was full.
    pub confirmed: u32,
    pub full: u32,
    /// People credited for attending.
    pub present: u32,
    /// Whether the caller may edit it and host it (every invited unit is theirs).
    pub organiser: bool,
}

/// One person on a training's list (`GET /api/trainings/{id}/roster`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterRow {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub registration: Option<Registration>,
    /// Credited for attending (by a verified code or the host's mark).
    pub present: bool,
    /// Check-ins that arrived from the phone; `by_code` when one of them was verified.
    pub check_ins: u32,
    pub by_code: bool,
}

/// `POST /api/trainings/{id}/attendance`: the host marks one person from the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendance {
    pub nip: String,
    pub present: bool,
}

/// `GET /api/trainings/{id}/code`: the code to show now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckInCode {
    pub code: String,
    /// When this code gives way to the next one.
    pub slot_ends_ms: i64,
    /// Check-ins count from 30 minutes before the start to 30 minutes after the end.
    pub opens_ms: i64,
    pub closes_ms: i64,
}

/// How long a check-in code is shown before the next one.
pub const CODE_SLOT_MS: i64 = 10 * 60 * 1000;

/// Grace before the start and after the end in which a check-in still counts.
pub const CHECK_IN_GRACE_MS: i64 = 30 * 60 * 1000;

/// A log entry as the learner writes it (the newest save counts).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogDraft {
    /// A `LogForm` key.
    pub form: String,
    /// What: the topic, the certificate's name.
    pub title: String,
    /// With whom or where: the coach, the community, the partner, the issuer.
    pub with_whom: String,
    /// When, `YYYY-MM-DD`.
    pub date: String,
    pub minutes: u32,
    pub learned: String,
    /// Evidence files by id (made on the phone; uploaded to `PUT /api/evidence/{id}`).
    pub evidence: Vec<String>,
}

impl LogDraft {
    /// The draft a `log_saved` event carries; `None` for other events.
    pub fn of(body: &EventBody) -> Option<LogDraft> {
        match body {
            EventBody::LogSaved { form, title, with_whom, date, minutes, text, evidence, .. } => Some(LogDraft {
                form: form.clone(),
                title: title.clone(),
                with_whom: with_whom.clone(),
                date: date.clone(),
                minutes: *minutes,
                learned: text.clone(),
                evidence: evidence.clone(),
            }),
            _ => None,
        }
    }

    /// The `log_saved` event that saves this draft as entry `entry`.
    pub fn saved(self, entry: &str) -> EventBody {
        EventBody::LogSaved {
            entry: entry.to_owned(),
            form: self.form,
            title: self.title,
            with_whom: self.with_whom,
            date: self.date,
            minutes: self.minutes,
            text: self.learned,
            evidence: self.evidence,
        }
    }
}

/// A log entry's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LogStatus {
    Draft,
    Submitted,
    Confirmed,
    Returned,
}

/// `GET /api/log/mine` and the console's review: one entry and the supervisor's word on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogEntry {
    pub entry: String,
    pub draft: LogDraft,
    pub status: LogStatus,
    /// The supervisor's note when returned.
    pub note: Option<String>,
    /// JP credited when confirmed.
    pub jp: Option<u32>,
    /// Evidence ids the server holds (the others are still on the phone).
    pub evidence_received: Vec<String>,
}

/// Most activity events a fold keeps; beyond it a junk slot is dropped.
pub const MAX_KEPT: usize = 600;

/// The learner's activities as their own events left them: what the phone shows before the server
/// has spoken.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Activities {
    /// Session id → registered (true) or cancelled (false), newest word.
    pub registered: BTreeMap<String, bool>,
    /// Session id → codes typed, with when.
    pub check_ins: BTreeMap<String, Vec<(Stamp, String)>>,
    /// Entry id → newest draft.
    pub drafts: BTreeMap<String, (Stamp, LogDraft)>,
    /// Entry id → newest hand-in.
    pub submitted: BTreeMap<String, Stamp>,
}

impl Activities {
    pub fn of(kept: &[Event]) -> Activities {
        let mut out = Activities::default();
        for event in kept {
            let at = Stamp::of(event);
            match &event.body {
                EventBody::TrainingRegistered { training } => {
                    out.registered.insert(training.clone(), true);
                }
                EventBody::TrainingCancelled { training } => {
                    out.registered.insert(training.clone(), false);
                }
                EventBody::CheckedIn { training, code } => out
                    .check_ins
                    .entry(training.clone())
                    .or_default()
                    .push((at, code.clone())),
                EventBody::LogSaved { entry, .. } => {
                    if let Some(draft) = LogDraft::of(&event.body) {
                        out.drafts.insert(entry.clone(), (at, draft));
                    }
                }
                EventBody::LogSubmitted { entry } => {
                    out.submitted.insert(entry.clone(), at);
                }
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Progress;
    use crate::ids::{DeviceId, EventId};

    fn event(ms: i64, body: EventBody) -> Event {
        Event {
            id: EventId::new_v7(ms as u64, [1; 10]),
            device_id: DeviceId::from_random([2; 16]),
            device_time_ms: ms,
            body,
        }
    }

    #[test]
    fn jp_is_whole_lesson_hours_and_capped() {
        assert_eq!(
            [
                jp_for_minutes(44),
                jp_for_minutes(45),
                jp_for_minutes(90),
                jp_for_minutes(134),
                jp_for_minutes(100_000)
            ],
            [0, 1, 2, 2, MAX_JP_PER_ITEM]
        );
    }

    #[test]
    fn a_typed_code_is_compared_without_spaces_dashes_or_case() {
        assert_eq!(normalise_code(" k7m-q 2x "), "K7MQ2X");
    }

    #[test]
    fn the_newest_registration_word_wins_in_any_order() {
        let register = event(
            10,
            EventBody::TrainingRegistered {
                training: "4".into(),
            },
        );
        let cancel = event(
            20,
            EventBody::TrainingCancelled {
                training: "4".into(),
            },
        );
        for order in [[&register, &cancel], [&cancel, &register]] {
            let progress = Progress::fold(order);
            assert_eq!(
                Activities::of(&progress.activity).registered.get("4"),
                Some(&false)
            );
        }
    }

    #[test]
    fn every_code_typed_for_a_session_is_kept_for_the_server_to_check() {
        let wrong = event(
            10,
            EventBody::CheckedIn {
                training: "4".into(),
                code: "AAAAAA".into(),
            },
        );
        let right = event(
            20,
            EventBody::CheckedIn {
                training: "4".into(),
                code: "K7MQ2X".into(),
            },
        );
        let progress = Progress::fold([&right, &wrong, &right]);
        assert_eq!(Activities::of(&progress.activity).check_ins["4"].len(), 2);
    }

    #[test]
    fn a_newer_save_of_a_draft_replaces_the_older() {
        let draft = |title: &str| LogDraft {
            form: "mentoring".into(),
            title: title.into(),
            minutes: 90,
            ..LogDraft::default()
        };
        let old = event(
            10,
            draft("lama").saved("e1"),
        );
        let new = event(
            20,
            draft("baru").saved("e1"),
        );
        let progress = Progress::fold([&new, &old]);
        assert_eq!(
            Activities::of(&progress.activity).drafts["e1"].1.title,
            "baru"
        );
    }
}
