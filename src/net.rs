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

/// A request body: JSON text, or JSON the browser gzipped.
pub struct Body {
    data: JsValue,
    gzip: bool,
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's own gzip (Chrome 80, Safari 16.4, Firefox 113), so no compressor is compiled
    /// into the wasm; web-sys offers it only behind its unstable-API flag.
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

impl Body {
    pub fn json(text: &str) -> Self {
        Self { data: JsValue::from_str(text), gzip: false }
    }

    /// JSON gzipped by the browser (`Content-Encoding: gzip`): a push is about a fifth of its bytes
    /// on the phone's uplink. Plain JSON where the browser has no `CompressionStream`; `Err` only
    /// if compressing failed.
    pub async fn gzip_json(text: &str) -> Result<Self, JsValue> {
        let Ok(gzip) = CompressionStream::new(crate::sw_contract::PUSH_ENCODING) else { return Ok(Self::json(text)) };
        let plain = web_sys::Response::new_with_opt_str(Some(text))?.body().ok_or(JsValue::NULL)?;
        let gzipped = web_sys::Response::new_with_opt_readable_stream(Some(&plain.pipe_through(gzip.unchecked_ref())))?;
        let data = JsFuture::from(gzipped.array_buffer()?).await?;
        Ok(Self { data, gzip: true })
    }
}

/// Sends `method path` with an optional bearer token and JSON body; `Err` when nothing answered.
pub async fn call(method: &str, path: &str, token: Option<&str>, json: Option<String>) -> Result<Reply, ()> {
    send(method, path, token, json.as_deref().map(Body::json)).await
}

/// `call` with a body made beforehand (e.g. gzipped).
pub async fn send(method: &str, path: &str, token: Option<&str>, body: Option<Body>) -> Result<Reply, ()> {
    let window = web_sys::window().ok_or(())?;
    let headers = js_sys::Object::new();
    if let Some(token) = token {
        js_sys::Reflect::set(&headers, &"Authorization".into(), &format!("Bearer {token}").into()).map_err(drop)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into()).map_err(drop)?;
        if body.gzip {
            js_sys::Reflect::set(&headers, &"Content-Encoding".into(), &crate::sw_contract::PUSH_ENCODING.into()).map_err(drop)?;
        }
        init.set_body(&body.data);
    }
    init.set_headers(&headers);
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(path, &init)).await.map_err(drop)?.dyn_into().map_err(drop)?;
    let retry_after_s = response.headers().get("retry-after").ok().flatten().and_then(|v| v.trim().parse().ok());
    let text = JsFuture::from(response.text().map_err(drop)?).await.map_err(drop)?.as_string().unwrap_or_default();
    Ok(Reply { status: response.status(), text, retry_after_s })
}
