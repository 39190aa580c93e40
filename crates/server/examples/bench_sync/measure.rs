//! The timed parts: sequential pushes, many learners at once, paging a pull.

use lentera_protocol::{PullResponse, PushResponse};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};
use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// One push body and how many events it carries.
#[derive(Clone)]
pub struct Batch {
    pub body: Vec<u8>,
    pub events: usize,
    /// The body is gzip-compressed (`Content-Encoding: gzip`), as the app sends it.
    pub gzip: bool,
    /// Sent before and held already (a retry after a lost answer): the server must store none anew.
    pub replay: bool,
}

impl Batch {
    /// The same batch gzipped at flate2's default level (6). Chromium 156's `CompressionStream`
    /// (what the app uses; it has no level setting) came out 0-5 % larger on similar bodies.
    pub fn gzipped(&self) -> Batch {
        Batch { body: gzip(&self.body), events: self.events, gzip: true, replay: self.replay }
    }
}

/// `data` gzipped at the default level (6).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Request line and headers of one push as this client sends it over HTTP/1.1 (a browser adds
/// a few hundred bytes more: user agent, origin, sec-fetch-*).
pub fn push_head_bytes(url: &str, token: &str, batch: &Batch) -> usize {
    let host = url.split('/').nth(2).unwrap_or("");
    let encoding = if batch.gzip { "content-encoding: gzip\r\n" } else { "" };
    format!(
        "POST /api/sync/push HTTP/1.1\r\ncontent-type: application/json\r\n{encoding}authorization: Bearer {token}\r\n\
         accept: */*\r\nhost: {host}\r\ncontent-length: {}\r\n\r\n",
        batch.body.len()
    )
    .len()
}

/// Sends one batch and checks the answer holds every event as new.
async fn push_one(http: &reqwest::Client, url: &str, token: &str, batch: &Batch) -> Result<(), String> {
    let mut request = http.post(url).bearer_auth(token).header(CONTENT_TYPE, "application/json");
    if batch.gzip {
        request = request.header(CONTENT_ENCODING, "gzip");
    }
    let response = request
        .body(batch.body.clone())
        .send()
        .await
        .map_err(|e| format!("push not answered: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("push answered {status}: {}", response.text().await.unwrap_or_default()));
    }
    let answer: PushResponse = response.json().await.map_err(|e| format!("push answer: {e}"))?;
    let new = if batch.replay { 0 } else { batch.events };
    if answer.acknowledged.len() != batch.events || answer.newly_stored as usize != new {
        return Err(format!(
            "push of {} events acknowledged {} and stored {} new",
            batch.events,
            answer.acknowledged.len(),
            answer.newly_stored
        ));
    }
    Ok(())
}

/// Every batch in turn, as one device's pusher sends them; the whole time and each batch's.
pub async fn push_sequence(http: &reqwest::Client, url: &str, token: &str, batches: &[Batch]) -> Result<(Duration, Vec<Duration>), String> {
    let mut each = Vec::with_capacity(batches.len());
    let start = Instant::now();
    for batch in batches {
        let t = Instant::now();
        push_one(http, url, token, batch).await?;
        each.push(t.elapsed());
    }
    Ok((start.elapsed(), each))
}

pub struct Load {
    pub wall: Duration,
    /// Latency of each successful push, ms, ascending.
    pub latencies_ms: Vec<f64>,
    pub failed: usize,
    pub first_failure: Option<String>,
}

/// Every learner's batches: all tasks wait at a barrier, then each pushes its batches in turn, all at
/// once (`spread` zero) or learner `i` of `n` starting `spread * i / n` after the others' start.
/// Learner `i` talks to `urls[i % urls.len()]` (several servers: the load balancer's round robin).
pub async fn concurrent(http: &reqwest::Client, urls: &[String], learners: Vec<(String, Vec<Batch>)>, spread: Duration) -> Load {
    let n = learners.len().max(1) as u32;
    let barrier = Arc::new(tokio::sync::Barrier::new(learners.len() + 1));
    let mut tasks = Vec::with_capacity(learners.len());
    for (i, (token, batches)) in learners.into_iter().enumerate() {
        let (http, url, barrier) = (http.clone(), urls[i % urls.len()].clone(), barrier.clone());
        let delay = spread * i as u32 / n;
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let mut results = Vec::with_capacity(batches.len());
            for batch in &batches {
                let t = Instant::now();
                results.push(push_one(&http, &url, &token, batch).await.map(|()| t.elapsed()));
            }
            results
        }));
    }
    barrier.wait().await;
    let start = Instant::now();
    let mut load = Load { wall: Duration::ZERO, latencies_ms: Vec::new(), failed: 0, first_failure: None };
    for task in tasks {
        let results = task.await.unwrap_or_else(|e| vec![Err(format!("task: {e}"))]);
        for result in results {
            match result {
                Ok(latency) => load.latencies_ms.push(latency.as_secs_f64() * 1000.0),
                Err(e) => {
                    load.failed += 1;
                    load.first_failure.get_or_insert(e);
                }
            }
        }
    }
    load.wall = start.elapsed();
    load.latencies_ms.sort_by(f64::total_cmp);
    load
}

/// Samples processes' VmRSS every 2 ms on its own thread until stopped; gives the largest seen of each.
pub struct RssSampler {
    running: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Vec<u64>>,
}

impl RssSampler {
    pub fn start(pids: Vec<u32>) -> Self {
        let running = Arc::new(AtomicBool::new(true));
        let flag = running.clone();
        let thread = std::thread::spawn(move || {
            let mut max = vec![0; pids.len()];
            while flag.load(Ordering::Relaxed) {
                for (max, &pid) in max.iter_mut().zip(&pids) {
                    *max = (*max).max(super::server::proc_status_kib(pid, "VmRSS").unwrap_or(0));
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            max
        });
        Self { running, thread }
    }

    pub fn stop(self) -> Vec<u64> {
        self.running.store(false, Ordering::Relaxed);
        self.thread.join().unwrap_or_default()
    }
}

pub struct Pull {
    pub time: Duration,
    pub pages: usize,
    pub events: usize,
    /// Response bodies as received.
    pub bodies: Vec<Vec<u8>>,
    /// Status lines and headers of the responses, as HTTP/1.1 writes them.
    pub header_bytes: usize,
    /// `Content-Encoding` of the first page, if the server compressed it.
    pub encoding: Option<String>,
}

/// Pages through the learner's events from the start, offering brotli as a browser does.
pub async fn pull_all(http: &reqwest::Client, base: &str, token: &str) -> Result<Pull, String> {
    let mut pull = Pull { time: Duration::ZERO, pages: 0, events: 0, bodies: Vec::new(), header_bytes: 0, encoding: None };
    let mut cursor = 0i64;
    let start = Instant::now();
    loop {
        let response = http
            .get(format!("{base}/api/sync/pull?after={cursor}"))
            .bearer_auth(token)
            .header(ACCEPT_ENCODING, "br, gzip")
            .send()
            .await
            .map_err(|e| format!("pull not answered: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("pull answered {}", response.status()));
        }
        if pull.pages == 0 {
            pull.encoding = response.headers().get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()).map(str::to_owned);
        }
        pull.header_bytes += "HTTP/1.1 200 OK\r\n\r\n".len()
            + response.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum::<usize>();
        let body = response.bytes().await.map_err(|e| format!("pull body: {e}"))?.to_vec();
        let page: PullResponse = if pull.encoding.as_deref() == Some("br") {
            let mut json = Vec::new();
            brotli::Decompressor::new(body.as_slice(), 4096).read_to_end(&mut json).map_err(|e| format!("pull brotli: {e}"))?;
            serde_json::from_slice(&json).map_err(|e| format!("pull page: {e}"))?
        } else {
            serde_json::from_slice(&body).map_err(|e| format!("pull page: {e}"))?
        };
        pull.pages += 1;
        pull.events += page.events.len();
        pull.bodies.push(body);
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    pull.time = start.elapsed();
    Ok(pull)
}

/// Brotli size of `data` at `quality` (window 22, as the server compresses course packs).
pub fn brotli_len(data: &[u8], quality: u32) -> usize {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        let _ = writer.write_all(data);
    }
    out.len()
}
