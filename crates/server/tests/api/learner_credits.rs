//! Credit for learning that is not a course (docs/activities.md): it is a line of the learner's
//! ledger with its form and provider, counts in the year's JP wherever JP are shown, and can be
//! taken back. A training attended earns a certificate and a line of the SIASN export; taking the
//! credit back revokes the certificate.

use crate::common::{TestServer, nip};
use lentera_protocol::Competency::Teknis;
use lentera_protocol::org::{MyLedger, PersonDetail};
use lentera_server::db::learner_credits::{Grant, take_back};

#[tokio::test]
async fn a_credited_webinar_is_in_the_ledger_and_the_persons_jp_and_taking_it_back_removes_it() {
    let s = TestServer::start().await;
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    let (admin, ani) = (nip(1), nip(2));
    s.create_person(&admin, "Admin Kota", "admin", Some("ROOT")).await;
    let ani_id = s.create_person(&ani, "Ani Lestari", "learner", Some("ROOT")).await;
    let now = lentera_server::now_ms();
    let year = lentera_protocol::progress::year_of(now);
    let webinar = Grant { source: "training:7", form: "webinar", title: "Keamanan data", provider: "Universitas Mitra", jp: 3, competency: Some(Teknis), at_ms: now };
    s.db.put_other_credit(ani_id, &webinar).await.expect("credit");
    s.db.put_other_credit(ani_id, &webinar).await.expect("granting again changes nothing");

    let learner = s.login_as(&ani).await;
    let mine: MyLedger = s.get_json(&learner, &format!("/api/ledger/me?year={year}")).await;
    let line = mine.entries.iter().find(|e| e.course_id == "training:7").expect("the webinar's line");
    assert_eq!((line.form.as_str(), line.source.as_str(), line.title.as_str(), line.jp, line.status.as_str()), ("webinar", "Universitas Mitra", "Keamanan data", 3, "credited"));
    assert_eq!(mine.totals.year, 3);
    let boss = s.login_as(&admin).await;
    let person: PersonDetail = s.get_json(&boss, &format!("/api/staff/{ani}")).await;
    assert_eq!((person.row.jp, person.ledger.len()), (3, 1), "the dashboard's JP and the person page's ledger agree");

    let certificates: Vec<serde_json::Value> = s.get_json(&learner, "/api/certificates/me").await;
    let number = certificates.iter().find(|c| c["course_id"] == "training:7").expect("a certificate for the webinar")["number"].as_str().expect("number").to_owned();
    let page = s.get_with(&learner, &format!("/verifikasi/{number}")).await.text().await.expect("page");
    assert!(page.contains("Webinar") && page.contains("Keamanan data") && page.contains("Pelatihan"), "{page}");
    let siasn = s.get_with(&boss, &format!("/api/siasn/export?year={year}")).await.text().await.expect("csv");
    let line = siasn.lines().find(|l| l.contains(&number)).expect("the webinar in the SIASN export");
    assert!(line.contains(",Webinar,Keamanan data,3,"), "{line}");

    let mut tx = s.db.begin().await.expect("tx");
    take_back(&mut tx, ani_id, "training:7").await.expect("taken back");
    tx.commit().await.expect("commit");
    let person: PersonDetail = s.get_json(&boss, &format!("/api/staff/{ani}")).await;
    assert_eq!((person.row.jp, person.ledger.len()), (0, 0));
    let page = s.get_with(&learner, &format!("/verifikasi/{number}")).await.text().await.expect("page");
    assert!(page.contains("penyelenggara membatalkan kehadiran"), "the certificate is revoked with the reason: {page}");
}
