//! The server's Ed25519 signing keys: made at first start in a folder outside the repository and
//! the database, rotated by adding a newer key; every public key stays published.

use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One published key: its id and its public half.
#[derive(Clone, Debug)]
pub struct PublicKey {
    pub id: String,
    pub key: VerifyingKey,
}

/// The newest key signs; all keys (old ones may keep only their `.pub`) verify.
#[derive(Debug)]
pub struct Keys {
    pub dir: PathBuf,
    signing: SigningKey,
    signing_id: String,
    pub published: Vec<PublicKey>,
}

impl Keys {
    /// Loads `dir`, making it and a first key when there is none.
    pub fn load_or_create(dir: &Path) -> Result<Keys, String> {
        if !has_secret(dir)? {
            make_key(dir, crate::now_ms())?;
        }
        Keys::load(dir)
    }

    pub fn load(dir: &Path) -> Result<Keys, String> {
        let mut published = Vec::new();
        let mut newest: Option<(String, SigningKey)> = None;
        for (id, path) in listed(dir, "pub")? {
            let key = VerifyingKey::from_bytes(&read_32(&path)?).map_err(|e| format!("{}: not an Ed25519 public key: {e}", path.display()))?;
            published.push(PublicKey { id, key });
        }
        for (id, path) in listed(dir, "key")? {
            let signing = SigningKey::from_bytes(&read_32(&path)?);
            if !published.iter().any(|p| p.id == id && p.key == signing.verifying_key()) {
                return Err(format!("{}: its .pub file is missing or does not match; restore it from a backup", path.display()));
            }
            if newest.as_ref().is_none_or(|(n, _)| id > *n) {
                newest = Some((id, signing));
            }
        }
        let (signing_id, signing) = newest.ok_or_else(|| format!("no signing key (*.key) in {}", dir.display()))?;
        Ok(Keys { dir: dir.to_path_buf(), signing, signing_id, published })
    }

    pub fn signing(&self) -> (&str, &SigningKey) {
        (&self.signing_id, &self.signing)
    }

    pub fn public(&self, id: &str) -> Option<&VerifyingKey> {
        self.published.iter().find(|p| p.id == id).map(|p| &p.key)
    }
}

/// Adds a newer key to `dir` (rotation); returns its id. Older keys stay for verifying.
pub fn make_key(dir: &Path, now_ms: i64) -> Result<String, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot make the key folder {}: {e}", dir.display()))?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| e.to_string())?;
    let signing = SigningKey::from_bytes(&seed);
    let public = signing.verifying_key();
    let fingerprint = hex::encode(&Sha256::digest(public.as_bytes())[..4]);
    // Ids sort by creation time, so the newest key is the greatest id.
    let id = format!("{:013}-{fingerprint}", now_ms.max(0));
    write_secret(&dir.join(format!("{id}.key")), &hex::encode(seed))?;
    std::fs::write(dir.join(format!("{id}.pub")), hex::encode(public.as_bytes())).map_err(|e| format!("cannot write the public key in {}: {e}", dir.display()))?;
    Ok(id)
}

fn has_secret(dir: &Path) -> Result<bool, String> {
    Ok(dir.is_dir() && !listed(dir, "key")?.is_empty())
}

fn listed(dir: &Path, ext: &str) -> Result<Vec<(String, PathBuf)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read the key folder {}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == ext)
            && let Some(id) = path.file_stem().and_then(|s| s.to_str())
        {
            out.push((id.to_owned(), path));
        }
    }
    out.sort();
    Ok(out)
}

fn read_32(path: &Path) -> Result<[u8; 32], String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let bytes = hex::decode(text.trim()).map_err(|e| format!("{}: not hex: {e}", path.display()))?;
    bytes.try_into().map_err(|_| format!("{}: a key is 32 bytes (64 hex digits)", path.display()))
}

#[cfg(unix)]
fn write_secret(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    // Only the server's own user may read the signing key.
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(not(unix))]
fn write_secret(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_key_signs_and_every_key_stays_published() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = Keys::load_or_create(dir.path()).expect("made");
        assert_eq!(Keys::load_or_create(dir.path()).expect("loaded").signing().0, first.signing().0, "a second start keeps the key");
        let newer = make_key(dir.path(), crate::now_ms() + 1000).expect("rotated");
        let keys = Keys::load(dir.path()).expect("loaded");
        assert_eq!(keys.signing().0, newer);
        assert!(keys.public(first.signing().0).is_some(), "the old key still verifies");
        // An operator may remove an old secret: its public half keeps verifying.
        std::fs::remove_file(dir.path().join(format!("{}.key", first.signing().0))).expect("removed");
        assert_eq!(Keys::load(dir.path()).expect("loaded").published.len(), 2);
    }
}
