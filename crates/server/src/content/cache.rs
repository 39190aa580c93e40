//! The built packs kept on disk between starts, so a start with unchanged course packs skips the
//! parsing, rendering and brotli (quality 11) that make up most of a cold start.
//!
//! The cache is keyed by a SHA-256 fingerprint of everything a build depends on: every file under
//! the content folder (path and bytes), [`FORMAT`], the server's version and the identity of the
//! running executable (size and modification time), because a rebuilt server may render or
//! serialise differently without any version changing. A start reads the content files once to
//! fingerprint them (a few hundred KB, a few ms) and loads the file named by that fingerprint; any
//! difference is a different name, so stale packs are never served. Only a library that built
//! without errors is stored, so a pack with an error always reaches the full check and stops the
//! start with its file and line.
//!
//! File layout (`packs-<first 16 hex digits of the key>.bin`): magic, the whole 32-byte key, the
//! pack count, then per pack its JSON and its brotli bytes, each behind a little-endian u64
//! length; last, the SHA-256 of all that. A file that fails any check is ignored and rebuilt.

use super::{BuiltPack, Library, assemble};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bump when the build changes what a cached file must hold or how packs are made.
pub const FORMAT: u32 = 2;
const MAGIC: &[u8] = b"LENTERA-PACKS\n";
/// Deeper than any pack folder needs; stops a symlink loop from walking forever.
const MAX_DEPTH: usize = 8;

/// What a build depends on, hashed; `None` when it cannot be known (then nothing is cached).
pub fn fingerprint(content: &Path) -> Option<[u8; 32]> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    let mut hash = Sha256::new();
    hash.update(MAGIC);
    hash.update(FORMAT.to_le_bytes());
    field(&mut hash, env!("CARGO_PKG_VERSION").as_bytes());
    hash.update(meta.len().to_le_bytes());
    hash.update(modified.as_nanos().to_le_bytes());
    walk(&mut hash, content, Path::new(""), 0)?;
    Some(hash.finalize().into())
}

/// Every entry under `dir` in name order: its relative path, then a file's bytes.
fn walk(hash: &mut Sha256, dir: &Path, relative: &Path, depth: usize) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir).ok()?.map(|e| e.map(|e| e.file_name())).collect::<Result<_, _>>().ok()?;
    entries.sort();
    for name in entries {
        let path = dir.join(&name);
        let relative = relative.join(&name);
        let meta = std::fs::metadata(&path).ok()?; // follows symlinks, as the build does
        field(hash, relative.as_os_str().as_encoded_bytes());
        if meta.is_dir() {
            hash.update(b"d");
            walk(hash, &path, &relative, depth + 1)?;
        } else {
            hash.update(b"f");
            field(hash, &std::fs::read(&path).ok()?);
        }
    }
    hash.update(b"end");
    Some(())
}

/// A length-prefixed field, so no two different inputs hash the same stream.
fn field(hash: &mut Sha256, bytes: &[u8]) {
    hash.update((bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

pub fn file_for(cache_dir: &Path, key: &[u8; 32]) -> PathBuf {
    cache_dir.join(format!("packs-{}.bin", super::hex(&key[..8])))
}

/// The library stored under `key`, or why not.
pub fn read(cache_dir: &Path, key: &[u8; 32]) -> Result<Library, String> {
    let file = file_for(cache_dir, key);
    let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let (body, sum) = bytes.split_at_checked(bytes.len().saturating_sub(32)).ok_or("too short")?;
    if sum.len() != 32 || Sha256::digest(body).as_slice() != sum {
        return Err(format!("{}: checksum does not match", file.display()));
    }
    let mut r = Reader { bytes: body };
    if r.take(MAGIC.len())? != MAGIC || r.take(32)? != key {
        return Err(format!("{}: not a pack cache for this build", file.display()));
    }
    let count = u32::from_le_bytes(r.take(4)?.try_into().map_err(|_| "count")?);
    let mut packs = BTreeMap::new();
    for _ in 0..count {
        let json = r.field()?.to_vec();
        let brotli = r.field()?.to_vec();
        let (pack, tests) = super::parse_served(&json).map_err(|e| format!("{}: {e}", file.display()))?;
        let built = assemble(pack, tests, json, brotli);
        packs.insert(built.summary.id.clone(), built);
    }
    if !r.bytes.is_empty() {
        return Err(format!("{}: trailing bytes", file.display()));
    }
    Ok(Library { packs })
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let (head, rest) = self.bytes.split_at_checked(n).ok_or("truncated")?;
        self.bytes = rest;
        Ok(head)
    }

    fn field(&mut self) -> Result<&'a [u8], String> {
        let len = u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| "length")?);
        self.take(usize::try_from(len).map_err(|_| "length")?)
    }
}

/// Stores `library` under `key` (written aside, then renamed, so a reader never sees half a
/// file), and removes the files of other keys. Returns the file written.
pub fn write(cache_dir: &Path, key: &[u8; 32], library: &Library) -> std::io::Result<PathBuf> {
    let mut body = Vec::new();
    body.extend_from_slice(MAGIC);
    body.extend_from_slice(key);
    body.extend_from_slice(&(library.packs.len() as u32).to_le_bytes());
    for BuiltPack { json, brotli, .. } in library.packs.values() {
        for part in [json, brotli] {
            body.extend_from_slice(&(part.len() as u64).to_le_bytes());
            body.extend_from_slice(part);
        }
    }
    let sum = Sha256::digest(&body);
    std::fs::create_dir_all(cache_dir)?;
    let file = file_for(cache_dir, key);
    let temp = cache_dir.join(format!(".packs-{}.tmp", std::process::id()));
    {
        let mut out = std::fs::File::create(&temp)?;
        out.write_all(&body)?;
        out.write_all(&sum)?;
        out.sync_all()?;
    }
    if let Err(e) = std::fs::rename(&temp, &file) {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    // Older builds' files are dead weight; a concurrent older server only loses its cache.
    if let Ok(entries) = std::fs::read_dir(cache_dir) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("packs-") && name.ends_with(".bin") && entry.path() != file {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(file)
}
