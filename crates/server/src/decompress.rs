//! Request bodies may come gzip-compressed (`Content-Encoding: gzip`): phones push over slow,
//! metered uplinks. tower-http inflates them only as the handler reads the body (so a push without
//! a valid session is never inflated), and the 1 MiB body limit (`DefaultBodyLimit`, applied by
//! the extractor) counts inflated bytes: a small gzip bomb is refused with 413 once 1 MiB has come
//! out, not inflated to a gigabyte. One gzip member only; bytes after it are a 400. Any other
//! coding is refused here with a JSON 415, before tower-http's bare one.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::header::CONTENT_ENCODING;
use axum::middleware::Next;
use axum::response::Response;

pub use tower_http::decompression::RequestDecompressionLayer;

/// Lets a body through when it is uncompressed or gzip; anything else is a 415 naming the coding.
pub async fn only_gzip(request: Request, next: Next) -> Result<Response, ApiError> {
    match request.headers().get(CONTENT_ENCODING).map(|v| v.as_bytes()) {
        None | Some(b"gzip" | b"identity") => Ok(next.run(request).await),
        Some(other) => Err(ApiError::UnsupportedEncoding(String::from_utf8_lossy(other).into_owned())),
    }
}
