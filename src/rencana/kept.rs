//! The year's survey as the server last sent it (`GET /api/akpk/me`), kept in the settings store
//! with the NIP it belongs to, so the survey opens with no signal and never shows another
//! learner's copy on a shared phone.

use crate::store::js::object;
use crate::store::{Store, StoreError, ToMeta};
use crate::sync::{SyncError, client};
use lentera_protocol::akpk::AkpkMe;
use wasm_bindgen::JsValue;

/// Settings key of the kept copy: `{nip, json}`.
const KEY: &str = "akpk_me";
/// Where the phone asks for it.
pub const PATH: &str = "/api/akpk/me";

struct Kept<'a> {
    nip: &'a str,
    json: &'a str,
}

impl ToMeta for Kept<'_> {
    fn to_js(&self) -> JsValue {
        object(&[("nip", self.nip.into()), ("json", self.json.into())])
    }
}

/// The copy kept for `nip`, if there is one that reads.
pub async fn kept(store: &Store, nip: &str) -> Result<Option<AkpkMe>, StoreError> {
    let Some(value) = store.meta_value(KEY).await? else { return Ok(None) };
    let text = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
    if text("nip").as_deref() != Some(nip) {
        return Ok(None);
    }
    Ok(text("json").and_then(|json| serde_json::from_str(&json).ok()))
}

/// Fetches the survey with `token` and keeps it once it reads.
pub async fn fetch(store: &Store, token: &str, nip: &str) -> Result<AkpkMe, SyncError> {
    let reply = crate::net::call("GET", PATH, Some(token), None).await.map_err(|()| SyncError::Unreachable)?;
    if !reply.ok() {
        return Err(client::refusal(reply));
    }
    let me: AkpkMe = client::parse(&reply.text)?;
    store.set_meta(KEY, &Kept { nip, json: &reply.text }).await?;
    Ok(me)
}
