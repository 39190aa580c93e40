//! Course packs: read from `content/`, checked, rendered to safe HTML, and kept ready to serve.

pub mod cache;
mod check;
mod lesson;
mod source;

pub use check::ContentError;

use base64::Engine;
use lentera_protocol::pretest::Tests;
use lentera_protocol::{CoursePack, CourseSummary};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One pack as served: its JSON, that JSON brotli-compressed, and its catalogue entry.
#[derive(Clone, Debug)]
pub struct BuiltPack {
    pub summary: CourseSummary,
    pub pack: CoursePack,
    /// The pre- and post-test (`tests.toml`), served inside the JSON as `tests`.
    pub tests: Option<Tests>,
    pub json: Vec<u8>,
    pub brotli: Vec<u8>,
}

/// Every pack the server offers, by course id.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub packs: BTreeMap<String, BuiltPack>,
}

/// How a start got its library: from the cache, or built (and stored, or why not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Loaded from this cache file; the content and the server are the ones it was built from.
    Cached(PathBuf),
    /// Built from the sources and stored in this cache file for the next start.
    Stored(PathBuf),
    /// Built from the sources; not stored, for this reason.
    NotStored(String),
}

impl Library {
    /// Builds every pack under `dir` (one folder each); any error anywhere refuses the whole library.
    /// This is the full check `check-content` runs; it never reads or writes the cache.
    pub fn load(dir: &Path) -> Result<Library, Vec<ContentError>> {
        let mut folders: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| vec![ContentError::new(dir, 0, format!("cannot read the content folder: {e}"))])?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.is_dir())
            .collect();
        folders.sort();
        let mut packs = BTreeMap::new();
        let mut errors = Vec::new();
        // Folder order, whatever order the workers finish in: errors read the same every time.
        for result in build_all(&folders) {
            match result {
                Ok(built) => {
                    packs.insert(built.summary.id.clone(), built);
                }
                Err(mut found) => errors.append(&mut found),
            }
        }
        if errors.is_empty() { Ok(Library { packs }) } else { Err(errors) }
    }

    /// The library for a start: from `cache_dir` when it holds a build of exactly these sources by
    /// exactly this server, else built by [`Library::load`] (errors stop the start as ever) and
    /// stored there for next time. A cache that cannot be read or written only costs time.
    pub fn load_cached(dir: &Path, cache_dir: &Path) -> Result<(Library, Origin), Vec<ContentError>> {
        Self::load_cached_after(dir, cache_dir, || {})
    }

    /// As [`Library::load_cached`], but a miss first lets `fill` build and store the packs
    /// elsewhere (the server's child process) and reads the cache once more before building here.
    pub fn load_cached_after(dir: &Path, cache_dir: &Path, fill: impl FnOnce()) -> Result<(Library, Origin), Vec<ContentError>> {
        let Some(key) = cache::fingerprint(dir) else {
            let library = Library::load(dir)?;
            return Ok((library, Origin::NotStored("cannot fingerprint the content folder or the server binary".into())));
        };
        if let Ok(library) = cache::read(cache_dir, &key) {
            return Ok((library, Origin::Cached(cache::file_for(cache_dir, &key))));
        }
        fill();
        if let Ok(library) = cache::read(cache_dir, &key) {
            return Ok((library, Origin::Cached(cache::file_for(cache_dir, &key))));
        }
        let library = Library::load(dir)?;
        // A file edited while the build ran must not be stored under the key of its older text.
        if cache::fingerprint(dir) != Some(key) {
            return Ok((library, Origin::NotStored("the content changed while it was being built".into())));
        }
        let origin = match cache::write(cache_dir, &key, &library) {
            Ok(file) => Origin::Stored(file),
            Err(e) => Origin::NotStored(format!("cannot write {}: {e}", cache_dir.display())),
        };
        Ok((library, origin))
    }
}

/// The server's start: the library through the cache (a miss first handed to `fill`), a refusal
/// naming every error's file and line, and one line saying how many courses are ready and whether
/// they came from the cache.
pub fn load_for_start(dir: &Path, cache_dir: &Path, fill: impl FnOnce()) -> Result<Library, String> {
    let (library, origin) = Library::load_cached_after(dir, cache_dir, fill).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{} error(s) in the course packs; fix them and start again:\n{}", list.len(), list.join("\n"))
    })?;
    let how = match &origin {
        Origin::Cached(file) => format!("dari cache {}", file.display()),
        Origin::Stored(file) => format!("dibangun, disimpan di {}", file.display()),
        Origin::NotStored(why) => {
            tracing::warn!("course packs built but not cached: {why}");
            "dibangun, tanpa cache".to_owned()
        }
    };
    println!("{} kursus siap dari {} ({how})", library.packs.len(), dir.display());
    Ok(library)
}

/// Reads, checks and builds each folder, on as many threads as there are cores.
fn build_all(folders: &[PathBuf]) -> Vec<Result<BuiltPack, Vec<ContentError>>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(folders.len());
    if workers <= 1 {
        return folders.iter().map(|f| source::read_pack(f).map(build)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(folder) = folders.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((folder.clone(), source::read_pack(folder).map(build)));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results.into_iter().map(|(_, result)| result).collect()
}

/// A pack's JSON as served: the pack's fields, then `tests` when it has them. The phone's first
/// load reads it as a `CoursePack` and skips `tests`; only the on-demand test page reads them.
#[derive(serde::Serialize, serde::Deserialize)]
struct Served {
    #[serde(flatten)]
    pack: CoursePack,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tests: Option<Tests>,
}

fn build((pack, tests): (CoursePack, Option<Tests>)) -> BuiltPack {
    let served = Served { pack, tests };
    let json = serde_json::to_vec(&served).unwrap_or_default();
    let brotli = compress(&json);
    assemble(served.pack, served.tests, json, brotli)
}

/// Reads a served pack's JSON back (the cache).
fn parse_served(json: &[u8]) -> serde_json::Result<(CoursePack, Option<Tests>)> {
    serde_json::from_slice::<Served>(json).map(|s| (s.pack, s.tests))
}

/// A pack as served, from its JSON and brotli bytes: the catalogue entry is derived, never stored.
fn assemble(pack: CoursePack, tests: Option<Tests>, json: Vec<u8>, brotli: Vec<u8>) -> BuiltPack {
    let hash = hex(&Sha256::digest(&json)[..8]);
    let summary = CourseSummary {
        id: pack.id.clone(),
        title: pack.title.clone(),
        summary: pack.summary.clone(),
        competency: pack.competency,
        pillars: pack.pillars.clone(),
        jp: pack.jp,
        version: pack.version,
        lessons: pack.lessons.len() as u32,
        questions: pack.quiz.questions.len() as u32,
        hash,
        download_bytes: brotli.len() as u64,
        pack_bytes: json.len() as u64,
    };
    BuiltPack { summary, pack, tests, json, brotli }
}

fn compress(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = writer.write_all(data);
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `data:` URL for an image embedded in a lesson.
fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}
