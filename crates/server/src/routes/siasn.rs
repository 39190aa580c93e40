//! The year's or a quarter's credited records in SIASN's course-record fields, for the BKPSDM's
//! operator: each record names its certificate, and a download marks what it held.

use crate::AppState;
use crate::access::Viewer;
use crate::certificate::CertificateBody;
use crate::error::ApiError;
use crate::routes::certificates::issue_for;
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

pub fn record(body: &CertificateBody, exported: bool) -> SiasnRecord {
    SiasnRecord {
        nip: body.nip.clone(),
        nama: body.name.clone(),
        jenis_diklat_id: jenis_diklat_id(&body.competency).into(),
        jenis_kursus: "E-Learning".into(),
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
    viewer.require_supervisor()?;
    if q.quarter.is_some_and(|n| !(1..=4).contains(&n)) {
        return Err(ApiError::InvalidRequest("quarter is 1, 2, 3 or 4; leave it out for the whole year".into()));
    }
    let json = match q.format.as_deref().unwrap_or("csv") {
        "csv" => false,
        "json" => true,
        other => return Err(ApiError::InvalidRequest(format!("format is csv or json, not {other}"))),
    };
    let units = viewer.unit_ids(q.unit.as_deref())?;
    let mut records = Vec::new();
    for learner in state.db.learners_in(&units).await? {
        for row in issue_for(&state, &learner).await? {
            if row.revoked_at_ms.is_some() || (q.only_new.unwrap_or(false) && row.exported_at_ms.is_some()) {
                continue;
            }
            let Ok(body) = serde_json::from_str::<CertificateBody>(&row.body) else { continue };
            let in_period = body.completed_on.get(..4) == Some(q.year.to_string().as_str())
                && q.quarter.is_none_or(|n| crate::ledger::quarter_of(&body.completed_on) == n);
            if in_period {
                records.push(record(&body, row.exported_at_ms.is_some()));
            }
        }
    }
    let numbers: Vec<String> = records.iter().map(|r| r.nomor_sertipikat.clone()).collect();
    state.db.mark_exported(&numbers, crate::now_ms()).await?;
    if json {
        return Ok(Json(records).into_response());
    }
    let period = q.quarter.map_or_else(|| q.year.to_string(), |n| format!("{}-tw{n}", q.year));
    let disposition = format!("attachment; filename=\"siasn-kursus-{period}.csv\"");
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)], to_csv(&records)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(siasn_date("2026-03-07"), "07-03-2026");
    }
}
