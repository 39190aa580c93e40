//! The console's view of the competency framework (docs/akpk.md): reading it, editing one
//! competency, and importing what each position requires.

use crate::akpk::{FrameworkCompetency, Offer};
use crate::api::ApiErrorDetail;
use crate::course::{Competency as Kind, Pillar};
use crate::org::ImportLineError;
use serde::{Deserialize, Serialize};

/// Longest name, description and level text a competency may have (characters).
pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 300;
pub const LEVEL_MAX: usize = 400;

/// One competency a position requires, and at which level (1–5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Requirement {
    pub competency: String,
    pub level: u8,
}

/// What one position requires, in the framework's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PositionRequirements {
    /// The position's name as last imported.
    pub position: String,
    pub requirements: Vec<Requirement>,
}

/// `GET /api/framework`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Framework {
    /// In display order.
    pub competencies: Vec<FrameworkCompetency>,
    /// By position name.
    pub positions: Vec<PositionRequirements>,
    /// The library's courses, for mapping competencies to them.
    pub courses: Vec<Offer>,
}

/// `PUT /api/framework/competencies/{code}`: the competency as it should be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompetencyInput {
    pub kind: Kind,
    pub name: String,
    pub description: String,
    pub pillars: Vec<Pillar>,
    /// Exactly five: what a person at level 1..=5 can do at work.
    pub levels: Vec<String>,
    /// Course ids of the library, in the order the proposal offers them.
    pub courses: Vec<String>,
}

/// `POST /api/framework/requirements` when the file was applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementsImport {
    /// Data lines read.
    pub lines: u32,
    /// Positions named in the file (each now requires exactly its lines).
    pub positions: u32,
    pub added: u32,
    /// Lines whose level differs from before.
    pub changed: u32,
    /// Requirements of the named positions that the file no longer lists.
    pub removed: u32,
    pub unchanged: u32,
}

/// The 422 answer of `POST /api/framework/requirements`: the usual error, and every error by line.
/// Nothing was stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementsRefused {
    pub error: ApiErrorDetail,
    /// Kinds: `encoding`, `header`, `columns`, `empty_position`, `unknown_competency`, `level`,
    /// `duplicate`, `too_long`, `empty`.
    pub errors: Vec<ImportLineError>,
}
