//! The competency view: credited JP by competency type and form per unit and quarter (WIB), who
//! reached 20 JP of teknis, and the CSV, over a ledger whose every figure is known.

use crate::common::{TestServer, nip};
use lentera_protocol::Competency::{Manajerial, SosialKultural, Teknis};
use lentera_protocol::competency::CompetencyReport;
use lentera_protocol::competency::FORMS;
use lentera_server::calendar::month_start_ms;
use lentera_server::db::learner_credits::Grant;

/// JP per form in `FORMS` order with `jp` of e-learning and nothing else.
fn e_learning(jp: u32) -> Vec<u32> {
    let mut forms = vec![0; FORMS.len()];
    forms[0] = jp;
    forms
}

const MINUTE: i64 = 60_000;

struct Ledger {
    s: TestServer,
    admin: String,
    boss_b: String,
    ani: String,
    budi: String,
    cici: String,
    budi_id: i64,
}

/// ROOT → A, B. Ani (A): 12 JP teknis at 23:30 WIB on 31 March (Q1), 10 JP teknis and 4 JP
/// manajerial just after midnight WIB on 1 April (Q2). Budi (A): 3 JP sosial kultural in Q3 and
/// 25 JP teknis at 23:00 WIB on 31 December of the year before. Cici (B): 20 JP teknis a minute
/// before the year ends (WIB).
async fn ledger() -> Ledger {
    let s = TestServer::start().await;
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    s.create_unit("A", "Dinas A", Some("ROOT")).await;
    s.create_unit("B", "Dinas B", Some("ROOT")).await;
    let (admin, boss_b, ani, budi, cici) = (nip(1), nip(2), nip(3), nip(4), nip(5));
    s.create_person(&admin, "Admin Kota", "admin", Some("ROOT")).await;
    s.create_person(&boss_b, "Kepala B", "learner", Some("B")).await;
    s.supervise(&boss_b, "B").await;
    let ani_id = s.create_person(&ani, "Ani Lestari", "learner", Some("A")).await;
    let budi_id = s.create_person(&budi, "Budi Santoso", "learner", Some("A")).await;
    let cici_id = s.create_person(&cici, "=cmd|' /C calc'!A0", "learner", Some("B")).await;
    let april = month_start_ms(2025, 4);
    let rows = [
        (ani_id, "k1", april - 30 * MINUTE, 12, Teknis),
        (ani_id, "k2", april + 10 * MINUTE, 10, Teknis),
        (ani_id, "k3", april + 20 * MINUTE, 4, Manajerial),
        (budi_id, "k4", month_start_ms(2025, 8), 3, SosialKultural),
        (budi_id, "k5", month_start_ms(2025, 1) - 60 * MINUTE, 25, Teknis),
        (cici_id, "k6", month_start_ms(2025, 13) - MINUTE, 20, Teknis),
    ];
    for (id, course, at, jp, competency) in rows {
        s.db.put_credited(id, course, at, jp, competency).await.expect("ledger row");
    }
    Ledger { s, admin, boss_b, ani, budi, cici, budi_id }
}

fn row<'a>(report: &'a CompetencyReport, code: &str) -> &'a lentera_protocol::competency::CompetencyRow {
    report.units.iter().find(|u| u.unit_code == code).unwrap_or_else(|| panic!("unit {code} in {report:?}"))
}

#[tokio::test]
async fn jp_by_competency_type_and_form_per_unit_and_quarter_with_who_reached_20_jp_teknis() {
    let l = ledger().await;
    let s = &l.s;
    let admin = s.login_as(&l.admin).await;

    let year: CompetencyReport = s.get_json(&admin, "/api/competency?year=2025").await;
    assert_eq!(year.forms, FORMS);
    assert_eq!(year.units.iter().map(|u| u.unit_code.as_str()).collect::<Vec<_>>(), ["ROOT", "A", "B"]);
    let a = row(&year, "A");
    assert_eq!((a.staff, a.teknis_jp, a.manajerial_jp, a.sosial_kultural_jp, a.jp_by_form.clone(), a.reached_technical), (2, 22, 4, 3, e_learning(29), 1));
    let b = row(&year, "B");
    assert_eq!((b.staff, b.teknis_jp, b.jp_by_form.clone(), b.reached_technical), (2, 20, e_learning(20), 1));
    assert_eq!((year.total.staff, year.total.teknis_jp, year.total.jp_by_form.clone(), year.total.reached_technical), (5, 42, e_learning(49), 2));
    let reached: Vec<(&str, u32)> = year.reached.iter().map(|r| (r.nip.as_str(), r.teknis_jp)).collect();
    assert_eq!(reached, [(l.ani.as_str(), 22), (l.cici.as_str(), 20)], "Budi's 25 JP fell in the year before");

    // Quarters split at WIB midnight; the 20 JP count reads the year up to the quarter's end.
    let q1: CompetencyReport = s.get_json(&admin, "/api/competency?year=2025&quarter=1").await;
    assert_eq!((row(&q1, "A").teknis_jp, row(&q1, "A").manajerial_jp, row(&q1, "A").reached_technical), (12, 0, 0));
    assert!(q1.reached.is_empty(), "{:?}", q1.reached);
    let q2: CompetencyReport = s.get_json(&admin, "/api/competency?year=2025&quarter=2").await;
    assert_eq!((row(&q2, "A").teknis_jp, row(&q2, "A").manajerial_jp, row(&q2, "A").reached_technical), (10, 4, 1));
    let q4: CompetencyReport = s.get_json(&admin, "/api/competency?year=2025&quarter=4").await;
    assert_eq!((row(&q4, "B").teknis_jp, q4.total.reached_technical), (20, 2));
    let before: CompetencyReport = s.get_json(&admin, "/api/competency?year=2024").await;
    assert_eq!((row(&before, "A").teknis_jp, before.reached.len()), (25, 1));
    assert_eq!(before.reached[0].nip, l.budi);
    assert_eq!(s.get_with(&admin, "/api/competency?year=2025&quarter=5").await.status(), 400);
}

#[tokio::test]
async fn a_supervisor_sees_their_units_only_and_a_learner_is_refused() {
    let l = ledger().await;
    let s = &l.s;
    let boss = s.login_as(&l.boss_b).await;
    let theirs: CompetencyReport = s.get_json(&boss, "/api/competency?year=2025").await;
    assert_eq!(theirs.units.iter().map(|u| u.unit_code.as_str()).collect::<Vec<_>>(), ["B"]);
    assert_eq!((theirs.total.teknis_jp, theirs.reached.len()), (20, 1));
    assert_eq!(s.get_with(&boss, "/api/competency?year=2025&unit=A").await.status(), 404);
    assert_eq!(s.get_with(&boss, "/api/competency.csv?year=2025&unit=A").await.status(), 404);
    let learner = s.login_as(&l.ani).await;
    assert_eq!(s.get_with(&learner, "/api/competency?year=2025").await.status(), 403);
    assert_eq!(s.get_with(&learner, "/api/competency.csv?year=2025").await.status(), 403);
}

#[tokio::test]
async fn the_csv_has_numbers_as_numbers_and_names_made_harmless() {
    let l = ledger().await;
    let s = &l.s;
    let admin = s.login_as(&l.admin).await;
    let response = s.get_with(&admin, "/api/competency.csv?year=2025&quarter=2").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("csv");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "tahun,triwulan,kode_unit,nama_unit,jumlah_pegawai,jp_teknis,jp_manajerial,jp_sosial_kultural,jp_e_learning,jp_webinar,jp_workshop,\
         jp_coaching,jp_mentoring,jp_self_study,jp_community,jp_internship,jp_certificate,mencapai_20_jp_teknis"
    );
    assert_eq!(lines[2], "2025,2,A,Dinas A,2,10,4,0,14,0,0,0,0,0,0,0,0,1");
    assert_eq!(lines[4], "2025,2,,Jumlah,5,10,4,0,14,0,0,0,0,0,0,0,0,1");
    let reached = s.get_with(&admin, "/api/competency.csv?year=2025&list=reached").await.text().await.expect("csv");
    let lines: Vec<&str> = reached.lines().collect();
    assert_eq!(lines[0], "tahun,nip,nama,kode_unit,jp_teknis");
    assert_eq!(lines[1], format!("2025,{},Ani Lestari,A,22", l.ani));
    assert_eq!(lines[2], format!("2025,{},'=cmd|' /C calc'!A0,B,20", l.cici));
    assert_eq!(s.get_with(&admin, "/api/competency.csv?year=2025&list=semua").await.status(), 400);
}

#[tokio::test]
async fn trainings_and_confirmed_log_entries_count_by_their_form_and_a_webinar_by_its_type() {
    let l = ledger().await;
    let s = &l.s;
    let budi_id = l.budi_id;
    let at = month_start_ms(2025, 5);
    let webinar = Grant { source: "training:7", form: "webinar", title: "Keamanan data", provider: "Universitas Mitra", jp: 3, competency: Some(Teknis), at_ms: at };
    let mentoring = Grant { source: "log:e1", form: "mentoring", title: "Menyusun SOP", provider: "Kepala A", jp: 2, competency: None, at_ms: at };
    s.db.put_other_credit(budi_id, &webinar).await.expect("credit");
    s.db.put_other_credit(budi_id, &mentoring).await.expect("credit");
    s.db.put_other_credit(budi_id, &webinar).await.expect("granting again changes nothing");

    let admin = s.login_as(&l.admin).await;
    let year: CompetencyReport = s.get_json(&admin, "/api/competency?year=2025").await;
    let a = row(&year, "A");
    let form = |key: &str| a.jp_by_form[FORMS.iter().position(|f| *f == key).expect("a form")];
    assert_eq!((form("e_learning"), form("webinar"), form("mentoring")), (29, 3, 2));
    assert_eq!(a.teknis_jp, 25, "the webinar's 3 JP are teknis; the mentoring has no type");
}
