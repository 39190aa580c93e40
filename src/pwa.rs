//! Service worker registration and the "update available — reload" offer (never a forced reload).

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// Whether a new version waits, and how to switch to it.
#[derive(Clone, Copy)]
pub struct Update {
    pub ready: RwSignal<bool>,
    /// Set when the learner chose to reload; only then does a controller change reload the page.
    requested: StoredValue<bool>,
    registration: RwSignal<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Update {
    /// Asks the waiting worker to take over; the page reloads once it controls.
    pub fn apply(&self) {
        self.requested.set_value(true);
        match self.registration.get_untracked().and_then(|r| r.waiting()) {
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str(crate::sw_contract::SKIP_WAITING));
            }
            None => reload(),
        }
    }
}

/// Registers `/sw.js` and provides `Update` as context.
pub fn register() -> Update {
    let update = Update {
        ready: RwSignal::new(false),
        requested: StoredValue::new(false),
        registration: RwSignal::new_local(None),
    };
    provide_context(update);
    let Some(window) = web_sys::window() else { return update };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return update;
    }
    let container = navigator.service_worker();
    gloo_events::EventListener::new(&container, "controllerchange", move |_| {
        if update.requested.get_value() {
            reload();
        }
    })
    .forget();
    let promise = container.register("/sw.js");
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(promise).await.and_then(|r| r.dyn_into::<ServiceWorkerRegistration>())
        else {
            return;
        };
        update.registration.set(Some(registration.clone()));
        if is_controlled() && registration.waiting().is_some() {
            update.ready.set(true);
        }
        let reg = registration.clone();
        gloo_events::EventListener::new(&registration, "updatefound", move |_| {
            if let Some(worker) = reg.installing() {
                watch_install(worker, update);
            }
        })
        .forget();
    });
    update
}

fn watch_install(worker: ServiceWorker, update: Update) {
    let w = worker.clone();
    gloo_events::EventListener::new(&worker, "statechange", move |_| {
        // Without a controller this is the first install: nothing old to replace, no prompt.
        if w.state() == ServiceWorkerState::Installed && is_controlled() {
            update.ready.set(true);
        }
    })
    .forget();
}

fn is_controlled() -> bool {
    web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some())
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
