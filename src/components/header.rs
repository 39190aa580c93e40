//! The top bar, one line on a phone: the Lentera mark, the two main places, the sync indicator
//! (phones only; it opens the sync panel) and the language switch.

use crate::i18n::{Key, tr, use_i18n};
use leptos::prelude::*;
use crate::route::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current = move |prefix: &'static str| {
        let path = location.path.get();
        let here = if prefix == "/" { path == "/" } else { path.starts_with(prefix) };
        here.then_some("page")
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/icons/lentera.svg" alt="" width="32" height="32"/>
                <span class="brand-name">"Lentera"</span>
            </a>
            <nav class="mainnav" aria-label="Lentera">
                <a href="/" aria-current=move || current("/")>{tr(Key::NavHome)}</a>
                <a href="/katalog" aria-current=move || current("/katalog")>{tr(Key::NavCatalogue)}</a>
            </nav>
            <crate::components::sync_bar::SyncIndicator/>
            <button class="lang" type="button" on:click=move |_| i18n.switch()
                lang=move || i18n.lang.get().other().code()>
                <span class="long">{tr(Key::SwitchLanguage)}</span>
                <span class="short" aria-hidden="true">{tr(Key::SwitchLanguageShort)}</span>
            </button>
        </header>
    }
}
