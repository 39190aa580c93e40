//! Check-in codes (docs/activities.md): HMAC-SHA256 of the training's secret and a 10-minute slot,
//! written in the protocol's read-aloud alphabet. The host shows the code of the current slot; a
//! check-in counts with the code of any slot of the training's window.

use hmac::{KeyInit, Mac};
use lentera_protocol::activity::{CHECK_IN_GRACE_MS, CODE_ALPHABET, CODE_LEN, CODE_SLOT_MS, normalise_code};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// A new training's secret: 32 random bytes, hex.
pub fn new_secret() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(hex::encode(bytes))
}

/// The 10-minute slot `at_ms` falls in.
pub fn slot_of(at_ms: i64) -> i64 {
    at_ms.div_euclid(CODE_SLOT_MS)
}

/// The code of `slot` for the training with `secret`.
pub fn code(secret: &str, slot: i64) -> String {
    let key = hex::decode(secret).unwrap_or_else(|_| secret.as_bytes().to_vec());
    // HMAC takes a key of any length, so this never refuses.
    let Ok(mut mac) = HmacSha256::new_from_slice(&key) else { return String::new() };
    mac.update(&slot.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let mut n = u64::from_be_bytes(digest[..8].try_into().unwrap_or([0; 8]));
    let base = CODE_ALPHABET.len() as u64;
    (0..CODE_LEN)
        .map(|_| {
            let c = CODE_ALPHABET[(n % base) as usize] as char;
            n /= base;
            c
        })
        .collect()
}

/// When check-ins for a training of `start_ms..end_ms` count: 30 minutes' grace on each side.
pub fn window(start_ms: i64, end_ms: i64) -> (i64, i64) {
    (start_ms - CHECK_IN_GRACE_MS, end_ms + CHECK_IN_GRACE_MS)
}

/// Whether `typed` is the code of a slot of the training's window.
pub fn shown_for(secret: &str, start_ms: i64, end_ms: i64, typed: &str) -> bool {
    let typed = normalise_code(typed);
    let (opens, closes) = window(start_ms, end_ms);
    (slot_of(opens)..=slot_of(closes)).any(|slot| code(secret, slot) == typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    #[test]
    fn a_code_is_six_read_aloud_characters_and_changes_with_the_slot() {
        let a = code(SECRET, 100);
        assert_eq!(a.len(), CODE_LEN);
        assert!(a.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert_eq!(a, code(SECRET, 100));
        assert_ne!(a, code(SECRET, 101));
        assert_ne!(a, code(&SECRET.replace('0', "1"), 100));
    }

    #[test]
    fn a_code_counts_only_for_a_slot_of_the_window_however_it_is_typed() {
        let start = 1_800_000_000_000;
        let end = start + 2 * 3_600_000;
        let inside = code(SECRET, slot_of(start + 600_000));
        let typed = format!(" {}-{} ", &inside[..3], inside[3..].to_lowercase());
        assert!(shown_for(SECRET, start, end, &typed));
        assert!(shown_for(SECRET, start, end, &code(SECRET, slot_of(start - CHECK_IN_GRACE_MS))));
        assert!(!shown_for(SECRET, start, end, &code(SECRET, slot_of(end + CHECK_IN_GRACE_MS) + 1)));
        assert!(!shown_for(SECRET, start, end, &code(SECRET, slot_of(start) - 10)));
    }

    #[test]
    fn secrets_are_new_each_time() {
        let (a, b) = (new_secret().unwrap_or_default(), new_secret().unwrap_or_default());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
    }
}
