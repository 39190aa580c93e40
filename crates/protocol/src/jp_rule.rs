//! The yearly JP rule, which depends on the person's employment type. The one place the numbers
//! live; the server (dashboard, CSV, SQL totals), the console and the learner app all read them here.
//!
//! - PNS: at least 20 JP of competency development a year, PP 11/2017 art. 203(4) as amended by
//!   PP 17/2020. A floor: "reached" means the duty is met.
//! - PPPK: PP 49/2018 art. 39 gives PPPK competency development of at most 24 JP in a year of the
//!   work contract. A ceiling, not a duty in hours (UU 20/2023 makes development compulsory for
//!   every ASN but sets no hours). Lentera measures a PPPK against those 24 JP, so "reached"
//!   means the right is fully used; see docs/jp-rules.md for why and what is uncertain.

use serde::{Deserialize, Serialize};

/// PP 11/2017 art. 203(4) jo. PP 17/2020: a PNS gets at least 20 JP a year.
pub const PNS_JP: u32 = 20;
/// PP 49/2018 art. 39: a PPPK gets at most 24 JP in a year of the contract.
pub const PPPK_JP: u32 = 24;

/// Whether a person is a PNS (civil servant for life) or a PPPK (government employee on contract).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Employment {
    #[default]
    Pns,
    Pppk,
}

impl Employment {
    pub const ALL: [Employment; 2] = [Employment::Pns, Employment::Pppk];

    /// As stored and sent: `pns` or `pppk`.
    pub fn key(self) -> &'static str {
        match self {
            Employment::Pns => "pns",
            Employment::Pppk => "pppk",
        }
    }

    /// As people write it: `PNS` or `PPPK`.
    pub fn label(self) -> &'static str {
        match self {
            Employment::Pns => "PNS",
            Employment::Pppk => "PPPK",
        }
    }

    /// `PNS` or `PPPK` in any case, spaces around ignored (`P3K` is the common spoken form).
    pub fn parse(text: &str) -> Option<Employment> {
        match text.trim().to_ascii_uppercase().as_str() {
            "PNS" => Some(Employment::Pns),
            "PPPK" | "P3K" => Some(Employment::Pppk),
            _ => None,
        }
    }

    /// The JP a year this person is measured against.
    pub fn yearly_jp(self) -> u32 {
        match self {
            Employment::Pns => PNS_JP,
            Employment::Pppk => PPPK_JP,
        }
    }

    /// The yearly figure is a ceiling (a right to use), not a floor (a duty to meet).
    pub fn is_ceiling(self) -> bool {
        self == Employment::Pppk
    }

    /// Whether `jp` by day `day_of_year` (1-based) of a `days_in_year` year keeps pace with the
    /// yearly figure.
    pub fn on_track(self, jp: u32, day_of_year: u32, days_in_year: u32) -> bool {
        u64::from(jp) * u64::from(days_in_year) >= u64::from(self.yearly_jp()) * u64::from(day_of_year)
    }

    /// How many JP keep pace by that day, to one decimal.
    pub fn on_track_jp(self, day_of_year: u32, days_in_year: u32) -> f64 {
        (f64::from(self.yearly_jp()) * f64::from(day_of_year) / f64::from(days_in_year) * 10.0).round() / 10.0
    }

    /// JP at or above the yearly figure: a PNS has met the duty, a PPPK has used the whole right.
    pub fn reached(self, jp: u32) -> bool {
        jp >= self.yearly_jp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_has_its_own_yearly_figure() {
        assert_eq!(Employment::Pns.yearly_jp(), 20);
        assert_eq!(Employment::Pppk.yearly_jp(), 24);
        assert!(Employment::Pns.reached(20) && !Employment::Pppk.reached(20));
        assert!(Employment::Pppk.reached(24));
    }

    #[test]
    fn pace_is_the_elapsed_share_of_the_persons_figure() {
        // Half way through the year: 10 JP keeps a PNS on track, a PPPK needs 12.
        assert!(Employment::Pns.on_track(10, 182, 365));
        assert!(!Employment::Pppk.on_track(10, 182, 365));
        assert!(Employment::Pppk.on_track(12, 182, 365));
        assert!(!Employment::Pns.on_track(9, 183, 365));
        assert_eq!(Employment::Pns.on_track_jp(73, 365), 4.0);
        assert_eq!(Employment::Pppk.on_track_jp(73, 365), 4.8);
        assert_eq!(Employment::Pppk.on_track_jp(365, 365), 24.0);
    }

    #[test]
    fn parses_what_people_write_and_nothing_else() {
        assert_eq!(Employment::parse(" pppk "), Some(Employment::Pppk));
        assert_eq!(Employment::parse("P3K"), Some(Employment::Pppk));
        assert_eq!(Employment::parse("PNS"), Some(Employment::Pns));
        assert_eq!(Employment::parse("honorer"), None);
        assert_eq!(Employment::parse(""), None);
        assert_eq!(serde_json::to_string(&Employment::Pppk).unwrap(), "\"pppk\"");
    }
}
