//! The innovation-idea competition (docs/innovation.md): a round with a weighted rubric, ideas
//! drafted and handed in as events, the supervisor's endorsement, anonymous scoring by each juror,
//! the ranking with ties explained and a missing score, publication and the KIPP proposal.

use crate::common;

use common::*;
use lentera_protocol::idea::{IdeaRound, IdeaStatus, JudgingView, MyIdea, Proposal, ReviewIdea, RoundResults, RoundStatus, RoundView};
use lentera_protocol::{Event, EventBody, EventId};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU8, Ordering};

/// ROOT → A, B; SA supervises A, SB supervises B; LA and LA2 in A, LB in B; an admin of ROOT and
/// an admin of B only.
struct World {
    s: TestServer,
    admin: String,
    admin_b: String,
    sa: String,
    sb: String,
    la: String,
    la2: String,
    lb: String,
}

const DAY_MINUTES: i64 = 24 * 60;

impl World {
    async fn build() -> World {
        let s = TestServer::start().await;
        s.create_unit("ROOT", "Pemerintah Kota Uji", None).await;
        s.create_unit("A", "Dinas A", Some("ROOT")).await;
        s.create_unit("B", "Dinas B", Some("ROOT")).await;
        let w = World { admin: nip(1), admin_b: nip(6), sa: nip(2), sb: nip(3), la: nip(4), la2: nip(7), lb: nip(5), s };
        w.s.create_person(&w.admin, "Admin Kota", "admin", Some("ROOT")).await;
        w.s.create_person(&w.admin_b, "Admin Dinas B", "admin", Some("B")).await;
        w.s.create_person(&w.sa, "Kepala Dinas A", "learner", Some("A")).await;
        w.s.supervise(&w.sa, "A").await;
        w.s.create_person(&w.sb, "Kepala Dinas B", "learner", Some("B")).await;
        w.s.supervise(&w.sb, "B").await;
        w.s.create_person(&w.la, "Ayu Lestari", "learner", Some("A")).await;
        w.s.create_person(&w.la2, "Citra Dewi", "learner", Some("A")).await;
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
                Event { id: EventId::new_v7(at as u64, [salt, i as u8, 4, 4, 4, 4, 4, 4, 4, 4]), device_id: device_of(nip), device_time_ms: at, body }
            })
            .collect();
        let token = self.token(nip).await;
        self.s.push_events(&token, nip, events).await;
    }

    async fn send(&self, who: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self.s.http.request(method, self.s.url(path)).bearer_auth(self.token(who).await);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("answered")
    }

    async fn post(&self, who: &str, path: &str, body: Value) -> reqwest::Response {
        self.send(who, reqwest::Method::POST, path, Some(body)).await
    }

    async fn put(&self, who: &str, path: &str, body: Value) -> reqwest::Response {
        self.send(who, reqwest::Method::PUT, path, Some(body)).await
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, who: &str, path: &str) -> T {
        self.s.get_json(&self.token(who).await, path).await
    }

    /// Opens a round as the whole-tree admin; returns it.
    async fn open_round(&self, round: Value) -> RoundView {
        let response = self.post(&self.admin, "/api/ideas/rounds", round).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        assert_eq!(status, StatusCode::CREATED, "{text}");
        serde_json::from_str(&text).expect("round")
    }

    async fn mine(&self, who: &str) -> Vec<MyIdea> {
        self.get(who, "/api/ideas/mine").await
    }

    async fn score(&self, juror: &str, round: i64, number: u32, scores: &[u8]) -> reqwest::Response {
        self.put(juror, &format!("/api/ideas/rounds/{round}/ideas/{number}/score"), json!({ "scores": scores })).await
    }
}

/// A round for unit A (open since three days, closing in `closes_in` days) judged by SA and SB.
fn round_a(w: &World, closes_in: i64) -> Value {
    json!({
        "theme": "Layanan tanpa antre",
        "description": "Gagasan agar warga tidak perlu antre di loket.",
        "opens_on": in_days(-3),
        "closes_on": in_days(closes_in),
        "judging_ends_on": in_days(closes_in + 14),
        "unit": "A",
        "criteria": [{ "name": "Dampak", "weight": 40 }, { "name": "Kebaruan", "weight": 30 }, { "name": "Biaya", "weight": 30 }],
        "jurors": [w.sa, w.sb],
    })
}

/// A well-formed NIP no account holds.
const NO_ACCOUNT: &str = "199001012015031001";

fn saved(entry: &str, round: i64, title: &str, team: &[&str]) -> EventBody {
    EventBody::IdeaSaved {
        entry: entry.into(),
        round: round.to_string(),
        title: title.into(),
        items: vec![
            "Warga antre dua jam.".into(),
            "Warga pemohon izin.".into(),
            format!("{title}: nomor antre lewat pesan singkat."),
            "Waktu tunggu rata-rata.".into(),
            "Rp 2 juta.".into(),
        ],
        evidence: vec![],
        team: team.iter().map(|t| (*t).to_owned()).collect(),
    }
}

fn submitted(entry: &str) -> EventBody {
    EventBody::IdeaSubmitted { entry: entry.into() }
}

/// Moves the round's deadline to yesterday, as an admin closing it early would (before any score).
async fn close(w: &World, round: i64, judging_ends_in: i64) {
    let mut body = round_a(w, -1);
    body["opens_on"] = json!(in_days(-3));
    body["judging_ends_on"] = json!(in_days(judging_ends_in));
    let response = w.put(&w.admin, &format!("/api/ideas/rounds/{round}"), body).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap_or_default());
}

#[tokio::test]
async fn an_idea_goes_from_the_phone_through_endorsement_and_blind_scoring_to_a_published_place() {
    let w = World::build().await;
    let round = w.open_round(round_a(&w, 5)).await;
    assert_eq!(round.status, RoundStatus::Open);
    let seen: Vec<IdeaRound> = w.get(&w.la, "/api/ideas/rounds").await;
    assert_eq!(seen.iter().map(|r| (r.id, r.status)).collect::<Vec<_>>(), vec![(round.id, RoundStatus::Open)], "A's learner sees A's round");
    let elsewhere: Vec<IdeaRound> = w.get(&w.lb, "/api/ideas/rounds").await;
    assert!(elsewhere.is_empty(), "B's learner does not see a round for A");

    // Drafted over two days, then handed in; the newest draft is what the server keeps.
    w.push(&w.la, 2 * DAY_MINUTES, vec![saved("ide-1", round.id, "Antre daring", &[])]).await;
    assert_eq!(w.mine(&w.la).await[0].status, IdeaStatus::Draft);
    w.push(&w.la, 60, vec![saved("ide-1", round.id, "Antre lewat SMS", &[&w.la2]), submitted("ide-1")]).await;
    w.push(&w.la2, 50, vec![saved("ide-2", round.id, "Loket keliling", &[]), submitted("ide-2")]).await;
    let mine = w.mine(&w.la).await;
    assert_eq!((mine[0].title.as_str(), mine[0].status), ("Antre lewat SMS", IdeaStatus::Submitted));
    assert!(w.mine(&w.lb).await.is_empty(), "nobody sees another's ideas");

    // The supervisor of A sees both; B's does not, and may not decide on them.
    let queue: Vec<ReviewIdea> = w.get(&w.sa, "/api/ideas/review").await;
    assert_eq!(queue.iter().map(|i| (i.name.as_str(), i.title.as_str())).collect::<Vec<_>>(), vec![("Ayu Lestari", "Antre lewat SMS"), ("Citra Dewi", "Loket keliling")]);
    assert_eq!(queue[0].items.len(), 5);
    assert_eq!(queue[0].team, vec![w.la2.clone()]);
    assert!(w.get::<Vec<ReviewIdea>>(&w.sb, "/api/ideas/review").await.is_empty());
    let refused = w.post(&w.sb, &format!("/api/ideas/review/{}/ide-1/endorse", w.la), json!({})).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);

    // Returned with a note, changed, handed in again and endorsed.
    let empty = w.post(&w.sa, &format!("/api/ideas/review/{}/ide-1/return", w.la), json!({ "note": "  " })).await;
    assert_eq!(error_of(empty).await.1, "field `note`: say what to change when returning an idea");
    let back = w.post(&w.sa, &format!("/api/ideas/review/{}/ide-1/return", w.la), json!({ "note": "Tambahkan biaya pulsa." })).await;
    assert_eq!(back.status(), StatusCode::NO_CONTENT);
    let mine = w.mine(&w.la).await;
    assert_eq!((mine[0].status, mine[0].note.as_deref()), (IdeaStatus::Returned, Some("Tambahkan biaya pulsa.")));
    // The team now also names a colleague with no account yet: the proposal prints the NIP without a name.
    w.push(&w.la, 30, vec![saved("ide-1", round.id, "Antre lewat SMS", &[&w.la2, NO_ACCOUNT]), submitted("ide-1")]).await;
    assert_eq!(w.mine(&w.la).await[0].status, IdeaStatus::Submitted);
    for (who, entry) in [(&w.la, "ide-1"), (&w.la2, "ide-2")] {
        let ok = w.post(&w.sa, &format!("/api/ideas/review/{who}/{entry}/endorse"), json!({})).await;
        assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    }
    let twice = w.post(&w.sa, &format!("/api/ideas/review/{}/ide-1/endorse", w.la), json!({})).await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);

    // Jurors score only after the deadline.
    let early = w.score(&w.sa, round.id, 1, &[4, 4, 4]).await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    assert!(w.get::<Vec<JudgingView>>(&w.sa, "/api/ideas/judging").await.is_empty());
    close(&w, round.id, 10).await;

    // Each juror sees the ideas by number, with no author, unit or team anywhere in the answer.
    let raw = w.s.get_with(&w.token(&w.sb).await, "/api/ideas/judging").await.text().await.expect("body");
    for hidden in ["Ayu Lestari", "Citra Dewi", w.la.as_str(), w.la2.as_str(), "Dinas A"] {
        assert!(!raw.contains(hidden), "a juror must not learn `{hidden}`: {raw}");
    }
    let sheet: Vec<JudgingView> = serde_json::from_str(&raw).expect("judging");
    assert_eq!(sheet[0].ideas.iter().map(|i| (i.number, i.title.as_str())).collect::<Vec<_>>(), vec![(1, "Antre lewat SMS"), (2, "Loket keliling")]);
    assert!(w.get::<Vec<JudgingView>>(&w.la, "/api/ideas/judging").await.is_empty(), "a learner judges nothing");
    let not_juror = w.score(&w.la, round.id, 1, &[5, 5, 5]).await;
    assert_eq!(not_juror.status(), StatusCode::NOT_FOUND, "only the round's jurors score");

    // SA scores both; SB scores only idea 2 so far: idea 1's score is SA's alone, and the round is not complete.
    assert_eq!(w.score(&w.sa, round.id, 1, &[5, 4, 3]).await.status(), StatusCode::NO_CONTENT); // 200 + 120 + 90 = 410
    assert_eq!(w.score(&w.sa, round.id, 2, &[4, 4, 4]).await.status(), StatusCode::NO_CONTENT); // 400
    assert_eq!(w.score(&w.sb, round.id, 2, &[3, 3, 3]).await.status(), StatusCode::NO_CONTENT); // 300: mean 350
    let wrong = w.score(&w.sb, round.id, 1, &[6, 3, 3]).await;
    assert_eq!(error_of(wrong).await.1, "field `scores`: give 3 scores, one per criterion in order, each from 1 to 5");
    let results: RoundResults = w.get(&w.admin, &format!("/api/ideas/rounds/{}/results", round.id)).await;
    let table: Vec<(u32, Option<u32>, Option<u32>, u32)> = results.ranking.iter().map(|r| (r.number, r.rank, r.score_hundredths, r.jurors_scored)).collect();
    assert_eq!(table, vec![(1, Some(1), Some(410), 1), (2, Some(2), Some(350), 2)]);
    assert!(!results.complete && !results.can_publish);
    assert!(results.ranking.iter().all(|r| r.author.is_none() && r.author_name.is_none()), "authors stay hidden before publication");
    let early = w.post(&w.admin, &format!("/api/ideas/rounds/{}/publish", round.id), json!({})).await;
    assert_eq!(error_of(early).await.1, format!("jurors have not scored every idea yet; publish once they have, or after {}", in_days(10)));
    let changed = w.put(&w.admin, &format!("/api/ideas/rounds/{}", round.id), round_a(&w, -1)).await;
    assert_eq!(changed.status(), StatusCode::CONFLICT, "the rubric is fixed once scoring began");

    // SB's score of idea 1 completes the round: 410 and 300 → 355 against 350.
    assert_eq!(w.score(&w.sb, round.id, 1, &[3, 3, 3]).await.status(), StatusCode::NO_CONTENT);
    let published = w.post(&w.admin, &format!("/api/ideas/rounds/{}/publish", round.id), json!({})).await;
    assert_eq!(published.status(), StatusCode::OK);
    let results: RoundResults = published.json().await.expect("results");
    assert_eq!(results.round.status, RoundStatus::Published);
    let table: Vec<(u32, Option<u32>, Option<&str>)> = results.ranking.iter().map(|r| (r.number, r.score_hundredths, r.author_name.as_deref())).collect();
    assert_eq!(table, vec![(1, Some(355), Some("Ayu Lestari")), (2, Some(350), Some("Citra Dewi"))]);
    let late = w.score(&w.sb, round.id, 2, &[5, 5, 5]).await;
    assert_eq!(late.status(), StatusCode::CONFLICT, "no score changes after publication");

    // The learner sees their place; the proposal prints with the team's names.
    let mine = w.mine(&w.la).await;
    let result = mine[0].result.clone().expect("a published place");
    assert_eq!((result.rank, result.of, result.score_hundredths), (1, 2, 355));
    let proposal: Proposal = w.get(&w.admin, &format!("/api/ideas/rounds/{}/proposal/1", round.id)).await;
    assert_eq!((proposal.title.as_str(), proposal.author_name.as_str(), proposal.unit.as_str()), ("Antre lewat SMS", "Ayu Lestari", "Dinas A"));
    assert_eq!(proposal.team, vec![(w.la2.clone(), "Citra Dewi".to_owned()), (NO_ACCOUNT.to_owned(), String::new())]);
    assert_eq!(proposal.sections[0], ("Masalah yang diatasi".to_owned(), "Warga antre dua jam.".to_owned()));
    assert_eq!((proposal.rank, proposal.of), (Some(1), 2));
}

#[tokio::test]
async fn equal_scores_share_a_place_or_are_ordered_by_the_heaviest_criterion_and_the_ranking_says_which() {
    let w = World::build().await;
    let round = w.open_round(round_a(&w, 5)).await;
    for (i, who) in [&w.la, &w.la2, &w.lb].into_iter().enumerate() {
        let entry = format!("ide-{i}");
        w.push(who, 60, vec![saved(&entry, round.id, &format!("Ide {i}"), &[]), submitted(&entry)]).await;
    }
    // LB is in B: for a round of A the hand-in is kept as late, and never reaches a queue.
    let lb = w.mine(&w.lb).await;
    assert_eq!(lb[0].status, IdeaStatus::Late);
    assert_eq!(lb[0].note.as_deref(), Some("Babak lomba ini tidak ada atau tidak terbuka untuk unit Anda; ide disimpan tetapi tidak dinilai."));
    for (who, entry) in [(&w.la, "ide-0"), (&w.la2, "ide-1")] {
        assert_eq!(w.post(&w.sa, &format!("/api/ideas/review/{who}/{entry}/endorse"), json!({})).await.status(), StatusCode::NO_CONTENT);
    }
    close(&w, round.id, 10).await;
    for juror in [&w.sa, &w.sb] {
        assert_eq!(w.score(juror, round.id, 1, &[2, 5, 5]).await.status(), StatusCode::NO_CONTENT); // 380, Dampak 2
        assert_eq!(w.score(juror, round.id, 2, &[5, 3, 3]).await.status(), StatusCode::NO_CONTENT); // 380, Dampak 5
    }
    let results: RoundResults = w.get(&w.admin, &format!("/api/ideas/rounds/{}/results", round.id)).await;
    assert!(results.complete && results.can_publish, "every juror scored every idea: publishable before the judging date");
    let table: Vec<(u32, Option<u32>)> = results.ranking.iter().map(|r| (r.number, r.rank)).collect();
    assert_eq!(table, vec![(2, Some(1)), (1, Some(2))]);
    assert_eq!(
        results.ranking[1].tie_note.as_deref(),
        Some("Nilai 3,80 sama dengan Ide 2; urutan ditentukan oleh rata-rata kriteria berbobot terbesar (Dampak): 2,00.")
    );
    // SB changes idea 1 to match idea 2 exactly: now they share first place.
    assert_eq!(w.score(&w.sb, round.id, 1, &[5, 3, 3]).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(w.score(&w.sa, round.id, 1, &[5, 3, 3]).await.status(), StatusCode::NO_CONTENT);
    let results: RoundResults = w.get(&w.admin, &format!("/api/ideas/rounds/{}/results", round.id)).await;
    assert_eq!(results.ranking.iter().map(|r| (r.number, r.rank)).collect::<Vec<_>>(), vec![(1, Some(1)), (2, Some(1))]);
    assert_eq!(results.ranking[0].tie_note.as_deref(), Some("Nilai 3,80 dan rata-rata kriteria Dampak (5,00) sama dengan Ide 2: peringkat dibagi."));
}

#[tokio::test]
async fn a_hand_in_outside_the_dates_is_kept_as_late_with_the_reason() {
    let w = World::build().await;
    let closed = w.open_round(round_a(&w, -1)).await;
    let mut later = round_a(&w, 20);
    later["opens_on"] = json!(in_days(10));
    let upcoming = w.open_round(later).await;
    assert_eq!((closed.status, upcoming.status), (RoundStatus::Judging, RoundStatus::Upcoming));
    w.push(&w.la, 60, vec![saved("telat", closed.id, "Terlambat", &[]), submitted("telat"), saved("dini", upcoming.id, "Terlalu dini", &[]), submitted("dini")]).await;
    let mine = w.mine(&w.la).await;
    let note = |entry: &str| mine.iter().find(|m| m.entry == entry).and_then(|m| m.note.clone());
    assert!(mine.iter().all(|m| m.status == IdeaStatus::Late));
    assert_eq!(note("telat").as_deref(), Some("Dikirim setelah batas waktu babak; ide disimpan tetapi tidak dinilai."));
    assert_eq!(note("dini").as_deref(), Some("Dikirim sebelum babak dibuka; kirim lagi setelah babak dibuka."));
    assert!(w.get::<Vec<ReviewIdea>>(&w.sa, "/api/ideas/review").await.is_empty(), "late ideas never reach the supervisor");

    // Handed in on time offline, 9 days ago, for a round that closed 8 days ago: arriving now is past the 7 grace days.
    let mut old = round_a(&w, -8);
    old["opens_on"] = json!(in_days(-20));
    let old = w.open_round(old).await;
    // And one that closed 3 days ago: within the grace days, the phone's on-time hand-in counts.
    let mut recent = round_a(&w, -3);
    recent["opens_on"] = json!(in_days(-20));
    let recent = w.open_round(recent).await;
    w.push(&w.la2, 9 * DAY_MINUTES, vec![saved("lama", old.id, "Lama", &[]), submitted("lama"), saved("baru", recent.id, "Baru", &[]), submitted("baru")]).await;
    let mine = w.mine(&w.la2).await;
    let of = |entry: &str| mine.iter().find(|m| m.entry == entry).expect("kept").clone();
    assert_eq!(of("baru").status, IdeaStatus::Submitted);
    assert_eq!(of("lama").status, IdeaStatus::Late);
    assert_eq!(of("lama").note.as_deref(), Some("Sampai di server lebih dari 7 hari setelah batas waktu; ide disimpan tetapi tidak dinilai."));
}

#[tokio::test]
async fn a_round_is_refused_with_what_to_fix_and_only_within_the_admins_units() {
    let w = World::build().await;
    let refusal = |change: fn(&mut Value)| {
        let mut body = round_a(&w, 5);
        change(&mut body);
        body
    };
    let cases: Vec<(Value, StatusCode, String)> = vec![
        (refusal(|b| b["criteria"][0]["weight"] = json!(50)), StatusCode::BAD_REQUEST, "field `criteria`: the weights add up to 110 percent; make them add up to 100".into()),
        (refusal(|b| b["closes_on"] = json!("2020-01-01")), StatusCode::BAD_REQUEST, "the dates must follow each other: opens_on, then closes_on (the deadline), then judging_ends_on".into()),
        (refusal(|b| b["opens_on"] = json!("besok")), StatusCode::BAD_REQUEST, "field `opens_on`: `besok` is not a date; write it as YYYY-MM-DD".into()),
        (refusal(|b| b["theme"] = json!(" ")), StatusCode::BAD_REQUEST, "field `theme`: write the round's theme in 1 to 120 characters".into()),
        (refusal(|b| b["jurors"] = json!([])), StatusCode::BAD_REQUEST, "field `jurors`: name 1 to 10 jurors by NIP".into()),
        (refusal(|b| b["unit"] = json!("X")), StatusCode::NOT_FOUND, "there is no unit X among your units; pick one from the list".into()),
    ];
    for (body, status, message) in cases {
        let response = w.post(&w.admin, "/api/ideas/rounds", body).await;
        assert_eq!(response.status(), status);
        assert_eq!(error_of(response).await.1, message);
    }
    let mut learner_juror = round_a(&w, 5);
    learner_juror["jurors"] = json!([w.la]);
    let response = w.post(&w.admin, "/api/ideas/rounds", learner_juror).await;
    assert_eq!(error_of(response).await.1, format!("field `jurors`: {} (Ayu Lestari) cannot use the console; jurors score there, so choose supervisors or administrators", w.la));

    // B's admin may open a round only for B, with B's people as jurors, and never sees A's round.
    let a_round = w.open_round(round_a(&w, 5)).await;
    let mut for_a = round_a(&w, 5);
    for_a["jurors"] = json!([w.sb]);
    assert_eq!(w.post(&w.admin_b, "/api/ideas/rounds", for_a.clone()).await.status(), StatusCode::NOT_FOUND);
    for_a["unit"] = Value::Null;
    let everyone = w.post(&w.admin_b, "/api/ideas/rounds", for_a.clone()).await;
    assert_eq!(error_of(everyone).await.1, "field `unit`: name the unit whose people may enter (only an administrator of the whole organisation may open a round to everyone)");
    for_a["unit"] = json!("B");
    assert_eq!(w.post(&w.admin_b, "/api/ideas/rounds", for_a).await.status(), StatusCode::CREATED);
    let rounds: Vec<RoundView> = w.get(&w.admin_b, "/api/ideas/rounds/admin").await;
    assert_eq!(rounds.iter().map(|r| r.unit.as_deref()).collect::<Vec<_>>(), vec![Some("B")]);
    let hidden = w.s.get_with(&w.token(&w.admin_b).await, &format!("/api/ideas/rounds/{}/results", a_round.id)).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    let supervisor = w.post(&w.sa, "/api/ideas/rounds", round_a(&w, 5)).await;
    assert_eq!(supervisor.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_demo_has_a_published_round_with_a_tie_and_an_open_one_with_ideas_waiting() {
    let s = TestServer::start().await;
    s.db.delete_all_people().await.expect("emptied");
    lentera_server::demo::seed(&s.db, crate::common::real_library(), lentera_server::now_ms()).await.expect("seeds");
    let hash = lentera_server::auth::hash_password(crate::common::PASSWORD).expect("hash");
    s.db.set_password_hash(lentera_server::demo::ADMIN_NIP, &hash).await.expect("password set");
    let admin = s.login_as(lentera_server::demo::ADMIN_NIP).await;
    let rounds: Vec<RoundView> = s.get_json(&admin, "/api/ideas/rounds/admin").await;
    assert_eq!(rounds.iter().map(|r| r.status).collect::<Vec<_>>(), vec![RoundStatus::Open, RoundStatus::Published]);
    assert_eq!((rounds[0].handed_in, rounds[0].endorsed), (3, 1), "the open round: one endorsed, two waiting");
    let results: RoundResults = s.get_json(&admin, &format!("/api/ideas/rounds/{}/results", rounds[1].id)).await;
    assert!(results.ranking.len() >= 5 && results.complete, "{results:?}");
    assert!(results.ranking.iter().all(|r| r.author_name.is_some() && r.jurors_scored == 2));
    let shared: Vec<Option<u32>> = results.ranking.iter().filter(|r| r.tie_note.as_deref().is_some_and(|n| n.ends_with("peringkat dibagi."))).map(|r| r.rank).collect();
    assert_eq!(shared.len(), 2, "two ideas share a place: {results:?}");
    assert_eq!(shared[0], shared[1]);
    assert_eq!(results.ranking.len(), 6, "every idea of the finished round was endorsed");
    let queue: Vec<ReviewIdea> = s.get_json(&admin, "/api/ideas/review").await;
    assert!(queue.iter().all(|i| i.round_id == rounds[0].id), "nothing of a published round waits for a decision: {queue:?}");
    assert_eq!(queue.len(), 2);
}
