//! Lentera's shared language between the app (wasm) and the server: ids, events, API types,
//! the course model and the progress fold.
//! Kept free of tokio, sqlx and HTTP clients so it compiles to wasm unchanged.

#[macro_use]
mod wire;
pub mod account;
pub mod activity;
pub mod akpk;
pub mod akpk_review;
pub mod api;
pub mod competency;
pub mod console;
pub mod course;
pub mod credit;
pub mod evaluation;
pub mod event;
pub mod framework;
pub mod html;
pub mod idea;
pub mod idea_draft;
pub mod ids;
pub mod jp_rule;
pub mod nip;
pub mod org;
pub mod password;
pub mod pretest;
pub mod progress;
pub mod reaction;

pub use api::{Account, ApiErrorBody, ApiErrorDetail, Health, LoginRequest, LoginResponse, LogoutAllResponse, PullResponse, PushRequest, PushResponse, RotateResponse};
pub use event::{Event, EventBody, EventKind};
pub use credit::{CourseCredit, CreditRule, Credited, NotCredited, Rules, credit};
pub use course::{Catalogue, Competency, CoursePack, CourseSummary, HeldPack, HeldPacks, Lesson, Pillar, Question, QuestionKind, Quiz, Score, MAX_HELD_PACKS, PASS_PERCENT, PREFETCH_LIMIT_BYTES};
pub use jp_rule::Employment;
pub use ids::{DeviceId, EventId, IdError};
pub use nip::{Nip, NipError};
pub use progress::{CourseProgress, Progress, Stamp};

/// Version of the sync protocol this build speaks; a server refuses clients older than it supports.
pub const PROTOCOL_VERSION: u16 = 2;

/// Most events one push may carry; keeps a batch small enough for a weak connection.
pub const MAX_BATCH_EVENTS: usize = 500;

/// Longest course, lesson or question id an event may carry (content ids are far shorter).
pub const MAX_ID_CHARS: usize = 64;

/// Where devices push batches (the app and its service worker).
pub const PUSH_PATH: &str = "/api/sync/push";

/// Where the server's API lives: never cached by the service worker, never a page.
pub const API_PREFIX: &str = "/api/";

/// Where the supervisors' console is served: its own app, never the learner's shell.
pub const CONSOLE_PATH: &str = "/konsol";

/// Where the survey and plan are served (docs/akpk.md): the learner's second app, loaded on demand
/// and kept by the service worker once opened.
pub const PLAN_PATH: &str = "/rencana";

/// Where trainings and the learning log are served (docs/activities.md): loaded on demand like the plan.
pub const ACTIVITY_PATH: &str = "/kegiatan";

/// Largest push body the server accepts, in bytes.
pub const MAX_PUSH_BYTES: usize = 1024 * 1024;
