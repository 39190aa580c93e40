//! One sync at a time across every tab of the app, with the Web Locks API where the browser has it.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use crate::sw_contract::SYNC_TAG as NAME;

/// Runs `work` while holding the lock; `None` if another tab holds it right now.
pub async fn exclusive<T: 'static>(work: impl Future<Output = T> + 'static) -> Option<T> {
    let Some(locks) = web_sys::window().and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok()).filter(|l| !l.is_undefined()) else {
        // No Web Locks (old browser): this tab's own guard is all there is.
        return Some(work.await);
    };
    let out: Rc<RefCell<Option<T>>> = Rc::default();
    let slot = out.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| {
        future_to_promise(async move {
            if !lock.is_null() {
                *slot.borrow_mut() = Some(work.await);
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into());
    let request = js_sys::Reflect::get(&locks, &"request".into()).ok()?;
    let function: js_sys::Function = request.into();
    let promise = function.call3(&locks, &NAME.into(), &options, &callback).ok()?;
    JsFuture::from(js_sys::Promise::from(promise)).await.ok()?;
    out.borrow_mut().take()
}

/// Asks the service worker to sync when a connection returns, even if the app is closed then.
pub async fn ask_background_sync() {
    let Some(window) = web_sys::window() else { return };
    let Ok(container) = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()) else { return };
    if container.is_undefined() {
        return;
    }
    let Ok(ready) = js_sys::Reflect::get(&container, &"ready".into()) else { return };
    let Ok(registration) = JsFuture::from(js_sys::Promise::from(ready)).await else { return };
    let Ok(sync) = js_sys::Reflect::get(&registration, &"sync".into()) else { return };
    if sync.is_undefined() {
        return;
    }
    if let Ok(register) = js_sys::Reflect::get(&sync, &"register".into()) {
        let register: js_sys::Function = register.into();
        if let Ok(promise) = register.call1(&sync, &NAME.into()) {
            let _ = JsFuture::from(js_sys::Promise::from(promise)).await;
        }
    }
}
