//! Production mode and accounts: the first admin by a server command, changing a password, an
//! admin's reset, the password rules, the activation codes and the audit log.

use crate::common;

use common::*;
use lentera_protocol::account::{AuditLog, ResetResponse};
use lentera_protocol::password::PasswordProblem;
use lentera_server::config::Mode;
use lentera_server::db::Db;
use lentera_server::setup::{Ready, prepare};
use reqwest::StatusCode;
use serde_json::json;

async fn fresh_db(dir: &tempfile::TempDir) -> Db {
    Db::open(&test_database(dir)).await.expect("database opens")
}

async fn post(s: &TestServer, path: &str, token: Option<&str>, body: serde_json::Value) -> (StatusCode, String) {
    let mut builder = s.http.post(s.url(path)).json(&body);
    if let Some(token) = token {
        builder = builder.bearer_auth(token);
    }
    let response = builder.send().await.expect("answered");
    (response.status(), response.text().await.expect("body"))
}

async fn login_with(s: &TestServer, nip: &str, password: &str, seed: u8) -> (StatusCode, String) {
    post(s, "/api/auth/login", None, json!({ "nip": nip, "password": password, "device_id": device(seed).to_string() })).await
}

async fn me(s: &TestServer, token: &str) -> StatusCode {
    s.http.get(s.url("/api/auth/me")).bearer_auth(token).send().await.expect("answered").status()
}

fn token_of(body: &str) -> String {
    serde_json::from_str::<lentera_protocol::LoginResponse>(body).expect("login body").token
}

#[tokio::test]
async fn production_mode_makes_no_demo_data_and_refuses_a_demo_database_naming_the_way_out() {
    let library = TestServer::start().await.library.clone();
    let dir = tempfile::tempdir().expect("dir");
    let db = fresh_db(&dir).await;
    assert_eq!(prepare(&db, &library, Mode::Production, 0).await, Ok(Ready::NoAdminYet));
    assert_eq!(db.count_learners().await.expect("count"), 0, "no demo people in production");
    assert_eq!(prepare(&db, &library, Mode::Production, 0).await, Ok(Ready::NoAdminYet), "a second start too");

    let demo_dir = tempfile::tempdir().expect("dir");
    let demo = fresh_db(&demo_dir).await;
    let seeded = prepare(&demo, &library, Mode::Demo, lentera_server::now_ms()).await.expect("demo made");
    assert!(matches!(seeded, Ready::DemoSeeded(ref people) if !people.is_empty()), "{seeded:?}");
    let refusal = prepare(&demo, &library, Mode::Production, 0).await.expect_err("production refuses the demo database");
    for way_out in ["lentera-demo", "--db", "admin create"] {
        assert!(refusal.contains(way_out), "{refusal}");
    }
}

#[tokio::test]
async fn the_first_admin_comes_from_a_server_command_with_a_one_time_code_never_a_password() {
    let s = TestServer::start().await;
    let admin = nip(1);
    let code = lentera_server::setup::create_admin(&s.db, &admin, "Dewi Admin BKPSDM", 0).await.expect("created");
    assert_eq!(code.len(), 23, "four groups of five: {code}");
    let (hash, activation, _) = s.db.stored_secrets(&admin).await.expect("read").expect("exists");
    assert_eq!(hash, "", "no password until the admin chooses one");
    assert!(activation.is_some_and(|a| !a.contains(&code)), "the code is kept only as a hash");
    assert_eq!(login_with(&s, &admin, "lentera-demo", 1).await.0, StatusCode::UNAUTHORIZED, "no fixed password");

    let again = lentera_server::setup::create_admin(&s.db, &admin, "Dewi", 0).await.expect_err("a NIP has one account");
    assert!(again.contains("already has an account"), "{again}");
    let bad = lentera_server::setup::create_admin(&s.db, "12345", "X", 0).await.expect_err("NIP checked");
    assert!(bad.contains("--nip"), "{bad}");

    let activate = json!({ "nip": admin, "code": code.to_lowercase(), "password": "teh manis di pagi hari" });
    assert_eq!(post(&s, "/api/auth/activate", None, activate.clone()).await.0, StatusCode::NO_CONTENT);
    assert_eq!(post(&s, "/api/auth/activate", None, activate).await.0, StatusCode::UNAUTHORIZED, "the code works once");
    let (status, body) = login_with(&s, &admin, "teh manis di pagi hari", 1).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#""role":"admin""#), "{body}");
    let log = audit_as(&s, &token_of(&body)).await;
    assert!(log.entries.iter().any(|e| e.action == "admin_create" && e.target == admin), "{log:?}");
}

#[tokio::test]
async fn imported_activation_codes_are_long_enough_that_their_hash_cannot_be_reversed() {
    let s = TestServer::start().await;
    s.create_unit("ROOT", "Pemkot", None).await;
    s.create_person(&nip(1), "Admin", "admin", None).await;
    let token = s.login_as(&nip(1)).await;
    let csv = format!("nip,nama,jabatan,kode_unit,nip_atasan,email\r\n{},Pegawai Baru,Staf,ROOT,,\r\n", nip(7));
    let response = s.http.post(s.url("/api/admin/import")).bearer_auth(&token).header("content-type", "text/csv").body(csv).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    let result: lentera_protocol::org::ImportResult = response.json().await.expect("body");
    let code = result.activation_csv.lines().nth(1).and_then(|l| l.rsplit(',').next()).expect("a code").to_owned();
    assert_eq!(code.chars().filter(char::is_ascii_alphanumeric).count(), 20, "about 99 bits: {code}");
}

#[tokio::test]
async fn a_person_changes_their_password_and_their_other_devices_are_signed_out() {
    let s = TestServer::start().await;
    let phone = s.login(LEARNER_NIP, device(1)).await;
    let laptop = s.login(LEARNER_NIP, device(2)).await;
    let change = |current: &str, new: &str| json!({ "current_password": current, "new_password": new });

    let (status, body) = post(&s, "/api/auth/password", Some(&phone), change("salah-sekali-ini", "gunung bromo berkabut")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a wrong current password keeps the session: {body}");
    assert!(body.contains("current_password"), "{body}");
    for (new, problem) in [
        ("pendek", PasswordProblem::TooShort),
        (LEARNER_NIP, PasswordProblem::IsNip),
        ("Password123", PasswordProblem::TooCommon),
        ("bismillah2025", PasswordProblem::TooCommon),
    ] {
        let (status, body) = post(&s, "/api/auth/password", Some(&phone), change(PASSWORD, new)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{new}: {body}");
        let message = serde_json::to_string(problem.message_id()).expect("json");
        assert!(body.contains(message.trim_matches('"')), "{new}: the app's own words, got {body}");
    }
    assert_eq!(login_with(&s, LEARNER_NIP, PASSWORD, 3).await.0, StatusCode::OK, "refusals changed nothing");

    let (status, body) = post(&s, "/api/auth/password", Some(&phone), change(PASSWORD, "gunung bromo berkabut")).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(me(&s, &phone).await, StatusCode::OK, "the device that changed it stays signed in");
    assert_eq!(me(&s, &laptop).await, StatusCode::UNAUTHORIZED, "other devices are signed out");
    assert_eq!(login_with(&s, LEARNER_NIP, PASSWORD, 4).await.0, StatusCode::UNAUTHORIZED, "the old password is gone");
    assert_eq!(login_with(&s, LEARNER_NIP, "gunung bromo berkabut", 4).await.0, StatusCode::OK);
}

/// A stolen session must not try passwords without limit: guesses at the current password count
/// like this device's logins (10 allowed), then 429 with a wait, even for the right one.
#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_a_login() {
    let s = TestServer::start().await;
    let phone = s.login(LEARNER_NIP, device(1)).await;
    let change = |current: &str| json!({ "current_password": current, "new_password": "gunung bromo berkabut" });
    let mut refused = 0;
    for guess in 0..12 {
        let (status, body) = post(&s, "/api/auth/password", Some(&phone), change(&format!("tebakan-{guess}"))).await;
        match status {
            StatusCode::FORBIDDEN => refused += 1,
            StatusCode::TOO_MANY_REQUESTS => break,
            other => panic!("guess {guess}: {other} {body}"),
        }
    }
    assert_eq!(refused, 10, "the device's allowance of wrong passwords, then a wait");
    let (status, body) = post(&s, "/api/auth/password", Some(&phone), change(PASSWORD)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits: {body}");
    assert_eq!(me(&s, &phone).await, StatusCode::OK, "the session itself stays");
}

#[tokio::test]
async fn activation_follows_the_same_password_rules() {
    let s = TestServer::start().await;
    let newcomer = nip(20);
    s.create_person(&newcomer, "Pegawai Baru", "learner", None).await;
    s.db.set_pending_activation(&newcomer, &lentera_server::auth::code_hash("ABCDE-FGHJK")).await.expect("pending");
    for (password, problem) in [("qwertyuiop", PasswordProblem::TooCommon), (newcomer.as_str(), PasswordProblem::IsNip), ("sembilan9", PasswordProblem::TooShort)] {
        let (status, body) = post(&s, "/api/auth/activate", None, json!({ "nip": newcomer, "code": "ABCDE-FGHJK", "password": password })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{password}: {body}");
        let message = serde_json::to_string(problem.message_id()).expect("json");
        assert!(body.contains(message.trim_matches('"')), "{password}: {body}");
    }
    let (status, _) = post(&s, "/api/auth/activate", None, json!({ "nip": newcomer, "code": "ABCDE-FGHJK", "password": "sawah hijau di desa" })).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "the code still works after refused passwords");
}

/// ROOT → A, B; an admin of ROOT, an admin of B only, the supervisor of A, and L in A.
struct Office {
    s: TestServer,
    admin: String,
    admin_b: String,
    supervisor: String,
    person: String,
}

async fn office() -> Office {
    let s = TestServer::start().await;
    s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
    s.create_unit("A", "Dinas A", Some("ROOT")).await;
    s.create_unit("B", "Dinas B", Some("ROOT")).await;
    let o = Office { admin: nip(1), admin_b: nip(2), supervisor: nip(3), person: nip(4), s };
    o.s.create_person(&o.admin, "Admin Kota", "admin", Some("ROOT")).await;
    o.s.create_person(&o.admin_b, "Admin Dinas B", "admin", Some("B")).await;
    o.s.create_person(&o.supervisor, "Kepala Dinas A", "learner", Some("A")).await;
    o.s.supervise(&o.supervisor, "A").await;
    o.s.create_person(&o.person, "Lestari Wulandari", "learner", Some("A")).await;
    o.s.create_person(&nip(5), "Rekan Sekantor", "learner", Some("A")).await;
    o
}

async fn reset(s: &TestServer, token: &str, nip: &str) -> reqwest::Response {
    s.http.post(s.url(&format!("/api/admin/people/{nip}/reset"))).bearer_auth(token).send().await.expect("answered")
}

async fn audit_as(s: &TestServer, token: &str) -> AuditLog {
    let response = s.http.get(s.url("/api/admin/audit")).bearer_auth(token).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("audit body")
}

#[tokio::test]
async fn an_admin_resets_access_with_a_new_code_and_the_old_sessions_end() {
    let o = office().await;
    let s = &o.s;
    let phone = s.login_as(&o.person).await;
    let by_supervisor = reset(s, &s.login_as(&o.supervisor).await, &o.person).await;
    assert_eq!(by_supervisor.status(), StatusCode::FORBIDDEN, "a supervisor cannot reset access");
    let by_other_admin = reset(s, &s.login_as(&o.admin_b).await, &o.person).await;
    assert_eq!(by_other_admin.status(), StatusCode::NOT_FOUND, "an admin of unit B does not see people of A");
    assert_eq!(me(s, &phone).await, StatusCode::OK, "refused resets changed nothing");

    let admin = s.login_as(&o.admin).await;
    let response = reset(s, &admin, &o.person).await;
    assert_eq!(response.status(), StatusCode::OK);
    let done: ResetResponse = response.json().await.expect("body");
    assert_eq!((done.name.as_str(), done.sessions_ended), ("Lestari Wulandari", 1));
    assert_eq!(me(s, &phone).await, StatusCode::UNAUTHORIZED, "the person's sessions ended");
    assert_eq!(s.db.live_sessions(&o.person).await.expect("count"), 0);
    assert_eq!(login_with(s, &o.person, PASSWORD, 9).await.0, StatusCode::UNAUTHORIZED, "the old password no longer works");
    let activate = json!({ "nip": o.person, "code": done.activation_code, "password": "angin laut sore hari" });
    assert_eq!(post(s, "/api/auth/activate", None, activate).await.0, StatusCode::NO_CONTENT);
    assert_eq!(login_with(s, &o.person, "angin laut sore hari", 9).await.0, StatusCode::OK);

    let own = reset(s, &admin, &o.admin).await;
    assert_eq!(own.status(), StatusCode::UNPROCESSABLE_ENTITY, "an admin changes their own password instead");
}

#[tokio::test]
async fn the_audit_log_says_who_changed_what_and_when_to_admins_only_and_cannot_be_rewritten() {
    let o = office().await;
    let s = &o.s;
    let admin = s.login_as(&o.admin).await;
    let supervisor = s.login_as(&o.supervisor).await;
    let learner = s.login_as(&nip(5)).await;
    let before = lentera_server::now_ms();
    let put = s.http.put(s.url("/api/org/units/A")).bearer_auth(&admin)
        .json(&json!({ "code": "A", "name": "Dinas A Baru", "parent": "ROOT", "supervisors": [o.supervisor] })).send().await.expect("answered");
    assert_eq!(put.status(), StatusCode::OK);
    let assign = s.http.post(s.url("/api/assignments")).bearer_auth(&supervisor)
        .json(&json!({ "course_id": "uji-coba", "due_date": in_days(14), "nips": [o.person] })).send().await.expect("answered");
    assert_eq!(assign.status(), StatusCode::OK);
    let csv = format!("nip,nama,jabatan,kode_unit,nip_atasan,email\r\n{},Pegawai Impor,Staf,B,,\r\n", nip(30));
    let import = s.http.post(s.url("/api/admin/import")).bearer_auth(&admin).header("content-type", "text/csv").body(csv).send().await.expect("answered");
    assert_eq!(import.status(), StatusCode::OK);
    assert_eq!(reset(s, &admin, &o.person).await.status(), StatusCode::OK);

    let log = audit_as(s, &admin).await;
    let find = |action: &str| log.entries.iter().find(|e| e.action == action).unwrap_or_else(|| panic!("{action} in {log:?}"));
    assert_eq!((find("unit_update").actor_nip.as_str(), find("unit_update").target.as_str()), (o.admin.as_str(), "A"));
    assert!(find("unit_update").detail.contains("Dinas A Baru"));
    assert!(find("supervisor_appoint").detail.contains(&o.supervisor));
    assert_eq!((find("assign").actor_name.as_str(), find("assign").target.as_str()), ("Kepala Dinas A", "uji-coba"));
    assert!(find("import").detail.starts_with("1 ditambah"), "{:?}", find("import"));
    assert_eq!(find("access_reset").target, o.person);
    assert!(log.entries.iter().all(|e| e.at_ms >= before && e.at_ms <= lentera_server::now_ms()), "when");
    assert_eq!(log.entries.first().map(|e| e.action.as_str()), Some("access_reset"), "newest first");

    let b_only = audit_as(s, &s.login_as(&o.admin_b).await).await;
    assert!(b_only.entries.iter().all(|e| e.action != "access_reset" && e.action != "assign"), "unit A's changes are not B's admin's: {b_only:?}");
    for token in [&supervisor, &learner] {
        let response = s.http.get(s.url("/api/admin/audit")).bearer_auth(token).send().await.expect("answered");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }

    let (update, delete) = s.db.tamper_with_audit_log().await;
    assert!(update.is_err() && delete.is_err(), "append-only: {update:?} {delete:?}");
    assert_eq!(audit_as(s, &admin).await, log, "nothing was rewritten or lost");
}

/// The audit log's actions, newest first, as an admin reads them.
async fn actions(s: &TestServer, admin: &str) -> Vec<String> {
    audit_as(s, admin).await.entries.into_iter().map(|e| e.action).collect()
}

#[tokio::test]
async fn a_change_whose_audit_entry_cannot_be_written_is_not_made() {
    let o = office().await;
    let s = &o.s;
    let admin = s.login_as(&o.admin).await;
    let supervisor = s.login_as(&o.supervisor).await;
    let phone = s.login_as(&o.person).await;
    let learners = s.db.count_learners().await.expect("count");
    s.db.refuse_inserts("audit_log").await.expect("refusing");

    let csv = format!("nip,nama,jabatan,kode_unit,nip_atasan,email\r\n{},Pegawai Impor,Staf,B,,\r\n", nip(31));
    let import = s.http.post(s.url("/api/admin/import")).bearer_auth(&admin).header("content-type", "text/csv").body(csv).send().await.expect("answered");
    assert_eq!(import.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(s.db.count_learners().await.expect("count"), learners, "nobody was imported");

    assert_eq!(reset(s, &admin, &o.person).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(me(s, &phone).await, StatusCode::OK, "the person's session did not end");
    assert_eq!(login_with(s, &o.person, PASSWORD, 9).await.0, StatusCode::OK, "the password still works");

    let unit = json!({ "code": "C", "name": "Dinas C", "parent": "ROOT", "supervisors": [] });
    assert_eq!(s.post_json(&admin, "/api/org/units", &unit).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let units: lentera_protocol::org::UnitList = s.get_json(&admin, "/api/org/units").await;
    assert!(units.units.iter().all(|u| u.code != "C"), "no unit C");

    let assign = json!({ "course_id": "uji-coba", "due_date": in_days(14), "nips": [o.person] });
    assert_eq!(s.post_json(&supervisor, "/api/assignments", &assign).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let mine: lentera_protocol::org::AssignmentList = s.get_json(&phone, "/api/assignments/mine").await;
    assert!(mine.assignments.is_empty(), "nothing assigned");
}

#[tokio::test]
async fn a_failed_change_leaves_no_audit_entry() {
    let o = office().await;
    let s = &o.s;
    let admin = s.login_as(&o.admin).await;
    s.db.refuse_inserts("learners").await.expect("refusing");
    let csv = format!("nip,nama,jabatan,kode_unit,nip_atasan,email\r\n{},Pegawai Impor,Staf,B,,\r\n", nip(32));
    let import = s.http.post(s.url("/api/admin/import")).bearer_auth(&admin).header("content-type", "text/csv").body(csv).send().await.expect("answered");
    assert_eq!(import.status(), StatusCode::INTERNAL_SERVER_ERROR);
    s.db.refuse_inserts("units").await.expect("refusing");
    let unit = json!({ "code": "C", "name": "Dinas C", "parent": "ROOT", "supervisors": [o.supervisor] });
    assert_eq!(s.post_json(&admin, "/api/org/units", &unit).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let log = actions(s, &admin).await;
    assert!(!log.iter().any(|a| a == "import" || a == "unit_create" || a == "supervisor_appoint"), "{log:?}");
}
