//! Any path the app does not know.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Halaman tidak ditemukan"</h1>
            <p><a href="/">"Kembali ke beranda"</a></p>
        </section>
    }
}
