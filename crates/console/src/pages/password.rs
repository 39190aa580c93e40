//! `/konsol/sandi`: a supervisor or admin changes their own password, told the rules first.

use crate::api;
use crate::i18n::{Key, tr, use_i18n};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::account::ChangePasswordRequest;
use lentera_protocol::password::{PasswordProblem, password_problem};

/// The rule a new password breaks that this browser can tell (the server also checks the list of
/// common passwords, with the same words), or a mismatch of the two copies.
pub fn check_new(password: &str, again: &str, nip: &str) -> Result<(), Key> {
    match password_problem(password, nip, |_| false) {
        Some(problem) => Err(problem_key(problem)),
        None if password != again => Err(Key::PasswordMismatch),
        None => Ok(()),
    }
}

pub fn problem_key(problem: PasswordProblem) -> Key {
    match problem {
        PasswordProblem::TooShort => Key::PwTooShort,
        PasswordProblem::IsNip => Key::PwIsNip,
        PasswordProblem::TooCommon => Key::PwTooCommon,
    }
}

#[component]
pub fn ChangePassword() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Key>);
    let changed = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let nip = auth.session.with_untracked(|s| s.as_ref().map(|s| s.account.nip.to_string())).unwrap_or_default();
        if let Err(key) = check_new(&password.get_untracked(), &again.get_untracked(), &nip) {
            return problem.set(Some(key));
        }
        problem.set(None);
        let request = ChangePasswordRequest { current_password: current.get_untracked(), new_password: password.get_untracked() };
        busy.set(true);
        spawn_local(async move {
            let ok = api::done("POST", "/api/auth/password", api::body(&request)).await;
            busy.try_set(false);
            changed.try_set(ok);
        });
    };
    let field = move |id: &'static str, label: Key, value: RwSignal<String>, autocomplete: &'static str| {
        view! {
            <label for=id>{tr(label)}</label>
            <input id=id name=id type="password" autocomplete=autocomplete required
                aria-describedby=(id != "current").then_some("password-rules")
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    view! {
        <section class="card narrow">
            <h1>{tr(Key::PasswordTitle)}</h1>
            <Show when=move || changed.get() fallback=move || view! {
                <p class="muted">{tr(Key::PasswordIntro)}</p>
                <form class="form" on:submit=submit>
                    {field("current", Key::CurrentPassword, current, "current-password")}
                    <p id="password-rules" class="hint">{tr(Key::PasswordRules)}</p>
                    {field("password", Key::NewPassword, password, "new-password")}
                    {field("again", Key::RepeatPassword, again, "new-password")}
                    {move || problem.get().map(|k| view! { <p class="alert" role="alert">{tr(k)}</p> })}
                    <button class="primary" type="submit" disabled=move || busy.get()>
                        {move || i18n.t(if busy.get() { Key::Working } else { Key::ChangePassword })}
                    </button>
                </form>
            }>
                <p class="done" role="status">{tr(Key::PasswordChanged)}</p>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_are_told_before_anything_is_sent() {
        let nip = "198503122010012002";
        assert_eq!(check_new("pendek", "pendek", nip), Err(Key::PwTooShort));
        assert_eq!(check_new(nip, nip, nip), Err(Key::PwIsNip));
        assert_eq!(check_new("kopi hujan perahu", "kopi hujan perahuu", nip), Err(Key::PasswordMismatch));
        assert_eq!(check_new("kopi hujan perahu", "kopi hujan perahu", nip), Ok(()));
    }
}
