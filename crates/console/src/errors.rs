//! API failures in the console's language. The server's messages are English sentences for
//! developers; the alert shows one sentence per (what the user was doing, status or code) instead,
//! and keeps the server's message as a smaller detail line only where it carries the specifics
//! (a `400` or `422`, which name the field or the file's line, and a `404` that names a field).

use crate::i18n::{Key, Lang, fill, text};

/// What the user was doing, read from the API path the failed call went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Login,
    Activate,
    Dashboard,
    Person,
    Assignments,
    Units,
    Import,
    /// The competency framework (admins change it).
    Framework,
    /// Changing one's own password.
    Password,
    /// An admin's reset of someone's access, and the change log.
    Access,
    /// Trainings and their partners.
    Trainings,
    /// The learning log: the review queue, confirming or returning, evidence, internships.
    Log,
    /// Innovation ideas: the review queue, judging, rounds and their results.
    Ideas,
    Other,
}

impl Context {
    pub fn of(path: &str) -> Context {
        let path = path.split('?').next().unwrap_or(path);
        let under = |prefix: &str| path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(['/', '.']));
        if path == "/api/auth/login" {
            Context::Login
        } else if path == "/api/auth/activate" {
            Context::Activate
        } else if path == "/api/auth/password" {
            Context::Password
        } else if under("/api/admin/people") || under("/api/admin/audit") {
            Context::Access
        } else if under("/api/admin/import") {
            Context::Import
        } else if under("/api/framework") {
            Context::Framework
        } else if under("/api/org/units") {
            Context::Units
        } else if under("/api/assignments") {
            Context::Assignments
        } else if under("/api/staff") || under("/api/akpk/staff") {
            Context::Person
        } else if under("/api/log") || under("/api/evidence") || under("/api/internships") {
            Context::Log
        } else if under("/api/dashboard") {
            Context::Dashboard
        } else if under("/api/trainings") || under("/api/partners") {
            Context::Trainings
        } else if under("/api/ideas") {
            Context::Ideas
        } else {
            Context::Other
        }
    }
}

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No answer at all: offline, the server down, or the request blocked.
    Network,
    /// An answer outside 2xx; `code` and `message` from the API's error body (empty without one).
    Status { status: u16, code: String, message: String, retry_after_s: Option<u64> },
    /// A success whose body this console could not read (a server of another version).
    Unreadable,
}

/// A failed call as the alert keeps it; its text is made again whenever the language changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub context: Context,
    pub failure: Failure,
}

/// What the alert shows: a sentence, and perhaps the server's own words below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub detail: Option<String>,
}

impl Problem {
    pub fn new(path: &str, failure: Failure) -> Problem {
        Problem { context: Context::of(path), failure }
    }

    /// Whether the session is over: a `401` anywhere but on the login and activation forms,
    /// where it means a wrong password or code.
    pub fn ends_session(&self) -> bool {
        matches!(self.failure, Failure::Status { status: 401, .. }) && !matches!(self.context, Context::Login | Context::Activate)
    }

    pub fn notice(&self, lang: Lang) -> Notice {
        let t = |key| text(lang, key).to_owned();
        let (status, code, message, retry_after_s) = match &self.failure {
            Failure::Network => return Notice { text: t(Key::NetworkError), detail: None },
            Failure::Unreadable => return Notice { text: t(Key::ErrUnreadable), detail: None },
            Failure::Status { status, code, message, retry_after_s } => (*status, code.as_str(), message.trim(), *retry_after_s),
        };
        let key = match key_for(self.context, status, code) {
            Key::ErrWaitLater => wait_key(retry_after_s),
            key => key,
        };
        let text = match key {
            Key::ErrWaitSeconds | Key::ErrWaitMinutes => {
                let seconds = retry_after_s.unwrap_or(0);
                let n = if key == Key::ErrWaitSeconds { seconds } else { seconds.div_ceil(60) };
                fill(text(lang, key), &[("n", &n.to_string())])
            }
            Key::ErrHttp => fill(text(lang, key), &[("n", &status.to_string())]),
            _ => t(key),
        };
        let names_field = message.contains("field `");
        let specific = matches!(status, 400 | 422) || (status == 404 && names_field);
        let detail = (specific && !message.is_empty()).then(|| message.to_owned());
        Notice { text, detail }
    }
}

/// The sentence for a status (or, when the status says little, the code) in a context.
fn key_for(context: Context, status: u16, code: &str) -> Key {
    use Context as C;
    match (status, code) {
        (429, _) | (_, "too_many_attempts") => Key::ErrWaitLater,
        (401, _) => match (context, code) {
            (C::Login, _) => Key::ErrLoginWrong,
            (C::Activate, _) => Key::ErrActivateWrong,
            (_, "session_expired") => Key::SessionExpired,
            (_, "session_reused") => Key::SessionReused,
            _ => Key::SessionEnded,
        },
        (403, _) => match context {
            C::Password => Key::ErrCurrentPasswordWrong,
            C::Units | C::Import | C::Access | C::Framework => Key::ErrAdminOnly,
            _ => Key::ErrSupervisorOnly,
        },
        (404, _) => match context {
            C::Person | C::Access => Key::ErrPersonMissing,
            C::Assignments => Key::ErrAssignmentMissing,
            C::Units => Key::ErrUnitRefMissing,
            C::Dashboard => Key::ErrUnitMissing,
            C::Trainings => Key::ErrTrainingMissing,
            _ => Key::ErrNotFound,
        },
        (422, _) => match context {
            C::Import | C::Framework => Key::ErrImportHasErrors,
            C::Units => Key::ErrUnitRefused,
            _ => Key::ErrUnprocessable,
        },
        (400, _) => match context {
            C::Assignments => Key::ErrCheckAssignment,
            C::Units => Key::ErrCheckUnit,
            _ => Key::ErrCheckForm,
        },
        (413, _) => match context {
            C::Import => Key::ErrFileTooLarge,
            _ => Key::ErrTooLarge,
        },
        (409, _) if context == C::Trainings => Key::ErrNameTaken,
        (409, _) => match context {
            C::Log => Key::ErrLogNotWaiting,
            C::Person => Key::ErrNoPlanWaiting,
            C::Ideas => Key::ErrIdeaStage,
            _ => Key::ErrConflict,
        },
        (405 | 415 | 426, _) => Key::ErrReload,
        (500..=599, _) => Key::ErrServer,
        _ => Key::ErrHttp,
    }
}

/// The 429 key for a wait of `seconds`: seconds below two minutes, whole minutes above.
fn wait_key(seconds: Option<u64>) -> Key {
    match seconds {
        None | Some(0) => Key::ErrWaitLater,
        Some(s) if s < 120 => Key::ErrWaitSeconds,
        Some(_) => Key::ErrWaitMinutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, code: &str, message: &str) -> Failure {
        Failure::Status { status, code: code.into(), message: message.into(), retry_after_s: None }
    }

    fn say(path: &str, failure: Failure) -> Notice {
        Problem::new(path, failure).notice(Lang::Id)
    }

    #[test]
    fn contexts_come_from_the_api_path() {
        assert_eq!(Context::of("/api/auth/login"), Context::Login);
        assert_eq!(Context::of("/api/auth/activate"), Context::Activate);
        assert_eq!(Context::of("/api/auth/logout"), Context::Other);
        assert_eq!(Context::of("/api/admin/import/preview"), Context::Import);
        assert_eq!(Context::of("/api/admin/import"), Context::Import);
        assert_eq!(Context::of("/api/org/units/SBG-KOMINFO"), Context::Units);
        assert_eq!(Context::of("/api/assignments/42"), Context::Assignments);
        assert_eq!(Context::of("/api/staff/198503122010012002/ledger.csv?year=2026"), Context::Person);
        assert_eq!(Context::of("/api/dashboard.csv?unit=SBG-SETDA"), Context::Dashboard);
        assert_eq!(Context::of("/api/akpk/staff/198503122010012002/plan/validate"), Context::Person);
        assert_eq!(Context::of("/api/dashboard?unit=X"), Context::Dashboard);
        assert_eq!(Context::of("/api/dashboards"), Context::Other);
        assert_eq!(Context::of("/api/courses"), Context::Other);
        assert_eq!(Context::of("/api/trainings/4/attendance"), Context::Trainings);
        assert_eq!(Context::of("/api/partners/2"), Context::Trainings);
        assert_eq!(Context::of("/api/auth/password"), Context::Password);
        assert_eq!(Context::of("/api/admin/people/198503122010012002/reset"), Context::Access);
        assert_eq!(Context::of("/api/admin/audit"), Context::Access);
        assert_eq!(Context::of("/api/framework/competencies/DIG-01"), Context::Framework);
        assert_eq!(Context::of("/api/framework/requirements.csv"), Context::Framework);
    }

    #[test]
    fn a_wrong_login_or_code_is_said_in_the_users_language_and_keeps_the_session() {
        let wrong = status(401, "unauthorized", "NIP or password is wrong; check both and try again");
        let login = Problem::new("/api/auth/login", wrong.clone());
        assert_eq!(login.notice(Lang::Id), Notice { text: "NIP atau kata sandi salah. Periksa keduanya, lalu coba lagi.".into(), detail: None });
        assert_eq!(login.notice(Lang::En).text, "NIP or password is wrong. Check both, then try again.");
        assert!(!login.ends_session());
        let activate = Problem::new("/api/auth/activate", wrong.clone());
        assert!(activate.notice(Lang::Id).text.starts_with("NIP atau kode aktivasi salah"));
        assert!(!activate.ends_session());
        let elsewhere = Problem::new("/api/dashboard", status(401, "unauthorized", "this session has ended (signed out or revoked); log in again"));
        assert!(elsewhere.ends_session());
        assert_eq!(elsewhere.notice(Lang::Id).text, text(Lang::Id, Key::SessionEnded));
        assert_eq!(elsewhere.notice(Lang::Id).detail, None);
        let idle = Problem::new("/api/dashboard", status(401, "session_expired", "this console session expired"));
        assert!(idle.ends_session());
        assert!(idle.notice(Lang::Id).text.starts_with("Sesi konsol berakhir karena lama tidak dipakai"));
        let reused = Problem::new("/api/staff/198503122010012002", status(401, "session_reused", "an old copy was used"));
        assert!(reused.ends_session());
        assert!(reused.notice(Lang::Id).text.starts_with("Sesi ini dihentikan demi keamanan"));
        let current = Problem::new("/api/auth/password", status(403, "forbidden", "field `current_password`: wrong"));
        assert_eq!(current.notice(Lang::Id).text, "Kata sandi saat ini salah. Periksa lalu coba lagi.");
        assert!(!current.ends_session(), "a wrong current password keeps the console signed in");
    }

    #[test]
    fn too_many_attempts_says_how_long_to_wait_from_retry_after() {
        let wait = |s| Failure::Status { status: 429, code: "too_many_attempts".into(), message: "too many failed logins".into(), retry_after_s: s };
        assert_eq!(say("/api/auth/login", wait(Some(40))).text, "Terlalu banyak percobaan yang gagal; tunggu 40 detik, lalu coba lagi.");
        assert_eq!(say("/api/auth/login", wait(Some(119))).text, "Terlalu banyak percobaan yang gagal; tunggu 119 detik, lalu coba lagi.");
        assert_eq!(say("/api/auth/login", wait(Some(601))).text, "Terlalu banyak percobaan yang gagal; tunggu 11 menit, lalu coba lagi.");
        assert_eq!(say("/api/auth/activate", wait(None)).text, "Terlalu banyak percobaan yang gagal; tunggu sebentar, lalu coba lagi.");
        let en = Problem::new("/api/auth/login", wait(Some(5))).notice(Lang::En);
        assert_eq!(en, Notice { text: "Too many failed attempts; wait 5 seconds, then try again.".into(), detail: None });
    }

    #[test]
    fn refusals_name_who_may_and_hide_the_servers_english() {
        let forbidden = status(403, "forbidden", "only an administrator may manage units and staff");
        assert_eq!(say("/api/org/units", forbidden.clone()), Notice { text: text(Lang::Id, Key::ErrAdminOnly).into(), detail: None });
        assert_eq!(say("/api/admin/import/preview", forbidden.clone()).text, text(Lang::Id, Key::ErrAdminOnly));
        assert!(say("/api/dashboard", forbidden).text.starts_with("Hanya atasan dan admin"));
        let missing = status(404, "not_found", "there is no staff member 198503122010012002 among your units");
        assert_eq!(say("/api/staff/198503122010012002", missing.clone()), Notice { text: "Pegawai ini tidak ditemukan di unit Anda.".into(), detail: None });
        assert!(say("/api/assignments/7", missing.clone()).text.starts_with("Penugasan ini tidak ditemukan di unit Anda"));
        assert_eq!(say("/api/courses", missing).text, "Tidak ditemukan di unit Anda.");
    }

    #[test]
    fn field_and_line_errors_keep_the_servers_words_as_detail() {
        let due = "field `due_date`: give a date from today (2026-11-23) on, as YYYY-MM-DD";
        let n = say("/api/assignments", status(400, "invalid_request", due));
        assert_eq!(n, Notice { text: "Periksa isian penugasan.".into(), detail: Some(due.into()) });
        let code = "field `code`: use 1-40 capital letters, digits and dashes, e.g. SBG-KOMINFO";
        assert_eq!(say("/api/org/units", status(400, "invalid_request", code)).text, "Periksa isian unit.");
        assert_eq!(say("/api/org/units", status(400, "invalid_request", code)).detail.as_deref(), Some(code));
        let lines = "the file has 2 error(s), first on line 3: NIP tidak sah; nothing was imported. Fix the file and preview it again";
        let n = say("/api/admin/import", status(422, "unprocessable", lines));
        assert!(n.text.starts_with("Berkas masih punya kesalahan"), "{}", n.text);
        assert_eq!(n.detail.as_deref(), Some(lines));
        // A 404 that names the field it is about keeps it; one that does not, does not.
        let sup = "field `supervisors[0]`: there is no staff member 197906182005011003 among your units";
        assert_eq!(say("/api/org/units", status(404, "not_found", sup)).detail.as_deref(), Some(sup));
        assert_eq!(say("/api/org/units/X", status(404, "not_found", "there is no unit X among your units")).detail, None);
        // No body, no detail line.
        assert_eq!(say("/api/assignments", status(400, "", "")).detail, None);
    }

    #[test]
    fn server_trouble_and_no_answer_say_try_again() {
        for code in [500, 502, 503] {
            let n = say("/api/dashboard", status(code, "internal", "the server could not finish the request"));
            assert_eq!(n, Notice { text: "Server sedang bermasalah; tidak ada yang berubah. Coba lagi sebentar lagi.".into(), detail: None });
        }
        assert_eq!(say("/api/dashboard", Failure::Network).text, "Server tidak terjangkau. Periksa koneksi, lalu coba lagi.");
        assert_eq!(Problem::new("/api/dashboard", Failure::Network).notice(Lang::En).text, text(Lang::En, Key::NetworkError));
        assert!(!Problem::new("/api/dashboard", Failure::Network).ends_session());
        assert_eq!(say("/api/admin/import", status(413, "too_large", "")).text, text(Lang::Id, Key::ErrFileTooLarge));
        assert_eq!(say("/api/assignments", status(415, "unsupported_media_type", "send JSON")).text, text(Lang::Id, Key::ErrReload));
        assert_eq!(say("/api/assignments", status(418, "", "")).text, "Permintaan gagal (HTTP 418). Coba lagi.");
    }

    #[test]
    fn every_status_has_a_sentence_in_both_languages() {
        let contexts = [Context::Login, Context::Activate, Context::Dashboard, Context::Person, Context::Assignments, Context::Units, Context::Import, Context::Other];
        for context in contexts {
            for status in [400, 401, 403, 404, 405, 409, 413, 415, 422, 426, 429, 500, 503] {
                let p = Problem { context, failure: Failure::Status { status, code: String::new(), message: "m".into(), retry_after_s: Some(30) } };
                let (id, en) = (p.notice(Lang::Id), p.notice(Lang::En));
                assert!(!id.text.contains('{') && !en.text.contains('{'), "{context:?} {status}: {}", id.text);
                assert_ne!(id.text, en.text, "{context:?} {status}");
                assert_eq!(id.detail, en.detail);
            }
        }
    }

    #[test]
    fn a_plan_no_longer_waiting_is_said_plainly_and_an_unknown_person_as_missing() {
        let conflict = say("/api/akpk/staff/198503122010012002/plan/validate", status(409, "conflict", "no plan"));
        assert!(conflict.text.starts_with("Tidak ada rencana yang menunggu keputusan"), "{}", conflict.text);
        let decided = say("/api/log/198503122010012002/e1/confirm", status(409, "conflict", "not waiting"));
        let judged = say("/api/ideas/rounds/3/ideas/1/score", status(409, "conflict", "judging ended"));
        assert_eq!(judged.text, text(Lang::Id, Key::ErrIdeaStage), "an idea's conflict speaks of the round's stage, not of a plan");
        assert_eq!(say("/api/elsewhere", status(409, "conflict", "x")).text, text(Lang::Id, Key::ErrConflict));
        assert!(decided.text.starts_with("Catatan ini tidak lagi menunggu keputusan"), "{}", decided.text);
        let missing = say("/api/akpk/staff/198503122010012002?year=2026", status(404, "not_found", "there is no staff member"));
        assert_eq!(missing.text, text(Lang::Id, Key::ErrPersonMissing));
    }
}
