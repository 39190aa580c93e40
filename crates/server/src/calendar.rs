//! Dates in Western Indonesian Time (WIB, UTC+7, no daylight saving): what "today", "overdue"
//! and the JP year mean for the people who use Lentera.

use lentera_protocol::progress::{WIB_OFFSET_MS, civil_from_days as civil};

const DAY_MS: i64 = 86_400_000;

fn days_before(year: i32) -> i64 {
    let y = i64::from(year) - 1;
    365 * (y - 1969) + (y / 4 - 1969 / 4) - (y / 100 - 1969 / 100) + (y / 400 - 1969 / 400)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The WIB date of a Unix time, `YYYY-MM-DD`.
pub fn date(unix_ms: i64) -> String {
    let (y, m, d) = civil((unix_ms + WIB_OFFSET_MS).div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// (year, day of year counted from 1, days in that year), in WIB.
pub fn year_position(unix_ms: i64) -> (i32, u32, u32) {
    let days = (unix_ms + WIB_OFFSET_MS).div_euclid(DAY_MS);
    let (year, _, _) = civil(days);
    let day = u32::try_from(days - days_before(year) + 1).unwrap_or(1);
    (year, day, if is_leap(year) { 366 } else { 365 })
}

/// The Unix time of WIB midnight starting the first day of `month` (1-12; 13 is next January).
pub fn month_start_ms(year: i32, month: u32) -> i64 {
    let (year, month) = if month > 12 { (year + 1, month - 12) } else { (year, month) };
    const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap_day = i64::from(month > 2 && is_leap(year));
    let days = days_before(year) + BEFORE[(month.clamp(1, 12) - 1) as usize] + leap_day;
    days * DAY_MS - WIB_OFFSET_MS
}

/// Whole WIB days from `then` to `now` (0 for the same day).
pub fn days_between(then_ms: i64, now_ms: i64) -> i64 {
    (now_ms + WIB_OFFSET_MS).div_euclid(DAY_MS) - (then_ms + WIB_OFFSET_MS).div_euclid(DAY_MS)
}

/// Noon WIB of a `YYYY-MM-DD` date (when a dated learning-log entry is credited); `None` if not a date.
pub fn noon_ms(date: &str) -> Option<i64> {
    if !valid_date(date) {
        return None;
    }
    let (y, m, d) = (date[..4].parse().ok()?, date[5..7].parse().ok()?, date[8..10].parse::<i64>().ok()?);
    Some(month_start_ms(y, m) + (d - 1) * DAY_MS + 12 * 3_600_000)
}

/// Checks `YYYY-MM-DD` is a real date.
pub fn valid_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    text.len() == 10 && (1..=days_in_month).contains(&d) && (2000..=2100).contains(&y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_starts_at_wib_midnight() {
        for (y, m, date) in [(2026, 1, "2026-01-01"), (2026, 4, "2026-04-01"), (2024, 3, "2024-03-01"), (2026, 13, "2027-01-01")] {
            let at = month_start_ms(y, m);
            assert_eq!(super::date(at), date);
            assert_ne!(super::date(at - 1), date, "one millisecond earlier is the day before");
        }
    }

    #[test]
    fn a_dated_entry_is_credited_at_noon_wib() {
        // 2026-03-05 12:00 WIB is 05:00 UTC.
        assert_eq!(noon_ms("2026-03-05"), Some(1_772_686_800_000));
        assert_eq!(noon_ms("2026-02-30"), None);
    }

    #[test]
    fn wib_dates_turn_at_midnight_jakarta() {
        let new_year_wib = 1_767_200_400_000; // 2026-01-01 00:00 WIB
        assert_eq!(date(new_year_wib), "2026-01-01");
        assert_eq!(date(new_year_wib - 1), "2025-12-31");
        assert_eq!(year_position(new_year_wib), (2026, 1, 365));
        assert_eq!(year_position(new_year_wib - 1), (2025, 365, 365));
        assert_eq!(year_position(new_year_wib - 365 * DAY_MS), (2025, 1, 365));
        assert_eq!(days_between(new_year_wib - 1, new_year_wib), 1);
    }

    #[test]
    fn only_real_dates_are_valid() {
        assert!(valid_date("2028-02-29"));
        assert!(!valid_date("2027-02-29"));
        assert!(!valid_date("2026-13-01"));
        assert!(!valid_date("26-1-1"));
    }
}
