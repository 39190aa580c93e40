//! Serves the built app: precompressed files, cache rules by file kind, client routes fall back to index.html.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use lentera_protocol::console::{Bundle, bundle_of};
use std::convert::Infallible;
use std::sync::Arc;
use tower::{Service, ServiceExt};
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
const SHORT: &str = "public, max-age=86400";

pub fn router(dist: &Path) -> Router {
    // The supervisors' console is its own small app (dist/konsol), so the learner's download stays lean.
    let console = dist.join("konsol");
    let console_files = ServeDir::new(&console).precompressed_br().precompressed_gzip().fallback(console_pages(&console));
    // The survey and plan (dist/rencana), loaded only when the learner opens them.
    let plan = dist.join("rencana");
    let plan_index = ServeFile::new(plan.join("index.html")).precompressed_br().precompressed_gzip();
    let plan_files = ServeDir::new(&plan).precompressed_br().precompressed_gzip().fallback(plan_index);
    // Trainings and the learning log (dist/kegiatan), loaded the same way.
    let activity = dist.join("kegiatan");
    let activity_index = ServeFile::new(activity.join("index.html")).precompressed_br().precompressed_gzip();
    let activity_files = ServeDir::new(&activity).precompressed_br().precompressed_gzip().fallback(activity_index);
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(index);
    Router::new()
        .nest_service(lentera_protocol::CONSOLE_PATH, console_files)
        .nest_service(lentera_protocol::PLAN_PATH, plan_files)
        .nest_service(lentera_protocol::ACTIVITY_PATH, activity_files)
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn(missing_file))
}

/// A console page's index.html, from the bundle that carries the page (lentera_protocol::console);
/// a bundle not built falls back to the core's, which says "not found" instead of looping.
fn console_pages(console: &Path) -> impl Service<Request, Response = Response<ServeFileSystemResponseBody>, Error = Infallible, Future: Send + 'static> + Clone + Send + Sync + 'static {
    let index = |bundle: Bundle| {
        let dir = console.join(bundle.dir());
        let dir = if dir.join("index.html").exists() { dir } else { console.to_path_buf() };
        ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip()
    };
    let files = Arc::new((index(Bundle::Core), index(Bundle::Develop), index(Bundle::Evaluate)));
    tower::service_fn(move |request: Request| {
        // Nested under /konsol, the request's path has lost that prefix.
        let file = match bundle_of(&format!("{}{}", lentera_protocol::CONSOLE_PATH, request.uri().path())) {
            Bundle::Core => files.0.clone(),
            Bundle::Develop => files.1.clone(),
            Bundle::Evaluate => files.2.clone(),
        };
        async move { file.oneshot(request).await }
    })
}

/// A missing file (`/robots.txt`, `/favicon.ico`) is a 404, not the app's page: only paths without
/// a file extension are client routes that fall back to index.html.
async fn missing_file(request: Request, next: Next) -> Response {
    let wants_file = looks_like_file(request.uri().path());
    let response = next.run(request).await;
    let is_html = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if wants_file && is_html {
        return (axum::http::StatusCode::NOT_FOUND, "Not found\n").into_response();
    }
    response
}

fn looks_like_file(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.rsplit_once('.').is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty() && ext != "html")
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if is_html {
        REVALIDATE
    } else {
        cache_policy(&path)
    };
    if response.status().is_success() || response.status().as_u16() == 304 {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Hashed build outputs never change; everything a new release must replace is revalidated.
pub fn cache_policy(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if is_hashed_asset(name) {
        IMMUTABLE
    } else if name.ends_with(".png") || name.ends_with(".svg") || name.ends_with(".webp") {
        SHORT
    } else {
        REVALIDATE
    }
}

/// Trunk names outputs `stem-<hex hash>.ext` or `stem-<hex hash>_bg.wasm`.
fn is_hashed_asset(name: &str) -> bool {
    let Some((stem, _ext)) = name.rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else { return false };
    (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_extensionless_paths_are_client_routes() {
        assert!(looks_like_file("/robots.txt"));
        assert!(looks_like_file("/icons/missing.png"));
        assert!(!looks_like_file("/kursus/keamanan-digital"));
        assert!(!looks_like_file("/konsol/staf/198503122010012002"));
        assert!(!looks_like_file("/index.html"));
        assert!(!looks_like_file("/.well-known/"));
    }

    #[test]
    fn hashed_wasm_js_and_css_are_immutable() {
        assert_eq!(cache_policy("/lentera-3f2a9c1b7d4e5f60_bg.wasm"), IMMUTABLE);
        assert_eq!(cache_policy("/lentera-3f2a9c1b7d4e5f60.js"), IMMUTABLE);
        assert_eq!(cache_policy("/main-a1b2c3d4e5f6a7b8.css"), IMMUTABLE);
    }

    #[test]
    fn shell_files_are_revalidated() {
        assert_eq!(cache_policy("/sw.js"), REVALIDATE);
        assert_eq!(cache_policy("/manifest.webmanifest"), REVALIDATE);
        assert_eq!(cache_policy("/index.html"), REVALIDATE);
        assert_eq!(cache_policy("/lentera-logo.js"), REVALIDATE);
    }

    #[test]
    fn icons_are_cached_for_a_day() {
        assert_eq!(cache_policy("/icons/icon-192.png"), SHORT);
    }
}
