//! `/konsol/masuk`: NIP and password; learners are sent to the learner app.

use crate::api;
use crate::i18n::{Key, tr, use_i18n};
use crate::session::{device_id, use_auth};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use lentera_protocol::{DeviceId, LoginRequest, LoginResponse, Nip};

#[component]
pub fn Login() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let nip = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Key>);
    let learner = RwSignal::new(false);

    // Someone already logged in has nothing to do here.
    Effect::new(move || {
        if auth.session.with(Option::is_some) {
            navigate("/", Default::default());
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        learner.set(false);
        let Ok(nip) = Nip::parse(&nip.get_untracked()) else {
            problem.set(Some(Key::NipInvalid));
            return;
        };
        problem.set(None);
        let Ok(device_id) = device_id().parse::<DeviceId>() else { return };
        let request = LoginRequest { nip, password: password.get_untracked(), device_id };
        busy.set(true);
        spawn_local(async move {
            let answer: Option<LoginResponse> = api::json("POST", "/api/auth/login?console=true", api::body(&request)).await;
            busy.try_set(false);
            match answer {
                Some(login) if login.account.role == "learner" => {
                    learner.try_set(true);
                    // The session is of no use here; end it on the server too.
                    api::end_session(&login.token).await;
                }
                Some(login) => auth.keep(login),
                None => {}
            }
        });
    };

    view! {
        <section class="card narrow">
            <h1>{tr(Key::LoginTitle)}</h1>
            <p class="muted">{tr(Key::LoginIntro)}</p>
            <form class="form" on:submit=submit>
                <label for="nip">{tr(Key::NipLabel)}</label>
                <input id="nip" name="nip" inputmode="numeric" autocomplete="username" maxlength="22" required
                    prop:value=move || nip.get() on:input=move |ev| nip.set(event_target_value(&ev))/>
                <label for="password">{tr(Key::PasswordLabel)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
                <button class="primary" type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if busy.get() { Key::Working } else { Key::LoginButton })}
                </button>
            </form>
            <Show when=move || learner.get()>
                <p class="alert">
                    {tr(Key::LearnerRefused)} " " <a href="/">{tr(Key::OpenLearnerApp)}</a>
                </p>
            </Show>
            <p>{tr(Key::NoPasswordYet)} " " <a href="/konsol/aktivasi">{tr(Key::ActivateLink)}</a></p>
        </section>
    }
}
