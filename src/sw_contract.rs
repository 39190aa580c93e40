//! What the service worker (public/sw.js) shares with the app, defined here once: the build's
//! post-build hook (scripts/sw-contract.mjs) reads these lines and writes each `CONTRACT.NAME` of
//! sw.js as the value below, so the worker cannot drift from the app. Keep each a one-line
//! `pub const NAME: type = literal;` (text or a whole number): that is all the hook reads.
//! The sync protocol's own values (version, batch size, paths) come from lentera-protocol's lib.rs.

/// The IndexedDB database of the app; tests open uniquely named ones.
pub const DB_NAME: &str = "lentera";
/// Every learner action, as recorded on this device (key: event id).
pub const EVENTS: &str = "events";
/// Events not yet acknowledged by the server, by `pending == 1`.
pub const EVENTS_PENDING: &str = "by_pending";
/// Small settings and facts about this installation (out-of-line string keys).
pub const META: &str = "meta";
/// The meta key of the session made at login.
pub const SESSION_KEY: &str = "session";
/// The meta key set when the server ended the session.
pub const ENDED_KEY: &str = "session_ended";
/// The meta key of this installation's device id.
pub const DEVICE_ID_KEY: &str = "device_id";
/// The Background Sync tag, the cross-tab lock's name and the worker's "sync now" message to pages.
pub const SYNC_TAG: &str = "lentera-sync";
/// The page's message that lets a waiting worker take over.
pub const SKIP_WAITING: &str = "skip-waiting";
/// How pushes are compressed (`Content-Encoding`), by the browser's `CompressionStream`.
pub const PUSH_ENCODING: &str = "gzip";
/// The learner's ledger; the worker keeps the certificate pages it names as it passes.
pub const LEDGER_PATH: &str = "/api/ledger/me";
/// Where a certificate's public page lives (`/verifikasi/{number}`), kept by the worker for offline days.
pub const CERTIFICATE_PAGE: &str = "/verifikasi/";
/// The app's ask for the packs to hold, at each signed-in sync; the worker keeps the on-demand pages then too.
pub const PREFETCH_PATH: &str = "/api/prefetch/mine";
