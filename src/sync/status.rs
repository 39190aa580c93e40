//! The sync state every page shows, and the loop that keeps it moving.

use super::{SyncError, push_pending};
use crate::device::now_ms;
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::DeviceId;

const LAST_SYNCED_KEY: &str = "last_synced_ms";
/// How often to try while online, in case an earlier try failed.
const PERIOD_MS: u32 = 30_000;

#[derive(Clone, Copy)]
pub struct SyncStatus {
    pub online: RwSignal<bool>,
    pub pending: RwSignal<u32>,
    pub last_synced_ms: RwSignal<Option<i64>>,
    pub syncing: RwSignal<bool>,
    pub error: RwSignal<Option<SyncError>>,
    /// Ticks every period so "5 menit lalu" stays true.
    pub now_ms: RwSignal<i64>,
}

impl SyncStatus {
    pub fn provide() -> SyncStatus {
        let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
        let status = SyncStatus {
            online: RwSignal::new(online),
            pending: RwSignal::new(0),
            last_synced_ms: RwSignal::new(None),
            syncing: RwSignal::new(false),
            error: RwSignal::new(None),
            now_ms: RwSignal::new(now_ms()),
        };
        provide_context(status);
        status
    }

    /// Reads the pending count and last sync time from the store.
    pub async fn load(&self, store: &Store) {
        if let Ok(n) = store.pending_count().await {
            self.pending.set(n);
        }
        if let Ok(last) = store.meta::<i64>(LAST_SYNCED_KEY).await {
            self.last_synced_ms.set(last);
        }
    }

    /// Starts a sync unless one is running or the device is offline.
    pub fn request(&self, store: Store, device_id: DeviceId) {
        if self.syncing.get_untracked() || !self.online.get_untracked() {
            return;
        }
        self.syncing.set(true);
        let status = *self;
        spawn_local(async move {
            let result = push_pending(&store, device_id).await;
            match result {
                Ok(_) => {
                    let now = now_ms();
                    let _ = store.set_meta(LAST_SYNCED_KEY, &now).await;
                    status.last_synced_ms.set(Some(now));
                    status.error.set(None);
                }
                // Unreachable is the ordinary offline case, not an error to show.
                Err(SyncError::Unreachable) => status.error.set(None),
                Err(err) => status.error.set(Some(err)),
            }
            if let Ok(n) = store.pending_count().await {
                status.pending.set(n);
            }
            status.syncing.set(false);
        });
    }

    /// Syncs on `online`, tracks `offline`, and retries periodically while online.
    pub fn run(&self, store: Store, device_id: DeviceId) {
        let status = *self;
        let Some(window) = web_sys::window() else { return };
        let on_online = store.clone();
        gloo_events::EventListener::new(&window, "online", move |_| {
            status.online.set(true);
            status.request(on_online.clone(), device_id);
        })
        .forget();
        gloo_events::EventListener::new(&window, "offline", move |_| status.online.set(false)).forget();
        let periodic = store.clone();
        gloo_timers::callback::Interval::new(PERIOD_MS, move || {
            status.now_ms.set(now_ms());
            if status.pending.get_untracked() > 0 {
                status.request(periodic.clone(), device_id);
            }
        })
        .forget();
        self.request(store, device_id);
    }
}
