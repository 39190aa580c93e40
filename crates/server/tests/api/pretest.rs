//! Evaluation at the learning level (docs/evaluation.md): a course's pre- and post-test taken with
//! the quiz's events on `pre:`/`post:` subjects, graded by the server's key, counted only in their
//! window around the credit, the first hand-in only; the gain per person and per course in the
//! report, its CSV and detail, for the caller's units; the tests never credit JP.

use crate::common;

use common::pack::{tests_toml, write_pack};
use common::*;
use lentera_protocol::reaction::{DAY_MS, EvaluationReport, SubjectDetail};
use lentera_protocol::{Event, EventBody, EventId};
use lentera_server::content::Library;
use std::sync::atomic::{AtomicU8, Ordering};

const COURSE: &str = "uji-coba";

/// ROOT → A, B; SA supervises A, SB supervises B; Ayu, Dewi, Eko in A; an admin of ROOT.
struct World {
    s: TestServer,
    admin: String,
    sa: String,
    sb: String,
    ayu: String,
    dewi: String,
    eko: String,
}

impl World {
    async fn build() -> World {
        let s = TestServer::start().await;
        s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
        s.create_unit("A", "Dinas A", Some("ROOT")).await;
        s.create_unit("B", "Dinas B", Some("ROOT")).await;
        let w = World { admin: nip(1), sa: nip(2), sb: nip(3), ayu: nip(4), dewi: nip(5), eko: nip(6), s };
        w.s.create_person(&w.admin, "Admin Kota", "admin", Some("ROOT")).await;
        w.s.create_person(&w.sa, "Kepala Dinas A", "learner", Some("A")).await;
        w.s.supervise(&w.sa, "A").await;
        w.s.create_person(&w.sb, "Kepala Dinas B", "learner", Some("B")).await;
        w.s.supervise(&w.sb, "B").await;
        w.s.create_person(&w.ayu, "Ayu Lestari", "learner", Some("A")).await;
        w.s.create_person(&w.dewi, "Dewi Anggraini", "learner", Some("A")).await;
        w.s.create_person(&w.eko, "Eko Prasetyo", "learner", Some("A")).await;
        w
    }

    async fn push(&self, nip: &str, days_ago: i64, bodies: Vec<EventBody>) {
        static SALT: AtomicU8 = AtomicU8::new(1);
        let salt = SALT.fetch_add(1, Ordering::Relaxed);
        let base = lentera_server::now_ms() - days_ago * DAY_MS;
        let events = bodies
            .into_iter()
            .enumerate()
            .map(|(i, body)| {
                let at = base + i as i64;
                Event { id: EventId::new_v7(at as u64, [salt, i as u8, 5, 5, 5, 5, 5, 5, 5, 5]), device_id: device_of(nip), device_time_ms: at, body }
            })
            .collect();
        let token = self.s.login_as(nip).await;
        self.s.push_events(&token, nip, events).await;
    }

    /// `nip` hands a test in `days_ago` days back with the first `right` of its four questions
    /// right, while the phone claims all four (the server grades by its own key).
    async fn take(&self, nip: &str, test: &str, days_ago: i64, right: usize) {
        let (subject, prefix) = (format!("{test}:{COURSE}"), if test == "pre" { "a" } else { "b" });
        let base = lentera_server::now_ms() - days_ago * DAY_MS;
        let started = Event {
            id: EventId::new_v7(base as u64, [days_ago as u8, right as u8, test.len() as u8, 1, 1, 1, 1, 1, 1, 9]),
            device_id: device_of(nip),
            device_time_ms: base,
            body: EventBody::QuizStarted { course_id: subject.clone(), course_version: 1 },
        };
        let attempt = started.id;
        let right_answers: [Vec<u8>; 4] = [vec![1], vec![0, 2], vec![1], vec![1]];
        let mut bodies = Vec::new();
        for (i, answer) in right_answers.iter().enumerate() {
            let choice = if i < right { answer.clone() } else { vec![2] };
            bodies.push(EventBody::AnswerGiven { course_id: subject.clone(), attempt, question_id: format!("{prefix}{}", i + 1), choice });
        }
        bodies.push(EventBody::QuizSubmitted { course_id: subject, attempt, correct: 4, total: 4 });
        let token = self.s.login_as(nip).await;
        self.s.push_events(&token, nip, vec![started]).await;
        self.push(nip, days_ago, bodies).await;
    }

    async fn complete(&self, nip: &str, days_ago: i64) {
        let base = lentera_server::now_ms() - days_ago * DAY_MS + 60_000;
        let mut i = 0u8;
        let events = self.s.passing_events(COURSE, |body| {
            i += 1;
            let at = base + i64::from(i);
            Event { id: EventId::new_v7(at as u64, [i, days_ago as u8, 3, 3, 3, 3, 3, 3, 3, 3]), device_id: device_of(nip), device_time_ms: at, body }
        });
        let token = self.s.login_as(nip).await;
        self.s.push_events(&token, nip, events).await;
    }

    async fn report(&self, who: &str) -> EvaluationReport {
        self.s.get_json(&self.s.login_as(who).await, "/api/evaluation/report").await
    }

    async fn detail(&self, who: &str) -> SubjectDetail {
        self.s.get_json(&self.s.login_as(who).await, &format!("/api/evaluation/report/detail?subject=course:{COURSE}")).await
    }
}

#[tokio::test]
async fn the_gain_counts_the_first_pre_test_before_the_credit_and_the_first_post_test_after_it() {
    let w = World::build().await;
    // Ayu: 1 of 4 before, all 4 after: +75.
    w.take(&w.ayu, "pre", 20, 1).await;
    w.complete(&w.ayu, 10).await;
    w.take(&w.ayu, "post", 5, 4).await;
    // Dewi: 2 then 3: +25; a retake of the post-test with all right changes nothing.
    w.take(&w.dewi, "pre", 20, 2).await;
    w.complete(&w.dewi, 10).await;
    w.take(&w.dewi, "post", 5, 3).await;
    w.take(&w.dewi, "post", 2, 4).await;
    // Eko: a "pre-test" after the credit and a post-test before it: neither counts; then a real post-test.
    w.take(&w.eko, "post", 15, 4).await;
    w.complete(&w.eko, 10).await;
    w.take(&w.eko, "pre", 5, 0).await;
    w.take(&w.eko, "post", 3, 2).await;

    let report = w.report(&w.admin).await;
    let course = report.subjects.iter().find(|s| s.subject == format!("course:{COURSE}")).expect("the course is in the report");
    assert_eq!((course.completed, course.tested, course.gain_hundredths), (3, 2, Some(5000)), "{course:?}");

    let detail = w.detail(&w.sa).await;
    assert_eq!(detail.tests_total, 3);
    type Line<'a> = (&'a str, Option<u32>, Option<u32>, Option<i32>);
    let lines: Vec<Line> =
        detail.tests.iter().map(|t| (t.name.as_str(), t.pre_percent, t.post_percent, t.gain)).collect();
    assert_eq!(
        lines,
        vec![("Ayu Lestari", Some(25), Some(100), Some(75)), ("Dewi Anggraini", Some(50), Some(75), Some(25)), ("Eko Prasetyo", None, Some(50), None)]
    );
    assert!(detail.tests.iter().all(|t| t.unit == "Dinas A"), "{:?}", detail.tests);

    let csv = w.s.get_with(&w.s.login_as(&w.admin).await, "/api/evaluation/report.csv").await.text().await.expect("csv");
    let head = csv.lines().next().expect("header");
    assert!(head.contains(",peserta_pre_post,kenaikan_pre_post,"), "{head}");
    let line = csv.lines().find(|l| l.starts_with(&format!("course,{COURSE},"))).expect("the course's line");
    assert!(line.contains(",2,50.00,"), "{line}");
}

#[tokio::test]
async fn a_supervisor_sees_only_their_units_and_a_learner_is_refused() {
    let w = World::build().await;
    w.take(&w.ayu, "pre", 20, 1).await;
    w.complete(&w.ayu, 10).await;
    w.take(&w.ayu, "post", 5, 4).await;
    let other = w.detail(&w.sb).await;
    assert!(other.tests.is_empty() && other.tests_total == 0, "Dinas B sees nobody of Dinas A: {:?}", other.tests);
    assert!(!w.report(&w.sb).await.subjects.iter().any(|s| s.tested > 0));
    let token = w.s.login_as(&w.ayu).await;
    let refused = w.s.get_with(&token, &format!("/api/evaluation/report/detail?subject=course:{COURSE}")).await;
    assert_eq!(refused.status(), reqwest::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_tests_never_credit_jp_nor_count_as_a_course() {
    let w = World::build().await;
    w.take(&w.ayu, "pre", 3, 4).await;
    w.take(&w.ayu, "post", 2, 4).await;
    let token = w.s.login_as(&w.ayu).await;
    let ledger: serde_json::Value = w.s.get_json(&token, "/api/ledger/me").await;
    assert!(!ledger.to_string().contains("pre:") && !ledger.to_string().contains("post:"), "{ledger}");
    assert_eq!(ledger["totals"]["year"], 0, "{ledger}");
    // Not credited, so no gain: the post-test before any credit never counts.
    w.complete(&w.ayu, 1).await;
    let report = w.report(&w.admin).await;
    let course = report.subjects.iter().find(|s| s.subject == format!("course:{COURSE}")).expect("credited now");
    assert_eq!((course.tested, course.gain_hundredths), (0, None));
    let ledger: serde_json::Value = w.s.get_json(&token, "/api/ledger/me").await;
    assert_eq!(ledger["totals"]["year"], 2, "the course's own JP only: {ledger}");
}

fn load_with_tests(tests: &str) -> Result<Library, Vec<lentera_server::content::ContentError>> {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = write_pack(root.path());
    std::fs::write(dir.join("tests.toml"), tests).expect("tests.toml");
    Library::load(root.path())
}

#[test]
fn a_post_test_that_copies_the_pre_test_is_refused_with_its_line() {
    let copied = tests_toml().replacen("Soal post 2?", "Soal pre 2?", 1);
    let errors = load_with_tests(&copied).expect_err("refused");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("\"b2\" repeats a pre-test prompt"), "{}", errors[0].message);
    let line = copied.lines().position(|l| l == "id = \"b2\"").expect("b2") + 1;
    assert_eq!(errors[0].line, line - 1, "the question's [[post]] header line");
}

#[test]
fn tests_of_unequal_length_are_refused_and_the_pack_serves_both() {
    let short = tests_toml().rsplit_once("[[post]]").map(|(head, _)| head.to_owned()).expect("a post question");
    let errors = load_with_tests(&short).expect_err("refused");
    assert!(errors.iter().any(|e| e.message.contains("the pre-test has 4 questions and the post-test 3")), "{errors:#?}");
    let library = load_with_tests(&tests_toml()).expect("valid");
    let json: serde_json::Value = serde_json::from_slice(&library.packs[COURSE].json).expect("json");
    assert_eq!(json["tests"]["pre"].as_array().map(Vec::len), Some(4));
    assert_eq!(json["tests"]["post"][1]["correct"], serde_json::json!([0, 2]));
}

/// Whole days from `date` (`YYYY-MM-DD`, noon WIB) back to now.
fn days_since(date: &str) -> i64 {
    let (y, rest) = date.split_at(4);
    let (m, d) = (&rest[1..3], &rest[4..6]);
    let at = lentera_server::calendar::month_start_ms(y.parse().expect("year"), m.parse().expect("month")) + (d.parse::<i64>().expect("day") - 1) * DAY_MS + 5 * 3_600_000;
    (lentera_server::now_ms() - at) / DAY_MS
}

#[tokio::test]
async fn the_units_ikm_shows_the_satisfaction_and_gain_of_its_staff_in_that_period() {
    let w = World::build().await;
    // All in the first half of 2025: a pre-test, the course, the post-test, then the survey.
    w.take(&w.ayu, "pre", days_since("2025-03-02"), 1).await;
    w.complete(&w.ayu, days_since("2025-03-10")).await;
    w.take(&w.ayu, "post", days_since("2025-04-01"), 4).await;
    let survey = |choice: [u8; 4]| vec![EventBody::ReactionGiven { subject: format!("course:{COURSE}"), choice: choice.to_vec(), text: String::new() }];
    w.push(&w.ayu, days_since("2025-04-02"), survey([4, 4, 3, 3])).await;
    // Dewi rates a course the server never credited her: it does not count.
    w.push(&w.dewi, days_since("2025-04-02"), survey([1, 1, 1, 1])).await;
    let admin = w.s.login_as(&w.admin).await;
    let nrr = [320u32, 305, 290, 360, 315, 330, 345, 280, 310];
    for period in ["2025-S1", "2025-S2"] {
        let response = w.s.http.put(w.s.url(&format!("/api/skm/A/{period}"))).bearer_auth(&admin).json(&serde_json::json!({ "respondents": 40, "nrr_hundredths": nrr })).send().await.expect("answered");
        assert_eq!(response.status(), 200);
    }
    let report: lentera_protocol::evaluation::SkmReport = w.s.get_json(&admin, "/api/skm?unit=A").await;
    let learning = |p: &str| report.units[0].periods.iter().find(|x| x.period == p).map(|x| x.learning.clone()).expect("the period");
    let first = learning("2025-S1");
    assert_eq!((first.satisfaction_hundredths, first.tested, first.gain_hundredths), (Some(350), 1, Some(7500)), "{first:?}");
    let second = learning("2025-S2");
    assert_eq!((second.satisfaction_hundredths, second.tested, second.gain_hundredths), (None, 0, None));
    let csv = w.s.get_with(&admin, "/api/skm.csv?unit=A").await.text().await.expect("csv");
    assert!(csv.lines().next().expect("header").ends_with(",kursus_selesai,kepuasan_peserta,peserta_pre_post,kenaikan_pre_post"), "{csv}");
    let line = csv.lines().find(|l| l.contains(",2025-S1,")).expect("S1");
    assert!(line.ends_with(",1,3.50,1,75.00"), "one course, satisfaction 3.50, one tested, +75: {line}");
}
