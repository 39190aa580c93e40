//! Evidence for a learning-log entry (docs/activities.md): a photo or PDF the phone uploads under
//! an id it made, read back by its owner, the owner's supervisors and admins over them.

use crate::access::Viewer;
use crate::db::learning_log::Stored;
use crate::error::ApiError;
use crate::session::Session;
use crate::{AppState, now_ms};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use lentera_protocol::ApiErrorBody;
use lentera_protocol::activity::{EVIDENCE_TYPES, MAX_EVIDENCE_BYTES};

/// Most evidence files one learner keeps on the server (3 per entry over a busy year).
pub const MAX_FILES_PER_LEARNER: i64 = 200;

/// Longest evidence id.
const MAX_ID_LEN: usize = 64;

/// An id made on the phone: 1-64 letters, digits, `-` or `_`.
fn check_id(id: &str) -> Result<(), ApiError> {
    let fine = !id.is_empty() && id.len() <= MAX_ID_LEN && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fine {
        Ok(())
    } else {
        Err(ApiError::InvalidRequest(format!("the evidence id must be 1 to {MAX_ID_LEN} letters, digits, `-` or `_`; make a new id on the phone")))
    }
}

/// The first bytes every file of `content_type` starts with.
fn signature(content_type: &str) -> &'static [u8] {
    match content_type {
        "image/jpeg" => b"\xff\xd8\xff",
        "image/png" => b"\x89PNG\r\n\x1a\n",
        _ => b"%PDF-",
    }
}

fn megabytes(bytes: usize) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

fn too_large() -> ApiError {
    ApiError::FileTooLarge(format!(
        "an evidence file may be at most {} ({MAX_EVIDENCE_BYTES} bytes); shrink the photo or send a smaller PDF. Nothing was stored",
        megabytes(MAX_EVIDENCE_BYTES)
    ))
}

/// The declared type when it is one the server keeps.
fn content_type(headers: &HeaderMap) -> Result<&'static str, ApiError> {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()).map(|v| v.trim().to_ascii_lowercase());
    let found = declared.as_deref().and_then(|d| EVIDENCE_TYPES.iter().copied().find(|t| *t == d));
    found.ok_or_else(|| {
        ApiError::WrongType(format!(
            "evidence must be a photo or a PDF sent with Content-Type {}, not `{}`",
            EVIDENCE_TYPES.join(", "),
            declared.unwrap_or_default()
        ))
    })
}

/// Reads the body, refusing as soon as it passes `MAX_EVIDENCE_BYTES` (nothing more is read).
async fn read_limited(headers: &HeaderMap, body: Body) -> Result<Vec<u8>, ApiError> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_EVIDENCE_BYTES as u64) {
        return Err(too_large());
    }
    let mut out = Vec::with_capacity(declared.map_or(64 * 1024, |n| n as usize));
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| ApiError::InvalidRequest(format!("could not read the file: {e}; send it again")))?;
        if out.len() + chunk.len() > MAX_EVIDENCE_BYTES {
            return Err(too_large());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

#[utoipa::path(put, path = "/evidence/{id}", tag = "learning log",
    params(("id" = String, Path, description = "The file's id, made on the phone: 1-64 letters, digits, `-` or `_`")),
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "The file itself: image/jpeg, image/png or application/pdf, at most 2 MB"),
    responses(
        (status = 201, description = "The file is kept"),
        (status = 200, description = "The caller sent this id before: the first copy stays"),
        (status = 400, description = "An id that is not one, or an empty file", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 409, description = "Another person's file has this id", body = ApiErrorBody),
        (status = 413, description = "The file is over 2 MB; nothing was stored", body = ApiErrorBody),
        (status = 415, description = "Not a JPEG, PNG or PDF (by its Content-Type or its first bytes)", body = ApiErrorBody),
        (status = 422, description = "The caller keeps the most files allowed", body = ApiErrorBody),
    ))]
pub async fn put(State(state): State<AppState>, session: Session, Path(id): Path<String>, headers: HeaderMap, body: Body) -> Result<StatusCode, ApiError> {
    check_id(&id)?;
    let content_type = content_type(&headers)?;
    let bytes = read_limited(&headers, body).await?;
    if bytes.is_empty() {
        return Err(ApiError::InvalidRequest("the file is empty; send the photo or PDF itself".into()));
    }
    if !bytes.starts_with(signature(content_type)) {
        return Err(ApiError::WrongType(format!("the file does not look like {content_type}; send a JPEG or PNG photo or a PDF with its own type")));
    }
    let learner = session.learner.id;
    if let Some(kept) = state.db.evidence(&id).await? {
        return if kept.learner_id == learner { Ok(StatusCode::OK) } else { Err(taken()) };
    }
    let (files, _) = state.db.evidence_usage(learner).await?;
    if files >= MAX_FILES_PER_LEARNER {
        return Err(ApiError::Unprocessable(format!("you keep {MAX_FILES_PER_LEARNER} evidence files here already, the most allowed; ask your admin")));
    }
    match state.db.put_evidence(&id, learner, content_type, &bytes, now_ms()).await? {
        Stored::New => Ok(StatusCode::CREATED),
        Stored::Again => Ok(StatusCode::OK),
        Stored::Taken => Err(taken()),
    }
}

fn taken() -> ApiError {
    ApiError::Conflict("another file has this id; make a new id on the phone and send it again".into())
}

#[utoipa::path(get, path = "/evidence/{id}", tag = "learning log",
    params(("id" = String, Path, description = "The file's id")),
    responses(
        (status = 200, description = "The file with its type; a PDF comes as an attachment", content_type = "application/octet-stream"),
        (status = 400, description = "An id that is not one", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such file, or not the caller's, nor of someone in their units", body = ApiErrorBody),
    ))]
pub async fn get(State(state): State<AppState>, session: Session, Path(id): Path<String>) -> Result<Response, ApiError> {
    check_id(&id)?;
    let hidden = || ApiError::Missing(format!("there is no evidence file {id} you may see"));
    let file = state.db.evidence(&id).await?.ok_or_else(hidden)?;
    if file.learner_id != session.learner.id {
        let viewer = Viewer::of(&state, session).await?;
        if viewer.require_supervisor().is_err() || !viewer.scope.contains(file.unit_id) {
            return Err(hidden());
        }
    }
    let extension = match file.content_type.as_str() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "pdf",
    };
    let kind = if extension == "pdf" { "attachment" } else { "inline" };
    let disposition = format!("{kind}; filename=\"bukti-{id}.{extension}\"");
    let mut response = (StatusCode::OK, file.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(&file.content_type).map_err(|e| ApiError::Internal(Box::new(e)))?);
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(|e| ApiError::Internal(Box::new(e)))?);
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}
