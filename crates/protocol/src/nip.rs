//! NIP, the 18-digit civil servant number: birth date YYYYMMDD, CPNS appointment YYYYMM,
//! gender digit (1 male, 2 female), then a 3-digit sequence. Checked here so app and server agree.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which part of a NIP is wrong, so the learner knows what to fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("a NIP has 18 digits; this one has {0}")]
    Length(usize),
    #[error("a NIP holds only digits")]
    NotDigits,
    #[error("digits 1-8 must be a real birth date (YYYYMMDD); {0} is not")]
    BirthDate(String),
    #[error("digits 9-14 must be a real appointment month (YYYYMM); {0} is not")]
    AppointmentMonth(String),
    #[error("the appointment month {appointment} is before the birth date {birth}")]
    AppointedBeforeBirth { birth: String, appointment: String },
    #[error("digit 15 is the gender code, 1 or 2; it is {0}")]
    Gender(char),
    #[error("digits 16-18 are the sequence number, 001 to 999; it is 000")]
    Sequence,
}

/// A NIP whose structure has been checked.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "198503122010012002"))]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Checks `text`; spaces people type between the groups are ignored.
    pub fn parse(text: &str) -> Result<Nip, NipError> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        if digits.len() != 18 {
            return Err(NipError::Length(digits.len()));
        }
        let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(4..6), number(6..8));
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(NipError::BirthDate(digits[0..8].to_owned()));
        }
        let (appointed_year, appointed_month) = (number(8..12), number(12..14));
        if !(1900..=2100).contains(&appointed_year) || !(1..=12).contains(&appointed_month) {
            return Err(NipError::AppointmentMonth(digits[8..14].to_owned()));
        }
        if (appointed_year, appointed_month) < (year, month) {
            return Err(NipError::AppointedBeforeBirth { birth: digits[0..8].to_owned(), appointment: digits[8..14].to_owned() });
        }
        let gender = digits.as_bytes()[14] as char;
        if gender != '1' && gender != '2' {
            return Err(NipError::Gender(gender));
        }
        if &digits[15..18] == "000" {
            return Err(NipError::Sequence);
        }
        Ok(Nip(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(text: String) -> Result<Nip, NipError> {
        Nip::parse(&text)
    }
}

impl From<Nip> for String {
    fn from(nip: Nip) -> String {
        nip.0
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_well_formed_nip_is_accepted_with_or_without_spaces() {
        assert_eq!(Nip::parse("198503122010012002").map(|n| n.to_string()), Ok("198503122010012002".into()));
        assert_eq!(Nip::parse("19850312 201001 2 002").map(|n| n.to_string()), Ok("198503122010012002".into()));
        assert!(Nip::parse("200002292024031001").is_ok(), "29 February 2000 existed");
    }

    #[test]
    fn each_wrong_part_is_named() {
        assert_eq!(Nip::parse("19850312201001200"), Err(NipError::Length(17)));
        assert_eq!(Nip::parse("19850312201001200x"), Err(NipError::NotDigits));
        assert_eq!(Nip::parse("198502302010012002"), Err(NipError::BirthDate("19850230".into())));
        assert_eq!(Nip::parse("190002292024031001"), Err(NipError::BirthDate("19000229".into())));
        assert_eq!(Nip::parse("198503122010132002"), Err(NipError::AppointmentMonth("201013".into())));
        assert!(matches!(Nip::parse("198503121984012002"), Err(NipError::AppointedBeforeBirth { .. })));
        assert_eq!(Nip::parse("198503122010013002"), Err(NipError::Gender('3')));
        assert_eq!(Nip::parse("198503122010011000"), Err(NipError::Sequence));
    }

    #[test]
    fn a_nip_reads_from_json_only_when_valid() {
        assert!(serde_json::from_str::<Nip>("\"198503122010012002\"").is_ok());
        let err = serde_json::from_str::<Nip>("\"198503122010013002\"").expect_err("gender 3");
        assert!(err.to_string().contains("gender code"), "{err}");
    }
}
