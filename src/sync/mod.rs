//! Sync: pushes the outbox whenever the device is online; one run at a time.

pub mod client;
mod status;

pub use status::SyncStatus;

use crate::store::{Store, StoreError};
use lentera_protocol::{DeviceId, MAX_BATCH_EVENTS, PROTOCOL_VERSION, PushRequest};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// No connection to the server (offline, or the server is down).
    #[error("the server cannot be reached")]
    Unreachable,
    /// The server failed for now; the same batch may succeed later.
    #[error("{0}")]
    Transient(String),
    /// The server refused the batch; retrying unchanged will not help.
    #[error("{0}")]
    Permanent(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, SyncError::Permanent(_))
    }
}

/// Pushes every pending event, batch by batch; returns how many the server acknowledged.
pub async fn push_pending(store: &Store, device_id: DeviceId) -> Result<usize, SyncError> {
    let mut acknowledged = 0;
    loop {
        let events = store.pending(MAX_BATCH_EVENTS as u32).await?;
        if events.is_empty() {
            return Ok(acknowledged);
        }
        let sent: Vec<_> = events.iter().map(|e| e.id).collect();
        let request = PushRequest { protocol_version: PROTOCOL_VERSION, device_id, events };
        let response = client::push(&request).await?;
        store.mark_sent(&response.acknowledged).await?;
        acknowledged += response.acknowledged.len();
        // The server acknowledges every id it holds; anything else would loop forever.
        if sent.iter().any(|id| !response.acknowledged.contains(id)) {
            return Err(SyncError::Transient("the server did not acknowledge the whole batch".into()));
        }
    }
}
