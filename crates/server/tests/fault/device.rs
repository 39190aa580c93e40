//! One device of the learner: its connectivity, its local outbox, and the learner using it.
//! How it syncs is in `sync.rs`.

use super::activity::Recorder;
use super::proxy::Proxy;
use super::rng::Rng;
use lentera_protocol::{DeviceId, Event, EventId, Nip};
use std::collections::HashMap;
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Counts {
    pub flips: u64,
    pub syncs: u64,
    pub syncs_completed: u64,
    pub rotations: u64,
    pub rotations_answered: u64,
    pub pushes: u64,
    pub full_batches: u64,
    pub replays: u64,
    pub replays_answered: u64,
    pub duplicated_batches: u64,
    pub shuffled_batches: u64,
    pub transient_failures: u64,
}

/// A failed exchange the app would simply retry later (offline, connection cut, server down).
pub struct Transient;

pub struct Device {
    pub name: &'static str,
    pub id: DeviceId,
    pub(super) learner: Nip,
    pub(super) http: reqwest::Client,
    pub(super) proxy: Proxy,
    pub(super) token: String,
    pub(super) rng: Rng,
    pub(super) recorder: Recorder,
    pub online: bool,
    /// Faults are injected while true; the final quiet sync turns them off.
    pub faults: bool,
    /// The next push carries a `Fault::Kill`.
    pub arm_kill: bool,
    /// The local outbox: every event recorded here, with its `pending` flag; sync never deletes.
    pub outbox: Vec<(Event, bool)>,
    pub(super) position: HashMap<EventId, usize>,
    /// Every event this device holds: its own and those pulled, by id.
    pub known: HashMap<EventId, Event>,
    pub(super) cursor: i64,
    pub(super) acknowledged_batches: Vec<Vec<Event>>,
    pub counts: Counts,
    /// Answers no correct server gives (a 500, a 401, a wrong acknowledgement), kept for the final assert.
    pub unexpected: Vec<String>,
}

impl Device {
    pub fn new(name: &'static str, id: DeviceId, learner: Nip, token: String, proxy: Proxy, rng: Rng) -> Self {
        // No idle connections: each request opens its own, so the proxy's fault hits exactly that request.
        let http = reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let (position, known) = (HashMap::new(), HashMap::new());
        Self { name, id, learner, http, proxy, token, rng, recorder: Recorder::new(id), online: true, faults: true, arm_kill: false,
            outbox: Vec::new(), position, known, cursor: 0, acknowledged_batches: Vec::new(), counts: Counts::default(), unexpected: Vec::new() }
    }

    /// One moment of use: maybe the signal changes, maybe the learner studies, maybe the app syncs.
    pub async fn step(&mut self) {
        let mut sync_now = false;
        if self.rng.chance(50) {
            self.flip();
            sync_now = self.online; // the app syncs when the browser reports `online`
        }
        if self.arm_kill || self.rng.chance(60) {
            self.record_sitting();
        }
        if self.rng.chance(1) {
            // A long day in the field: hundreds of events pile up, so batches hit the 500 cap.
            for _ in 0..120 {
                self.record_sitting();
            }
        }
        if self.online && (sync_now || self.rng.chance(60)) {
            let _ = self.sync().await;
        }
    }

    pub fn flip(&mut self) {
        self.online = !self.online;
        self.counts.flips += 1;
    }

    fn record_sitting(&mut self) {
        for event in self.recorder.sitting(&mut self.rng) {
            self.position.insert(event.id, self.outbox.len());
            self.known.insert(event.id, event.clone());
            self.outbox.push((event, true));
        }
    }

    pub fn pending(&self) -> usize {
        self.outbox.iter().filter(|(_, pending)| *pending).count()
    }
}
