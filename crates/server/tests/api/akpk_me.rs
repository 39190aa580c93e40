//! The learner's side of the needs analysis (docs/akpk.md): what `GET /api/akpk/me` gives the
//! phone, what the push keeps of the survey and the plan, and the plan line of the ledger.

use crate::akpk_review::{World, rated, stamped, year};
use crate::common::*;
use lentera_protocol::EventBody;
use lentera_protocol::akpk::{AkpkMe, COACHING, COACHING_JP, PlanStatus};
use lentera_protocol::org::MyLedger;
use reqwest::StatusCode;
use serde_json::json;

const POSITION: &str = "Pranata Komputer";

#[tokio::test]
async fn the_phone_gets_its_positions_survey_and_the_push_keeps_the_newest_answers() {
    let w = World::build().await;
    let person = nip(10);
    // The position as a staff file may spell it: case and spaces do not matter.
    let phone = w.staff(&person, "Dewi Lestari", "A", "  pranata   KOMPUTER ").await;
    let me: AkpkMe = w.s.get_json(&phone, "/api/akpk/me").await;
    assert_eq!(me.year, year());
    let codes: Vec<_> = me.competencies.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["DIG-01", "DIG-02"], "the position's competencies in the framework's order");
    assert_eq!(me.competencies[0].levels.len(), 5);
    let required: Vec<_> = me.ratings.iter().map(|r| (r.competency.as_str(), r.required, r.self_level)).collect();
    assert_eq!(required, [("DIG-01", 3, None), ("DIG-02", 2, None)]);
    assert!(me.offers.iter().any(|o| o.id == "uji-coba" && o.jp == 2), "{:?}", me.offers);
    assert_eq!((me.plan.status, me.plan.surveyed), (PlanStatus::Draft, false));

    // Answers arrive out of order from the phone's clock: the newest counts, whatever came first.
    let mut events = stamped(&person, vec![rated("DIG-01", 4), rated("DIG-01", 1), rated("DIG-02", 2)]);
    events.swap(0, 1);
    w.s.push_events(&phone, &person, events).await;
    let submitted = EventBody::SurveySubmitted { year: year() };
    let plan = EventBody::PlanSubmitted { year: year(), items: vec!["uji-coba".into(), COACHING.into()] };
    w.s.push_events(&phone, &person, stamped(&person, vec![submitted, plan])).await;
    let me: AkpkMe = w.s.get_json(&phone, "/api/akpk/me").await;
    let own: Vec<_> = me.ratings.iter().map(|r| (r.competency.as_str(), r.self_level)).collect();
    assert_eq!(own, [("DIG-01", Some(1)), ("DIG-02", Some(2))]);
    assert!(me.plan.surveyed);
    assert_eq!((me.plan.status, me.plan.submitted.clone()), (PlanStatus::Submitted, vec!["uji-coba".to_owned(), COACHING.to_owned()]));

    // Beranda's plan comes with the ledger: priced, and what is done.
    let ledger: MyLedger = w.s.get_json(&phone, "/api/ledger/me").await;
    let mine = ledger.plan.expect("a plan sent shows");
    assert_eq!((mine.status.as_str(), mine.planned_jp, mine.done_jp), ("submitted", 2 + COACHING_JP, 0));
    assert_eq!(mine.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), ["Kursus Uji", "Coaching oleh atasan"]);
}

#[tokio::test]
async fn a_validated_plan_stays_on_beranda_until_a_changed_one_is_validated() {
    let w = World::build().await;
    let person = nip(10);
    let phone = w.staff(&person, "Dewi Lestari", "A", POSITION).await;
    let send = |items: Vec<&str>| EventBody::PlanSubmitted { year: year(), items: items.into_iter().map(String::from).collect() };
    w.s.push_events(&phone, &person, stamped(&person, vec![send(vec!["uji-coba"])])).await;
    let sa = w.s.login_as(&w.sa).await;
    let validate = format!("/api/akpk/staff/{person}/plan/validate");
    assert_eq!(w.s.post_json(&sa, &validate, &json!({ "year": year() })).await.status(), StatusCode::NO_CONTENT);
    let me: AkpkMe = w.s.get_json(&phone, "/api/akpk/me").await;
    assert_eq!((me.plan.status, me.plan.validated.clone()), (PlanStatus::Validated, vec!["uji-coba".to_owned()]));

    // The same items sent again from another device change nothing.
    w.s.push_events(&phone, &person, stamped(&person, vec![send(vec!["uji-coba"])])).await;
    let me: AkpkMe = w.s.get_json(&phone, "/api/akpk/me").await;
    assert_eq!(me.plan.status, PlanStatus::Validated);

    // A changed plan waits for the supervisor; Beranda keeps the validated one meanwhile.
    w.s.push_events(&phone, &person, stamped(&person, vec![send(vec!["uji-coba", COACHING])])).await;
    let me: AkpkMe = w.s.get_json(&phone, "/api/akpk/me").await;
    assert_eq!((me.plan.status, me.plan.validated.len()), (PlanStatus::Submitted, 1));
    let ledger: MyLedger = w.s.get_json(&phone, "/api/ledger/me").await;
    let mine = ledger.plan.expect("plan");
    assert_eq!((mine.status.as_str(), mine.items.len()), ("submitted", 1), "the validated items, marked as waiting for a new decision");
}

#[tokio::test]
async fn a_learner_with_no_position_gets_an_empty_survey_and_years_are_checked() {
    let w = World::build().await;
    let person = nip(11);
    w.s.create_person(&person, "Tanpa Jabatan", "learner", Some("A")).await;
    let phone = w.s.login_as(&person).await;
    let me: AkpkMe = w.s.get_json(&phone, "/api/akpk/me").await;
    assert!(me.position.is_none() && me.competencies.is_empty() && me.ratings.is_empty());
    let response = w.s.get_with(&phone, "/api/akpk/me?year=1999").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_of(response).await.1.contains("year"));
    // A level outside 1-5 or a year far off is a malformed batch, refused whole.
    for body in [rated("DIG-01", 6), EventBody::SurveySubmitted { year: 3 }] {
        let response = w.s.push_as(&phone, &batch_for(&person, device_of(&person), stamped(&person, vec![rated("DIG-01", 2), body]))).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }
    let me: AkpkMe = w.s.get_json(&phone, "/api/akpk/me").await;
    assert!(me.ratings.is_empty(), "nothing of a refused batch is kept");
}
