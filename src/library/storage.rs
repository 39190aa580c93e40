//! The browser's storage manager: ask to keep our data, and tell the learner how much space is left.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    web_sys::window().map(|w| w.navigator().storage())
}

/// Asks the browser not to evict our data under pressure; the answer is the browser's to give.
pub async fn request_persistence() -> bool {
    let Some(promise) = manager().and_then(|m| m.persist().ok()) else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// (bytes used, bytes available to us), when the browser tells.
pub async fn estimate() -> Option<(f64, f64)> {
    let estimate = JsFuture::from(manager()?.estimate().ok()?).await.ok()?;
    let field = |name: &str| Reflect::get(&estimate, &JsValue::from_str(name)).ok().and_then(|v| v.as_f64());
    Some((field("usage")?, field("quota")?))
}

/// "1,2 MB" / "350 KB" for a byte count; integer arithmetic keeps float formatting out of the wasm.
pub fn human_bytes(bytes: f64) -> String {
    let bytes = bytes.max(0.0) as u64;
    let one_decimal = |unit: u64, name: &str| {
        let tenths = bytes * 10 / unit;
        format!("{},{} {name}", tenths / 10, tenths % 10)
    };
    match bytes {
        b if b >= 1_000_000_000 => one_decimal(1_000_000_000, "GB"),
        b if b >= 1_000_000 => one_decimal(1_000_000, "MB"),
        b => format!("{} KB", b.div_ceil(1000).max(1)),
    }
}
