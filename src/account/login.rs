//! Logging in by NIP: checked on the phone first, then a device session from the server, then
//! the learner's progress restored from the server (a new phone, or a reinstalled browser).

use super::{AccountState, use_account};
use crate::app::{Services, use_services};
use crate::i18n::{I18n, Key, tr, use_i18n};
use crate::learning::{Learning, use_learning};
use crate::store::StoreError;
use crate::sync::{SyncError, SyncStatus, client, pull_new, reset_cursor};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::{LoginRequest, Nip, NipError};

/// The NIP's fault in the learner's words.
fn nip_problem(i18n: I18n, err: &NipError) -> String {
    match err {
        NipError::Length(n) => i18n.n(Key::NipLength, n),
        NipError::NotDigits => i18n.t(Key::NipDigits).into(),
        NipError::BirthDate(_) => i18n.t(Key::NipBirth).into(),
        NipError::AppointmentMonth(_) => i18n.t(Key::NipAppointment).into(),
        NipError::AppointedBeforeBirth { .. } => i18n.t(Key::NipBeforeBirth).into(),
        NipError::Gender(_) => i18n.t(Key::NipGender).into(),
        NipError::Sequence => i18n.t(Key::NipSequence).into(),
    }
}

fn store_problem(i18n: I18n, err: &StoreError) -> String {
    i18n.t(crate::components::storage_error::explain(err)).into()
}

/// The whole login; `Err` is a sentence for the learner.
async fn log_in(i18n: I18n, account: AccountState, status: SyncStatus, learning: Learning, services: Services, nip: Nip, password: String) -> Result<(), String> {
    let store = &services.store;
    let previous = account.session.get_untracked().map(|s| s.account.nip);
    let pending = store.pending_count().await.map_err(|e| store_problem(i18n, &e))?;
    if let Some(owner) = previous.as_ref().filter(|owner| **owner != nip && pending > 0) {
        return Err(i18n.fill(Key::OtherPending, &[("n", &pending.to_string()), ("nip", owner.as_str())]));
    }
    let request = LoginRequest { nip: nip.clone(), password, device_id: services.device_id };
    let session = client::login(&request).await.map_err(|err| match err {
        SyncError::Unreachable => i18n.t(Key::LoginOffline).to_owned(),
        SyncError::SessionEnded => i18n.t(Key::LoginWrong).to_owned(),
        SyncError::Transient { retry_after_s: Some(s), .. } => i18n.n(Key::LoginWait, s),
        _ => i18n.t(Key::LoginFailed).to_owned(),
    })?;
    if previous.is_some_and(|owner| owner != nip) {
        // Another person's synced history leaves this phone; the server keeps it for them.
        store.clear_events().await.map_err(|e| store_problem(i18n, &e))?;
        reset_cursor(store).await.map_err(|e| store_problem(i18n, &e))?;
    }
    // Restore before showing the app, so a learner never starts over what they already did;
    // best effort: a page that fails now is fetched by the next sync.
    let _ = pull_new(store, &session.token).await;
    learning.load(store).await.map_err(|e| store_problem(i18n, &e))?;
    account.save(store, session).await.map_err(|e| store_problem(i18n, &e))?;
    status.request(services.store.clone(), services.device_id, true);
    Ok(())
}

#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let services = use_services();
    let status = expect_context::<SyncStatus>();
    let learning = use_learning();
    let nip = RwSignal::new(account.session.get_untracked().map(|s| s.account.nip.to_string()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let location = crate::route::use_location();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = match Nip::parse(&nip.get_untracked()) {
            Ok(parsed) => parsed,
            Err(err) => return problem.set(Some(nip_problem(i18n, &err))),
        };
        let Some(Ok(services)) = services.get_untracked() else { return };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let outcome = log_in(i18n, account, status, learning, services, parsed, password.get_untracked()).await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    if window().location().pathname().is_ok_and(|p| p == "/masuk") {
                        location.navigate("/", false);
                    }
                }
                Err(text) => problem.set(Some(text)),
            }
        });
    };
    view! {
        <section class="card login">
            <h1>{tr(Key::LoginTitle)}</h1>
            <p>{tr(Key::LoginIntro)}</p>
            <form on:submit=submit novalidate>
                <label for="nip">{tr(Key::NipLabel)}</label>
                <input id="nip" name="nip" inputmode="numeric" autocomplete="username" maxlength="24"
                    aria-describedby="login-problem" value=nip.get_untracked()
                    on:input=move |ev| nip.set(event_target_value(&ev))/>
                <label for="password">{tr(Key::PasswordLabel)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password"
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <p id="login-problem" role="alert">
                    {move || problem.get().map(|text| view! { <span class="alert">{text}</span> })}
                </p>
                <button class="primary" type="submit" disabled=busy>
                    {move || if busy.get() { i18n.t(Key::Restoring) } else { i18n.t(Key::LoginButton) }}
                </button>
            </form>
        </section>
    }
}
