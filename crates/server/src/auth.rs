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

/// At most one argon2 run per core: a burst of logins queues here instead of filling the
/// blocking pool, and the async workers keep serving sync and health meanwhile.
fn argon2_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get)))
}

/// Runs an argon2 job (verify or hash) on the blocking pool, a bounded number at a time.
pub async fn off_workers<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let _slot = argon2_slots().acquire().await.map_err(|e| e.to_string())?;
    tokio::task::spawn_blocking(job).await.map_err(|e| e.to_string())
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

/// How many failures a key may have within a window before it must wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub failures: i64,
    pub window_ms: i64,
}

/// Login and activation throttles: per NIP (guessing one account) and per address (trying many).
/// The failures live in the database, so every server process behind a balancer sees them.
#[derive(Clone, Copy, Debug)]
pub struct LoginGuard {
    pub per_nip: Limit,
    pub per_address: Limit,
}

impl LoginGuard {
    /// `Some(seconds to wait)` when the NIP or the address has used up its failures.
    pub async fn blocked(&self, db: &Db, nip: &str, address: &str, now_ms: i64) -> Result<Option<u64>, sqlx::Error> {
        let wait = match db.throttled(&nip_key(nip), self.per_nip, now_ms).await? {
            Some(wait) => Some(wait),
            None => db.throttled(&address_key(address), self.per_address, now_ms).await?,
        };
        Ok(wait.map(|ms| u64::try_from((ms + 999) / 1000).unwrap_or(1).max(1)))
    }

    /// Counts a failed attempt against both the NIP and the address.
    pub async fn fail(&self, db: &Db, nip: &str, address: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        let longest = self.per_nip.window_ms.max(self.per_address.window_ms);
        db.record_failure(&nip_key(nip), now_ms, longest).await?;
        db.record_failure(&address_key(address), now_ms, longest).await
    }

    /// A success forgives the NIP's failures (not the address's: it may be trying many NIPs).
    pub async fn succeeded(&self, db: &Db, nip: &str) -> Result<(), sqlx::Error> {
        db.clear_failures(&nip_key(nip)).await
    }
}

fn nip_key(nip: &str) -> String {
    format!("nip:{nip}")
}

fn address_key(address: &str) -> String {
    format!("addr:{address}")
}

impl Default for LoginGuard {
    fn default() -> Self {
        let window_ms = 15 * 60 * 1000;
        Self { per_nip: Limit { failures: 5, window_ms }, per_address: Limit { failures: 20, window_ms } }
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
