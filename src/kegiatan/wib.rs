//! Times as the learner reads them: Western Indonesia Time (WIB, UTC+7, no daylight saving), by
//! hand so no time-zone database is compiled into the wasm.

use crate::i18n::Lang;

const WIB_OFFSET_MS: i64 = 7 * 3_600_000;

/// A moment split into WIB's calendar and clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wib {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    /// 0 = Sunday.
    pub weekday: u32,
    pub hour: u32,
    pub minute: u32,
}

impl Wib {
    pub fn of(ms: i64) -> Wib {
        let local = ms + WIB_OFFSET_MS;
        let days = local.div_euclid(86_400_000);
        let in_day = local.rem_euclid(86_400_000) / 60_000;
        let (year, month, day) = civil(days);
        Wib { year, month, day, weekday: (days + 4).rem_euclid(7) as u32, hour: (in_day / 60) as u32, minute: (in_day % 60) as u32 }
    }

    /// "Sen, 7 Des 2026" / "Mon, 7 Dec 2026".
    pub fn date(&self, lang: Lang) -> String {
        let (days, months): (&[&str; 7], &[&str; 12]) = match lang {
            Lang::Id => (&["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"], &["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]),
            Lang::En => (&["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], &["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]),
        };
        format!("{}, {} {} {}", days[self.weekday as usize], self.day, months[self.month as usize - 1], self.year)
    }

    /// "09.00" / "09:00".
    pub fn time(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Id { '.' } else { ':' };
        format!("{:02}{sep}{:02}", self.hour, self.minute)
    }

    /// `YYYY-MM-DD`, as a date input holds it.
    pub fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A `YYYY-MM-DD` day (already WIB) in words: "Sen, 7 Des 2026"; the text itself when it does not read.
pub fn day_words(iso: &str, lang: Lang) -> String {
    let parts: Vec<i64> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts[..] {
        [y, m @ 1..=12, d @ 1..=31] => Wib::of(days_from_civil(y, m, d) * 86_400_000).date(lang),
        _ => iso.to_owned(),
    }
}

/// (year, month, day) → days since 1970-01-01, the inverse of `civil`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utc_evening_is_the_next_morning_in_wib() {
        // 2026-12-06 23:30 UTC is Monday 7 December, 06.30 WIB.
        let wib = Wib::of(1_796_599_800_000);
        assert_eq!((wib.year, wib.month, wib.day, wib.hour, wib.minute), (2026, 12, 7, 6, 30));
        assert_eq!(wib.date(Lang::Id), "Sen, 7 Des 2026");
        assert_eq!(wib.time(Lang::Id), "06.30");
        assert_eq!(wib.iso_date(), "2026-12-07");
    }

    #[test]
    fn a_deadline_day_reads_in_words_and_round_trips() {
        assert_eq!(day_words("2026-12-07", Lang::Id), "Sen, 7 Des 2026");
        assert_eq!(day_words("2024-02-29", Lang::En), "Thu, 29 Feb 2024");
        assert_eq!(day_words("soon", Lang::Id), "soon");
        assert_eq!(civil(days_from_civil(2026, 1, 1)), (2026, 1, 1));
    }

    #[test]
    fn leap_days_and_the_epoch_land_where_they_should() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_782), (2024, 2, 29));
    }
}
