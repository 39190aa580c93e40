//! The learning log (docs/activities.md): entries pushed as events, the supervisor's queue,
//! returning with a note and confirming with JP by the 45-minute rule, the credit in the ledger and
//! the dashboard, evidence files and who may see them, internship placements.

use crate::common;

use common::*;
use lentera_protocol::activity::{Internship, LogDraft, LogEntry, LogStatus, MAX_EVIDENCE_BYTES, ReviewItem};
use lentera_protocol::org::{Dashboard, MyLedger};
use lentera_protocol::{Event, EventBody, EventId};
use reqwest::StatusCode;
use serde_json::json;
use std::sync::atomic::{AtomicU8, Ordering};

/// ROOT → A, B; SA (placed in A) supervises A, SB (placed in B) supervises B; LA in A, LB in B;
/// an admin of ROOT.
struct World {
    s: TestServer,
    admin: String,
    sa: String,
    sb: String,
    la: String,
    lb: String,
}

impl World {
    async fn build() -> World {
        let s = TestServer::start().await;
        s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
        s.create_unit("A", "Dinas A", Some("ROOT")).await;
        s.create_unit("B", "Dinas B", Some("ROOT")).await;
        let w = World { admin: nip(1), sa: nip(2), sb: nip(3), la: nip(4), lb: nip(5), s };
        w.s.create_person(&w.admin, "Admin Kota", "admin", Some("ROOT")).await;
        w.s.create_person(&w.sa, "Kepala Dinas A", "learner", Some("A")).await;
        w.s.supervise(&w.sa, "A").await;
        w.s.create_person(&w.sb, "Kepala Dinas B", "learner", Some("B")).await;
        w.s.supervise(&w.sb, "B").await;
        w.s.create_person(&w.la, "Ayu Lestari", "learner", Some("A")).await;
        w.s.create_person(&w.lb, "Budi Santoso", "learner", Some("B")).await;
        w
    }

    async fn token(&self, nip: &str) -> String {
        self.s.login_as(nip).await
    }

    /// Pushes `bodies` from `nip`'s phone, stamped in order `minutes_ago` minutes back.
    async fn push(&self, nip: &str, minutes_ago: i64, bodies: Vec<EventBody>) {
        static SALT: AtomicU8 = AtomicU8::new(1);
        let salt = SALT.fetch_add(1, Ordering::Relaxed);
        let base = lentera_server::now_ms() - minutes_ago * 60_000;
        let events = bodies
            .into_iter()
            .enumerate()
            .map(|(i, body)| {
                let at = base + i as i64;
                Event { id: EventId::new_v7(at as u64, [salt, i as u8, 3, 3, 3, 3, 3, 3, 3, 3]), device_id: device_of(nip), device_time_ms: at, body }
            })
            .collect();
        let token = self.token(nip).await;
        self.s.push_events(&token, nip, events).await;
    }

    async fn post(&self, who: &str, path: &str, body: serde_json::Value) -> reqwest::Response {
        self.s.post_json(&self.token(who).await, path, &body).await
    }

    async fn put_evidence(&self, who: &str, id: &str, content_type: &str, bytes: Vec<u8>) -> reqwest::Response {
        let token = self.token(who).await;
        self.s.http.put(self.s.url(&format!("/api/evidence/{id}"))).bearer_auth(token).header("content-type", content_type).body(bytes).send().await.expect("answered")
    }

    async fn queue(&self, who: &str) -> Vec<ReviewItem> {
        self.s.get_json(&self.token(who).await, "/api/log/review").await
    }
}

fn draft(form: &str, title: &str, with_whom: &str, minutes: u32, evidence: &[&str]) -> LogDraft {
    LogDraft {
        form: form.into(),
        title: title.into(),
        with_whom: with_whom.into(),
        date: in_days(0),
        minutes,
        learned: "Cara menyusun rencana konten media sosial dinas.".into(),
        evidence: evidence.iter().map(|e| (*e).to_owned()).collect(),
    }
}

fn saved(entry: &str, log: LogDraft) -> EventBody {
    log.saved(entry)
}

fn submitted(entry: &str) -> EventBody {
    EventBody::LogSubmitted { entry: entry.into() }
}

/// A PNG's signature and a little more: what the server checks of a photo.
fn png(len: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(len, 7);
    bytes
}

fn status_of(entries: &[LogEntry], entry: &str) -> LogStatus {
    entries.iter().find(|e| e.entry == entry).unwrap_or_else(|| panic!("{entry} in {entries:?}")).status
}

#[tokio::test]
async fn a_mentoring_entry_is_returned_with_a_note_sent_again_confirmed_and_its_jp_reaches_the_ledger_and_dashboard() {
    let w = World::build().await;
    let la = w.token(&w.la).await;
    // Saved offline: a draft only, nobody is asked yet.
    w.push(&w.la, 30, vec![saved("m1", draft("mentoring", "Mentoring konten", "Ibu Rina", 100, &[]))]).await;
    let mine: Vec<LogEntry> = w.s.get_json(&la, "/api/log/mine").await;
    assert_eq!(status_of(&mine, "m1"), LogStatus::Draft);
    assert!(w.queue(&w.sa).await.is_empty(), "a draft is not in the queue");

    w.push(&w.la, 29, vec![submitted("m1")]).await;
    let queue = w.queue(&w.sa).await;
    assert_eq!(queue.len(), 1);
    assert_eq!((queue[0].nip.as_str(), queue[0].unit.as_str(), queue[0].rule_jp), (w.la.as_str(), "Dinas A", 2));

    let response = w.post(&w.sa, &format!("/api/log/{}/m1/return", w.la), json!({ "note": "Tambahkan apa yang akan Anda terapkan." })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let mine: Vec<LogEntry> = w.s.get_json(&la, "/api/log/mine").await;
    let returned = mine.iter().find(|e| e.entry == "m1").expect("m1");
    assert_eq!((returned.status, returned.note.as_deref()), (LogStatus::Returned, Some("Tambahkan apa yang akan Anda terapkan.")));
    assert!(w.queue(&w.sa).await.is_empty(), "a returned entry leaves the queue");

    // Changed and sent again: back in the queue with the new text.
    w.push(&w.la, 20, vec![saved("m1", draft("mentoring", "Mentoring konten, diperbaiki", "Ibu Rina", 100, &[])), submitted("m1")]).await;
    let queue = w.queue(&w.sa).await;
    assert_eq!(queue.iter().map(|q| q.entry.draft.title.as_str()).collect::<Vec<_>>(), ["Mentoring konten, diperbaiki"]);

    let response = w.post(&w.sa, &format!("/api/log/{}/m1/confirm", w.la), json!({ "jp": 2 })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let mine: Vec<LogEntry> = w.s.get_json(&la, "/api/log/mine").await;
    let confirmed = mine.iter().find(|e| e.entry == "m1").expect("m1");
    assert_eq!((confirmed.status, confirmed.jp), (LogStatus::Confirmed, Some(2)));

    let ledger: MyLedger = w.s.get_json(&la, "/api/ledger/me").await;
    let line = ledger.entries.iter().find(|e| e.course_id == "log:m1").expect("the confirmed entry is in the ledger");
    assert_eq!((line.form.as_str(), line.source.as_str(), line.jp, line.title.as_str()), ("mentoring", "Ibu Rina", 2, "Mentoring konten, diperbaiki"));
    assert_eq!(line.date, in_days(0));
    let board: Dashboard = w.s.get_json(&w.token(&w.sa).await, "/api/dashboard").await;
    let row = board.staff.iter().find(|r| r.nip == w.la).expect("LA on the dashboard");
    assert_eq!(row.jp, 2);

    // Deciding again is refused: it is no longer waiting.
    let again = w.post(&w.sa, &format!("/api/log/{}/m1/return", w.la), json!({ "note": "lagi" })).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // A later save and hand-in on the phone is kept as the draft, but the credit stays as confirmed.
    w.push(&w.la, 5, vec![saved("m1", draft("mentoring", "Diubah setelah dikonfirmasi", "Ibu Rina", 400, &[])), submitted("m1")]).await;
    let mine: Vec<LogEntry> = w.s.get_json(&la, "/api/log/mine").await;
    let kept = mine.iter().find(|e| e.entry == "m1").expect("m1");
    assert_eq!((kept.status, kept.jp, kept.draft.title.as_str()), (LogStatus::Confirmed, Some(2), "Mentoring konten, diperbaiki"));
    let ledger: MyLedger = w.s.get_json(&la, "/api/ledger/me").await;
    assert_eq!(ledger.entries.iter().filter(|e| e.course_id == "log:m1").map(|e| e.jp).collect::<Vec<_>>(), [2]);

    // The decisions are in the audit log.
    let audit: serde_json::Value = w.s.get_json(&w.token(&w.admin).await, "/api/admin/audit").await;
    let actions: Vec<&str> = audit["entries"].as_array().expect("entries").iter().filter_map(|a| a["action"].as_str()).collect();
    assert!(actions.contains(&"log_confirm") && actions.contains(&"log_return"), "{actions:?}");
    w.s.shutdown().await;
}

#[tokio::test]
async fn jp_above_the_45_minute_rule_is_refused_and_nothing_is_credited_and_a_return_needs_a_note() {
    let w = World::build().await;
    w.push(&w.la, 10, vec![saved("c1", draft("coaching", "Coaching analisis data", "Pak Dedi", 90, &[])), submitted("c1")]).await;
    let response = w.post(&w.sa, &format!("/api/log/{}/c1/confirm", w.la), json!({ "jp": 3 })).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, message) = error_of(response).await;
    assert!(message.contains("at most 2 JP"), "{message}");
    let ledger: MyLedger = w.s.get_json(&w.token(&w.la).await, "/api/ledger/me").await;
    assert!(ledger.entries.iter().all(|e| e.course_id != "log:c1"), "nothing credited");
    for note in ["", "   "] {
        let response = w.post(&w.sa, &format!("/api/log/{}/c1/return", w.la), json!({ "note": note })).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "note {note:?}");
    }
    // Fewer than the rule is the supervisor's right.
    let response = w.post(&w.sa, &format!("/api/log/{}/c1/confirm", w.la), json!({ "jp": 1 })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let ledger: MyLedger = w.s.get_json(&w.token(&w.la).await, "/api/ledger/me").await;
    assert_eq!(ledger.entries.iter().find(|e| e.course_id == "log:c1").map(|e| e.jp), Some(1));
    w.s.shutdown().await;
}

#[tokio::test]
async fn an_outside_certificate_is_confirmed_and_enters_the_ledger_as_a_certificate() {
    let w = World::build().await;
    let entry = draft("certificate", "Sertifikat Data Science", "Digital Talent Scholarship (Kominfo)", 32 * 45, &[]);
    w.push(&w.lb, 10, vec![saved("dts", entry), submitted("dts")]).await;
    let queue = w.queue(&w.sb).await;
    assert_eq!(queue.iter().map(|q| q.rule_jp).collect::<Vec<_>>(), [32]);
    let response = w.post(&w.sb, &format!("/api/log/{}/dts/confirm", w.lb), json!({ "jp": 32 })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let ledger: MyLedger = w.s.get_json(&w.token(&w.lb).await, "/api/ledger/me").await;
    let line = ledger.entries.iter().find(|e| e.course_id == "log:dts").expect("credited");
    assert_eq!((line.form.as_str(), line.source.as_str(), line.jp), ("certificate", "Digital Talent Scholarship (Kominfo)", 32));
    w.s.shutdown().await;
}

#[tokio::test]
async fn a_supervisor_sees_and_decides_only_their_units_people_and_never_their_own_entries() {
    let w = World::build().await;
    w.push(&w.la, 10, vec![saved("a1", draft("self_study", "Belajar SQL", "Mandiri", 60, &[])), submitted("a1")]).await;
    w.push(&w.lb, 10, vec![saved("b1", draft("community", "Komunitas data", "Forum Data Kota", 120, &[])), submitted("b1")]).await;
    w.push(&w.sa, 10, vec![saved("s1", draft("coaching", "Coaching kepemimpinan", "Sekda", 90, &[])), submitted("s1")]).await;
    let sa_queue: Vec<String> = w.queue(&w.sa).await.into_iter().map(|q| q.entry.entry).collect();
    assert_eq!(sa_queue, ["a1"], "SA sees A's people, not B's, not their own");
    let sb_queue: Vec<String> = w.queue(&w.sb).await.into_iter().map(|q| q.entry.entry).collect();
    assert_eq!(sb_queue, ["b1"]);
    let mut admin_queue: Vec<String> = w.queue(&w.admin).await.into_iter().map(|q| q.entry.entry).collect();
    admin_queue.sort();
    assert_eq!(admin_queue, ["a1", "b1", "s1"]);

    let own = w.post(&w.sa, &format!("/api/log/{}/s1/confirm", w.sa), json!({ "jp": 2 })).await;
    assert_eq!(own.status(), StatusCode::FORBIDDEN);
    let elsewhere = w.post(&w.sa, &format!("/api/log/{}/b1/confirm", w.lb), json!({ "jp": 1 })).await;
    assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND);
    let learner = w.post(&w.la, &format!("/api/log/{}/b1/confirm", w.lb), json!({ "jp": 1 })).await;
    assert_eq!(learner.status(), StatusCode::FORBIDDEN);
    let no_entry = w.post(&w.sa, &format!("/api/log/{}/nope/confirm", w.la), json!({ "jp": 1 })).await;
    assert_eq!(no_entry.status(), StatusCode::NOT_FOUND);
    let queue = w.s.get_with(&w.token(&w.la).await, "/api/log/review").await;
    assert_eq!(queue.status(), StatusCode::FORBIDDEN, "a learner has no queue");
    let bad = w.s.get_with(&w.token(&w.sa).await, "/api/log/review?status=draft").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    // SA's own entry is decided by the admin above.
    let response = w.post(&w.admin, &format!("/api/log/{}/s1/confirm", w.sa), json!({ "jp": 2 })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    w.s.shutdown().await;
}

/// PUTs `bytes` as a PNG with no length given (chunked, as a phone may stream it); the status line.
async fn chunked_put(url: String, token: String, bytes: Vec<u8>) -> String {
    use std::io::{Read, Write};
    tokio::task::spawn_blocking(move || {
        let rest = url.strip_prefix("http://").expect("http");
        let (host, path) = rest.split_at(rest.find('/').expect("path"));
        let mut stream = std::net::TcpStream::connect(host).expect("connect");
        let head = format!("PUT {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        let _ = stream.write_all(head.as_bytes());
        // The server may answer and close before the last chunk: a write error is expected then.
        for chunk in bytes.chunks(64 * 1024) {
            if stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).and_then(|_| stream.write_all(chunk)).and_then(|_| stream.write_all(b"\r\n")).is_err() {
                break;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_owned()
    })
    .await
    .expect("blocking task")
}

#[tokio::test]
async fn evidence_one_byte_over_the_limit_is_refused_and_nothing_is_stored() {
    let w = World::build().await;
    let over = w.put_evidence(&w.la, "foto-besar", "image/png", png(MAX_EVIDENCE_BYTES + 1)).await;
    assert_eq!(over.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (_, message) = error_of(over).await;
    assert!(message.contains("2 MB"), "the refusal states the limit: {message}");
    let read = w.s.get_with(&w.token(&w.la).await, "/api/evidence/foto-besar").await;
    assert_eq!(read.status(), StatusCode::NOT_FOUND, "nothing was stored");
    // Streamed without a length: refused as it passes the limit.
    let token = w.token(&w.la).await;
    let streamed = chunked_put(w.s.url("/api/evidence/foto-alir"), token.clone(), png(MAX_EVIDENCE_BYTES + 1)).await;
    assert!(streamed.starts_with("HTTP/1.1 413"), "{streamed}");
    assert_eq!(w.s.get_with(&token, "/api/evidence/foto-alir").await.status(), StatusCode::NOT_FOUND);
    // Exactly at the limit is kept, and sending it again changes nothing.
    let at = w.put_evidence(&w.la, "foto-pas", "image/png", png(MAX_EVIDENCE_BYTES)).await;
    assert_eq!(at.status(), StatusCode::CREATED);
    let again = w.put_evidence(&w.la, "foto-pas", "image/png", png(10)).await;
    assert_eq!(again.status(), StatusCode::OK);
    let kept = w.s.get_with(&token, "/api/evidence/foto-pas").await;
    assert_eq!(kept.bytes().await.expect("bytes").len(), MAX_EVIDENCE_BYTES);
    w.s.shutdown().await;
}

#[tokio::test]
async fn evidence_of_a_wrong_type_a_bad_id_or_anothers_id_is_refused() {
    let w = World::build().await;
    let html = w.put_evidence(&w.la, "halaman", "text/html", b"<script>alert(1)</script>".to_vec()).await;
    assert_eq!(html.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(error_of(html).await.1.contains("image/jpeg, image/png, application/pdf"));
    let disguised = w.put_evidence(&w.la, "menyamar", "image/png", b"<html>bukan gambar</html>".to_vec()).await;
    assert_eq!(disguised.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "the bytes must be what the type says");
    let bad_id = w.put_evidence(&w.la, "a.b", "image/png", png(20)).await;
    assert_eq!(bad_id.status(), StatusCode::BAD_REQUEST);
    let empty = w.put_evidence(&w.la, "kosong", "application/pdf", Vec::new()).await;
    assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
    let mine = w.put_evidence(&w.la, "punya-ayu", "application/pdf", b"%PDF-1.4 isi".to_vec()).await;
    assert_eq!(mine.status(), StatusCode::CREATED);
    let taken = w.put_evidence(&w.lb, "punya-ayu", "application/pdf", b"%PDF-1.4 lain".to_vec()).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let response = w.s.get_with(&w.token(&w.la).await, "/api/evidence/punya-ayu").await;
    assert_eq!(response.bytes().await.expect("bytes").as_ref(), b"%PDF-1.4 isi", "the owner's file stays");
    w.s.shutdown().await;
}

#[tokio::test]
async fn evidence_is_seen_by_its_owner_their_supervisor_and_the_admin_only_with_safe_headers() {
    let w = World::build().await;
    let photo = png(500);
    assert_eq!(w.put_evidence(&w.la, "foto-1", "image/png", photo.clone()).await.status(), StatusCode::CREATED);
    assert_eq!(w.put_evidence(&w.la, "surat-1", "application/pdf", b"%PDF-1.7 surat".to_vec()).await.status(), StatusCode::CREATED);
    w.push(&w.la, 10, vec![saved("m2", draft("mentoring", "Mentoring", "Ibu Rina", 90, &["foto-1", "belum-terkirim"])), submitted("m2")]).await;
    for who in [&w.la, &w.sa, &w.admin] {
        let response = w.s.get_with(&w.token(who).await, "/api/evidence/foto-1").await;
        assert_eq!(response.status(), StatusCode::OK, "{who}");
        let headers = response.headers();
        assert_eq!(headers["content-type"], "image/png");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers["content-disposition"].to_str().expect("ascii").starts_with("inline"));
        assert_eq!(response.bytes().await.expect("bytes").to_vec(), photo);
    }
    let pdf = w.s.get_with(&w.token(&w.sa).await, "/api/evidence/surat-1").await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment"), "a PDF downloads, never opens in the console's page");
    // A learner of another unit, a supervisor of another unit, and a colleague: as if it did not exist.
    w.s.create_person(&nip(6), "Rekan Sekantor", "learner", Some("A")).await;
    let nobody = w.s.get_with(&w.token(&w.la).await, "/api/evidence/tidak-ada").await;
    let (_, nobody_message) = error_of(nobody).await;
    for who in [w.lb.clone(), w.sb.clone(), nip(6)] {
        let response = w.s.get_with(&w.token(&who).await, "/api/evidence/foto-1").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{who}");
        assert_eq!(error_of(response).await.1, nobody_message.replace("tidak-ada", "foto-1"));
    }
    // The queue says which files arrived: the second is still on the phone.
    let queue = w.queue(&w.sa).await;
    assert_eq!(queue[0].entry.evidence_received, ["foto-1"]);
    w.s.shutdown().await;
}

#[tokio::test]
async fn internships_are_recorded_by_admins_only_and_the_learner_sees_their_own() {
    let w = World::build().await;
    let placement = json!({ "nip": w.la, "partner_name": "Universitas Sumatera Utara", "partner_id": null, "place": "Laboratorium Data, Medan", "start_date": "2026-07-01", "end_date": "2026-07-31" });
    for who in [&w.la, &w.sa] {
        let response = w.post(who, "/api/internships", placement.clone()).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who}");
        assert_eq!(w.s.get_with(&w.token(who).await, "/api/internships").await.status(), StatusCode::FORBIDDEN);
    }
    let response = w.post(&w.admin, "/api/internships", placement.clone()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let made: Internship = response.json().await.expect("placement");
    assert_eq!((made.name.as_str(), made.place.as_str()), ("Ayu Lestari", "Laboratorium Data, Medan"));
    let mut backwards = placement.clone();
    backwards["end_date"] = json!("2026-06-01");
    assert_eq!(w.post(&w.admin, "/api/internships", backwards).await.status(), StatusCode::BAD_REQUEST);
    let mut no_date = placement.clone();
    no_date["start_date"] = json!("2026-02-30");
    assert_eq!(w.post(&w.admin, "/api/internships", no_date).await.status(), StatusCode::BAD_REQUEST);
    let mut nobody = placement.clone();
    nobody["nip"] = json!(nip(999));
    assert_eq!(w.post(&w.admin, "/api/internships", nobody).await.status(), StatusCode::NOT_FOUND);
    let all: Vec<Internship> = w.s.get_json(&w.token(&w.admin).await, "/api/internships").await;
    assert_eq!(all, std::slice::from_ref(&made));
    let mine: Vec<Internship> = w.s.get_json(&w.token(&w.la).await, "/api/internships/mine").await;
    assert_eq!(mine, [made]);
    let others: Vec<Internship> = w.s.get_json(&w.token(&w.lb).await, "/api/internships/mine").await;
    assert!(others.is_empty());
    w.s.shutdown().await;
}

/// `make run` shows the log at once: entries waiting in the Camat's queue (one with a photo that is
/// a real PNG), confirmed ones in people's ledgers (an outside certificate among them), a placement.
#[tokio::test]
async fn the_demo_city_has_confirmed_and_waiting_entries_a_photo_and_an_internship() {
    let server = TestServer::start().await;
    server.db.delete_all_people().await.expect("emptied");
    lentera_server::demo::seed(&server.db, real_library(), lentera_server::now_ms()).await.expect("seeds");
    let hash = lentera_server::auth::hash_password(PASSWORD).expect("hash");
    let camat = lentera_server::demo::NAMED[0].0;
    for nip in [camat, lentera_server::demo::ADMIN_NIP] {
        server.db.set_password_hash(nip, &hash).await.expect("password set");
    }
    let token = server.login_as(camat).await;
    let queue: Vec<ReviewItem> = server.get_json(&token, "/api/log/review").await;
    let forms: Vec<&str> = queue.iter().map(|q| q.entry.draft.form.as_str()).collect();
    assert!(forms.contains(&"mentoring") && forms.contains(&"community"), "{forms:?}");
    let photo = queue.iter().flat_map(|q| q.entry.evidence_received.clone()).next().expect("a waiting entry has a photo");
    let response = server.get_with(&token, &format!("/api/evidence/{photo}")).await;
    assert_eq!(response.headers()["content-type"], "image/png");
    let bytes = response.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR") && bytes.ends_with(b"IEND\xaeB`\x82"), "a whole PNG");

    let admin = server.login_as(lentera_server::demo::ADMIN_NIP).await;
    let confirmed: Vec<ReviewItem> = server.get_json(&admin, "/api/log/review?status=confirmed").await;
    let certificate = confirmed.iter().find(|q| q.entry.draft.form == "certificate").expect("a confirmed outside certificate");
    assert_eq!(certificate.entry.jp, Some(32));
    let placements: Vec<Internship> = server.get_json(&admin, "/api/internships").await;
    assert_eq!(placements.len(), 1);
    server.shutdown().await;
}
