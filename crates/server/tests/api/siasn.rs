//! The SIASN export: credited records in SIASN's fields, in the caller's units only, and marked
//! so the next "only new" export does not repeat them.

use crate::common::{TestServer, device_of, nip};
use lentera_protocol::{Event, EventBody, EventId};
use lentera_server::certificate::SignedCertificate;
use serde_json::Value;

const COURSE: &str = "uji-coba";

fn phone(who: &str) -> impl FnMut(EventBody) -> Event {
    let device = device_of(who);
    let mut clock = lentera_server::now_ms() - 3_600_000;
    let mut n = 0u8;
    move |body| {
        clock += 5_000;
        n += 1;
        Event { id: EventId::new_v7(clock as u64, [n, 9, 9, 9, 9, 9, 9, 9, 9, 9]), device_id: device, device_time_ms: clock, body }
    }
}

#[tokio::test]
async fn the_export_holds_siasn_fields_for_the_callers_units_and_marks_what_it_held() {
    let s = TestServer::start().await;
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    s.create_unit("A", "Dinas A", Some("ROOT")).await;
    s.create_unit("B", "Dinas B", Some("ROOT")).await;
    let (learner, in_b, boss_b, admin) = (nip(1), nip(2), nip(3), nip(4));
    s.create_person(&learner, "=HYPERLINK(\"x\")", "learner", Some("A")).await;
    s.create_person(&in_b, "Budi B", "learner", Some("B")).await;
    s.create_person(&boss_b, "Kepala B", "learner", Some("B")).await;
    s.supervise(&boss_b, "B").await;
    s.create_person(&admin, "Admin Kota", "admin", Some("ROOT")).await;
    for who in [&learner, &in_b] {
        let token = s.login_as(who).await;
        s.push_events(&token, who, s.passing_events(COURSE, phone(who))).await;
    }
    // A claim the server did not confirm never reaches SIASN.
    let claimer = nip(5);
    s.create_person(&claimer, "Klaim Saja", "learner", Some("A")).await;
    let t = s.login_as(&claimer).await;
    s.push_events(&t, &claimer, vec![phone(&claimer)(EventBody::CourseCompleted { course_id: COURSE.into(), jp: 2 })]).await;

    let certs: Vec<SignedCertificate> = s.get_json(&s.login_as(&learner).await, "/api/certificates/me").await;
    let body = certs[0].parsed().expect("body");
    let year = &body.completed_on[..4];
    let quarter = lentera_server::ledger::quarter_of(&body.completed_on);
    let admin_token = s.login_as(&admin).await;
    let records: Vec<Value> = s.get_json(&admin_token, &format!("/api/siasn/export?year={year}&unit=A&format=json")).await;
    assert_eq!(records.len(), 1, "{records:?}");
    let r = &records[0];
    let (y, m, d) = (&body.completed_on[..4], &body.completed_on[5..7], &body.completed_on[8..10]);
    assert_eq!(r["nip"], learner.as_str());
    assert_eq!(r["jenisDiklatId"], "1", "technical training");
    assert_eq!(r["jumlahJam"], 2);
    assert_eq!(r["tahunKursus"], y.parse::<i64>().expect("year"));
    assert_eq!(r["tanggalSelesaiKursus"], format!("{d}-{m}-{y}"));
    assert_eq!(r["tanggalKursus"], format!("{d}-{m}-{y}"));
    assert_eq!(r["nomorSertipikat"], body.number.as_str());
    assert_eq!(r["institusiPenyelenggara"], "Pemerintah Kota Uji");
    assert_eq!(r["sudahDiekspor"], false);

    // Marked once: an "only new" export holds nothing more; the full one still lists it, marked.
    let again: Vec<Value> = s.get_json(&admin_token, &format!("/api/siasn/export?year={year}&unit=A&format=json&only_new=true")).await;
    assert!(again.is_empty(), "{again:?}");
    let full: Vec<Value> = s.get_json(&admin_token, &format!("/api/siasn/export?year={year}&unit=A&format=json")).await;
    assert_eq!(full[0]["sudahDiekspor"], true);
    let other_quarter = quarter % 4 + 1;
    let none: Vec<Value> = s.get_json(&admin_token, &format!("/api/siasn/export?year={year}&quarter={other_quarter}&format=json")).await;
    assert!(none.is_empty(), "another quarter holds nothing: {none:?}");

    // CSV: the header in SIASN's names, a name that looks like a formula made harmless.
    let csv = s.get_with(&admin_token, &format!("/api/siasn/export?year={year}&quarter={quarter}")).await.text().await.expect("csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("nip,nama,jenisDiklatId,jenisKursus,namaKursus,jumlahJam,tahunKursus,tanggalKursus,tanggalSelesaiKursus,nomorSertipikat,institusiPenyelenggara,sudahDiekspor"));
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    assert_eq!(csv.lines().count(), 3, "two credited learners, no unconfirmed claim: {csv}");

    // A supervisor of B sees B's record only; asking for A is refused as unknown.
    let boss = s.login_as(&boss_b).await;
    let theirs: Vec<Value> = s.get_json(&boss, &format!("/api/siasn/export?year={year}&format=json")).await;
    assert_eq!(theirs.iter().map(|r| r["nip"].as_str().unwrap_or("")).collect::<Vec<_>>(), [in_b.as_str()]);
    assert_eq!(s.get_with(&boss, &format!("/api/siasn/export?year={year}&unit=A")).await.status(), 404);
    assert_eq!(s.get_with(&admin_token, &format!("/api/siasn/export?year={year}&quarter=5")).await.status(), 400);
}

/// The names and bytes of every file in a ZIP.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut out = Vec::new();
            file.read_to_end(&mut out).expect("read");
            (file.name().to_owned(), out)
        })
        .collect()
}

#[tokio::test]
async fn the_archive_holds_the_listing_and_each_records_certificate_pdf_in_the_callers_units() {
    let s = TestServer::start().await;
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    s.create_unit("A", "Dinas A", Some("ROOT")).await;
    s.create_unit("B", "Dinas B", Some("ROOT")).await;
    let (in_a, in_b, boss_b, admin) = (nip(1), nip(2), nip(3), nip(4));
    s.create_person(&in_a, "Ani A", "learner", Some("A")).await;
    s.create_person(&in_b, "Budi B", "learner", Some("B")).await;
    s.create_person(&boss_b, "Kepala B", "learner", Some("B")).await;
    s.supervise(&boss_b, "B").await;
    s.create_person(&admin, "Admin Kota", "admin", Some("ROOT")).await;
    for who in [&in_a, &in_b] {
        let token = s.login_as(who).await;
        s.push_events(&token, who, s.passing_events(COURSE, phone(who))).await;
    }
    let number_of = |certs: Vec<SignedCertificate>| certs[0].parsed().expect("body");
    let a = number_of(s.get_json(&s.login_as(&in_a).await, "/api/certificates/me").await);
    let b = number_of(s.get_json(&s.login_as(&in_b).await, "/api/certificates/me").await);
    let year = &a.completed_on[..4];

    // A supervisor of B: B's record and B's PDF only; unit A is unknown to them; a learner may not ask.
    let boss = s.login_as(&boss_b).await;
    let response = s.get_with(&boss, &format!("/api/siasn/export.zip?year={year}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let files = unzip(&response.bytes().await.expect("bytes"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [format!("siasn-kursus-{year}.csv"), format!("sertifikat/{}.pdf", b.number)]);
    let csv = String::from_utf8(files[0].1.clone()).expect("utf-8");
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains(&in_b) && csv.contains(&b.number) && !csv.contains(&in_a), "{csv}");
    assert!(files[1].1.starts_with(b"%PDF"), "a PDF");
    assert_eq!(s.get_with(&boss, &format!("/api/siasn/export.zip?year={year}&unit=A")).await.status(), 404);
    let learner = s.login_as(&in_a).await;
    assert_eq!(s.get_with(&learner, &format!("/api/siasn/export.zip?year={year}")).await.status(), 403);
    assert_eq!(s.get_with(&boss, &format!("/api/siasn/export.zip?year={year}&format=xml")).await.status(), 400);

    // The admin: everyone in scope, JSON listing on ask; B's record was marked by the supervisor's download.
    let admin_token = s.login_as(&admin).await;
    let files = unzip(&s.get_with(&admin_token, &format!("/api/siasn/export.zip?year={year}&format=json&only_new=true")).await.bytes().await.expect("bytes"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [format!("siasn-kursus-{year}.json"), format!("sertifikat/{}.pdf", a.number)], "B's record was exported already");
    let records: Vec<Value> = serde_json::from_slice(&files[0].1).expect("json");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["nomorSertipikat"], a.number.as_str());
    let left: Vec<Value> = s.get_json(&admin_token, &format!("/api/siasn/export?year={year}&format=json&only_new=true")).await;
    assert!(left.is_empty(), "the archive marked what it held: {left:?}");
}
