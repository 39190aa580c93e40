//! The supervisor's side of the needs analysis (docs/akpk.md): gaps and the proposal, the
//! supervisor's levels, validating and sending back a plan, who may see whom.

use crate::common;

use common::*;
use lentera_protocol::akpk::{COACHING, COACHING_JP, PlanStatus};
use lentera_protocol::akpk_review::AkpkStaff;
use lentera_protocol::{Event, EventBody, EventId};
use reqwest::StatusCode;
use serde_json::json;
use std::sync::atomic::{AtomicU8, Ordering};

const COURSE: &str = "uji-coba";
/// JP of the test pack's course.
const COURSE_JP: u32 = 2;
const POSITION: &str = "Pranata Komputer";

pub fn year() -> u32 {
    lentera_server::calendar::year_position(lentera_server::now_ms()).0 as u32
}

/// Events stamped now from `nip`'s device, ids unique across the test binary.
pub fn stamped(nip: &str, bodies: Vec<EventBody>) -> Vec<Event> {
    static SALT: AtomicU8 = AtomicU8::new(1);
    let salt = SALT.fetch_add(1, Ordering::Relaxed);
    let now = lentera_server::now_ms();
    bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            let at = now - 10_000 + i as i64;
            Event { id: EventId::new_v7(at as u64, [salt, i as u8, 7, 7, 7, 7, 7, 7, 7, 7]), device_id: device_of(nip), device_time_ms: at, body }
        })
        .collect()
}

pub fn rated(competency: &str, level: u32) -> EventBody {
    EventBody::SurveyRated { year: year(), competency: competency.into(), level }
}

/// ROOT → A, B; SA supervises A, SB supervises B; admin of ROOT. The position `POSITION` requires
/// DIG-01 at 3 (developed by the test course) and DIG-02 at 2 (no course).
pub struct World {
    pub s: TestServer,
    pub admin: String,
    pub sa: String,
    pub sb: String,
}

impl World {
    pub async fn build() -> World {
        let s = TestServer::start().await;
        s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
        s.create_unit("A", "Dinas A", Some("ROOT")).await;
        s.create_unit("B", "Dinas B", Some("ROOT")).await;
        let (admin, sa, sb) = (nip(1), nip(2), nip(3));
        s.create_person(&admin, "Admin Kota", "admin", Some("ROOT")).await;
        s.create_person(&sa, "Kepala Dinas A", "learner", Some("ROOT")).await;
        s.supervise(&sa, "A").await;
        s.create_person(&sb, "Kepala Dinas B", "learner", Some("ROOT")).await;
        s.supervise(&sb, "B").await;
        s.db.clear_framework().await.expect("the default framework set aside");
        s.db.put_competency("DIG-01", "Mengelola data", 1, &[COURSE]).await.expect("competency");
        s.db.put_competency("DIG-02", "Keamanan informasi", 2, &[]).await.expect("competency");
        s.db.put_requirement(POSITION, "DIG-01", 3).await.expect("requirement");
        s.db.put_requirement(POSITION, "DIG-02", 2).await.expect("requirement");
        World { s, admin, sa, sb }
    }

    /// A person in `unit` holding `position`, logged in on their phone; returns their token.
    pub async fn staff(&self, nip: &str, name: &str, unit: &str, position: &str) -> String {
        self.s.create_person(nip, name, "learner", Some(unit)).await;
        self.s.db.set_position(nip, position).await.expect("position");
        self.s.login_as(nip).await
    }

    pub async fn page(&self, token: &str, nip: &str) -> AkpkStaff {
        self.s.get_json(token, &format!("/api/akpk/staff/{nip}?year={}", year())).await
    }

    pub async fn put(&self, token: &str, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.s.http.put(self.s.url(path)).bearer_auth(token).json(body).send().await.expect("answered")
    }
}

#[tokio::test]
async fn the_staff_page_shows_gaps_answers_and_the_proposal_priced_against_20_jp() {
    let w = World::build().await;
    let person = nip(10);
    let phone = w.staff(&person, "Dewi Lestari", "A", POSITION).await;
    let answer = EventBody::SurveyAnswered { year: year(), question: "hambatan".into(), text: "Jaringan sering putus".into() };
    w.s.push_events(&phone, &person, stamped(&person, vec![rated("DIG-01", 1), rated("DIG-02", 2), answer])).await;

    let sa = w.s.login_as(&w.sa).await;
    let page = w.page(&sa, &person).await;
    assert_eq!(page.name, "Dewi Lestari");
    let rows: Vec<_> = page.ratings.iter().map(|r| (r.competency.as_str(), r.name.as_str(), r.required, r.self_level, r.assessed, r.gap)).collect();
    assert_eq!(rows, vec![("DIG-01", "Mengelola data", 3, Some(1), Some(1), Some(2)), ("DIG-02", "Keamanan informasi", 2, Some(2), Some(2), Some(0))]);
    assert_eq!(page.ratings[0].levels.len(), 5, "the level descriptions come along");
    assert_eq!(page.answers.len(), 1);
    assert_eq!((page.answers[0].question.as_str(), page.answers[0].text.as_str()), ("hambatan", "Jaringan sering putus"));
    // A gap of 2 in DIG-01: its course, then coaching; none for DIG-02, which has no gap.
    let proposal: Vec<_> = page.proposal.iter().map(|i| (i.key.as_str(), i.jp, i.competencies.clone())).collect();
    assert_eq!(proposal, vec![(COURSE, COURSE_JP, vec!["DIG-01".to_owned()]), (COACHING, COACHING_JP, vec!["DIG-01".to_owned()])]);
    assert_eq!(page.proposal[0].title, "Kursus Uji");
    assert_eq!((page.proposal_jp, page.target_jp), (COURSE_JP + COACHING_JP, 20));
    assert_eq!(page.plan.status, PlanStatus::Draft);
}

#[tokio::test]
async fn a_person_without_gaps_gets_no_filler_and_an_unassessed_one_no_gap_yet() {
    let w = World::build().await;
    let (able, new) = (nip(10), nip(11));
    let phone = w.staff(&able, "Bagus Santoso", "A", POSITION).await;
    w.staff(&new, "Citra Ayu", "A", POSITION).await;
    w.s.push_events(&phone, &able, stamped(&able, vec![rated("DIG-01", 4), rated("DIG-02", 2)])).await;
    let sa = w.s.login_as(&w.sa).await;

    let page = w.page(&sa, &able).await;
    assert_eq!(page.ratings.iter().map(|r| r.gap).collect::<Vec<_>>(), vec![Some(0), Some(0)]);
    assert!(page.proposal.is_empty(), "no gap, no item: {:?}", page.proposal);
    assert_eq!(page.proposal_jp, 0);

    let page = w.page(&sa, &new).await;
    assert_eq!(page.ratings.iter().map(|r| r.gap).collect::<Vec<_>>(), vec![None, None], "not assessed is not a gap");
    assert!(page.proposal.is_empty());
}

#[tokio::test]
async fn a_completed_course_is_not_proposed_again() {
    let w = World::build().await;
    let person = nip(10);
    let phone = w.staff(&person, "Dewi Lestari", "A", POSITION).await;
    let mut n = 0u8;
    let dev = device_of(&person);
    let now = lentera_server::now_ms();
    let done = w.s.passing_events(COURSE, |body| {
        n += 1;
        Event { id: EventId::new_v7((now - 50_000 + i64::from(n)) as u64, [n; 10]), device_id: dev, device_time_ms: now - 50_000 + i64::from(n), body }
    });
    w.s.push_events(&phone, &person, done).await;
    w.s.push_events(&phone, &person, stamped(&person, vec![rated("DIG-01", 1)])).await;
    let sa = w.s.login_as(&w.sa).await;
    let page = w.page(&sa, &person).await;
    assert_eq!(page.proposal.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(), vec![COACHING]);
}

#[tokio::test]
async fn the_supervisors_level_overrides_the_self_level_and_is_audited() {
    let w = World::build().await;
    let person = nip(10);
    let phone = w.staff(&person, "Dewi Lestari", "A", POSITION).await;
    w.s.push_events(&phone, &person, stamped(&person, vec![rated("DIG-01", 3), rated("DIG-02", 2)])).await;
    let sa = w.s.login_as(&w.sa).await;
    assert!(w.page(&sa, &person).await.proposal.is_empty());

    let path = format!("/api/akpk/staff/{person}/assessment");
    let response = w.put(&sa, &path, &json!({ "year": year(), "levels": [{ "competency": "DIG-01", "level": 1 }] })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let page = w.page(&sa, &person).await;
    let first = &page.ratings[0];
    assert_eq!((first.self_level, first.supervisor_level, first.assessed, first.gap), (Some(3), Some(1), Some(1), Some(2)));
    assert_eq!(page.proposal.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(), vec![COURSE, COACHING]);
    // A newer self-assessment does not undo the supervisor's view.
    w.s.push_events(&phone, &person, stamped(&person, vec![rated("DIG-01", 5)])).await;
    let first = w.page(&sa, &person).await.ratings[0].clone();
    assert_eq!((first.self_level, first.assessed), (Some(5), Some(1)));

    let audit = w.s.db.audit_entries(None, 10).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "akpk_assess" && e.target == person && e.detail.contains("DIG-01=1")), "{audit:?}");
}

#[tokio::test]
async fn an_assessment_names_only_required_competencies_with_levels_1_to_5() {
    let w = World::build().await;
    let person = nip(10);
    w.staff(&person, "Dewi Lestari", "A", POSITION).await;
    let sa = w.s.login_as(&w.sa).await;
    let path = format!("/api/akpk/staff/{person}/assessment");
    for (levels, says) in [
        (json!([{ "competency": "DIG-09", "level": 2 }]), "DIG-09 is not required of Pranata Komputer; give levels only for DIG-01, DIG-02"),
        (json!([{ "competency": "DIG-01", "level": 6 }]), "give a level from 1 to 5"),
        (json!([{ "competency": "DIG-01", "level": 0 }]), "give a level from 1 to 5"),
        (json!([{ "competency": "DIG-01", "level": 2 }, { "competency": "DIG-01", "level": 3 }]), "DIG-01 is given twice"),
        (json!([]), "give at least one competency"),
    ] {
        let response = w.put(&sa, &path, &json!({ "year": year(), "levels": levels })).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{levels}");
        let (code, message) = error_of(response).await;
        assert_eq!(code, "invalid_request");
        assert!(message.contains(says), "{message}");
    }
    let response = w.put(&sa, &path, &json!({ "year": 1900, "levels": [{ "competency": "DIG-01", "level": 2 }] })).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(w.page(&sa, &person).await.ratings.iter().all(|r| r.supervisor_level.is_none()), "nothing refused was stored");
}

#[tokio::test]
async fn a_submitted_plan_is_sent_back_with_a_note_then_validated() {
    let w = World::build().await;
    let person = nip(10);
    let phone = w.staff(&person, "Dewi Lestari", "A", POSITION).await;
    let sa = w.s.login_as(&w.sa).await;
    let (validate, send_back) = (format!("/api/akpk/staff/{person}/plan/validate"), format!("/api/akpk/staff/{person}/plan/return"));

    // Nothing sent yet: nothing to decide.
    let response = w.s.post_json(&sa, &validate, &json!({ "year": year() })).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "conflict");
    assert!(message.contains("Dewi Lestari has no plan for"), "{message}");

    let plan = EventBody::PlanSubmitted { year: year(), items: vec![COURSE.into()] };
    w.s.push_events(&phone, &person, stamped(&person, vec![rated("DIG-01", 2), plan])).await;
    let page = w.page(&sa, &person).await;
    assert_eq!(page.plan.status, PlanStatus::Submitted);
    assert_eq!((page.submitted.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(), page.submitted_jp), (vec![COURSE], COURSE_JP));

    for note in [json!(null), json!("   ")] {
        let response = w.s.post_json(&sa, &send_back, &json!({ "year": year(), "note": note })).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert!(error_of(response).await.1.contains("say what to change"));
    }
    let long = "a".repeat(1001);
    let response = w.s.post_json(&sa, &send_back, &json!({ "year": year(), "note": long })).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_of(response).await.1.contains("at most 1000 characters"));

    let note = "Tambahkan pembinaan keamanan informasi.";
    assert_eq!(w.s.post_json(&sa, &send_back, &json!({ "year": year(), "note": note })).await.status(), StatusCode::NO_CONTENT);
    let page = w.page(&sa, &person).await;
    assert_eq!((page.plan.status, page.plan.note.as_deref()), (PlanStatus::Returned, Some(note)));
    assert!(page.plan.validated.is_empty());
    // Returned is decided: neither verdict again until the learner sends it anew.
    assert_eq!(w.s.post_json(&sa, &validate, &json!({ "year": year() })).await.status(), StatusCode::CONFLICT);

    let plan = EventBody::PlanSubmitted { year: year(), items: vec![COURSE.into(), COACHING.into()] };
    w.s.push_events(&phone, &person, stamped(&person, vec![plan])).await;
    assert_eq!(w.s.post_json(&sa, &validate, &json!({ "year": year() })).await.status(), StatusCode::NO_CONTENT);
    let page = w.page(&sa, &person).await;
    assert_eq!(page.plan.status, PlanStatus::Validated);
    assert_eq!(page.plan.validated, vec![COURSE.to_owned(), COACHING.to_owned()]);
    assert_eq!(page.validated_jp, COURSE_JP + COACHING_JP);
    assert_eq!(w.s.post_json(&sa, &validate, &json!({ "year": year() })).await.status(), StatusCode::CONFLICT, "validated once");

    let audit = w.s.db.audit_entries(None, 10).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "akpk_return" && e.detail.contains(note)), "{audit:?}");
    assert!(audit.iter().any(|e| e.action == "akpk_validate" && e.target == person), "{audit:?}");
}

#[tokio::test]
async fn supervisors_decide_only_for_their_units_and_never_for_themselves() {
    let w = World::build().await;
    let person = nip(10);
    let phone = w.staff(&person, "Dewi Lestari", "A", POSITION).await;
    w.s.db.set_position(&w.sa, POSITION).await.expect("position");
    let sb = w.s.login_as(&w.sb).await;
    let y = year();
    let assess = json!({ "year": y, "levels": [{ "competency": "DIG-01", "level": 2 }] });
    assert_eq!(four(&w, &sb, &person, &assess).await, [StatusCode::NOT_FOUND; 4], "another unit's supervisor");
    assert_eq!(four(&w, &phone, &person, &assess).await, [StatusCode::FORBIDDEN; 4], "the learner themself");
    let sa = w.s.login_as(&w.sa).await;
    let own = four(&w, &sa, &w.sa, &assess).await;
    assert_eq!(own, [StatusCode::OK, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN], "a supervisor on themself");
    let admin = w.s.login_as(&w.admin).await;
    assert_eq!(w.s.get_with(&admin, &format!("/api/akpk/staff/{person}?year={y}")).await.status(), StatusCode::OK);
}

/// The four routes about `nip` as `token`: read, assess, validate, return.
async fn four(w: &World, token: &str, nip: &str, assess: &serde_json::Value) -> [StatusCode; 4] {
    let y = year();
    [
        w.s.get_with(token, &format!("/api/akpk/staff/{nip}?year={y}")).await.status(),
        w.put(token, &format!("/api/akpk/staff/{nip}/assessment"), assess).await.status(),
        w.s.post_json(token, &format!("/api/akpk/staff/{nip}/plan/validate"), &json!({ "year": y })).await.status(),
        w.s.post_json(token, &format!("/api/akpk/staff/{nip}/plan/return"), &json!({ "year": y, "note": "x" })).await.status(),
    ]
}
