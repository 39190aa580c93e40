//! Every string a device or an admin hands the server is bounded, and courses the library does not
//! know cannot grow a learner's stored fold without bound.

use crate::common;

use common::*;
use lentera_protocol::{Event, EventBody, EventId, MAX_ID_CHARS};
use reqwest::StatusCode;

fn event(dev: lentera_protocol::DeviceId, i: u64, body: EventBody) -> Event {
    let at = lentera_server::now_ms() - 60_000;
    Event { id: EventId::new_v7(at as u64 + i, [i as u8; 10]), device_id: dev, device_time_ms: at + i as i64, body }
}

#[tokio::test]
async fn an_event_string_over_its_limit_is_400_naming_the_field_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let dev = device(70);
    let long = "x".repeat(MAX_ID_CHARS + 1);
    let cases = [
        (EventBody::LessonOpened { course_id: long.clone(), lesson_id: "l1".into() }, "events[1].body.course_id"),
        (EventBody::LessonCompleted { course_id: "uji-coba".into(), lesson_id: long.clone() }, "events[1].body.lesson_id"),
        (EventBody::OnboardingCompleted { language: "id".repeat(40) }, "events[1].body.language"),
    ];
    for (body, field) in cases {
        let fine = event(dev, 1, EventBody::OnboardingCompleted { language: "id".into() });
        let response = server.push(&batch(dev, vec![fine, event(dev, 2, body)])).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{field}");
        let (code, message) = error_of(response).await;
        assert_eq!(code, "invalid_request");
        assert!(message.contains(field) && message.contains("at most"), "{message}");
    }
    assert_eq!(server.db.count_events().await.expect("count"), 0);
    // At the limit is fine.
    let at_limit = event(dev, 3, EventBody::LessonOpened { course_id: "y".repeat(MAX_ID_CHARS), lesson_id: "l1".into() });
    assert_eq!(server.push(&batch(dev, vec![at_limit])).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn courses_the_library_does_not_know_stop_growing_the_stored_fold_at_twenty() {
    let server = TestServer::start().await;
    let dev = device(71);
    let junk: Vec<Event> = (0..60).map(|i| event(dev, i, EventBody::LessonOpened { course_id: format!("tidak-ada-{i:02}"), lesson_id: "l1".into() })).collect();
    for chunk in junk.chunks(25) {
        let response = server.push(&batch(dev, chunk.to_vec())).await;
        assert_eq!(response.status(), StatusCode::OK, "junk is acknowledged, so the phone does not retry it forever");
    }
    assert_eq!(server.db.count_events().await.expect("count"), 60, "kept in the event log");
    let learner = server.person_id(LEARNER_NIP).await;
    let stored = server.db.stored_fold_courses(learner).await.expect("fold");
    assert_eq!(stored.len(), lentera_server::db::progress::MAX_UNKNOWN_COURSES);
    assert_eq!(stored.last().map(String::as_str), Some("tidak-ada-19"), "the first twenty are kept as claims");
    // A course the library offers is still folded and credited after the cap.
    let mut i = 100;
    let real = server.passing_events("uji-coba", |body| {
        i += 1;
        event(dev, i, body)
    });
    assert_eq!(server.push(&batch(dev, real)).await.status(), StatusCode::OK);
    let stored = server.db.stored_fold_courses(learner).await.expect("fold");
    assert!(stored.contains(&"uji-coba".to_owned()), "{stored:?}");
    assert_eq!(stored.len(), lentera_server::db::progress::MAX_UNKNOWN_COURSES + 1);
}
