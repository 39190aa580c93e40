//! Staff import from the admin's CSV: preview first, then apply only a clean file.

use crate::access::Viewer;
use crate::csv;
use crate::db::staff::NewCode;
use crate::error::ApiError;
use crate::calendar;
use crate::db::standing::StandingRow;
use crate::import::{Existing, Plan, plan};
use super::staff::title_of;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::org::{ImportCourse, ImportPreview, ImportResult};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The plan of a file, made with only the people in the admin's scope; also the NIPs outside it.
async fn planned(state: &AppState, session: Session, body: &[u8]) -> Result<(Viewer, HashMap<String, Existing>, HashSet<String>, Plan), ApiError> {
    let viewer = Viewer::of(state, session).await?;
    viewer.require_admin()?;
    let (existing, hidden): (HashMap<String, Existing>, HashMap<String, Existing>) =
        state.db.existing_staff().await?.into_iter().partition(|(_, e)| viewer.scope.contains(e.unit_id));
    let plan = plan(body, &viewer.tree, &viewer.scope, &existing);
    Ok((viewer, existing, hidden.into_keys().collect(), plan))
}

/// The courses standing for units (due today or later) that people new to a unit in this file
/// will be assigned, as `apply_import` will: not those they have already.
async fn unit_courses(state: &AppState, viewer: &Viewer, existing: &HashMap<String, Existing>, plan: &Plan) -> Result<Vec<ImportCourse>, ApiError> {
    let today = calendar::date(now_ms());
    let all: Vec<i64> = viewer.tree.units.iter().map(|u| u.id).collect();
    let standing: Vec<StandingRow> = state.db.standing_of(&all).await?.into_iter().filter(|s| s.due_date >= today).collect();
    if standing.is_empty() {
        return Ok(Vec::new());
    }
    // (course, due date) → people; a person under two units standing for one course gets the earlier date.
    let mut people: BTreeMap<(String, String), u32> = BTreeMap::new();
    for line in &plan.lines {
        let before = existing.get(line.nip.as_str());
        if before.is_some_and(|b| b.unit_id == Some(line.unit_id)) {
            continue;
        }
        let has: Vec<String> = match before {
            Some(b) => state.db.assignments_of(None, Some(b.id)).await?.into_iter().map(|a| a.course_id).collect(),
            None => Vec::new(),
        };
        let above = viewer.tree.chain(Some(line.unit_id));
        let mut gets: BTreeMap<&str, &str> = BTreeMap::new();
        for s in standing.iter().filter(|s| above.contains(&s.unit_id) && !has.contains(&s.course_id)) {
            let due = gets.entry(s.course_id.as_str()).or_insert(s.due_date.as_str());
            *due = (*due).min(s.due_date.as_str());
        }
        for (course, due) in gets {
            *people.entry((course.to_owned(), due.to_owned())).or_default() += 1;
        }
    }
    Ok(people
        .into_iter()
        .map(|((course_id, due_date), people)| ImportCourse { title: title_of(state, &course_id), course_id, due_date, people })
        .collect())
}

#[utoipa::path(post, path = "/admin/import/preview", tag = "organisation",
    request_body(content = String, content_type = "text/csv", description = "nip,nama,jabatan,kode_unit,nip_atasan,email — header first, UTF-8, comma or semicolon"),
    responses(
        (status = 200, description = "Every error by line, or what would be added and changed; nothing is stored", body = ImportPreview),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
    ))]
pub async fn preview(State(state): State<AppState>, session: Session, body: Bytes) -> Result<Json<ImportPreview>, ApiError> {
    let (viewer, existing, _, mut plan) = planned(&state, session, &body).await?;
    if plan.preview.errors.is_empty() {
        plan.preview.unit_courses = unit_courses(&state, &viewer, &existing, &plan).await?;
    }
    Ok(Json(plan.preview))
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
    let (viewer, _, hidden, plan) = planned(&state, session, &body).await?;
    if let Some(first) = plan.preview.errors.first() {
        return Err(ApiError::Unprocessable(format!(
            "the file has {} error(s), first on line {}: {}; nothing was imported. Fix the file and preview it again",
            plan.preview.errors.len(), first.line, first.message
        )));
    }
    // Only a real import learns that a NIP is taken outside the admin's units (the preview read it
    // as new): adding the person is refused, nothing is imported, and the admin is sent to BKPSDM.
    if let Some(taken) = plan.preview.added.iter().find(|a| hidden.contains(&a.nip)) {
        return Err(ApiError::Unprocessable(format!(
            "line {}: NIP {} cannot be added from your units; ask the administrator of all units (BKPSDM) to move this person. Nothing was imported",
            taken.line, taken.nip
        )));
    }
    let mut codes = Vec::new();
    let mut hashes = HashMap::new();
    for added in &plan.preview.added {
        let code = crate::auth::activation_code().map_err(|e| ApiError::Internal(e.into()))?;
        hashes.insert(added.nip.clone(), crate::auth::code_hash(&code));
        codes.push(NewCode { nip: added.nip.clone(), name: added.name.clone(), unit_code: added.unit_code.clone(), code });
    }
    let entry = |plan: &Plan| {
        let p = &plan.preview;
        let detail = format!("{} ditambah, {} diubah (unit, jabatan, atasan), {} tetap", p.added.len(), p.changed.len(), p.unchanged);
        Some(crate::audit::entry(&viewer.session, "import", "impor pegawai (CSV)", &detail, viewer.session.learner.unit_id))
    };
    state.db.apply_import_audited(&plan, &hashes, now_ms(), entry).await?;
    let mut activation_csv = csv::line(&["nip", "nama", "kode_unit", "kode_aktivasi"]);
    for c in codes {
        activation_csv.push_str(&csv::line(&[c.nip, c.name, c.unit_code, c.code]));
    }
    let p = &plan.preview;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(Json(ImportResult { added: count(p.added.len()), changed: count(p.changed.len()), unchanged: p.unchanged, activation_csv }))
}
