//! Staff import: the admin's whole CSV file is checked before anything is stored, and every
//! error is named by line. What a clean file would add and change is planned here, applied in `db::staff`.

use crate::csv::{self, Record};
use crate::db::org::{OrgTree, Scope};
use lentera_protocol::org::{ImportChange, ImportLineError, ImportPreview};
use lentera_protocol::{Employment, Nip, NipError};
use std::collections::HashMap;

/// A person as the database holds them now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Existing {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub unit_id: Option<i64>,
    pub supervisor_nip: Option<String>,
    pub email: Option<String>,
    pub employment: Employment,
}

/// One clean row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffLine {
    pub line: u32,
    pub nip: Nip,
    pub name: String,
    pub position: String,
    pub unit_id: i64,
    pub unit_code: String,
    pub supervisor: Option<Nip>,
    pub email: Option<String>,
    /// From `jenis_pegawai`; PNS when the column is absent.
    pub employment: Employment,
}

/// What a clean file comes to.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub lines: Vec<StaffLine>,
    pub preview: ImportPreview,
}

const COLUMNS: [(&str, &str, bool); 7] = [
    ("nip", "nip", true),
    ("nama", "name", true),
    ("jabatan", "position", true),
    ("kode_unit", "unit_code", true),
    ("nip_atasan", "supervisor_nip", true),
    ("email", "email", false),
    ("jenis_pegawai", "employment", false),
];

fn error(line: u32, kind: &str, message: impl Into<String>) -> ImportLineError {
    ImportLineError { line, kind: kind.into(), message: message.into() }
}

/// Longest name, position and email an import stores (a long Indonesian name with titles fits).
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_POSITION_CHARS: usize = 150;
pub const MAX_EMAIL_CHARS: usize = 254;

/// Checks the whole file against the organisation; `existing` holds every NIP already known within
/// the admin's scope: a person outside it reads exactly like a NIP nobody has (a new line, or an
/// unknown supervisor), so the preview does not tell whether they exist.
pub fn plan(bytes: &[u8], tree: &OrgTree, scope: &Scope, existing: &HashMap<String, Existing>) -> Plan {
    let mut out = Plan::default();
    let records = match csv::read(bytes) {
        Ok(records) => records,
        Err(e) => {
            out.preview.errors.push(error(e.line, "encoding", e.message));
            return out;
        }
    };
    let Some((header, rows)) = records.split_first() else {
        out.preview.errors.push(error(1, "empty", "berkas kosong; baris 1 harus header: nip,nama,jabatan,kode_unit,nip_atasan,email"));
        return out;
    };
    let columns = match header_columns(header) {
        Ok(columns) => columns,
        Err(e) => {
            out.preview.errors.push(e);
            return out;
        }
    };
    out.preview.rows = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let mut seen: HashMap<String, u32> = HashMap::new();
    let file_nips: HashMap<String, u32> = rows
        .iter()
        .filter_map(|r| columns[0].and_then(|i| r.fields.get(i)).and_then(|t| Nip::parse(t).ok()).map(|n| (n.to_string(), r.line)))
        .collect();
    for row in rows {
        match check_row(row, header.fields.len(), &columns, tree, scope, existing, &file_nips) {
            Ok(line) => {
                if let Some(first) = seen.insert(line.nip.to_string(), line.line) {
                    out.preview.errors.push(error(row.line, "duplicate_nip", format!("NIP {} sudah ada di baris {first}; hapus salah satunya", line.nip)));
                    continue;
                }
                out.lines.push(line);
            }
            Err(errors) => out.preview.errors.extend(errors),
        }
    }
    if out.preview.errors.is_empty() {
        classify(&mut out, existing);
    }
    out
}

/// Index of each known column in the header (`None` for a missing optional one).
fn header_columns(header: &Record) -> Result<[Option<usize>; 7], ImportLineError> {
    let names: Vec<String> = header.fields.iter().map(|f| f.trim().to_lowercase().replace(' ', "_")).collect();
    let mut found = [None; 7];
    for (slot, (id, en, required)) in found.iter_mut().zip(COLUMNS) {
        *slot = names.iter().position(|n| n == id || n == en);
        if slot.is_none() && required {
            return Err(error(1, "header", format!(
                "header tidak punya kolom \"{id}\"; baris 1 harus: nip,nama,jabatan,kode_unit,nip_atasan,email"
            )));
        }
    }
    Ok(found)
}

fn check_row(
    row: &Record,
    width: usize,
    columns: &[Option<usize>; 7],
    tree: &OrgTree,
    scope: &Scope,
    existing: &HashMap<String, Existing>,
    file_nips: &HashMap<String, u32>,
) -> Result<StaffLine, Vec<ImportLineError>> {
    let line = row.line;
    if row.fields.len() != width {
        return Err(vec![error(line, "columns", format!(
            "baris ini punya {} kolom, header punya {width}; beri tanda kutip pada nilai yang memuat koma",
            row.fields.len()
        ))]);
    }
    let get = |i: usize| columns[i].map_or("", |c| row.fields[c].trim());
    let mut errors = Vec::new();
    let nip = Nip::parse(get(0)).map_err(|e| errors.push(error(line, "nip", format!("NIP \"{}\": {}", get(0), nip_problem(&e))))).ok();
    for (i, label) in [(1, "nama"), (2, "jabatan"), (3, "kode_unit")] {
        if get(i).is_empty() {
            errors.push(error(line, "missing_value", format!("kolom {label} kosong; isi kolom itu")));
        }
    }
    let unit = tree.by_code(get(3)).filter(|u| scope.contains(Some(u.id)));
    if unit.is_none() && !get(3).is_empty() {
        errors.push(error(line, "unknown_unit", format!(
            "kode unit \"{}\" tidak ada di unit yang Anda kelola; buat unitnya dulu atau perbaiki kodenya", get(3)
        )));
    }
    let supervisor = match get(4) {
        "" => None,
        text => match Nip::parse(text) {
            Ok(s) if nip.as_ref() == Some(&s) => {
                errors.push(error(line, "unknown_supervisor", "NIP atasan sama dengan NIP orang ini; isi NIP atasan langsungnya"));
                None
            }
            Ok(s) if file_nips.contains_key(s.as_str()) || existing.contains_key(s.as_str()) => Some(s),
            _ => {
                errors.push(error(line, "unknown_supervisor", format!(
                    "NIP atasan \"{text}\" tidak ada di berkas ini maupun di Lentera; tambahkan atasannya sebagai baris atau perbaiki NIP-nya"
                )));
                None
            }
        },
    };
    let email = Some(get(5)).filter(|e| !e.is_empty());
    if email.is_some_and(|e| !looks_like_email(e)) {
        errors.push(error(line, "email", format!("email \"{}\" tidak valid; kosongkan atau perbaiki (contoh: nama@sibolgakota.go.id)", get(5))));
    }
    // An absent column or an empty cell means PNS, as most staff are.
    let employment = match get(6) {
        "" => Employment::Pns,
        text => Employment::parse(text).unwrap_or_else(|| {
            errors.push(error(line, "employment", format!(
                "jenis_pegawai \"{text}\" tidak dikenal; isi PNS atau PPPK (kosong berarti PNS)"
            )));
            Employment::Pns
        }),
    };
    for (i, label, limit) in [(1, "nama", MAX_NAME_CHARS), (2, "jabatan", MAX_POSITION_CHARS), (5, "email", MAX_EMAIL_CHARS)] {
        let n = get(i).chars().count();
        if n > limit {
            errors.push(error(line, "too_long", format!("kolom {label} paling banyak {limit} karakter, yang ini {n}; singkatkan")));
        }
    }
    match (nip, unit) {
        (Some(nip), Some(unit)) if errors.is_empty() => Ok(StaffLine {
            line,
            nip,
            name: get(1).to_owned(),
            position: get(2).to_owned(),
            unit_id: unit.id,
            unit_code: unit.code.clone(),
            supervisor,
            email: email.map(str::to_owned),
            employment,
        }),
        _ => Err(errors),
    }
}

fn looks_like_email(text: &str) -> bool {
    let Some((user, domain)) = text.split_once('@') else { return false };
    !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !text.contains(char::is_whitespace) && !domain.contains('@')
}

fn nip_problem(err: &NipError) -> String {
    match err {
        NipError::Length(n) => format!("NIP terdiri dari 18 angka, yang ini {n} angka"),
        NipError::NotDigits => "NIP hanya berisi angka".into(),
        NipError::BirthDate(d) => format!("angka ke-1 s.d. ke-8 harus tanggal lahir yang benar (TTTTBBHH), bukan {d}"),
        NipError::AppointmentMonth(m) => format!("angka ke-9 s.d. ke-14 harus bulan pengangkatan yang benar (TTTTBB), bukan {m}"),
        NipError::AppointedBeforeBirth { .. } => "bulan pengangkatan tidak mungkin sebelum tanggal lahir".into(),
        NipError::Gender(c) => format!("angka ke-15 adalah kode jenis kelamin, 1 atau 2, bukan {c}"),
        NipError::Sequence => "angka ke-16 s.d. ke-18 adalah nomor urut 001–999, bukan 000".into(),
    }
}

/// Splits clean lines into added, changed (naming the fields) and unchanged.
fn classify(out: &mut Plan, existing: &HashMap<String, Existing>) {
    for line in &out.lines {
        let change = |fields: Vec<String>| ImportChange {
            line: line.line,
            nip: line.nip.to_string(),
            name: line.name.clone(),
            unit_code: line.unit_code.clone(),
            fields,
        };
        let Some(known) = existing.get(line.nip.as_str()) else {
            out.preview.added.push(change(Vec::new()));
            continue;
        };
        let mut fields = Vec::new();
        if known.name != line.name {
            fields.push("name".to_owned());
        }
        if known.position != line.position {
            fields.push("position".to_owned());
        }
        if known.unit_id != Some(line.unit_id) {
            fields.push("unit_code".to_owned());
        }
        if known.supervisor_nip.as_deref() != line.supervisor.as_ref().map(Nip::as_str) {
            fields.push("supervisor_nip".to_owned());
        }
        if known.email != line.email {
            fields.push("email".to_owned());
        }
        if known.employment != line.employment {
            fields.push("employment".to_owned());
        }
        if fields.is_empty() {
            out.preview.unchanged += 1;
        } else {
            out.preview.changed.push(change(fields));
        }
    }
}
