//! How a device syncs, by the app's rules: push pending events in batches of at most 500, mark
//! exactly the acknowledged ids as sent, rotate the token on every sync and keep the old one if the
//! answer is lost, pull the other devices' events by cursor, and try again later on any failure.

use super::device::{Device, Transient};
use super::proxy::{Fault, KillPoint};
use lentera_protocol::{Event, EventId, MAX_BATCH_EVENTS, PROTOCOL_VERSION, PullResponse, PushRequest, PushResponse, RotateResponse};
use reqwest::StatusCode;
use std::collections::BTreeSet;

impl Device {
    /// Rotate, maybe replay an old batch, push everything pending, then pull to the end.
    pub async fn sync(&mut self) -> Result<(), Transient> {
        self.counts.syncs += 1;
        self.rotate().await;
        if self.faults && !self.acknowledged_batches.is_empty() && self.rng.chance(15) {
            self.replay().await?;
        }
        while self.pending() > 0 {
            let batch = self.next_batch();
            self.push(batch).await?;
        }
        self.pull().await?;
        self.counts.syncs_completed += 1;
        Ok(())
    }

    /// A lost answer keeps the old token: the server accepts it until the new one is first used.
    async fn rotate(&mut self) {
        self.counts.rotations += 1;
        let Ok((status, body)) = self.send("/api/auth/rotate", None).await else { return };
        match (status, serde_json::from_slice::<RotateResponse>(&body)) {
            (StatusCode::OK, Ok(rotated)) => {
                self.token = rotated.token;
                self.counts.rotations_answered += 1;
            }
            _ => {
                self.note(format!("rotate answered {status}: {}", String::from_utf8_lossy(&body)));
            }
        }
    }

    /// Up to 500 pending events in outbox order; with faults, some repeated and the order shuffled.
    fn next_batch(&mut self) -> Vec<Event> {
        let repeats = if self.faults && self.rng.chance(20) { 1 + self.rng.below(5) } else { 0 };
        let pending = self.outbox.iter().filter(|(_, pending)| *pending).map(|(e, _)| e.clone());
        let mut batch: Vec<Event> = pending.take(MAX_BATCH_EVENTS - repeats).collect();
        for _ in 0..repeats {
            batch.push(batch[self.rng.below(batch.len())].clone());
        }
        self.counts.duplicated_batches += u64::from(repeats > 0);
        if self.faults && self.rng.chance(50) {
            self.rng.shuffle(&mut batch);
            self.counts.shuffled_batches += 1;
        }
        batch
    }

    async fn push(&mut self, batch: Vec<Event>) -> Result<PushResponse, Transient> {
        self.counts.pushes += 1;
        self.counts.full_batches += u64::from(batch.len() == MAX_BATCH_EVENTS);
        let request = PushRequest { protocol_version: PROTOCOL_VERSION, device_id: self.id, learner: self.learner.clone(), sent_at_ms: lentera_server::now_ms(), events: batch };
        let body = serde_json::to_vec(&request).expect("batch serialises");
        let (status, answer) = self.send("/api/sync/push", Some(body)).await?;
        let response = match (status, serde_json::from_slice::<PushResponse>(&answer)) {
            (StatusCode::OK, Ok(response)) => response,
            _ => return Err(self.fail(format!("push answered {status}: {}", String::from_utf8_lossy(&answer)))),
        };
        let sent: BTreeSet<EventId> = request.events.iter().map(|e| e.id).collect();
        let acknowledged: BTreeSet<EventId> = response.acknowledged.iter().copied().collect();
        if acknowledged != sent || response.newly_stored as usize > sent.len() {
            return Err(self.fail(format!("push of {} ids acknowledged {} (newly stored {})", sent.len(), acknowledged.len(), response.newly_stored)));
        }
        for id in &response.acknowledged {
            self.outbox[self.position[id]].1 = false;
        }
        if self.acknowledged_batches.len() < 40 {
            self.acknowledged_batches.push(request.events);
        } else {
            let slot = self.rng.below(40);
            self.acknowledged_batches[slot] = request.events;
        }
        Ok(response)
    }

    /// Sends a batch the server already acknowledged, in a new order: it must store nothing again.
    async fn replay(&mut self) -> Result<(), Transient> {
        self.counts.replays += 1;
        let mut batch = self.acknowledged_batches[self.rng.below(self.acknowledged_batches.len())].clone();
        self.rng.shuffle(&mut batch);
        let response = self.push(batch).await?;
        self.counts.replays_answered += 1;
        if response.newly_stored != 0 {
            self.note(format!("a replayed, acknowledged batch stored {} events again", response.newly_stored));
        }
        Ok(())
    }

    /// Pages through the learner's events after the cursor; the cursor moves only once a page is kept.
    async fn pull(&mut self) -> Result<(), Transient> {
        loop {
            let (status, body) = self.send(&format!("/api/sync/pull?after={}", self.cursor), None).await?;
            let page = match (status, serde_json::from_slice::<PullResponse>(&body)) {
                (StatusCode::OK, Ok(page)) => page,
                _ => return Err(self.fail(format!("pull answered {status}: {}", String::from_utf8_lossy(&body)))),
            };
            for event in page.events {
                match self.known.get(&event.id) {
                    Some(mine) if *mine != event => self.note(format!("event {} came back changed", event.id)),
                    None if event.device_id == self.id => self.note(format!("pulled {}, which this device never made", event.id)),
                    _ => {}
                }
                self.known.insert(event.id, event);
            }
            self.cursor = page.cursor;
            if !page.more {
                return Ok(());
            }
        }
    }

    /// One request through this device's proxy: a `None` body is a GET for pull, else a POST.
    async fn send(&mut self, path: &str, body: Option<Vec<u8>>) -> Result<(StatusCode, axum::body::Bytes), Transient> {
        if self.faults && self.rng.chance(3) {
            self.flip(); // the signal may go mid-sync
        }
        if !self.online {
            return Err(Transient);
        }
        let fault = self.pick_fault(path, body.as_ref().map_or(0, Vec::len));
        self.proxy.set_next(fault);
        let url = format!("http://{}{path}", self.proxy.addr);
        let request = match body {
            Some(body) => self.http.post(url).header("content-type", "application/json").body(body),
            None if path.starts_with("/api/sync/pull") => self.http.get(url),
            None => self.http.post(url),
        };
        let answer = async {
            let response = request.bearer_auth(&self.token).send().await?;
            let status = response.status();
            Ok::<_, reqwest::Error>((status, response.bytes().await?))
        };
        match answer.await {
            Ok(answer) => Ok(answer),
            Err(e) if e.is_timeout() => Err(self.fail(format!("{path} timed out: {e}"))),
            Err(_) => {
                self.counts.transient_failures += 1;
                Err(Transient)
            }
        }
    }

    fn pick_fault(&mut self, path: &str, body_len: usize) -> Fault {
        if !self.faults {
            return Fault::Pass;
        }
        if self.arm_kill && path == "/api/sync/push" {
            self.arm_kill = false;
            return Fault::Kill(match self.rng.below(3) {
                0 => KillPoint::InBody(self.rng.below(body_len)),
                1 => KillPoint::AfterBody(body_len),
                _ => KillPoint::AtAnswer,
            });
        }
        // 8 % of requests dropped before a byte, 14 % with the answer cut at a log-uniform point.
        match self.rng.below(100) {
            0..8 => Fault::Drop,
            8..22 => Fault::Cut(self.rng.log_uniform()),
            _ => Fault::Pass,
        }
    }

    fn note(&mut self, what: String) {
        self.unexpected.push(format!("{}: {what}", self.name));
    }

    fn fail(&mut self, what: String) -> Transient {
        self.note(what);
        Transient
    }
}
