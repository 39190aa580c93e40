//! Group commit: pushes that arrive while a commit is under way wait together and share the next
//! one. Each batch runs inside its own savepoint, so each stays all-or-nothing for its own answer,
//! while the disk is synced once for the group instead of once per batch.

use super::events::{self, Batch, Stored};
use super::{Pool, Tx};
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
    /// SQLite takes one writer at a time; PostgreSQL takes a few groups at once.
    pub fn start(pool: Pool) -> Self {
        let writers = match pool {
            Pool::Sqlite(_) => 1,
            Pool::Postgres(_) => 4,
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
        commit_group(&pool, group).await;
    }
}

async fn commit_group(pool: &Pool, group: Vec<(Batch, Reply)>) {
    let mut tx = match pool.begin().await {
        Ok(tx) => tx,
        Err(e) => return fail_all(group, &e),
    };
    let mut outcomes = Vec::with_capacity(group.len());
    for (batch, reply) in group {
        let outcome = one_batch(&mut tx, &batch).await;
        outcomes.push((outcome, reply));
    }
    match tx.commit().await {
        Ok(()) => {
            for (outcome, reply) in outcomes {
                let _ = reply.send(outcome);
            }
        }
        Err(e) => {
            let replies: Vec<Reply> = outcomes.into_iter().map(|(_, r)| r).collect();
            for reply in replies {
                let _ = reply.send(Err(copy(&e)));
            }
        }
    }
}

/// One batch inside its savepoint: a refused or failed batch leaves nothing behind.
async fn one_batch(tx: &mut Tx, batch: &Batch) -> Result<Stored, sqlx::Error> {
    tx.exec("SAVEPOINT batch").await?;
    let outcome = events::insert(tx, batch).await;
    match &outcome {
        Ok(Stored::Held { .. }) => tx.exec("RELEASE SAVEPOINT batch").await?,
        _ => {
            tx.exec("ROLLBACK TO SAVEPOINT batch").await?;
            tx.exec("RELEASE SAVEPOINT batch").await?;
        }
    }
    outcome
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
