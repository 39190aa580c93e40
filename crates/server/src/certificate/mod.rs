//! Certificates of completion: one per course the server credited, signed with the server's
//! Ed25519 key so anyone holding the published public key can check one offline.

pub mod keys;
pub mod page;
pub mod pdf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, Verifier};
use serde::{Deserialize, Serialize};

/// What a certificate states; its JSON text, exactly as stored, is what the signature covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CertificateBody {
    /// Always `lentera-certificate/1`.
    pub format: String,
    pub number: String,
    pub name: String,
    pub nip: String,
    pub course_id: String,
    pub course: String,
    pub jp: u32,
    /// `teknis`, `manajerial` or `sosial_kultural`.
    pub competency: String,
    /// Form of learning: `e_learning`.
    pub form: String,
    /// Completion date in WIB, `YYYY-MM-DD`.
    pub completed_on: String,
    /// The issuing BKPSDM (the organisation's top unit).
    pub issuer: String,
    pub issued_at_ms: i64,
    /// The signing key, among `GET /api/certificates/keys`.
    pub key_id: String,
}

pub const FORMAT: &str = "lentera-certificate/1";

/// The form of learning in words.
pub fn form_words(form: &str) -> &'static str {
    match form {
        "webinar" => "Webinar",
        "workshop" => "Lokakarya (workshop)",
        _ => "E-learning",
    }
}

/// What the holder did, by the certificate's form of learning, as the certificate says it.
pub fn completed_words(form: &str) -> &'static str {
    match form {
        "webinar" => "yang telah mengikuti webinar",
        "workshop" => "yang telah mengikuti lokakarya",
        _ => "yang telah menyelesaikan pembelajaran e-learning",
    }
}

/// A signed certificate as the server keeps and hands it out.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedCertificate {
    pub number: String,
    pub course_id: String,
    /// The signed JSON text: verify the signature over exactly these UTF-8 bytes.
    pub body: String,
    /// Ed25519 signature, base64.
    pub signature: String,
    pub revoked_at_ms: Option<i64>,
    pub revoked_reason: Option<String>,
}

impl SignedCertificate {
    pub fn parsed(&self) -> Result<CertificateBody, serde_json::Error> {
        serde_json::from_str(&self.body)
    }
}

/// Signs `body` with the newest key (it names the key itself).
pub fn sign(keys: &keys::Keys, mut body: CertificateBody) -> Result<(String, String), serde_json::Error> {
    let (id, key) = keys.signing();
    body.key_id = id.to_owned();
    let text = serde_json::to_string(&body)?;
    let signature = key.sign(text.as_bytes());
    Ok((text, STANDARD.encode(signature.to_bytes())))
}

/// Whether `signature` is the named key's signature over `body` (the JSON text).
pub fn verify(keys: &keys::Keys, body: &str, signature: &str) -> bool {
    let Ok(parsed) = serde_json::from_str::<CertificateBody>(body) else { return false };
    let Some(key) = keys.public(&parsed.key_id) else { return false };
    let Ok(bytes) = STANDARD.decode(signature) else { return false };
    let Ok(sig) = Signature::from_slice(&bytes) else { return false };
    key.verify(body.as_bytes(), &sig).is_ok()
}

/// A certificate number: `LTR-<year>-` and eight random letters and digits, so nobody can walk
/// the numbers to list who holds certificates.
pub fn new_number(year: i32) -> Result<String, String> {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    let tail: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    Ok(format!("LTR-{year}-{tail}"))
}

/// Whether `text` looks like a certificate number (checked before any lookup).
pub fn is_number(text: &str) -> bool {
    text.len() <= 32 && text.starts_with("LTR-") && text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// A NIP with its middle hidden: the public page confirms a person without publishing their NIP.
pub fn mask_nip(nip: &str) -> String {
    nip.char_indices().map(|(i, c)| if i < 4 || i + 3 >= nip.len() { c } else { '•' }).collect()
}

/// Plain words for a competency type.
pub fn competency_words(c: &str) -> &'static str {
    match c {
        "teknis" => "Teknis",
        "manajerial" => "Manajerial",
        "sosial_kultural" => "Sosial Kultural",
        _ => "Lainnya",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nip_keeps_its_first_four_and_last_three_digits() {
        assert_eq!(mask_nip("198503302010121001"), "1985•••••••••••001");
    }

    #[test]
    fn numbers_are_unguessable_and_recognised() {
        let (a, b) = (new_number(2026).expect("made"), new_number(2026).expect("made"));
        assert_ne!(a, b);
        assert!(is_number(&a) && a.starts_with("LTR-2026-") && a.len() == 17, "{a}");
        assert!(!is_number("LTR-2026-<script>") && !is_number("../etc"));
    }
}
