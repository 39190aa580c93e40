//! The service worker pushes the outbox itself when the app is closed; what it must agree on with
//! the app (protocol version, batch size, store and key names, the push path) sits in one
//! `CONTRACT` line of `public/sw.js`, checked here against the Rust constants it mirrors.

use crate::store::schema;

fn contract() -> serde_json::Map<String, serde_json::Value> {
    let sw = include_str!("../public/sw.js");
    let line = sw.lines().find_map(|l| l.strip_prefix("const CONTRACT = ")).expect("sw.js declares its CONTRACT on one line");
    serde_json::from_str(line.trim_end_matches(';')).expect("the CONTRACT is a JSON object")
}

#[test]
fn the_service_worker_pushes_with_the_apps_own_protocol_and_store_names() {
    let c = contract();
    let text = |k: &str| c[k].as_str().unwrap_or_else(|| panic!("CONTRACT.{k} is text")).to_owned();
    let number = |k: &str| c[k].as_u64().unwrap_or_else(|| panic!("CONTRACT.{k} is a number"));
    assert_eq!(number("protocol_version"), u64::from(lentera_protocol::PROTOCOL_VERSION));
    assert_eq!(number("max_batch_events"), lentera_protocol::MAX_BATCH_EVENTS as u64);
    assert_eq!(text("db"), schema::DB_NAME);
    assert_eq!(text("events"), schema::EVENTS);
    assert_eq!(text("pending_index"), schema::EVENTS_PENDING);
    assert_eq!(text("meta"), schema::META);
    assert_eq!(text("session_key"), crate::account::SESSION_KEY);
    assert_eq!(text("device_key"), crate::device::DEVICE_ID_KEY);
    assert_eq!(text("ended_key"), crate::account::ENDED_KEY);
    assert_eq!(text("push_path"), crate::sync::client::PUSH_PATH);
    assert_eq!(c.len(), 10, "every CONTRACT value is checked here");
}
