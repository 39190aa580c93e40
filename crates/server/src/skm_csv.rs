//! The SKM files (docs/evaluation.md): the admin's import checked whole, every error by line,
//! and the export with figures as plain numbers.

use crate::csv;
use crate::db::skm::SkmLine;
use crate::org_tree::OrgTree;
use lentera_protocol::evaluation::{parse_nrr, Period, SkmReport, ELEMENTS, NRR_MAX, NRR_MIN, hundredths_text, thousandths_text};
use lentera_protocol::org::ImportLineError;
use std::collections::BTreeMap;

/// The header an import starts with.
pub const IMPORT_COLUMNS: [&str; 12] = ["kode_unit", "periode", "responden", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];

fn error(line: u32, kind: &str, message: String) -> ImportLineError {
    ImportLineError { line, kind: kind.to_owned(), message }
}

/// Checks a whole import file against the units; the lines to store, or every error by line.
pub fn read_import(bytes: &[u8], tree: &OrgTree) -> Result<Vec<SkmLine>, Vec<ImportLineError>> {
    let records = csv::read(bytes).map_err(|e| vec![error(e.line, "encoding", e.message)])?;
    let header_text = IMPORT_COLUMNS.join(",");
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![error(1, "empty", format!("berkas kosong; baris pertama harus berisi judul kolom {header_text}"))]);
    };
    let names: Vec<String> = header.fields.iter().map(|f| f.trim().to_ascii_lowercase()).collect();
    if names != IMPORT_COLUMNS {
        return Err(vec![error(header.line, "header", format!("judul kolom harus tepat {header_text}; berkas ini: {}", names.join(",")))]);
    }
    if rows.is_empty() {
        return Err(vec![error(header.line, "empty", "berkas hanya berisi judul kolom; tambahkan satu baris per unit dan periode".into())]);
    }
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    let mut seen: BTreeMap<(i64, String), u32> = BTreeMap::new();
    for row in rows {
        let line = row.line;
        if row.fields.len() != IMPORT_COLUMNS.len() {
            errors.push(error(line, "columns", format!(
                "ada {} kolom, seharusnya 12 ({header_text}); nilai desimal dengan koma (3,25) hanya bisa dipakai bila pemisah kolomnya titik koma (;)",
                row.fields.len()
            )));
            continue;
        }
        let f: Vec<&str> = row.fields.iter().map(|s| s.trim()).collect();
        let Some(unit) = tree.by_code(f[0]) else {
            errors.push(error(line, "unknown_unit", format!("kode unit \"{}\" tidak dikenal; pakai kode dari halaman Unit organisasi", f[0])));
            continue;
        };
        let Some(period) = Period::parse(f[1]) else {
            errors.push(error(line, "period", format!("periode \"{}\" tidak sah; tulis tahun (2025) atau semester (2025-S1 Januari-Juni, 2025-S2 Juli-Desember)", f[1])));
            continue;
        };
        let Some(respondents) = f[2].parse::<u32>().ok().filter(|n| *n >= 1) else {
            errors.push(error(line, "respondents", format!("responden \"{}\" tidak sah; tulis jumlah orang yang mengisi survei (bilangan bulat, paling sedikit 1)", f[2])));
            continue;
        };
        let mut nrr = [0u32; 9];
        let mut bad = None;
        for (i, text) in f[3..].iter().enumerate() {
            match parse_nrr(text).filter(|n| (NRR_MIN..=NRR_MAX).contains(n)) {
                Some(n) => nrr[i] = n,
                None => {
                    bad = Some((i, *text));
                    break;
                }
            }
        }
        if let Some((i, text)) = bad {
            errors.push(error(line, "nrr", format!(
                "u{} ({}) \"{text}\" tidak sah; tulis nilai rata-rata 1,00 sampai 4,00 (paling banyak dua angka di belakang koma)",
                i + 1,
                ELEMENTS[i].1
            )));
            continue;
        }
        let period = period.text();
        if let Some(first) = seen.insert((unit.id, period.clone()), line) {
            errors.push(error(line, "duplicate", format!("unit {} periode {period} sudah ada di baris {first}; sisakan satu baris saja", unit.code)));
            continue;
        }
        lines.push(SkmLine { unit_id: unit.id, period, respondents, nrr });
    }
    if errors.is_empty() { Ok(lines) } else { Err(errors) }
}

/// The report as CSV: one line per unit and period, scores and figures as plain numbers.
pub fn export(report: &SkmReport) -> String {
    let mut header: Vec<String> = ["kode_unit", "nama_unit", "periode", "responden"].iter().map(|s| (*s).to_owned()).collect();
    header.extend((1..=9).map(|i| format!("u{i}")));
    header.extend(["ikm", "ikm_konversi", "mutu", "kinerja", "jumlah_pegawai", "jp_total", "jp_per_orang", "kursus_selesai", "kepuasan_peserta", "peserta_pre_post", "kenaikan_pre_post"].iter().map(|s| (*s).to_owned()));
    let mut out = csv::line(&header);
    for unit in &report.units {
        for p in &unit.periods {
            let mut fields = vec![csv::text_field(&unit.unit_code), csv::text_field(&unit.unit_name), p.period.clone(), p.respondents.to_string()];
            fields.extend(p.nrr_hundredths.iter().map(|n| hundredths_text(*n)));
            fields.push(thousandths_text(p.ikm.index_thousandths));
            fields.push(hundredths_text(p.ikm.converted_hundredths));
            fields.push(p.ikm.band.letter().to_owned());
            fields.push(p.ikm.band.words().to_owned());
            fields.push(p.learning.staff.to_string());
            fields.push(p.learning.jp_total.to_string());
            fields.push(format!("{}.{}", p.learning.jp_per_person_tenths / 10, p.learning.jp_per_person_tenths % 10));
            fields.push(p.learning.courses_completed.to_string());
            fields.push(p.learning.satisfaction_hundredths.map(hundredths_text).unwrap_or_default());
            fields.push(p.learning.tested.to_string());
            fields.push(csv::signed_decimal(p.learning.gain_hundredths));
            out.push_str(&csv::line(&fields));
        }
    }
    out
}
