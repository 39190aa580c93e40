//! The units' citizen satisfaction surveys (SKM): the IKM end to end, the admin's checks, who may
//! read and write, the CSV import (all or nothing, errors by line) and export, and the learning of
//! the unit shown beside each period.

use crate::common::{TestServer, error_of, nip};
use lentera_protocol::Competency::Teknis;
use lentera_protocol::account::AuditLog;
use lentera_protocol::evaluation::{Band, SkmImport, SkmImportRefused, SkmPeriod, SkmReport};
use lentera_server::calendar::month_start_ms;
use lentera_server::db::learner_credits::Grant;
use serde_json::json;

/// The hand-worked mix of the protocol's unit test: sum 28.55, IKM 3.172, converted 79.31, B.
const MIXED: [u32; 9] = [320, 305, 290, 360, 315, 330, 345, 280, 310];

struct World {
    s: TestServer,
    admin: String,
    boss_b: String,
    ani: String,
    ani_id: i64,
    budi_id: i64,
    dedi_id: i64,
}

/// ROOT → A (→ A1), B. Admin of ROOT; Kepala B supervises B; Ani and Budi in A, Dedi in A1.
async fn world() -> World {
    let s = TestServer::start().await;
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    s.create_unit("A", "Dinas Kependudukan", Some("ROOT")).await;
    s.create_unit("A1", "Bidang Pelayanan", Some("A")).await;
    s.create_unit("B", "=Dinas B", Some("ROOT")).await;
    let (admin, boss_b, ani) = (nip(1), nip(2), nip(3));
    s.create_person(&admin, "Admin Kota", "admin", Some("ROOT")).await;
    s.create_person(&boss_b, "Kepala B", "learner", Some("B")).await;
    s.supervise(&boss_b, "B").await;
    let ani_id = s.create_person(&ani, "Ani Lestari", "learner", Some("A")).await;
    let budi_id = s.create_person(&nip(4), "Budi Santoso", "learner", Some("A")).await;
    let dedi_id = s.create_person(&nip(5), "Dedi Kurnia", "learner", Some("A1")).await;
    World { s, admin, boss_b, ani, ani_id, budi_id, dedi_id }
}

async fn put(s: &TestServer, token: &str, path: &str, body: serde_json::Value) -> reqwest::Response {
    s.http.put(s.url(path)).bearer_auth(token).json(&body).send().await.expect("answered")
}

async fn delete(s: &TestServer, token: &str, path: &str) -> reqwest::Response {
    s.http.delete(s.url(path)).bearer_auth(token).send().await.expect("answered")
}

fn period<'a>(report: &'a SkmReport, unit: &str, period: &str) -> &'a SkmPeriod {
    let unit = report.units.iter().find(|u| u.unit_code == unit).unwrap_or_else(|| panic!("unit {unit} in {report:?}"));
    unit.periods.iter().find(|p| p.period == period).unwrap_or_else(|| panic!("period {period} in {report:?}"))
}

#[tokio::test]
async fn the_admin_records_a_survey_and_reads_its_ikm_and_band_computed_by_the_regulation() {
    let w = world().await;
    let s = &w.s;
    let admin = s.login_as(&w.admin).await;
    let response = put(s, &admin, "/api/skm/A/2025-s1", json!({ "respondents": 120, "nrr_hundredths": MIXED })).await;
    assert_eq!(response.status(), 200);
    let report: SkmReport = response.json().await.expect("report");
    let p = period(&report, "A", "2025-S1");
    assert_eq!((p.ikm.index_thousandths, p.ikm.converted_hundredths, p.ikm.band), (3172, 7931, Band::B), "28.55 / 9 = 3.172; × 25 = 79.31");
    assert_eq!((p.respondents, p.nrr_hundredths.as_slice(), p.recorded_by.as_str()), (120, MIXED.as_slice(), "Admin Kota"));

    // Recording the period again replaces it: 9 × 4.00 is 100.00, A; 9 × 1.00 is 25.00, D.
    assert_eq!(put(s, &admin, "/api/skm/A/2025-S1", json!({ "respondents": 80, "nrr_hundredths": ([400u32; 9]) })).await.status(), 200);
    assert_eq!(put(s, &admin, "/api/skm/A/2024", json!({ "respondents": 30, "nrr_hundredths": ([100u32; 9]) })).await.status(), 200);
    // Sum 31.79: 88.3055… rounds to 88.31, the first value of band A.
    let edge = [353, 353, 353, 353, 353, 353, 353, 353, 355];
    assert_eq!(put(s, &admin, "/api/skm/A/2025-S2", json!({ "respondents": 50, "nrr_hundredths": edge })).await.status(), 200);
    let report: SkmReport = s.get_json(&admin, "/api/skm?unit=A").await;
    let history: Vec<(&str, u32, Band, u32)> =
        report.units[0].periods.iter().map(|p| (p.period.as_str(), p.ikm.converted_hundredths, p.ikm.band, p.respondents)).collect();
    assert_eq!(history, [("2024", 2500, Band::D, 30), ("2025-S1", 10000, Band::A, 80), ("2025-S2", 8831, Band::A, 50)]);

    let audit: AuditLog = s.get_json(&admin, "/api/admin/audit").await;
    let recorded: Vec<(&str, &str)> = audit.entries.iter().filter(|e| e.action == "skm_record").map(|e| (e.target.as_str(), e.detail.as_str())).collect();
    assert_eq!(recorded.len(), 4);
    assert!(recorded.contains(&("A 2025-S1", "IKM 79.31 (mutu B, Baik), 120 responden")), "{recorded:?}");

    // Removing a period leaves the others; removing it again says there is nothing.
    assert_eq!(delete(s, &admin, "/api/skm/A/2024").await.status(), 204);
    let (code, message) = error_of(delete(s, &admin, "/api/skm/A/2024").await).await;
    assert_eq!(code, "not_found", "{message}");
    let report: SkmReport = s.get_json(&admin, "/api/skm?unit=A").await;
    assert_eq!(report.units[0].periods.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), ["2025-S1", "2025-S2"]);
    assert!(s.get_json::<AuditLog>(&admin, "/api/admin/audit").await.entries.iter().any(|e| e.action == "skm_delete" && e.target == "A 2024"));
}

#[tokio::test]
async fn wrong_periods_and_scores_are_refused_naming_the_field_and_nothing_is_stored() {
    let w = world().await;
    let s = &w.s;
    let admin = s.login_as(&w.admin).await;
    let cases = [
        ("/api/skm/A/2025-Q1", json!({ "respondents": 10, "nrr_hundredths": MIXED }), "period `2025-Q1`"),
        ("/api/skm/A/2025", json!({ "respondents": 0, "nrr_hundredths": MIXED }), "field `respondents`"),
        ("/api/skm/A/2025", json!({ "respondents": 10, "nrr_hundredths": [300, 300, 450, 300, 300, 300, 300, 300, 300] }), "field `nrr_hundredths[2]` (Waktu penyelesaian)"),
        ("/api/skm/A/2025", json!({ "respondents": 10, "nrr_hundredths": [300, 300, 300, 300, 300, 300, 300, 300, 99] }), "field `nrr_hundredths[8]` (Sarana dan prasarana)"),
        ("/api/skm/A/2025", json!({ "respondents": 10, "nrr_hundredths": [300, 300, 300, 300, 300, 300, 300, 300] }), "exactly nine scores"),
    ];
    for (path, body, names) in cases {
        let response = put(s, &admin, path, body).await;
        assert_eq!(response.status(), 400, "{path}");
        let (code, message) = error_of(response).await;
        assert_eq!(code, "invalid_request");
        assert!(message.contains(names), "{message} should name {names}");
    }
    let response = put(s, &admin, "/api/skm/TIDAK-ADA/2025", json!({ "respondents": 10, "nrr_hundredths": MIXED })).await;
    assert_eq!(response.status(), 404);
    let report: SkmReport = s.get_json(&admin, "/api/skm?unit=A").await;
    assert!(report.units[0].periods.is_empty(), "{report:?}");
}

#[tokio::test]
async fn a_supervisor_reads_only_their_units_and_neither_they_nor_a_learner_may_write() {
    let w = world().await;
    let s = &w.s;
    let admin = s.login_as(&w.admin).await;
    for unit in ["A", "B"] {
        assert_eq!(put(s, &admin, &format!("/api/skm/{unit}/2025"), json!({ "respondents": 40, "nrr_hundredths": MIXED })).await.status(), 200);
    }
    let boss = s.login_as(&w.boss_b).await;
    let theirs: SkmReport = s.get_json(&boss, "/api/skm").await;
    assert_eq!(theirs.units.iter().map(|u| u.unit_code.as_str()).collect::<Vec<_>>(), ["B"]);
    assert_eq!(s.get_with(&boss, "/api/skm?unit=A").await.status(), 404);
    assert_eq!(s.get_with(&boss, "/api/skm.csv?unit=A").await.status(), 404);
    let body = json!({ "respondents": 40, "nrr_hundredths": ([400u32; 9]) });
    assert_eq!(put(s, &boss, "/api/skm/B/2025", body.clone()).await.status(), 403, "a supervisor may not record even their own unit");
    assert_eq!(delete(s, &boss, "/api/skm/B/2025").await.status(), 403);
    assert_eq!(s.post_csv(&boss, "/api/skm/import", "kode_unit,periode,responden,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\n").await.status(), 403);
    let learner = s.login_as(&w.ani).await;
    assert_eq!(s.get_with(&learner, "/api/skm?unit=A").await.status(), 403);
    assert_eq!(s.get_with(&learner, "/api/skm.csv").await.status(), 403);
    assert_eq!(put(s, &learner, "/api/skm/A/2025", body).await.status(), 403);
    // The admin sees every unit with a survey, in the tree's order (by name: "=Dinas B" first).
    let all: SkmReport = s.get_json(&admin, "/api/skm").await;
    assert_eq!(all.units.iter().map(|u| (u.unit_code.as_str(), u.periods[0].ikm.converted_hundredths)).collect::<Vec<_>>(), [("B", 7931), ("A", 7931)]);
}

#[tokio::test]
async fn each_period_shows_the_learning_of_the_units_staff_in_that_span_beside_the_ikm() {
    let w = world().await;
    let s = &w.s;
    // Ani: a 6 JP course at 23:30 WIB on 30 June (S1) and 4 JP at 00:10 WIB on 1 July (S2).
    // Budi: a 3 JP webinar in S2. Dedi (A1, below A): a 5 JP course in S1.
    let july = month_start_ms(2025, 7);
    s.db.put_credited(w.ani_id, "k1", july - 30 * 60_000, 6, Teknis).await.expect("credit");
    s.db.put_credited(w.ani_id, "k2", july + 10 * 60_000, 4, Teknis).await.expect("credit");
    s.db.put_credited(w.dedi_id, "k3", month_start_ms(2025, 3), 5, Teknis).await.expect("credit");
    let webinar = Grant { source: "training:1", form: "webinar", title: "Layanan prima", provider: "Mitra", jp: 3, competency: None, at_ms: month_start_ms(2025, 9) };
    s.db.put_other_credit(w.budi_id, &webinar).await.expect("credit");
    let admin = s.login_as(&w.admin).await;
    for p in ["2025-S1", "2025-S2", "2025", "2024"] {
        assert_eq!(put(s, &admin, &format!("/api/skm/A/{p}"), json!({ "respondents": 40, "nrr_hundredths": MIXED })).await.status(), 200);
    }
    let report: SkmReport = s.get_json(&admin, "/api/skm?unit=A").await;
    let learning = |p: &str| {
        let l = &period(&report, "A", p).learning;
        (l.staff, l.jp_total, l.jp_per_person_tenths, l.courses_completed)
    };
    // A and A1 together have three people.
    assert_eq!(learning("2025-S1"), (3, 11, 37, 2), "6 + 5 JP, 11 / 3 = 3.7 per person, two courses");
    assert_eq!(learning("2025-S2"), (3, 7, 23, 1), "4 + 3 JP; the webinar is not a course");
    assert_eq!(learning("2025"), (3, 18, 60, 3));
    assert_eq!(learning("2024"), (3, 0, 0, 0));
}

#[tokio::test]
async fn an_import_with_errors_names_every_line_and_stores_nothing_then_a_clean_one_is_stored() {
    let w = world().await;
    let s = &w.s;
    let admin = s.login_as(&w.admin).await;
    let bad = "kode_unit,periode,responden,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\n\
               A,2025-S1,100,3.2,3.05,2.9,3.6,3.15,3.3,3.45,2.8,3.1\r\n\
               X,2025,10,3,3,3,3,3,3,3,3,3\r\n\
               B,2025-Q3,10,3,3,3,3,3,3,3,3,3\r\n\
               B,2025,10,3,3,3,4.5,3,3,3,3,3\r\n\
               A,2025-s1,10,3,3,3,3,3,3,3,3,3\r\n\
               B,2025,0,3,3,3,3,3,3,3,3,3\r\n\
               B,2025,10,3,3,3\r\n";
    let response = s.post_csv(&admin, "/api/skm/import", bad).await;
    assert_eq!(response.status(), 422);
    let refused: SkmImportRefused = response.json().await.expect("errors");
    let found: Vec<(u32, &str)> = refused.errors.iter().map(|e| (e.line, e.kind.as_str())).collect();
    assert_eq!(found, [(3, "unknown_unit"), (4, "period"), (5, "nrr"), (6, "duplicate"), (7, "respondents"), (8, "columns")]);
    assert!(refused.errors[2].message.contains("u4 (Biaya/tarif)"), "{}", refused.errors[2].message);
    assert!(refused.errors[3].message.contains("baris 2"), "{}", refused.errors[3].message);
    assert!(refused.error.message.contains("first on line 3"), "{}", refused.error.message);
    let report: SkmReport = s.get_json(&admin, "/api/skm").await;
    assert!(report.units.is_empty(), "the good line 2 was not stored either: {report:?}");

    // A spreadsheet saved with semicolons and decimal commas; A 2025-S1 exists and is replaced.
    assert_eq!(put(s, &admin, "/api/skm/A/2025-S1", json!({ "respondents": 5, "nrr_hundredths": ([100u32; 9]) })).await.status(), 200);
    let good = "kode_unit;periode;responden;u1;u2;u3;u4;u5;u6;u7;u8;u9\r\n\
                A;2025-S1;100;3,2;3,05;2,9;3,6;3,15;3,3;3,45;2,8;3,1\r\n\
                B;2025;60;4;4;4;4;4;4;4;4;4\r\n";
    let response = s.post_csv(&admin, "/api/skm/import", good).await;
    assert_eq!(response.status(), 200);
    let counts: SkmImport = response.json().await.expect("counts");
    assert_eq!((counts.lines, counts.added, counts.replaced), (2, 1, 1));
    let report: SkmReport = s.get_json(&admin, "/api/skm").await;
    assert_eq!((period(&report, "A", "2025-S1").ikm.converted_hundredths, period(&report, "A", "2025-S1").respondents), (7931, 100));
    assert_eq!(period(&report, "B", "2025").ikm.band, Band::A);
    let audit: AuditLog = s.get_json(&admin, "/api/admin/audit").await;
    assert!(audit.entries.iter().any(|e| e.action == "skm_import" && e.detail == "1 ditambah, 1 diganti"), "{:?}", audit.entries);
}

#[tokio::test]
async fn the_csv_export_has_scores_and_figures_as_numbers_and_names_made_harmless() {
    let w = world().await;
    let s = &w.s;
    let admin = s.login_as(&w.admin).await;
    s.db.put_credited(w.ani_id, "k1", month_start_ms(2025, 2), 4, Teknis).await.expect("credit");
    assert_eq!(put(s, &admin, "/api/skm/A/2025-S1", json!({ "respondents": 120, "nrr_hundredths": MIXED })).await.status(), 200);
    assert_eq!(put(s, &admin, "/api/skm/B/2025", json!({ "respondents": 9, "nrr_hundredths": ([100u32; 9]) })).await.status(), 200);
    let response = s.get_with(&admin, "/api/skm.csv").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/csv"));
    let text = response.text().await.expect("csv");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "kode_unit,nama_unit,periode,responden,u1,u2,u3,u4,u5,u6,u7,u8,u9,ikm,ikm_konversi,mutu,kinerja,jumlah_pegawai,jp_total,jp_per_orang,kursus_selesai,kepuasan_peserta,peserta_pre_post,kenaikan_pre_post"
    );
    assert_eq!(lines[2], "A,Dinas Kependudukan,2025-S1,120,3.20,3.05,2.90,3.60,3.15,3.30,3.45,2.80,3.10,3.172,79.31,B,Baik,3,4,1.3,1,,0,");
    assert_eq!(lines[1], "B,'=Dinas B,2025,9,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.000,25.00,D,Tidak Baik,1,0,0.0,0,,0,");
}

#[tokio::test]
async fn the_demo_has_surveys_of_four_units_over_four_half_years_within_the_scale() {
    let s = TestServer::start().await;
    s.db.delete_all_people().await.expect("emptied");
    lentera_server::demo::seed(&s.db, crate::common::real_library(), lentera_server::now_ms()).await.expect("seeds");
    let hash = lentera_server::auth::hash_password(crate::common::PASSWORD).expect("hash");
    s.db.set_password_hash(lentera_server::demo::ADMIN_NIP, &hash).await.expect("password set");
    let admin = s.login_as(lentera_server::demo::ADMIN_NIP).await;
    let report: SkmReport = s.get_json(&admin, "/api/skm").await;
    assert_eq!(report.units.len(), 4, "{report:?}");
    for unit in &report.units {
        assert_eq!(unit.periods.len(), 4, "{}", unit.unit_code);
        assert!(unit.periods.iter().all(|p| p.period.contains("-S") && p.respondents >= 50), "{unit:?}");
        assert!(unit.periods.iter().all(|p| (6500..=9500).contains(&p.ikm.converted_hundredths)), "plausible: {unit:?}");
    }
}
