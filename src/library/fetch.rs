//! Downloads from the server: the catalogue, and a pack with progress as its bytes arrive.

use js_sys::{Reflect, Uint8Array};
use lentera_protocol::{Catalogue, CoursePack};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// No connection, or the server did not answer as expected.
    Network,
}

/// `/api/courses`, or another list of catalogue entries (`/api/prefetch/mine`, which needs the `token`).
pub async fn catalogue(path: &str, token: Option<&str>) -> Result<Catalogue, FetchError> {
    let reply = crate::net::call("GET", path, token, None).await.map_err(|()| FetchError::Network)?;
    if !reply.ok() {
        return Err(FetchError::Network);
    }
    serde_json::from_str(&reply.text).map_err(|_| FetchError::Network)
}

/// The pack, its content hash (ETag) and its JSON text; `progress` hears bytes received so far.
pub async fn pack(id: &str, mut progress: impl FnMut(u64)) -> Result<(CoursePack, String, String), FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let url = format!("/api/courses/{id}/pack");
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(&url)).await.map_err(|_| FetchError::Network)?.dyn_into().map_err(|_| FetchError::Network)?;
    if !response.ok() {
        return Err(FetchError::Network);
    }
    let hash = response.headers().get("etag").ok().flatten().unwrap_or_default().trim_matches('"').to_owned();
    let body = response.body().ok_or(FetchError::Network)?;
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().dyn_into().map_err(|_| FetchError::Network)?;
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| FetchError::Network)?;
        if Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(|_| FetchError::Network)?;
        bytes.extend(Uint8Array::new(&value).to_vec());
        progress(bytes.len() as u64);
    }
    // Parsed as text: `from_slice` would compile a second copy of the whole pack decoder.
    let text = String::from_utf8(bytes).map_err(|_| FetchError::Network)?;
    let pack = serde_json::from_str(&text).map_err(|_| FetchError::Network)?;
    Ok((pack, hash, text))
}
