//! The catalogue and the course packs a device downloads for offline use.

use crate::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lentera_protocol::{ApiErrorBody, Catalogue, CoursePack};

#[utoipa::path(get, path = "/courses", tag = "courses",
    responses((status = 200, description = "Every course on offer, with its download size and content hash", body = Catalogue)))]
pub async fn catalogue(State(state): State<AppState>) -> Json<Catalogue> {
    Json(Catalogue { courses: state.library.packs.values().map(|p| p.summary.clone()).collect() })
}

#[utoipa::path(get, path = "/courses/{id}/pack", tag = "courses",
    params(("id" = String, Path, description = "Course id")),
    responses(
        (status = 200, description = "The whole course; brotli when accepted; ETag is the content hash", body = CoursePack),
        (status = 304, description = "The device already holds this version"),
        (status = 404, description = "No such course", body = ApiErrorBody),
    ))]
pub async fn pack(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    let built = state.library.packs.get(&id).ok_or_else(|| ApiError::NotFound(format!("/api/courses/{id}/pack")))?;
    let etag = format!("\"{}\"", built.summary.hash);
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| ApiError::Internal(Box::new(e)))?;
    let cache = HeaderValue::from_static("no-cache");
    if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v.as_bytes() == etag.as_bytes()) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)]).into_response());
    }
    let accepts_brotli = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|name| name.trim() == "br")));
    let mut response = if accepts_brotli {
        let mut r = Response::new(Body::from(built.brotli.clone()));
        r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        r
    } else {
        Response::new(Body::from(built.json.clone()))
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(header::ETAG, etag_value);
    h.insert(header::CACHE_CONTROL, cache);
    Ok(response)
}
