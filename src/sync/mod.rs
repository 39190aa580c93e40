//! Sync: rotates the session token, pushes the outbox, pulls what other devices sent; one run at a time.

pub mod client;
pub mod lock;
mod status;

pub use status::SyncStatus;

use crate::account::AccountState;
use crate::store::{Store, StoreError};
use leptos::prelude::GetUntracked;
use lentera_protocol::org::{AssignmentList, AssignmentView};
use lentera_protocol::{DeviceId, MAX_BATCH_EVENTS, Nip, PROTOCOL_VERSION, PushRequest};

const PULL_CURSOR_KEY: &str = "pull_cursor";

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// No connection to the server (offline, or the server is down).
    #[error("the server cannot be reached")]
    Unreachable,
    /// The server failed for now, or asked to slow down; the same batch may succeed later.
    #[error("{message}")]
    Transient { message: String, retry_after_s: Option<u32> },
    /// The server refused; retrying unchanged will not help, the learner must act.
    #[error("{message}")]
    Permanent { code: String, message: String },
    /// The session was ended on the server: log in again (nothing pending is lost).
    #[error("the session has ended")]
    SessionEnded,
    /// Ended because an old token of it came back after rotation (copied elsewhere): log in again.
    #[error("the session has ended")]
    SessionReused,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// Whether trying again by itself (with backoff) can help.
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Unreachable | SyncError::Transient { .. })
    }
}

/// One whole sync. Returns how many events arrived from the server.
pub async fn sync_once(store: &Store, device_id: DeviceId, account: AccountState, library: crate::library::Library) -> Result<u32, SyncError> {
    let Some(session) = account.stored(store).await? else { return Err(SyncError::SessionEnded) };
    if account.ended.get_untracked() {
        return Err(SyncError::SessionEnded);
    }
    let result = async {
        let token = client::rotate(&session.token).await?;
        // Saved before first use: if this answer had been lost, the old token would still work.
        account.save(store, lentera_protocol::LoginResponse { token: token.clone(), ..session.clone() }).await?;
        push_pending(store, device_id, &token, &session.account.nip).await?;
        let pulled = pull_new(store, &token).await?;
        fetch_assignments(store, &token).await?;
        crate::ledger::fetch(store, &token, &session.account.nip).await?;
        report_storage(&token).await?;
        // Never fails the sync: what did not arrive is tried at the next one.
        library.prefetch(store, &token).await;
        Ok(pulled)
    }
    .await;
    if matches!(result, Err(SyncError::SessionEnded | SyncError::SessionReused)) {
        account.mark_ended(store).await?;
    }
    result
}

/// Pushes every pending event, batch by batch; returns how many the server acknowledged.
pub async fn push_pending(store: &Store, device_id: DeviceId, token: &str, learner: &Nip) -> Result<usize, SyncError> {
    let mut acknowledged = 0;
    loop {
        let events = store.pending(MAX_BATCH_EVENTS as u32).await?;
        if events.is_empty() {
            return Ok(acknowledged);
        }
        let sent: Vec<_> = events.iter().map(|e| e.id).collect();
        let sent_at_ms = crate::device::now_ms();
        let request = PushRequest { protocol_version: PROTOCOL_VERSION, device_id, learner: learner.clone(), sent_at_ms, events };
        let response = client::push(token, &request).await?;
        store.mark_sent(&response.acknowledged).await?;
        acknowledged += response.acknowledged.len();
        // The server acknowledges every id it holds; anything else would loop forever.
        if sent.iter().any(|id| !response.acknowledged.contains(id)) {
            return Err(SyncError::Transient { message: "the server did not acknowledge the whole batch".into(), retry_after_s: None });
        }
    }
}

/// Pulls every page after the saved cursor; the cursor moves only once a page is stored.
pub async fn pull_new(store: &Store, token: &str) -> Result<u32, SyncError> {
    let mut cursor: i64 = store.meta(PULL_CURSOR_KEY).await?.unwrap_or(0);
    let mut added = 0;
    loop {
        let page = client::pull(token, cursor).await?;
        added += store.add_synced(&page.events).await?;
        cursor = page.cursor;
        store.set_meta(PULL_CURSOR_KEY, &cursor).await?;
        if !page.more {
            return Ok(added);
        }
    }
}

/// Key of the learner's assignments as last fetched (the server's JSON); the home page shows them offline.
const ASSIGNMENTS_KEY: &str = "assignments";

/// Keeps the supervisor's assignments on the device for offline days, as the server sent them.
async fn fetch_assignments(store: &Store, token: &str) -> Result<(), SyncError> {
    let reply = crate::net::call("GET", "/api/assignments/mine", Some(token), None).await.map_err(|()| SyncError::Unreachable)?;
    if !reply.ok() {
        return Err(client::refusal(reply));
    }
    // Kept only once it reads as a list.
    client::parse::<AssignmentList>(&reply.text)?;
    store.set_meta(ASSIGNMENTS_KEY, &reply.text).await?;
    Ok(())
}

/// The assignments kept at the last sync (none before the first).
pub async fn kept_assignments(store: &Store) -> Result<Vec<AssignmentView>, StoreError> {
    let Some(value) = store.meta_value(ASSIGNMENTS_KEY).await?.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(Vec::new());
    };
    // Earlier versions kept the list itself as a JavaScript array.
    let text = match value.as_string() {
        Some(text) => text,
        None => format!("{{\"assignments\":{}}}", js_sys::JSON::stringify(&value).ok().and_then(|t| t.as_string()).unwrap_or_default()),
    };
    serde_json::from_str::<AssignmentList>(&text).map(|list| list.assignments).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Tells the server how full this phone is, so a supervisor can warn before downloads fail.
async fn report_storage(token: &str) -> Result<(), SyncError> {
    let Some((used, quota)) = crate::library::storage::estimate().await else { return Ok(()) };
    let full = crate::store::failed_for_space();
    let report = lentera_protocol::org::StorageReport { used_bytes: used as u64, quota_bytes: quota as u64, full };
    let json = serde_json::to_string(&report).ok();
    let reply = crate::net::call("POST", "/api/sync/storage", Some(token), json).await.map_err(|()| SyncError::Unreachable)?;
    if reply.ok() { Ok(()) } else { Err(client::refusal(reply)) }
}

/// Forgets the pull position, for a device handed to another learner.
pub async fn reset_cursor(store: &Store) -> Result<(), StoreError> {
    store.set_meta(PULL_CURSOR_KEY, &0i64).await
}
