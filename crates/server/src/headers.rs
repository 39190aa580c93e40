//! Security headers on every answer: the pages run under a strict Content-Security-Policy.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// What the two apps need and nothing more: their own scripts (no inline script, the build hook
/// moves Trunk's loader into a file), wasm compiled without `eval`, the service worker, and calls
/// back to this server only.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// API answers are data, never a page: nothing may run or load from them.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

pub async fn security_headers(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with(lentera_protocol::API_PREFIX);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Static files keep the app's policy: the service worker runs under its own script's header.
    let csp = if is_api { API_CSP } else { CSP };
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    response
}
