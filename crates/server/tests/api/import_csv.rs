//! The admin's staff CSV: every mistake named by its line, a file with mistakes imports nothing,
//! a clean file adds and changes exactly what its preview said, and new people activate once.

use crate::common;

use common::*;
use lentera_protocol::org::{Dashboard, ImportPreview, ImportResult, UnitList};
use lentera_protocol::Account;
use reqwest::StatusCode;
use serde_json::json;

const HEADER: &str = "nip,nama,jabatan,kode_unit,nip_atasan,email";

/// A city (KOTA → DINAS-A, DINAS-B) managed by an admin, and a neighbouring regency (KAB)
/// with one person in it that the admin does not manage.
struct City {
    server: TestServer,
    admin: String,
    outsider: String,
}

impl City {
    async fn new() -> City {
        let server = TestServer::start().await;
        server.create_unit("KOTA", "Pemerintah Kota Uji", None).await;
        server.create_unit("DINAS-A", "Dinas Kominfo", Some("KOTA")).await;
        server.create_unit("DINAS-B", "Dinas Pendidikan", Some("KOTA")).await;
        server.create_unit("KAB", "Pemerintah Kabupaten Tetangga", None).await;
        let (admin, outsider) = (nip(1), nip(50));
        server.create_person(&admin, "Admin Kota", "admin", Some("KOTA")).await;
        server.create_person(&outsider, "Pegawai Kabupaten", "learner", Some("KAB")).await;
        let admin = server.login_as(&admin).await;
        City { server, admin, outsider }
    }

    async fn preview(&self, file: impl Into<Vec<u8>>) -> ImportPreview {
        let response = self.server.post_csv(&self.admin, "/api/admin/import/preview", file).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.expect("preview body")
    }

    async fn import(&self, file: impl Into<Vec<u8>>) -> reqwest::Response {
        self.server.post_csv(&self.admin, "/api/admin/import", file).await
    }

    /// Imports a file that must be clean.
    async fn import_clean(&self, file: impl Into<Vec<u8>>) -> ImportResult {
        let response = self.import(file).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        assert_eq!(status, StatusCode::OK, "{text}");
        serde_json::from_str(&text).expect("import result")
    }

    /// The stored hash of a person's activation code; `None` once activated.
    async fn activation_hash(&self, nip: &str) -> Option<String> {
        self.server.db.stored_secrets(nip).await.expect("read").expect("row").1
    }

    async fn learners(&self) -> i64 {
        self.server.db.count_learners().await.expect("count")
    }
}

/// A staff file: the header, then `rows`, CRLF line ends as a spreadsheet saves them.
fn file(rows: &[&str]) -> String {
    std::iter::once(HEADER).chain(rows.iter().copied()).map(|line| format!("{line}\r\n")).collect()
}

/// A clean row for `nip` in `unit`.
fn row(nip: &str, name: &str, position: &str, unit: &str) -> String {
    format!("{nip},{name},{position},{unit},,")
}

fn errors_of(preview: &ImportPreview) -> Vec<(u32, &str)> {
    preview.errors.iter().map(|e| (e.line, e.kind.as_str())).collect()
}

/// (nip, code) rows of the activation sheet, after checking its header.
fn activation_codes(csv: &str) -> Vec<(String, String)> {
    let records = lentera_server::csv::read(csv.as_bytes()).expect("activation CSV reads");
    assert_eq!(records[0].fields, ["nip", "nama", "kode_unit", "kode_aktivasi"]);
    records[1..].iter().map(|r| (r.fields[0].clone(), r.fields[3].clone())).collect()
}

#[tokio::test]
async fn every_kind_of_mistake_is_named_with_its_line() {
    let city = City::new().await;
    let good = row(&nip(100), "Sri Rahayu", "Pranata Komputer", "DINAS-A");
    let (n2, n3, nobody) = (nip(101), nip(102), nip(777));
    let mut non_utf8 = file(&[&good]).into_bytes();
    non_utf8.extend_from_slice(format!("{n2},Jos").as_bytes());
    non_utf8.extend_from_slice(b"\xe9 Sirait,Staf,DINAS-A,,\r\n");
    // (what is wrong, the file, the line named, its kind, a word the message must hold)
    let cases: Vec<(&str, Vec<u8>, u32, &str, &str)> = vec![
        ("Windows-1252 bytes on line 3", non_utf8, 3, "encoding", "UTF-8"),
        ("a row with 4 of 6 columns", file(&[&good, &format!("{n2},Budi,Staf,DINAS-A")]).into(), 3, "columns", "4 kolom"),
        ("a header without jabatan", format!("nip,nama,kode_unit,nip_atasan,email\r\n{n2},Budi,DINAS-A,,\r\n").into(), 1, "header", "jabatan"),
        ("a NIP with a birth month 13", file(&[&good, &row("198513122010011102", "Budi", "Staf", "DINAS-A")]).into(), 3, "nip", "tanggal lahir"),
        ("the same NIP twice", file(&[&good, &row(&n2, "Budi", "Staf", "DINAS-A"), &row(&nip(100), "Sri R.", "Staf", "DINAS-B")]).into(), 4, "duplicate_nip", "baris 2"),
        ("a unit code that does not exist", file(&[&good, &row(&n2, "Budi", "Staf", "TIDAK-ADA")]).into(), 3, "unknown_unit", "TIDAK-ADA"),
        ("a unit the admin does not manage", file(&[&good, &row(&n2, "Budi", "Staf", "KAB")]).into(), 3, "unknown_unit", "KAB"),
        ("a supervisor NIP nobody has", file(&[&good, &format!("{n2},Budi,Staf,DINAS-A,{nobody},")]).into(), 3, "unknown_supervisor", &nobody),
        ("an email without a domain", file(&[&good, &format!("{n2},Budi,Staf,DINAS-A,,budi@kantor")]).into(), 3, "email", "budi@kantor"),
        ("an empty name", file(&[&good, &row(&n3, "", "Staf", "DINAS-A")]).into(), 3, "missing_value", "nama"),
        ("a name over 100 characters", file(&[&good, &row(&n3, &"Budi ".repeat(21), "Staf", "DINAS-A")]).into(), 3, "too_long", "paling banyak 100"),
        ("a position over 150 characters", file(&[&good, &row(&n3, "Budi", &"Staf ".repeat(31), "DINAS-A")]).into(), 3, "too_long", "jabatan"),
    ];
    for (what, bytes, line, kind, word) in cases {
        let preview = city.preview(bytes).await;
        assert_eq!(errors_of(&preview), [(line, kind)], "{what}: {:?}", preview.errors);
        assert!(preview.errors[0].message.contains(word), "{what}: the message should mention {word:?}: {}", preview.errors[0].message);
        assert!(preview.added.is_empty() && preview.changed.is_empty(), "{what}: a file with errors plans nothing");
    }
}

#[tokio::test]
async fn a_bad_nip_says_which_part_is_wrong() {
    let city = City::new().await;
    let cases = [
        ("19850312201001110", "18 angka"),
        ("1985031220100111O2", "hanya berisi angka"),
        ("198502302010011102", "tanggal lahir"),
        ("198503122010131102", "bulan pengangkatan"),
        ("198503121984121102", "sebelum tanggal lahir"),
        ("198503122010013102", "jenis kelamin"),
        ("198503122010011000", "nomor urut"),
    ];
    for (bad, part) in cases {
        let preview = city.preview(file(&[&row(bad, "Budi", "Staf", "DINAS-A")])).await;
        assert_eq!(errors_of(&preview), [(2, "nip")], "{bad}");
        let message = &preview.errors[0].message;
        assert!(message.contains(part) && message.contains(bad), "NIP {bad}: the message should name {part:?}: {message}");
    }
}

#[tokio::test]
async fn a_file_with_several_mistakes_lists_them_all_and_imports_nothing() {
    let city = City::new().await;
    let fine = nip(100);
    let rows = [
        row(&fine, "Sri Rahayu", "Pranata Komputer", "DINAS-A"),
        row("198503122010013101", "Budi", "Staf", "DINAS-A"),
        row(&nip(102), "Rina", "Staf", "TIDAK-ADA"),
        format!("{},Tono,Staf,DINAS-B,,tono@", nip(103)),
        row(&nip(104), "Ani", "", "DINAS-B"),
        row(&fine, "Sri Rahayu", "Pranata Komputer", "DINAS-A"),
    ];
    let text = file(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let preview = city.preview(text.clone()).await;
    assert_eq!(errors_of(&preview), [(3, "nip"), (4, "unknown_unit"), (5, "email"), (6, "missing_value"), (7, "duplicate_nip")]);
    assert_eq!(preview.rows, 6);

    let before = city.learners().await;
    let response = city.import(text).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (code, message) = error_of(response).await;
    assert_eq!(code, "unprocessable");
    assert!(message.contains("5 error") && message.contains("line 3"), "{message}");
    assert_eq!(city.learners().await, before, "a file with errors adds nobody, not even its clean rows");
    assert!(city.server.db.person(&fine).await.expect("lookup").is_none());
}

#[tokio::test]
async fn a_clean_file_imports_what_its_preview_said_with_one_activation_code_per_new_person() {
    let city = City::new().await;
    let people = [nip(100), nip(101), nip(102)];
    let text = file(&[
        &row(&people[0], "Sri Rahayu", "Pranata Komputer", "DINAS-A"),
        &row(&people[1], "Budi Santoso", "Analis Kebijakan", "DINAS-A"),
        &format!("{},Rina Siregar,Guru,DINAS-B,{},rina@sibolgakota.go.id", people[2], people[1]),
    ]);
    let before = city.learners().await;
    let preview = city.preview(text.clone()).await;
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    let added: Vec<(u32, &str, &str)> = preview.added.iter().map(|c| (c.line, c.nip.as_str(), c.unit_code.as_str())).collect();
    assert_eq!(added, [(2, people[0].as_str(), "DINAS-A"), (3, people[1].as_str(), "DINAS-A"), (4, people[2].as_str(), "DINAS-B")]);
    assert!(preview.changed.is_empty());
    assert_eq!((preview.rows, preview.unchanged), (3, 0));
    assert_eq!(city.learners().await, before, "a preview stores nothing");

    let result = city.import_clean(text).await;
    assert_eq!((result.added, result.changed, result.unchanged), (3, 0, 0));
    assert_eq!(city.learners().await, before + 3);
    let codes = activation_codes(&result.activation_csv);
    let nips: Vec<&str> = codes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(nips, people.iter().map(String::as_str).collect::<Vec<_>>(), "one code per new person");
    for (nip, code) in &codes {
        let groups: Vec<&str> = code.split('-').collect();
        let shape = groups.len() == 4 && groups.iter().all(|g| g.len() == 5 && g.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert!(shape, "{nip}: code {code:?} should look like XXXXX-XXXXX-XXXXX-XXXXX");
    }
    let distinct: std::collections::BTreeSet<&str> = codes.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(distinct.len(), 3, "every person gets their own code");
}

#[tokio::test]
async fn importing_the_same_file_again_changes_nothing_and_makes_no_new_codes() {
    let city = City::new().await;
    let text = file(&[
        &row(&nip(100), "Sri Rahayu", "Pranata Komputer", "DINAS-A"),
        &format!("{},Budi Santoso,Analis,DINAS-B,{},budi@sibolgakota.go.id", nip(101), nip(100)),
    ]);
    city.import_clean(text.clone()).await;
    let learners = city.learners().await;
    let code_before = city.activation_hash(&nip(100)).await;
    assert!(code_before.is_some());

    let preview = city.preview(text.clone()).await;
    assert!(preview.added.is_empty() && preview.changed.is_empty(), "{preview:?}");
    assert_eq!(preview.unchanged, 2);
    let again = city.import_clean(text).await;
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 2));
    assert!(activation_codes(&again.activation_csv).is_empty(), "no new codes: {}", again.activation_csv);
    assert_eq!(city.learners().await, learners);
    assert_eq!(city.activation_hash(&nip(100)).await, code_before, "the code already handed out still works");
}

#[tokio::test]
async fn a_new_position_shows_as_a_change_of_position_only() {
    let city = City::new().await;
    let (sri, budi) = (nip(100), nip(101));
    city.import_clean(file(&[&row(&sri, "Sri Rahayu", "Pranata Komputer", "DINAS-A"), &row(&budi, "Budi Santoso", "Staf", "DINAS-A")])).await;
    let promoted = file(&[&row(&sri, "Sri Rahayu", "Pranata Komputer", "DINAS-A"), &row(&budi, "Budi Santoso", "Kepala Seksi", "DINAS-A")]);

    let preview = city.preview(promoted.clone()).await;
    assert!(preview.added.is_empty());
    let changed: Vec<(u32, &str, Vec<String>)> = preview.changed.iter().map(|c| (c.line, c.nip.as_str(), c.fields.clone())).collect();
    assert_eq!(changed, [(3, budi.as_str(), vec!["position".to_owned()])]);
    assert_eq!(preview.unchanged, 1);

    let result = city.import_clean(promoted).await;
    assert_eq!((result.added, result.changed, result.unchanged), (0, 1, 1));
    let (_, _, position) = city.server.db.stored_secrets(&budi).await.expect("read").expect("row");
    assert_eq!(position, "Kepala Seksi");
}

#[tokio::test]
async fn a_semicolon_file_saved_with_a_bom_imports() {
    let city = City::new().await;
    let text = format!(
        "\u{feff}nip;nama;jabatan;kode_unit;nip_atasan;email\r\n{};Siregar, Rina;Guru;DINAS-B;;\r\n{};Sri Rahayu;Staf;DINAS-A;;sri@sibolgakota.go.id\r\n",
        nip(100),
        nip(101)
    );
    let preview = city.preview(text.clone()).await;
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(preview.added.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Siregar, Rina", "Sri Rahayu"]);
    let result = city.import_clean(text).await;
    assert_eq!(result.added, 2);
    assert_eq!(activation_codes(&result.activation_csv).len(), 2);
}

#[tokio::test]
async fn an_activation_code_sets_the_password_once() {
    let city = City::new().await;
    let sri = nip(100);
    let result = city.import_clean(file(&[&row(&sri, "Sri Rahayu", "Staf", "DINAS-A")])).await;
    let (_, code) = activation_codes(&result.activation_csv).remove(0);
    let login = |password: &'static str| {
        let body = json!({ "nip": sri, "password": password, "device_id": device_of(&sri).to_string() });
        city.server.http.post(city.server.url("/api/auth/login")).json(&body).send()
    };
    assert_eq!(login(PASSWORD).await.expect("answered").status(), StatusCode::UNAUTHORIZED, "no login before activation");

    let activate = |code: String| {
        let body = json!({ "nip": sri, "code": code.to_lowercase(), "password": PASSWORD });
        city.server.http.post(city.server.url("/api/auth/activate")).json(&body).send()
    };
    assert_eq!(activate(code.clone()).await.expect("answered").status(), StatusCode::NO_CONTENT);
    let token = city.server.login_as(&sri).await;
    let me: Account = city.server.get_json(&token, "/api/auth/me").await;
    assert_eq!((me.name.as_str(), me.unit.as_str(), me.role.as_str()), ("Sri Rahayu", "Dinas Kominfo", "learner"));

    let second = activate(code).await.expect("answered");
    assert_eq!(second.status(), StatusCode::UNAUTHORIZED, "a code works once");
    assert_eq!(login(PASSWORD).await.expect("answered").status(), StatusCode::OK, "the password set first still holds");
}

#[tokio::test]
async fn only_an_admin_may_preview_or_import() {
    let city = City::new().await;
    let (boss, clerk) = (nip(2), nip(3));
    city.server.create_person(&boss, "Kepala Dinas", "learner", Some("DINAS-A")).await;
    city.server.supervise(&boss, "KOTA").await;
    city.server.create_person(&clerk, "Staf Biasa", "learner", Some("DINAS-A")).await;
    let text = file(&[&row(&nip(100), "Sri Rahayu", "Staf", "DINAS-A")]);
    let before = city.learners().await;
    for who in [&boss, &clerk] {
        let token = city.server.login_as(who).await;
        for path in ["/api/admin/import/preview", "/api/admin/import"] {
            let response = city.server.post_csv(&token, path, text.clone()).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who} {path}");
            assert_eq!(error_of(response).await.0, "forbidden");
        }
    }
    assert_eq!(city.learners().await, before);
}

#[tokio::test]
async fn a_supervisor_named_in_the_file_comes_to_lead_that_unit_and_sees_its_people() {
    let city = City::new().await;
    let boss = nip(2);
    city.server.create_person(&boss, "Kepala Dinas Pendidikan", "learner", Some("KOTA")).await;
    let (rina, tono, sri) = (nip(100), nip(101), nip(102));
    city.import_clean(file(&[
        &format!("{rina},Rina Siregar,Guru,DINAS-B,{boss},"),
        &format!("{tono},Tono Hutagalung,Guru,DINAS-B,{boss},"),
        &row(&sri, "Sri Rahayu", "Staf", "DINAS-A"),
    ]))
    .await;

    let units: UnitList = city.server.get_json(&city.admin, "/api/org/units").await;
    let b = units.units.iter().find(|u| u.code == "DINAS-B").expect("unit listed");
    assert_eq!(b.supervisors, std::slice::from_ref(&boss));
    assert_eq!(b.staff, 2);

    let token = city.server.login_as(&boss).await;
    let me: Account = city.server.get_json(&token, "/api/auth/me").await;
    assert_eq!(me.role, "supervisor");
    let board: Dashboard = city.server.get_json(&token, "/api/dashboard").await;
    let mut seen: Vec<&str> = board.staff.iter().map(|r| r.nip.as_str()).collect();
    seen.sort_unstable();
    assert_eq!(seen, [rina.as_str(), tono.as_str()], "the new supervisor sees DINAS-B's people and nobody else");
}

#[tokio::test]
async fn a_new_supervisor_in_a_later_file_takes_over_and_the_old_one_no_longer_sees_the_unit() {
    let city = City::new().await;
    let (old_boss, new_boss, rina) = (nip(2), nip(3), nip(100));
    city.server.create_person(&old_boss, "Kepala Lama", "learner", Some("KOTA")).await;
    city.server.create_person(&new_boss, "Kepala Baru", "learner", Some("KOTA")).await;
    city.import_clean(file(&[&format!("{rina},Rina Siregar,Guru,DINAS-B,{old_boss},")])).await;
    let old_token = city.server.login_as(&old_boss).await;
    let board: Dashboard = city.server.get_json(&old_token, "/api/dashboard").await;
    assert_eq!(board.staff.len(), 1, "the first file makes the old head lead DINAS-B");

    let second = city.import_clean(file(&[&format!("{rina},Rina Siregar,Guru,DINAS-B,{new_boss},")])).await;
    assert_eq!((second.added, second.changed), (0, 1));
    let refused = city.server.get_with(&old_token, "/api/dashboard").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "the old head leads nothing now, so is a learner again");
    let new_token = city.server.login_as(&new_boss).await;
    let board: Dashboard = city.server.get_json(&new_token, "/api/dashboard").await;
    assert_eq!(board.staff.iter().map(|r| r.nip.as_str()).collect::<Vec<_>>(), [rina.as_str()]);
}

/// What a spreadsheet would run, in every column a person fills in (OWASP's formula starts).
const FORMULAS: [&str; 3] = ["-2+3+cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "@SUM(A1)"];

#[tokio::test]
async fn every_csv_the_server_writes_defuses_formulas_in_names_positions_and_units() {
    let city = City::new().await;
    city.server.create_unit("LAB", "+Dinas Formula", Some("KOTA")).await;
    let person = nip(120);
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let result = city.import_clean(file(&[&format!("{person},{},{},LAB,,", quoted(FORMULAS[0]), quoted(FORMULAS[1]))])).await;
    let boss = city.server.login_as(&nip(1)).await;
    let dashboard = city.server.get_with(&boss, "/api/dashboard.csv").await.text().await.expect("dashboard csv");
    // The ledger CSV writes its name column through the same `csv::line` (its rows need credited courses).
    for (what, text) in [("activation sheet", &result.activation_csv), ("dashboard", &dashboard)] {
        let records = lentera_server::csv::read(text.as_bytes()).expect("reads back");
        let cells: Vec<&str> = records.iter().flat_map(|r| r.fields.iter().map(String::as_str)).collect();
        assert!(cells.contains(&format!("'{}", FORMULAS[0]).as_str()), "{what}: the name is not defused: {text}");
        for cell in cells {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{what}: a cell a spreadsheet would run: {cell:?}");
        }
    }
    assert!(dashboard.contains(&format!("'{}", FORMULAS[1].replace('"', "\"\""))), "the position is not defused: {dashboard}");
    assert!(dashboard.contains("'+Dinas Formula"), "the unit name is not defused: {dashboard}");
}

#[tokio::test]
async fn the_preview_answers_a_nip_outside_the_admins_units_as_one_nobody_has() {
    let city = City::new().await;
    let nobody = nip(51);
    let preview_of = |who: &str| file(&[&row(who, "Pegawai Baru", "Staf", "DINAS-A")]);
    let outsider = city.preview(preview_of(&city.outsider)).await;
    let unknown = city.preview(preview_of(&nobody)).await;
    assert!(outsider.errors.is_empty() && unknown.errors.is_empty(), "{:?} {:?}", outsider.errors, unknown.errors);
    assert_eq!((outsider.added.len(), outsider.changed.len(), outsider.unchanged), (1, 0, 0));
    assert_eq!((unknown.added.len(), unknown.changed.len(), unknown.unchanged), (1, 0, 0));
    // As a supervisor: the same refusal, word for word but the NIP.
    let boss_line = |boss: &str| file(&[&format!("{},Budi,Staf,DINAS-A,{boss},", nip(102))]);
    let outsider = city.preview(boss_line(&city.outsider)).await;
    let unknown = city.preview(boss_line(&nobody)).await;
    assert_eq!(errors_of(&outsider), [(2, "unknown_supervisor")]);
    assert_eq!(outsider.errors[0].message.replace(&city.outsider, "N"), unknown.errors[0].message.replace(&nobody, "N"));
    // Applying the file does not take the person over: nothing is imported.
    let learners = city.learners().await;
    let response = city.import(preview_of(&city.outsider)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(response).await.1.contains("BKPSDM"));
    assert_eq!(city.learners().await, learners);
    assert_eq!(city.server.db.person(&city.outsider).await.expect("read").expect("still there").1, Some(city.server.unit_id("KAB").await));
}

#[tokio::test]
async fn a_unit_admin_cannot_make_someone_outside_their_units_a_supervisor() {
    let city = City::new().await;
    let learners = city.learners().await;
    let response = city.import(file(&[&format!("{},Budi,Staf,DINAS-A,{},", nip(103), city.outsider)])).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(response).await.1.contains("line 2"));
    assert_eq!(city.learners().await, learners, "nothing imported");
    // Nor through a unit's supervisors: the same 404 as for a NIP nobody has.
    let unit = json!({ "code": "DINAS-A", "name": "Dinas Kominfo", "parent": "KOTA", "supervisors": [city.outsider] });
    let response = city.server.http.put(city.server.url("/api/org/units/DINAS-A")).bearer_auth(&city.admin).json(&unit).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, message) = error_of(response).await;
    assert!(message.contains("supervisors[0]") && message.contains("among your units"), "{message}");
    let units: UnitList = city.server.get_json(&city.admin, "/api/org/units").await;
    assert!(units.units.iter().all(|u| !u.supervisors.contains(&city.outsider)), "no unit names the outsider");
}
