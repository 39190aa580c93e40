//! Group commit: pushes that arrive while a commit is under way wait together and share the next
//! one, so the disk is synced once for the group instead of once per batch. Each batch stays
//! all-or-nothing for its own answer: a group in which any batch is refused or fails is undone and
//! its batches are committed one by one.
//!
//! On SQLite the one writer keeps one connection of its own for its whole life. A connection's page
//! cache is thrown away whenever another connection has written, so a writer that took any
//! connection of the shared pool started each group cold and re-read the index pages it had just
//! written; its own connection is the only writer of the file and keeps them. Its statement
//! journals stay in memory (`temp_store`), and it never checkpoints: a task does that beside it.

use super::events::{self, Batch, Stored};
use super::Pool;
use super::rule_cache::RuleCache;
use sqlx::sqlite::SqlitePoolOptions;
use std::sync::Arc;
use tokio::sync::{Mutex, Notify, mpsc, oneshot};

/// At most this many batches share a commit (a batch holds at most 500 events).
const GROUP_BATCHES: usize = 64;

type Reply = oneshot::Sender<Result<Stored, sqlx::Error>>;

#[derive(Clone, Debug)]
pub struct Writer {
    queue: mpsc::Sender<(Batch, Reply)>,
}

impl Writer {
    /// SQLite takes one writer at a time (on a connection of its own); PostgreSQL takes a few
    /// groups at once.
    pub fn start(pool: Pool, rules: RuleCache) -> Self {
        let written = Arc::new(Notify::new());
        let (pool, writers) = match pool {
            Pool::Sqlite(shared) => {
                let own = own_sqlite_connection(&shared);
                tokio::spawn(checkpoint(shared, Arc::clone(&written)));
                (Pool::Sqlite(own), 1)
            }
            Pool::Postgres(shared) => (Pool::Postgres(shared), 4),
        };
        let (queue, waiting) = mpsc::channel(4096);
        let waiting = Arc::new(Mutex::new(waiting));
        for _ in 0..writers {
            tokio::spawn(run(pool.clone(), rules.clone(), Arc::clone(&waiting), Arc::clone(&written)));
        }
        Self { queue }
    }

    /// Stores the batch; returns once its group has committed (or failed).
    pub async fn store(&self, batch: Batch) -> Result<Stored, sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        let gone = || sqlx::Error::PoolClosed;
        self.queue.send((batch, reply)).await.map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

/// The SQLite writer's own connection: the shared pool's file and settings, one connection kept for
/// good, with an 8 MB page cache (16 MB was no faster on the sync bench and put its 1,000-learner peak
/// at the 100 MB limit); closed with the shared pool.
fn own_sqlite_connection(shared: &sqlx::SqlitePool) -> sqlx::SqlitePool {
    let options = (*shared.connect_options()).clone().pragma("cache_size", "-8192").pragma("temp_store", "memory").pragma("wal_autocheckpoint", "0");
    let own = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_lazy_with(options);
    let (closing, writer) = (shared.close_event(), own.clone());
    tokio::spawn(async move {
        closing.await;
        writer.close().await;
    });
    own
}

async fn run(pool: Pool, rules: RuleCache, waiting: Arc<Mutex<mpsc::Receiver<(Batch, Reply)>>>, written: Arc<Notify>) {
    loop {
        let mut group = Vec::new();
        {
            let mut queue = waiting.lock().await;
            if queue.recv_many(&mut group, GROUP_BATCHES).await == 0 {
                return;
            }
        }
        // One order for every process, so two groups never wait on each other's learner locks.
        group.sort_by_key(|(batch, _)| batch.learner_id);
        tracing::debug!(batches = group.len(), "group commit");
        commit_group(&pool, &rules, group).await;
        written.notify_one();
    }
}

/// The group in one transaction. Refusals and failures are rare (a forged event id, a full disk),
/// so instead of a savepoint per batch (which journals every page a batch touches) a group with
/// any batch not held is rolled back whole and each of its batches is then committed alone.
pub(super) async fn commit_group(pool: &Pool, rules: &RuleCache, group: Vec<(Batch, Reply)>) {
    if group.len() == 1 {
        if let Some((batch, reply)) = group.into_iter().next() {
            commit_alone(pool, rules, &batch, reply).await;
        }
        return;
    }
    let mut tx = match pool.begin().await {
        Ok(tx) => tx,
        Err(e) => return fail_all(group, &e),
    };
    let mut outcomes = Vec::with_capacity(group.len());
    for (batch, _) in &group {
        match events::insert(&mut tx, rules, batch).await {
            Ok(stored @ Stored::Held { .. }) => outcomes.push(stored),
            _ => break,
        }
    }
    if outcomes.len() < group.len() {
        drop(tx.rollback().await);
        for (batch, reply) in group {
            commit_alone(pool, rules, &batch, reply).await;
        }
        return;
    }
    match tx.commit().await {
        Ok(()) => group.into_iter().zip(outcomes).for_each(|((_, reply), outcome)| drop(reply.send(Ok(outcome)))),
        Err(e) => fail_all(group, &e),
    }
}

/// One batch in its own transaction: its all-or-nothing.
async fn commit_alone(pool: &Pool, rules: &RuleCache, batch: &Batch, reply: Reply) {
    let mut tx = match pool.begin().await {
        Ok(tx) => tx,
        Err(e) => return drop(reply.send(Err(e))),
    };
    let outcome = events::insert(&mut tx, rules, batch).await;
    let ended = match &outcome {
        Ok(Stored::Held { .. }) => tx.commit().await,
        _ => tx.rollback().await,
    };
    let answer = match (ended, outcome) {
        (Ok(()), outcome) => outcome,
        // The batch's own error says more than the failed rollback after it.
        (Err(_), Err(e)) => Err(e),
        (Err(e), Ok(_)) => Err(e),
    };
    let _ = reply.send(answer);
}

/// SQLite: the writer's commits do not copy the log into the database file (a checkpoint) while
/// pushes wait on them; this task does it on a pool connection, on the other core, after commits.
async fn checkpoint(shared: sqlx::SqlitePool, written: Arc<Notify>) {
    loop {
        written.notified().await;
        if shared.is_closed() {
            return;
        }
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&shared).await {
            tracing::warn!(error = %e, "checkpoint");
        }
    }
}

fn fail_all(group: Vec<(Batch, Reply)>, e: &sqlx::Error) {
    for (_, reply) in group {
        let _ = reply.send(Err(copy(e)));
    }
}

/// sqlx errors are not `Clone`; each waiting push gets the message of the shared failure.
fn copy(e: &sqlx::Error) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(e.to_string()))
}
