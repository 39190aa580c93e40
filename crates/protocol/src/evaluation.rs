//! The citizen satisfaction survey (SKM, PermenPANRB 14/2017) as Lentera records it per unit and
//! period, and the IKM computed from it (docs/evaluation.md). Integer arithmetic only: the console
//! compiles this to wasm and a float must never move a unit across a band edge.

use serde::{Deserialize, Serialize};

/// The nine service elements (unsur) in the regulation's order: (key, name in Bahasa Indonesia).
pub const ELEMENTS: [(&str, &str); 9] = [
    ("persyaratan", "Persyaratan"),
    ("prosedur", "Sistem, mekanisme dan prosedur"),
    ("waktu", "Waktu penyelesaian"),
    ("biaya", "Biaya/tarif"),
    ("produk", "Produk spesifikasi jenis pelayanan"),
    ("kompetensi", "Kompetensi pelaksana"),
    ("perilaku", "Perilaku pelaksana"),
    ("pengaduan", "Penanganan pengaduan, saran dan masukan"),
    ("sarana", "Sarana dan prasarana"),
];

/// Lowest and highest element score (NRR), in hundredths: 1.00 and 4.00.
pub const NRR_MIN: u32 = 100;
pub const NRR_MAX: u32 = 400;

/// Lowest converted IKM (hundredths) of bands A, B and C; anything below C's is D.
pub const BAND_A_FROM: u32 = 8831;
pub const BAND_B_FROM: u32 = 7661;
pub const BAND_C_FROM: u32 = 6500;

/// The service quality band (mutu pelayanan) of a converted IKM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Band {
    A,
    B,
    C,
    D,
}

impl Band {
    /// The band of a converted IKM given in hundredths (8831 is 88.31).
    pub fn of_converted(hundredths: u32) -> Band {
        if hundredths >= BAND_A_FROM {
            Band::A
        } else if hundredths >= BAND_B_FROM {
            Band::B
        } else if hundredths >= BAND_C_FROM {
            Band::C
        } else {
            Band::D
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Band::A => "A",
            Band::B => "B",
            Band::C => "C",
            Band::D => "D",
        }
    }

    /// The regulation's word for the band's service quality.
    pub fn words(self) -> &'static str {
        match self {
            Band::A => "Sangat Baik",
            Band::B => "Baik",
            Band::C => "Kurang Baik",
            Band::D => "Tidak Baik",
        }
    }
}

/// A unit's index for one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ikm {
    /// The weighted mean of the nine NRR (1.000-4.000) in thousandths, rounded half up.
    pub index_thousandths: u32,
    /// The index × 25 (25.00-100.00) in hundredths, rounded half up: what the band is read from.
    pub converted_hundredths: u32,
    pub band: Band,
}

/// The IKM of nine element scores given in hundredths (each 100-400). Every element weighs
/// exactly 1/9 (the appendix prints 0.111, which would cap a perfect unit at 99.90): the sum is
/// divided by 9 once, at the end, rounding half up.
pub fn ikm(nrr: &[u32; 9]) -> Ikm {
    let sum: u64 = nrr.iter().map(|n| u64::from(*n)).sum();
    // index (thousandths) = sum/100/9 × 1000 = sum × 10 / 9; converted (hundredths) = sum × 25 / 9.
    let index_thousandths = div_half_up(sum * 10, 9);
    let converted_hundredths = div_half_up(sum * 25, 9);
    Ikm { index_thousandths, converted_hundredths, band: Band::of_converted(converted_hundredths) }
}

/// An element's NRR in hundredths: the mean of the respondents' answers (each 1-4), rounded half up.
pub fn nrr_of(total_of_answers: u64, respondents: u32) -> u32 {
    if respondents == 0 {
        return 0;
    }
    div_half_up(total_of_answers * 100, u64::from(respondents))
}

fn div_half_up(numerator: u64, denominator: u64) -> u32 {
    u32::try_from((numerator * 2 + denominator) / (denominator * 2)).unwrap_or(u32::MAX)
}

/// A score typed by a person ("3", "3.2", "3,25": dot or comma, at most two decimals) in
/// hundredths; None when it is not such a number. Range is checked by the caller.
pub fn parse_nrr(text: &str) -> Option<u32> {
    let text = text.trim();
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    if whole.is_empty() || whole.len() > 3 || fraction.len() > 2 || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    if text.contains(['.', ',']) && fraction.is_empty() {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u32>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    Some(whole * 100 + fraction)
}

/// `hundredths` written with two decimals and a dot: 325 is "3.25".
pub fn hundredths_text(hundredths: u32) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// `thousandths` written with three decimals: 3172 is "3.172".
pub fn thousandths_text(thousandths: u32) -> String {
    format!("{}.{:03}", thousandths / 1000, thousandths % 1000)
}

/// A survey period: a year (`2025`) or one of its halves (`2025-S1` January-June, `2025-S2`
/// July-December).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    /// 1 or 2; None for the whole year.
    pub semester: Option<u8>,
}

impl Period {
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        let (year, semester) = match text.split_once('-') {
            Some((year, half)) => match half.to_ascii_uppercase().as_str() {
                "S1" => (year, Some(1)),
                "S2" => (year, Some(2)),
                _ => return None,
            },
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        (2000..=2100).contains(&year).then_some(Period { year, semester })
    }

    /// The canonical text: `2025`, `2025-S1`, `2025-S2`.
    pub fn text(self) -> String {
        match self.semester {
            Some(s) => format!("{}-S{s}", self.year),
            None => self.year.to_string(),
        }
    }

    /// First month and the month after the last (1-13).
    pub fn months(self) -> (u32, u32) {
        match self.semester {
            Some(1) => (1, 7),
            Some(_) => (7, 13),
            None => (1, 13),
        }
    }

    /// Order in a unit's history: by year, the halves before the whole year.
    pub fn sort_key(self) -> (i32, u8) {
        (self.year, self.semester.unwrap_or(3))
    }
}

/// What the admin records for a unit and period (`PUT /api/skm/{code}/{period}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkmInput {
    /// People who answered the survey (at least 1).
    pub respondents: u32,
    /// The nine elements' NRR in `ELEMENTS` order, in hundredths (100-400: 1.00-4.00).
    pub nrr_hundredths: Vec<u32>,
}

/// The unit's learning in the period's span, shown beside the IKM (never as its cause).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpanLearning {
    /// Staff placed in the unit and the units below it now.
    pub staff: u32,
    /// JP credited to them in the span (courses and other learning).
    pub jp_total: u32,
    /// `jp_total / staff` in tenths, rounded half up (0 with no staff).
    pub jp_per_person_tenths: u32,
    /// Lentera courses they completed with credit in the span.
    pub courses_completed: u32,
    /// Their satisfaction surveys given in the span (for courses and trainings credited to them):
    /// the mean of every statement's level (1-4) in hundredths; `None` without any.
    #[serde(default)]
    pub satisfaction_hundredths: Option<u32>,
    /// Post-tests handed in within the span whose pre-test counts too: how many, and their mean
    /// gain in hundredths of a point (`pretest`).
    #[serde(default)]
    pub tested: u32,
    #[serde(default)]
    pub gain_hundredths: Option<i64>,
}

/// One recorded survey with its IKM and the learning beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkmPeriod {
    /// `2025`, `2025-S1` or `2025-S2`.
    pub period: String,
    pub respondents: u32,
    /// In `ELEMENTS` order, hundredths.
    pub nrr_hundredths: Vec<u32>,
    pub ikm: Ikm,
    /// Name of the admin who recorded it.
    pub recorded_by: String,
    pub recorded_at_ms: i64,
    pub learning: SpanLearning,
}

/// A unit's surveys, oldest period first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkmUnit {
    pub unit_code: String,
    pub unit_name: String,
    pub periods: Vec<SkmPeriod>,
}

/// `GET /api/skm`: units in view with at least one survey (or the one asked for).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkmReport {
    /// The element keys, the order of every `nrr_hundredths`.
    pub elements: Vec<String>,
    pub units: Vec<SkmUnit>,
}

/// What a clean import stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkmImport {
    /// Data lines read (each a unit and period, new or replaced).
    pub lines: u32,
    pub added: u32,
    pub replaced: u32,
}

/// A refused import: nothing was stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkmImportRefused {
    pub error: crate::ApiErrorDetail,
    /// Kinds: `encoding`, `empty`, `header`, `columns`, `unknown_unit`, `period`, `respondents`,
    /// `nrr`, `duplicate`.
    pub errors: Vec<crate::org::ImportLineError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(n: u32) -> [u32; 9] {
        [n; 9]
    }

    #[test]
    fn a_perfect_unit_is_100_and_band_a() {
        // 9 × 4.00 = 36.00; /9 = 4.000; × 25 = 100.00.
        assert_eq!(ikm(&all(400)), Ikm { index_thousandths: 4000, converted_hundredths: 10000, band: Band::A });
    }

    #[test]
    fn the_lowest_unit_is_25_and_band_d() {
        // 9 × 1.00 = 9.00; /9 = 1.000; × 25 = 25.00.
        assert_eq!(ikm(&all(100)), Ikm { index_thousandths: 1000, converted_hundredths: 2500, band: Band::D });
    }

    #[test]
    fn a_mixed_unit_worked_by_hand() {
        // NRR: 3.20 + 3.05 + 2.90 + 3.60 + 3.15 + 3.30 + 3.45 + 2.80 + 3.10 = 28.55.
        // IKM = 28.55 / 9 = 3.17222… -> 3.172; converted = 3.17222… × 25 = 79.30555… -> 79.31.
        // 76.61 <= 79.31 <= 88.30: band B, Baik. (With the appendix's 0.111: 3.16905, 79.23, also B.)
        let r = ikm(&[320, 305, 290, 360, 315, 330, 345, 280, 310]);
        assert_eq!(r, Ikm { index_thousandths: 3172, converted_hundredths: 7931, band: Band::B });
        assert_eq!((thousandths_text(r.index_thousandths), hundredths_text(r.converted_hundredths)), ("3.172".into(), "79.31".into()));
        assert_eq!(r.band.words(), "Baik");
    }

    #[test]
    fn a_unit_of_threes_is_75_and_band_c() {
        // 9 × 3.00 / 9 = 3.000; × 25 = 75.00: 65.00 <= 75.00 <= 76.60, Kurang Baik.
        assert_eq!(ikm(&all(300)), Ikm { index_thousandths: 3000, converted_hundredths: 7500, band: Band::C });
    }

    /// Nine scores (hundredths) that add up to `sum`.
    fn with_sum(sum: u32) -> [u32; 9] {
        let mut nrr = all(sum / 9);
        nrr[8] += sum % 9;
        assert_eq!(nrr.iter().sum::<u32>(), sum);
        nrr
    }

    #[test]
    fn band_edges_read_the_converted_value_rounded_to_two_decimals() {
        // A from 88.31: sum 31.79 -> 3.53222… × 25 = 88.3055… -> 88.31, A (the index table's
        // 3.532-3.5324 gap holds it; the rounded converted value decides). 31.78 -> 88.2777… -> 88.28, B.
        assert_eq!((ikm(&with_sum(3179)).converted_hundredths, ikm(&with_sum(3179)).band), (8831, Band::A));
        assert_eq!((ikm(&with_sum(3178)).converted_hundredths, ikm(&with_sum(3178)).band), (8828, Band::B));
        // B from 76.61: 27.58 -> 76.6111… -> 76.61, B; 27.57 -> 76.5833… -> 76.58, C.
        assert_eq!((ikm(&with_sum(2758)).converted_hundredths, ikm(&with_sum(2758)).band), (7661, Band::B));
        assert_eq!((ikm(&with_sum(2757)).converted_hundredths, ikm(&with_sum(2757)).band), (7658, Band::C));
        // C from 65.00: 23.40 -> 2.600 × 25 = 65.00 exactly, C; 23.39 -> 64.9722… -> 64.97, D.
        assert_eq!(ikm(&with_sum(2340)), Ikm { index_thousandths: 2600, converted_hundredths: 6500, band: Band::C });
        assert_eq!((ikm(&with_sum(2339)).converted_hundredths, ikm(&with_sum(2339)).band), (6497, Band::D));
        // The bands' own bounds, on the converted value in hundredths.
        let bands: Vec<Band> = [10000, 8831, 8830, 7661, 7660, 6500, 6499, 2500].into_iter().map(Band::of_converted).collect();
        assert_eq!(bands, [Band::A, Band::A, Band::B, Band::B, Band::C, Band::C, Band::D, Band::D]);
    }

    #[test]
    fn half_a_hundredth_rounds_up() {
        // sum 27.09: × 25 / 9 = 75.25 exactly; 27.10 -> 75.2777… -> 75.28; 9.02 -> 25.0555… -> 25.06.
        assert_eq!(ikm(&with_sum(2709)).converted_hundredths, 7525);
        assert_eq!(ikm(&with_sum(2710)).converted_hundredths, 7528);
        assert_eq!(ikm(&with_sum(902)).converted_hundredths, 2506);
        // sum 9.01: index 1.00111… -> 1.001; converted 25.02777… -> 25.03.
        assert_eq!(ikm(&with_sum(901)), Ikm { index_thousandths: 1001, converted_hundredths: 2503, band: Band::D });
    }

    #[test]
    fn an_elements_nrr_is_the_mean_of_its_answers() {
        // Five respondents answer 4, 3, 3, 4, 2: 16 / 5 = 3.20.
        assert_eq!(nrr_of(16, 5), 320);
        // Three answer 4, 4, 3: 11 / 3 = 3.666… -> 3.67.
        assert_eq!(nrr_of(11, 3), 367);
        assert_eq!(nrr_of(0, 0), 0);
    }

    #[test]
    fn scores_are_read_with_a_dot_or_a_comma() {
        assert_eq!(parse_nrr("3"), Some(300));
        assert_eq!(parse_nrr("3.2"), Some(320));
        assert_eq!(parse_nrr(" 3,25 "), Some(325));
        assert_eq!(parse_nrr("4.00"), Some(400));
        for bad in ["", "3.", ".5", "3.255", "tiga", "-1", "3.2.1", "1e2"] {
            assert_eq!(parse_nrr(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_are_a_year_or_a_half() {
        assert_eq!(Period::parse("2025"), Some(Period { year: 2025, semester: None }));
        assert_eq!(Period::parse("2025-s2").map(Period::text), Some("2025-S2".into()));
        assert_eq!(Period::parse("2025-S1").map(Period::months), Some((1, 7)));
        for bad in ["25", "2025-S3", "2025-Q1", "1999", "2025-", "abcd"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let mut order = ["2025", "2025-S2", "2024-S1", "2025-S1"].map(|p| Period::parse(p).expect("period"));
        order.sort_by_key(|p| p.sort_key());
        assert_eq!(order.map(Period::text), ["2024-S1", "2025-S1", "2025-S2", "2025"]);
    }
}
