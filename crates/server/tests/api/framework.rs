//! The competency framework the admin controls: the default loaded into an empty database, one
//! competency edited with every field checked, and the requirements CSV (errors by line, all or
//! nothing, the same file twice changes nothing).

use crate::common;

use common::*;
use lentera_protocol::framework::{Framework, RequirementsImport, RequirementsRefused};
use reqwest::StatusCode;
use serde_json::json;

const HEADER: &str = "jabatan,kode_kompetensi,level\r\n";

/// A server with an admin, a supervisor and a learner; their tokens.
struct Office {
    server: TestServer,
    admin: String,
    supervisor: String,
    learner: String,
}

impl Office {
    async fn new() -> Office {
        let server = TestServer::start().await;
        server.create_unit("KOTA", "Pemerintah Kota Uji", None).await;
        server.create_unit("DINAS", "Dinas Kominfo", Some("KOTA")).await;
        server.create_person(&nip(1), "Admin Kota", "admin", None).await;
        server.create_person(&nip(2), "Kepala Dinas", "learner", Some("DINAS")).await;
        server.supervise(&nip(2), "DINAS").await;
        server.create_person(&nip(3), "Staf Dinas", "learner", Some("DINAS")).await;
        let (admin, supervisor, learner) = (server.login_as(&nip(1)).await, server.login_as(&nip(2)).await, server.login_as(&nip(3)).await);
        Office { server, admin, supervisor, learner }
    }

    async fn framework(&self) -> Framework {
        self.server.get_json(&self.admin, "/api/framework").await
    }

    async fn put(&self, token: &str, code: &str, body: &serde_json::Value) -> reqwest::Response {
        let s = &self.server;
        s.http.put(s.url(&format!("/api/framework/competencies/{code}"))).bearer_auth(token).json(body).send().await.expect("answered")
    }

    async fn import(&self, token: &str, file: &str) -> reqwest::Response {
        self.server.post_csv(token, "/api/framework/requirements", file.to_owned()).await
    }

    async fn import_clean(&self, file: &str) -> RequirementsImport {
        let response = self.import(&self.admin, file).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        assert_eq!(status, StatusCode::OK, "{text}");
        serde_json::from_str(&text).expect("import counts")
    }

    async fn requirements_csv(&self) -> String {
        let response = self.server.get_with(&self.admin, "/api/framework/requirements.csv").await;
        assert_eq!(response.status(), StatusCode::OK);
        response.text().await.expect("body")
    }

    async fn audit_actions(&self, action: &str) -> usize {
        self.server.db.audit_entries(None, 500).await.expect("audit").iter().filter(|e| e.action == action).count()
    }
}

fn valid_edit() -> serde_json::Value {
    json!({
        "kind": "manajerial",
        "name": "Keamanan digital tim",
        "description": "Menjaga akun dan data tim.",
        "pillars": ["aman", "etika"],
        "levels": ["Tahu dasar", "Menerapkan", "Mandiri", "Memimpin tim", "Rujukan instansi"],
        "courses": ["uji-coba"],
    })
}

#[tokio::test]
async fn an_empty_database_gets_the_default_framework_and_keeps_the_admins_edits() {
    let office = Office::new().await;
    let framework = office.framework().await;
    let defaults = lentera_server::framework::defaults().expect("default framework");
    assert_eq!(framework.competencies, defaults.competencies, "the default framework, in its order");
    assert_eq!(framework.competencies[0].code, "DIG-01");
    assert!(framework.competencies.iter().all(|c| c.levels.len() == 5));
    let analyst = framework.positions.iter().find(|p| p.position == "Analis Kebijakan").expect("a demo position's requirements");
    assert_eq!(analyst.requirements.len(), 5);
    assert!(framework.courses.iter().any(|c| c.id == "uji-coba"), "the library's courses to map to");
    // What the survey reads: a person's position as imported, spaces and case folded.
    let wanted = office.server.db.requirements_of(&lentera_protocol::akpk::position_key(" analis  KEBIJAKAN")).await.expect("read");
    let codes: Vec<&str> = wanted.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["DIG-02", "DIG-03", "DIG-07", "DIG-08", "DIG-09"], "in the framework's order");
    assert_eq!(wanted[3], ("DIG-08".to_owned(), 4));

    let response = office.put(&office.admin, "DIG-01", &valid_edit()).await;
    assert_eq!(response.status(), StatusCode::OK);
    // A later start finds a framework and leaves it as the admin made it.
    assert!(!office.server.db.seed_framework(&defaults, 0).await.expect("seed"), "a framework that exists is not loaded over");
    let after = office.framework().await;
    assert_eq!(after.competencies[0].name, "Keamanan digital tim");
    assert_eq!(after.competencies.len(), defaults.competencies.len());
    office.server.shutdown().await;
}

#[tokio::test]
async fn a_competency_edit_is_checked_field_by_field_and_audited() {
    let office = Office::new().await;
    let with = |field: &str, value: serde_json::Value| {
        let mut body = valid_edit();
        body[field] = value;
        body
    };
    let long = "x".repeat(lentera_protocol::framework::LEVEL_MAX + 1);
    let cases = [
        (with("kind", json!("digital")), "kind"),
        (with("name", json!("  ")), "name"),
        (with("description", json!("")), "description"),
        (with("pillars", json!([])), "pillars"),
        (with("pillars", json!(["cakap", "internet"])), "pillars"),
        (with("pillars", json!(["aman", "aman"])), "pillars"),
        (with("levels", json!(["a", "b", "c", "d"])), "levels"),
        (with("levels", json!(["a", "b", " ", "d", "e"])), "levels[2]"),
        (with("levels", json!([long, "b", "c", "d", "e"])), "levels[0]"),
        (with("courses", json!(["uji-coba", "tidak-ada"])), "courses[1]"),
        (with("courses", json!(["uji-coba", "uji-coba"])), "courses[1]"),
    ];
    for (body, field) in cases {
        let response = office.put(&office.admin, "DIG-02", &body).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{field}: {body}");
        let (_, message) = error_of(response).await;
        assert!(message.contains(&format!("`{field}")), "the message names {field}: {message}");
    }
    assert_eq!(office.framework().await.competencies[1], lentera_server::framework::defaults().expect("defaults").competencies[1], "nothing refused was stored");
    assert_eq!(office.audit_actions("competency_update").await, 0);

    let response = office.put(&office.admin, "TIDAK-ADA", &valid_edit()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    for token in [&office.supervisor, &office.learner] {
        assert_eq!(office.put(token, "DIG-02", &valid_edit()).await.status(), StatusCode::FORBIDDEN);
    }

    let response = office.put(&office.admin, "DIG-02", &valid_edit()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored = office.framework().await.competencies.into_iter().find(|c| c.code == "DIG-02").expect("still there");
    assert_eq!((stored.name.as_str(), stored.levels[4].as_str(), stored.courses.as_slice()), ("Keamanan digital tim", "Rujukan instansi", &["uji-coba".to_owned()][..]));
    assert_eq!(office.framework().await.competencies[1].code, "DIG-02", "its place in the order stays");
    assert_eq!(office.audit_actions("competency_update").await, 1);
    // Supervisors read the framework (they validate plans against it); learners do not.
    let _: Framework = office.server.get_json(&office.supervisor, "/api/framework").await;
    assert_eq!(office.server.get_with(&office.learner, "/api/framework").await.status(), StatusCode::FORBIDDEN);
    office.server.shutdown().await;
}

#[tokio::test]
async fn every_error_in_a_requirements_file_is_named_by_line_and_nothing_is_stored() {
    let office = Office::new().await;
    let before = office.requirements_csv().await;
    let file = format!(
        "{HEADER}Analis Kebijakan,DIG-01,5\r\nPranata Humas,XYZ-99,3\r\nPranata Humas,DIG-06,6\r\n,DIG-02,2\r\nanalis  kebijakan,dig-01,4\r\nArsiparis,DIG-01,2,lagi\r\nPerencana,DIG-02,dua\r\n"
    );
    let response = office.import(&office.admin, &file).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: RequirementsRefused = response.json().await.expect("errors by line");
    assert_eq!(refused.error.code, "unprocessable");
    let found: Vec<(u32, &str)> = refused.errors.iter().map(|e| (e.line, e.kind.as_str())).collect();
    assert_eq!(found, [(3, "unknown_competency"), (4, "level"), (5, "empty_position"), (6, "duplicate"), (7, "columns"), (8, "level")]);
    assert!(refused.errors[3].message.contains("baris 2"), "the duplicate names its first line: {}", refused.errors[3].message);
    assert_eq!(office.requirements_csv().await, before, "line 2 was fine, but a file with errors stores nothing");
    assert_eq!(office.audit_actions("requirements_import").await, 0);

    for (file, kind) in [("", "empty"), ("jabatan,kode,level\r\nA,DIG-01,2\r\n", "header"), (HEADER, "empty")] {
        let response = office.import(&office.admin, file).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{file:?}");
        let refused: RequirementsRefused = response.json().await.expect("errors");
        assert_eq!(refused.errors[0].kind, kind, "{file:?}");
    }
    assert_eq!(office.import(&office.supervisor, &format!("{HEADER}Staf,DIG-01,2\r\n")).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(office.server.get_with(&office.supervisor, "/api/framework/requirements.csv").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(office.requirements_csv().await, before);
    office.server.shutdown().await;
}

#[tokio::test]
async fn a_file_sets_exactly_its_positions_and_importing_it_again_changes_nothing() {
    let office = Office::new().await;
    let humas_before = office.server.db.requirements_of("pranata humas").await.expect("read");
    // Semicolons, as spreadsheets in Indonesian locales save; the position's spaces and case fold.
    let file = "jabatan;kode_kompetensi;level\r\n Analis  Kebijakan ;DIG-02;4\r\nanalis kebijakan;dig-08;4\r\nJabatan Baru;DIG-01;3\r\n";
    let first = office.import_clean(file).await;
    assert_eq!(first, RequirementsImport { lines: 3, positions: 2, added: 1, changed: 1, removed: 3, unchanged: 1 });
    let analyst = office.server.db.requirements_of("analis kebijakan").await.expect("read");
    assert_eq!(analyst, [("DIG-02".to_owned(), 4), ("DIG-08".to_owned(), 4)], "exactly the file's lines");
    assert_eq!(office.server.db.requirements_of("jabatan baru").await.expect("read"), [("DIG-01".to_owned(), 3)]);
    assert_eq!(office.server.db.requirements_of("pranata humas").await.expect("read"), humas_before, "a position the file does not name stays");
    let all = office.server.db.all_requirements().await.expect("read");
    assert!(all.iter().filter(|r| r.0 == "analis kebijakan").all(|r| r.1 == "Analis Kebijakan"), "one name per position: {all:?}");
    assert_eq!(office.audit_actions("requirements_import").await, 1);

    let exported = office.requirements_csv().await;
    let again = office.import_clean(file).await;
    assert_eq!(again, RequirementsImport { lines: 3, positions: 2, unchanged: 3, ..Default::default() });
    assert_eq!(office.requirements_csv().await, exported, "the same file twice changes nothing");
    assert_eq!(office.audit_actions("requirements_import").await, 1, "an import that changes nothing leaves no audit entry");

    // The export is the import's format: reading it back changes nothing either.
    assert!(exported.starts_with("jabatan,kode_kompetensi,level\r\n"), "{exported}");
    assert!(exported.contains("Analis Kebijakan,DIG-02,4\r\n"), "{exported}");
    let round = office.import_clean(&exported).await;
    assert_eq!((round.added, round.changed, round.removed), (0, 0, 0));
    assert_eq!(round.unchanged, round.lines);
    office.server.shutdown().await;
}

#[tokio::test]
async fn the_export_defuses_a_position_a_spreadsheet_would_run() {
    let office = Office::new().await;
    office.import_clean(&format!("{HEADER}\"=HYPERLINK(\"\"x\"\")\",DIG-01,2\r\n")).await;
    let exported = office.requirements_csv().await;
    assert!(exported.contains("\"'=HYPERLINK(\"\"x\"\")\",DIG-01,2"), "{exported}");
    office.server.shutdown().await;
}
