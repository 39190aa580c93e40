//! The competency framework the admin controls (docs/akpk.md): read by admins and supervisors,
//! one competency edited at a time, and what each position requires imported as CSV.

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::framework::{read_requirements, COLUMNS};
use crate::routes::dashboard::csv_response;
use crate::session::Session;
use crate::{csv, AppState};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lentera_protocol::akpk::{FrameworkCompetency, Offer};
use lentera_protocol::framework::{
    CompetencyInput, Framework, PositionRequirements, Requirement, RequirementsImport, RequirementsRefused, DESCRIPTION_MAX, LEVEL_MAX, NAME_MAX,
};
use lentera_protocol::ApiErrorBody;
use std::collections::BTreeSet;

fn require_reader(session: &Session) -> Result<(), ApiError> {
    match session.learner.role.as_str() {
        "admin" | "supervisor" => Ok(()),
        _ => Err(ApiError::Forbidden("only supervisors and administrators may see the competency framework".into())),
    }
}

fn require_admin(session: &Session) -> Result<(), ApiError> {
    if session.learner.role == "admin" {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only an administrator may change the competency framework".into()))
    }
}

async fn framework_of(state: &AppState) -> Result<Framework, ApiError> {
    let mut positions: Vec<PositionRequirements> = Vec::new();
    let mut last_key = String::new();
    for (key, position, competency, level) in state.db.all_requirements().await? {
        if key != last_key || positions.is_empty() {
            positions.push(PositionRequirements { position, requirements: Vec::new() });
            last_key = key;
        }
        if let Some(p) = positions.last_mut() {
            p.requirements.push(Requirement { competency, level });
        }
    }
    let courses = state.library.packs.values().map(|b| Offer { id: b.summary.id.clone(), title: b.summary.title.clone(), jp: b.summary.jp }).collect();
    Ok(Framework { competencies: state.db.framework().await?, positions, courses })
}

#[utoipa::path(get, path = "/framework", tag = "framework",
    responses(
        (status = 200, description = "The competencies in order with their five levels and courses, what each position requires, and the library's courses", body = Framework),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
    ))]
pub async fn framework(State(state): State<AppState>, session: Session) -> Result<Json<Framework>, ApiError> {
    require_reader(&session)?;
    Ok(Json(framework_of(&state).await?))
}

/// A text field: trimmed, not empty, at most `max` characters.
fn text(field: &str, value: &str, max: usize, what: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(ApiError::InvalidRequest(format!("field `{field}`: give {what} (1 to {max} characters)")));
    }
    Ok(value.to_owned())
}

/// The competency as it will be stored, or a 400 naming the first wrong field.
fn checked(state: &AppState, code: &str, input: CompetencyInput) -> Result<FrameworkCompetency, ApiError> {
    let name = text("name", &input.name, NAME_MAX, "the competency's name")?;
    let description = text("description", &input.description, DESCRIPTION_MAX, "a one-line description")?;
    if input.pillars.is_empty() {
        return Err(ApiError::InvalidRequest("field `pillars`: choose at least one pillar (cakap, etika, aman, budaya)".into()));
    }
    if input.pillars.iter().collect::<BTreeSet<_>>().len() != input.pillars.len() {
        return Err(ApiError::InvalidRequest("field `pillars`: a pillar is listed twice".into()));
    }
    if input.levels.len() != 5 {
        return Err(ApiError::InvalidRequest(format!("field `levels`: give exactly five level descriptions (1 to 5), not {}", input.levels.len())));
    }
    let mut levels = Vec::new();
    for (i, level) in input.levels.iter().enumerate() {
        levels.push(text(&format!("levels[{i}]"), level, LEVEL_MAX, &format!("what a person at level {} can do at work", i + 1))?);
    }
    let mut seen = BTreeSet::new();
    for (i, course) in input.courses.iter().enumerate() {
        if !state.library.packs.contains_key(course) {
            return Err(ApiError::InvalidRequest(format!("field `courses[{i}]`: there is no course `{course}` in the library; choose one the catalogue offers")));
        }
        if !seen.insert(course) {
            return Err(ApiError::InvalidRequest(format!("field `courses[{i}]`: the course `{course}` is listed twice")));
        }
    }
    Ok(FrameworkCompetency { code: code.to_owned(), kind: input.kind, name, description, pillars: input.pillars, levels, courses: input.courses })
}

#[utoipa::path(put, path = "/framework/competencies/{code}", tag = "framework",
    params(("code" = String, Path, description = "The competency's code, e.g. DIG-01")),
    request_body = CompetencyInput,
    responses(
        (status = 200, description = "The competency as it is now", body = FrameworkCompetency),
        (status = 400, description = "A field is wrong (the message names it)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "No competency has this code", body = ApiErrorBody),
    ))]
pub async fn update_competency(
    State(state): State<AppState>,
    session: Session,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<CompetencyInput>,
) -> Result<Json<FrameworkCompetency>, ApiError> {
    require_admin(&session)?;
    let competency = checked(&state, &code, input)?;
    let detail = format!("{}; pilar {}; kursus {}", competency.name, crate::framework::pillars_text(&competency.pillars), competency.courses.join(", "));
    let entry = crate::audit::entry(&session, "competency_update", &code, &detail, session.learner.unit_id);
    if !state.db.replace_competency(&competency, &entry).await? {
        return Err(ApiError::Missing(format!("there is no competency {code} in the framework")));
    }
    Ok(Json(competency))
}

#[utoipa::path(post, path = "/framework/requirements", tag = "framework",
    request_body(content = String, content_type = "text/csv", description = "jabatan,kode_kompetensi,level — header first, UTF-8, comma or semicolon"),
    responses(
        (status = 200, description = "Applied: each position in the file now requires exactly its lines; other positions are unchanged", body = RequirementsImport),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 422, description = "The file has errors (every one, by line); nothing was stored", body = RequirementsRefused),
    ))]
pub async fn import_requirements(State(state): State<AppState>, session: Session, body: Bytes) -> Result<Response, ApiError> {
    require_admin(&session)?;
    let codes: BTreeSet<String> = state.db.framework().await?.into_iter().map(|c| c.code).collect();
    let lines = match read_requirements(&body, &codes) {
        Ok(lines) => lines,
        Err(errors) => {
            let first = &errors[0];
            let error = ApiError::Unprocessable(format!(
                "the file has {} error(s), first on line {}: {}; nothing was imported. Fix the file and import it again",
                errors.len(), first.line, first.message
            ));
            let refused = RequirementsRefused { error: error.body().error, errors };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(refused)).into_response());
        }
    };
    let audit = |n: &RequirementsImport| {
        let detail = format!("{} jabatan, {} ditambah, {} diubah, {} dihapus, {} tetap", n.positions, n.added, n.changed, n.removed, n.unchanged);
        Some(crate::audit::entry(&session, "requirements_import", "kebutuhan kompetensi jabatan (CSV)", &detail, session.learner.unit_id))
    };
    let counts = state.db.import_requirements(&lines, audit).await?;
    Ok(Json(counts).into_response())
}

#[utoipa::path(get, path = "/framework/requirements.csv", tag = "framework",
    responses(
        (status = 200, description = "jabatan,kode_kompetensi,level of every position: the file the import reads", content_type = "text/csv"),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
    ))]
pub async fn requirements_csv(State(state): State<AppState>, session: Session) -> Result<Response, ApiError> {
    require_admin(&session)?;
    let mut out = csv::line(&COLUMNS);
    for (_, position, code, level) in state.db.all_requirements().await? {
        out.push_str(&csv::line(&[csv::text_field(&position), code, level.to_string()]));
    }
    Ok(csv_response(out, "lentera-kebutuhan-kompetensi.csv".to_owned()).into_response())
}
