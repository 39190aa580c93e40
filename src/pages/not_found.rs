//! Any address that is not a page.

use crate::i18n::{Key, tr};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr(Key::PageNotFound)}</h1>
            <p><a href="/">{tr(Key::BackHome)}</a></p>
        </section>
    }
}
