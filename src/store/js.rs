//! Records and settings as plain JavaScript values, built and read by hand: a serde bridge
//! (serde-wasm-bindgen) would compile a serialiser and a deserialiser per type into the wasm.

use super::StoreError;
use js_sys::{Object, Reflect};
use lentera_protocol::DeviceId;
use wasm_bindgen::JsValue;

/// `{name: value, …}`.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn field(record: &JsValue, name: &str) -> JsValue {
    Reflect::get(record, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn missing(name: &str) -> StoreError {
    StoreError::Corrupt(format!("a stored record has no `{name}`"))
}

/// The text field `name` of a stored record.
pub fn field_str(record: &JsValue, name: &str) -> Result<String, StoreError> {
    field(record, name).as_string().ok_or_else(|| missing(name))
}

/// The number field `name` of a stored record.
pub fn field_f64(record: &JsValue, name: &str) -> Result<f64, StoreError> {
    field(record, name).as_f64().ok_or_else(|| missing(name))
}

/// A value written to the settings store: text, a number or a flag, as the browser stores it
/// (the same values the app wrote before, so settings on existing phones read back unchanged).
pub trait ToMeta {
    fn to_js(&self) -> JsValue;
}

/// A value read from the settings store; `None` when the stored value has another type.
pub trait FromMeta: Sized {
    fn from_js(value: &JsValue) -> Option<Self>;
}

impl ToMeta for str {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl ToMeta for String {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl FromMeta for String {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

/// Whole numbers up to 2^53 (sync cursors, times in milliseconds), kept as JavaScript numbers.
impl ToMeta for i64 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}

impl FromMeta for i64 {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_f64().filter(|n| n.fract() == 0.0).map(|n| n as i64)
    }
}

impl ToMeta for bool {
    fn to_js(&self) -> JsValue {
        JsValue::from_bool(*self)
    }
}

impl FromMeta for bool {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_bool()
    }
}

/// Kept as its hyphenated text.
impl ToMeta for DeviceId {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(&self.to_string())
    }
}

impl FromMeta for DeviceId {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()?.parse().ok()
    }
}
