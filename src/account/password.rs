//! Changing the password from the account card: the rules are said before anything is sent, and
//! the server's refusals are shown in the same words.

use super::use_account;
use crate::i18n::{Key, tr, use_i18n};
use crate::net::call;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::account::ChangePasswordRequest;
use lentera_protocol::password::{PasswordProblem, password_problem};

fn problem_key(problem: PasswordProblem) -> Key {
    match problem {
        PasswordProblem::TooShort => Key::PwTooShort,
        PasswordProblem::IsNip => Key::PwIsNip,
        PasswordProblem::TooCommon => Key::PwTooCommon,
    }
}

/// What the server's answer means for the person (204, or why not).
fn outcome(status: u16, text: &str) -> Key {
    const PROBLEMS: [PasswordProblem; 3] = [PasswordProblem::TooShort, PasswordProblem::IsNip, PasswordProblem::TooCommon];
    match status {
        200..=299 => Key::PasswordChanged,
        401 => Key::SessionEnded,
        403 => Key::PwCurrentWrong,
        400 => PROBLEMS.into_iter().find(|p| text.contains(p.message_id())).map_or(Key::SyncRefused, problem_key),
        _ => Key::SyncRefused,
    }
}

#[component]
pub fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let said = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(session) = account.session.get_untracked() else { return };
        let password = new.get_untracked();
        let local = match password_problem(&password, session.account.nip.as_str(), |_| false) {
            Some(problem) => Some(problem_key(problem)),
            None => (password != again.get_untracked()).then_some(Key::PwMismatch),
        };
        if local.is_some() {
            return said.set(local);
        }
        let body = serde_json::to_string(&ChangePasswordRequest { current_password: current.get_untracked(), new_password: password }).ok();
        busy.set(true);
        spawn_local(async move {
            let key = match call("POST", "/api/auth/password", Some(&session.token), body).await {
                Ok(reply) => outcome(reply.status, &reply.text),
                Err(()) => Key::PwOffline,
            };
            busy.try_set(false);
            said.try_set(Some(key));
        });
    };
    let field = move |id: &'static str, label: Key, value: RwSignal<String>, autocomplete: &'static str| {
        view! {
            <label for=id>{tr(label)}</label>
            <input id=id type="password" autocomplete=autocomplete aria-describedby="pw-rules"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    view! {
        <form class="login" on:submit=submit novalidate>
            <h2>{tr(Key::PwTitle)}</h2>
            <p id="pw-rules">{tr(Key::PwRules)}</p>
            {field("pw-current", Key::PwCurrent, current, "current-password")}
            {field("pw-new", Key::PwNew, new, "new-password")}
            {field("pw-again", Key::PwAgain, again, "new-password")}
            <p role="status">
                {move || said.get().map(|k| {
                    let class = if k == Key::PasswordChanged { "done" } else { "alert" };
                    view! { <span class=class>{i18n.t(k)}</span> }
                })}
            </p>
            <button class="primary" type="submit" disabled=busy>{tr(Key::PwSave)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_refusal_is_said_in_the_apps_words() {
        let common = format!(r#"{{"error":{{"message":"field `new_password`: {}"}}}}"#, PasswordProblem::TooCommon.message_id());
        assert_eq!(outcome(400, &common), Key::PwTooCommon);
        assert_eq!(outcome(403, ""), Key::PwCurrentWrong);
        assert_eq!(outcome(204, ""), Key::PasswordChanged);
        assert_eq!(outcome(401, ""), Key::SessionEnded);
    }
}
