//! Says plainly what a storage failure means for the learner.

use crate::i18n::{Key, use_i18n};
use crate::store::StoreError;
use leptos::prelude::*;

/// The catalogue key explaining `err`.
pub fn explain(err: &StoreError) -> Key {
    match err {
        StoreError::QuotaExceeded => Key::StorageFull,
        StoreError::Unavailable => Key::StorageUnavailable,
        _ => Key::StorageError,
    }
}

#[component]
pub fn StorageError(
    /// The failure to explain.
    error: StoreError,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = explain(&error);
    view! { <p class="alert" role="alert">{move || i18n.t(key)}</p> }
}
