//! The year's or a quarter's credited records in SIASN's course-record fields, for the BKPSDM's
//! operator: each record names its certificate, and a download marks what it held.

use crate::AppState;
use crate::access::Viewer;
use crate::certificate::CertificateBody;
use crate::error::ApiError;
use crate::routes::certificates::issue_for_many;
use crate::session::Session;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use lentera_protocol::ApiErrorBody;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// Calendar year (WIB) of completion.
    year: i32,
    /// 1-4; the whole year when absent.
    quarter: Option<u8>,
    /// `true`: only records no earlier export held.
    only_new: Option<bool>,
    /// `csv` (default) or `json`.
    format: Option<String>,
    /// One unit's code (its subtree); all the caller's units when absent.
    unit: Option<String>,
}

/// One SIASN course record (`riwayat kursus`); see docs/siasn.md for each field's source.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SiasnRecord {
    pub nip: String,
    pub nama: String,
    pub jenis_diklat_id: String,
    pub jenis_kursus: String,
    pub nama_kursus: String,
    pub jumlah_jam: u32,
    pub tahun_kursus: i32,
    pub tanggal_kursus: String,
    pub tanggal_selesai_kursus: String,
    pub nomor_sertipikat: String,
    pub institusi_penyelenggara: String,
    /// Set when an earlier download already held this record.
    pub sudah_diekspor: bool,
}

/// SIASN's `jenisDiklatId` for a competency type (the BKPSDM's operator confirms these; docs/siasn.md).
pub fn jenis_diklat_id(competency: &str) -> &'static str {
    match competency {
        "manajerial" => "2",
        "sosial_kultural" => "3",
        _ => "1",
    }
}

/// `YYYY-MM-DD` as SIASN's `dd-mm-yyyy`.
pub fn siasn_date(date: &str) -> String {
    match (date.get(0..4), date.get(5..7), date.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}-{m}-{y}"),
        _ => date.to_owned(),
    }
}

/// SIASN's "jenis kursus" of a form of learning.
fn jenis_kursus(form: &str) -> &'static str {
    match form {
        "webinar" => "Webinar",
        "workshop" => "Workshop",
        _ => "E-Learning",
    }
}

pub fn record(body: &CertificateBody, exported: bool) -> SiasnRecord {
    SiasnRecord {
        nip: body.nip.clone(),
        nama: body.name.clone(),
        jenis_diklat_id: jenis_diklat_id(&body.competency).into(),
        jenis_kursus: jenis_kursus(&body.form).into(),
        nama_kursus: body.course.clone(),
        jumlah_jam: body.jp,
        tahun_kursus: body.completed_on.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0),
        tanggal_kursus: siasn_date(&body.completed_on),
        tanggal_selesai_kursus: siasn_date(&body.completed_on),
        nomor_sertipikat: body.number.clone(),
        institusi_penyelenggara: body.issuer.clone(),
        sudah_diekspor: exported,
    }
}

const HEADER: [&str; 12] = [
    "nip", "nama", "jenisDiklatId", "jenisKursus", "namaKursus", "jumlahJam", "tahunKursus", "tanggalKursus", "tanggalSelesaiKursus",
    "nomorSertipikat", "institusiPenyelenggara", "sudahDiekspor",
];

pub fn to_csv(records: &[SiasnRecord]) -> String {
    use crate::csv::{line, text_field};
    let mut out = line(&HEADER);
    for r in records {
        out.push_str(&line(&[
            r.nip.clone(),
            text_field(&r.nama),
            r.jenis_diklat_id.clone(),
            r.jenis_kursus.clone(),
            text_field(&r.nama_kursus),
            r.jumlah_jam.to_string(),
            r.tahun_kursus.to_string(),
            r.tanggal_kursus.clone(),
            r.tanggal_selesai_kursus.clone(),
            r.nomor_sertipikat.clone(),
            text_field(&r.institusi_penyelenggara),
            if r.sudah_diekspor { "ya" } else { "tidak" }.to_owned(),
        ]));
    }
    out
}

/// The checked query: period, scope and whether to leave out what was exported before.
struct Period {
    year: i32,
    quarter: Option<u8>,
    only_new: bool,
    units: Vec<i64>,
}

impl Period {
    fn of(viewer: &Viewer, q: &ExportQuery) -> Result<Period, ApiError> {
        viewer.require_supervisor()?;
        if q.quarter.is_some_and(|n| !(1..=4).contains(&n)) {
            return Err(ApiError::InvalidRequest("quarter is 1, 2, 3 or 4; leave it out for the whole year".into()));
        }
        Ok(Period { year: q.year, quarter: q.quarter, only_new: q.only_new.unwrap_or(false), units: viewer.unit_ids(q.unit.as_deref())? })
    }

    /// `2026` or `2026-tw1`, for file names.
    fn label(&self) -> String {
        self.quarter.map_or_else(|| self.year.to_string(), |n| format!("{}-tw{n}", self.year))
    }
}

/// Whether the listing is CSV (`false`) or JSON.
fn is_json(format: Option<&str>) -> Result<bool, ApiError> {
    match format.unwrap_or("csv") {
        "csv" => Ok(false),
        "json" => Ok(true),
        other => Err(ApiError::InvalidRequest(format!("format is csv or json, not {other}"))),
    }
}

/// The period's live certificates in scope (issued first), with their SIASN record.
async fn collect(state: &AppState, period: &Period) -> Result<Vec<(SiasnRecord, CertificateBody)>, ApiError> {
    let mut out = Vec::new();
    let year = period.year.to_string();
    let learners = state.db.learners_in(&period.units).await?;
    let mut issued = issue_for_many(state, &learners).await?;
    for learner in &learners {
        for row in issued.remove(&learner.id).unwrap_or_default() {
            if row.revoked_at_ms.is_some() || (period.only_new && row.exported_at_ms.is_some()) {
                continue;
            }
            let Ok(body) = serde_json::from_str::<CertificateBody>(&row.body) else { continue };
            let in_period = body.completed_on.get(..4) == Some(year.as_str())
                && period.quarter.is_none_or(|n| crate::ledger::quarter_of(&body.completed_on) == n);
            if in_period {
                out.push((record(&body, row.exported_at_ms.is_some()), body));
            }
        }
    }
    Ok(out)
}

async fn mark(state: &AppState, found: &[(SiasnRecord, CertificateBody)]) -> Result<(), ApiError> {
    let numbers: Vec<String> = found.iter().map(|(r, _)| r.nomor_sertipikat.clone()).collect();
    Ok(state.db.mark_exported(&numbers, crate::now_ms()).await?)
}

#[utoipa::path(get, path = "/siasn/export", tag = "supervisors",
    params(ExportQuery),
    responses(
        (status = 200, description = "The credited records of the period in SIASN's fields (CSV or JSON); the download marks them exported", body = Vec<SiasnRecord>),
        (status = 400, description = "A quarter outside 1-4 or an unknown format", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn export(State(state): State<AppState>, session: Session, Query(q): Query<ExportQuery>) -> Result<Response, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let period = Period::of(&viewer, &q)?;
    let json = is_json(q.format.as_deref())?;
    let found = collect(&state, &period).await?;
    mark(&state, &found).await?;
    let records: Vec<SiasnRecord> = found.into_iter().map(|(r, _)| r).collect();
    if json {
        return Ok(Json(records).into_response());
    }
    let disposition = format!("attachment; filename=\"siasn-kursus-{}.csv\"", period.label());
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)], to_csv(&records)).into_response())
}

/// The archive: the listing at the top, then `sertifikat/<nomor>.pdf` for each record, so the
/// operator finds each record's document by the number in its `nomorSertipikat` column.
pub fn archive(listing_name: &str, listing: &[u8], pdfs: &[(String, Vec<u8>)]) -> Result<Vec<u8>, zip::result::ZipError> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    out.start_file(listing_name, deflated)?;
    out.write_all(listing)?;
    // The certificate PDFs draw the QR code as plain rectangles (about 23 KB each, mostly that):
    // the fastest deflate level shrinks them several times at little cost.
    let quick = deflated.compression_level(Some(1));
    for (number, bytes) in pdfs {
        out.start_file(format!("sertifikat/{number}.pdf"), quick)?;
        out.write_all(bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

#[utoipa::path(get, path = "/siasn/export.zip", tag = "supervisors",
    params(ExportQuery),
    responses(
        (status = 200, description = "A ZIP of the period's records (CSV or JSON, as `/siasn/export`) and one certificate PDF per record, `sertifikat/<nomorSertipikat>.pdf`; the download marks them exported", content_type = "application/zip"),
        (status = 400, description = "A quarter outside 1-4 or an unknown format", body = ApiErrorBody),
        (status = 403, description = "Only supervisors and administrators", body = ApiErrorBody),
        (status = 404, description = "The unit is not among the caller's units", body = ApiErrorBody),
    ))]
pub async fn export_zip(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<ExportQuery>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    let period = Period::of(&viewer, &q)?;
    let json = is_json(q.format.as_deref())?;
    let found = collect(&state, &period).await?;
    let origin = crate::routes::certificates::origin(&headers);
    let fail = |e: String| ApiError::Internal(e.into());
    let mut pdfs = Vec::with_capacity(found.len());
    for (record, body) in &found {
        let url = format!("{origin}/verifikasi/{}", record.nomor_sertipikat);
        pdfs.push((record.nomor_sertipikat.clone(), crate::certificate::pdf::render(body, &url, false).map_err(fail)?));
    }
    let records: Vec<SiasnRecord> = found.iter().map(|(r, _)| r.clone()).collect();
    let label = period.label();
    let (name, listing) = if json {
        (format!("siasn-kursus-{label}.json"), serde_json::to_vec_pretty(&records).map_err(|e| fail(e.to_string()))?)
    } else {
        (format!("siasn-kursus-{label}.csv"), to_csv(&records).into_bytes())
    };
    let bytes = archive(&name, &listing, &pdfs).map_err(|e| fail(e.to_string()))?;
    // Marked only once the archive is made: a failure leaves the records for the next try.
    mark(&state, &found).await?;
    let disposition = format!("attachment; filename=\"siasn-kursus-{label}.zip\"");
    Ok(([(header::CONTENT_TYPE, "application/zip".to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(siasn_date("2026-03-07"), "07-03-2026");
    }
}
