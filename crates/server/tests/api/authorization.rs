//! Who may call what: every route of the OpenAPI document, called as each kind of user, against
//! an explicit table. Refusals are 401/403/404 and never tell the caller anything about a person
//! outside their units.

use crate::common;

use common::*;
use lentera_protocol::{EventBody, EventId};
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU16, Ordering};

/// What a caller must get back from a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// 2xx: the call really does what it is for.
    Allow,
    /// 401: no session.
    NoSession,
    /// 403: this role may never use the route.
    Forbidden,
    /// 404: the person or assignment is not among the caller's units.
    Hidden,
}
use Expect::{Allow, Forbidden, Hidden, NoSession};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// L2: another learner in the target's unit.
    Learner,
    /// SB: supervises the sibling unit B.
    OtherSupervisor,
    /// SA: supervises the target's unit A.
    Supervisor,
    /// Admin of ROOT, above A and B.
    Admin,
}
use Caller::{Admin, Anonymous, Learner, OtherSupervisor, Supervisor};

const CALLERS: [Caller; 5] = [Anonymous, Learner, OtherSupervisor, Supervisor, Admin];

/// Every route × [anonymous, learner, supervisor of another unit, supervisor of the unit, admin].
/// `{nip}` is the target learner L (unit A), `{code}` is unit A, `{id}` L's assignment (or A's
/// standing assignment, under `/units/`).
const TABLE: &[(&str, &str, [Expect; 5])] = &[
    ("GET", "/api/health", [Allow, Allow, Allow, Allow, Allow]),
    ("GET", "/api/courses", [Allow, Allow, Allow, Allow, Allow]),
    ("GET", "/api/courses/{id}/pack", [Allow, Allow, Allow, Allow, Allow]),
    ("POST", "/api/auth/login", [Allow, Allow, Allow, Allow, Allow]),
    ("POST", "/api/auth/activate", [Allow, Allow, Allow, Allow, Allow]),
    ("GET", "/api/auth/me", [NoSession, Allow, Allow, Allow, Allow]),
    ("POST", "/api/auth/logout", [NoSession, Allow, Allow, Allow, Allow]),
    ("POST", "/api/auth/logout-all", [NoSession, Allow, Allow, Allow, Allow]),
    ("POST", "/api/auth/rotate", [NoSession, Allow, Allow, Allow, Allow]),
    ("POST", "/api/auth/password", [NoSession, Allow, Allow, Allow, Allow]),
    ("POST", "/api/admin/people/{nip}/reset", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/admin/audit", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/sync/push", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/sync/pull", [NoSession, Allow, Allow, Allow, Allow]),
    ("POST", "/api/sync/storage", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/prefetch/mine", [NoSession, Allow, Allow, Allow, Allow]),
    ("POST", "/api/prefetch/held", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/progress/me", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/ledger/me", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/akpk/me", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/assignments/mine", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/certificates/me", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/certificates/keys", [Allow, Allow, Allow, Allow, Allow]),
    ("POST", "/api/certificates/{number}/revoke", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/certificates/{number}/pdf", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/siasn/export", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/siasn/export.zip", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/org/units", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("POST", "/api/org/units", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("PUT", "/api/org/units/{code}", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/admin/import/preview", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/admin/import", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/dashboard", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/dashboard.csv", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/competency", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/competency.csv", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/framework", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("PUT", "/api/framework/competencies/{code}", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/framework/requirements", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/framework/requirements.csv", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/staff/{nip}", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/staff/{nip}/ledger.csv", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/assignments", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("POST", "/api/assignments", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("DELETE", "/api/assignments/{id}", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("DELETE", "/api/assignments/units/{id}", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/akpk/staff/{nip}", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("PUT", "/api/akpk/staff/{nip}/assessment", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("POST", "/api/akpk/staff/{nip}/plan/validate", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("POST", "/api/akpk/staff/{nip}/plan/return", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/akpk/needs", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/akpk/needs.csv", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/partners", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("POST", "/api/partners", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("PUT", "/api/partners/{id}", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/trainings", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("POST", "/api/trainings", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/trainings/mine", [NoSession, Allow, Allow, Allow, Allow]),
    ("PUT", "/api/trainings/{id}", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/trainings/{id}/roster", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("POST", "/api/trainings/{id}/attendance", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/trainings/{id}/code", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/trainings/{id}/calendar.ics", [NoSession, Allow, Hidden, Allow, Allow]),
    ("PUT", "/api/evidence/{id}", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/evidence/{id}", [NoSession, Hidden, Hidden, Allow, Allow]),
    ("GET", "/api/log/mine", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/log/staff/{nip}", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/log/review", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("POST", "/api/log/{nip}/{entry}/confirm", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("POST", "/api/log/{nip}/{entry}/return", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/internships", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/internships", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/internships/mine", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/skm", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/skm.csv", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("PUT", "/api/skm/{code}/{period}", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("DELETE", "/api/skm/{code}/{period}", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/skm/import", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/evaluation/mine", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/evaluation/report", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/evaluation/report.csv", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/evaluation/report/detail", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("GET", "/api/evaluation/followups", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("POST", "/api/evaluation/followups/{nip}", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("GET", "/api/ideas/rounds", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/ideas/mine", [NoSession, Allow, Allow, Allow, Allow]),
    ("GET", "/api/ideas/review", [NoSession, Forbidden, Allow, Allow, Allow]),
    ("POST", "/api/ideas/review/{nip}/{entry}/endorse", [NoSession, Forbidden, Hidden, Allow, Allow]),
    ("POST", "/api/ideas/review/{nip}/{entry}/return", [NoSession, Forbidden, Hidden, Allow, Allow]),
    // SA and the admin judge the round; anyone else is told there is no such round among theirs.
    ("GET", "/api/ideas/judging", [NoSession, Allow, Allow, Allow, Allow]),
    ("PUT", "/api/ideas/rounds/{id}/ideas/{number}/score", [NoSession, Hidden, Hidden, Allow, Allow]),
    ("GET", "/api/ideas/rounds/admin", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/ideas/rounds", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("PUT", "/api/ideas/rounds/{id}", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/ideas/rounds/{id}/results", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("POST", "/api/ideas/rounds/{id}/publish", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
    ("GET", "/api/ideas/rounds/{id}/proposal/{number}", [NoSession, Forbidden, Forbidden, Forbidden, Allow]),
];

/// Routes whose allowed answer for the target's supervisor and the admin must show the target.
const SHOWS_TARGET: &[(&str, &str)] = &[
    ("GET", "/api/dashboard"),
    ("GET", "/api/dashboard.csv"),
    ("GET", "/api/staff/{nip}"),
    ("GET", "/api/staff/{nip}/ledger.csv"),
    ("GET", "/api/assignments"),
    ("GET", "/api/siasn/export"),
    ("GET", "/api/akpk/staff/{nip}"),
    ("GET", "/api/trainings/{id}/roster"),
    ("POST", "/api/trainings/{id}/attendance"),
    ("GET", "/api/log/review"),
    ("GET", "/api/ideas/review"),
];

const TARGET_NAME: &str = "Lestari Wulandari";
const COURSE: &str = "uji-coba";
/// The target's evidence file (a photo), uploaded at set-up.
const EVIDENCE: &str = "bukti-target";

/// Entries waiting for the calls that decide one.
const ENTRIES: usize = 12;

/// A PNG's signature and a few bytes: what the server takes as a photo.
fn png() -> Vec<u8> {
    b"\x89PNG\r\n\x1a\nfoto".to_vec()
}

/// The competency the target's position requires (the needs analysis routes act on it).
const COMPETENCY: &str = "UJI-01";

struct World {
    server: TestServer,
    admin: String,
    supervisor: String,
    other_supervisor: String,
    target: String,
    learner: String,
    /// A valid NIP nobody has: what a refusal about the target must look like.
    ghost: String,
    /// (NIP, activation code) of a not yet activated account, one per caller.
    pending: Vec<(String, String)>,
    /// Makes event ids, unit codes and imported NIPs unique per call.
    counter: AtomicU16,
    /// Makes learning-log entry and evidence ids unique per call.
    log_counter: AtomicU16,
    /// L's certificate, read once before any route runs (the admin's reset ends L's password).
    certificate: std::sync::OnceLock<String>,
    /// A training inviting unit A, which L registered for, and a partner.
    training: i64,
    partner: i64,
    ideas: IdeaRounds,
}

/// Competition rounds for unit A judged by SA and the admin: one being judged (idea 1 endorsed,
/// more of L's waiting for the supervisor), one not yet open, one ready to publish, one published.
#[derive(Default)]
struct IdeaRounds {
    judged: i64,
    spare: i64,
    ready: i64,
    published: i64,
}

/// Ideas of L waiting for the calls that endorse or return one.
const IDEAS: usize = 6;

impl World {
    /// ROOT → A, B; admin of ROOT; SA supervises A, SB supervises B; L (target) and L2 in A.
    async fn build() -> World {
        let server = TestServer::start().await;
        server.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
        server.create_unit("A", "Dinas A", Some("ROOT")).await;
        server.create_unit("B", "Dinas B", Some("ROOT")).await;
        let world = World {
            admin: nip(1),
            supervisor: nip(2),
            other_supervisor: nip(3),
            target: nip(4),
            learner: nip(5),
            ghost: nip(999),
            pending: (0..CALLERS.len()).map(|i| (nip(10 + i as u16), format!("KODE{i}-AKTIV"))).collect(),
            counter: AtomicU16::new(0),
            log_counter: AtomicU16::new(0),
            certificate: std::sync::OnceLock::new(),
            training: 0,
            partner: 0,
            ideas: IdeaRounds::default(),
            server,
        };
        let mut world = world;
        let s = &world.server;
        s.create_person(&world.admin, "Admin Kota", "admin", Some("ROOT")).await;
        s.create_person(&world.supervisor, "Kepala Dinas A", "learner", Some("A")).await;
        s.supervise(&world.supervisor, "A").await;
        s.create_person(&world.other_supervisor, "Kepala Dinas B", "learner", Some("B")).await;
        s.supervise(&world.other_supervisor, "B").await;
        s.create_person(&world.target, TARGET_NAME, "learner", Some("A")).await;
        s.create_person(&world.learner, "Rekan Sekantor", "learner", Some("A")).await;
        for (nip, code) in &world.pending {
            s.create_person(nip, "Pegawai Baru", "learner", None).await;
            s.db.set_pending_activation(nip, &lentera_server::auth::token_hash(code)).await.expect("waiting for activation");
        }
        // The target's position requires one competency, so their needs analysis has a row to assess.
        s.db.put_competency(COMPETENCY, "Kompetensi Uji", 1, &[COURSE]).await.expect("competency");
        s.db.put_requirement("Staf Uji", COMPETENCY, 3).await.expect("requirement");
        s.db.set_position(&world.target, "Staf Uji").await.expect("position");
        // The target has learnt something this year, so every page about them has content.
        let token = s.login_as(&world.target).await;
        let dev = device_of(&world.target);
        let now = lentera_server::now_ms();
        let body = |i: u8, body: EventBody| lentera_protocol::Event {
            id: EventId::new_v7((now - 60_000 + i64::from(i)) as u64, [i; 10]),
            device_id: dev,
            device_time_ms: now - 60_000 + i64::from(i),
            body,
        };
        let partner = lentera_protocol::activity::Partner { id: 0, name: "Mitra Uji".into(), kind: "company".into(), profile: String::new(), website: None };
        world.partner = s.db.put_partner(None, &partner, now, None).await.expect("partner").expect("stored").id;
        world.training = s.db.put_training(None, &training(s.unit_id("A").await, "Pelatihan Uji", now), "00ff", None, now, None).await.expect("training").expect("stored");
        let mut n = 1;
        let mut events = vec![
            body(n, EventBody::OnboardingCompleted { language: "id".into() }),
            body(200, EventBody::TrainingRegistered { training: world.training.to_string() }),
            // An action plan for the course L passes: the supervisor's follow-up acts on it.
            body(201, EventBody::ActionPlanSaved { subject: format!("course:{COURSE}"), text: "Menerapkan di kantor".into() }),
        ];
        events.extend(s.passing_events(COURSE, |b| {
            n += 1;
            body(n, b)
        }));
        s.push_events(&token, &world.target, events).await;
        // A learning-log entry with a photo waits for the supervisor (the review queue shows it).
        let photo = s.http.put(s.url(&format!("/api/evidence/{EVIDENCE}"))).bearer_auth(&token).header("content-type", "image/png").body(png()).send().await.expect("answered");
        assert_eq!(photo.status(), StatusCode::CREATED);
        // One more for each call that decides one (the admin's reset ends L's password before those run).
        let entries: Vec<String> = std::iter::once("menunggu".to_owned()).chain((1..=ENTRIES).map(|i| format!("catatan-{i:02}"))).collect();
        world.submit_entries(&entries).await;
        world.ideas = world.set_up_ideas().await;
        let certs: Vec<lentera_server::certificate::SignedCertificate> = s.get_json(&token, "/api/certificates/me").await;
        let _ = world.certificate.set(certs.last().expect("L passed a course").number.clone());
        world
    }

    /// The target writes and sends mentoring entries from their phone.
    async fn submit_entries(&self, entries: &[String]) {
        let s = &self.server;
        let token = s.login_as(&self.target).await;
        let now = lentera_server::now_ms();
        let log = lentera_protocol::activity::LogDraft {
            form: "mentoring".into(),
            title: "Mentoring media sosial".into(),
            with_whom: "Ibu Rina".into(),
            date: in_days(0),
            minutes: 90,
            learned: "Menjadwalkan unggahan.".into(),
            evidence: vec![EVIDENCE.into()],
        };
        let events = entries
            .iter()
            .flat_map(|entry| [log.clone().saved(entry), EventBody::LogSubmitted { entry: entry.clone() }])
            .enumerate()
            .map(|(i, body)| lentera_protocol::Event {
                id: EventId::new_v7((now - 1_000 + i as i64) as u64, [i as u8, 9, 9, 9, 9, 9, 9, 9, 9, 9]),
                device_id: device_of(&self.target),
                device_time_ms: now - 1_000 + i as i64,
                body,
            })
            .collect();
        s.push_events(&token, &self.target, events).await;
    }

    /// A round body for unit A judged by SA and the admin, its days counted from today.
    fn round_body(&self, theme: &str, opens: i64, closes: i64, ends: i64) -> serde_json::Value {
        json!({
            "theme": theme, "description": "", "opens_on": in_days(opens), "closes_on": in_days(closes), "judging_ends_on": in_days(ends),
            "unit": "A", "criteria": [{ "name": "Dampak", "weight": 60 }, { "name": "Biaya", "weight": 40 }], "jurors": [self.supervisor, self.admin],
        })
    }

    /// Sends a round as the admin (POST a new one, or PUT to change one); returns its id.
    async fn round(&self, method: Method, path: &str, body: serde_json::Value) -> i64 {
        let s = &self.server;
        let response = s.http.request(method, s.url(path)).bearer_auth(s.login_as(&self.admin).await).json(&body).send().await.expect("answered");
        assert!(response.status().is_success(), "{path}: {}", response.text().await.unwrap_or_default());
        response.json::<serde_json::Value>().await.expect("round")["id"].as_i64().expect("id")
    }

    /// L hands in ideas on time; SA endorses the first of each round; then the rounds' deadlines pass.
    async fn set_up_ideas(&self) -> IdeaRounds {
        let s = &self.server;
        let judged = self.round(Method::POST, "/api/ideas/rounds", self.round_body("Inovasi Uji", -10, 5, 10)).await;
        let published = self.round(Method::POST, "/api/ideas/rounds", self.round_body("Inovasi Lalu", -10, 5, 10)).await;
        let now = lentera_server::now_ms();
        let idea = |entry: String, round: i64| {
            [
                EventBody::IdeaSaved { entry: entry.clone(), round: round.to_string(), title: format!("Gagasan {entry}"), items: vec!["Masalah".into(); 5], evidence: vec![], team: vec![] },
                EventBody::IdeaSubmitted { entry },
            ]
        };
        let bodies: Vec<EventBody> = (0..=IDEAS).flat_map(|i| idea(format!("gagasan-{i}"), judged)).chain(idea("terbit-0".into(), published)).collect();
        let events = bodies
            .into_iter()
            .enumerate()
            .map(|(i, body)| lentera_protocol::Event {
                id: EventId::new_v7((now - 2_000 + i as i64) as u64, [i as u8, 7, 7, 7, 7, 7, 7, 7, 7, 7]),
                device_id: device_of(&self.target),
                device_time_ms: now - 2_000 + i as i64,
                body,
            })
            .collect();
        s.push_events(&s.login_as(&self.target).await, &self.target, events).await;
        let supervisor = s.login_as(&self.supervisor).await;
        for entry in ["gagasan-0", "terbit-0"] {
            let response = s.post_json(&supervisor, &format!("/api/ideas/review/{}/{entry}/endorse", self.target), &json!({})).await;
            assert_eq!(response.status(), StatusCode::NO_CONTENT, "endorse {entry}");
        }
        self.round(Method::PUT, &format!("/api/ideas/rounds/{judged}"), self.round_body("Inovasi Uji", -10, -1, 10)).await;
        self.round(Method::PUT, &format!("/api/ideas/rounds/{published}"), self.round_body("Inovasi Lalu", -10, -2, -1)).await;
        let response = s.post_json(&s.login_as(&self.admin).await, &format!("/api/ideas/rounds/{published}/publish"), &json!({})).await;
        assert_eq!(response.status(), StatusCode::OK, "publish");
        let ready = self.round(Method::POST, "/api/ideas/rounds", self.round_body("Inovasi Siap", -10, -2, -1)).await;
        let spare = self.round(Method::POST, "/api/ideas/rounds", self.round_body("Inovasi Nanti", 1, 5, 10)).await;
        IdeaRounds { judged, spare, ready, published }
    }

    fn nip_of(&self, caller: Caller) -> Option<&str> {
        match caller {
            Anonymous => None,
            Learner => Some(&self.learner),
            OtherSupervisor => Some(&self.other_supervisor),
            Supervisor => Some(&self.supervisor),
            Admin => Some(&self.admin),
        }
    }

    fn next_log(&self) -> u16 {
        self.log_counter.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// More calls than a byte counts (the table has over 50 routes × 5 callers).
    fn next(&self) -> u16 {
        self.counter.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// The number of L's certificate for the course L passed.
    async fn target_certificate(&self) -> String {
        self.certificate.get().cloned().expect("read at set-up")
    }

    /// L's assignment, made again if an earlier call withdrew it; returns its id.
    async fn target_assignment(&self) -> i64 {
        let s = &self.server;
        let (target, by) = (s.person_id(&self.target).await, s.person_id(&self.supervisor).await);
        s.db.assign(&[target], COURSE, &in_days(30), by, 0).await.expect("assigned");
        s.db.assignments_of(None, Some(target)).await.expect("read")[0].id
    }

    /// Unit A's standing assignment, made again if an earlier call stopped it; returns its id.
    async fn unit_assignment(&self) -> i64 {
        let s = &self.server;
        let (unit, by) = (s.unit_id("A").await, s.person_id(&self.supervisor).await);
        s.db.stand(unit, COURSE, &in_days(30), by, 0).await.expect("standing");
        s.db.standing_of(&[unit]).await.expect("read")[0].id
    }

    /// The request `caller` makes to `method path`: parameters filled, a valid body where one is needed.
    async fn request(&self, method: &str, template: &str, caller: Caller) -> Request {
        let who = self.nip_of(caller).unwrap_or(&self.learner).to_owned();
        let id = if template.starts_with("/api/courses/") {
            COURSE.to_owned()
        } else if template.starts_with("/api/trainings/") {
            self.training.to_string()
        } else if template.starts_with("/api/partners/") {
            self.partner.to_string()
        } else if template.starts_with("/api/assignments/units/") {
            self.unit_assignment().await.to_string()
        } else {
            self.target_assignment().await.to_string()
        };
        let year = lentera_server::calendar::year_position(lentera_server::now_ms()).0;
        if template.starts_with("/api/akpk/staff/{nip}/plan/") {
            // A plan waits for a decision before every call (the one before decided it).
            let target = self.server.person_id(&self.target).await;
            self.server.db.put_submitted_plan(target, year as u32, &[COURSE], lentera_server::now_ms()).await.expect("plan sent");
        }
        let n_entry = if template.starts_with("/api/ideas/review/") {
            // The first idea still waiting (the call before decided the one before).
            let waiting = self.server.db.idea_review(None, 0).await.expect("queue");
            waiting.into_iter().map(|r| r.row.entry).find(|e| e.starts_with("gagasan-")).expect("an idea still waits")
        } else if template.contains("{entry}") {
            // The first entry still waiting (the call before decided the one before).
            let waiting = self.server.db.log_review(None, "submitted", 0).await.expect("queue");
            waiting.into_iter().map(|r| r.row.entry).find(|e| e.starts_with("catatan-")).expect("an entry still waits")
        } else {
            String::new()
        };
        let evidence = match method {
            "PUT" => format!("bukti-{}", self.next_log()),
            _ => EVIDENCE.to_owned(),
        };
        let id = if template.starts_with("/api/evidence/") { evidence } else { id };
        let id = match template {
            "/api/ideas/rounds/{id}" => self.ideas.spare.to_string(),
            "/api/ideas/rounds/{id}/publish" => self.ideas.ready.to_string(),
            "/api/ideas/rounds/{id}/proposal/{number}" => self.ideas.published.to_string(),
            t if t.starts_with("/api/ideas/rounds/{id}") => self.ideas.judged.to_string(),
            _ => id,
        };
        let number = if template.starts_with("/api/ideas/") {
            "1".to_owned()
        } else if template.contains("{number}") {
            self.target_certificate().await
        } else {
            String::new()
        };
        let query = if template.starts_with("/api/siasn/export") {
            format!("?year={}", lentera_server::calendar::year_position(lentera_server::now_ms()).0)
        } else if template == "/api/evaluation/report/detail" {
            format!("?subject=course:{COURSE}")
        } else if template.starts_with("/api/skm") && method == "GET" {
            // Unit A's surveys: the supervisor of B must not learn them.
            "?unit=A".to_owned()
        } else {
            String::new()
        };
        if template == "/api/skm/{code}/{period}" && method == "DELETE" {
            // A survey to remove before every call (the one before may have removed it).
            let line = lentera_server::db::skm::SkmLine { unit_id: self.server.unit_id("A").await, period: "2025-S1".into(), respondents: 10, nrr: [300; 9] };
            self.server.db.put_skm(&line, "Admin Kota", lentera_server::now_ms(), None).await.expect("survey");
        }
        // The framework's `{code}` is a competency of the default framework, not a unit.
        let filled = template.replace("/competencies/{code}", "/competencies/DIG-01");
        let path = filled.replace("{number}", &number).replace("{nip}", &self.target).replace("{code}", "A").replace("{id}", &id).replace("{entry}", &n_entry).replace("{period}", "2025-S1") + &query;
        let n = self.next();
        let body = match (method, template) {
            ("POST", "/api/auth/login") => Body::Json(json!({ "nip": who, "password": PASSWORD, "device_id": device_of(&who).to_string() })),
            ("POST", "/api/auth/activate") => {
                let (nip, code) = &self.pending[CALLERS.iter().position(|c| *c == caller).expect("caller")];
                Body::Json(json!({ "nip": nip, "code": code, "password": "sandi-baru-yang-panjang" }))
            }
            ("POST", "/api/sync/push") => {
                let dev = device_of(&who);
                let now = lentera_server::now_ms();
                let event = lentera_protocol::Event {
                    id: EventId::new_v7(now as u64, [n.to_be_bytes()[0], n.to_be_bytes()[1], 3, 3, 3, 3, 3, 3, 3, 3]),
                    device_id: dev,
                    device_time_ms: now,
                    body: EventBody::OnboardingCompleted { language: "id".into() },
                };
                Body::Json(serde_json::to_value(batch_for(&who, dev, vec![event])).expect("json"))
            }
            // The same password again: the walk logs every caller in with it afterwards.
            ("POST", "/api/auth/password") => Body::Json(json!({ "current_password": PASSWORD, "new_password": PASSWORD })),
            ("POST", "/api/sync/storage") => Body::Json(json!({ "used_bytes": 1_000_000, "quota_bytes": 2_000_000_000u64 })),
            ("POST", "/api/prefetch/held") => Body::Json(json!({ "courses": [{ "id": COURSE, "version": 1 }] })),
            ("POST", "/api/org/units") => Body::Json(json!({ "code": format!("BARU-{n}"), "name": "Seksi Baru", "parent": "A" })),
            // Keeps SA as A's supervisor: the table walk goes on after this call.
            ("PUT", "/api/org/units/{code}") => {
                Body::Json(json!({ "code": "A", "name": "Dinas A (baru)", "parent": "ROOT", "supervisors": [self.supervisor] }))
            }
            ("POST", "/api/admin/import/preview" | "/api/admin/import") => Body::Csv(format!(
                "nip,nama,jabatan,kode_unit,nip_atasan,email\r\n{},Pegawai Impor {n},Staf,B,,\r\n",
                nip(100 + n)
            )),
            ("PUT", "/api/framework/competencies/{code}") => Body::Json(json!({
                "kind": "teknis", "name": "Keamanan digital", "description": "Menjaga akun dan data kantor.",
                "pillars": ["aman"], "levels": ["satu", "dua", "tiga", "empat", "lima"], "courses": [COURSE],
            })),
            ("POST", "/api/framework/requirements") => Body::Csv(format!("jabatan,kode_kompetensi,level\r\nStaf {n},DIG-01,2\r\n")),
            ("PUT", "/api/skm/{code}/{period}") => Body::Json(json!({ "respondents": 10, "nrr_hundredths": ([300u32; 9]) })),
            ("POST", "/api/skm/import") => Body::Csv("kode_unit,periode,responden,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\nB,2025,12,3,3,3,3,3,3,3,3,3.5\r\n".into()),
            ("POST", "/api/certificates/{number}/revoke") => Body::Json(json!({ "reason": "uji hak akses" })),
            ("POST", "/api/assignments") => Body::Json(json!({ "course_id": COURSE, "due_date": in_days(14), "nips": [self.target] })),
            ("PUT", "/api/akpk/staff/{nip}/assessment") => Body::Json(json!({ "year": year, "levels": [{ "competency": COMPETENCY, "level": 2 }] })),
            ("POST", "/api/akpk/staff/{nip}/plan/validate") => Body::Json(json!({ "year": year })),
            ("POST", "/api/akpk/staff/{nip}/plan/return") => Body::Json(json!({ "year": year, "note": "Tambahkan satu kursus keamanan." })),
            ("POST", "/api/partners") => Body::Json(json!({ "id": 0, "name": format!("Mitra {n}"), "kind": "agency", "profile": "", "website": null })),
            ("PUT", "/api/partners/{id}") => Body::Json(json!({ "id": 0, "name": "Mitra Uji", "kind": "company", "profile": "Diubah.", "website": null })),
            ("POST" | "PUT", "/api/trainings" | "/api/trainings/{id}") => {
                let unit = self.server.unit_id("A").await;
                Body::Json(serde_json::to_value(training(unit, &format!("Pelatihan Uji {n}"), lentera_server::now_ms())).expect("json"))
            }
            ("POST", "/api/trainings/{id}/attendance") => Body::Json(json!({ "nip": self.target, "present": true })),
            ("PUT", "/api/evidence/{id}") => Body::Png(png()),
            ("POST", "/api/log/{nip}/{entry}/confirm") => Body::Json(json!({ "jp": 2 })),
            ("POST", "/api/evaluation/followups/{nip}") => Body::Json(json!({ "subject": format!("course:{COURSE}"), "result": "done" })),
            ("POST", "/api/log/{nip}/{entry}/return") => Body::Json(json!({ "note": "Lampirkan foto kegiatannya." })),
            ("POST", "/api/internships") => Body::Json(json!({
                "nip": self.target, "partner_name": "Universitas Uji", "place": "Lab Data", "start_date": in_days(10), "end_date": in_days(40),
            })),
            ("POST", "/api/ideas/rounds") => Body::Json(self.round_body(&format!("Inovasi {n}"), 1, 5, 10)),
            ("PUT", "/api/ideas/rounds/{id}") => Body::Json(self.round_body("Inovasi Nanti (diubah)", 1, 5, 10)),
            ("PUT", "/api/ideas/rounds/{id}/ideas/{number}/score") => Body::Json(json!({ "scores": [4, 3] })),
            ("POST", "/api/ideas/review/{nip}/{entry}/return") => Body::Json(json!({ "note": "Tambahkan perkiraan biaya." })),
            (_, _) => Body::None,
        };
        Request { method: method.parse().expect("method"), path, body }
    }

    /// Sends `request` as `caller`, on a fresh session so calls that end sessions harm no other call.
    async fn send(&self, caller: Caller, request: &Request) -> (StatusCode, String) {
        let s = &self.server;
        let mut builder = s.http.request(request.method.clone(), s.url(&request.path));
        if let Some(nip) = self.nip_of(caller) {
            builder = builder.bearer_auth(s.login_as(nip).await);
        }
        builder = match &request.body {
            Body::None => builder,
            Body::Json(value) => builder.json(value),
            Body::Csv(text) => builder.header("content-type", "text/csv").body(text.clone()),
            Body::Png(bytes) => builder.header("content-type", "image/png").body(bytes.clone()),
        };
        let response = builder.send().await.expect("answered");
        (response.status(), response.text().await.expect("body"))
    }
}

enum Body {
    None,
    Json(serde_json::Value),
    Csv(String),
    Png(Vec<u8>),
}

struct Request {
    method: Method,
    path: String,
    body: Body,
}

impl Request {
    fn names(&self, text: &str) -> bool {
        self.path.contains(text) || matches!(&self.body, Body::Json(v) if v.to_string().contains(text))
    }

    /// The same request about someone else.
    fn about(&self, from: &str, to: &str) -> Request {
        let body = match &self.body {
            Body::Json(v) => Body::Json(serde_json::from_str(&v.to_string().replace(from, to)).expect("json")),
            Body::Csv(text) => Body::Csv(text.clone()),
            Body::Png(bytes) => Body::Png(bytes.clone()),
            Body::None => Body::None,
        };
        Request { method: self.method.clone(), path: self.path.replace(from, to), body }
    }
}

/// A two-hour training inviting `unit`, started half an hour before `now`.
fn training(unit: i64, title: &str, now: i64) -> lentera_protocol::activity::Training {
    lentera_protocol::activity::Training {
        id: 0,
        title: title.into(),
        form: lentera_protocol::activity::TrainingForm::Workshop,
        partner_id: None,
        link: None,
        place: Some("Aula".into()),
        start_ms: now - 1_800_000,
        end_ms: now + 5_400_000,
        capacity: None,
        jp: 2,
        competency: lentera_protocol::Competency::Teknis,
        pillars: vec![],
        units: vec![unit],
        pre_reading: None,
        recording: None,
        materials: vec![],
    }
}

/// Every (METHOD, path) the served OpenAPI document lists.
async fn documented_routes(server: &TestServer) -> BTreeSet<(String, String)> {
    let response = server.http.get(server.url("/api/openapi.json")).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    let doc: serde_json::Value = response.json().await.expect("json");
    let paths = doc["paths"].as_object().expect("paths");
    let methods = ["get", "post", "put", "delete", "patch", "head", "options"];
    paths
        .iter()
        .flat_map(|(path, item)| {
            let item = item.as_object().expect("path item");
            methods.iter().filter(|m| item.contains_key(**m)).map(|m| (m.to_uppercase(), path.clone())).collect::<Vec<_>>()
        })
        .collect()
}

fn status_matches(expect: Expect, status: StatusCode) -> bool {
    match expect {
        Allow => status.is_success(),
        NoSession => status == StatusCode::UNAUTHORIZED,
        Forbidden => status == StatusCode::FORBIDDEN,
        Hidden => status == StatusCode::NOT_FOUND,
    }
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_table_says_and_refusals_reveal_nobody() {
    let world = World::build().await;
    let documented = documented_routes(&world.server).await;
    let table: BTreeSet<(String, String)> = TABLE.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(table.len(), TABLE.len(), "a route is listed twice in the table");
    let untested: Vec<_> = documented.difference(&table).collect();
    assert!(untested.is_empty(), "routes in the OpenAPI document without an entry in the table: {untested:?}");
    let gone: Vec<_> = table.difference(&documented).collect();
    assert!(gone.is_empty(), "routes in the table that the OpenAPI document no longer lists: {gone:?}");

    let mut failures = Vec::new();
    let mut calls = 0;
    for (method, template, expected) in TABLE {
        for (caller, expect) in CALLERS.into_iter().zip(expected.iter().copied()) {
            let request = world.request(method, template, caller).await;
            let (status, body) = world.send(caller, &request).await;
            calls += 1;
            let what = format!("{method} {template} as {caller:?}");
            if !status_matches(expect, status) {
                failures.push(format!("{what}: expected {expect:?}, got {status}: {body}"));
                continue;
            }
            let may_see_target = matches!(caller, Supervisor | Admin) && expect == Allow;
            if !may_see_target && body.contains(TARGET_NAME) {
                failures.push(format!("{what}: the answer shows the target's name: {body}"));
            }
            if expect == Allow && !may_see_target && body.contains(&world.target) {
                failures.push(format!("{what}: an allowed answer shows the target's NIP: {body}"));
            }
            if expect != Allow {
                let code = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v["error"]["code"].as_str().map(str::to_owned));
                let want = match expect {
                    NoSession => "unauthorized",
                    Forbidden => "forbidden",
                    _ => "not_found",
                };
                if code.as_deref() != Some(want) {
                    failures.push(format!("{what}: refusal is not a JSON error `{want}`: {body}"));
                }
                // The caller named the target themself; beyond that NIP, the refusal must read
                // exactly as it would for a NIP nobody has.
                if body.contains(&world.target) {
                    if request.names(&world.target) {
                        let (ghost_status, ghost_body) = world.send(caller, &request.about(&world.target, &world.ghost)).await;
                        if ghost_status != status || ghost_body.replace(&world.ghost, &world.target) != body {
                            failures.push(format!("{what}: refused differently than for an unknown NIP: {body} vs {ghost_body}"));
                        }
                    } else {
                        failures.push(format!("{what}: the refusal shows the target's NIP: {body}"));
                    }
                }
            }
            if may_see_target && SHOWS_TARGET.contains(&(*method, *template)) && !body.contains(&world.target) {
                failures.push(format!("{what}: the answer does not show the target, who is in the caller's units: {body}"));
            }
            if (*method, *template) == ("GET", "/api/dashboard") && caller == OtherSupervisor {
                let board: lentera_protocol::org::Dashboard = serde_json::from_str(&body).expect("dashboard");
                if board.staff.is_empty() || board.staff.iter().any(|r| r.unit_code != "B") {
                    failures.push(format!("{what}: the dashboard should show unit B's people and nobody else: {body}"));
                }
            }
        }
    }
    println!("authorization: {} routes × {} roles = {calls} calls checked", TABLE.len(), CALLERS.len());
    assert!(failures.is_empty(), "{} of {calls} calls answered wrongly:\n{}", failures.len(), failures.join("\n"));
    world.server.shutdown().await;
}

#[tokio::test]
async fn a_learner_reads_their_own_page_and_ledger_and_nobody_elses() {
    let world = World::build().await;
    let s = &world.server;
    let token = s.login_as(&world.target).await;
    let page: lentera_protocol::org::PersonDetail = s.get_json(&token, &format!("/api/staff/{}", world.target)).await;
    assert_eq!((page.row.name.as_str(), page.row.jp), (TARGET_NAME, 2));
    let ledger = s.get_with(&token, &format!("/api/staff/{}/ledger.csv", world.target)).await;
    assert_eq!(ledger.status(), StatusCode::OK);
    assert!(ledger.text().await.expect("body").contains(TARGET_NAME));

    // A colleague, a supervisor and a NIP nobody has all get the same refusal.
    let mut refusals = BTreeSet::new();
    for other in [&world.learner, &world.supervisor, &world.ghost] {
        for path in [format!("/api/staff/{other}"), format!("/api/staff/{other}/ledger.csv")] {
            let response = s.get_with(&token, &path).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
            refusals.insert(response.text().await.expect("body"));
        }
    }
    assert_eq!(refusals.len(), 1, "{refusals:?}");
}
