//! Who is logged in: the login answer kept in localStorage, and this browser's device id.

use leptos::prelude::*;
use lentera_protocol::LoginResponse;

const SESSION_KEY: &str = "lentera-konsol-session";
const DEVICE_KEY: &str = "lentera-konsol-device";

pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// This browser's device id for console sessions, made once with `crypto.randomUUID`.
pub fn device_id() -> String {
    let store = storage();
    if let Some(id) = store.as_ref().and_then(|s| s.get_item(DEVICE_KEY).ok().flatten()) {
        return id;
    }
    let id = web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default();
    if let Some(s) = store {
        let _ = s.set_item(DEVICE_KEY, &id);
    }
    id
}

/// The session, shared by every component.
#[derive(Clone, Copy)]
pub struct Auth {
    pub session: RwSignal<Option<LoginResponse>>,
}

impl Auth {
    pub fn provide() -> Auth {
        let saved = storage()
            .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str::<LoginResponse>(&text).ok());
        let auth = Auth { session: RwSignal::new(saved) };
        provide_context(auth);
        auth
    }

    pub fn keep(&self, login: LoginResponse) {
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&login)) {
            let _ = s.set_item(SESSION_KEY, &text);
        }
        self.session.set(Some(login));
    }

    pub fn clear(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(SESSION_KEY);
        }
        self.session.set(None);
    }

    pub fn token(&self) -> Option<String> {
        self.session.with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
    }

    pub fn role(&self) -> Option<String> {
        self.session.with(|s| s.as_ref().map(|s| s.account.role.clone()))
    }

    pub fn is_admin(&self) -> bool {
        self.role().as_deref() == Some("admin")
    }
}

pub fn use_auth() -> Auth {
    use_context::<Auth>().unwrap_or_else(Auth::provide)
}
