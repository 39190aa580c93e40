//! Group commit: pushes that arrive while a commit is under way wait together and share the next
//! one. Each batch runs inside its own savepoint, so each stays all-or-nothing for its own answer,
//! while the disk is synced once for the group instead of once per batch.
//!
//! On SQLite the one writer keeps one connection of its own for its whole life. A connection's page
//! cache is thrown away whenever another connection has written, so a writer that took any
//! connection of the shared pool started each group cold and re-read the index pages it had just
//! written; its own connection is the only writer of the file and keeps them. That connection also
//! keeps savepoints' undo pages in memory (`temp_store`): they serve only a rollback inside the open
//! transaction, and durability is the WAL's, synced at commit as before.

use super::events::{self, Batch, Stored};
use super::{Pool, Tx};
use sqlx::sqlite::SqlitePoolOptions;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

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
    pub fn start(pool: Pool) -> Self {
        let (pool, writers) = match pool {
            Pool::Sqlite(shared) => (Pool::Sqlite(own_sqlite_connection(&shared)), 1),
            Pool::Postgres(shared) => (Pool::Postgres(shared), 4),
        };
        let (queue, waiting) = mpsc::channel(4096);
        let waiting = Arc::new(Mutex::new(waiting));
        for _ in 0..writers {
            tokio::spawn(run(pool.clone(), Arc::clone(&waiting)));
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
/// good, with a page cache large enough for the indexes a group touches; closed with the shared pool.
fn own_sqlite_connection(shared: &sqlx::SqlitePool) -> sqlx::SqlitePool {
    let options = (*shared.connect_options()).clone().pragma("cache_size", "-16384").pragma("temp_store", "memory");
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

async fn run(pool: Pool, waiting: Arc<Mutex<mpsc::Receiver<(Batch, Reply)>>>) {
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
        commit_group(&pool, group).await;
    }
}

async fn commit_group(pool: &Pool, group: Vec<(Batch, Reply)>) {
    let mut tx = match pool.begin().await {
        Ok(tx) => tx,
        Err(e) => return fail_all(group, &e),
    };
    if group.len() == 1 {
        if let Some((batch, reply)) = group.into_iter().next() {
            commit_alone(tx, &batch, reply).await;
        }
        return;
    }
    // One savepoint, reused: released and set again after a kept batch, rolled back to (which keeps
    // it set) after a refused or failed one; COMMIT ends the last. One statement between batches.
    if let Err(e) = exec(&mut tx, "SAVEPOINT batch").await {
        return fail_all(group, &e);
    }
    let last = group.len() - 1;
    let mut outcomes = Vec::with_capacity(group.len());
    let mut rest = group.into_iter().enumerate();
    while let Some((i, (batch, reply))) = rest.next() {
        let outcome = events::insert(&mut tx, &batch).await;
        let next = match (&outcome, i == last) {
            (Ok(Stored::Held { .. }), true) => None,
            (Ok(Stored::Held { .. }), false) => Some("RELEASE SAVEPOINT batch; SAVEPOINT batch"),
            _ => Some("ROLLBACK TO SAVEPOINT batch"),
        };
        outcomes.push((outcome, reply));
        if let Some(sql) = next
            && let Err(e) = exec(&mut tx, sql).await
        {
            // The transaction is in no known state: nothing of the group is kept (dropping `tx`
            // rolls it back), every push of it hears the error.
            let replies = outcomes.into_iter().map(|(_, r)| r).chain(rest.map(|(_, (_, r))| r));
            return replies.for_each(|reply| drop(reply.send(Err(copy(&e)))));
        }
    }
    match tx.commit().await {
        Ok(()) => {
            for (outcome, reply) in outcomes {
                let _ = reply.send(outcome);
            }
        }
        Err(e) => {
            for (_, reply) in outcomes {
                let _ = reply.send(Err(copy(&e)));
            }
        }
    }
}

/// A group of one needs no savepoint: its transaction is its all-or-nothing.
async fn commit_alone(mut tx: Tx, batch: &Batch, reply: Reply) {
    let outcome = events::insert(&mut tx, batch).await;
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

/// Runs savepoint statements, several in one round trip (`raw_sql`: no binds, many statements).
async fn exec(tx: &mut Tx, sql: &'static str) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::raw_sql(sql).execute(&mut *c).await.map(|_| ()))
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
