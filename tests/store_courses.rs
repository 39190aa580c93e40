//! Course storage in a real browser: the cached catalogue, downloaded packs, and the v3 upgrade.

// A browser test whose set-up fails should stop with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

use lentera::device::{new_event, random_bytes};
use lentera::store::{Store, StoredPack, schema};
use lentera_protocol::{Competency, CoursePack, CourseSummary, DeviceId, EventBody, Lesson, Pillar, Quiz};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(test: &str) -> String {
    let tag: [u8; 6] = random_bytes();
    format!("lentera-test-{test}-{}", tag.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn summary(id: &str) -> CourseSummary {
    CourseSummary {
        id: id.into(),
        title: format!("Kursus {id}"),
        summary: "Ringkas.".into(),
        competency: Competency::Teknis,
        pillars: vec![Pillar::Aman],
        jp: 3,
        version: 1,
        lessons: 1,
        questions: 0,
        hash: "0123456789abcdef".into(),
        download_bytes: 100,
        pack_bytes: 300,
    }
}

fn stored(id: &str) -> StoredPack {
    let lesson = Lesson { id: "01".into(), title: "Satu".into(), html: "<p>Isi <strong>pelajaran</strong></p>".into(), words: 2 };
    let pack = CoursePack {
        id: id.into(),
        version: 1,
        title: format!("Kursus {id}"),
        summary: "Ringkas.".into(),
        competency: Competency::Manajerial,
        pillars: vec![Pillar::Budaya, Pillar::Cakap],
        jp: 4,
        lessons: vec![lesson],
        quiz: Quiz { questions: vec![] },
    };
    let json = serde_json::to_string(&pack).expect("encodes");
    StoredPack { id: id.into(), hash: "fedcba9876543210".into(), pack, json }
}

#[wasm_bindgen_test]
async fn a_downloaded_pack_reads_back_whole_and_can_be_removed() {
    let store = Store::open_named(&unique_name("pack"), schema::LATEST).await.expect("opens");
    let pack = stored("keamanan-digital");
    store.put_pack(&pack).await.expect("saves");
    assert_eq!(store.pack("keamanan-digital").await.expect("reads"), Some(pack.clone()));
    assert_eq!(store.packs().await.expect("lists"), vec![pack]);
    store.delete_pack("keamanan-digital").await.expect("removes");
    assert_eq!(store.pack("keamanan-digital").await.expect("reads"), None);
}

#[wasm_bindgen_test]
async fn refreshing_the_catalogue_replaces_it_and_keeps_downloads() {
    let store = Store::open_named(&unique_name("catalogue"), schema::LATEST).await.expect("opens");
    store.put_catalogue(&[summary("a"), summary("b")]).await.expect("first");
    store.put_pack(&stored("a")).await.expect("download");
    store.put_catalogue(&[summary("b"), summary("c")]).await.expect("refresh");
    let mut ids: Vec<String> = store.catalogue().await.expect("reads").into_iter().map(|c| c.id).collect();
    ids.sort();
    assert_eq!(ids, ["b", "c"]);
    assert!(store.pack("a").await.expect("reads").is_some(), "a download survives a catalogue refresh");
}

#[wasm_bindgen_test]
async fn events_appended_together_are_all_there() {
    let store = Store::open_named(&unique_name("together"), schema::LATEST).await.expect("opens");
    let device = DeviceId::from_random(random_bytes());
    let events: Vec<_> = (0..3)
        .map(|_| new_event(device, EventBody::CourseCompleted { course_id: "a".into(), jp: 2 }))
        .collect();
    store.append_all(&events).await.expect("appends");
    assert_eq!(store.pending_count().await.expect("count"), 3);
}

#[wasm_bindgen_test]
async fn upgrading_from_v2_adds_packs_and_keeps_events_and_catalogue() {
    let name = unique_name("v2");
    let old = Store::open_named(&name, 2).await.expect("opens v2");
    let recorded = new_event(DeviceId::from_random(random_bytes()), EventBody::OnboardingCompleted { language: "id".into() });
    old.append(&recorded).await.expect("appends");
    old.put_catalogue(&[summary("a")]).await.expect("catalogue");
    old.close();
    let store = Store::open_named(&name, 3).await.expect("upgrades");
    assert!(store.store_names().iter().any(|n| n == schema::PACKS));
    assert_eq!(store.events().await.expect("events"), vec![recorded]);
    assert_eq!(store.catalogue().await.expect("catalogue").len(), 1);
    store.put_pack(&stored("a")).await.expect("packs store works");
}
