//! IndexedDB store in a real browser (headless Chromium): each test opens its own database.

// A browser test whose set-up fails should stop with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

use lentera::device::{new_event, random_bytes};
use lentera::store::{Store, schema};
use lentera_protocol::{DeviceId, EventBody};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(test: &str) -> String {
    let tag: [u8; 6] = random_bytes();
    let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    format!("lentera-test-{test}-{hex}")
}

fn event(device: DeviceId) -> lentera_protocol::Event {
    new_event(device, EventBody::OnboardingCompleted { language: "id".into() })
}

#[wasm_bindgen_test]
async fn a_new_database_opens_at_the_latest_version_with_every_store() {
    let store = Store::open_named(&unique_name("open"), schema::LATEST).await.expect("opens");
    assert_eq!(store.version(), schema::LATEST);
    let names = store.store_names();
    for expected in [schema::EVENTS, schema::META, schema::COURSES] {
        assert!(names.iter().any(|n| n == expected), "{expected} missing from {names:?}");
    }
}

#[wasm_bindgen_test]
async fn an_appended_event_reads_back_equal_and_pending() {
    let store = Store::open_named(&unique_name("put"), schema::LATEST).await.expect("opens");
    let device = DeviceId::from_random(random_bytes());
    let recorded = event(device);
    store.append(&recorded).await.expect("appends");
    assert_eq!(store.events().await.expect("reads"), vec![recorded.clone()]);
    assert_eq!(store.pending(500).await.expect("pending"), vec![recorded]);
    assert_eq!(store.pending_count().await.expect("count"), 1);
}

#[wasm_bindgen_test]
async fn appending_the_same_event_twice_keeps_one() {
    let store = Store::open_named(&unique_name("twice"), schema::LATEST).await.expect("opens");
    let recorded = event(DeviceId::from_random(random_bytes()));
    store.append(&recorded).await.expect("first");
    store.append(&recorded).await.expect("second");
    assert_eq!(store.events().await.expect("reads").len(), 1);
}

#[wasm_bindgen_test]
async fn acknowledged_events_leave_the_outbox_but_stay_in_the_log() {
    let store = Store::open_named(&unique_name("ack"), schema::LATEST).await.expect("opens");
    let device = DeviceId::from_random(random_bytes());
    let (a, b, c) = (event(device), event(device), event(device));
    for e in [&a, &b, &c] {
        store.append(e).await.expect("appends");
    }
    store.mark_sent(&[a.id, c.id]).await.expect("marks");
    assert_eq!(store.pending(500).await.expect("pending"), vec![b]);
    assert_eq!(store.pending_count().await.expect("count"), 1);
    assert_eq!(store.events().await.expect("log").len(), 3);
}

#[wasm_bindgen_test]
async fn pending_respects_the_batch_limit() {
    let store = Store::open_named(&unique_name("limit"), schema::LATEST).await.expect("opens");
    let device = DeviceId::from_random(random_bytes());
    for _ in 0..7 {
        store.append(&event(device)).await.expect("appends");
    }
    assert_eq!(store.pending(5).await.expect("pending").len(), 5);
    assert_eq!(store.pending_count().await.expect("count"), 7);
}

#[wasm_bindgen_test]
async fn settings_round_trip_and_missing_ones_are_none() {
    let store = Store::open_named(&unique_name("meta"), schema::LATEST).await.expect("opens");
    assert_eq!(store.meta::<i64>("last_synced_ms").await.expect("reads"), None);
    store.set_meta("last_synced_ms", &1_763_800_000_000i64).await.expect("writes");
    assert_eq!(store.meta::<i64>("last_synced_ms").await.expect("reads"), Some(1_763_800_000_000));
}

#[wasm_bindgen_test]
async fn upgrading_from_version_1_keeps_events_and_adds_courses() {
    let name = unique_name("upgrade");
    let v1 = Store::open_named(&name, 1).await.expect("opens v1");
    assert!(!v1.store_names().iter().any(|n| n == schema::COURSES));
    let recorded = event(DeviceId::from_random(random_bytes()));
    v1.append(&recorded).await.expect("appends on v1");
    v1.close();

    let latest = Store::open_named(&name, schema::LATEST).await.expect("upgrades");
    assert_eq!(latest.version(), schema::LATEST);
    assert!(latest.store_names().iter().any(|n| n == schema::COURSES));
    assert_eq!(latest.events().await.expect("reads"), vec![recorded]);
    assert_eq!(latest.pending_count().await.expect("count"), 1);
}

#[wasm_bindgen_test]
async fn pulled_events_arrive_as_synced_and_never_clear_a_pending_one() {
    let store = Store::open_named(&unique_name("pull"), schema::LATEST).await.expect("opens");
    let (mine, other) = (DeviceId::from_random(random_bytes()), DeviceId::from_random(random_bytes()));
    let waiting = event(mine);
    store.append(&waiting).await.expect("appends");
    let from_other = event(other);
    // The server sends back this device's own unsent event too (pushed, then the answer lost).
    let added = store.add_synced(&[waiting.clone(), from_other.clone()]).await.expect("adds");
    assert_eq!(added, 1);
    assert_eq!(store.pending(500).await.expect("pending"), vec![waiting]);
    assert_eq!(store.events().await.expect("reads").len(), 2);
    store.clear_events().await.expect("clears");
    assert!(store.events().await.expect("reads").is_empty());
}
