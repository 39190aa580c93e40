//! Ids made on the device, so an event has its identity before it ever meets the server.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdError {
    #[error("not a UUID: {0}")]
    NotUuid(String),
    #[error("must be a UUID version 7 (time-ordered), got version {0}")]
    NotV7(usize),
}

/// Id of one event: a UUID v7 made on the device from its clock and 10 random bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Uuid))]
#[serde(try_from = "String", into = "String")]
pub struct EventId(Uuid);

impl EventId {
    /// Builds a v7 id; randomness comes from the caller so this crate needs no RNG backend.
    pub fn new_v7(unix_millis: u64, random: [u8; 10]) -> Self {
        Self(uuid::Builder::from_unix_timestamp_millis(unix_millis, &random).into_uuid())
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl TryFrom<Uuid> for EventId {
    type Error = IdError;
    fn try_from(id: Uuid) -> Result<Self, IdError> {
        match id.get_version_num() {
            7 => Ok(Self(id)),
            other => Err(IdError::NotV7(other)),
        }
    }
}

impl From<EventId> for Uuid {
    fn from(id: EventId) -> Uuid {
        id.0
    }
}

impl std::str::FromStr for EventId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let id = Uuid::parse_str(s).map_err(|_| IdError::NotUuid(s.to_owned()))?;
        Self::try_from(id)
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

// Ids travel as hyphenated text; going through `String` keeps uuid's larger serde code out of the wasm.
impl TryFrom<String> for EventId {
    type Error = IdError;
    fn try_from(text: String) -> Result<Self, IdError> {
        text.parse()
    }
}

impl From<EventId> for String {
    fn from(id: EventId) -> String {
        id.to_string()
    }
}

impl TryFrom<String> for DeviceId {
    type Error = IdError;
    fn try_from(text: String) -> Result<Self, IdError> {
        text.parse()
    }
}

impl From<DeviceId> for String {
    fn from(id: DeviceId) -> String {
        id.to_string()
    }
}

/// Id of one installation of the app (one browser profile), made on first start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Uuid))]
#[serde(try_from = "String", into = "String")]
pub struct DeviceId(Uuid);

impl DeviceId {
    /// A random (v4-shaped) id from 16 caller-supplied random bytes.
    pub fn from_random(random: [u8; 16]) -> Self {
        Self(uuid::Builder::from_random_bytes(random).into_uuid())
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl std::str::FromStr for DeviceId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Uuid::parse_str(s).map(Self).map_err(|_| IdError::NotUuid(s.to_owned()))
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_id_keeps_its_millis_and_is_version_7() {
        let id = EventId::new_v7(1_763_800_000_000, [7; 10]);
        assert_eq!(id.as_uuid().get_version_num(), 7);
        let (secs, nanos) = id.as_uuid().get_timestamp().map(|t| t.to_unix()).expect("v7 has a timestamp");
        assert_eq!(secs * 1000 + u64::from(nanos) / 1_000_000, 1_763_800_000_000);
    }

    #[test]
    fn event_id_round_trips_through_text() {
        let id = EventId::new_v7(42, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(id.to_string().parse::<EventId>(), Ok(id));
    }

    #[test]
    fn a_v4_uuid_is_refused_as_event_id() {
        let v4 = "9b2c4f6e-1a3d-4e5f-8a7b-0c1d2e3f4a5b";
        assert_eq!(v4.parse::<EventId>(), Err(IdError::NotV7(4)));
        let json = format!("\"{v4}\"");
        assert!(serde_json::from_str::<EventId>(&json).is_err());
    }

    #[test]
    fn garbage_is_not_an_id() {
        assert!(matches!("lentera".parse::<EventId>(), Err(IdError::NotUuid(_))));
        assert!(matches!("".parse::<DeviceId>(), Err(IdError::NotUuid(_))));
    }
}
