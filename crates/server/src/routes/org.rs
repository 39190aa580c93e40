//! Org units: supervisors read the part of the tree they hold; admins create and edit it.

use crate::access::Viewer;
use crate::db::org::Scope;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::session::Session;
use crate::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::org::{Unit, UnitInput, UnitList};

async fn list(state: &AppState, viewer: &Viewer) -> Result<Vec<Unit>, ApiError> {
    let (supervisors, staff) = state.db.unit_people().await?;
    Ok(viewer
        .tree
        .ordered(&viewer.scope)
        .into_iter()
        .map(|u| {
            let people = supervisors.get(&u.id).map_or(&[][..], Vec::as_slice);
            Unit {
                code: u.code.clone(),
                name: u.name.clone(),
                parent: u.parent_id.and_then(|p| viewer.tree.get(p)).map(|p| p.code.clone()),
                supervisors: people.iter().map(|(nip, _)| nip.clone()).collect(),
                supervisor_names: people.iter().map(|(_, name)| name.clone()).collect(),
                staff: staff.get(&u.id).copied().unwrap_or(0),
                id: u.id,
            }
        })
        .collect())
}

#[utoipa::path(get, path = "/org/units", tag = "organisation",
    responses(
        (status = 200, description = "The units the caller supervises or manages, parents first", body = UnitList),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not a supervisor or administrator", body = ApiErrorBody),
    ))]
pub async fn units(State(state): State<AppState>, session: Session) -> Result<Json<UnitList>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_supervisor()?;
    Ok(Json(UnitList { units: list(&state, &viewer).await? }))
}

/// Checks a unit's fields; returns the parent id.
fn check(viewer: &Viewer, input: &UnitInput) -> Result<Option<i64>, ApiError> {
    let code_ok = !input.code.is_empty()
        && input.code.len() <= 40
        && input.code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if !code_ok {
        return Err(ApiError::InvalidRequest("field `code`: use 1-40 capital letters, digits and dashes, e.g. SBG-KOMINFO".into()));
    }
    if input.name.trim().is_empty() || input.name.len() > 200 {
        return Err(ApiError::InvalidRequest("field `name`: give the unit's name (at most 200 characters)".into()));
    }
    match input.parent.as_deref() {
        Some(code) => {
            let parent = viewer.tree.by_code(code).filter(|u| viewer.scope.contains(Some(u.id)));
            parent.map(|p| Some(p.id)).ok_or_else(|| ApiError::Missing(format!("field `parent`: there is no unit {code} among your units")))
        }
        None if viewer.scope == Scope::Everything => Ok(None),
        None => Err(ApiError::InvalidRequest("field `parent`: a new unit must sit under one of your units".into())),
    }
}

async fn supervisor_ids(state: &AppState, viewer: &Viewer, nips: &[String]) -> Result<Vec<i64>, ApiError> {
    let mut ids = Vec::new();
    for (i, nip) in nips.iter().enumerate() {
        match state.db.person(nip.trim()).await? {
            Some((id, unit)) if viewer.scope.contains(unit) => ids.push(id),
            _ => return Err(ApiError::Missing(format!("field `supervisors[{i}]`: there is no staff member {nip} among your units"))),
        }
    }
    Ok(ids)
}

#[utoipa::path(post, path = "/org/units", tag = "organisation",
    request_body = UnitInput,
    responses(
        (status = 201, description = "The unit was created", body = Unit),
        (status = 400, description = "A field is wrong (the message names it)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "The parent or a supervisor is not among the admin's units", body = ApiErrorBody),
        (status = 422, description = "The code is taken", body = ApiErrorBody),
    ))]
pub async fn create_unit(State(state): State<AppState>, session: Session, ApiJson(input): ApiJson<UnitInput>) -> Result<(StatusCode, Json<Unit>), ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_admin()?;
    let parent = check(&viewer, &input)?;
    if viewer.tree.by_code(&input.code).is_some() {
        return Err(ApiError::Unprocessable(format!("the code {} is already used by another unit; choose another", input.code)));
    }
    let supervisors = supervisor_ids(&state, &viewer, &input.supervisors).await?;
    state.db.save_unit(None, &input.code, input.name.trim(), parent, &supervisors, &entries(&viewer, "unit_create", &input)).await?;
    Ok((StatusCode::CREATED, Json(one(&state, &viewer.session, &input.code).await?)))
}

#[utoipa::path(put, path = "/org/units/{code}", tag = "organisation",
    params(("code" = String, Path, description = "The unit's code")),
    request_body = UnitInput,
    responses(
        (status = 200, description = "The unit as it is now", body = Unit),
        (status = 400, description = "A field is wrong (the message names it)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 403, description = "Not an administrator", body = ApiErrorBody),
        (status = 404, description = "The unit, parent or a supervisor is not among the admin's units", body = ApiErrorBody),
        (status = 422, description = "The move would put the unit under itself", body = ApiErrorBody),
    ))]
pub async fn update_unit(State(state): State<AppState>, session: Session, Path(code): Path<String>, ApiJson(input): ApiJson<UnitInput>) -> Result<Json<Unit>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    viewer.require_admin()?;
    let unit = viewer.tree.by_code(&code).filter(|u| viewer.scope.contains(Some(u.id)));
    let unit = unit.ok_or_else(|| ApiError::Missing(format!("there is no unit {code} among your units")))?.clone();
    let input = UnitInput { code: code.clone(), ..input };
    let parent = check(&viewer, &input)?;
    if parent.is_some_and(|p| viewer.tree.is_within(p, unit.id)) {
        return Err(ApiError::Unprocessable("a unit cannot sit under itself or one of its own sub-units".into()));
    }
    if parent.is_none() && unit.parent_id.is_some() && viewer.scope != Scope::Everything {
        return Err(ApiError::InvalidRequest("field `parent`: keep the unit under one of your units".into()));
    }
    let supervisors = supervisor_ids(&state, &viewer, &input.supervisors).await?;
    state.db.save_unit(Some(unit.id), &input.code, input.name.trim(), parent, &supervisors, &entries(&viewer, "unit_update", &input)).await?;
    if parent != unit.parent_id {
        // Its people join the units now above it, and with them the courses standing there.
        let (before, after) = (viewer.tree.chain(unit.parent_id), viewer.tree.chain(parent));
        let gained: Vec<i64> = after.difference(&before).copied().collect();
        let subtree: Vec<i64> = viewer.tree.subtree(unit.id).into_iter().collect();
        let people: Vec<i64> = state.db.people_in(&subtree).await?.into_iter().map(|(id, _, _)| id).collect();
        let now = crate::now_ms();
        state.db.inherit_from(&people, &gained, &crate::calendar::date(now), now).await?;
    }
    Ok(Json(one(&state, &viewer.session, &code).await?))
}

/// The unit's change, and its supervisors as appointed now, for the audit log (the unit id is set
/// by `save_unit`).
fn entries(viewer: &Viewer, action: &str, input: &UnitInput) -> [crate::db::audit::Entry; 2] {
    let detail = format!("nama: {}; induk: {}", input.name.trim(), input.parent.as_deref().unwrap_or("-"));
    let appointed = if input.supervisors.is_empty() { "tanpa atasan".to_owned() } else { input.supervisors.join(", ") };
    [
        crate::audit::entry(&viewer.session, action, &input.code, &detail, None),
        crate::audit::entry(&viewer.session, "supervisor_appoint", &input.code, &appointed, None),
    ]
}

async fn one(state: &AppState, session: &Session, code: &str) -> Result<Unit, ApiError> {
    let tree = state.db.org_tree().await?;
    let viewer = Viewer { scope: Scope::Everything, tree, session: session.clone() };
    list(state, &viewer).await?.into_iter().find(|u| u.code == code).ok_or_else(|| ApiError::Missing(format!("unit {code}")))
}
