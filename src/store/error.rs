//! What can go wrong with on-device storage, in terms the UI can explain.

use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use std::cell::Cell;

thread_local! {
    /// A write failed for lack of space, and no course has been saved since (the supervisor's warning).
    static FAILED_FOR_SPACE: Cell<bool> = const { Cell::new(false) };
}

/// Whether a write has failed for lack of space and no course download has succeeded since.
pub fn failed_for_space() -> bool {
    FAILED_FOR_SPACE.with(Cell::get)
}

pub(super) fn space_recovered() {
    FAILED_FOR_SPACE.with(|flag| flag.set(false));
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The browser gives no IndexedDB (some private modes do this).
    #[error("this browser does not allow offline storage here")]
    Unavailable,
    /// The device (or the browser's quota for us) is full.
    #[error("storage is full")]
    QuotaExceeded,
    /// Another tab holds an older version of the database open.
    #[error("another Lentera tab blocks the storage upgrade")]
    Blocked,
    /// A stored record could not be read back as the expected type.
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("storage error: {0}")]
    Other(String),
}

impl From<IdbError> for StoreError {
    fn from(err: IdbError) -> Self {
        match err {
            IdbError::DomException(dom) => from_dom(&dom),
            IdbError::Serialisation(e) => StoreError::Corrupt(e.to_string()),
            other => StoreError::Other(other.to_string()),
        }
    }
}

impl From<OpenDbError> for StoreError {
    fn from(err: OpenDbError) -> Self {
        match err {
            OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => StoreError::Unavailable,
            OpenDbError::Base(e) => e.into(),
            other => StoreError::Other(other.to_string()),
        }
    }
}

fn from_dom(dom: &DomException) -> StoreError {
    let sys: web_sys::DomException = dom.clone().into();
    match sys.name().as_str() {
        "QuotaExceededError" => {
            FAILED_FOR_SPACE.with(|flag| flag.set(true));
            StoreError::QuotaExceeded
        }
        name => StoreError::Other(format!("{name}: {}", sys.message())),
    }
}
