//! Who uses this device: the session made at login, kept in IndexedDB so it works offline for weeks.

pub mod login;
pub mod panel;
pub mod password;

use crate::store::{Store, StoreError};
use leptos::prelude::*;
use lentera_protocol::LoginResponse;

pub(crate) use crate::sw_contract::{ENDED_KEY, SESSION_KEY};

#[derive(Clone, Copy)]
pub struct AccountState {
    /// The token and account from the last login (kept after a revoke, to name whose data waits).
    pub session: RwSignal<Option<LoginResponse>>,
    /// The server said the session was ended (signed out elsewhere): sync waits for a new login.
    pub ended: RwSignal<bool>,
    /// False until the stored session has been read.
    pub loaded: RwSignal<bool>,
}

impl AccountState {
    pub fn provide() -> AccountState {
        let state = AccountState { session: RwSignal::new(None), ended: RwSignal::new(false), loaded: RwSignal::new(false) };
        provide_context(state);
        state
    }

    pub async fn load(&self, store: &Store) -> Result<(), StoreError> {
        let text: Option<String> = store.meta(SESSION_KEY).await?;
        self.session.set(text.and_then(|t| serde_json::from_str(&t).ok()));
        self.ended.set(store.meta::<bool>(ENDED_KEY).await?.unwrap_or(false));
        self.loaded.set(true);
        Ok(())
    }

    /// Keeps a new login (or a rotated token) on the device before it is used.
    pub async fn save(&self, store: &Store, session: LoginResponse) -> Result<(), StoreError> {
        let text = serde_json::to_string(&session).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        store.set_meta(SESSION_KEY, &text).await?;
        store.set_meta(ENDED_KEY, &false).await?;
        self.session.set(Some(session));
        self.ended.set(false);
        Ok(())
    }

    /// The session as the device keeps it: another tab may have rotated the token since this tab
    /// read it, and presenting the old token after that would end the session (reuse detection).
    pub async fn stored(&self, store: &Store) -> Result<Option<LoginResponse>, StoreError> {
        let text: Option<String> = store.meta(SESSION_KEY).await?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()).or_else(|| self.session.get_untracked()))
    }

    pub async fn mark_ended(&self, store: &Store) -> Result<(), StoreError> {
        store.set_meta(ENDED_KEY, &true).await?;
        self.ended.set(true);
        Ok(())
    }

    /// Forgets the session after a logout.
    pub async fn forget(&self, store: &Store) -> Result<(), StoreError> {
        store.set_meta(SESSION_KEY, "").await?;
        self.session.set(None);
        self.ended.set(false);
        Ok(())
    }

    /// Logged in, and the login still usable for learning (a revoked one still is, offline).
    pub fn signed_in(&self) -> bool {
        self.session.with(Option::is_some)
    }
}

pub fn use_account() -> AccountState {
    use_context::<AccountState>().unwrap_or_else(AccountState::provide)
}
