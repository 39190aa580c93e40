//! Staff import from the admin's CSV: preview first, then apply only a clean file.

use crate::access::Viewer;
use crate::auth::token_hash;
use crate::csv;
use crate::db::staff::NewCode;
use crate::error::ApiError;
use crate::import::{Plan, plan};
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::org::{ImportPreview, ImportResult};
use std::collections::HashMap;

async fn planned(state: &AppState, session: Session, body: &[u8]) -> Result<Plan, ApiError> {
    let viewer = Viewer::of(state, session).await?;
    viewer.require_admin()?;
    let existing = state.db.existing_staff().await?;
    Ok(plan(body, &viewer.tree, &viewer.scope, &existing))
}

#[utoipa::path(post, path = "/admin/import/preview", tag = "organisation",
    request_body(content = String, content_type = "text/csv", description = "nip,nama,jabatan,kode_unit,nip_atasan,email — header first, UTF-8, comma or semicolon"),
    responses(
        (status = 200, description = "Every error by line, or what would be added and changed; nothing is stored", body = ImportPreview),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
    ))]
pub async fn preview(State(state): State<AppState>, session: Session, body: Bytes) -> Result<Json<ImportPreview>, ApiError> {
    Ok(Json(planned(&state, session, &body).await?.preview))
}

#[utoipa::path(post, path = "/admin/import", tag = "organisation",
    request_body(content = String, content_type = "text/csv", description = "The same file as the preview"),
    responses(
        (status = 200, description = "Applied; new accounts' one-time activation codes as CSV, shown this once", body = ImportResult),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 422, description = "The file has errors; nothing was imported (preview lists them)", body = ApiErrorBody),
    ))]
pub async fn import(State(state): State<AppState>, session: Session, body: Bytes) -> Result<Json<ImportResult>, ApiError> {
    let plan = planned(&state, session, &body).await?;
    if let Some(first) = plan.preview.errors.first() {
        return Err(ApiError::Unprocessable(format!(
            "the file has {} error(s), first on line {}: {}; nothing was imported. Fix the file and preview it again",
            plan.preview.errors.len(), first.line, first.message
        )));
    }
    let mut codes = Vec::new();
    let mut hashes = HashMap::new();
    for added in &plan.preview.added {
        let code = activation_code().map_err(|e| ApiError::Internal(e.into()))?;
        hashes.insert(added.nip.clone(), token_hash(&code));
        codes.push(NewCode { nip: added.nip.clone(), name: added.name.clone(), unit_code: added.unit_code.clone(), code });
    }
    state.db.apply_import(&plan, &hashes, now_ms()).await?;
    let mut activation_csv = csv::line(&["nip", "nama", "kode_unit", "kode_aktivasi"]);
    for c in codes {
        activation_csv.push_str(&csv::line(&[c.nip, c.name, c.unit_code, c.code]));
    }
    let p = &plan.preview;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(Json(ImportResult { added: count(p.added.len()), changed: count(p.changed.len()), unchanged: p.unchanged, activation_csv }))
}

/// Ten letters and digits without look-alikes (0/O, 1/I/L), grouped `XXXXX-XXXXX`: about 50 bits.
fn activation_code() -> Result<String, String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    let mut code: String = bytes.iter().map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()])).collect();
    code.insert(5, '-');
    Ok(code)
}
