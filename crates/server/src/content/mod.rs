//! Course packs: read from `content/`, checked, rendered to safe HTML, and kept ready to serve.

mod check;
mod lesson;
mod source;

pub use check::ContentError;

use base64::Engine;
use lentera_protocol::{CoursePack, CourseSummary};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// One pack as served: its JSON, that JSON brotli-compressed, and its catalogue entry.
#[derive(Clone, Debug)]
pub struct BuiltPack {
    pub summary: CourseSummary,
    pub pack: CoursePack,
    pub json: Vec<u8>,
    pub brotli: Vec<u8>,
}

/// Every pack the server offers, by course id.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub packs: BTreeMap<String, BuiltPack>,
}

impl Library {
    /// Builds every pack under `dir` (one folder each); any error anywhere refuses the whole library.
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
        for folder in folders {
            match source::read_pack(&folder) {
                Ok(pack) => {
                    let built = build(pack);
                    packs.insert(built.summary.id.clone(), built);
                }
                Err(mut found) => errors.append(&mut found),
            }
        }
        if errors.is_empty() { Ok(Library { packs }) } else { Err(errors) }
    }
}

fn build(pack: CoursePack) -> BuiltPack {
    let json = serde_json::to_vec(&pack).unwrap_or_default();
    let hash = hex(&Sha256::digest(&json)[..8]);
    let brotli = compress(&json);
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
    BuiltPack { summary, pack, json, brotli }
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
