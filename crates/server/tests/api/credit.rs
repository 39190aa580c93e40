//! The server decides what is credited: forged claims are stored and shown, never counted, and
//! every place a JP figure appears agrees.

use crate::common::{TestServer, device_of, nip};
use lentera_protocol::org::{Dashboard, MyLedger, PersonDetail};
use lentera_protocol::{CreditRule, Event, EventBody, EventId, NotCredited, PullResponse};

const COURSE: &str = "uji-coba";

/// A unit with a supervisor and one learner; returns (learner NIP, learner token, boss token).
async fn office(server: &TestServer) -> (String, String, String) {
    server.create_unit("DINAS", "Dinas Uji", None).await;
    let (learner, boss) = (nip(1), nip(2));
    server.create_person(&learner, "Rina Pelajar", "learner", Some("DINAS")).await;
    server.create_person(&boss, "Budi Atasan", "supervisor", Some("DINAS")).await;
    server.supervise(&boss, "DINAS").await;
    (learner.clone(), server.login_as(&learner).await, server.login_as(&boss).await)
}

/// Stamps events as one phone would, a few seconds apart, ending a minute ago.
struct Phone {
    nip: String,
    clock: i64,
    n: u16,
    salt: u8,
}

impl Phone {
    fn new(nip: &str) -> Phone {
        Phone::salted(nip, 3)
    }

    /// Phones with different salts make different event ids.
    fn salted(nip: &str, salt: u8) -> Phone {
        Phone { nip: nip.into(), clock: lentera_server::now_ms() - 3_600_000, n: 0, salt }
    }

    fn event(&mut self, body: EventBody) -> Event {
        self.clock += 5_000;
        self.n += 1;
        let [hi, lo] = self.n.to_be_bytes();
        Event { id: EventId::new_v7(self.clock as u64, [hi, lo, self.salt, 3, 3, 3, 3, 3, 3, 3]), device_id: device_of(&self.nip), device_time_ms: self.clock, body }
    }
}

/// Rewrites an honest completion: `f` may change any event; returning `None` drops it.
fn tampered(events: Vec<Event>, f: impl Fn(EventBody) -> Option<EventBody>) -> Vec<Event> {
    events.into_iter().filter_map(|e| f(e.body.clone()).map(|body| Event { body, ..e })).collect()
}

async fn jp_everywhere(server: &TestServer, learner: &str, token: &str, boss: &str) -> [u32; 4] {
    let board: Dashboard = server.get_json(boss, "/api/dashboard").await;
    let row = board.staff.iter().find(|r| r.nip == learner).expect("on the dashboard");
    let person: PersonDetail = server.get_json(boss, &format!("/api/staff/{learner}")).await;
    let mine: MyLedger = server.get_json(token, "/api/ledger/me").await;
    let csv = server.get_with(boss, &format!("/api/staff/{learner}/ledger.csv")).await.text().await.expect("csv");
    let csv_jp: u32 = csv.lines().skip(1).map(|l| l.split(',').nth(7).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0)).sum();
    [row.jp, person.ledger.iter().map(|e| e.jp).sum(), mine.totals.year, csv_jp]
}

#[tokio::test]
async fn each_forged_claim_is_stored_shown_and_never_credited() {
    let server = TestServer::start().await;
    let (learner, token, boss) = office(&server).await;
    let mut phone = Phone::new(&learner);
    let mut salt = 10;
    let mut honest = || {
        salt += 1;
        let mut phone = Phone::salted(&learner, salt);
        server.passing_events(COURSE, |b| phone.event(b))
    };
    let wrong = |c: &[u8]| if c == [1] { vec![0] } else { vec![1] };
    let cases: Vec<(&str, Vec<Event>, NotCredited)> = vec![
        ("a completion with no quiz", vec![phone.event(EventBody::CourseCompleted { course_id: COURSE.into(), jp: 2 })], NotCredited::NotPassed { best: None }),
        (
            "a full score claimed for wrong answers",
            tampered(honest(), |b| match b {
                EventBody::AnswerGiven { course_id, attempt, question_id, choice } => Some(EventBody::AnswerGiven { course_id, attempt, question_id, choice: wrong(&choice) }),
                other => Some(other),
            }),
            NotCredited::NotPassed { best: Some(lentera_protocol::Score { correct: 0, total: 8 }) },
        ),
        (
            "a pass with a lesson never read",
            tampered(honest(), |b| match b {
                EventBody::LessonCompleted { ref lesson_id, .. } if lesson_id == "02-dua" => None,
                other => Some(other),
            }),
            NotCredited::LessonsMissing { missing: 1 },
        ),
        (
            "an unpublished pack version",
            tampered(honest(), |b| match b {
                EventBody::QuizStarted { course_id, .. } => Some(EventBody::QuizStarted { course_id, course_version: 9 }),
                other => Some(other),
            }),
            NotCredited::UnknownVersion { version: 9 },
        ),
    ];
    for (what, events, reason) in cases {
        // Each case on a fresh learner, so one credit never hides another's refusal.
        let who = nip(10 + what.len() as u16);
        server.create_person(&who, "Uji Palsu", "learner", Some("DINAS")).await;
        let t = server.login_as(&who).await;
        let events: Vec<Event> = events.into_iter().map(|e| Event { device_id: device_of(&who), ..e }).collect();
        server.push_events(&t, &who, events.clone()).await;
        let held: PullResponse = server.get_json(&t, "/api/sync/pull").await;
        assert_eq!(held.events.len(), events.len(), "{what}: every event is kept");
        let mine: MyLedger = server.get_json(&t, "/api/ledger/me").await;
        assert_eq!(mine.totals.year, 0, "{what}: no JP credited");
        assert_eq!(mine.entries.len(), 1, "{what}: the claim is listed");
        assert_eq!((mine.entries[0].status.as_str(), mine.entries[0].not_credited.clone()), ("not_credited", Some(reason)), "{what}");
        let person: PersonDetail = server.get_json(&boss, &format!("/api/staff/{who}")).await;
        assert_eq!(person.courses[0].status, "not_credited", "{what}: marked on the person page");
        assert_eq!(person.row.jp, 0, "{what}");
    }
    // An unknown course, and an honest pass that claims 40 JP: the rule's 2 JP are credited.
    let fake = tampered(honest(), |b| match b {
        EventBody::CourseCompleted { .. } => Some(EventBody::CourseCompleted { course_id: "kursus-palsu".into(), jp: 20 }),
        other => Some(other),
    });
    let inflated = tampered(honest(), |b| match b {
        EventBody::CourseCompleted { course_id, .. } => Some(EventBody::CourseCompleted { course_id, jp: 40 }),
        other => Some(other),
    });
    server.push_events(&token, &learner, fake.into_iter().chain(inflated).collect()).await;
    let mine: MyLedger = server.get_json(&token, "/api/ledger/me").await;
    let status: Vec<(&str, &str, u32, Option<u32>)> = mine.entries.iter().map(|e| (e.course_id.as_str(), e.status.as_str(), e.jp, e.claimed_jp)).collect();
    assert!(status.contains(&("kursus-palsu", "not_credited", 0, Some(20))), "{status:?}");
    assert!(status.contains(&(COURSE, "credited", 2, Some(40))), "{status:?}");
    assert_eq!(jp_everywhere(&server, &learner, &token, &boss).await, [2; 4], "dashboard, person page, phone, CSV");
    server.shutdown().await;
}

#[tokio::test]
async fn an_honest_attempt_on_an_old_pack_version_is_credited_after_the_pack_changes() {
    let server = TestServer::start().await;
    let (learner, token, boss) = office(&server).await;
    let mut phone = Phone::new(&learner);
    let offline = server.passing_events(COURSE, |b| phone.event(b));
    // While the phone was offline the pack moved to version 2, with a different key and JP.
    let mut v2 = CreditRule::of(&server.library.packs[COURSE].pack);
    v2.version += 1;
    v2.jp = 3;
    for (_, key) in &mut v2.key {
        *key = vec![u8::from(key.first() != Some(&2))];
    }
    server.db.publish(&[v2], lentera_server::now_ms()).await.expect("published");
    server.push_events(&token, &learner, offline).await;
    assert_eq!(jp_everywhere(&server, &learner, &token, &boss).await, [2; 4], "graded by version 1's key, with its JP");
    server.shutdown().await;
}

/// The person page's best score is the server's grade against the key: a phone that answered two
/// of eight right and handed in "8/8" shows 2/8, with its claim kept beside it.
#[tokio::test]
async fn the_person_page_shows_the_servers_grade_not_the_devices_claimed_score() {
    use lentera_protocol::Score;
    let server = TestServer::start().await;
    let (learner, _token, boss) = office(&server).await;
    let mut phone = Phone::new(&learner);
    let honest = server.passing_events(COURSE, |b| phone.event(b));
    let answered = std::cell::Cell::new(0);
    let forged = tampered(honest, |b| match b {
        EventBody::AnswerGiven { course_id, attempt, question_id, choice } => {
            answered.set(answered.get() + 1);
            let choice = if answered.get() <= 2 { choice } else if choice == [1] { vec![0] } else { vec![1] };
            Some(EventBody::AnswerGiven { course_id, attempt, question_id, choice })
        }
        other => Some(other),
    });
    let claimed = forged.iter().find_map(|e| match e.body {
        EventBody::QuizSubmitted { correct, total, .. } => Some(Score { correct, total }),
        _ => None,
    });
    assert_eq!(claimed, Some(Score { correct: 8, total: 8 }), "the phone claims a full score");
    server.push_events(&server.login_as(&learner).await, &learner, forged).await;
    let person: PersonDetail = server.get_json(&boss, &format!("/api/staff/{learner}")).await;
    let course = person.courses.iter().find(|c| c.course_id == COURSE).expect("the course is listed");
    assert_eq!(course.best, Some(Score { correct: 2, total: 8 }), "the server's grade");
    assert_eq!(course.claimed_best, claimed, "the claim is kept beside it");
    server.shutdown().await;
}
