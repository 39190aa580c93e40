//! Evaluation at the reaction and behaviour levels (docs/evaluation.md): reactions and action plans
//! pushed as events (the newest counts), counted only for subjects the server credited, the means in
//! hundredths, JP never depending on them, the supervisor's follow-up queue and answer, the CSV.

use crate::common;

use common::*;
use lentera_protocol::account::AuditLog;
use lentera_protocol::reaction::{DAY_MS, EvaluationReport, FollowUp, FollowUpItem, MySubject, PLAN_AFTER_DAYS, SubjectDetail, SubjectFigures};
use lentera_protocol::{Event, EventBody, EventId};
use lentera_server::db::learner_credits::Grant;
use reqwest::StatusCode;
use serde_json::json;
use std::sync::atomic::{AtomicU8, Ordering};

const COURSE: &str = "course:uji-coba";
const MINUTES_PER_DAY: i64 = 24 * 60;

/// ROOT → A, B; SA (placed in A) supervises A, SB (placed in B) supervises B; LA, LA2, LA3 in A,
/// LB in B; an admin of ROOT.
struct World {
    s: TestServer,
    admin: String,
    sa: String,
    sb: String,
    la: String,
    la2: String,
    la3: String,
    lb: String,
}

impl World {
    async fn build() -> World {
        let s = TestServer::start().await;
        s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
        s.create_unit("A", "Dinas A", Some("ROOT")).await;
        s.create_unit("B", "Dinas B", Some("ROOT")).await;
        let w = World { admin: nip(1), sa: nip(2), sb: nip(3), la: nip(4), la2: nip(5), la3: nip(6), lb: nip(7), s };
        w.s.create_person(&w.admin, "Admin Kota", "admin", Some("ROOT")).await;
        w.s.create_person(&w.sa, "Kepala Dinas A", "learner", Some("A")).await;
        w.s.supervise(&w.sa, "A").await;
        w.s.create_person(&w.sb, "Kepala Dinas B", "learner", Some("B")).await;
        w.s.supervise(&w.sb, "B").await;
        w.s.create_person(&w.la, "Ayu Lestari", "learner", Some("A")).await;
        w.s.create_person(&w.la2, "Dewi Anggraini", "learner", Some("A")).await;
        w.s.create_person(&w.la3, "Eko Prasetyo", "learner", Some("A")).await;
        w.s.create_person(&w.lb, "Budi Santoso", "learner", Some("B")).await;
        w
    }

    async fn token(&self, nip: &str) -> String {
        self.s.login_as(nip).await
    }

    /// Pushes `bodies` from `nip`'s phone, stamped in order `minutes_ago` minutes back.
    async fn push(&self, nip: &str, minutes_ago: i64, bodies: Vec<EventBody>) {
        static SALT: AtomicU8 = AtomicU8::new(1);
        let salt = SALT.fetch_add(1, Ordering::Relaxed);
        let base = lentera_server::now_ms() - minutes_ago * 60_000;
        let events = bodies
            .into_iter()
            .enumerate()
            .map(|(i, body)| {
                let at = base + i as i64;
                Event { id: EventId::new_v7(at as u64, [salt, i as u8, 7, 7, 7, 7, 7, 7, 7, 7]), device_id: device_of(nip), device_time_ms: at, body }
            })
            .collect();
        let token = self.token(nip).await;
        self.s.push_events(&token, nip, events).await;
    }

    /// `nip` passes the test course (`days_ago` days back).
    async fn complete(&self, nip: &str, days_ago: i64) {
        let token = self.token(nip).await;
        let base = lentera_server::now_ms() - days_ago * DAY_MS - 60_000;
        let mut i = 0u8;
        let events = self.s.passing_events("uji-coba", |body| {
            i += 1;
            let at = base + i64::from(i);
            Event { id: EventId::new_v7(at as u64, [i, 1, 1, 1, 1, 1, 1, 1, 1, 1]), device_id: device_of(nip), device_time_ms: at, body }
        });
        self.s.push_events(&token, nip, events).await;
    }

    async fn react(&self, nip: &str, minutes_ago: i64, choice: [u8; 4], text: &str) {
        self.push(nip, minutes_ago, vec![EventBody::ReactionGiven { subject: COURSE.into(), choice: choice.to_vec(), text: text.into() }]).await;
    }

    async fn plan(&self, nip: &str, minutes_ago: i64, text: &str) {
        self.push(nip, minutes_ago, vec![EventBody::ActionPlanSaved { subject: COURSE.into(), text: text.into() }]).await;
    }

    async fn report(&self, who: &str) -> EvaluationReport {
        self.s.get_json(&self.token(who).await, "/api/evaluation/report").await
    }

    async fn course(&self, who: &str) -> Option<SubjectFigures> {
        self.report(who).await.subjects.into_iter().find(|s| s.subject == COURSE)
    }

    async fn detail(&self, who: &str) -> SubjectDetail {
        self.s.get_json(&self.token(who).await, &format!("/api/evaluation/report/detail?subject={COURSE}")).await
    }

    async fn queue(&self, who: &str) -> Vec<FollowUpItem> {
        self.s.get_json(&self.token(who).await, "/api/evaluation/followups").await
    }

    async fn follow_up(&self, who: &str, learner: &str, body: serde_json::Value) -> reqwest::Response {
        self.s.post_json(&self.token(who).await, &format!("/api/evaluation/followups/{learner}"), &body).await
    }
}

#[tokio::test]
async fn the_newest_reaction_counts_and_only_for_a_subject_the_server_credited() {
    let w = World::build().await;
    w.complete(&w.la, 1).await;
    w.react(&w.la, 10, [4, 4, 3, 4], "Contohnya dekat dengan pekerjaan").await;
    // An older answer arriving later (a second phone) does not replace the newer one.
    w.react(&w.la, 20, [1, 1, 1, 1], "jawaban lama").await;
    // LB never completed the course: the answer is kept but left out of the report.
    w.react(&w.lb, 5, [1, 1, 1, 1], "Saya tidak ikut").await;

    let figures = w.course(&w.admin).await.expect("the course is in the admin's report");
    assert_eq!((figures.completed, figures.respondents), (1, 1));
    assert_eq!(figures.means_hundredths, vec![Some(400), Some(400), Some(300), Some(400)]);
    assert_eq!(figures.overall_hundredths, Some(375));
    let detail = w.detail(&w.admin).await;
    assert_eq!(detail.answers, vec!["Contohnya dekat dengan pekerjaan".to_owned()]);

    let mine: Vec<MySubject> = w.s.get_json(&w.token(&w.la).await, "/api/evaluation/mine").await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].subject, COURSE);
    assert_eq!(mine[0].reaction.as_ref().map(|r| r.choice.clone()), Some(vec![4, 4, 3, 4]));
    assert_eq!(mine[0].plan_from_ms, mine[0].completed_at_ms + PLAN_AFTER_DAYS * DAY_MS);
    let theirs: Vec<MySubject> = w.s.get_json(&w.token(&w.lb).await, "/api/evaluation/mine").await;
    assert!(theirs.is_empty(), "LB may rate nothing yet: {theirs:?}");

    // Once the server credits LB's course, the answer kept earlier counts.
    w.complete(&w.lb, 0).await;
    let figures = w.course(&w.admin).await.expect("in the report");
    assert_eq!((figures.completed, figures.respondents), (2, 2));
    assert_eq!(figures.means_hundredths[0], Some(250));
}

#[tokio::test]
async fn means_are_rounded_half_up_to_hundredths_and_supervisors_see_only_their_units() {
    let w = World::build().await;
    for (nip, choice, text) in [(&w.la, [4, 4, 3, 4], "Berguna"), (&w.la2, [4, 3, 3, 1], "=cmd|' /C calc'!A0"), (&w.la3, [3, 3, 3, 1], "<script>alert(1)</script>")] {
        w.complete(nip, 2).await;
        w.react(nip, 30, choice, text).await;
    }
    w.complete(&w.lb, 2).await;
    let figures = w.course(&w.sa).await.expect("in SA's report");
    assert_eq!(figures.respondents, 3);
    assert_eq!(figures.means_hundredths, vec![Some(367), Some(333), Some(300), Some(200)], "11/3, 10/3, 9/3, 6/3");
    assert_eq!(figures.overall_hundredths, Some(300));
    assert_eq!(figures.completed, 3, "LB in B is not SA's");
    // Three respondents: SA reads the answers, as written (the console shows them as text).
    let detail = w.detail(&w.sa).await;
    assert!(!detail.answers_withheld);
    assert!(detail.answers.contains(&"<script>alert(1)</script>".to_owned()));
    // SB sees B's one person, who gave no answer: no figures, answers withheld.
    let theirs = w.detail(&w.sb).await;
    assert_eq!((theirs.figures.completed, theirs.figures.respondents), (1, 0));
    assert!(theirs.answers_withheld && theirs.answers.is_empty());
    assert_eq!(theirs.figures.means_hundredths, vec![None; 4]);

    // The CSV: one line per subject, formulas defused, pre/post marked as not measured.
    let token = w.token(&w.admin).await;
    let grant = Grant { source: "training:99", form: "workshop", title: "=SUM(1+1)", provider: "Mitra", jp: 2, competency: None, at_ms: lentera_server::now_ms() };
    w.s.db.put_other_credit(w.s.person_id(&w.la).await, &grant).await.expect("credit");
    let response = w.s.get_with(&token, "/api/evaluation/report.csv").await;
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.expect("body");
    let mut lines = csv.lines();
    assert!(lines.next().expect("header").starts_with("jenis,id,judul,selesai,responden,rata_useful,rata_clear,rata_time,rata_recommend,rata_keseluruhan,peserta_pre_post,kenaikan_pre_post"));
    assert!(csv.contains("course,uji-coba,"), "{csv}");
    assert!(csv.contains(",4,3,3.67,3.33,3.00,2.00,3.00,0,,0,0,0,0\r\n"), "4 completed, 3 answered: {csv}");
    assert!(csv.contains("training,99,'=SUM(1+1),1,0,,,,,,0,,"), "{csv}");

    // Refusals.
    let learner = w.s.get_with(&w.token(&w.la).await, "/api/evaluation/report").await;
    assert_eq!(learner.status(), StatusCode::FORBIDDEN);
    let unknown = w.s.get_with(&token, "/api/evaluation/report/detail?subject=course:tidak-ada").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let wrong = w.s.get_with(&token, "/api/evaluation/report/detail?subject=uji-coba").await;
    assert_eq!(error_of(wrong).await.0, "invalid_request");
}

#[tokio::test]
async fn a_reaction_never_changes_jp() {
    let w = World::build().await;
    w.complete(&w.la, 1).await;
    w.complete(&w.la2, 1).await;
    let before: serde_json::Value = w.s.get_json(&w.token(&w.la).await, "/api/ledger/me").await;
    w.react(&w.la, 5, [1, 1, 1, 1], "Kurang").await;
    w.plan(&w.la, 4, "Saya akan mencoba").await;
    let after: serde_json::Value = w.s.get_json(&w.token(&w.la).await, "/api/ledger/me").await;
    assert_eq!(before, after, "the same ledger and JP with or without the survey");
    // LA2 never answered and has the same JP credited.
    let other: serde_json::Value = w.s.get_json(&w.token(&w.la2).await, "/api/ledger/me").await;
    assert_eq!(other["totals"], after["totals"]);
    assert!(after["totals"].to_string().contains(':'), "{after}");
}

#[tokio::test]
async fn the_supervisor_is_asked_thirty_days_after_the_plan_and_records_the_answer() {
    let w = World::build().await;
    for nip in [&w.la, &w.la2, &w.sa] {
        w.complete(nip, 60).await;
    }
    let month = 31 * MINUTES_PER_DAY;
    w.plan(&w.la, month, "Membuat jadwal unggahan").await;
    // A later edit changes the text, not when the supervisor is asked.
    w.plan(&w.la, MINUTES_PER_DAY, "Membuat jadwal unggahan mingguan").await;
    w.plan(&w.la2, 5 * MINUTES_PER_DAY, "Belum waktunya ditanya").await;
    w.plan(&w.sa, month, "Rencana kepala dinas sendiri").await;
    // LB's plan is for a course never credited: never asked.
    w.plan(&w.lb, month, "Tanpa kursus").await;

    let queue = w.queue(&w.sa).await;
    assert_eq!(queue.iter().map(|q| (q.nip.as_str(), q.plan.as_str())).collect::<Vec<_>>(), vec![(w.la.as_str(), "Membuat jadwal unggahan mingguan")]);
    assert_eq!(queue[0].title, "Kursus Uji");
    assert!(w.queue(&w.sb).await.is_empty(), "B has no due plan");
    let admin = w.queue(&w.admin).await;
    assert_eq!(admin.len(), 2, "LA's and SA's (the admin asks about the supervisor's own): {admin:?}");

    // Refusals: a learner, another unit's supervisor, one's own plan, a wrong answer, no such plan.
    let body = json!({ "subject": COURSE, "result": "done" });
    assert_eq!(w.follow_up(&w.la2, &w.la, body.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(w.follow_up(&w.sb, &w.la, body.clone()).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(w.follow_up(&w.sa, &w.sa, body.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(w.follow_up(&w.sa, &w.la, json!({ "subject": COURSE, "result": "maybe" })).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(w.follow_up(&w.sa, &w.la, json!({ "subject": "course:lain", "result": "done" })).await.status(), StatusCode::NOT_FOUND);

    assert_eq!(w.follow_up(&w.sa, &w.la, json!({ "subject": COURSE, "result": "partly" })).await.status(), StatusCode::NO_CONTENT);
    assert!(w.queue(&w.sa).await.is_empty(), "answered: off the queue");
    let figures = w.course(&w.admin).await.expect("in the report");
    assert_eq!((figures.plans, figures.done, figures.partly, figures.not_yet), (3, 0, 1, 0), "LA's, LA2's, SA's plans");
    let detail = w.detail(&w.sa).await;
    assert!(detail.plans.iter().any(|p| p.text == "Membuat jadwal unggahan mingguan" && p.follow_up == Some(FollowUp::Partly)));
    assert!(!detail.plans.iter().any(|p| p.text == "Tanpa kursus"));
    let mine: Vec<MySubject> = w.s.get_json(&w.token(&w.la).await, "/api/evaluation/mine").await;
    assert_eq!(mine[0].plan.as_ref().and_then(|p| p.follow_up), Some(FollowUp::Partly));
    let audit: AuditLog = w.s.get_json(&w.token(&w.admin).await, "/api/admin/audit").await;
    assert!(audit.entries.iter().any(|e| e.action == "action_plan_follow_up" && e.target == w.la && e.detail == "course:uji-coba: partly"), "{:?}", audit.entries);
}

#[tokio::test]
async fn the_demo_has_answers_plans_and_follow_ups() {
    let s = TestServer::start_with_real_courses().await;
    s.db.delete_all_people().await.expect("emptied");
    lentera_server::demo::seed(&s.db, crate::common::real_library(), lentera_server::now_ms()).await.expect("seeds");
    let hash = lentera_server::auth::hash_password(crate::common::PASSWORD).expect("hash");
    s.db.set_password_hash(lentera_server::demo::ADMIN_NIP, &hash).await.expect("password set");
    let admin = s.login_as(lentera_server::demo::ADMIN_NIP).await;
    let report: EvaluationReport = s.get_json(&admin, "/api/evaluation/report").await;
    let rated: Vec<&SubjectFigures> = report.subjects.iter().filter(|f| f.respondents > 0).collect();
    assert!(rated.len() >= 3, "{report:?}");
    assert!(rated.iter().all(|f| f.overall_hundredths.is_some_and(|m| (200..=400).contains(&m))), "{rated:?}");
    assert!(report.subjects.iter().map(|f| f.done + f.partly + f.not_yet).sum::<u32>() > 0, "some plans followed up: {report:?}");
}
