//! Property tests of NIP checking: every real date/month/gender/sequence combination is accepted,
//! and breaking any one part is refused with that part named.

use lentera_protocol::{Nip, NipError};
use proptest::prelude::*;

fn days(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// (birth year, month, day, years until appointment, appointment month, gender, sequence).
fn parts() -> impl Strategy<Value = (u32, u32, u32, u32, u32, u32, u32)> {
    (1940u32..2008, 1u32..=12, 0u32..31, 1u32..40, 1u32..=12, 1u32..=2, 1u32..=999).prop_map(|(y, m, d, gap, am, g, s)| {
        (y, m, 1 + d % days(y, m), gap, am, g, s)
    })
}

fn nip_text((y, m, d, gap, am, g, s): (u32, u32, u32, u32, u32, u32, u32)) -> String {
    format!("{y:04}{m:02}{d:02}{:04}{am:02}{g}{s:03}", y + gap)
}

proptest! {
    #[test]
    fn every_well_formed_nip_is_accepted(p in parts()) {
        let text = nip_text(p);
        prop_assert_eq!(Nip::parse(&text).map(String::from), Ok(text));
    }

    #[test]
    fn a_wrong_gender_digit_is_named(p in parts(), digit in prop::sample::select(vec!['0', '3', '4', '5', '6', '7', '8', '9'])) {
        let mut text = nip_text(p);
        text.replace_range(14..15, &digit.to_string());
        prop_assert_eq!(Nip::parse(&text), Err(NipError::Gender(digit)));
    }

    #[test]
    fn a_day_past_the_end_of_the_month_is_named(p in parts()) {
        let (y, m, ..) = p;
        let mut text = nip_text(p);
        text.replace_range(6..8, &format!("{:02}", days(y, m) + 1));
        prop_assert!(matches!(Nip::parse(&text), Err(NipError::BirthDate(_))));
    }
}
