//! The top bar: the Lentera mark and the language switch.

use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/icons/lentera.svg" alt="" width="32" height="32"/>
                <span>"Lentera"</span>
            </a>
            <button class="lang" type="button" on:click=move |_| i18n.switch()
                lang=move || i18n.lang.get().other().code()>
                {move || i18n.t(Key::SwitchLanguage)}
            </button>
        </header>
    }
}
