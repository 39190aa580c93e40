//! Who is logged in, with logging out here or on every device. Never loses what waits to sync.

use super::use_account;
use crate::app::Services;
use crate::i18n::{Key, tr, use_i18n};
use crate::sync::{SyncError, SyncStatus, client, reset_cursor};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AccountPanel(
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let status = expect_context::<SyncStatus>();
    let problem = RwSignal::new(None::<String>);
    let changing = RwSignal::new(false);
    let services = StoredValue::new_local(services);
    let out = move |all: bool| {
        let pending = status.pending.get_untracked();
        if pending > 0 {
            return problem.set(Some(i18n.n(Key::LogoutPending, pending)));
        }
        let Some(session) = account.session.get_untracked() else { return };
        let services = services.get_value();
        spawn_local(async move {
            let store = &services.store;
            if let Err(err) = client::logout(&session.token, all).await {
                let text = match err {
                    SyncError::Unreachable => i18n.t(Key::LogoutOffline).to_owned(),
                    other => other.to_string(),
                };
                return problem.set(Some(text));
            }
            // Everything was acknowledged (nothing pending), so the server holds it all.
            let cleared = async {
                store.clear_events().await?;
                reset_cursor(store).await?;
                account.forget(store).await
            };
            if let Err(err) = cleared.await {
                return problem.set(Some(i18n.t(crate::components::storage_error::explain(&err)).to_owned()));
            }
            status.pulled.update(|n| *n += 1);
        });
    };
    let who = move || {
        account.session.with(|s| {
            s.as_ref().map(|s| format!("{} · NIP {}", i18n.fill(Key::SignedInAs, &[("name", &s.account.name)]), s.account.nip))
        })
    };
    view! {
        <section class="card account" aria-labelledby="account-who">
            <p id="account-who">{who}</p>
            <div class="actions">
                <button type="button" on:click=move |_| out(false)>{tr(Key::Logout)}</button>
                <button type="button" on:click=move |_| out(true)>{tr(Key::LogoutAll)}</button>
                <button type="button" aria-expanded=move || changing.get().to_string() on:click=move |_| changing.update(|c| *c = !*c)>
                    {tr(Key::PwOpen)}
                </button>
            </div>
            {move || problem.get().map(|text| view! { <p class="alert" role="alert">{text}</p> })}
            <Show when=move || changing.get()>
                <super::password::PasswordForm/>
            </Show>
        </section>
    }
}
