//! The supervisor's and the BKPSDM's side of the needs analysis (docs/akpk.md): one person's
//! ratings, answers and plan as the console shows them, and the needs summed up per unit.

use crate::akpk::PlanState;
use serde::{Deserialize, Serialize};

/// JP a year's plan aims at (Peraturan LAN 10/2018: 20 JP a year for every ASN).
pub const PLAN_TARGET_JP: u32 = 20;

/// Longest note a supervisor may send with a verdict, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;

/// One required competency of a person, with the levels given and what they make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRating {
    pub competency: String,
    pub name: String,
    /// What a person at level 1..=5 can do at work, in that order.
    pub levels: Vec<String>,
    pub required: u8,
    pub self_level: Option<u8>,
    pub supervisor_level: Option<u8>,
    /// The supervisor's level when given, else the person's own; `None` while not assessed.
    pub assessed: Option<u8>,
    /// Required minus assessed when positive (0: no gap); `None` while not assessed.
    pub gap: Option<u8>,
}

/// An answer to one of the survey's open questions (`lentera_protocol::akpk::QUESTIONS`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyAnswer {
    pub question: String,
    pub text: String,
}

/// A plan item as the console lists it: its key, a title (the course's; empty for a form of
/// learning, which each app names from its key), the gaps it serves and its JP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PricedItem {
    pub key: String,
    pub title: String,
    pub competencies: Vec<String>,
    pub jp: u32,
}

/// `GET /api/akpk/staff/{nip}`: one person's needs analysis for a year, for their supervisor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AkpkStaff {
    pub year: u32,
    pub nip: String,
    pub name: String,
    /// The position as imported (empty when none).
    pub position: String,
    /// The competencies the position requires, in the framework's order.
    pub ratings: Vec<StaffRating>,
    pub answers: Vec<SurveyAnswer>,
    pub plan: PlanState,
    /// What Lentera proposes from the gaps (no gap, no item).
    pub proposal: Vec<PricedItem>,
    pub proposal_jp: u32,
    /// The items of the plan the person handed in, priced.
    pub submitted: Vec<PricedItem>,
    pub submitted_jp: u32,
    /// The items validated (what the person's Beranda shows), priced.
    pub validated: Vec<PricedItem>,
    pub validated_jp: u32,
    pub target_jp: u32,
}

/// One level the supervisor gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelGiven {
    pub competency: String,
    pub level: u8,
}

/// `PUT /api/akpk/staff/{nip}/assessment`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assessment {
    pub year: u32,
    pub levels: Vec<LevelGiven>,
}

/// `POST /api/akpk/staff/{nip}/plan/validate` and `…/plan/return` (where the note is required).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVerdict {
    pub year: u32,
    #[serde(default)]
    pub note: Option<String>,
}

/// A competency as the needs view names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedsCompetency {
    pub code: String,
    pub name: String,
}

/// One unit × competency cell of the heat map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedsCell {
    /// People placed in the unit whose position requires the competency.
    pub required: u32,
    /// Of them, people assessed (by themself or their supervisor).
    pub assessed: u32,
    /// Of them, people whose assessed level is below the requirement.
    pub with_gap: u32,
    /// Mean gap over the people assessed (0 counted), one decimal; `None` when nobody was.
    pub mean_gap: Option<f64>,
}

/// One unit's row: its own staff (not those of units below it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedsUnit {
    pub unit_code: String,
    pub unit_name: String,
    /// Depth below the first unit in view, for indenting.
    pub depth: u32,
    pub staff: u32,
    /// Handed in the survey.
    pub surveyed: u32,
    /// Handed in a plan (whatever became of it).
    pub planned: u32,
    /// Their plan is validated.
    pub validated: u32,
    /// One per competency of `NeedsReport::competencies`, in that order.
    pub cells: Vec<NeedsCell>,
}

/// `GET /api/akpk/needs`: the heat map of one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedsReport {
    pub year: u32,
    /// Competencies some position in view requires, in the framework's order.
    pub competencies: Vec<NeedsCompetency>,
    pub units: Vec<NeedsUnit>,
    /// Everyone in view together.
    pub total: NeedsUnit,
}
