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
