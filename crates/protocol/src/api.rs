//! Request and response bodies of the HTTP API, shared by the app and the server.

use crate::event::Event;
use crate::ids::{DeviceId, EventId};
use serde::{Deserialize, Serialize};

/// `POST /api/sync/push`: events the device has not yet seen acknowledged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    /// The sync protocol version the client speaks (`PROTOCOL_VERSION`).
    pub protocol_version: u16,
    /// The pushing device.
    pub device_id: DeviceId,
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
