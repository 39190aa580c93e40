//! Offers a new version; the learner decides when to reload.

use crate::i18n::{Key, tr};
use crate::pwa::Update;
use leptos::prelude::*;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let update = use_context::<Update>();
    let ready = move || update.is_some_and(|u| u.ready.get());
    view! {
        <Show when=ready>
            <div class="update" role="status">
                <span>{tr(Key::UpdateAvailable)}</span>
                <button type="button" on:click=move |_| if let Some(u) = update { u.apply() }>
                    {tr(Key::Reload)}
                </button>
            </div>
        </Show>
    }
}
