//! The BKPSDM's view of the IP ASN competency dimension: credited JP by competency type and by
//! form of learning, per unit, for a year or a quarter (WIB), and who has reached 20 JP of
//! technical training in the year.

use serde::{Deserialize, Serialize};

/// JP of technical training (`teknis`) a person needs in the year for the competency dimension.
pub const TECHNICAL_JP_TARGET: u32 = 20;

/// Forms of learning (Peraturan LAN 10/2018), in column order: Lentera's courses (e-learning),
/// trainings and the confirmed learning log (docs/activities.md). A new form gets its key here and
/// its column everywhere.
pub const FORMS: [&str; 9] = ["e_learning", "webinar", "workshop", "coaching", "mentoring", "self_study", "community", "internship", "certificate"];

/// One unit's credited JP in the period (its own staff, not the units below it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencyRow {
    pub unit_code: String,
    pub unit_name: String,
    /// Depth below the top unit in view (0 for it), for indenting.
    pub depth: u32,
    /// Staff placed in this unit.
    pub staff: u32,
    pub teknis_jp: u32,
    pub manajerial_jp: u32,
    pub sosial_kultural_jp: u32,
    /// JP per form of learning, in the order of `CompetencyReport::forms`.
    pub jp_by_form: Vec<u32>,
    /// Staff of this unit with at least 20 JP of `teknis` in the year up to the period's end.
    pub reached_technical: u32,
}

/// Someone who has reached 20 JP of technical training in the year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicalReached {
    pub nip: String,
    pub name: String,
    pub unit_code: String,
    /// Their `teknis` JP from 1 January to the period's end.
    pub teknis_jp: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencyReport {
    pub year: i32,
    /// 1-4, or none for the whole year.
    pub quarter: Option<u8>,
    /// The form-of-learning keys, the columns of `jp_by_form`.
    pub forms: Vec<String>,
    /// Units in view in tree order.
    pub units: Vec<CompetencyRow>,
    /// The sums over `units`.
    pub total: CompetencyRow,
    /// Everyone in view with at least 20 JP of `teknis`, by unit then name.
    pub reached: Vec<TechnicalReached>,
}
