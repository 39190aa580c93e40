//! Passwords (argon2id), session tokens (random, stored only as SHA-256), and login throttling.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// An argon2id hash in PHC form (`$argon2id$v=19$...`), with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A session token: 32 random bytes, URL-safe text. Returned to the device once, never stored.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps of a token: a stolen database yields no usable session.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Failed logins per key (a NIP, an address) in a sliding window.
#[derive(Debug)]
pub struct Throttle {
    limit: usize,
    window: Duration,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self { limit, window, failures: Mutex::new(HashMap::new()) }
    }

    /// `Some(wait)` when `key` has used up its failures; the wait is until the oldest one expires.
    pub fn blocked(&self, key: &str, now: Instant) -> Option<Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let list = map.entry(key.to_owned()).or_default();
        list.retain(|t| now.duration_since(*t) < self.window);
        (list.len() >= self.limit).then(|| self.window.saturating_sub(now.duration_since(list[0])))
    }

    pub fn fail(&self, key: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(key.to_owned()).or_default().push(now);
    }

    pub fn clear(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }
}

/// Login throttles: per NIP (guessing one account) and per address (trying many).
#[derive(Debug)]
pub struct LoginGuard {
    pub per_nip: Throttle,
    pub per_address: Throttle,
}

impl LoginGuard {
    /// `Some(wait)` when the NIP or the address has used up its failures.
    pub fn blocked(&self, nip: &str, address: &str, now: Instant) -> Option<Duration> {
        self.per_nip.blocked(nip, now).or_else(|| self.per_address.blocked(address, now))
    }

    /// Counts a failed attempt against both the NIP and the address.
    pub fn fail(&self, nip: &str, address: &str, now: Instant) {
        self.per_nip.fail(nip, now);
        self.per_address.fail(address, now);
    }
}

impl Default for LoginGuard {
    fn default() -> Self {
        let window = Duration::from_secs(15 * 60);
        Self { per_nip: Throttle::new(5, window), per_address: Throttle::new(20, window) }
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
    fn tokens_are_unique_and_their_hash_is_not_the_token() {
        let (a, b) = (new_token().expect("token"), new_token().expect("token"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert!(!token_hash(&a).contains(&a));
    }

    #[test]
    fn a_throttle_blocks_after_the_limit_and_frees_after_the_window() {
        let throttle = Throttle::new(2, Duration::from_secs(60));
        let start = Instant::now();
        assert_eq!(throttle.blocked("nip", start), None);
        throttle.fail("nip", start);
        throttle.fail("nip", start + Duration::from_secs(10));
        assert_eq!(throttle.blocked("nip", start + Duration::from_secs(20)), Some(Duration::from_secs(40)));
        assert_eq!(throttle.blocked("other", start), None);
        assert_eq!(throttle.blocked("nip", start + Duration::from_secs(61)), None);
    }
}
