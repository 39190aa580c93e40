//! One error type for the whole API: a status code and a JSON body a client can show.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lentera_protocol::{ApiErrorBody, ApiErrorDetail};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    InvalidJson(String),
    #[error("{0}")]
    InvalidRequest(String),
    #[error("the request body is over {limit} bytes (counted uncompressed); send fewer events per batch")]
    TooLarge { limit: usize },
    #[error("send the body as JSON with the header Content-Type: application/json")]
    UnsupportedMediaType,
    /// A body of a type the route does not take (e.g. evidence that is not a photo or PDF).
    #[error("{0}")]
    WrongType(String),
    /// A body over a route's own limit (e.g. an evidence file), with what to do.
    #[error("{0}")]
    FileTooLarge(String),
    #[error("the server reads request bodies sent with Content-Encoding gzip or none, not `{0}`; send the body gzip-compressed or uncompressed")]
    UnsupportedEncoding(String),
    #[error("this app speaks sync protocol {client}, the server needs {server}: update the app (reload it while online)")]
    ClientTooOld { client: u16, server: u16 },
    #[error("no such API path: {0}")]
    NotFound(String),
    /// A person, unit or assignment that does not exist, or not among the caller's units.
    #[error("{0}")]
    Missing(String),
    /// A well-formed request that breaks a rule (e.g. an import file with errors).
    #[error("{0}")]
    Unprocessable(String),
    /// The thing asked for is not in a state that allows it (e.g. no submitted plan to validate).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unauthorized(String),
    /// A token rotated out came back after its successor was used: the session was ended.
    #[error("this session was ended because an old copy of its key was used (on another device or by someone else); log in again with NIP and password")]
    SessionReused,
    /// A console session idle too long or older than a working day.
    #[error("this console session expired (idle too long or open since morning); log in again")]
    SessionExpired,
    #[error("{0}")]
    Forbidden(String),
    #[error("{}", wait_message(*retry_after_s))]
    TooManyAttempts { retry_after_s: u64 },
    #[error("the request body did not arrive within {limit_s} seconds; try again on a better connection")]
    BodyTimeout { limit_s: u64 },
    #[error("this API path does not accept that method")]
    MethodNotAllowed,
    /// Internal failures keep their cause for the log only.
    #[error("the server could not finish the request; nothing was changed, try again later")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidJson(_) | ApiError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge { .. } | ApiError::FileTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::WrongType(_) | ApiError::UnsupportedMediaType | ApiError::UnsupportedEncoding(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::ClientTooOld { .. } => StatusCode::UPGRADE_REQUIRED,
            ApiError::NotFound(_) | ApiError::Missing(_) => StatusCode::NOT_FOUND,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unauthorized(_) | ApiError::SessionReused | ApiError::SessionExpired => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::InvalidJson(_) => "invalid_json",
            ApiError::InvalidRequest(_) => "invalid_request",
            ApiError::TooLarge { .. } | ApiError::FileTooLarge(_) => "too_large",
            ApiError::WrongType(_) | ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::UnsupportedEncoding(_) => "unsupported_encoding",
            ApiError::ClientTooOld { .. } => "client_too_old",
            ApiError::NotFound(_) | ApiError::Missing(_) => "not_found",
            ApiError::Unprocessable(_) => "unprocessable",
            ApiError::Conflict(_) => "conflict",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::SessionReused => "session_reused",
            ApiError::SessionExpired => "session_expired",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::TooManyAttempts { .. } => "too_many_attempts",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::BodyTimeout { .. } => "body_timeout",
            ApiError::Internal(_) => "internal",
        }
    }

    /// Whether the same request may succeed later; drives the client's retry.
    pub fn retryable(&self) -> bool {
        matches!(self, ApiError::Internal(_) | ApiError::TooManyAttempts { .. } | ApiError::BodyTimeout { .. })
    }

    pub fn body(&self) -> ApiErrorBody {
        ApiErrorBody {
            error: ApiErrorDetail {
                code: self.code().to_owned(),
                message: self.to_string(),
                retryable: self.retryable(),
            },
        }
    }
}

/// The 429 sentence: when to try again, in Bahasa Indonesia first, then English.
fn wait_message(seconds: u64) -> String {
    let (id, en) = if seconds < 120 {
        (format!("{seconds} detik"), format!("{seconds} seconds"))
    } else {
        let minutes = seconds.div_ceil(60);
        (format!("{minutes} menit"), format!("{minutes} minutes"))
    };
    format!("Terlalu banyak percobaan yang gagal. Coba lagi {id} lagi. (Too many failed attempts; try again in {en}.)")
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::Internal(Box::new(err))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(error = %cause, "request failed");
        }
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        if let ApiError::TooManyAttempts { retry_after_s } = self {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after_s.into());
        }
        response
    }
}
