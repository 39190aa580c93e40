//! The competency framework outside the database (docs/akpk.md): the default in
//! `content/kompetensi.toml`, built into the server, and the requirements CSV checked line by line.

use crate::csv;
use lentera_protocol::akpk::{position_key, FrameworkCompetency, LEVELS};
use lentera_protocol::org::ImportLineError;
use lentera_protocol::{Competency as Kind, Pillar};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The default framework; a server whose framework is empty loads it at start.
pub const DEFAULT_TOML: &str = include_str!("../../../content/kompetensi.toml");

/// The header a requirements file starts with.
pub const COLUMNS: [&str; 3] = ["jabatan", "kode_kompetensi", "level"];

/// Longest position name a requirements file may give (characters).
pub const POSITION_MAX: usize = 200;

/// A framework as a file gives it: competencies in order, and (position, code, level) lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Defaults {
    pub competencies: Vec<FrameworkCompetency>,
    pub requirements: Vec<RequirementLine>,
}

/// One line of what a position requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequirementLine {
    pub position_key: String,
    pub position: String,
    pub code: String,
    pub level: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    competency: Vec<FrameworkCompetency>,
    #[serde(default)]
    position: Vec<PositionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionEntry {
    name: String,
    requires: BTreeMap<String, u8>,
}

/// Reads a framework file; every competency must be complete and every requirement must name one.
pub fn parse(text: &str) -> Result<Defaults, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut codes = HashSet::new();
    for c in &file.competency {
        if !codes.insert(c.code.as_str()) {
            return Err(format!("competency {} is listed twice", c.code));
        }
        if c.levels.len() != 5 || c.levels.iter().any(|l| l.trim().is_empty()) {
            return Err(format!("competency {}: give exactly five level descriptions", c.code));
        }
        if c.pillars.is_empty() {
            return Err(format!("competency {}: give at least one pillar", c.code));
        }
    }
    let mut requirements = Vec::new();
    for p in &file.position {
        for (code, level) in &p.requires {
            if !codes.contains(code.as_str()) || !LEVELS.contains(level) {
                return Err(format!("position {}: {code} = {level} names no competency or is not a level 1-5", p.name));
            }
            requirements.push(RequirementLine { position_key: position_key(&p.name), position: p.name.trim().to_owned(), code: code.clone(), level: *level });
        }
    }
    Ok(Defaults { competencies: file.competency, requirements })
}

/// The framework built into this server.
pub fn defaults() -> Result<Defaults, String> {
    parse(DEFAULT_TOML).map_err(|e| format!("content/kompetensi.toml: {e}"))
}

pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Teknis => "teknis",
        Kind::Manajerial => "manajerial",
        Kind::SosialKultural => "sosial_kultural",
    }
}

pub fn kind_of(key: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| kind_key(*k) == key)
}

pub fn pillar_key(pillar: Pillar) -> &'static str {
    match pillar {
        Pillar::Cakap => "cakap",
        Pillar::Etika => "etika",
        Pillar::Aman => "aman",
        Pillar::Budaya => "budaya",
    }
}

/// The stored form of pillars: their keys, comma-separated.
pub fn pillars_text(pillars: &[Pillar]) -> String {
    pillars.iter().map(|p| pillar_key(*p)).collect::<Vec<_>>().join(",")
}

pub fn pillars_of(text: &str) -> Vec<Pillar> {
    text.split(',').filter_map(|key| Pillar::ALL.into_iter().find(|p| pillar_key(*p) == key.trim())).collect()
}

fn error(line: u32, kind: &str, message: String) -> ImportLineError {
    ImportLineError { line, kind: kind.to_owned(), message }
}

/// Checks a whole requirements file (`jabatan,kode_kompetensi,level`) against the competency
/// codes; the lines, or every error by line.
pub fn read_requirements(bytes: &[u8], codes: &BTreeSet<String>) -> Result<Vec<RequirementLine>, Vec<ImportLineError>> {
    let records = csv::read(bytes).map_err(|e| vec![error(e.line, "encoding", e.message)])?;
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![error(1, "empty", "berkas kosong; baris pertama harus berisi judul kolom jabatan,kode_kompetensi,level".into())]);
    };
    let names: Vec<String> = header.fields.iter().map(|f| f.trim().to_ascii_lowercase()).collect();
    if names != COLUMNS {
        return Err(vec![error(header.line, "header", format!("judul kolom harus tepat {}; berkas ini: {}", COLUMNS.join(","), names.join(",")))]);
    }
    if rows.is_empty() {
        return Err(vec![error(header.line, "empty", "berkas hanya berisi judul kolom; tambahkan satu baris per jabatan dan kompetensi".into())]);
    }
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    let mut seen: BTreeMap<(String, String), u32> = BTreeMap::new();
    // A position is written as its first line writes it, so its lines never disagree on the name.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for row in rows {
        let line = row.line;
        if row.fields.len() != COLUMNS.len() {
            let many = if row.fields.len() > COLUMNS.len() { "terlalu banyak" } else { "kurang" };
            errors.push(error(line, "columns", format!(
                "kolom {many}: ada {} kolom, seharusnya 3 (jabatan,kode_kompetensi,level); nama jabatan yang memuat koma harus diberi tanda kutip",
                row.fields.len()
            )));
            continue;
        }
        let (position, code, level) = (row.fields[0].trim(), row.fields[1].trim(), row.fields[2].trim());
        if position.is_empty() {
            errors.push(error(line, "empty_position", "kolom jabatan kosong; tulis nama jabatan seperti pada impor pegawai".into()));
            continue;
        }
        if position.chars().count() > POSITION_MAX {
            errors.push(error(line, "too_long", format!("nama jabatan lebih dari {POSITION_MAX} karakter")));
            continue;
        }
        let code_upper = code.to_ascii_uppercase();
        if !codes.contains(&code_upper) {
            errors.push(error(line, "unknown_competency", format!("kode kompetensi \"{code}\" tidak ada di kerangka; pakai kode yang tertera di halaman Kerangka kompetensi")));
            continue;
        }
        let Some(level) = level.parse::<u8>().ok().filter(|l| LEVELS.contains(l)) else {
            errors.push(error(line, "level", format!("level \"{level}\" tidak sah; tulis angka 1 sampai 5")));
            continue;
        };
        let key = position_key(position);
        if let Some(first) = seen.insert((key.clone(), code_upper.clone()), line) {
            errors.push(error(line, "duplicate", format!("jabatan {position} dan kompetensi {code_upper} sudah ada di baris {first}; sisakan satu baris saja")));
            continue;
        }
        let name = names.entry(key.clone()).or_insert_with(|| position.split_whitespace().collect::<Vec<_>>().join(" ")).clone();
        lines.push(RequirementLine { position_key: key, position: name, code: code_upper, level });
    }
    if errors.is_empty() { Ok(lines) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_framework_is_complete() {
        let d = defaults().expect("content/kompetensi.toml reads");
        assert!(d.competencies.len() >= 8, "{}", d.competencies.len());
        for kind in Kind::ALL {
            assert!(d.competencies.iter().any(|c| c.kind == kind), "no {kind:?} competency");
        }
        for c in &d.competencies {
            assert!((1..=2).contains(&c.pillars.len()), "{}: 1-2 pillars", c.code);
            assert!(!c.courses.is_empty(), "{}: no course", c.code);
            assert!(c.levels.iter().all(|l| l.chars().count() <= lentera_protocol::framework::LEVEL_MAX), "{}", c.code);
        }
        let positions: BTreeSet<&str> = d.requirements.iter().map(|r| r.position.as_str()).collect();
        for p in &positions {
            let n = d.requirements.iter().filter(|r| r.position == *p).count();
            assert!((4..=7).contains(&n), "{p}: {n} competencies");
        }
        assert!(d.requirements.iter().all(|r| (2..=4).contains(&r.level)));
    }

    #[test]
    fn stored_keys_read_back() {
        for kind in Kind::ALL {
            assert_eq!(kind_of(kind_key(kind)), Some(kind));
        }
        assert_eq!(pillars_of(&pillars_text(&Pillar::ALL)), Pillar::ALL);
    }
}
