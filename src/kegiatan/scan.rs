//! "Pindai QR": where the browser has `BarcodeDetector` (Chrome on Android), the camera reads the
//! organiser's QR into the code field; elsewhere the learner types the code.

use super::text::{W, Words};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The Shape Detection API's QR reader (not in web-sys).
    type BarcodeDetector;
    #[wasm_bindgen(constructor, catch)]
    fn new(options: &JsValue) -> Result<BarcodeDetector, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn detect(this: &BarcodeDetector, source: &web_sys::HtmlVideoElement) -> Result<js_sys::Promise, JsValue>;
}

/// Whether this browser can read a QR from the camera.
pub fn available() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let has = |target: &JsValue, name: &str| js_sys::Reflect::get(target, &name.into()).is_ok_and(|v| !v.is_undefined());
    has(&window, "BarcodeDetector") && has(&window.navigator(), "mediaDevices")
}

/// The code in a QR's text: the text itself, or the last part of a link that carries it.
fn code_in(raw: &str) -> String {
    raw.rsplit(['/', '=', '?', '#']).find(|part| !part.trim().is_empty()).unwrap_or(raw).trim().to_owned()
}

#[component]
pub fn Scan(found: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let video = NodeRef::<leptos::html::Video>::new();
    let stream = StoredValue::new_local(None::<web_sys::MediaStream>);
    let stop = move || {
        if let Some(stream) = stream.get_value() {
            stream.get_tracks().for_each(&mut |track, _, _| track.unchecked_into::<web_sys::MediaStreamTrack>().stop());
        }
        stream.set_value(None);
        open.set(false);
    };
    let start = move |_| {
        failed.set(None);
        open.set(true);
        spawn_local(async move {
            match camera().await {
                Ok(media) => {
                    let Some(element) = video.get_untracked() else { return };
                    element.set_src_object(Some(&media));
                    let _ = element.play();
                    stream.set_value(Some(media));
                    match read_until_found(&element, open).await {
                        Ok(Some(text)) => found.set(code_in(&text)),
                        Ok(None) => {}
                        Err(why) => failed.set(Some(why)),
                    }
                    stop();
                }
                Err(why) => {
                    failed.set(Some(why));
                    open.set(false);
                }
            }
        });
    };
    on_cleanup(stop);
    view! {
        <Show when=move || !open.get() fallback=move || view! {
            <button type="button" class="button secondary" on:click=move |_| stop()>{move || i18n.w(W::StopScan)}</button>
        }>
            <button type="button" class="button secondary" on:click=start>{move || i18n.w(W::Scan)}</button>
        </Show>
        <div class="scanner" hidden=move || !open.get()>
            <p class="muted">{move || i18n.w(W::ScanHelp)}</p>
            <video node_ref=video muted=true playsinline=true aria-label=move || i18n.w(W::Scan)></video>
        </div>
        {move || failed.get().map(|why| view! { <p class="alert" role="alert">{i18n.wf(W::CameraFailed, &[("why", &why)])}</p> })}
    }
}

fn why(err: JsValue) -> String {
    js_sys::Reflect::get(&err, &"message".into()).ok().and_then(|m| m.as_string()).or_else(|| err.as_string()).unwrap_or_else(|| "?".into())
}

/// The back camera's stream.
async fn camera() -> Result<web_sys::MediaStream, String> {
    let devices = web_sys::window().ok_or("no window")?.navigator().media_devices().map_err(why)?;
    let constraints = web_sys::MediaStreamConstraints::new();
    let video = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into());
    constraints.set_video(&video);
    let stream = JsFuture::from(devices.get_user_media_with_constraints(&constraints).map_err(why)?).await.map_err(why)?;
    stream.dyn_into().map_err(why)
}

/// Looks at the video a few times a second until a QR is read or the scanner is closed.
async fn read_until_found(video: &web_sys::HtmlVideoElement, open: RwSignal<bool>) -> Result<Option<String>, String> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"formats".into(), &js_sys::Array::of1(&"qr_code".into()));
    let detector = BarcodeDetector::new(&options).map_err(why)?;
    while open.get_untracked() {
        gloo_timers::future::TimeoutFuture::new(300).await;
        if video.ready_state() < 2 {
            continue;
        }
        let Ok(promise) = detector.detect(video) else { continue };
        let Ok(codes) = JsFuture::from(promise).await else { continue };
        let first = js_sys::Array::from(&codes).get(0);
        if let Some(text) = js_sys::Reflect::get(&first, &"rawValue".into()).ok().and_then(|v| v.as_string()) {
            return Ok(Some(text));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::code_in;

    #[test]
    fn a_qr_carries_the_code_alone_or_at_the_end_of_a_link() {
        assert_eq!(code_in("K7MQ2X"), "K7MQ2X");
        assert_eq!(code_in("https://lentera.example/kegiatan/?kode=K7MQ2X"), "K7MQ2X");
    }
}
