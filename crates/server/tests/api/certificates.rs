//! Certificates: one per credited course, signed so a changed field shows, revocable, and a
//! public page that confirms, denies or says revoked.

use crate::common::{TestServer, device_of, nip};
use base64::Engine;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use lentera_protocol::{Event, EventBody, EventId};
use lentera_server::certificate::{CertificateBody, SignedCertificate};
use lentera_server::routes::certificates::PublishedKey;
use reqwest::StatusCode;
use serde_json::json;

const COURSE: &str = "uji-coba";
const NAME: &str = "Rina <b>Pelajar</b>";

/// Events of one phone, a few seconds apart, ending within the last hour.
fn stamp(who: &str, salt: u8) -> impl FnMut(EventBody) -> Event {
    let device = device_of(who);
    let mut clock = lentera_server::now_ms() - 3_600_000;
    let mut n = 0u8;
    move |body| {
        clock += 5_000;
        n += 1;
        Event { id: EventId::new_v7(clock as u64, [n, salt, 7, 7, 7, 7, 7, 7, 7, 7]), device_id: device, device_time_ms: clock, body }
    }
}

/// ROOT (the issuer) → DINAS; an honest learner who passed, one who only claimed, a supervisor,
/// the admin of ROOT and an admin of a sibling unit. Returns (honest NIP, token).
async fn office(s: &TestServer) -> (String, String) {
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    s.create_unit("DINAS", "Dinas Uji", Some("ROOT")).await;
    s.create_unit("LAIN", "Dinas Lain", Some("ROOT")).await;
    let honest = nip(1);
    s.create_person(&honest, NAME, "learner", Some("DINAS")).await;
    s.create_person(&nip(2), "Budi Atasan", "learner", Some("DINAS")).await;
    s.supervise(&nip(2), "DINAS").await;
    s.create_person(&nip(3), "Admin Kota", "admin", Some("ROOT")).await;
    s.create_person(&nip(4), "Admin Lain", "admin", Some("LAIN")).await;
    let token = s.login_as(&honest).await;
    s.push_events(&token, &honest, s.passing_events(COURSE, stamp(&honest, 1))).await;
    (honest, token)
}

async fn my_certificates(s: &TestServer, token: &str) -> Vec<SignedCertificate> {
    s.get_json(token, "/api/certificates/me").await
}

fn verifies(keys: &[PublishedKey], body: &str, signature: &str) -> bool {
    let parsed: CertificateBody = serde_json::from_str(body).expect("body");
    let Some(key) = keys.iter().find(|k| k.id == parsed.key_id) else { return false };
    let b64 = base64::engine::general_purpose::STANDARD;
    let key: [u8; 32] = b64.decode(&key.public_key).expect("b64").try_into().expect("32 bytes");
    let sig = Signature::from_slice(&b64.decode(signature).expect("b64")).expect("signature");
    VerifyingKey::from_bytes(&key).expect("key").verify(body.as_bytes(), &sig).is_ok()
}

#[tokio::test]
async fn a_certificate_for_every_credited_course_and_none_for_a_claim_the_server_did_not_confirm() {
    let s = TestServer::start().await;
    let (honest, token) = office(&s).await;
    let certs = my_certificates(&s, &token).await;
    assert_eq!(certs.len(), 1, "one credited course, one certificate");
    let body = certs[0].parsed().expect("body");
    assert_eq!((body.name.as_str(), body.nip.as_str(), body.course_id.as_str(), body.jp), (NAME, honest.as_str(), COURSE, 2));
    assert_eq!((body.issuer.as_str(), body.form.as_str()), ("Pemerintah Kota Uji", "e_learning"));
    let today = lentera_server::calendar::date(lentera_server::now_ms());
    let hour_ago = lentera_server::calendar::date(lentera_server::now_ms() - 3_600_000);
    assert!(body.completed_on == today || body.completed_on == hour_ago, "completed on the WIB date of the pass: {}", body.completed_on);
    assert!(body.number.starts_with(&format!("LTR-{}-", &body.completed_on[..4])), "{}", body.number);
    assert_eq!(my_certificates(&s, &token).await[0].number, body.number, "asking again issues no second certificate");
    // The ledger the phone keeps names the same certificate on the credited line.
    let ledger: lentera_protocol::org::MyLedger = s.get_json(&token, "/api/ledger/me").await;
    let named: Vec<_> = ledger.entries.iter().map(|e| (e.course_id.as_str(), e.certificate.as_deref())).collect();
    assert_eq!(named, [(COURSE, Some(body.number.as_str()))]);

    // A bare completion claim (no quiz) gets none.
    let claimer = nip(5);
    s.create_person(&claimer, "Uji Klaim", "learner", Some("DINAS")).await;
    let t = s.login_as(&claimer).await;
    s.push_events(&t, &claimer, vec![stamp(&claimer, 2)(EventBody::CourseCompleted { course_id: COURSE.into(), jp: 2 })]).await;
    assert!(my_certificates(&s, &t).await.is_empty(), "an unconfirmed claim has no certificate");
    let ledger: lentera_protocol::org::MyLedger = s.get_json(&t, "/api/ledger/me").await;
    assert!(ledger.entries.iter().all(|e| e.certificate.is_none()), "nor does its ledger line name one");
}

#[tokio::test]
async fn the_signature_verifies_with_the_published_key_and_fails_on_any_changed_field() {
    let s = TestServer::start().await;
    let (_, token) = office(&s).await;
    let cert = my_certificates(&s, &token).await.remove(0);
    let keys: Vec<PublishedKey> = s.get_json(&token, "/api/certificates/keys").await;
    assert_eq!((keys.len(), keys[0].algorithm.as_str(), keys[0].signing), (1, "Ed25519", true));
    assert!(verifies(&keys, &cert.body, &cert.signature));
    let body = cert.parsed().expect("body");
    assert_eq!(serde_json::to_string(&body).expect("json"), cert.body, "re-encoding an unchanged body gives the signed text");
    type Change = Box<dyn Fn(&mut CertificateBody)>;
    let changes: Vec<(&str, Change)> = vec![
        ("number", Box::new(|b| b.number.push('X'))),
        ("name", Box::new(|b| b.name = "Orang Lain".into())),
        ("nip", Box::new(|b| b.nip.replace_range(17..18, "9"))),
        ("course", Box::new(|b| b.course.push('!'))),
        ("course_id", Box::new(|b| b.course_id = "lain".into())),
        ("jp", Box::new(|b| b.jp += 18)),
        ("competency", Box::new(|b| b.competency = "manajerial".into())),
        ("form", Box::new(|b| b.form = "klasikal".into())),
        ("completed_on", Box::new(|b| b.completed_on = "2020-01-01".into())),
        ("issuer", Box::new(|b| b.issuer = "Kota Palsu".into())),
        ("issued_at_ms", Box::new(|b| b.issued_at_ms += 1)),
        ("format", Box::new(|b| b.format.push('2'))),
    ];
    for (field, change) in changes {
        let mut forged = body.clone();
        change(&mut forged);
        assert_ne!(forged, body, "{field} changed");
        assert!(!verifies(&keys, &serde_json::to_string(&forged).expect("json"), &cert.signature), "a changed {field} must not verify");
    }
}

#[tokio::test]
async fn an_admin_revokes_with_a_reason_and_a_regrade_that_no_longer_credits_revokes_too() {
    let s = TestServer::start().await;
    let (honest, token) = office(&s).await;
    let number = my_certificates(&s, &token).await[0].number.clone();
    let page = s.http.get(s.url(&format!("/verifikasi/{number}"))).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("Sertifikat sah") && html.contains("Rina &lt;b&gt;Pelajar&lt;/b&gt;"), "{html}");
    assert!(!html.contains(&honest) && html.contains(&format!("{}•", &honest[..4])), "the NIP is partly hidden");

    let path = format!("/api/certificates/{number}/revoke");
    let reason = json!({ "reason": "data kursus ganda" });
    let (boss, other_admin, admin) = (s.login_as(&nip(2)).await, s.login_as(&nip(4)).await, s.login_as(&nip(3)).await);
    assert_eq!(s.post_json(&boss, &path, &reason).await.status(), StatusCode::FORBIDDEN, "a supervisor may not revoke");
    assert_eq!(s.post_json(&other_admin, &path, &reason).await.status(), StatusCode::NOT_FOUND, "an admin of another unit cannot see it");
    assert_eq!(s.post_json(&admin, &path, &json!({ "reason": "  " })).await.status(), StatusCode::BAD_REQUEST, "a reason is needed");
    let revoked: SignedCertificate = s.post_json(&admin, &path, &reason).await.json().await.expect("json");
    assert_eq!(revoked.revoked_reason.as_deref(), Some("data kursus ganda"));
    let html = s.http.get(s.url(&format!("/verifikasi/{number}"))).send().await.expect("page").text().await.expect("html");
    assert!(html.contains("sudah dicabut") && html.contains("data kursus ganda") && !html.contains("Sertifikat sah"), "{html}");
    // The course is still credited: the next ask issues a new certificate beside the revoked one.
    let certs = my_certificates(&s, &token).await;
    assert_eq!(certs.iter().map(|c| c.revoked_at_ms.is_some()).collect::<Vec<_>>(), [true, false]);

    // A re-grade that finds the course no longer credited revokes the live one.
    let id = s.person_id(&honest).await;
    let mut tx = s.db.begin().await.expect("tx");
    let courses = std::collections::BTreeSet::from([COURSE]);
    lentera_server::db::credit::store_verdicts(&mut tx, &lentera_server::db::rule_cache::RuleCache::default(), id, &lentera_protocol::Progress::default(), &courses).await.expect("graded");
    tx.commit().await.expect("commit");
    let certs = my_certificates(&s, &token).await;
    assert!(certs.iter().all(|c| c.revoked_at_ms.is_some()), "no live certificate after the re-grade");
    let html = s.http.get(s.url(&format!("/verifikasi/{}", certs[1].number))).send().await.expect("page").text().await.expect("html");
    assert!(html.contains("penilaian ulang"), "{html}");
}

#[tokio::test]
async fn the_public_page_denies_unknown_numbers_without_echoing_markup() {
    let s = TestServer::start().await;
    for number in ["LTR-2026-AAAAAAAA", "<script>alert(1)</script>"] {
        let page = s.http.get(s.url(&format!("/verifikasi/{}", urlencode(number)))).send().await.expect("page");
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        let html = page.text().await.expect("html");
        assert!(html.contains("tidak ditemukan") && !html.contains("<script>"), "{html}");
    }
}

fn urlencode(text: &str) -> String {
    text.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn the_holder_and_their_supervisor_get_the_pdf_with_its_qr_code_and_nobody_else() {
    let s = TestServer::start().await;
    let (_, token) = office(&s).await;
    let number = my_certificates(&s, &token).await[0].number.clone();
    let path = format!("/api/certificates/{number}/pdf");
    let response = s.get_with(&token, &path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = response.bytes().await.expect("pdf");
    let text = String::from_utf8_lossy(&bytes);
    assert!(bytes.starts_with(b"%PDF-") && text.contains("Helvetica") && text.contains(&number), "a PDF naming the certificate");
    assert!(text.contains(&format!("/verifikasi/{number}")), "the verification address is printed under the QR code");
    println!("certificate PDF: {} bytes", bytes.len());
    assert_eq!(s.get_with(&s.login_as(&nip(2)).await, &path).await.status(), StatusCode::OK, "the unit's supervisor");
    let colleague = nip(6);
    s.create_person(&colleague, "Rekan", "learner", Some("DINAS")).await;
    assert_eq!(s.get_with(&s.login_as(&colleague).await, &path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(s.get_with(&s.login_as(&nip(4)).await, &path).await.status(), StatusCode::NOT_FOUND, "an admin of another unit");
}
