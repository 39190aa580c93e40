//! The password rules a person is told before they submit and the server enforces, worded once
//! so the app, the console and the server say the same thing.

/// Fewest characters a password may have; a few words are easier to remember than symbols.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The rules in plain Bahasa Indonesia, shown beside every password field.
pub const RULES_ID: &str = "Kata sandi minimal 10 karakter, bukan NIP Anda, dan bukan kata sandi yang umum dipakai orang (misalnya \"password123\"). Beberapa kata yang mudah Anda ingat lebih aman daripada satu kata dengan angka.";
pub const RULES_EN: &str = "At least 10 characters, not your NIP, and not a password many people use (such as \"password123\"). A few words you remember easily are safer than one word with digits.";

/// Why a password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    IsNip,
    TooCommon,
}

impl PasswordProblem {
    /// The refusal in Bahasa Indonesia: the server's message and the app's, word for word.
    pub fn message_id(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "Kata sandi terlalu pendek: pakai minimal 10 karakter, misalnya tiga kata yang mudah Anda ingat.",
            PasswordProblem::IsNip => "Kata sandi tidak boleh sama dengan NIP Anda (atau memuatnya): NIP mudah diketahui orang lain.",
            PasswordProblem::TooCommon => "Kata sandi ini terlalu umum dan mudah ditebak: pilih yang lain, misalnya beberapa kata yang hanya Anda tahu artinya.",
        }
    }

    pub fn message_en(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "Password too short: use at least 10 characters, for example three words you remember easily.",
            PasswordProblem::IsNip => "The password must not be (or contain) your NIP: others can find it easily.",
            PasswordProblem::TooCommon => "This password is too common and easy to guess: choose another, for example a few words only you know the meaning of.",
        }
    }
}

/// The rules a device can check itself (length, NIP); `is_common` is the list check, which only
/// the server carries in full (the list would weigh on the phone's first load). `is_common` gets
/// the password as typed and compares without case (lowercasing here would pull Unicode tables
/// into the phone's wasm).
pub fn password_problem(password: &str, nip: &str, is_common: impl Fn(&str) -> bool) -> Option<PasswordProblem> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Some(PasswordProblem::TooShort);
    }
    let digits: String = password.chars().filter(char::is_ascii_digit).collect();
    if !nip.is_empty() && (password.contains(nip) || digits == nip) {
        return Some(PasswordProblem::IsNip);
    }
    if is_common(password) {
        return Some(PasswordProblem::TooCommon);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIP: &str = "198507122010011003";

    #[test]
    fn each_rule_refuses_with_its_own_reason() {
        let never = |_: &str| false;
        assert_eq!(password_problem("pendek", NIP, never), Some(PasswordProblem::TooShort));
        assert_eq!(password_problem("sembilan9", NIP, never), Some(PasswordProblem::TooShort), "9 characters");
        assert_eq!(password_problem(NIP, NIP, never), Some(PasswordProblem::IsNip));
        assert_eq!(password_problem("nip198507122010011003!", NIP, never), Some(PasswordProblem::IsNip));
        assert_eq!(password_problem("1985 0712 2010 0110 03", NIP, never), Some(PasswordProblem::IsNip));
        let common = |p: &str| p.eq_ignore_ascii_case("password123");
        assert_eq!(password_problem("Password123", NIP, common), Some(PasswordProblem::TooCommon));
        assert_eq!(password_problem("kopi hujan perahu", NIP, common), None);
        assert_eq!(password_problem("sepuluh10!", NIP, never), None, "exactly 10 characters pass");
    }
}
