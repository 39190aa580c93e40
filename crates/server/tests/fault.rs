//! Fault injection for sync: the real server binary SIGKILLed mid-batch and restarted on its
//! database, responses cut by a proxy, two devices of one learner flipping online and offline and
//! sending batches again, doubled and shuffled. In the end the server must hold every event once.
//! `FAULT_SEED=<u64>` picks the script of choices; timing (which request meets a dying server)
//! still varies, so two runs of one seed agree only until the first timing-dependent outcome.

// A helper that cannot set up its server or parse an answer should stop the test with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "fault/activity.rs"]
mod activity;
#[path = "fault/device.rs"]
mod device;
#[allow(dead_code)]
#[path = "api/common/pack.rs"]
mod pack;
#[path = "fault/proxy.rs"]
mod proxy;
#[path = "fault/rng.rs"]
mod rng;
#[path = "fault/server.rs"]
mod server;
#[path = "fault/sync.rs"]
mod sync;

use device::Device;
use lentera_protocol::{DeviceId, Event, EventId, LoginRequest, LoginResponse, Nip, Progress, PullResponse};
use proxy::Proxy;
use reqwest::StatusCode;
use rng::Rng;
use server::Supervisor;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::time::Instant;

/// Sri Wahyuni, a demo account the server seeds into an empty database.
const NIP: &str = "198503122010012002";
const FLIPS_PER_DEVICE: u64 = 500;
const KILLS: u64 = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_event_is_held_once_through_flips_kills_cuts_and_replays() {
    let seed = rng::seed_from_env();
    eprintln!("fault test seed={seed} (FAULT_SEED={seed} runs this script again)");
    let started = Instant::now();
    let mut rng = Rng::new(seed);
    // With LENTERA_TEST_PG (scripts/with-postgres.sh): two server processes on one PostgreSQL
    // database, each device's requests spread over both, kills landing on either.
    let kills = Arc::new(AtomicU64::new(0));
    let servers = match std::env::var("LENTERA_TEST_PG").ok().filter(|s| !s.is_empty()) {
        Some(base) => {
            let url = format!("{}/fault_{}", base.trim_end_matches('/'), std::process::id());
            // The first start seeds the demo data; the second finds it there.
            let first = Supervisor::start(Some(url.clone()), kills.clone()).await;
            vec![first, Supervisor::start(Some(url), kills.clone()).await]
        }
        None => vec![Supervisor::start(None, kills.clone()).await],
    };
    eprintln!("fault test on {} server process(es), database {}", servers.len(), servers[0].db);
    let supervisor = &servers[0];
    let stats = Arc::new(proxy::Stats::default());
    let http = reqwest::Client::builder().no_proxy().build().expect("client");
    let learner = Nip::parse(NIP).expect("demo NIP");
    let mut devices = Vec::new();
    for name in ["phone", "tablet"] {
        let id = DeviceId::from_random(rng.bytes());
        let token = login(&http, supervisor.direct().await, id).await;
        let proxy = Proxy::start(servers.iter().map(|s| (s.upstream(), s.killer())).collect(), stats.clone()).await;
        devices.push(Device::new(name, id, learner.clone(), token, proxy, rng.fork()));
    }

    // Both devices at once, each on its own task: their requests interleave at the server.
    let flips = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = devices.into_iter().map(|d| tokio::spawn(use_device(d, flips.clone(), kills.clone()))).collect();
    let mut devices = Vec::new();
    for task in tasks {
        devices.push(task.await.expect("device task"));
    }
    let faulty_secs = started.elapsed().as_secs_f64();

    // Calm: signal back and no faults; the first round pushes everything, the second pulls the rest.
    for _ in 0..2 {
        for device in &mut devices {
            device.faults = false;
            if !device.online {
                device.flip();
            }
            let synced = device.sync().await.is_ok();
            assert!(synced, "seed={seed}: a calm sync of {} failed; {}", device.name, first(&device.unexpected));
        }
    }

    // A third device, logged in afresh and talking to the server directly, reads what the server holds.
    let addr = supervisor.direct().await;
    let token = login(&http, addr, DeviceId::from_random(rng.bytes())).await;
    let held = pull_all(&http, addr, &token).await;
    let server_progress = get(&http, addr, &token, "/api/progress/me").await.json::<Progress>().await.expect("progress");

    let made: HashMap<EventId, &Event> = devices.iter().flat_map(|d| d.outbox.iter().map(|(e, _)| (e.id, e))).collect();
    let made_total: usize = devices.iter().map(|d| d.outbox.len()).sum();
    let mut copies: HashMap<EventId, usize> = HashMap::new();
    for event in &held {
        *copies.entry(event.id).or_default() += 1;
    }
    let lost = made.keys().filter(|id| !copies.contains_key(id)).count();
    let duplicated: usize = copies.values().map(|n| n - 1).sum();
    let strangers = copies.keys().filter(|id| !made.contains_key(id)).count();
    let changed = held.iter().filter(|e| made.get(&e.id).is_some_and(|mine| *mine != *e)).count();
    let unexpected: Vec<String> = devices.iter().flat_map(|d| d.unexpected.clone()).collect();

    let kills = kills.load(SeqCst);
    let restarts_ms: Vec<u128> = servers.iter().flat_map(|s| s.restarts_ms.lock().expect("lock").clone()).collect();
    let errors: Vec<String> = servers.iter().flat_map(|s| s.errors.lock().expect("lock").clone()).collect();
    let mut kept = Vec::new();
    let mut db = String::new();
    for server in servers {
        let (dir, at) = server.stop().await;
        kept.push(dir);
        db = at;
    }
    let (rows, distinct_rows, integrity) = count_rows(&db).await;

    let c = |f: fn(&device::Counts) -> u64| devices.iter().map(|d| f(&d.counts)).sum::<u64>();
    println!(
        "fault test seed={seed} flips={} kills={kills} (asked in body/after body/at answer {:?}) cuts={} drops={} \
         events={} lost={lost} duplicated={duplicated} pushes={} full_batches={} replays={}/{} doubled_batches={} shuffled_batches={} syncs={}/{} rotations={}/{} transient_failures={} db_rows={rows}/{distinct_rows} \
         restarts_ms={restarts_ms:?} faulty_secs={faulty_secs:.1} total_secs={:.1}",
        c(|c| c.flips), stats.kills_asked.each_ref().map(|k| k.load(SeqCst)), stats.cuts.load(SeqCst),
        stats.drops.load(SeqCst), made.len(), c(|c| c.pushes), c(|c| c.full_batches), c(|c| c.replays_answered), c(|c| c.replays), c(|c| c.duplicated_batches), c(|c| c.shuffled_batches),
        c(|c| c.syncs_completed), c(|c| c.syncs), c(|c| c.rotations_answered), c(|c| c.rotations), c(|c| c.transient_failures), started.elapsed().as_secs_f64(),
    );
    assert!(unexpected.is_empty(), "seed={seed}: answers no correct server gives; {}\nthe servers' errors:\n{}", first(&unexpected), first_lines(&errors));
    assert_eq!(made.len(), made_total, "seed={seed}: two events share an id");
    assert_eq!((lost, duplicated, strangers, changed), (0, 0, 0, 0), "seed={seed}: (lost, duplicated, unknown, changed) events");
    assert_eq!((rows, distinct_rows), (made.len() as i64, made.len() as i64), "seed={seed}: rows and distinct ids in the db file");
    assert_eq!(integrity, "ok", "seed={seed}: database integrity after {kills} kills");
    assert!(c(|c| c.flips) >= 2 * FLIPS_PER_DEVICE && kills >= KILLS, "seed={seed}: too few faults: {kills} kills");
    assert!(stats.cuts.load(SeqCst) > 0 && c(|c| c.replays_answered) > 0, "seed={seed}: no cut or no replay happened");
    for device in &devices {
        assert_eq!(device.pending(), 0, "seed={seed}: {} still has pending events", device.name);
        assert_eq!(device.known.len(), made.len(), "seed={seed}: {} did not pull everything", device.name);
        assert!(Progress::fold(device.known.values()) == server_progress, "seed={seed}: {}'s fold differs from the server's", device.name);
    }
}

/// Steps one device until it has flipped its connectivity enough, arming kills on schedule.
async fn use_device(mut device: Device, flips: Arc<AtomicU64>, kills: Arc<AtomicU64>) -> Device {
    let all_flips = 2 * FLIPS_PER_DEVICE;
    while device.counts.flips < FLIPS_PER_DEVICE {
        // Kills are due over the first 80 % of the run, so a late one still has time to land.
        let due = (KILLS * flips.load(SeqCst) * 5 / (4 * all_flips)).min(KILLS);
        device.arm_kill = kills.load(SeqCst) < due;
        let before = device.counts.flips;
        device.step().await;
        flips.fetch_add(device.counts.flips - before, SeqCst);
    }
    device
}

/// A failure list is often one fault repeated: the count and the first few are enough.
fn first(unexpected: &[String]) -> String {
    format!("{} unexpected answers, first:\n{}", unexpected.len(), unexpected.iter().take(5).cloned().collect::<Vec<_>>().join("\n"))
}

/// The first few of the servers' error lines (one fault is usually logged many times).
fn first_lines(lines: &[String]) -> String {
    lines.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
}

async fn login(http: &reqwest::Client, addr: SocketAddr, device_id: DeviceId) -> String {
    let password = lentera_server::demo::DEMO_PASSWORD.to_owned();
    let body = LoginRequest { nip: Nip::parse(NIP).expect("demo NIP"), password, device_id };
    let response = http.post(format!("http://{addr}/api/auth/login")).json(&body).send().await.expect("login answered");
    assert_eq!(response.status(), StatusCode::OK, "login on {device_id}");
    response.json::<LoginResponse>().await.expect("login body").token
}

async fn get(http: &reqwest::Client, addr: SocketAddr, token: &str, path: &str) -> reqwest::Response {
    let response = http.get(format!("http://{addr}{path}")).bearer_auth(token).send().await.expect("answered");
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response
}

async fn pull_all(http: &reqwest::Client, addr: SocketAddr, token: &str) -> Vec<Event> {
    let (mut held, mut cursor) = (Vec::new(), 0);
    loop {
        let page: PullResponse = get(http, addr, token, &format!("/api/sync/pull?after={cursor}")).await.json().await.expect("page");
        held.extend(page.events);
        cursor = page.cursor;
        if !page.more {
            return held;
        }
    }
}

/// Reads the database itself once the servers are gone: this learner's rows, distinct ids,
/// integrity (the demo's other staff have generated events of their own).
async fn count_rows(db: &str) -> (i64, i64, String) {
    let db = lentera_server::db::Db::open(&lentera_server::db::Location::parse(db)).await.expect("the database opens");
    let (rows, distinct) = db.event_rows_of(NIP).await.expect("count");
    let integrity = db.integrity_check().await.expect("integrity check");
    db.close().await;
    (rows, distinct, integrity)
}
