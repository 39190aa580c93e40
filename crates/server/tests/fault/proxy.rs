//! A TCP proxy in front of the server, one per device: the device names the fault for its next
//! connection (the client keeps no idle connections, so one connection is one request).

use super::server::Upstream;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fault {
    #[default]
    Pass,
    /// Close the connection before a byte is forwarded.
    Drop,
    /// Forward the request, then only the first `n` bytes of the response, then close.
    Cut(usize),
    /// SIGKILL the server at this point of the exchange.
    Kill(KillPoint),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KillPoint {
    /// After the head and this many body bytes: the server has part of the batch.
    InBody(usize),
    /// After the whole body (its length): the server has the batch and is storing it.
    AfterBody(usize),
    /// As the answer begins: the batch is committed, the acknowledgement never leaves.
    AtAnswer,
}

#[derive(Default)]
pub struct Stats {
    pub drops: AtomicU64,
    /// Responses actually cut short (a cut point past the end of the response cuts nothing).
    pub cuts: AtomicU64,
    /// Kills asked for, by `KillPoint` (in body, after body, at answer), stale ones included.
    pub kills_asked: [AtomicU64; 3],
}

pub struct Proxy {
    pub addr: SocketAddr,
    next: Arc<Mutex<Fault>>,
}

impl Proxy {
    /// A proxy to one or more server processes; connections go to each in turn, as a load balancer's would.
    pub async fn start(servers: Vec<(Upstream, mpsc::UnboundedSender<u64>)>, stats: Arc<Stats>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
        let addr = listener.local_addr().expect("proxy addr");
        let next = Arc::new(Mutex::new(Fault::Pass));
        let slot = next.clone();
        tokio::spawn(async move {
            let mut turn = 0;
            while let Ok((client, _)) = listener.accept().await {
                let fault = std::mem::take(&mut *slot.lock().expect("lock"));
                let (upstream, killer) = servers[turn % servers.len()].clone();
                turn += 1;
                tokio::spawn(relay(client, fault, upstream, killer, stats.clone()));
            }
        });
        Self { addr, next }
    }

    /// The fault for the next connection; later ones pass unless set again.
    pub fn set_next(&self, fault: Fault) {
        *self.next.lock().expect("lock") = fault;
    }
}

/// Fires the kill at most once per connection, naming the server generation it was aimed at.
struct Trigger {
    point: KillPoint,
    generation: u64,
    killer: mpsc::UnboundedSender<u64>,
    fired: AtomicBool,
    stats: Arc<Stats>,
}

impl Trigger {
    fn fire(&self) {
        if !self.fired.swap(true, Ordering::SeqCst) {
            let index = match self.point {
                KillPoint::InBody(_) => 0,
                KillPoint::AfterBody(_) => 1,
                KillPoint::AtAnswer => 2,
            };
            self.stats.kills_asked[index].fetch_add(1, Ordering::SeqCst);
            let _ = self.killer.send(self.generation);
        }
    }
}

async fn relay(client: TcpStream, fault: Fault, mut upstream: Upstream, killer: mpsc::UnboundedSender<u64>, stats: Arc<Stats>) {
    if fault == Fault::Drop {
        stats.drops.fetch_add(1, Ordering::SeqCst);
        return;
    }
    // While the server restarts the connection waits, like a slow network, instead of failing at once.
    let Ok(up) = upstream.wait_for(Option::is_some).await.map(|u| *u) else { return };
    let Some((addr, generation)) = up else { return };
    let Ok(server) = TcpStream::connect(addr).await else { return };
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let kill = match fault {
        Fault::Kill(point) => Some(Arc::new(Trigger { point, generation, killer, fired: AtomicBool::new(false), stats: stats.clone() })),
        _ => None,
    };
    let request = tokio::spawn(forward_request(client_read, server_write, kill.clone()));
    let cut_at = match fault {
        Fault::Cut(n) => Some(n),
        _ => None,
    };
    forward_response(server_read, client_write, cut_at, kill, &stats).await;
    // The response side decides when the exchange is over; dropping the halves closes both sockets.
    request.abort();
}

async fn forward_request(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, kill: Option<Arc<Trigger>>) {
    let body_bytes = match kill.as_ref().map(|k| k.point) {
        Some(KillPoint::InBody(n) | KillPoint::AfterBody(n)) => n,
        _ => usize::MAX,
    };
    let mut buf = vec![0; 16 * 1024];
    // The request so far, until its head ends: the kill point counts from the body's first byte.
    let (mut head, mut kill_at, mut sent) = (Vec::new(), None, 0);
    loop {
        let Ok(n) = from.read(&mut buf).await else { return };
        if n == 0 {
            return;
        }
        let mut n = n;
        if kill_at.is_none() && body_bytes != usize::MAX {
            head.extend_from_slice(&buf[..n]);
            kill_at = head.windows(4).position(|w| w == b"\r\n\r\n").map(|end| end + 4 + body_bytes);
        }
        if let Some(at) = kill_at {
            n = n.min(at - sent);
        }
        if to.write_all(&buf[..n]).await.is_err() {
            return;
        }
        sent += n;
        if let (Some(at), Some(trigger)) = (kill_at, &kill)
            && sent == at
        {
            trigger.fire();
            // Hold the connection open: the server dies while reading or storing, not on a clean EOF.
            std::future::pending::<()>().await;
        }
    }
}

async fn forward_response(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, cut_at: Option<usize>, kill: Option<Arc<Trigger>>, stats: &Stats) {
    let mut buf = vec![0; 16 * 1024];
    let mut passed = 0;
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if let Some(trigger) = &kill {
            // The server is answering: kill it before the answer gets out.
            trigger.fire();
            return;
        }
        if let Some(at) = cut_at.filter(|at| passed + n > *at) {
            let _ = to.write_all(&buf[..at - passed]).await;
            stats.cuts.fetch_add(1, Ordering::SeqCst);
            return;
        }
        if to.write_all(&buf[..n]).await.is_err() {
            return;
        }
        passed += n;
    }
}
