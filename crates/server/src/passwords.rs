//! The password rules on the server: the shared rules plus the list of common passwords
//! (`data/common-passwords.txt`, made by `scripts/common-passwords.py`; its sources are named there).

use crate::error::ApiError;
use lentera_protocol::password::password_problem;
use std::collections::HashSet;
use std::sync::OnceLock;

const LIST: &str = include_str!("../data/common-passwords.txt");

/// Whether `password`, in any case, is on the list.
pub fn is_common(password: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| LIST.lines().map(str::trim).filter(|l| !l.is_empty()).collect()).contains(password.to_lowercase().as_str())
}

/// `Ok` if `password` may be `nip`'s password; else the refusal in the app's words (Indonesian,
/// then English), naming the field.
pub fn check(field: &str, password: &str, nip: &str) -> Result<(), ApiError> {
    match password_problem(password, nip, is_common) {
        None => Ok(()),
        Some(problem) => Err(ApiError::InvalidRequest(format!("field `{field}`: {} ({})", problem.message_id(), problem.message_en()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_thousands_of_long_common_passwords_and_not_good_ones() {
        assert!(LIST.lines().count() > 2000);
        assert!(LIST.lines().all(|l| l.chars().count() >= 10), "shorter ones fail the length rule anyway");
        for common in ["password123", "qwertyuiop", "bismillah123", "indonesia2025", "lentera-demo"] {
            assert!(is_common(common), "{common}");
        }
        assert!(!is_common("kopi hujan perahu"));
    }
}
