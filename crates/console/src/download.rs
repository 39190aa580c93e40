//! Files for the user: CSV from the API (the token rules out a plain link) or made here,
//! saved through a Blob URL and a temporary `<a download>`.

use crate::api::{Body, send};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Fetches `path` with the session and saves it, named as the server says or else `fallback`.
pub async fn fetch_and_save(path: &str, fallback: &str) -> bool {
    let Some(response) = send("GET", path, Body::Empty).await else { return false };
    let name = response
        .headers()
        .get("content-disposition")
        .ok()
        .flatten()
        .and_then(|d| attachment_name(&d))
        .unwrap_or_else(|| fallback.to_owned());
    let Ok(promise) = response.blob() else { return false };
    let Ok(blob) = JsFuture::from(promise).await.and_then(|b| b.dyn_into::<web_sys::Blob>()) else { return false };
    save(&blob, &name).is_ok()
}

/// Saves `text` as a UTF-8 CSV file; the byte-order mark lets spreadsheet programs read names right.
pub fn save_csv(text: &str, name: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(&format!("\u{feff}{text}")));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).and_then(|blob| save(&blob, name)).is_ok()
}

fn save(blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let body = document.body().ok_or(JsValue::NULL)?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Some browsers read the URL after click() returns, so it is freed a little later.
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let free = wasm_bindgen::closure::Closure::once_into_js(move || web_sys::Url::revoke_object_url(&url));
    window.set_timeout_with_callback_and_timeout_and_arguments_0(free.unchecked_ref(), 10_000)?;
    Ok(())
}

/// The file name in `attachment; filename="x.csv"`, without any path.
pub fn attachment_name(disposition: &str) -> Option<String> {
    let value = disposition.split(';').map(str::trim).find_map(|p| p.strip_prefix("filename="))?;
    let name = value.trim_matches('"').rsplit(['/', '\\']).next()?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::attachment_name;

    #[test]
    fn names_come_from_the_disposition_header() {
        assert_eq!(attachment_name("attachment; filename=\"dasbor-2025.csv\"").as_deref(), Some("dasbor-2025.csv"));
        assert_eq!(attachment_name("attachment; filename=a.csv").as_deref(), Some("a.csv"));
        assert_eq!(attachment_name("attachment; filename=\"../../x.csv\"").as_deref(), Some("x.csv"));
        assert_eq!(attachment_name("inline"), None);
    }
}
