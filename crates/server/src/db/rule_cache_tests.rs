//! The rules cached by one server process never hide a version another process published after:
//! an attempt on that version is graded by it, not called unknown. On SQLite, and on PostgreSQL
//! when `LENTERA_TEST_PG` names one.

use super::accounts::NewLearner;
use super::{Db, Location};
use lentera_protocol::{Competency, CreditRule, DeviceId, Event, EventBody, EventId, Nip};

fn rule(version: u32, jp: u32) -> CreditRule {
    CreditRule {
        course_id: "etika-asn".into(),
        version,
        title: "Etika ASN".into(),
        jp,
        competency: Competency::SosialKultural,
        lessons: vec!["satu".into()],
        key: vec![("q1".into(), vec![2])],
    }
}

/// One lesson done and an attempt on `version` answered right and handed in.
fn passing(version: u32, n: u8) -> Vec<Event> {
    let device = DeviceId::from_random([9; 16]);
    let at = |i: u64| (EventId::new_v7(10_000 * u64::from(n) + i, [n; 10]), 10_000 * i64::from(n) + i as i64);
    let event = |(id, time): (EventId, i64), body| Event { id, device_id: device, device_time_ms: time, body };
    let course_id = String::from("etika-asn");
    let attempt = at(2).0;
    vec![
        event(at(1), EventBody::LessonCompleted { course_id: course_id.clone(), lesson_id: "satu".into() }),
        event(at(2), EventBody::QuizStarted { course_id: course_id.clone(), course_version: version }),
        event(at(3), EventBody::AnswerGiven { course_id: course_id.clone(), attempt, question_id: "q1".into(), choice: vec![2] }),
        event(at(4), EventBody::QuizSubmitted { course_id, attempt, correct: 1, total: 1 }),
    ]
}

async fn a_version_published_elsewhere_is_used(location: Location) {
    let (here, elsewhere) = (Db::open(&location).await.expect("open"), Db::open(&location).await.expect("second process"));
    here.publish(&[rule(1, 2)], 0).await.expect("v1");
    let nip = Nip::parse("198503122010011001").expect("NIP");
    let id = here.create_learner(&NewLearner { nip: &nip, name: "Ana", unit: "", role: "learner", password_hash: "" }, 0).await.expect("learner");
    here.insert_events(id, &passing(1, 1), 100_000, 0).await.expect("v1 attempt");
    let jp = |db: Db| async move { db.verdicts(id).await.expect("verdicts")[0].verdict().expect("json").and_then(|v| v.credited).map(|c| (c.version, c.jp)) };
    assert_eq!(jp(here.clone()).await, Some((1, 2)), "graded by the cached v1");

    elsewhere.publish(&[rule(2, 5)], 0).await.expect("v2, by the other process");
    // A failed v1 attempt keeps the earliest passing one; a new learner shows the v2 rule alone.
    let nip = Nip::parse("198503122010011002").expect("NIP");
    let other = here.create_learner(&NewLearner { nip: &nip, name: "Budi", unit: "", role: "learner", password_hash: "" }, 0).await.expect("learner");
    here.insert_events(other, &passing(2, 2), 200_000, 0).await.expect("v2 attempt");
    let verdict = here.verdicts(other).await.expect("verdicts")[0].verdict().expect("json").expect("a verdict");
    assert_eq!(verdict.credited.map(|c| (c.version, c.jp)), Some((2, 5)), "v2 known here too: {verdict:?}");
    here.close().await;
    elsewhere.close().await;
}

#[tokio::test]
async fn a_sqlite_version_published_elsewhere_is_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    a_version_published_elsewhere_is_used(Location::Sqlite(dir.path().join("lentera.db"))).await;
}

#[tokio::test]
async fn a_postgres_version_published_elsewhere_is_used() {
    let Some(base) = std::env::var("LENTERA_TEST_PG").ok().filter(|b| !b.is_empty()) else { return };
    let name = format!("rules_{}_{}", std::process::id(), crate::now_ms());
    a_version_published_elsewhere_is_used(Location::Postgres(format!("{}/{name}", base.trim_end_matches('/')))).await;
}
