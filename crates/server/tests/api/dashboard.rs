//! What supervisors read: the dashboard's figures are the protocol's fold of the synced events,
//! replays change nothing, the CSV exports carry the same numbers, and assignments move from open
//! (or overdue) to done when the learner completes the course.

use crate::common;

use common::*;
use lentera_protocol::org::{AssignmentList, Dashboard, PersonDetail, StaffRow};
use lentera_protocol::{DeviceId, Event, EventBody, EventId, Progress, PushRequest};
use lentera_server::content::BuiltPack;
use reqwest::StatusCode;
use serde_json::json;

const DAY_MS: i64 = 86_400_000;
/// A name a CSV writer must quote: a comma and quotes.
const NAME: &str = "Siti \"Ucok\" Aminah, S.Kom";
/// The test pack every `TestServer` offers (2 JP).
const TEST_COURSE: &str = "uji-coba";

/// KOTA → DINAS-A (with a non-ASCII name); SA supervises DINAS-A; L (the learner, `NAME`) and M
/// (who never synced) work there.
struct Office {
    server: TestServer,
    supervisor: String,
    learner: String,
    colleague: String,
    /// SA's session.
    boss: String,
}

impl Office {
    async fn new() -> Office {
        let server = TestServer::start_with_real_courses().await;
        server.create_unit("KOTA", "Pemerintah Kota Uji", None).await;
        server.create_unit("DINAS-A", "Dinas Pendidikan – Bidang SD", Some("KOTA")).await;
        let (supervisor, learner, colleague) = (nip(2), nip(4), nip(5));
        server.create_person(&supervisor, "Kepala Dinas", "learner", Some("KOTA")).await;
        server.supervise(&supervisor, "DINAS-A").await;
        server.create_person(&learner, NAME, "learner", Some("DINAS-A")).await;
        server.create_person(&colleague, "Maria Simanjuntak", "learner", Some("DINAS-A")).await;
        let boss = server.login_as(&supervisor).await;
        Office { server, supervisor, learner, colleague, boss }
    }

    async fn dashboard(&self) -> Dashboard {
        self.server.get_json(&self.boss, "/api/dashboard").await
    }

    async fn row(&self, nip: &str) -> StaffRow {
        self.dashboard().await.staff.into_iter().find(|r| r.nip == nip).unwrap_or_else(|| panic!("{nip} is on the dashboard"))
    }

    async fn person(&self, nip: &str) -> PersonDetail {
        self.server.get_json(&self.boss, &format!("/api/staff/{nip}")).await
    }

    async fn learner_id(&self) -> i64 {
        self.server.person_id(&self.learner).await
    }

    /// The learner's own list of assignments, as their phone fetches it.
    async fn mine(&self, token: &str) -> AssignmentList {
        self.server.get_json(token, "/api/assignments/mine").await
    }
}

/// One phone of the learner: makes events as the app does, times from its (correct) clock.
struct Phone {
    id: DeviceId,
    seed: u8,
    clock: i64,
    made: u16,
}

impl Phone {
    /// A phone whose first event happens `ago_ms` before now.
    fn new(id: DeviceId, seed: u8, ago_ms: i64) -> Phone {
        Phone { id, seed, clock: lentera_server::now_ms() - ago_ms, made: 0 }
    }

    fn event(&mut self, body: EventBody) -> Event {
        self.clock += 41_000;
        self.made += 1;
        let [hi, lo] = self.made.to_be_bytes();
        let id = EventId::new_v7(self.clock as u64, [self.seed, hi, lo, 7, 7, 7, 7, 7, 7, 7]);
        Event { id, device_id: self.id, device_time_ms: self.clock, body }
    }

    /// Reading every lesson of `course`, then (if `finish`) passing its quiz and completing it.
    fn study(&mut self, course: &BuiltPack, finish: bool) -> Vec<Event> {
        let id = || course.summary.id.clone();
        let mut out = Vec::new();
        for lesson in &course.pack.lessons {
            out.push(self.event(EventBody::LessonOpened { course_id: id(), lesson_id: lesson.id.clone() }));
            out.push(self.event(EventBody::LessonCompleted { course_id: id(), lesson_id: lesson.id.clone() }));
        }
        if !finish {
            return out;
        }
        let started = self.event(EventBody::QuizStarted { course_id: id(), course_version: course.summary.version });
        let attempt = started.id;
        out.push(started);
        for question in &course.pack.quiz.questions {
            out.push(self.event(EventBody::AnswerGiven { course_id: id(), attempt, question_id: question.id.clone(), choice: question.correct.clone() }));
        }
        let total = course.summary.questions;
        out.push(self.event(EventBody::QuizSubmitted { course_id: id(), attempt, correct: total, total }));
        out.push(self.event(EventBody::CourseCompleted { course_id: id(), jp: course.summary.jp }));
        out
    }
}

fn course(id: &str) -> &'static BuiltPack {
    real_library().packs.get(id).unwrap_or_else(|| panic!("content/ has the course {id}"))
}

/// A year of learning on two phones, pushed in several batches (each sent now: no clock skew).
/// Returns every batch as pushed.
async fn learn(office: &Office) -> Vec<PushRequest> {
    let s = &office.server;
    let nip = &office.learner;
    let (first, second) = (device_of(nip), device(77));
    let tokens = [s.login(nip, first).await, s.login(nip, second).await];
    // Last year's course counts as completed but brings no JP this year.
    let mut old = Phone::new(first, 1, 400 * DAY_MS);
    let mut phone = Phone::new(first, 2, 3 * 3_600_000);
    let mut tablet = Phone::new(second, 3, 2 * 3_600_000);
    let mut batches = vec![batch_for(nip, first, {
        let mut events = vec![old.event(EventBody::OnboardingCompleted { language: "id".into() })];
        events.extend(old.study(course("sistem-informasi"), true));
        events
    })];
    batches.push(batch_for(nip, first, [phone.study(course("spbe-layanan-warga"), true), phone.study(course("budaya-inovasi"), false)].concat()));
    batches.push(batch_for(nip, second, [tablet.study(course("keamanan-digital"), true), tablet.study(course("spbe-layanan-warga"), true)].concat()));
    batches.push(batch_for(nip, first, [phone.study(course("analisis-data-layanan"), true), phone.study(course("media-sosial-publik"), false)].concat()));
    for request in &batches {
        let token = &tokens[usize::from(request.device_id == second)];
        let response = s.push_as(token, &PushRequest { sent_at_ms: lentera_server::now_ms(), ..request.clone() }).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    batches
}

fn all_events(batches: &[PushRequest]) -> Vec<Event> {
    batches.iter().flat_map(|b| b.events.iter().cloned()).collect()
}

#[tokio::test]
async fn the_dashboard_shows_the_jp_the_learners_own_fold_gives() {
    let office = Office::new().await;
    let batches = learn(&office).await;
    let fold = Progress::fold(&all_events(&batches));
    let board = office.dashboard().await;
    let row = board.staff.iter().find(|r| r.nip == office.learner).expect("the learner is on the dashboard");

    let jp = fold.jp_in_year(board.year);
    assert!(jp > 0, "the events credit JP this year");
    assert!(fold.jp_in_year(board.year - 1) > 0, "and some last year, which must not count");
    assert_eq!(row.jp, jp, "dashboard JP = Progress::fold(..).jp_in_year({})", board.year);
    let completed = fold.courses.values().filter(|c| c.completed.is_some()).count();
    assert_eq!(row.courses_completed as usize, completed);
    assert_eq!(row.courses_in_progress as usize, fold.courses.len() - completed);
    let (_, day, days) = lentera_server::calendar::year_position(lentera_server::now_ms());
    assert_eq!(row.on_track, lentera_protocol::org::on_track(jp, day, days));

    let person = office.person(&office.learner).await;
    assert_eq!(person.ledger.iter().map(|e| e.jp).sum::<u32>(), jp, "the ledger adds up to the dashboard's JP");
    assert_eq!(person.row, *row);
    // The server's full refold of what it stored is the same fold: times were kept exactly.
    let token = office.server.login_as(&office.learner).await;
    let refold: Progress = office.server.get_json(&token, "/api/progress/me").await;
    assert_eq!(refold, fold);
}

#[tokio::test]
async fn replaying_a_batch_changes_no_figure() {
    let office = Office::new().await;
    let batches = learn(&office).await;
    // The last-sync time moves with any contact (a replay is one); every figure must stay.
    let figures = |mut board: serde_json::Value| {
        for row in board["staff"].as_array_mut().expect("rows") {
            row.as_object_mut().expect("row").remove("last_synced_ms");
        }
        board
    };
    let before = figures(office.server.get_json(&office.boss, "/api/dashboard").await);
    let page_before: serde_json::Value = office.server.get_json(&office.boss, &format!("/api/staff/{}", office.learner)).await;

    let token = office.server.login_as(&office.learner).await;
    for request in batches.iter().filter(|b| b.device_id == device_of(&office.learner)) {
        let replay = PushRequest { sent_at_ms: lentera_server::now_ms(), ..request.clone() };
        let response: lentera_protocol::PushResponse = office.server.push_as(&token, &replay).await.json().await.expect("push body");
        assert_eq!(response.newly_stored, 0);
    }

    assert_eq!(figures(office.server.get_json(&office.boss, "/api/dashboard").await), before);
    let mut page_after: serde_json::Value = office.server.get_json(&office.boss, &format!("/api/staff/{}", office.learner)).await;
    let mut page_before = page_before;
    for page in [&mut page_before, &mut page_after] {
        page["row"].as_object_mut().expect("row").remove("last_synced_ms");
    }
    assert_eq!(page_after, page_before);
}

/// A CSV body as records, after checking what every export promises: UTF-8 declared, CRLF line
/// ends, and exactly one header row (`header`).
async fn csv_export(server: &TestServer, token: &str, path: &str, header: &[&str]) -> Vec<Vec<String>> {
    let response = server.get_with(token, path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let content_type = response.headers()["content-type"].to_str().expect("ascii").to_owned();
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let disposition = response.headers()["content-disposition"].to_str().expect("ascii").to_owned();
    assert!(disposition.starts_with("attachment; filename=\"lentera-") && disposition.ends_with(".csv\""), "{disposition}");
    let bytes = response.bytes().await.expect("body");
    let text = std::str::from_utf8(&bytes).expect("the export is UTF-8");
    assert!(!text.starts_with('\u{feff}'));
    assert!(text.ends_with("\r\n"), "the last line ends with CRLF");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "every line ends with CRLF: {text:?}");
    assert_eq!(text.matches('\r').count(), text.matches("\r\n").count(), "no lone CR: {text:?}");
    let records: Vec<Vec<String>> = lentera_server::csv::read(&bytes).expect("reads back").into_iter().map(|r| r.fields).collect();
    assert_eq!(records[0], header, "{path}: the header row");
    assert_eq!(records.iter().filter(|r| r.as_slice() == header).count(), 1, "{path}: one header row");
    assert!(records.iter().all(|r| r.len() == header.len()), "{path}: every row has every column");
    records
}

/// A plain non-negative integer: no sign, no percent, no decimals, no thousands separators.
fn integer(text: &str) -> u64 {
    assert!(!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()), "{text:?} is not a plain integer");
    text.parse().expect("integer")
}

fn iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && text.bytes().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[tokio::test]
async fn the_dashboard_csv_carries_the_dashboards_numbers() {
    let office = Office::new().await;
    learn(&office).await;
    let (lid, bid) = (office.learner_id().await, office.server.person_id(&office.supervisor).await);
    office.server.db.assign(&[lid], "budaya-inovasi", &in_days(30), bid, 0).await.expect("assigned");
    add_assignment_due(&office.server, lid, "media-sosial-publik", &in_days(-2), bid).await;

    let board = office.dashboard().await;
    let header = [
        "nip", "nama", "jabatan", "kode_unit", "unit", "tahun", "jp", "target_jp", "sesuai_target",
        "kursus_selesai", "kursus_berjalan", "tugas_terlambat", "tugas_terbuka", "terakhir_sinkron", "hari_sejak_sinkron",
    ];
    let records = csv_export(&office.server, &office.boss, "/api/dashboard.csv", &header).await;
    assert_eq!(records.len(), 1 + board.staff.len(), "one line per person");
    for (row, record) in board.staff.iter().zip(&records[1..]) {
        let col = |name: &str| record[header.iter().position(|h| *h == name).expect("column")].as_str();
        assert_eq!((col("nip"), col("nama"), col("kode_unit"), col("unit")), (row.nip.as_str(), row.name.as_str(), row.unit_code.as_str(), row.unit_name.as_str()));
        let numbers = [
            ("tahun", board.year as u64),
            ("jp", u64::from(row.jp)),
            ("target_jp", 20),
            ("sesuai_target", u64::from(row.on_track)),
            ("kursus_selesai", u64::from(row.courses_completed)),
            ("kursus_berjalan", u64::from(row.courses_in_progress)),
            ("tugas_terlambat", u64::from(row.overdue)),
            ("tugas_terbuka", u64::from(row.assigned_open)),
        ];
        for (name, expected) in numbers {
            assert_eq!(integer(col(name)), expected, "{}: column {name}", row.nip);
        }
        match (row.last_synced_ms, row.days_since_sync) {
            (Some(at), Some(days)) => {
                assert!(iso_date(col("terakhir_sinkron")), "{}", col("terakhir_sinkron"));
                assert_eq!(col("terakhir_sinkron"), lentera_server::calendar::date(at));
                assert_eq!(integer(col("hari_sejak_sinkron")), days as u64);
            }
            _ => assert_eq!((col("terakhir_sinkron"), col("hari_sejak_sinkron")), ("", ""), "never synced: both empty"),
        }
    }
    let learner = board.staff.iter().find(|r| r.nip == office.learner).expect("row");
    assert_eq!(learner.name, NAME, "the name with a comma and quotes survives");
    assert!(learner.jp > 0 && learner.courses_in_progress > 0, "the figures compared are not all zero: {learner:?}");
    assert_eq!((learner.overdue, learner.assigned_open), (1, 2), "one assignment overdue, two open");
    assert!(board.staff.iter().any(|r| r.last_synced_ms.is_none()), "someone never synced");
}

#[tokio::test]
async fn the_ledger_csv_carries_the_person_pages_ledger() {
    let office = Office::new().await;
    learn(&office).await;
    let person = office.person(&office.learner).await;
    assert!(person.ledger.len() >= 3, "completions this year: {:?}", person.ledger);
    let header = ["nip", "nama", "tahun", "triwulan", "tanggal", "kode_kursus", "kursus", "jp", "bentuk", "status", "keterangan"];
    let path = format!("/api/staff/{}/ledger.csv", office.learner);
    let records = csv_export(&office.server, &office.boss, &path, &header).await;
    assert_eq!(records.len(), 1 + person.ledger.len(), "one line per completion this year");
    for (entry, record) in person.ledger.iter().zip(&records[1..]) {
        assert_eq!(record[0], office.learner);
        assert_eq!(record[1], NAME, "the name with a comma and quotes survives");
        assert_eq!(integer(&record[2]), person.year as u64);
        assert_eq!(integer(&record[3]), u64::from(entry.quarter));
        assert!(iso_date(&record[4]) && record[4] == entry.date, "{record:?} vs {entry:?}");
        assert_eq!((record[5].as_str(), record[6].as_str()), (entry.course_id.as_str(), entry.title.as_str()));
        assert_eq!(integer(&record[7]), u64::from(entry.jp));
        assert_eq!((record[8].as_str(), record[9].as_str(), record[10].as_str()), ("e_learning", "terverifikasi", ""));
    }
    let titles: Vec<&str> = person.ledger.iter().map(|e| e.title.as_str()).collect();
    assert!(titles.contains(&course("spbe-layanan-warga").summary.title.as_str()), "real titles: {titles:?}");

    let last_year = format!("{path}?year={}", person.year - 1);
    let old = csv_export(&office.server, &office.boss, &last_year, &header).await;
    assert_eq!(old.len(), 2, "last year's single completion: {old:?}");
    assert_eq!(old[1][5], "sistem-informasi");
}

/// An assignment with any due date, past ones included (the API refuses those), as one made
/// earlier whose date has since passed.
async fn add_assignment_due(server: &TestServer, learner_id: i64, course_id: &str, due_date: &str, by: i64) {
    server.db.assign(&[learner_id], course_id, due_date, by, 0).await.expect("assignment stored");
}

/// The learner completes `course_id` on their phone and syncs.
async fn complete(office: &Office, token: &str, course_id: &str) {
    let mut phone = Phone::new(device_of(&office.learner), 9, 60 * 41_000);
    let done = office.server.passing_events(course_id, |body| phone.event(body));
    office.server.push_events(token, &office.learner, done).await;
}

#[tokio::test]
async fn an_assigned_course_is_open_until_the_learner_completes_it() {
    let office = Office::new().await;
    let due = in_days(14);
    let response = office.server.post_json(&office.boss, "/api/assignments", &json!({ "course_id": TEST_COURSE, "due_date": due, "unit": "DINAS-A" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let made: lentera_protocol::org::AssignmentsMade = response.json().await.expect("body");
    assert_eq!((made.assigned, made.updated), (2, 0), "both people of DINAS-A");

    let token = office.server.login_as(&office.learner).await;
    let mine = office.mine(&token).await.assignments;
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].course_id.as_str(), mine[0].title.as_str(), mine[0].due_date.as_str()), (TEST_COURSE, "Kursus Uji", due.as_str()));
    assert_eq!((mine[0].status.as_str(), mine[0].assigned_by.as_str()), ("open", "Kepala Dinas"));
    let row = office.row(&office.learner).await;
    assert_eq!((row.assigned_open, row.overdue), (1, 0));

    complete(&office, &token, TEST_COURSE).await;
    assert_eq!(office.mine(&token).await.assignments[0].status, "done");
    let row = office.row(&office.learner).await;
    assert_eq!((row.assigned_open, row.overdue), (0, 0));
    let all: AssignmentList = office.server.get_json(&office.boss, "/api/assignments").await;
    let status: Vec<(&str, &str)> = all.assignments.iter().map(|a| (a.nip.as_str(), a.status.as_str())).collect();
    assert!(status.contains(&(office.learner.as_str(), "done")) && status.contains(&(office.colleague.as_str(), "open")), "{status:?}");
}

#[tokio::test]
async fn a_passed_due_date_counts_as_overdue_until_the_course_is_completed() {
    let office = Office::new().await;
    let (lid, bid) = (office.learner_id().await, office.server.person_id(&office.supervisor).await);
    add_assignment_due(&office.server, lid, TEST_COURSE, &in_days(-1), bid).await;

    let token = office.server.login_as(&office.learner).await;
    assert_eq!(office.mine(&token).await.assignments[0].status, "overdue");
    let board = office.dashboard().await;
    let row = board.staff.iter().find(|r| r.nip == office.learner).expect("row");
    assert_eq!((row.overdue, row.assigned_open), (1, 1));
    assert_eq!(board.total.overdue_people, 1);

    complete(&office, &token, TEST_COURSE).await;
    assert_eq!(office.mine(&token).await.assignments[0].status, "done");
    let board = office.dashboard().await;
    let row = board.staff.iter().find(|r| r.nip == office.learner).expect("row");
    assert_eq!((row.overdue, row.assigned_open), (0, 0));
    assert_eq!(board.total.overdue_people, 0);
}

#[tokio::test]
async fn a_due_date_in_the_past_is_refused_and_nothing_is_assigned() {
    let office = Office::new().await;
    let body = json!({ "course_id": TEST_COURSE, "due_date": in_days(-1), "nips": [office.learner] });
    let response = office.server.post_json(&office.boss, "/api/assignments", &body).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_of(response).await.1.contains("due_date"));
    assert_eq!(office.server.db.assignments_of(None, None).await.expect("read").len(), 0);
}

/// Sets when the learner's phones last reached the server.
async fn last_synced(office: &Office, at_ms: i64) {
    office.server.db.set_last_synced(office.learner_id().await, at_ms).await.expect("updated");
}

#[tokio::test]
async fn figures_go_stale_after_seven_days_without_a_sync() {
    let office = Office::new().await;
    let token = office.server.login_as(&office.learner).await;
    complete(&office, &token, TEST_COURSE).await;
    let now = lentera_server::now_ms();

    let row = office.row(&office.learner).await;
    assert_eq!((row.days_since_sync, row.stale), (Some(0), false), "just synced");
    last_synced(&office, now - 7 * DAY_MS).await;
    let row = office.row(&office.learner).await;
    assert_eq!((row.days_since_sync, row.stale), (Some(7), false), "seven days is not yet stale");
    last_synced(&office, now - 9 * DAY_MS).await;
    let board = office.dashboard().await;
    let row = board.staff.iter().find(|r| r.nip == office.learner).expect("row");
    assert_eq!((row.days_since_sync, row.stale), (Some(9), true));
    assert_eq!(row.last_synced_ms, Some(now - 9 * DAY_MS));

    let never = board.staff.iter().find(|r| r.nip == office.colleague).expect("row");
    assert_eq!((never.last_synced_ms, never.days_since_sync, never.stale), (None, None, true), "never synced is stale");
    assert_eq!(board.total.stale, 2, "the learner and the colleague who never synced");
}

#[tokio::test]
async fn a_phone_with_a_wrong_clock_shows_on_the_timeline_when_things_really_happened() {
    let office = Office::new().await;
    let token = office.server.login_as(&office.learner).await;
    let now = lentera_server::now_ms();
    let year_ahead = 365 * DAY_MS;
    // The phone believes it is a year later; it says so in `sent_at_ms` too, so the skew is known.
    let mut phone = Phone::new(device_of(&office.learner), 5, 120_000 - year_ahead);
    let done = office.server.passing_events(TEST_COURSE, |body| phone.event(body));
    let request = PushRequest { sent_at_ms: lentera_server::now_ms() + year_ahead, ..batch_for(&office.learner, done[0].device_id, done) };
    assert_eq!(office.server.push_as(&token, &request).await.status(), StatusCode::OK);

    let person = office.person(&office.learner).await;
    assert_eq!(person.ledger.len(), 1, "the JP lands in this year: {:?}", person.ledger);
    assert_eq!(person.ledger[0].date, in_days(0));
    let at = person.timeline[0].at_ms;
    assert!((now - 120_000..=lentera_server::now_ms()).contains(&at), "timeline time {at} should be about now ({now}), not a year ahead");
}
