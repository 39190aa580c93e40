//! The needs analysis kept current inside the push transaction (docs/akpk.md): the learner's own
//! levels in `akpk_ratings`, the survey's hand-in and the plan's in `akpk_plans`, from the fold.

use super::Tx;
use lentera_protocol::akpk::Survey;
use lentera_protocol::{Event, EventBody, Progress};
use sqlx::QueryBuilder;
use std::collections::BTreeSet;

/// Years the survey's events in `fresh` touch.
pub(super) fn touched_years(fresh: &[Event]) -> BTreeSet<u32> {
    fresh
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::SurveyRated { year, .. }
            | EventBody::SurveyAnswered { year, .. }
            | EventBody::SurveySubmitted { year }
            | EventBody::PlanChanged { year, .. }
            | EventBody::PlanSubmitted { year, .. } => Some(*year),
            _ => None,
        })
        .collect()
}

/// Writes each touched year's self levels and plan row from the learner's fold.
pub(super) async fn keep(tx: &mut Tx, learner_id: i64, progress: &Progress, years: &BTreeSet<u32>) -> Result<(), sqlx::Error> {
    for year in years {
        let survey = Survey::of(&progress.akpk, *year);
        self_levels(tx, learner_id, i64::from(*year), &survey).await?;
        plan(tx, learner_id, i64::from(*year), &survey).await?;
    }
    Ok(())
}

async fn self_levels(tx: &mut Tx, learner_id: i64, year: i64, survey: &Survey) -> Result<(), sqlx::Error> {
    if survey.ratings.is_empty() {
        return Ok(());
    }
    on_tx!(tx, c => {
        let mut upsert = QueryBuilder::new("INSERT INTO akpk_ratings (learner_id, year, competency, self_level) ");
        upsert.push_values(&survey.ratings, |mut b, (competency, (_, level))| {
            b.push_bind(learner_id).push_bind(year).push_bind(competency.as_str()).push_bind(i64::from(*level));
        });
        upsert.push(" ON CONFLICT (learner_id, year, competency) DO UPDATE SET self_level = excluded.self_level");
        upsert.build().execute(&mut *c).await.map(|d| d.rows_affected())
    })?;
    Ok(())
}

/// The plan row as kept: (submitted items, their hand-in time, status, validated items).
type PlanRow = (Option<String>, Option<i64>, String, Option<String>);

/// A newer hand-in makes the plan `submitted` again, unless it sends exactly the validated items.
async fn plan(tx: &mut Tx, learner_id: i64, year: i64, survey: &Survey) -> Result<(), sqlx::Error> {
    let kept: Option<PlanRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT submitted_items, submitted_at_ms, status, validated_items FROM akpk_plans WHERE learner_id = $1 AND year = $2",
    )
    .bind(learner_id)
    .bind(year)
    .fetch_optional(&mut *c)
    .await)?;
    let surveyed = survey.submitted.map(|s| s.time_ms);
    let handed_in = match &survey.plan_submitted {
        Some((at, items)) => Some((at.time_ms, serde_json::to_string(items).map_err(|e| sqlx::Error::Encode(Box::new(e)))?)),
        None => None,
    };
    let (mut items, mut at, mut status, validated) = kept.unwrap_or((None, None, "draft".into(), None));
    if let Some((new_at, new_items)) = handed_in
        && (at, items.as_deref()) != (Some(new_at), Some(new_items.as_str()))
    {
        status = if validated.as_deref() == Some(new_items.as_str()) { "validated".into() } else { "submitted".into() };
        (items, at) = (Some(new_items), Some(new_at));
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO akpk_plans (learner_id, year, surveyed_at_ms, submitted_items, submitted_at_ms, status) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (learner_id, year) DO UPDATE SET surveyed_at_ms = excluded.surveyed_at_ms, submitted_items = excluded.submitted_items, \
         submitted_at_ms = excluded.submitted_at_ms, status = excluded.status",
    )
    .bind(learner_id)
    .bind(year)
    .bind(surveyed)
    .bind(items)
    .bind(at)
    .bind(status)
    .execute(&mut *c)
    .await
    .map(|d| d.rows_affected()))?;
    Ok(())
}
