//! Lentera, the offline-first learning app: a Leptos CSR app compiled to wasm.

pub mod account;
pub mod app;
pub mod components;
pub mod device;
pub mod i18n;
#[cfg(feature = "kegiatan")]
pub mod kegiatan;
pub mod learning;
pub mod ledger;
pub mod library;
pub mod net;
pub mod pages;
pub mod pwa;
pub mod rencana;
pub mod route;
pub mod store;
pub mod sync;
mod sw_contract;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    // The static "loading" line served in index.html gives way to the app.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
