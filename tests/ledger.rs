//! The JP ledger kept on the phone, in a real browser: the server's JSON read by hand, every reason.

// A browser test whose set-up fails should stop with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

use lentera::device::random_bytes;
use lentera::ledger::{ServerLedger, ServerLine, ServerPlan, keep, kept};
use lentera::store::{Store, schema};
use lentera_protocol::{Employment, NotCredited, Score};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NIP: &str = "198503122010012002";

async fn store() -> Store {
    let tag: [u8; 6] = random_bytes();
    let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    Store::open_named(&format!("lentera-test-ledger-{hex}"), schema::LATEST).await.expect("opens")
}

fn entry(course: &str, jp: u32, claimed: &str, status: &str, reason: &str) -> String {
    format!(
        r#"{{"date":"2026-03-02","quarter":1,"course_id":"{course}","title":"Kursus {course}","jp":{jp},"claimed_jp":{claimed},"competency":null,"form":"e_learning","source":"lentera","status":"{status}","not_credited":{reason}}}"#
    )
}

#[wasm_bindgen_test]
async fn a_kept_ledger_reads_back_with_every_reason_and_only_for_its_learner() {
    let store = store().await;
    assert_eq!(kept(&store, NIP).await.expect("reads"), None, "nothing before the first sync");
    let entries = [
        entry("a", 3, "3", "credited", "null").replace(r#""not_credited":null"#, r#""not_credited":null,"certificate":"LTR-2026-7Q4K2MXA""#),
        entry("b", 0, "40", "not_credited", r#"{"reason":"not_passed","best":{"correct":1,"total":5}}"#),
        entry("c", 0, "null", "not_credited", r#"{"reason":"not_passed","best":null}"#),
        entry("d", 0, "2", "not_credited", r#"{"reason":"lessons_missing","missing":2}"#),
        entry("e", 0, "9", "not_credited", r#"{"reason":"unknown_version","version":7}"#),
        entry("f", 0, "9", "not_credited", r#"{"reason":"unknown_course"}"#),
    ];
    let plan = r#"{"status":"validated","items":[{"key":"a","title":"Kursus a","jp":3,"done":true},{"key":"form:coaching","title":"Coaching oleh atasan","jp":3,"done":false}],"planned_jp":6,"done_jp":3}"#;
    let json = format!(
        r#"{{"year":2026,"employment":"pppk","entries":[{}],"totals":{{"quarters":[3,0,0,0],"year":3}},"plan":{plan}}}"#,
        entries.join(",")
    );
    keep(&store, NIP, &json).await.expect("keeps");

    let ledger = kept(&store, NIP).await.expect("reads").expect("kept");
    let line = |course: &str, jp, claimed_jp, credited, reason| ServerLine {
        course_id: course.into(),
        title: format!("Kursus {course}"),
        jp,
        claimed_jp,
        credited,
        reason,
        certificate: None,
    };
    let expected = ServerLedger {
        year: 2026,
        total: 3,
        // The learner's type, so Beranda shows the PPPK rule (a right to up to 24 JP).
        employment: Some(Employment::Pppk),
        // The year's plan, for Beranda's "rencana tahun ini".
        plan: Some(ServerPlan {
            status: "validated".into(),
            lines: vec![("Kursus a".into(), 3, true), ("Coaching oleh atasan".into(), 3, false)],
            planned_jp: 6,
            done_jp: 3,
        }),
        lines: vec![
            ServerLine { certificate: Some("LTR-2026-7Q4K2MXA".into()), ..line("a", 3, Some(3), true, None) },
            line("b", 0, Some(40), false, Some(NotCredited::NotPassed { best: Some(Score { correct: 1, total: 5 }) })),
            line("c", 0, None, false, Some(NotCredited::NotPassed { best: None })),
            line("d", 0, Some(2), false, Some(NotCredited::LessonsMissing { missing: 2 })),
            line("e", 0, Some(9), false, Some(NotCredited::UnknownVersion { version: 7 })),
            line("f", 0, Some(9), false, Some(NotCredited::UnknownCourse)),
        ],
    };
    assert_eq!(ledger, expected);
    assert_eq!(kept(&store, "199007252015031001").await.expect("reads"), None, "another learner on this phone sees none of it");
}

#[wasm_bindgen_test]
async fn an_unreadable_answer_is_not_kept_and_the_last_good_one_stays() {
    let store = store().await;
    let good = r#"{"year":2026,"entries":[],"totals":{"quarters":[0,0,0,0],"year":0}}"#;
    keep(&store, NIP, good).await.expect("keeps");
    for bad in ["<html>portal</html>", r#"{"year":2026}"#, r#"{"year":2026,"entries":[{"course_id":"a"}],"totals":{"year":0}}"#] {
        assert!(keep(&store, NIP, bad).await.is_err(), "{bad}");
    }
    assert_eq!(kept(&store, NIP).await.expect("reads"), Some(ServerLedger { year: 2026, lines: vec![], total: 0, employment: None, plan: None }));
}
