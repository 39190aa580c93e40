//! Request and response bodies of the HTTP API, shared by the app and the server.

use crate::event::Event;
use crate::ids::{DeviceId, EventId};
use crate::nip::Nip;
use serde::{Deserialize, Serialize};

/// `POST /api/sync/push`: events the device has not yet seen acknowledged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    /// The sync protocol version the client speaks (`PROTOCOL_VERSION`).
    pub protocol_version: u16,
    /// The pushing device; must be the device the session was made on.
    pub device_id: DeviceId,
    /// Whose events these are, as the device believes; must be the session's learner, else 403.
    pub learner: Nip,
    /// The device clock when the batch was sent; with the server's clock it corrects device times.
    pub sent_at_ms: i64,
    /// At most `MAX_BATCH_EVENTS` events; stored all together or not at all.
    pub events: Vec<Event>,
}

/// Every id the server now holds from the batch, whether stored now or before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// Ids the device may mark as sent.
    pub acknowledged: Vec<EventId>,
    /// How many of them were new to the server.
    pub newly_stored: u32,
}

/// `GET /api/sync/pull?after=<cursor>`: the learner's events the server holds, in server order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// At most `MAX_BATCH_EVENTS` events, from every device of the learner.
    pub events: Vec<Event>,
    /// Pass as `after` for the next page; kept by the device once the page is stored.
    pub cursor: i64,
    /// Whether more pages follow.
    pub more: bool,
}

/// `POST /api/auth/rotate`: a fresh token replaces the one sent; the old one works until the new is used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RotateResponse {
    pub token: String,
}

/// `GET /api/health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the server can serve requests.
    pub status: String,
    /// Server version.
    pub version: String,
    /// `ok` when the database answered, else `unavailable`.
    pub database: String,
}

/// The body of every error the API returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_json`.
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
    /// Whether sending the same request later may succeed.
    pub retryable: bool,
}

/// `POST /api/auth/login`: NIP and password, from one device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub nip: Nip,
    pub password: String,
    /// The device this session is for; the session keeps working offline on it.
    pub device_id: DeviceId,
}

/// Who a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub nip: Nip,
    pub name: String,
    pub unit: String,
    /// `learner`, `supervisor` or `admin`.
    pub role: String,
    /// PNS or PPPK: which yearly JP rule the app shows (absent from old servers and old sessions: PNS).
    #[serde(default)]
    pub employment: crate::jp_rule::Employment,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Sent as `Authorization: Bearer <token>`; shown once, kept only on the device.
    pub token: String,
    pub account: Account,
}

/// `POST /api/auth/logout-all`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoutAllResponse {
    /// How many device sessions were ended.
    pub revoked: u64,
}
