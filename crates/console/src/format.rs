//! Pure formatting of figures, dates and ages for people to read (tested natively).

use crate::i18n::{Key, Lang, fill, text};
use lentera_protocol::NotCredited;

/// "hari ini", "1 hari lalu", "9 hari lalu", "belum pernah" from the server's whole days since a sync.
pub fn ago_days(lang: Lang, days: Option<i64>) -> String {
    match days {
        None => text(lang, Key::Never).to_owned(),
        Some(d) if d <= 0 => text(lang, Key::Today).to_owned(),
        Some(1) => text(lang, Key::OneDayAgo).to_owned(),
        Some(d) => text(lang, Key::DaysAgo).replace("{n}", &d.to_string()),
    }
}

/// One decimal, with the language's decimal mark; a whole number shows no decimals.
pub fn decimal(lang: Lang, value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    let whole = (tenths / 10).to_string();
    let whole = if tenths < 0 && tenths > -10 { format!("-{whole}") } else { whole };
    match (tenths % 10).abs() {
        0 => whole,
        d if lang == Lang::Id => format!("{whole},{d}"),
        d => format!("{whole}.{d}"),
    }
}

const MONTHS_ID: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn month(lang: Lang, m: u32) -> &'static str {
    let months = if lang == Lang::Id { &MONTHS_ID } else { &MONTHS_EN };
    months.get(m.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// `2025-03-09` → "9 Mar 2025"; anything else is shown as it came.
/// Standard base64 with padding (RFC 4648), for `data:` URLs of evidence photos.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            let c = if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' };
            out.push(c);
        }
    }
    out
}

pub fn date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten(), parts.next().flatten()) {
        (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => format!("{d} {} {y}", month(lang, m)),
        _ => iso.to_owned(),
    }
}

/// Local calendar parts → "9 Mar 2025 14.05" (Indonesian time uses a dot) or "9 Mar 2025 14:05".
pub fn date_time(lang: Lang, parts: [u32; 5]) -> String {
    let [y, m, d, h, min] = parts;
    let sep = if lang == Lang::Id { '.' } else { ':' };
    format!("{d} {} {y} {h:02}{sep}{min:02}", month(lang, m))
}

/// At most `max` characters, with an ellipsis when cut (chart labels do not wrap).
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Where `value` sits on a 0..`max` scale, in percent (0 to 100).
pub fn percent(value: f64, max: f64) -> f64 {
    if max <= 0.0 { 0.0 } else { (value / max * 100.0).clamp(0.0, 100.0) }
}

/// A percentage as CSS/SVG length text, e.g. `45.5%`; integer formatting keeps float printing out of the wasm.
pub fn css_percent(percent: f64) -> String {
    let tenths = (percent * 10.0).round() as u32;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// The import file's column name for a changed field the server names.
pub fn import_column(field: &str) -> &str {
    match field {
        "name" => "nama",
        "position" => "jabatan",
        "unit_code" | "unit" => "kode_unit",
        "supervisor" | "supervisor_nip" => "nip_atasan",
        "employment" => "jenis_pegawai",
        other => other,
    }
}

/// Why the server did not credit a claim, in plain words.
pub fn reason(lang: Lang, why: &NotCredited) -> String {
    let t = |key| text(lang, key);
    match why {
        NotCredited::UnknownCourse => t(Key::ReasonUnknownCourse).to_owned(),
        NotCredited::UnknownVersion { version } => t(Key::ReasonUnknownVersion).replace("{n}", &version.to_string()),
        NotCredited::NotPassed { best: Some(s) } => fill(t(Key::ReasonScore), &[("correct", &s.correct.to_string()), ("total", &s.total.to_string())]),
        NotCredited::NotPassed { best: None } => t(Key::ReasonNoQuiz).to_owned(),
        NotCredited::LessonsMissing { missing } => t(Key::ReasonLessons).replace("{n}", &missing.to_string()),
    }
}

/// A calendar quarter as agencies write it: "I"–"IV" in Bahasa Indonesia, "Q1"–"Q4" in English.
pub fn quarter(lang: Lang, q: u8) -> String {
    match lang {
        Lang::Id => ["I", "II", "III", "IV"].get(usize::from(q.clamp(1, 4) - 1)).copied().unwrap_or("I").to_owned(),
        Lang::En => format!("Q{}", q.clamp(1, 4)),
    }
}

/// Today's date as `YYYY-MM-DD` from local calendar parts (for `<input type=date min>`).
pub fn iso_date(y: u32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_examples() {
        let cases = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn ages_in_days_read_naturally() {
        assert_eq!(ago_days(Lang::Id, Some(9)), "9 hari lalu");
        assert_eq!(ago_days(Lang::En, Some(9)), "9 days ago");
        assert_eq!(ago_days(Lang::En, Some(1)), "1 day ago");
        assert_eq!(ago_days(Lang::Id, Some(0)), "hari ini");
        assert_eq!(ago_days(Lang::Id, None), "belum pernah");
        assert_eq!(ago_days(Lang::En, None), "never");
    }

    #[test]
    fn decimals_use_the_language_mark() {
        assert_eq!(decimal(Lang::Id, 12.5), "12,5");
        assert_eq!(decimal(Lang::En, 12.5), "12.5");
        assert_eq!(decimal(Lang::Id, 20.0), "20");
        assert_eq!(decimal(Lang::Id, 0.04), "0");
        assert_eq!(decimal(Lang::En, 3.96), "4");
    }

    #[test]
    fn dates_name_the_month() {
        assert_eq!(date(Lang::Id, "2025-08-17"), "17 Agu 2025");
        assert_eq!(date(Lang::En, "2025-08-17"), "17 Aug 2025");
        assert_eq!(date(Lang::En, "soon"), "soon");
        assert_eq!(date_time(Lang::Id, [2025, 3, 9, 7, 5]), "9 Mar 2025 07.05");
        assert_eq!(date_time(Lang::En, [2025, 3, 9, 14, 30]), "9 Mar 2025 14:30");
    }

    #[test]
    fn long_labels_are_cut_on_characters() {
        assert_eq!(shorten("Dinas Komunikasi dan Informatika", 12), "Dinas Komun…");
        assert_eq!(shorten("Kecamatan", 12), "Kecamatan");
        assert_eq!(shorten("Ñandú Ñandú Ñandú", 6), "Ñandú…");
    }

    #[test]
    fn reasons_and_quarters_read_plainly() {
        use lentera_protocol::Score;
        assert_eq!(reason(Lang::Id, &NotCredited::LessonsMissing { missing: 2 }), "2 pelajaran belum ditandai selesai");
        let failed = NotCredited::NotPassed { best: Some(Score { correct: 1, total: 5 }) };
        assert_eq!(reason(Lang::Id, &failed), "nilai menurut kunci jawaban 1/5, di bawah 80%");
        assert_eq!(reason(Lang::En, &NotCredited::NotPassed { best: None }), "no quiz handed in");
        assert_eq!(reason(Lang::Id, &NotCredited::UnknownVersion { version: 9 }), "versi kursus 9 tidak pernah diterbitkan");
        assert_eq!(reason(Lang::En, &NotCredited::UnknownCourse), "the server does not know this course");
        assert_eq!([quarter(Lang::Id, 1), quarter(Lang::Id, 4), quarter(Lang::En, 3)], ["I", "IV", "Q3"]);
    }

    #[test]
    fn percent_stays_on_the_scale() {
        assert_eq!(percent(10.0, 20.0), 50.0);
        assert_eq!(percent(30.0, 20.0), 100.0);
        assert_eq!(percent(5.0, 0.0), 0.0);
        assert_eq!(css_percent(45.46), "45.5%");
        assert_eq!(css_percent(100.0), "100.0%");
    }
}
