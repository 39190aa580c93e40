//! The progress backfill runs once per database, not at every start: a province's database holds
//! tens of millions of events, and scanning them made each start take seconds. On SQLite, and on
//! PostgreSQL when `LENTERA_TEST_PG` names one.

use super::accounts::NewLearner;
use super::{Db, Location};
use lentera_protocol::{DeviceId, Event, EventBody, EventId, Nip};

async fn exec(db: &Db, sql: &'static str) {
    on_pool!(db.pool, p => sqlx::query(sql).execute(p).await.map(|d| d.rows_affected())).expect(sql);
}

async fn backfill_runs_once(location: Location) {
    let db = Db::open(&location).await.expect("open");
    let nip = Nip::parse("198503122010011001").expect("NIP");
    let new = NewLearner { nip: &nip, name: "Ana", unit: "", role: "learner", password_hash: "" };
    let id = db.create_learner(&new, 0).await.expect("learner");
    let device = DeviceId::from_random([7; 16]);
    let event = Event { id: EventId::new_v7(1_000, [1; 10]), device_id: device, device_time_ms: 1_000, body: EventBody::OnboardingCompleted { language: "id".into() } };
    db.insert_events(id, &[event], 2_000, 0).await.expect("stored");
    // As a database from before migration 4 was: events without their progress row, never backfilled.
    exec(&db, "DELETE FROM learner_progress").await;
    exec(&db, "DELETE FROM upkeep").await;
    db.close().await;

    let db = Db::open(&location).await.expect("reopened");
    assert_eq!(db.count_learners_with_progress().await.expect("count"), 1, "the first start fills the missing row");
    exec(&db, "DELETE FROM learner_progress").await;
    db.close().await;

    let db = Db::open(&location).await.expect("reopened again");
    assert_eq!(db.count_learners_with_progress().await.expect("count"), 0, "later starts do not scan the events again");
    db.close().await;
}

#[tokio::test]
async fn the_sqlite_backfill_runs_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    backfill_runs_once(Location::Sqlite(dir.path().join("lentera.db"))).await;
}

#[tokio::test]
async fn the_postgres_backfill_runs_once() {
    let Some(base) = std::env::var("LENTERA_TEST_PG").ok().filter(|b| !b.is_empty()) else { return };
    let name = format!("backfill_{}_{}", std::process::id(), crate::now_ms());
    backfill_runs_once(Location::Postgres(format!("{}/{name}", base.trim_end_matches('/')))).await;
}
