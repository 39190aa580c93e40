//! The BKPSDM's view of the needs analysis: the heat map per unit and competency, the survey and
//! plan counts, the CSV.

use crate::akpk_review::{World, rated, stamped, year};
use crate::common::*;
use lentera_protocol::EventBody;
use lentera_protocol::akpk_review::NeedsReport;
use reqwest::StatusCode;
use serde_json::json;

const POSITION: &str = "Pranata Komputer";

/// In A: one with gaps of 2 and 0 who handed in survey and plan, one with gaps of 1 and 1 whose
/// plan is validated, one not assessed, one whose position requires nothing. In B: one without gap.
async fn populated() -> World {
    let w = World::build().await;
    w.s.create_unit("C", "=HYPERLINK(\"x\")", Some("ROOT")).await;
    let y = year();
    let p1 = nip(10);
    let phone = w.staff(&p1, "Satu", "A", POSITION).await;
    let plan = EventBody::PlanSubmitted { year: y, items: vec!["uji-coba".into()] };
    w.s.push_events(&phone, &p1, stamped(&p1, vec![rated("DIG-01", 1), rated("DIG-02", 2), EventBody::SurveySubmitted { year: y }, plan])).await;
    let p2 = nip(11);
    let phone = w.staff(&p2, "Dua", "A", "  pranata   KOMPUTER ").await;
    let plan = EventBody::PlanSubmitted { year: y, items: vec!["form:coaching".into()] };
    w.s.push_events(&phone, &p2, stamped(&p2, vec![rated("DIG-01", 2), rated("DIG-02", 1), plan])).await;
    let sa = w.s.login_as(&w.sa).await;
    let response = w.s.post_json(&sa, &format!("/api/akpk/staff/{p2}/plan/validate"), &json!({ "year": y })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    w.staff(&nip(12), "Tiga", "A", POSITION).await;
    w.staff(&nip(13), "Empat", "A", "Sopir").await;
    let p5 = nip(14);
    let phone = w.staff(&p5, "Lima", "B", POSITION).await;
    w.s.push_events(&phone, &p5, stamped(&p5, vec![rated("DIG-01", 3)])).await;
    w
}

#[tokio::test]
async fn needs_count_people_with_gaps_per_unit_and_competency_and_how_far_plans_got() {
    let w = populated().await;
    let admin = w.s.login_as(&w.admin).await;
    let report: NeedsReport = w.s.get_json(&admin, &format!("/api/akpk/needs?year={}", year())).await;
    assert_eq!(report.competencies.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), vec!["DIG-01", "DIG-02"]);
    let units: Vec<_> = report.units.iter().map(|u| (u.unit_code.as_str(), u.depth, u.staff)).collect();
    // Tree order, children by name as everywhere in the console: "=HYPERLINK…" sorts before "Dinas A".
    assert_eq!(units, vec![("ROOT", 0, 3), ("C", 1, 0), ("A", 1, 4), ("B", 1, 1)]);
    let unit = |code: &str| report.units.iter().find(|u| u.unit_code == code).expect("unit in the report");
    let a = unit("A");
    assert_eq!((a.surveyed, a.planned, a.validated), (1, 2, 1));
    let cells: Vec<_> = a.cells.iter().map(|c| (c.required, c.assessed, c.with_gap, c.mean_gap)).collect();
    assert_eq!(cells, vec![(3, 2, 2, Some(1.5)), (3, 2, 1, Some(0.5))]);
    let b = unit("B");
    let cells: Vec<_> = b.cells.iter().map(|c| (c.required, c.assessed, c.with_gap, c.mean_gap)).collect();
    assert_eq!(cells, vec![(1, 1, 0, Some(0.0)), (1, 0, 0, None)]);
    let total = &report.total;
    assert_eq!((total.staff, total.surveyed, total.planned, total.validated), (8, 1, 2, 1));
    assert_eq!((total.cells[0].required, total.cells[0].with_gap, total.cells[0].mean_gap), (4, 2, Some(1.0)));

    // A supervisor of A sees A alone; B's supervisor cannot ask for A.
    let sa = w.s.login_as(&w.sa).await;
    let report: NeedsReport = w.s.get_json(&sa, &format!("/api/akpk/needs?year={}", year())).await;
    assert_eq!(report.units.iter().map(|u| (u.unit_code.as_str(), u.depth)).collect::<Vec<_>>(), vec![("A", 0)]);
    let sb = w.s.login_as(&w.sb).await;
    assert_eq!(w.s.get_with(&sb, "/api/akpk/needs?unit=A").await.status(), StatusCode::NOT_FOUND);
    let learner = w.s.login_as(&nip(10)).await;
    assert_eq!(w.s.get_with(&learner, "/api/akpk/needs").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(w.s.get_with(&admin, "/api/akpk/needs?year=1999").await.status(), StatusCode::BAD_REQUEST);
    // Another year has no answers yet.
    let report: NeedsReport = w.s.get_json(&admin, &format!("/api/akpk/needs?year={}", year() - 1)).await;
    assert_eq!((report.total.surveyed, report.total.cells[0].assessed), (0, 0));
}

#[tokio::test]
async fn the_needs_csv_has_a_line_per_unit_and_competency_with_plain_numbers() {
    let w = populated().await;
    let admin = w.s.login_as(&w.admin).await;
    let response = w.s.get_with(&admin, &format!("/api/akpk/needs.csv?year={}", year())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/csv"));
    let text = response.text().await.expect("body");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "tahun,kode_unit,nama_unit,jumlah_pegawai,sudah_survei,rencana_diajukan,rencana_divalidasi,kode_kompetensi,nama_kompetensi,pegawai_wajib,sudah_dinilai,pegawai_kesenjangan,rerata_kesenjangan"
    );
    // 4 units and the total, 2 competencies each.
    assert_eq!(lines.len(), 1 + 5 * 2, "{text}");
    let y = year();
    assert!(lines.contains(&format!("{y},A,Dinas A,4,1,2,1,DIG-01,Mengelola data,3,2,2,1.5").as_str()), "{text}");
    assert!(lines.contains(&format!("{y},B,Dinas B,1,0,0,0,DIG-02,Keamanan informasi,1,0,0,").as_str()), "{text}");
    assert!(lines.contains(&format!("{y},,Jumlah,8,1,2,1,DIG-01,Mengelola data,4,3,2,1.0").as_str()), "{text}");
    // A unit name a spreadsheet would run as a formula is written as text.
    assert!(lines.iter().any(|l| l.contains("\"'=HYPERLINK(\"\"x\"\")\"")), "{text}");
}
