//! Shows a page only once storage is open; otherwise a loading line or what went wrong.

use crate::account::login::Login;
use crate::app::{Services, use_services};
use crate::components::storage_error::StorageError;
use crate::i18n::{Key, tr};
use crate::learning::use_learning;
use leptos::prelude::*;

/// A plain function, not a generic closure: one copy of this gate in the wasm serves every page.
#[component]
pub fn Ready(
    /// The page, given open storage.
    view: fn(Services) -> AnyView,
) -> impl IntoView {
    let services = use_services();
    let learning = use_learning();
    let account = crate::account::use_account();
    // Learning needs a login once; after that it works offline for as long as it takes.
    let login = move || account.loaded.get() && !account.signed_in();
    // A memo: a rotated token (every sync) must not rebuild the open page and lose what it holds.
    let open = Memo::new(move |_| services.with(|s| matches!(s, Some(Ok(_)))) && !login() && learning.ready.get());
    move || match services.get() {
        // Untracked: what the page reads is its own business, not a reason to rebuild it.
        Some(Ok(s)) if open.get() => untrack(|| view(s)),
        Some(Ok(_)) if login() => view! { <Login/> }.into_any(),
        Some(Err(error)) => view! { <StorageError error/> }.into_any(),
        _ => view! { <p class="loading" role="status">{tr(Key::Loading)}</p> }.into_any(),
    }
}
