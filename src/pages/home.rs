//! Beranda: what Lentera is, and the first step of a new learner.

use crate::app::{Services, use_services};
use crate::components::storage_error::StorageError;
use crate::device::new_event;
use crate::i18n::{Key, use_i18n};
use crate::store::StoreError;
use crate::sync::SyncStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::EventBody;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let services = use_services();
    view! {
        <section class="hero">
            <h1>{move || i18n.t(Key::IntroTitle)}</h1>
            <p class="lead">{move || i18n.t(Key::Tagline)}</p>
        </section>
        {move || match services.get() {
            None => ().into_any(),
            Some(Err(error)) => view! { <StorageError error/> }.into_any(),
            Some(Ok(services)) => view! { <Welcome services/> }.into_any(),
        }}
    }
}

/// The intro until the learner starts; then what comes next.
#[component]
fn Welcome(
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = use_context::<SyncStatus>();
    let started = RwSignal::new(None::<bool>);
    let failed = RwSignal::new(None::<StoreError>);
    let store = services.store.clone();
    spawn_local(async move {
        match store.events().await {
            Ok(events) => started.set(Some(events.iter().any(|e| matches!(e.body, EventBody::OnboardingCompleted { .. })))),
            Err(err) => failed.set(Some(err)),
        }
    });

    let start = move |_| {
        let services = services.clone();
        let event = new_event(
            services.device_id,
            EventBody::OnboardingCompleted { language: i18n.lang.get_untracked().code().to_owned() },
        );
        spawn_local(async move {
            match services.store.append(&event).await {
                Ok(()) => {
                    started.set(Some(true));
                    if let Some(status) = status {
                        status.pending.update(|n| *n += 1);
                        status.request(services.store.clone(), services.device_id);
                    }
                }
                Err(err) => failed.set(Some(err)),
            }
        });
    };

    view! {
        {move || failed.get().map(|error| view! { <StorageError error/> })}
        {move || match started.get() {
            None => ().into_any(),
            Some(false) => view! {
                <section class="card intro">
                    <p>{move || i18n.t(Key::IntroBody)}</p>
                    <ul class="points">
                        <li>{move || i18n.t(Key::IntroOffline)}</li>
                        <li>{move || i18n.t(Key::IntroSync)}</li>
                        <li>{move || i18n.t(Key::IntroJp)}</li>
                    </ul>
                    <button class="primary" type="button" on:click=start.clone()>
                        {move || i18n.t(Key::IntroStart)}
                    </button>
                </section>
            }.into_any(),
            Some(true) => view! {
                <section class="card" data-testid="started">
                    <h2>{move || i18n.t(Key::StartedTitle)}</h2>
                    <p>{move || i18n.t(Key::StartedBody)}</p>
                </section>
            }.into_any(),
        }}
    }
}
