//! This installation's identity, clock and randomness, and making events with them.

use crate::store::{Store, StoreError};
use lentera_protocol::{DeviceId, Event, EventBody, EventId};

pub(crate) use crate::sw_contract::DEVICE_ID_KEY;

/// `N` bytes from the browser's cryptographic generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Only without Web Crypto (never in supported browsers): fall back to Math.random.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The device clock, Unix milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The id of this installation, made and saved on first use.
pub async fn device_id(store: &Store) -> Result<DeviceId, StoreError> {
    if let Some(id) = store.meta::<DeviceId>(DEVICE_ID_KEY).await? {
        return Ok(id);
    }
    let id = DeviceId::from_random(random_bytes());
    store.set_meta(DEVICE_ID_KEY, &id).await?;
    Ok(id)
}

/// A new event made now on this device.
pub fn new_event(device_id: DeviceId, body: EventBody) -> Event {
    let now = now_ms();
    Event {
        id: EventId::new_v7(u64::try_from(now).unwrap_or(0), random_bytes()),
        device_id,
        device_time_ms: now,
        body,
    }
}
