//! One non-generic fetch for every API call: each typed call would otherwise compile its own copy
//! of the request machinery into the wasm.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the server answered, as text (JSON is parsed by the caller).
pub struct Reply {
    pub status: u16,
    pub text: String,
    /// `Retry-After` in seconds, when the server asked to wait.
    pub retry_after_s: Option<u32>,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Sends `method path` with an optional bearer token and JSON body; `Err` when nothing answered.
pub async fn call(method: &str, path: &str, token: Option<&str>, json: Option<String>) -> Result<Reply, ()> {
    let window = web_sys::window().ok_or(())?;
    let headers = js_sys::Object::new();
    if let Some(token) = token {
        js_sys::Reflect::set(&headers, &"Authorization".into(), &format!("Bearer {token}").into()).map_err(drop)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(json) = json {
        js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into()).map_err(drop)?;
        init.set_body(&JsValue::from_str(&json));
    }
    init.set_headers(&headers);
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(path, &init)).await.map_err(drop)?.dyn_into().map_err(drop)?;
    let retry_after_s = response.headers().get("retry-after").ok().flatten().and_then(|v| v.trim().parse().ok());
    let text = JsFuture::from(response.text().map_err(drop)?).await.map_err(drop)?.as_string().unwrap_or_default();
    Ok(Reply { status: response.status(), text, retry_after_s })
}
