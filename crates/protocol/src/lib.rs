//! Lentera's shared language between the app (wasm) and the server: ids, events, API types,
//! the course model and the progress fold.
//! Kept free of tokio, sqlx and HTTP clients so it compiles to wasm unchanged.

pub mod account;
pub mod api;
pub mod competency;
pub mod course;
pub mod credit;
pub mod event;
pub mod ids;
pub mod jp_rule;
pub mod nip;
pub mod org;
pub mod password;
pub mod progress;
mod wire;

pub use api::{Account, ApiErrorBody, ApiErrorDetail, Health, LoginRequest, LoginResponse, LogoutAllResponse, PullResponse, PushRequest, PushResponse, RotateResponse};
pub use event::{Event, EventBody};
pub use credit::{CourseCredit, CreditRule, Credited, NotCredited, Rules, credit};
pub use course::{Catalogue, Competency, CoursePack, CourseSummary, Lesson, Pillar, Question, QuestionKind, Quiz, Score, PASS_PERCENT};
pub use jp_rule::Employment;
pub use ids::{DeviceId, EventId, IdError};
pub use nip::{Nip, NipError};
pub use progress::{CourseProgress, Progress, Stamp};

/// Version of the sync protocol this build speaks; a server refuses clients older than it supports.
pub const PROTOCOL_VERSION: u16 = 2;

/// Most events one push may carry; keeps a batch small enough for a weak connection.
pub const MAX_BATCH_EVENTS: usize = 500;

/// Largest push body the server accepts, in bytes.
pub const MAX_PUSH_BYTES: usize = 1024 * 1024;
