//! The sync state every page shows, and when syncs run: at start, on `online`, soon after new
//! events, periodically while online, on the button, and when the service worker asks.

use super::{SyncError, lock, sync_once};
use crate::account::AccountState;
use crate::device::now_ms;
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::DeviceId;

const LAST_SYNCED_KEY: &str = "last_synced_ms";
/// How often to look while online (and keep "5 menit lalu" true).
const PERIOD_MS: u32 = 30_000;
/// With nothing to send, still pull other devices' progress this often.
const IDLE_PULL_MS: i64 = 5 * 60_000;
/// Backoff after transient failures: doubles from the base up to the cap, with jitter.
const BACKOFF_BASE_MS: f64 = 5_000.0;
const BACKOFF_CAP_MS: f64 = 15.0 * 60_000.0;

#[derive(Clone, Copy)]
pub struct SyncStatus {
    pub online: RwSignal<bool>,
    pub pending: RwSignal<u32>,
    pub last_synced_ms: RwSignal<Option<i64>>,
    pub syncing: RwSignal<bool>,
    pub error: RwSignal<Option<SyncError>>,
    /// Ticks every period so "5 menit lalu" stays true.
    pub now_ms: RwSignal<i64>,
    /// Bumped when events from the server arrived, so progress is folded again.
    pub pulled: RwSignal<u32>,
    account: AccountState,
    library: crate::library::Library,
    failures: StoredValue<u32>,
    next_try_ms: StoredValue<i64>,
    /// Generation of the latest "sync soon" request; older timers see a newer one and stand down.
    soon: StoredValue<u32>,
}

impl SyncStatus {
    pub fn provide(account: AccountState) -> SyncStatus {
        let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
        let status = SyncStatus {
            online: RwSignal::new(online),
            pending: RwSignal::new(0),
            last_synced_ms: RwSignal::new(None),
            syncing: RwSignal::new(false),
            error: RwSignal::new(None),
            now_ms: RwSignal::new(now_ms()),
            pulled: RwSignal::new(0),
            account,
            library: crate::library::use_library(),
            failures: StoredValue::new(0),
            next_try_ms: StoredValue::new(0),
            soon: StoredValue::new(0),
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

    /// Starts a sync unless one runs, the device is offline, or (unless `now`) backoff says wait.
    pub fn request(&self, store: Store, device_id: DeviceId, now: bool) {
        let waiting = now_ms() < self.next_try_ms.get_value();
        if self.syncing.get_untracked() || !self.online.get_untracked() || (waiting && !now) {
            if !self.online.get_untracked() && self.pending.get_untracked() > 0 {
                spawn_local(lock::ask_background_sync());
            }
            return;
        }
        if !self.account.signed_in() {
            return;
        }
        self.syncing.set(true);
        let status = *self;
        spawn_local(async move {
            let (account, library) = (status.account, status.library);
            let run = lock::exclusive({
                let store = store.clone();
                async move { sync_once(&store, device_id, account, library).await }
            })
            .await;
            // `None`: another tab is syncing this very database; its work shows here on the next look.
            if let Some(result) = run {
                status.finish(&store, result).await;
            }
            if let Ok(n) = store.pending_count().await {
                status.pending.set(n);
            }
            status.syncing.set(false);
        });
    }

    /// Syncs a few seconds after the last of a burst of new events (answers come quickly).
    pub fn request_soon(&self, store: Store, device_id: DeviceId) {
        const QUIET_MS: u32 = 3_000;
        let generation = self.soon.get_value().wrapping_add(1);
        self.soon.set_value(generation);
        let status = *self;
        gloo_timers::callback::Timeout::new(QUIET_MS, move || {
            if status.soon.get_value() == generation {
                status.request(store, device_id, false);
            }
        })
        .forget();
    }

    async fn finish(&self, store: &Store, result: Result<u32, SyncError>) {
        match result {
            Ok(pulled) => {
                let now = now_ms();
                let _ = store.set_meta(LAST_SYNCED_KEY, &now).await;
                self.last_synced_ms.set(Some(now));
                self.error.set(None);
                self.failures.set_value(0);
                self.next_try_ms.set_value(0);
                if pulled > 0 {
                    self.pulled.update(|n| *n += 1);
                }
            }
            Err(err) => {
                if err.is_transient() {
                    self.back_off(&err);
                    spawn_local(lock::ask_background_sync());
                }
                // Unreachable is the ordinary offline case, not an error to show.
                self.error.set((err != SyncError::Unreachable).then_some(err));
            }
        }
    }

    /// Waits longer after each failure, randomly spread so many phones do not return at once.
    fn back_off(&self, err: &SyncError) {
        let failures = self.failures.get_value().saturating_add(1);
        self.failures.set_value(failures);
        let exponential = (BACKOFF_BASE_MS * 2f64.powi(failures.min(16) as i32 - 1)).min(BACKOFF_CAP_MS);
        let jittered = exponential * (0.5 + js_sys::Math::random());
        let asked = match err {
            SyncError::Transient { retry_after_s: Some(s), .. } => f64::from(*s) * 1000.0,
            _ => 0.0,
        };
        self.next_try_ms.set_value(now_ms() + jittered.max(asked) as i64);
    }

    /// Syncs on `online`, tracks `offline`, looks periodically, and answers the service worker.
    pub fn run(&self, store: Store, device_id: DeviceId) {
        let status = *self;
        let Some(window) = web_sys::window() else { return };
        let on_online = store.clone();
        gloo_events::EventListener::new(&window, "online", move |_| {
            status.online.set(true);
            status.request(on_online.clone(), device_id, true);
        })
        .forget();
        gloo_events::EventListener::new(&window, "offline", move |_| status.online.set(false)).forget();
        if let Ok(container) = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into())
            && let Some(target) = wasm_bindgen::JsCast::dyn_ref::<web_sys::EventTarget>(&container)
        {
            let asked = store.clone();
            gloo_events::EventListener::new(target, "message", move |event| {
                let data = wasm_bindgen::JsCast::unchecked_ref::<web_sys::MessageEvent>(event).data();
                if data.as_string().as_deref() == Some(crate::sw_contract::SYNC_TAG) {
                    status.request(asked.clone(), device_id, true);
                }
            })
            .forget();
        }
        let periodic = store.clone();
        gloo_timers::callback::Interval::new(PERIOD_MS, move || {
            status.now_ms.set(now_ms());
            let stale = status.last_synced_ms.get_untracked().is_none_or(|at| now_ms() - at > IDLE_PULL_MS);
            if status.pending.get_untracked() > 0 || stale {
                status.request(periodic.clone(), device_id, false);
            }
        })
        .forget();
        self.request(store, device_id, true);
    }
}
