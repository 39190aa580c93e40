//! Slow clients cannot hold the server: request heads must arrive within a time limit (an idle
//! keep-alive connection waiting for its next head is closed the same way), and a request body,
//! once a handler starts reading it, must be complete within another, or the answer is a 408.

use crate::error::ApiError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

/// How long a client may take (docs/security.md, "Slow clients").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// From the connection being ready for a request until its head (request line and headers) is in;
    /// also how long an idle keep-alive connection stays open.
    pub header: Duration,
    /// From a handler's first read of the body until its last byte: a 1 MiB push at 2G speed fits.
    pub body: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { header: Duration::from_secs(20), body: Duration::from_secs(60) }
    }
}

/// Middleware: wraps the request body in [`Deadline`] and answers 408 if it fired.
pub async fn body_deadline(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    let fired = Arc::new(AtomicBool::new(false));
    let request = request.map(|body| Body::new(Deadline { inner: body, limit, sleep: None, fired: fired.clone() }));
    let response = next.run(request).await;
    if fired.load(Ordering::Relaxed) {
        let mut refused = ApiError::BodyTimeout { limit_s: limit.as_secs() }.into_response();
        // What is left of the body is never read: the connection cannot carry another request.
        refused.headers_mut().insert(axum::http::header::CONNECTION, axum::http::HeaderValue::from_static("close"));
        return refused;
    }
    response
}

/// A body that fails once `limit` has passed since it was first polled (the clock starts when a
/// handler reads it, so time spent waiting for a push slot does not count against the phone).
struct Deadline {
    inner: Body,
    limit: Duration,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    fired: Arc<AtomicBool>,
}

#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
struct TooSlow;

impl http_body::Body for Deadline {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let limit = self.limit;
        let sleep = self.sleep.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        if sleep.as_mut().poll(cx).is_ready() {
            self.fired.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err(axum::Error::new(TooSlow))));
        }
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Serves `app` on `listener` over HTTP/1.1 with the head timeout, until `shutdown` resolves; then
/// lets in-flight requests finish. The peer address goes into each request for `ConnectInfo`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    timeouts: Timeouts,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(timeouts.header);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app.clone().map_request(move |mut request: Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            request.map(Body::new)
        });
        let connection = builder.serve_connection(TokioIo::new(stream), hyper_util::service::TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, "connection ended");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
