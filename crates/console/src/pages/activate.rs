//! `/konsol/aktivasi`: a new account sets its password with the one-time code from the import.

use crate::api;
use crate::i18n::{Key, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::Nip;
use lentera_protocol::org::ActivateRequest;

/// What is wrong with the form, checked before anything is sent.
pub fn check(nip: &str, code: &str, password: &str, again: &str) -> Result<String, Key> {
    let nip = Nip::parse(nip).map_err(|_| Key::NipInvalid)?;
    if code.trim().is_empty() {
        return Err(Key::CodeMissing);
    }
    crate::pages::password::check_new(password, again, nip.as_str())?;
    Ok(nip.to_string())
}

#[component]
pub fn Activate() -> impl IntoView {
    let i18n = use_i18n();
    let nip = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Key>);
    let active = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = check(&nip.get_untracked(), &code.get_untracked(), &password.get_untracked(), &again.get_untracked());
        let nip = match checked {
            Ok(nip) => nip,
            Err(key) => return problem.set(Some(key)),
        };
        problem.set(None);
        let request = ActivateRequest { nip, code: code.get_untracked().trim().to_owned(), password: password.get_untracked() };
        busy.set(true);
        spawn_local(async move {
            let ok = api::done("POST", "/api/auth/activate", api::body(&request)).await;
            busy.try_set(false);
            active.try_set(ok);
        });
    };

    let field = move |id: &'static str, label: Key, kind: &'static str, value: RwSignal<String>| {
        let autocomplete = if kind == "password" { "new-password" } else { "off" };
        view! {
            <label for=id>{tr(label)}</label>
            <input id=id name=id type=kind autocomplete=autocomplete required
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };

    view! {
        <section class="card narrow">
            <h1>{tr(Key::ActivateTitle)}</h1>
            <Show when=move || active.get() fallback=move || view! {
                <p class="muted">{tr(Key::ActivateIntro)}</p>
                <form class="form" on:submit=submit>
                    {field("nip", Key::NipLabel, "text", nip)}
                    {field("code", Key::CodeLabel, "text", code)}
                    <p class="hint">{tr(Key::PasswordRules)}</p>
                    {field("password", Key::NewPassword, "password", password)}
                    {field("again", Key::RepeatPassword, "password", again)}
                    {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
                    <button class="primary" type="submit" disabled=move || busy.get()>
                        {move || i18n.t(if busy.get() { Key::Working } else { Key::ActivateButton })}
                    </button>
                </form>
            }>
                <p class="done" role="status">
                    {tr(Key::Activated)} " " <a href="/masuk">{tr(Key::SignInLearnerApp)}</a>
                </p>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_checked_before_sending() {
        let nip = "198503122010012002";
        assert_eq!(check(nip, "AB12", "sepuluh-huruf", "sepuluh-huruf"), Ok(nip.to_owned()));
        assert_eq!(check("12345", "AB12", "sepuluh-huruf", "sepuluh-huruf"), Err(Key::NipInvalid));
        assert_eq!(check(nip, " ", "sepuluh-huruf", "sepuluh-huruf"), Err(Key::CodeMissing));
        assert_eq!(check(nip, "AB12", "pendek", "pendek"), Err(Key::PwTooShort));
        assert_eq!(check(nip, "AB12", nip, nip), Err(Key::PwIsNip));
        assert_eq!(check(nip, "AB12", "sepuluh-huruf", "sepuluh-hurub"), Err(Key::PasswordMismatch));
    }
}
