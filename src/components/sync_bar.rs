//! The sync state: online or not, what waits, when it last synced, and the button. On a wide
//! screen the panel always shows; on a phone it folds behind a small indicator in the top bar, so
//! the reading screen belongs to the lesson. Failures always show.

use crate::app::use_services;
use crate::i18n::{Key, ago, tr, use_i18n};
use crate::sync::{SyncError, SyncStatus};
use leptos::prelude::*;

/// Whether the phone's sync panel is unfolded (the indicator and the panel share it).
#[derive(Clone, Copy)]
pub struct PanelOpen(pub RwSignal<bool>);

/// The top bar's indicator (phones): a dot for the connection and the count of what waits.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let (Some(status), Some(PanelOpen(open))) = (use_context::<SyncStatus>(), use_context::<PanelOpen>()) else { return ().into_any() };
    let label = move || {
        let connection = if status.online.get() { i18n.t(Key::Online) } else { i18n.t(Key::Offline) };
        let waiting = match status.pending.get() {
            0 => i18n.t(Key::AllSynced).to_owned(),
            n => i18n.t(Key::Pending).replace("{n}", &n.to_string()),
        };
        format!("{}: {connection}, {waiting}", i18n.t(Key::SyncState))
    };
    view! {
        <button type="button" class="syncdot" aria-controls="syncbar" aria-expanded=move || open.get().to_string()
            aria-label=label data-online=move || status.online.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            <span class="dot" aria-hidden="true"></span>
            <span aria-hidden="true">{move || match status.pending.get() { 0 => "✓".to_owned(), n => n.to_string() }}</span>
        </button>
    }
    .into_any()
}

#[component]
pub fn SyncBar() -> impl IntoView {
    let i18n = use_i18n();
    let Some(status) = use_context::<SyncStatus>() else { return ().into_any() };
    let services = use_services();

    let connection = move || if status.online.get() { i18n.t(Key::Online) } else { i18n.t(Key::Offline) };
    let waiting = move || match status.pending.get() {
        0 => i18n.t(Key::AllSynced).to_owned(),
        n => i18n.t(Key::Pending).replace("{n}", &n.to_string()),
    };
    let last = move || match status.last_synced_ms.get() {
        Some(at) => format!("{} {}", i18n.t(Key::LastSynced), ago(i18n.lang.get(), status.now_ms.get() - at)),
        None => i18n.t(Key::NeverSynced).to_owned(),
    };
    let failure = move || {
        status.error.get().map(|err| match &err {
            SyncError::Store(e) => format!("{}: {}", i18n.t(Key::SyncFailed), i18n.t(crate::components::storage_error::explain(e))),
            SyncError::SessionEnded => i18n.t(Key::SessionEnded).to_owned(),
            SyncError::SessionReused => i18n.t(Key::SessionReused).to_owned(),
            SyncError::Permanent { code, .. } if code == "client_too_old" => i18n.t(Key::AppTooOld).to_owned(),
            SyncError::Permanent { message, .. } => format!("{}: {message}", i18n.t(Key::SyncRefused)),
            other => format!("{}: {other}. {}", i18n.t(Key::SyncFailed), i18n.t(Key::RetrySoon)),
        })
    };
    let ended = move || matches!(status.error.get(), Some(SyncError::SessionEnded | SyncError::SessionReused));
    let sync_now = move |_| {
        if let Some(Ok(s)) = services.get_untracked() {
            status.now_ms.set(crate::device::now_ms());
            status.request(s.store, s.device_id, true);
        }
    };
    let account = crate::account::use_account();
    // Before the first login there is nothing to sync and no one to sync for.
    let disabled = move || !status.online.get() || status.syncing.get() || !account.signed_in();

    let open = use_context::<PanelOpen>().map(|p| p.0);
    let class = move || if open.is_some_and(|o| o.get()) { "syncbar open" } else { "syncbar" };
    view! {
        <section id="syncbar" class=class aria-live="polite" data-online=move || status.online.get().to_string()>
            <span class="pill" data-testid="connection">{connection}</span>
            <span data-testid="pending">{waiting}</span>
            <span class="muted" data-testid="last-synced">{last}</span>
            <button type="button" on:click=sync_now disabled=disabled>
                {move || if status.syncing.get() { i18n.t(Key::Syncing) } else { i18n.t(Key::SyncNow) }}
            </button>
            <Show when=move || !status.online.get()>
                <p class="hint">{tr(Key::OfflineHint)}</p>
            </Show>
        </section>
        {move || failure().map(|text| view! { <p class="syncalert alert" role="alert">{text}</p> })}
        <Show when=ended>
            <a class="button syncalert" href="/masuk">{tr(Key::LoginAgain)}</a>
        </Show>
    }
    .into_any()
}
