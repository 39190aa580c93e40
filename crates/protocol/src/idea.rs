//! The innovation-idea competition's shared words (docs/innovation.md): what a draft holds, so the
//! phone's form and the server's checks agree.

/// The sections of an idea, in the order of `idea_saved`'s `items`: (key, name in Bahasa Indonesia).
/// Together with the title they are the fields a KIPP proposal asks for.
pub const SECTIONS: [(&str, &str); 5] = [
    ("problem", "Masalah yang diatasi"),
    ("beneficiaries", "Siapa yang terbantu"),
    ("idea", "Gagasan"),
    ("measure", "Cara mengukur keberhasilan"),
    ("cost", "Perkiraan biaya"),
];

/// Co-authors besides the learner, by NIP.
pub const MAX_TEAM: usize = 5;

/// Images attached to one idea (ids of files sent like the learning log's evidence).
pub const MAX_IMAGES: usize = 3;

use serde::{Deserialize, Serialize};

/// Scores a juror gives each criterion: whole numbers from 1 to this.
pub const SCORE_MAX: u8 = 5;

/// Longest note a supervisor may write when returning an idea.
pub const NOTE_MAX_CHARS: usize = 1000;

/// One rubric criterion; a round's weights (percent) sum to 100.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    pub name: String,
    pub weight: u32,
}

/// Where a round stands, from its dates (WIB) and whether results were published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    /// Before `opens_on`.
    Upcoming,
    /// From `opens_on` to `closes_on` inclusive: ideas may be handed in.
    Open,
    /// After `closes_on` until results are published.
    Judging,
    Published,
}

/// `GET /api/ideas/rounds`: a round the learner may enter or see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaRound {
    pub id: i64,
    pub theme: String,
    pub description: String,
    /// `YYYY-MM-DD`, WIB, inclusive.
    pub opens_on: String,
    /// The submission deadline, `YYYY-MM-DD`, WIB, inclusive (until 23:59:59).
    pub closes_on: String,
    pub status: RoundStatus,
    pub criteria: Vec<Criterion>,
}

/// An idea's standing as the server decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    Draft,
    /// Handed in while the round was open; waits for the supervisor.
    Submitted,
    /// Handed in when the round was not open (after its deadline, before it opened, or no such
    /// round for the learner): kept, never judged; `note` says why.
    Late,
    Endorsed,
    Returned,
}

/// A published idea's place in its round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaResult {
    pub rank: u32,
    /// Ideas ranked in the round.
    pub of: u32,
    /// Weighted mean score ×100 on the 1-`SCORE_MAX` scale (435 = 4,35).
    pub score_hundredths: u32,
    /// When it shares its score with another idea: with which and how the order was decided.
    pub tie_note: Option<String>,
}

/// `GET /api/ideas/mine`: one of the learner's ideas as the server knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyIdea {
    pub entry: String,
    /// The round's id as the draft named it (decimal).
    pub round: String,
    pub title: String,
    pub status: IdeaStatus,
    /// The supervisor's note when returned; why, when late.
    pub note: Option<String>,
    /// Only once the admin published the round's results, and only for a ranked idea.
    pub result: Option<IdeaResult>,
}

/// `POST /api/ideas/rounds` and `PUT /api/ideas/rounds/{id}`: a round as the admin writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundInput {
    pub theme: String,
    #[serde(default)]
    pub description: String,
    pub opens_on: String,
    pub closes_on: String,
    /// Jurors score until this date (WIB, inclusive); results may be published after it.
    pub judging_ends_on: String,
    /// Unit code whose people (and sub-units') may enter; `None` for everyone in the admin's scope
    /// (only an admin of the whole tree may leave it out).
    #[serde(default)]
    pub unit: Option<String>,
    pub criteria: Vec<Criterion>,
    /// Jurors by NIP: existing accounts in the admin's units.
    pub jurors: Vec<String>,
}

/// A juror as the admin sees the round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Juror {
    pub nip: String,
    pub name: String,
    /// Endorsed ideas this juror scored on every criterion.
    pub scored: u32,
}

/// `GET /api/ideas/rounds/admin`: a round with its rubric, jurors and counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundView {
    pub id: i64,
    pub theme: String,
    pub description: String,
    pub opens_on: String,
    pub closes_on: String,
    pub judging_ends_on: String,
    pub unit: Option<String>,
    pub unit_name: Option<String>,
    pub status: RoundStatus,
    pub criteria: Vec<Criterion>,
    pub jurors: Vec<Juror>,
    /// Ideas handed in on time (submitted, endorsed or returned) and endorsed ones.
    pub handed_in: u32,
    pub endorsed: u32,
    pub published_at_ms: Option<i64>,
}

/// `GET /api/ideas/review`: a submitted idea waiting for the supervisor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewIdea {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub entry: String,
    pub round_id: i64,
    pub round_theme: String,
    pub title: String,
    /// The sections in the order of `SECTIONS`.
    pub items: Vec<String>,
    /// Co-authors' NIPs as typed.
    pub team: Vec<String>,
    pub status: IdeaStatus,
}

/// `POST /api/ideas/review/{nip}/{entry}/return`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnIdea {
    pub note: String,
}

/// An endorsed idea as a juror sees it: no author, unit, team or images; a neutral number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JurorIdea {
    /// Shown as "Ide {number}".
    pub number: u32,
    pub title: String,
    pub items: Vec<String>,
    /// The juror's own scores per criterion (rubric order), when given.
    pub my_scores: Option<Vec<u8>>,
}

/// `GET /api/ideas/rounds/{id}/judging`: a round the caller judges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgingView {
    pub id: i64,
    pub theme: String,
    pub closes_on: String,
    pub judging_ends_on: String,
    pub status: RoundStatus,
    pub criteria: Vec<Criterion>,
    pub ideas: Vec<JurorIdea>,
}

/// `PUT /api/ideas/rounds/{id}/ideas/{number}/score`: one score per criterion, rubric order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreInput {
    pub scores: Vec<u8>,
}

/// One idea in a round's ranking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RankedIdea {
    pub number: u32,
    pub title: String,
    /// `None` when no juror has scored it yet.
    pub rank: Option<u32>,
    pub score_hundredths: Option<u32>,
    /// Jurors who scored it on every criterion, of the round's jurors.
    pub jurors_scored: u32,
    pub jurors: u32,
    pub tie_note: Option<String>,
    /// Author's NIP, name and unit: only once the results are published.
    pub author: Option<String>,
    pub author_name: Option<String>,
    pub unit: Option<String>,
}

/// `GET /api/ideas/rounds/{id}/results`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundResults {
    pub round: RoundView,
    pub ranking: Vec<RankedIdea>,
    /// Every juror scored every endorsed idea.
    pub complete: bool,
    /// Publishing is allowed: after `judging_ends_on`, or earlier once `complete` (and after the deadline).
    pub can_publish: bool,
}

/// `GET /api/ideas/rounds/{id}/proposal/{number}`: a published idea as a KIPP-style proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Proposal {
    pub round_theme: String,
    pub number: u32,
    pub title: String,
    /// (section name, text) in the order of `SECTIONS`.
    pub sections: Vec<(String, String)>,
    pub author_nip: String,
    pub author_name: String,
    pub unit: String,
    /// Co-authors: (NIP, name; empty when no account has that NIP).
    pub team: Vec<(String, String)>,
    pub rank: Option<u32>,
    pub of: u32,
    pub score_hundredths: Option<u32>,
    pub tie_note: Option<String>,
}
