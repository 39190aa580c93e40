//! Passwords (argon2id), session tokens (random, stored only as SHA-256), and login throttling.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use sha2::{Digest, Sha256};
use crate::db::Db;

/// An argon2id hash in PHC form (`$argon2id$v=19$...`), with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// Checks a password. A stored hash that is no hash (an account waiting for activation keeps '')
/// is checked against a dummy one, so it costs the same time and tells no one it is not active.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => {
            let _ = PasswordHash::new(dummy_hash()).map(|d| Argon2::default().verify_password(password.as_bytes(), &d));
            false
        }
    }
}

/// A hash no password matches, for accounts that have none (unknown NIPs, not yet activated).
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

type Job = Box<dyn FnOnce() + Send>;

/// At most one argon2 run per core, on threads of their own: a burst of logins queues here and the
/// async workers keep serving sync and health. Few long-lived threads, not tokio's blocking pool:
/// that pool started new threads in a burst, and each kept its ~19 MiB argon2 block (the server
/// held 500 MB after 200 concurrent logins).
fn argon2_queue() -> &'static std::sync::mpsc::Sender<Job> {
    static QUEUE: std::sync::OnceLock<std::sync::mpsc::Sender<Job>> = std::sync::OnceLock::new();
    QUEUE.get_or_init(|| {
        let (queue, jobs) = std::sync::mpsc::channel::<Job>();
        let jobs = std::sync::Arc::new(std::sync::Mutex::new(jobs));
        for n in 0..std::thread::available_parallelism().map_or(2, std::num::NonZero::get) {
            let jobs = std::sync::Arc::clone(&jobs);
            let _ = std::thread::Builder::new().name(format!("argon2-{n}")).spawn(move || {
                loop {
                    let next = jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                    let Ok(job) = next else { return };
                    // A panicking job loses its own answer only; the thread serves the next.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                }
            });
        }
        queue
    })
}

/// Runs an argon2 job (verify or hash) on the argon2 threads, one per core at a time.
pub async fn off_workers<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    argon2_queue()
        .send(Box::new(move || {
            let _ = answer.send(job());
        }))
        .map_err(|_| "the password checker has stopped".to_owned())?;
    answered.await.map_err(|_| "the password check failed".to_owned())
}

/// [`verify_password`] off the async workers.
pub async fn verify_password_off_workers(password: &str, hash: &str) -> Result<bool, String> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    off_workers(move || verify_password(&password, &hash)).await
}

/// [`hash_password`] off the async workers.
pub async fn hash_password_off_workers(password: &str) -> Result<String, String> {
    let password = password.to_owned();
    off_workers(move || hash_password(&password)).await?
}

/// A session token: 32 random bytes, URL-safe text. Returned to the device once, never stored.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// A one-time activation code: 20 letters and digits without look-alikes (0/O, 1/I/L) in four
/// groups, `XXXXX-XXXXX-XXXXX-XXXXX`: about 99 bits, so its SHA-256 in a leaked database cannot be
/// reversed by trying codes (docs/security.md says why this and not argon2).
pub fn activation_code() -> Result<String, String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut code = String::with_capacity(23);
    for group in 0..4 {
        if group > 0 {
            code.push('-');
        }
        for _ in 0..5 {
            code.push(char::from(ALPHABET[uniform(ALPHABET.len())?]));
        }
    }
    Ok(code)
}

/// A random index below `n` without modulo bias.
fn uniform(n: usize) -> Result<usize, String> {
    let limit = 256 - 256 % n;
    loop {
        let mut byte = [0u8; 1];
        getrandom::fill(&mut byte).map_err(|e| e.to_string())?;
        if usize::from(byte[0]) < limit {
            return Ok(usize::from(byte[0]) % n);
        }
    }
}

/// What the database keeps of an activation code; a code typed in lower case still matches.
pub fn code_hash(code: &str) -> String {
    token_hash(&code.trim().to_uppercase())
}

/// What the database keeps of a token: a stolen database yields no usable session.
/// The token that replaces `token` at rotation: a keyed hash of it with the session's secret salt,
/// so it is the same however often (or concurrently) the same token is rotated, and cannot be
/// worked out from a leaked database (which holds only the tokens' hashes) or from `token` alone.
pub fn successor_token(token: &str, salt: &str) -> String {
    let digest = Sha256::new().chain_update(b"lentera-rotate\0").chain_update(salt.as_bytes()).chain_update(b"\0").chain_update(token.as_bytes()).finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// How one kind of key is throttled: the failures it has for free, how fast they are forgiven, and
/// the wait that starts when the allowance is used up and doubles with each failure past it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Attempts counted before the key must wait (the last of them starts the first wait).
    pub allowance: i64,
    /// One counted failure is forgiven per this many ms.
    pub leak_ms: i64,
    pub first_wait_ms: i64,
    pub longest_wait_ms: i64,
}

/// Who is trying: a stranger to the account (from some address), or a device that has held a
/// session of this account before.
#[derive(Clone, Copy, Debug)]
pub enum Who<'a> {
    Stranger { address: &'a str },
    KnownDevice { device: &'a str },
}

/// An attempt counted before its password was checked; [`LoginGuard::settle`] says how it ended.
#[derive(Clone, Debug)]
pub enum Counted {
    Stranger { account: String, address: String },
    KnownDevice { device: String },
}

/// The login and activation throttle (docs/security.md, "The login throttle"). Strangers count
/// against the account and against their address; a known device counts only against itself, so
/// no stranger can lock a person out of the phone they always use. State lives in the database, so
/// every server process behind a balancer sees it.
#[derive(Clone, Debug)]
pub struct LoginGuard {
    /// Strangers' attempts at one account.
    pub account: Rule,
    /// Strangers' attempts from one address at any account, failed or still in their password
    /// check: larger, an office shares one address (and may log in all at once on a training day).
    pub address: Rule,
    /// Attempts at one account from one device that has held its session.
    pub device: Rule,
    /// Keys kept at most (beyond it, the least telling are dropped at the next pruning).
    pub max_rows: i64,
    /// Prune after this many attempts at this process.
    pub prune_every: u64,
    attempts: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl LoginGuard {
    /// Counts the attempt before the password is checked: `Ok(Err(seconds to wait))` when a key
    /// must wait (the attempt then reaches no password check).
    pub async fn attempt(&self, db: &Db, nip: &str, who: Who<'_>, now_ms: i64) -> Result<Result<Counted, u64>, sqlx::Error> {
        if self.attempts.fetch_add(1, std::sync::atomic::Ordering::Relaxed).is_multiple_of(self.prune_every.max(1)) {
            db.throttle_prune(now_ms, self.max_rows).await?;
        }
        match who {
            Who::KnownDevice { device } => {
                let device = format!("dev:{nip}:{device}");
                if let Some(wait) = db.throttle_waiting(&device, &device, now_ms).await? {
                    return Ok(Err(seconds(wait)));
                }
                Ok(match db.throttle_attempt(&device, self.device, now_ms).await? {
                    Some(wait) => Err(seconds(wait)),
                    None => Ok(Counted::KnownDevice { device }),
                })
            }
            Who::Stranger { address } => {
                let (account, address) = (format!("nip:{nip}"), format!("addr:{address}"));
                if let Some(wait) = db.throttle_waiting(&account, &address, now_ms).await? {
                    return Ok(Err(seconds(wait)));
                }
                // The account first: a person retrying their own locked account uses none of the
                // office's allowance.
                if let Some(wait) = db.throttle_attempt(&account, self.account, now_ms).await? {
                    return Ok(Err(seconds(wait)));
                }
                if let Some(wait) = db.throttle_attempt(&address, self.address, now_ms).await? {
                    // Refused at the address: it was no guess at the account.
                    db.throttle_refund(&account, self.account).await?;
                    return Ok(Err(seconds(wait)));
                }
                Ok(Ok(Counted::Stranger { account, address }))
            }
        }
    }

    /// A right password forgives the account (or device) and takes the attempt back from the
    /// address; a wrong one stays counted.
    pub async fn settle(&self, db: &Db, counted: &Counted, password_ok: bool) -> Result<(), sqlx::Error> {
        if !password_ok {
            return Ok(());
        }
        match counted {
            Counted::KnownDevice { device } => db.throttle_clear(device).await,
            Counted::Stranger { account, address } => {
                db.throttle_clear(account).await?;
                db.throttle_refund(address, self.address).await
            }
        }
    }

    /// The same rules with at most `max_rows` keys, pruned every `prune_every` attempts.
    pub fn with_storage(mut self, max_rows: i64, prune_every: u64) -> Self {
        (self.max_rows, self.prune_every) = (max_rows, prune_every);
        self
    }
}

/// Whole seconds to wait, rounded up, at least one (for `Retry-After`).
fn seconds(ms: i64) -> u64 {
    u64::try_from((ms + 999) / 1000).unwrap_or(1).max(1)
}

impl Default for LoginGuard {
    fn default() -> Self {
        const SECOND: i64 = 1000;
        const MINUTE: i64 = 60 * SECOND;
        Self {
            account: Rule { allowance: 5, leak_ms: 15 * MINUTE, first_wait_ms: 30 * SECOND, longest_wait_ms: 15 * MINUTE },
            address: Rule { allowance: 200, leak_ms: 20 * SECOND, first_wait_ms: 10 * SECOND, longest_wait_ms: 15 * MINUTE },
            device: Rule { allowance: 10, leak_ms: 15 * MINUTE, first_wait_ms: 30 * SECOND, longest_wait_ms: 15 * MINUTE },
            max_rows: 100_000,
            prune_every: 256,
            attempts: std::sync::Arc::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_hash_is_argon2id_and_verifies_only_the_right_password() {
        let hash = hash_password("kopi-hujan-perahu").expect("hashes");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("kopi-hujan-perahu", &hash));
        assert!(!verify_password("kopi-hujan-perahu!", &hash));
        assert_ne!(hash, hash_password("kopi-hujan-perahu").expect("hashes"), "each hash has its own salt");
    }

    #[test]
    fn activation_codes_carry_about_99_bits_and_match_however_typed() {
        let code = activation_code().expect("code");
        assert_eq!(code.len(), 23, "{code}");
        assert_eq!(code.split('-').count(), 4);
        assert_ne!(code, activation_code().expect("code"));
        assert_eq!(code_hash(&code), code_hash(&format!(" {} ", code.to_lowercase())));
    }

    #[test]
    fn tokens_are_unique_and_their_hash_is_not_the_token() {
        let (a, b) = (new_token().expect("token"), new_token().expect("token"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert!(!token_hash(&a).contains(&a));
    }
}
