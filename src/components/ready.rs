//! Shows a page only once storage is open; otherwise a loading line or what went wrong.

use crate::app::{Services, use_services};
use crate::components::storage_error::StorageError;
use crate::i18n::{Key, tr};
use crate::learning::use_learning;
use leptos::prelude::*;

#[component]
pub fn Ready<F, V>(
    /// The page, given open storage.
    view: F,
) -> impl IntoView
where
    F: Fn(Services) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let services = use_services();
    let learning = use_learning();
    move || match services.get() {
        Some(Ok(s)) if learning.ready.get() => view(s).into_any(),
        Some(Err(error)) => view! { <StorageError error/> }.into_any(),
        _ => view! { <p class="loading" role="status">{tr(Key::Loading)}</p> }.into_any(),
    }
}
