//! Assigned content arrives by itself: the phone is told which packs to download before they are
//! needed, says which it holds, and the supervisor sees that on the person page.

use crate::akpk_review::stamped;
use crate::common::{TestServer, device_of, error_of, in_days, nip};
use lentera_protocol::org::PersonDetail;
use lentera_protocol::{Catalogue, Event, EventBody, EventId, MAX_HELD_PACKS};
use reqwest::StatusCode;
use serde_json::json;

const TEST_COURSE: &str = "uji-coba";
const REAL_COURSE: &str = "keamanan-digital";

/// ROOT → A, B; SA supervises A, SB supervises B; L and L2 work in A. Returns the server and
/// the sessions of (SA, SB, L, L2).
async fn office() -> (TestServer, [String; 4]) {
    let s = TestServer::start_with_real_courses().await;
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    s.create_unit("A", "Dinas A", Some("ROOT")).await;
    s.create_unit("B", "Dinas B", Some("ROOT")).await;
    for (n, name, unit) in [(1, "Sari Atasan", "ROOT"), (2, "Budi Atasan Lain", "ROOT"), (3, "Lestari", "A"), (4, "Rekan Lestari", "A")] {
        s.create_person(&nip(n), name, "learner", Some(unit)).await;
    }
    s.supervise(&nip(1), "A").await;
    s.supervise(&nip(2), "B").await;
    let sessions = [s.login_as(&nip(1)).await, s.login_as(&nip(2)).await, s.login_as(&nip(3)).await, s.login_as(&nip(4)).await];
    (s, sessions)
}

async fn assign(s: &TestServer, supervisor: &str, course: &str, due: &str, who: &str) {
    let response = s.post_json(supervisor, "/api/assignments", &json!({ "course_id": course, "due_date": due, "nips": [who] })).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap_or_default());
}

async fn wanted(s: &TestServer, token: &str) -> Vec<String> {
    let list: Catalogue = s.get_json(token, "/api/prefetch/mine").await;
    list.courses.into_iter().map(|c| c.id).collect()
}

/// (course, version on the phone) of each assignment on the person page, as `viewer` sees it.
async fn on_phone(s: &TestServer, viewer: &str, who: &str) -> Vec<(String, Option<u32>)> {
    let page: PersonDetail = s.get_json(viewer, &format!("/api/staff/{who}")).await;
    page.assignments.into_iter().map(|a| {
        let held = page.on_phone.iter().find(|h| h.id == a.course_id).map(|h| h.version);
        (a.course_id, held)
    }).collect()
}

async fn report(s: &TestServer, token: &str, courses: serde_json::Value) -> reqwest::Response {
    s.post_json(token, "/api/prefetch/held", &json!({ "courses": courses })).await
}

#[tokio::test]
async fn the_phone_is_told_to_fetch_its_assigned_courses_until_it_completes_them() {
    let (s, [boss, _, learner, colleague]) = office().await;
    assert_eq!(wanted(&s, &learner).await, Vec::<String>::new(), "nothing assigned, nothing to fetch");
    assign(&s, &boss, REAL_COURSE, &in_days(30), &nip(3)).await;
    assign(&s, &boss, TEST_COURSE, &in_days(7), &nip(3)).await;
    let list: Catalogue = s.get_json(&learner, "/api/prefetch/mine").await;
    let catalogue: Catalogue = s.get_json(&learner, "/api/courses").await;
    let ids: Vec<&str> = list.courses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [TEST_COURSE, REAL_COURSE], "the sooner due date first");
    for course in &list.courses {
        assert_eq!(Some(course), catalogue.courses.iter().find(|c| c.id == course.id), "the catalogue's entry: hash and pack size to check against");
    }
    assert_eq!(wanted(&s, &colleague).await, Vec::<String>::new(), "a colleague is told of their own assignments only");

    // Completing the test course takes it off the list; the other stays.
    let device = device_of(&nip(3));
    let mut clock = lentera_server::now_ms() - 600_000;
    let mut n = 0u8;
    let events = s.passing_events(TEST_COURSE, |body| {
        (clock, n) = (clock + 1_000, n + 1);
        Event { id: EventId::new_v7(clock as u64, [n, 3, 3, 3, 3, 3, 3, 3, 3, 3]), device_id: device, device_time_ms: clock, body }
    });
    assert!(events.iter().any(|e| matches!(e.body, EventBody::CourseCompleted { .. })));
    s.push_events(&learner, &nip(3), events).await;
    assert_eq!(wanted(&s, &learner).await, [REAL_COURSE]);
}

#[tokio::test]
async fn what_the_phone_holds_replaces_the_last_report_and_only_its_units_supervisor_sees_it() {
    let (s, [boss, other_boss, learner, colleague]) = office().await;
    assign(&s, &boss, TEST_COURSE, &in_days(7), &nip(3)).await;
    assign(&s, &boss, REAL_COURSE, &in_days(30), &nip(3)).await;
    let none = vec![(TEST_COURSE.to_owned(), None), (REAL_COURSE.to_owned(), None)];
    assert_eq!(on_phone(&s, &boss, &nip(3)).await, none, "before any report nothing is on the phone");

    let response = report(&s, &learner, json!([{ "id": TEST_COURSE, "version": 1 }, { "id": REAL_COURSE, "version": 2 }])).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(on_phone(&s, &boss, &nip(3)).await, [(TEST_COURSE.to_owned(), Some(1)), (REAL_COURSE.to_owned(), Some(2))]);

    // The next report replaces it: a pack removed on the phone is no longer shown.
    assert_eq!(report(&s, &learner, json!([{ "id": REAL_COURSE, "version": 3 }])).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(on_phone(&s, &boss, &nip(3)).await, [(TEST_COURSE.to_owned(), None), (REAL_COURSE.to_owned(), Some(3))]);

    // A colleague's report is theirs: it cannot be made about someone else.
    let forged = s.post_json(&colleague, "/api/prefetch/held", &json!({ "nip": nip(3), "courses": [{ "id": TEST_COURSE, "version": 1 }] })).await;
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST, "a report names no person: the session says whose phone it is");
    assert_eq!(report(&s, &colleague, json!([{ "id": TEST_COURSE, "version": 1 }])).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(on_phone(&s, &boss, &nip(3)).await, [(TEST_COURSE.to_owned(), None), (REAL_COURSE.to_owned(), Some(3))]);

    // The supervisor of another unit does not see the person at all.
    let hidden = s.get_with(&other_boss, &format!("/api/staff/{}", nip(3))).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_report_too_long_or_naming_an_unknown_or_repeated_course_is_refused_and_changes_nothing() {
    let (s, [boss, _, learner, _]) = office().await;
    assign(&s, &boss, TEST_COURSE, &in_days(7), &nip(3)).await;
    assert_eq!(report(&s, &learner, json!([{ "id": TEST_COURSE, "version": 1 }])).await.status(), StatusCode::NO_CONTENT);

    let too_many: Vec<_> = (0..=MAX_HELD_PACKS).map(|i| json!({ "id": format!("kursus-{i}"), "version": 1 })).collect();
    let response = report(&s, &learner, json!(too_many)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "invalid_request");
    assert!(message.contains(&format!("at most {MAX_HELD_PACKS} courses")), "{message}");

    let (_, message) = error_of(report(&s, &learner, json!([{ "id": "tidak-ada", "version": 1 }])).await).await;
    assert!(message.contains("there is no course \"tidak-ada\""), "{message}");
    let twice = json!([{ "id": TEST_COURSE, "version": 1 }, { "id": TEST_COURSE, "version": 2 }]);
    let (_, message) = error_of(report(&s, &learner, twice).await).await;
    assert!(message.contains("listed twice"), "{message}");

    assert_eq!(on_phone(&s, &boss, &nip(3)).await, [(TEST_COURSE.to_owned(), Some(1))], "the last good report stands");
}

/// Schedules a webinar for unit A as its supervisor, from `start_ms` for two hours, with `pre_reading`.
async fn training(s: &TestServer, boss: &str, title: &str, start_ms: i64, pre_reading: &str) -> String {
    let unit = s.unit_id("A").await;
    let body = json!({
        "id": 0, "title": title, "form": "webinar", "partner_id": null, "link": "https://meet.example.id/pelatihan",
        "place": null, "start_ms": start_ms, "end_ms": start_ms + 2 * HOUR, "capacity": null, "jp": 2,
        "competency": "teknis", "pillars": ["cakap"], "units": [unit], "pre_reading": pre_reading, "recording": null, "materials": [],
    });
    let response = s.post_json(boss, "/api/trainings", &body).await;
    let (status, text) = (response.status(), response.text().await.expect("body"));
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str::<lentera_protocol::activity::TrainingView>(&text).expect("view").training.id.to_string()
}

const HOUR: i64 = 3_600_000;

#[tokio::test]
async fn the_pre_reading_of_a_training_with_a_confirmed_place_is_fetched_until_the_training_ends() {
    let (s, [boss, _, learner, colleague]) = office().await;
    let now = lentera_server::now_ms();
    let upcoming = training(&s, &boss, "Webinar Besok", now + 24 * HOUR, REAL_COURSE).await;
    let ended = training(&s, &boss, "Webinar Kemarin", now - 26 * HOUR, TEST_COURSE).await;
    assert_eq!(wanted(&s, &learner).await, Vec::<String>::new(), "invited but not registered: nothing to fetch");

    let register = |t: &str| EventBody::TrainingRegistered { training: t.to_owned() };
    s.push_events(&learner, &nip(3), stamped(&nip(3), vec![register(&upcoming), register(&ended)])).await;
    assert_eq!(wanted(&s, &learner).await, [REAL_COURSE], "the ended training's pre-reading is no longer needed");
    assert_eq!(wanted(&s, &colleague).await, Vec::<String>::new());

    // Assigned too: listed once, the assignment first.
    assign(&s, &boss, REAL_COURSE, &in_days(30), &nip(3)).await;
    assert_eq!(wanted(&s, &learner).await, [REAL_COURSE]);
    s.push_events(&colleague, &nip(4), stamped(&nip(4), vec![register(&upcoming)])).await;
    assert_eq!(wanted(&s, &colleague).await, [REAL_COURSE]);
    s.push_events(&colleague, &nip(4), stamped(&nip(4), vec![EventBody::TrainingCancelled { training: upcoming.clone() }])).await;
    assert_eq!(wanted(&s, &colleague).await, Vec::<String>::new(), "a cancelled place fetches nothing");
}
