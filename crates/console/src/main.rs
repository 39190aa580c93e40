//! Lentera's console for supervisors and admins, served under `/konsol/`; a separate wasm from
//! the learner app so the learner's first load does not carry it.
// A build of one area (route.rs) leaves the other areas' pages unused; tests and clippy build them all.
#![cfg_attr(not(all(feature = "core-pages", feature = "develop", feature = "evaluate")), allow(dead_code, unused_imports))]

mod api;
mod app;
mod csv_upload;
mod download;
mod errors;
mod format;
mod i18n;
mod juror_conflicts;
mod pages;
mod route;
mod session;
mod staff;
mod tree;

fn main() {
    console_error_panic_hook::set_once();
    // The static "loading" line served in index.html gives way to the console.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
