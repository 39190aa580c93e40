//! Loading the downloaded pack a page shows, following the course id in the address.

use crate::app::Services;
use crate::components::storage_error::StorageError;
use crate::i18n::{Key, tr};
use crate::store::{StoreError, StoredPack};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `None` while reading; then the pack, or `Ok(None)` when it is not on this device.
pub type PackSignal = RwSignal<Option<Result<Option<StoredPack>, StoreError>>>;

/// The route's `:id` parameter.
pub fn course_id() -> Memo<String> {
    crate::route::param(0)
}

pub fn use_pack(services: &Services, id: Memo<String>) -> PackSignal {
    let pack: PackSignal = RwSignal::new(None);
    let store = services.store.clone();
    Effect::new(move |_| {
        let id = id.get();
        let store = store.clone();
        spawn_local(async move { pack.set(Some(store.pack(&id).await)) });
    });
    pack
}

/// Shows `view` once the route's pack is read; says so plainly when it is not on this device.
#[component]
pub fn PackGate(
    /// Open storage and this device's id.
    services: Services,
    /// The page, given the downloaded pack.
    view: fn(StoredPack, Services) -> AnyView,
) -> impl IntoView {
    let pack = use_pack(&services, course_id());
    move || match pack.get() {
        None => ().into_any(),
        Some(Err(error)) => view! { <StorageError error/> }.into_any(),
        Some(Ok(None)) => view! {
            <section class="card">
                <p>{tr(Key::NotDownloaded)}</p>
                <a class="button primary" href="/katalog">{tr(Key::OpenCatalogue)}</a>
            </section>
        }.into_any(),
        Some(Ok(Some(stored))) => view(stored, services.clone()),
    }
}
