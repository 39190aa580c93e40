//! Webinars and workshops (docs/activities.md): scheduling within one's units, registrations and
//! capacity, check-in codes verified on sync, the host's list, the calendar file, recordings.

use crate::akpk_review::stamped;
use crate::common;

use common::*;
use lentera_protocol::activity::{CheckInCode, MyTrainings, Partner, Registration, RosterRow, TrainingView};
use lentera_protocol::org::MyLedger;
use lentera_protocol::EventBody;
use reqwest::StatusCode;
use serde_json::{Value, json};

const HOUR: i64 = 3_600_000;

/// ROOT → A, B; admin of ROOT; SA supervises A, SB supervises B; three learners in A, one in B.
struct World {
    s: TestServer,
    admin: String,
    sa: String,
    sb: String,
    a: [String; 3],
    b: String,
    unit_a: i64,
    unit_b: i64,
}

impl World {
    async fn build() -> World {
        let s = TestServer::start().await;
        s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
        let unit_a = s.create_unit("A", "Dinas A", Some("ROOT")).await;
        let unit_b = s.create_unit("B", "Dinas B", Some("ROOT")).await;
        let (admin, sa, sb) = (nip(1), nip(2), nip(3));
        s.create_person(&admin, "Admin Kota", "admin", Some("ROOT")).await;
        s.create_person(&sa, "Kepala Dinas A", "learner", Some("ROOT")).await;
        s.supervise(&sa, "A").await;
        s.create_person(&sb, "Kepala Dinas B", "learner", Some("ROOT")).await;
        s.supervise(&sb, "B").await;
        let a = [nip(10), nip(11), nip(12)];
        for (i, n) in a.iter().enumerate() {
            s.create_person(n, &format!("Pegawai A{i}"), "learner", Some("A")).await;
        }
        let b = nip(20);
        s.create_person(&b, "Pegawai B", "learner", Some("B")).await;
        World { s, admin, sa, sb, a, b, unit_a, unit_b }
    }

    async fn token(&self, nip: &str) -> String {
        self.s.login_as(nip).await
    }

    async fn put(&self, token: &str, path: &str, body: &Value) -> reqwest::Response {
        self.s.http.put(self.s.url(path)).bearer_auth(token).json(body).send().await.expect("answered")
    }

    /// Schedules `body` as `nip`, expecting 201; the training's id.
    async fn schedule(&self, nip: &str, body: &Value) -> i64 {
        let response = self.s.post_json(&self.token(nip).await, "/api/trainings", body).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        assert_eq!(status, StatusCode::CREATED, "{text}");
        serde_json::from_str::<TrainingView>(&text).expect("view").training.id
    }

    async fn push(&self, nip: &str, bodies: Vec<EventBody>) {
        let token = self.token(nip).await;
        self.s.push_events(&token, nip, stamped(nip, bodies)).await;
    }

    async fn mine(&self, nip: &str) -> MyTrainings {
        self.s.get_json(&self.token(nip).await, "/api/trainings/mine").await
    }

    async fn code(&self, nip: &str, id: i64) -> String {
        let code: CheckInCode = self.s.get_json(&self.token(nip).await, &format!("/api/trainings/{id}/code")).await;
        code.code
    }

    async fn roster(&self, nip: &str, id: i64) -> Vec<RosterRow> {
        self.s.get_json(&self.token(nip).await, &format!("/api/trainings/{id}/roster")).await
    }

    /// (JP of the training's ledger line or None, the year's JP) in `nip`'s own ledger.
    async fn ledger(&self, nip: &str, id: i64) -> (Vec<u32>, u32) {
        let ledger: MyLedger = self.s.get_json(&self.token(nip).await, "/api/ledger/me").await;
        let source = format!("training:{id}");
        (ledger.entries.iter().filter(|e| e.course_id == source).map(|e| e.jp).collect(), ledger.totals.year)
    }

    async fn verdicts(&self, id: i64) -> Vec<(String, String)> {
        self.s.db.check_in_verdicts(id).await.expect("verdicts")
    }
}

/// A training of `units` from `start` for `hours`, with `jp` and `capacity`.
fn training(title: &str, units: &[i64], start: i64, hours: i64, jp: u32, capacity: Option<u32>) -> Value {
    json!({
        "id": 0, "title": title, "form": "webinar", "partner_id": null, "link": "https://meet.example.id/pelatihan",
        "place": null, "start_ms": start, "end_ms": start + hours * HOUR, "capacity": capacity, "jp": jp,
        "competency": "teknis", "pillars": ["cakap"], "units": units, "pre_reading": null, "recording": null, "materials": [],
    })
}

fn now() -> i64 {
    lentera_server::now_ms()
}

async fn message(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    (status, error_of(response).await.1)
}

#[tokio::test]
async fn scheduling_is_limited_to_the_callers_units_and_learners_may_not_schedule() {
    let w = World::build().await;
    let tomorrow = now() + 24 * HOUR;
    let own = w.schedule(&w.sa, &training("Literasi Digital A", &[w.unit_a], tomorrow, 2, 2, None)).await;
    let sa = w.token(&w.sa).await;
    for units in [vec![w.unit_b], vec![w.unit_a, w.unit_b]] {
        let (status, text) = message(w.s.post_json(&sa, "/api/trainings", &training("Di luar", &units, tomorrow, 2, 2, None)).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a supervisor of A inviting {units:?}: {text}");
        assert!(text.contains("field `units`"), "{text}");
    }
    let learner = w.token(&w.a[0]).await;
    let (status, _) = message(w.s.post_json(&learner, "/api/trainings", &training("Belajar", &[w.unit_a], tomorrow, 2, 2, None)).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let shared = w.schedule(&w.admin, &training("Webinar Kota", &[w.unit_a, w.unit_b], tomorrow, 2, 2, None)).await;
    // SB may not change A's training, and SA may not change one that also invites B.
    let sb = w.token(&w.sb).await;
    assert_eq!(w.put(&sb, &format!("/api/trainings/{own}"), &training("Diubah", &[w.unit_b], tomorrow, 2, 2, None)).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(w.put(&sa, &format!("/api/trainings/{shared}"), &training("Diubah", &[w.unit_a], tomorrow, 2, 2, None)).await.status(), StatusCode::NOT_FOUND);
    let changed = w.put(&sa, &format!("/api/trainings/{own}"), &training("Literasi Digital A (baru)", &[w.unit_a], tomorrow, 3, 3, None)).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let listed: Vec<TrainingView> = w.s.get_json(&sa, "/api/trainings").await;
    let seen: Vec<(i64, &str, bool)> = listed.iter().map(|v| (v.training.id, v.training.title.as_str(), v.organiser)).collect();
    assert_eq!(seen, [(own, "Literasi Digital A (baru)", true), (shared, "Webinar Kota", false)]);
    let listed_b: Vec<TrainingView> = w.s.get_json(&sb, "/api/trainings").await;
    assert_eq!(listed_b.iter().map(|v| v.training.id).collect::<Vec<_>>(), [shared]);
    assert_eq!(w.s.get_with(&learner, "/api/trainings").await.status(), StatusCode::FORBIDDEN);
    let audit = w.s.get_with(&w.token(&w.admin).await, "/api/admin/audit").await.text().await.expect("audit");
    assert!(audit.contains("training_create") && audit.contains("training_update"), "{audit}");
}

#[tokio::test]
async fn a_training_that_breaks_a_rule_is_refused_with_the_field_named() {
    let w = World::build().await;
    let sa = w.token(&w.sa).await;
    let start = now() + 24 * HOUR;
    let base = training("Pelatihan", &[w.unit_a], start, 2, 2, Some(10));
    let cases: [(&str, Value, &str); 7] = [
        ("end_ms", json!({ "end_ms": start - HOUR }), "end must be after the start"),
        ("link", json!({ "link": "http://meet.example.id/x" }), "https://"),
        ("jp", json!({ "jp": 3 }), "at most 2 JP"),
        ("capacity", json!({ "capacity": 0 }), "at least 1"),
        ("units", json!({ "units": [] }), "at least one unit"),
        ("partner_id", json!({ "partner_id": 999 }), "no partner 999"),
        ("place", json!({ "link": null, "place": null }), "place, an online link"),
    ];
    for (field, change, words) in cases {
        let mut body = base.clone();
        for (k, v) in change.as_object().expect("object") {
            body[k] = v.clone();
        }
        let (status, text) = message(w.s.post_json(&sa, "/api/trainings", &body).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {text}");
        assert!(text.contains(&format!("field `{field}`")) && text.contains(words), "{field}: {text}");
    }
    let listed: Vec<TrainingView> = w.s.get_json(&sa, "/api/trainings").await;
    assert!(listed.is_empty(), "nothing refused was stored");
}

#[tokio::test]
async fn places_go_in_arrival_order_a_full_training_says_so_and_a_cancel_frees_a_place() {
    let w = World::build().await;
    let id = w.schedule(&w.sa, &training("Lokakarya Kecil", &[w.unit_a], now() + 24 * HOUR, 2, 2, Some(2))).await;
    let key = id.to_string();
    let register = || EventBody::TrainingRegistered { training: key.clone() };
    w.push(&w.a[0], vec![register()]).await;
    w.push(&w.a[1], vec![register()]).await;
    w.push(&w.a[2], vec![register()]).await;
    let standing = |m: &MyTrainings| m.trainings.iter().find(|t| t.training.id == id).map(|t| (t.registration.clone(), t.taken));
    assert_eq!(standing(&w.mine(&w.a[0]).await), Some((Some(Registration::Confirmed), 2)));
    assert_eq!(standing(&w.mine(&w.a[2]).await), Some((Some(Registration::Full), 2)));
    // Someone outside the invited units registers: no place is taken for them.
    w.push(&w.b, vec![register()]).await;
    assert!(w.mine(&w.b).await.trainings.is_empty());
    w.push(&w.a[0], vec![EventBody::TrainingCancelled { training: key.clone() }]).await;
    assert_eq!(standing(&w.mine(&w.a[0]).await), Some((Some(Registration::Cancelled), 1)));
    w.push(&w.a[2], vec![register()]).await;
    assert_eq!(standing(&w.mine(&w.a[2]).await), Some((Some(Registration::Confirmed), 2)));
    let roster = w.roster(&w.sa, id).await;
    let statuses: Vec<(String, Option<Registration>)> = roster.iter().map(|r| (r.nip.clone(), r.registration.clone())).collect();
    assert_eq!(
        statuses,
        [(w.a[0].clone(), Some(Registration::Cancelled)), (w.a[1].clone(), Some(Registration::Confirmed)), (w.a[2].clone(), Some(Registration::Confirmed))]
    );
}

#[tokio::test]
async fn the_code_shown_in_the_window_credits_the_jp_in_the_ledger_once() {
    let w = World::build().await;
    let id = w.schedule(&w.sa, &training("Keamanan Akun", &[w.unit_a], now() - HOUR / 2, 2, 2, None)).await;
    let code = w.code(&w.sa, id).await;
    let (before, year_before) = w.ledger(&w.a[0], id).await;
    assert!(before.is_empty());
    // Typed in lower case with a dash, as people do.
    let typed = format!("{}-{}", &code[..3], code[3..].to_lowercase());
    w.push(&w.a[0], vec![EventBody::CheckedIn { training: id.to_string(), code: typed }]).await;
    assert_eq!(w.ledger(&w.a[0], id).await, (vec![2], year_before + 2));
    // The same learner checks in again from another event: still credited once.
    w.push(&w.a[0], vec![EventBody::CheckedIn { training: id.to_string(), code: code.clone() }]).await;
    assert_eq!(w.ledger(&w.a[0], id).await, (vec![2], year_before + 2));
    let mine = w.mine(&w.a[0]).await;
    assert_eq!(mine.trainings[0].credited_jp, Some(2));
    let verdicts: Vec<String> = w.verdicts(id).await.into_iter().map(|(_, v)| v).collect();
    assert_eq!(verdicts, ["credited", "already_credited"]);
    let roster = w.roster(&w.sa, id).await;
    assert!(roster[0].present && roster[0].by_code && roster[0].check_ins == 2, "{roster:?}");
}

#[tokio::test]
async fn another_trainings_code_a_code_outside_the_window_or_from_someone_not_invited_credits_nothing() {
    let w = World::build().await;
    let first = w.schedule(&w.sa, &training("Sesi Pertama", &[w.unit_a], now() - HOUR / 2, 2, 2, None)).await;
    let second = w.schedule(&w.sa, &training("Sesi Kedua", &[w.unit_a], now() - HOUR / 2, 2, 2, None)).await;
    let later = w.schedule(&w.sa, &training("Sesi Besok", &[w.unit_a], now() + 24 * HOUR, 2, 2, None)).await;
    let (first_code, second_code, later_code) = (w.code(&w.sa, first).await, w.code(&w.sa, second).await, w.code(&w.sa, later).await);
    assert_ne!(first_code, second_code);
    w.push(&w.a[0], vec![EventBody::CheckedIn { training: first.to_string(), code: second_code }]).await;
    w.push(&w.a[1], vec![EventBody::CheckedIn { training: later.to_string(), code: later_code }]).await;
    w.push(&w.b, vec![EventBody::CheckedIn { training: first.to_string(), code: first_code.clone() }]).await;
    w.push(&w.a[2], vec![EventBody::CheckedIn { training: "99999".into(), code: first_code }]).await;
    assert_eq!(w.verdicts(first).await, [(w.a[0].clone(), "wrong_code".to_owned()), (w.b.clone(), "not_invited".to_owned())]);
    assert_eq!(w.verdicts(later).await, [(w.a[1].clone(), "outside_window".to_owned())]);
    assert_eq!(w.verdicts(99999).await, [(w.a[2].clone(), "unknown_training".to_owned())]);
    for (who, id) in [(&w.a[0], first), (&w.a[1], later), (&w.b, first)] {
        assert_eq!(w.ledger(who, id).await.0, Vec::<u32>::new(), "{who} was credited for {id}");
    }
}

#[tokio::test]
async fn the_host_marks_attendance_from_the_list_and_unmarking_takes_the_credit_back() {
    let w = World::build().await;
    let id = w.schedule(&w.admin, &training("Lokakarya Layanan", &[w.unit_a], now() - HOUR / 2, 3, 3, None)).await;
    let sa = w.token(&w.sa).await;
    let path = format!("/api/trainings/{id}/attendance");
    let marked = w.s.post_json(&sa, &path, &json!({ "nip": w.a[1], "present": true })).await;
    assert_eq!(marked.status(), StatusCode::OK);
    let roster: Vec<RosterRow> = marked.json().await.expect("roster");
    assert!(roster.iter().any(|r| r.nip == w.a[1] && r.present && !r.by_code), "{roster:?}");
    assert_eq!(w.ledger(&w.a[1], id).await.0, [3]);
    assert_eq!(w.s.post_json(&sa, &path, &json!({ "nip": w.a[1], "present": false })).await.status(), StatusCode::OK);
    assert!(w.ledger(&w.a[1], id).await.0.is_empty(), "unmarking takes the JP back");
    // A check-in arriving later does not overrule the host who said absent.
    let code = w.code(&w.sa, id).await;
    w.push(&w.a[1], vec![EventBody::CheckedIn { training: id.to_string(), code }]).await;
    assert!(w.ledger(&w.a[1], id).await.0.is_empty());
    assert_eq!(w.verdicts(id).await.last().map(|(_, v)| v.as_str()), Some("host_said_absent"));
    // Refusals: someone not invited, a supervisor elsewhere, a learner.
    let (status, text) = message(w.s.post_json(&sa, &path, &json!({ "nip": w.b, "present": true })).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{text}");
    let sb = w.token(&w.sb).await;
    assert_eq!(w.s.post_json(&sb, &path, &json!({ "nip": w.a[1], "present": true })).await.status(), StatusCode::NOT_FOUND);
    let learner = w.token(&w.a[0]).await;
    assert_eq!(w.s.post_json(&learner, &path, &json!({ "nip": w.a[0], "present": true })).await.status(), StatusCode::FORBIDDEN);
    assert!(w.ledger(&w.a[0], id).await.0.is_empty());
    let audit = w.s.get_with(&w.token(&w.admin).await, "/api/admin/audit").await.text().await.expect("audit");
    assert!(audit.contains("training_attendance"), "{audit}");
}

/// RFC 5545 TEXT unescaped, as a calendar app shows it.
fn unescape(text: &str) -> String {
    text.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
}

#[tokio::test]
async fn the_calendar_file_parses_with_a_title_of_commas_semicolons_and_a_newline() {
    let w = World::build().await;
    let title = "Rapat, Evaluasi; Tahap 1\nBagian kedua tentang pelayanan publik yang ramah digital di kelurahan";
    let start = 1_893_456_000_000; // 2030-01-01T00:00:00Z
    let mut body = training(title, &[w.unit_a], start, 2, 2, None);
    body["place"] = json!("Aula Kantor Wali Kota, Lt. 2; Jl. Merdeka");
    let id = w.schedule(&w.sa, &body).await;
    let response = w.s.get_with(&w.token(&w.a[0]).await, &format!("/api/trainings/{id}/calendar.ics")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/calendar"));
    let text = response.text().await.expect("body");
    assert!(text.ends_with("\r\n") && text.split("\r\n").all(|l| l.len() <= 75 && !l.contains('\n')), "{text:?}");
    let calendar = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes())).next().expect("one calendar").expect("parses");
    let event = &calendar.events[0];
    let value = |name: &str| event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_else(|| panic!("{name} in {text}"));
    assert_eq!(unescape(&value("SUMMARY")), title);
    assert_eq!(unescape(&value("LOCATION")), "Aula Kantor Wali Kota, Lt. 2; Jl. Merdeka");
    assert_eq!(value("DTSTART"), "20300101T000000Z");
    assert_eq!(value("DTEND"), "20300101T020000Z");
    assert_eq!(value("URL"), "https://meet.example.id/pelatihan");
    assert!(value("UID").starts_with(&format!("training-{id}@")));
    assert!(value("DTSTAMP").ends_with('Z'));
    // Not invited and not the organiser: as if there were no such training.
    assert_eq!(w.s.get_with(&w.token(&w.b).await, &format!("/api/trainings/{id}/calendar.ics")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(w.s.get_with(&w.token(&w.sb).await, &format!("/api/trainings/{id}/calendar.ics")).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_recording_and_materials_reach_only_the_registered_and_only_after_the_end() {
    let w = World::build().await;
    let mut past = training("Webinar Kemarin", &[w.unit_a], now() - 26 * HOUR, 2, 2, None);
    past["recording"] = json!("https://video.example.id/rekaman");
    past["materials"] = json!(["https://berkas.example.id/salindia.pdf"]);
    let past = w.schedule(&w.sa, &past).await;
    let mut upcoming = training("Webinar Besok", &[w.unit_a], now() + 24 * HOUR, 2, 2, None);
    upcoming["recording"] = json!("https://video.example.id/nanti");
    let upcoming = w.schedule(&w.sa, &upcoming).await;
    w.push(&w.a[0], vec![EventBody::TrainingRegistered { training: past.to_string() }, EventBody::TrainingRegistered { training: upcoming.to_string() }]).await;
    let seen = |m: MyTrainings| m.trainings.into_iter().map(|t| (t.training.id, t.training.recording, t.training.materials.len())).collect::<Vec<_>>();
    assert_eq!(seen(w.mine(&w.a[0]).await), [(past, Some("https://video.example.id/rekaman".to_owned()), 1), (upcoming, None, 0)]);
    assert_eq!(seen(w.mine(&w.a[1]).await), [(past, None, 0), (upcoming, None, 0)]);
}

#[tokio::test]
async fn admins_keep_partners_and_supervisors_read_them() {
    let w = World::build().await;
    let admin = w.token(&w.admin).await;
    let partner = json!({ "id": 0, "name": "Universitas Tapian Nauli Raya", "kind": "university", "profile": "Mitra pelatihan literasi digital.", "website": "https://utnr.example.ac.id" });
    let created = w.s.post_json(&admin, "/api/partners", &partner).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Partner = created.json().await.expect("partner");
    let (status, text) = message(w.s.post_json(&admin, "/api/partners", &partner).await).await;
    assert_eq!(status, StatusCode::CONFLICT, "{text}");
    let mut bad = partner.clone();
    bad["name"] = json!("PT Lain");
    bad["kind"] = json!("club");
    let (status, text) = message(w.s.post_json(&admin, "/api/partners", &bad).await).await;
    assert!(status == StatusCode::BAD_REQUEST && text.contains("field `kind`"), "{text}");
    bad["kind"] = json!("company");
    bad["website"] = json!("http://lain.example.id");
    let (status, text) = message(w.s.post_json(&admin, "/api/partners", &bad).await).await;
    assert!(status == StatusCode::BAD_REQUEST && text.contains("field `website`"), "{text}");
    let mut renamed = partner.clone();
    renamed["name"] = json!("Universitas Tapian Nauli");
    assert_eq!(w.put(&admin, &format!("/api/partners/{}", created.id), &renamed).await.status(), StatusCode::OK);
    assert_eq!(w.put(&admin, "/api/partners/999", &renamed).await.status(), StatusCode::NOT_FOUND);
    let sa = w.token(&w.sa).await;
    assert_eq!(w.s.post_json(&sa, "/api/partners", &bad).await.status(), StatusCode::FORBIDDEN);
    let listed: Vec<Partner> = w.s.get_json(&sa, "/api/partners").await;
    assert_eq!(listed.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Universitas Tapian Nauli"]);
    assert_eq!(w.s.get_with(&w.token(&w.a[0]).await, "/api/partners").await.status(), StatusCode::FORBIDDEN);
    // A training with the partner credits under the partner's name.
    let mut body = training("Kelas Data", &[w.unit_a], now() - HOUR / 2, 2, 2, None);
    body["partner_id"] = json!(created.id);
    let id = w.schedule(&w.sa, &body).await;
    let code = w.code(&w.sa, id).await;
    w.push(&w.a[0], vec![EventBody::CheckedIn { training: id.to_string(), code }]).await;
    let ledger: MyLedger = w.s.get_json(&w.token(&w.a[0]).await, "/api/ledger/me").await;
    let line = ledger.entries.iter().find(|e| e.course_id == format!("training:{id}")).expect("credited");
    assert_eq!((line.source.as_str(), line.form.as_str()), ("Universitas Tapian Nauli", "webinar"));
    let _ = w.unit_b;
}

#[tokio::test]
async fn the_demo_has_partners_past_trainings_with_attendance_and_upcoming_ones_with_registrations() {
    let server = TestServer::start().await;
    server.db.delete_all_people().await.expect("emptied");
    lentera_server::demo::seed(&server.db, real_library(), now()).await.expect("seeds");
    let partners = server.db.partners().await.expect("partners");
    assert_eq!(partners.iter().map(|p| p.kind.as_str()).collect::<Vec<_>>(), ["company", "university"]);
    let counts = server.db.training_counts().await.expect("counts");
    let trainings = server.db.trainings().await.expect("trainings");
    let (past, upcoming): (Vec<_>, Vec<_>) = trainings.iter().partition(|t| t.training.end_ms < now());
    assert_eq!((past.len(), upcoming.len()), (2, 2));
    for t in &past {
        let c = counts[&t.training.id];
        assert!(c.present >= 5 && c.present < c.confirmed, "{}: {c:?}", t.training.title);
        let verdicts = server.db.check_in_verdicts(t.training.id).await.expect("verdicts");
        assert!(verdicts.iter().any(|(_, v)| v == "credited") && verdicts.iter().any(|(_, v)| v == "marked_present"), "{verdicts:?}");
    }
    for t in &upcoming {
        let c = counts[&t.training.id];
        assert!(c.confirmed >= 5 && c.present == 0, "{}: {c:?}", t.training.title);
    }
    assert!(upcoming.iter().any(|t| counts[&t.training.id].full > 0), "one upcoming workshop is full");
}
