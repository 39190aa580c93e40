//! One fetch path for every API call: bearer token, JSON in and out, and a failure kept for the
//! page's alert, which says it in the console's language (`errors`). A 401 on a session ends it,
//! which sends the console to the login page.

use crate::errors::{Failure, Problem};
use crate::session::Auth;
use leptos::prelude::*;
use lentera_protocol::ApiErrorBody;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What every call needs from the page, installed once by the app.
#[derive(Clone, Copy)]
pub struct Ui {
    pub auth: Auth,
    /// The failed call the alert at the top of the page explains; `None` hides it.
    pub alert: RwSignal<Option<Problem>>,
}

thread_local! {
    static UI: Cell<Option<Ui>> = const { Cell::new(None) };
}

pub fn install(ui: Ui) {
    UI.with(|cell| cell.set(Some(ui)));
}

fn ui() -> Option<Ui> {
    UI.with(Cell::get)
}

fn alert(path: &str, failure: Failure) {
    if let Some(ui) = ui() {
        ui.alert.set(Some(Problem::new(path, failure)));
    }
}

pub enum Body<'a> {
    Empty,
    Json(String),
    /// A file sent as it is (the staff import).
    Csv(&'a [u8]),
}

/// Sends the request; `None` after showing why it failed.
pub async fn send(method: &str, path: &str, body: Body<'_>) -> Option<web_sys::Response> {
    answer(method, path, body, None).await?.ok()
}

/// Sends the request; an answer with status `kept` comes back as `Err` for the page to show
/// itself (an import's errors by line) instead of in the alert. `None` after showing a failure.
async fn answer(method: &str, path: &str, body: Body<'_>, kept: Option<u16>) -> Option<Result<web_sys::Response, web_sys::Response>> {
    let ui = ui()?;
    if method != "GET" {
        ui.alert.set(None);
    }
    let token = ui.auth.token();
    // A page may start loading in the moment before the guard sends a logged-out visitor to log in.
    if token.is_none() && !path.starts_with("/api/auth/") {
        return None;
    }
    let Ok(response) = fetch(method, path, token.as_deref(), body).await else {
        alert(path, Failure::Network);
        return None;
    };
    let status = response.status();
    if (200..300).contains(&status) {
        return Some(Ok(response));
    }
    if kept == Some(status) {
        return Some(Err(response));
    }
    let retry_after_s = response.headers().get("retry-after").ok().flatten().and_then(|s| s.trim().parse().ok());
    let text = read_text(&response).await.unwrap_or_default();
    let (code, message) = serde_json::from_str::<ApiErrorBody>(&text).map(|b| (b.error.code, b.error.message)).unwrap_or_default();
    let problem = Problem::new(path, Failure::Status { status, code, message, retry_after_s });
    if problem.ends_session() && token.is_some() {
        ui.auth.clear();
    }
    ui.alert.set(Some(problem));
    None
}

/// The answer's JSON as `T`, or a refusal with status `kept` read as `R`; `None` (with the
/// alert set) for any other failure.
pub async fn json_or<T: DeserializeOwned, R: DeserializeOwned>(method: &str, path: &str, body: Body<'_>, kept: u16) -> Option<Result<T, R>> {
    let response = answer(method, path, body, Some(kept)).await?;
    let failed = response.is_err();
    let response = response.unwrap_or_else(|r| r);
    let text = read_text(&response).await?;
    let parsed = if failed { serde_json::from_str(&text).map(Err) } else { serde_json::from_str(&text).map(Ok) };
    if let Err(e) = &parsed {
        leptos::logging::warn!("{path}: {e}");
        alert(path, Failure::Unreadable);
    }
    parsed.ok()
}

async fn fetch(method: &str, path: &str, token: Option<&str>, body: Body<'_>) -> Result<web_sys::Response, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let headers = js_sys::Object::new();
    let set = |name: &str, value: &str| js_sys::Reflect::set(&headers, &name.into(), &value.into());
    set("Accept", "application/json")?;
    if let Some(token) = token {
        set("Authorization", &format!("Bearer {token}"))?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    match body {
        Body::Empty => {}
        Body::Json(json) => {
            set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(&json));
        }
        Body::Csv(bytes) => {
            set("Content-Type", "text/csv")?;
            init.set_body(&js_sys::Uint8Array::from(bytes));
        }
    }
    init.set_headers(&headers);
    JsFuture::from(window.fetch_with_str_and_init(path, &init)).await?.dyn_into()
}

/// Ends a session this console will not keep (a learner's), quietly.
pub async fn end_session(token: &str) {
    let _ = fetch("POST", "/api/auth/logout", Some(token), Body::Empty).await;
}

async fn read_text(response: &web_sys::Response) -> Option<String> {
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// The answer's JSON as `T`; `None` (with the alert set) if anything failed.
pub async fn json<T: DeserializeOwned>(method: &str, path: &str, body: Body<'_>) -> Option<T> {
    let response = send(method, path, body).await?;
    let text = read_text(&response).await?;
    let parsed = serde_json::from_str(&text);
    if let Err(e) = &parsed {
        leptos::logging::warn!("{path}: {e}");
        alert(path, Failure::Unreadable);
    }
    parsed.ok()
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Option<T> {
    json("GET", path, Body::Empty).await
}

/// A call whose success has no body (204); whether it succeeded.
pub async fn done(method: &str, path: &str, body: Body<'_>) -> bool {
    send(method, path, body).await.is_some()
}

/// `value` as a JSON body.
pub fn body<T: serde::Serialize>(value: &T) -> Body<'static> {
    Body::Json(serde_json::to_string(value).unwrap_or_default())
}

/// A file from the API as a `data:` URL (the page's policy allows images from `data:`, and the
/// token rules out a plain `src`); `None` after showing why it failed.
pub async fn data_url(path: &str) -> Option<String> {
    let response = send("GET", path, Body::Empty).await?;
    let kind = response.headers().get("content-type").ok().flatten().unwrap_or_default();
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Some(format!("data:{kind};base64,{}", crate::format::base64(&bytes)))
}

/// Percent-encodes a query or path value (unit codes, NIPs).
pub fn enc(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}
