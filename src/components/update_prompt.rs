//! Offers a new version; the learner decides when to reload.

use crate::i18n::{Key, use_i18n};
use crate::pwa::Update;
use leptos::prelude::*;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let i18n = use_i18n();
    let update = use_context::<Update>();
    let ready = move || update.is_some_and(|u| u.ready.get());
    view! {
        <Show when=ready>
            <div class="update" role="status">
                <span>{move || i18n.t(Key::UpdateAvailable)}</span>
                <button type="button" on:click=move |_| if let Some(u) = update { u.apply() }>
                    {move || i18n.t(Key::Reload)}
                </button>
            </div>
        </Show>
    }
}
