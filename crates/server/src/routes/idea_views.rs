//! What the competition's routes share: a round's status from its WIB dates, its view with rubric,
//! jurors and counts, and its ranking from the stored scores (`idea_rank`).

use crate::db::ideas::RoundRow;
use crate::error::ApiError;
use crate::idea_rank::{Scored, rank};
use crate::org_tree::OrgTree;
use crate::{AppState, calendar, now_ms};
use lentera_protocol::idea::{Criterion, Juror, RankedIdea, RoundStatus, RoundView};
use std::collections::BTreeMap;

/// Where the round stands today (WIB): before it opens, open until its deadline, then judged until published.
pub(super) fn status_of(round: &RoundRow) -> RoundStatus {
    let today = calendar::date(now_ms());
    if round.published_at_ms.is_some() {
        RoundStatus::Published
    } else if today < round.opens_on {
        RoundStatus::Upcoming
    } else if today <= round.closes_on {
        RoundStatus::Open
    } else {
        RoundStatus::Judging
    }
}

/// The rubric in order.
pub(super) async fn criteria_of(state: &AppState, round_id: i64) -> Result<Vec<Criterion>, ApiError> {
    let rows = state.db.idea_criteria(round_id).await?;
    Ok(rows.into_iter().map(|(name, weight)| Criterion { name, weight: u32::try_from(weight).unwrap_or(0) }).collect())
}

/// Each juror's complete scores per idea: (author id, entry) → juror id → scores in rubric order.
type Sheets = BTreeMap<(i64, String), BTreeMap<i64, Vec<u8>>>;

/// The stored scores, keeping only a juror's full set for an idea (a partial one does not count).
pub(super) async fn sheets(state: &AppState, round_id: i64, criteria: usize) -> Result<Sheets, ApiError> {
    let mut out: Sheets = BTreeMap::new();
    for (learner, entry, juror, position, score) in state.db.idea_scores(round_id).await? {
        let sheet = out.entry((learner, entry)).or_default().entry(juror).or_insert_with(|| vec![0; criteria]);
        if let Some(slot) = usize::try_from(position).ok().and_then(|p| sheet.get_mut(p)) {
            *slot = u8::try_from(score).unwrap_or(0);
        }
    }
    for jurors in out.values_mut() {
        jurors.retain(|_, s| s.iter().all(|v| *v > 0));
    }
    Ok(out)
}

pub(super) async fn round_view(state: &AppState, tree: &OrgTree, round: &RoundRow) -> Result<RoundView, ApiError> {
    let criteria = criteria_of(state, round.id).await?;
    let sheets = sheets(state, round.id, criteria.len()).await?;
    let endorsed = state.db.endorsed_ideas(round.id).await?;
    let jurors = state
        .db
        .idea_jurors(round.id)
        .await?
        .into_iter()
        .map(|(id, nip, name)| {
            let scored = endorsed.iter().filter(|i| sheets.get(&(i.row.learner_id, i.row.entry.clone())).is_some_and(|s| s.contains_key(&id))).count();
            Juror { nip, name, scored: scored as u32 }
        })
        .collect();
    let (handed_in, endorsed_count) = state.db.idea_counts(round.id).await?;
    let unit = round.unit_id.and_then(|id| tree.get(id));
    Ok(RoundView {
        id: round.id,
        theme: round.theme.clone(),
        description: round.description.clone(),
        opens_on: round.opens_on.clone(),
        closes_on: round.closes_on.clone(),
        judging_ends_on: round.judging_ends_on.clone(),
        unit: unit.map(|u| u.code.clone()),
        unit_name: unit.map(|u| u.name.clone()),
        status: status_of(round),
        criteria,
        jurors,
        handed_in: u32::try_from(handed_in).unwrap_or(0),
        endorsed: u32::try_from(endorsed_count).unwrap_or(0),
        published_at_ms: round.published_at_ms,
    })
}

/// The round's ranking (authors only when `reveal`) and whether every juror scored every idea.
pub(super) async fn ranking(state: &AppState, round: &RoundRow, reveal: bool) -> Result<(Vec<RankedIdea>, bool), ApiError> {
    let criteria = criteria_of(state, round.id).await?;
    let sheets = sheets(state, round.id, criteria.len()).await?;
    let jurors = state.db.idea_jurors(round.id).await?.len() as u32;
    let ideas = state.db.endorsed_ideas(round.id).await?;
    let scored: Vec<Scored> = ideas
        .iter()
        .map(|i| Scored {
            number: i.row.number.and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
            by_juror: sheets.get(&(i.row.learner_id, i.row.entry.clone())).map(|s| s.values().cloned().collect()).unwrap_or_default(),
        })
        .collect();
    let rubric: Vec<(String, u32)> = criteria.into_iter().map(|c| (c.name, c.weight)).collect();
    let places = rank(&rubric, &scored);
    let complete = places.iter().all(|p| p.jurors_scored == jurors);
    let out = places
        .into_iter()
        .filter_map(|p| {
            let idea = ideas.iter().find(|i| i.row.number == Some(i64::from(p.number)))?;
            Some(RankedIdea {
                number: p.number,
                title: idea.row.title.clone(),
                rank: p.rank,
                score_hundredths: p.score_hundredths,
                jurors_scored: p.jurors_scored,
                jurors,
                tie_note: p.tie_note,
                author: reveal.then(|| idea.nip.clone()),
                author_name: reveal.then(|| idea.name.clone()),
                unit: if reveal { idea.unit_name.clone() } else { None },
            })
        })
        .collect();
    Ok((out, complete))
}
