//! The top bar: the Lentera mark, the two main places, and the language switch.

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
                <span>"Lentera"</span>
            </a>
            <nav class="mainnav" aria-label="Lentera">
                <a href="/" aria-current=move || current("/")>{tr(Key::NavHome)}</a>
                <a href="/katalog" aria-current=move || current("/katalog")>{tr(Key::NavCatalogue)}</a>
            </nav>
            <button class="lang" type="button" on:click=move |_| i18n.switch()
                lang=move || i18n.lang.get().other().code()>
                {tr(Key::SwitchLanguage)}
            </button>
        </header>
    }
}
