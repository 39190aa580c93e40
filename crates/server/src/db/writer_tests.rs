//! A group commit answers each batch for itself: a refused batch inside a group (an event id held
//! for another learner) stores nothing of its own, while the group's other batches are held. On
//! SQLite, and on PostgreSQL when `LENTERA_TEST_PG` names one.

use super::accounts::NewLearner;
use super::events::{Batch, Stored};
use super::writer::commit_group;
use super::{Db, Location};
use lentera_protocol::{DeviceId, Event, EventBody, EventId, Nip};
use tokio::sync::oneshot;

fn event(n: u8) -> Event {
    let device = DeviceId::from_random([n; 16]);
    Event { id: EventId::new_v7(1_000 + u64::from(n), [n; 10]), device_id: device, device_time_ms: 1_000, body: EventBody::OnboardingCompleted { language: "id".into() } }
}

async fn learner(db: &Db, nip: &str) -> i64 {
    let nip = Nip::parse(nip).expect("NIP");
    db.create_learner(&NewLearner { nip: &nip, name: "Ana", unit: "", role: "learner", password_hash: "" }, 0).await.expect("learner")
}

async fn group_answers_each_batch(location: Location) {
    let db = Db::open(&location).await.expect("open");
    let (a, b, c) = (learner(&db, "198503122010011001").await, learner(&db, "198503122010011002").await, learner(&db, "198503122010011003").await);
    db.insert_events(a, &[event(1)], 2_000, 0).await.expect("a's event");

    let batch = |learner_id, events| Batch { learner_id, events, received_at_ms: 3_000, skew_ms: 0 };
    // b forges a's event id beside one of its own; c sends its own.
    let group = [batch(b, vec![event(2), event(1)]), batch(c, vec![event(3)]), batch(a, vec![event(4)])];
    let (mut waiting, mut entries) = (Vec::new(), Vec::new());
    for batch in group {
        let (reply, answer) = oneshot::channel();
        entries.push((batch, reply));
        waiting.push(answer);
    }
    commit_group(db.pool(), &db.rules, entries).await;
    let mut answers = Vec::new();
    for answer in waiting {
        answers.push(answer.await.expect("answered").expect("no error"));
    }
    assert_eq!(answers, [Stored::ForeignEvent { index: 1 }, Stored::Held { new: 1 }, Stored::Held { new: 1 }]);
    let mut held = Vec::new();
    for id in [a, b, c] {
        held.push(db.events_after(id, 0, 10).await.expect("events").len());
    }
    assert_eq!(held, [2, 0, 1], "b's own event was not kept either");
    db.close().await;
}

#[tokio::test]
async fn a_sqlite_group_answers_each_batch() {
    let dir = tempfile::tempdir().expect("temp dir");
    group_answers_each_batch(Location::Sqlite(dir.path().join("lentera.db"))).await;
}

#[tokio::test]
async fn a_postgres_group_answers_each_batch() {
    let Some(base) = std::env::var("LENTERA_TEST_PG").ok().filter(|b| !b.is_empty()) else { return };
    let name = format!("writer_{}_{}", std::process::id(), crate::now_ms());
    group_answers_each_batch(Location::Postgres(format!("{}/{name}", base.trim_end_matches('/')))).await;
}
