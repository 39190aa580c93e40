//! A course assigned to a whole unit reaches the people who join it later, through the admin's
//! import, until its due date; the supervisor sees it standing and can stop it.

use crate::common;

use common::*;
use lentera_protocol::org::{AssignmentList, AssignmentOverview, ImportPreview};
use reqwest::StatusCode;
use serde_json::json;

const COURSE: &str = "uji-coba";
const HEADER: &str = "nip,nama,jabatan,kode_unit,nip_atasan,email";

/// KOTA → DINAS-A → BIDANG-A1, and DINAS-B; an admin of KOTA; SA supervises DINAS-A, where one person works.
struct Town {
    server: TestServer,
    admin: String,
    /// SA's session.
    boss: String,
}

impl Town {
    async fn new() -> Town {
        let server = TestServer::start().await;
        server.create_unit("KOTA", "Pemerintah Kota Uji", None).await;
        server.create_unit("DINAS-A", "Dinas Kominfo", Some("KOTA")).await;
        server.create_unit("BIDANG-A1", "Bidang Aplikasi", Some("DINAS-A")).await;
        server.create_unit("DINAS-B", "Dinas Pendidikan", Some("KOTA")).await;
        server.create_person(&nip(1), "Admin Kota", "admin", Some("KOTA")).await;
        server.create_person(&nip(2), "Kepala Dinas A", "learner", Some("KOTA")).await;
        server.supervise(&nip(2), "DINAS-A").await;
        server.create_person(&nip(3), "Pegawai Lama", "learner", Some("DINAS-A")).await;
        let (admin, boss) = (server.login_as(&nip(1)).await, server.login_as(&nip(2)).await);
        Town { server, admin, boss }
    }

    async fn assign_unit(&self, unit: &str, due: &str) {
        let body = json!({ "course_id": COURSE, "due_date": due, "unit": unit });
        let response = self.server.post_json(&self.boss, "/api/assignments", &body).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap_or_default());
    }

    /// Imports `rows` (`nip,name,unit`) as the admin; the file must be clean.
    async fn import(&self, rows: &[(&str, &str, &str)]) {
        let response = self.server.post_csv(&self.admin, "/api/admin/import", staff_file(rows)).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap_or_default());
    }

    /// (course, due date, people) the preview of `rows` says the import will assign.
    async fn preview_courses(&self, rows: &[(&str, &str, &str)]) -> Vec<(String, String, u32)> {
        let response = self.server.post_csv(&self.admin, "/api/admin/import/preview", staff_file(rows)).await;
        let preview: ImportPreview = response.json().await.expect("preview");
        assert_eq!(preview.errors, []);
        preview.unit_courses.into_iter().map(|c| (c.course_id, c.due_date, c.people)).collect()
    }

    /// (course, due date) of each of a person's assignments, as the admin (who sees every unit) lists them.
    async fn assigned(&self, nip: &str) -> Vec<(String, String)> {
        let all: AssignmentOverview = self.server.get_json(&self.admin, "/api/assignments").await;
        all.assignments.into_iter().filter(|a| a.nip == nip).map(|a| (a.course_id, a.due_date)).collect()
    }

    async fn overview(&self) -> AssignmentOverview {
        self.server.get_json(&self.boss, "/api/assignments").await
    }
}

fn staff_file(rows: &[(&str, &str, &str)]) -> String {
    let mut csv = format!("{HEADER}\r\n");
    for (nip, name, unit) in rows {
        csv.push_str(&format!("{nip},{name},Staf,{unit},,\r\n"));
    }
    csv
}

#[tokio::test]
async fn a_newcomer_imported_into_the_unit_or_below_it_is_assigned_the_units_course() {
    let town = Town::new().await;
    let due = in_days(30);
    town.assign_unit("DINAS-A", &due).await;
    let standing = town.overview().await.standing;
    assert_eq!(standing.len(), 1);
    assert_eq!((standing[0].unit_code.as_str(), standing[0].course_id.as_str(), standing[0].due_date.as_str()), ("DINAS-A", COURSE, due.as_str()));
    assert_eq!((standing[0].title.as_str(), standing[0].assigned_by.as_str(), standing[0].active), ("Kursus Uji", "Kepala Dinas A", true));

    let (into_unit, below, elsewhere) = (nip(10), nip(11), nip(12));
    let file = [(into_unit.as_str(), "Rina Baru", "DINAS-A"), (below.as_str(), "Tono Baru", "BIDANG-A1"), (elsewhere.as_str(), "Sari Lain", "DINAS-B")];
    assert_eq!(town.preview_courses(&file).await, [(COURSE.to_owned(), due.clone(), 2)], "the preview says who will get it");
    town.import(&file).await;
    assert_eq!(town.assigned(&into_unit).await, [(COURSE.to_owned(), due.clone())]);
    assert_eq!(town.assigned(&below).await, [(COURSE.to_owned(), due.clone())], "units below inherit");

    // Once activated (here: given the old hand's password), the newcomer's phone gets it on sync.
    let (old_hands, _, _) = town.server.db.stored_secrets(&nip(3)).await.expect("read").expect("row");
    town.server.db.set_password_hash(&into_unit, &old_hands).await.expect("activated");
    let token = town.server.login_as(&into_unit).await;
    let mine: AssignmentList = town.server.get_json(&token, "/api/assignments/mine").await;
    assert_eq!((mine.assignments.len(), mine.assignments[0].status.as_str()), (1, "open"));

    // Someone outside DINAS-A is not assigned; moving them in is joining.
    assert_eq!(town.assigned(&elsewhere).await, [], "DINAS-B is not under DINAS-A");
    town.import(&[(&elsewhere, "Sari Lain", "BIDANG-A1")]).await;
    assert_eq!(town.assigned(&elsewhere).await, [(COURSE.to_owned(), due)]);
}

#[tokio::test]
async fn a_withdrawn_assignment_stays_withdrawn_when_the_same_people_are_imported_again() {
    let town = Town::new().await;
    town.assign_unit("DINAS-A", &in_days(30)).await;
    let old = nip(3);
    let id = town.overview().await.assignments.iter().find(|a| a.nip == old).expect("the old hand is assigned").id;
    let response = town.server.http.delete(town.server.url(&format!("/api/assignments/{id}"))).bearer_auth(&town.boss).send().await.expect("sent");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    assert_eq!(town.preview_courses(&[(&old, "Pegawai Lama", "DINAS-A")]).await, []);
    town.import(&[(&old, "Pegawai Lama", "DINAS-A")]).await;
    assert_eq!(town.assigned(&old).await, [], "staying in the unit is not joining it");
}

#[tokio::test]
async fn a_stopped_or_past_due_unit_course_reaches_no_newcomer() {
    let town = Town::new().await;
    town.assign_unit("DINAS-A", &in_days(30)).await;
    let id = town.overview().await.standing[0].id;
    let stop = |token: &str| town.server.http.delete(town.server.url(&format!("/api/assignments/units/{id}"))).bearer_auth(token.to_owned()).send();
    assert_eq!(stop(&town.boss).await.expect("sent").status(), StatusCode::NO_CONTENT);
    assert_eq!(town.overview().await.standing.len(), 0);
    assert_eq!(town.assigned(&nip(3)).await.len(), 1, "those already assigned keep it");
    assert_eq!(stop(&town.boss).await.expect("sent").status(), StatusCode::NOT_FOUND, "stopped once");
    town.import(&[(&nip(10), "Rina Baru", "DINAS-A")]).await;
    assert_eq!(town.assigned(&nip(10)).await, []);

    // A unit course whose due date has passed would make a newcomer overdue on day one.
    town.assign_unit("BIDANG-A1", &in_days(5)).await;
    town.server.db.set_standing_due_dates(&in_days(-1)).await.expect("aged");
    assert!(!town.overview().await.standing[0].active, "shown as past due");
    town.import(&[(&nip(11), "Tono Baru", "BIDANG-A1")]).await;
    assert_eq!(town.assigned(&nip(11)).await, []);
}

#[tokio::test]
async fn an_empty_new_unit_can_be_given_a_course_for_the_people_it_will_have() {
    let town = Town::new().await;
    let body = json!({ "course_id": COURSE, "due_date": in_days(30), "unit": "BIDANG-A1" });
    let response = town.server.post_json(&town.boss, "/api/assignments", &body).await;
    assert_eq!(response.status(), StatusCode::OK);
    let made: lentera_protocol::org::AssignmentsMade = response.json().await.expect("body");
    assert_eq!((made.assigned, made.updated), (0, 0));
    town.import(&[(&nip(10), "Rina Baru", "BIDANG-A1")]).await;
    assert_eq!(town.assigned(&nip(10)).await.len(), 1);

    let nobody = json!({ "course_id": COURSE, "due_date": in_days(30) });
    assert_eq!(town.server.post_json(&town.boss, "/api/assignments", &nobody).await.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn people_of_a_unit_moved_under_another_join_the_courses_standing_there_and_only_those() {
    let town = Town::new().await;
    town.server.create_unit("SEKSI-B1", "Seksi Kurikulum", Some("DINAS-B")).await;
    let (kept_away, arrived) = (nip(20), nip(21));
    town.import(&[(&kept_away, "Dodi Seksi", "SEKSI-B1")]).await;
    // The admin assigned the course to the section itself, then withdrew Dodi's.
    let admin_assigns = json!({ "course_id": COURSE, "due_date": in_days(10), "unit": "SEKSI-B1" });
    assert_eq!(town.server.post_json(&town.admin, "/api/assignments", &admin_assigns).await.status(), StatusCode::OK);
    town.server.db.delete_all_assignments().await.expect("withdrawn");
    town.import(&[(&kept_away, "Dodi Seksi", "SEKSI-B1"), (&arrived, "Eka Seksi", "DINAS-B")]).await;

    let move_under = |parent: &str| json!({ "code": "SEKSI-B1", "name": "Seksi Kurikulum", "parent": parent, "supervisors": [] });
    let moved = town.server.http.put(town.server.url("/api/org/units/SEKSI-B1")).bearer_auth(&town.admin).json(&move_under("DINAS-A")).send();
    assert_eq!(moved.await.expect("sent").status(), StatusCode::OK);
    assert_eq!(town.assigned(&kept_away).await, [], "DINAS-A has no course standing; the section's own stays withdrawn");

    town.assign_unit("DINAS-A", &in_days(30)).await;
    town.server.db.delete_all_assignments().await.expect("a clean slate");
    let back = town.server.http.put(town.server.url("/api/org/units/SEKSI-B1")).bearer_auth(&town.admin).json(&move_under("DINAS-B")).send();
    assert_eq!(back.await.expect("sent").status(), StatusCode::OK);
    let again = town.server.http.put(town.server.url("/api/org/units/SEKSI-B1")).bearer_auth(&town.admin).json(&move_under("DINAS-A")).send();
    assert_eq!(again.await.expect("sent").status(), StatusCode::OK);
    assert_eq!(town.assigned(&kept_away).await, [(COURSE.to_owned(), in_days(30))], "joining DINAS-A's tree brings its course");
    assert_eq!(town.assigned(&arrived).await, [], "Eka stayed in DINAS-B");
}
