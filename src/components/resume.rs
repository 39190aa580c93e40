//! Reopening the app returns the learner to the lesson or quiz they were in.

use crate::app::use_services;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::route::use_location;

const LAST_PATH_KEY: &str = "last_path";

/// Remembers the current page; on a fresh start at the home page, goes back to where learning stopped.
#[component]
pub fn Resume() -> impl IntoView {
    let services = use_services();
    let location = use_location();
    let decided = StoredValue::new(false);
    Effect::new(move |_| {
        let path = location.path.get();
        let Some(Ok(services)) = services.get() else { return };
        let store = services.store.clone();
        let first = !decided.get_value();
        decided.set_value(true);
        spawn_local(async move {
            if first && path == "/" {
                let last = store.meta::<String>(LAST_PATH_KEY).await.ok().flatten();
                if let Some(last) = last.filter(|p| p.starts_with("/kursus/")) {
                    location.navigate(&last, true);
                    return;
                }
            }
            let _ = store.set_meta(LAST_PATH_KEY, &path).await;
        });
    });
}
