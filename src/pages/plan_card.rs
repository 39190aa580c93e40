//! Beranda's "rencana tahun ini" (docs/akpk.md): the plan the supervisor validated (or the one
//! waiting for them), as the ledger brought it at the last sync, and the way to the survey.

use super::html::{el, esc};
use crate::i18n::{I18n, Key};
use crate::ledger::ServerLedger;

/// Where the survey and plan load on demand (their own bundle, not the first load).
pub const PLAN_PAGE: &str = "/rencana/";
/// Where trainings and the learning log load on demand (docs/activities.md).
pub const ACTIVITY_PAGE: &str = "/kegiatan/";

/// The card as markup (escaped).
pub fn plan_card(i18n: I18n, ledger: Option<&ServerLedger>) -> String {
    // The way to the trainings and learning log rides with the plan's link (one format: every byte counts here).
    let link = |key| {
        format!(
            "<a class=\"button secondary\" rel=\"external\" href=\"{PLAN_PAGE}\">{}</a> <a class=\"button secondary\" rel=\"external\" href=\"{ACTIVITY_PAGE}\">{}</a>",
            esc(i18n.t(key)),
            esc(i18n.t(Key::ActivitiesOpen))
        )
    };
    let Some(plan) = ledger.and_then(|l| l.plan.as_ref()) else {
        return format!(
            "<section class=\"card\" aria-labelledby=\"plan-title\" data-testid=\"plan\"><h2 id=\"plan-title\">{}</h2>{}{}</section>",
            esc(i18n.t(Key::PlanTitle)),
            el("p", "muted", i18n.t(Key::PlanNone)),
            link(Key::PlanStart)
        );
    };
    let state = match plan.status.as_str() {
        "validated" => Key::PlanValidated,
        "returned" => Key::PlanReturned,
        _ => Key::PlanWaiting,
    };
    let items: String = plan
        .lines
        .iter()
        .map(|(title, jp, done)| {
            let words = if *done { i18n.n(Key::PlanItemDone, jp) } else { i18n.n(Key::PlanItemJp, jp) };
            format!("<li data-done=\"{done}\">{}{}</li>", el("strong", "", title), el("span", "standing", &words))
        })
        .collect();
    let progress = i18n.fill(Key::PlanProgress, &[("done", &plan.done_jp.to_string()), ("planned", &plan.planned_jp.to_string())]);
    format!(
        "<section class=\"card\" aria-labelledby=\"plan-title\" data-testid=\"plan\" data-status=\"{status}\"><h2 id=\"plan-title\">{}</h2>{}{}<ul class=\"steps\">{items}</ul>{}</section>",
        esc(i18n.t(Key::PlanTitle)),
        el("p", "", &progress),
        el("p", "muted", i18n.t(state)),
        link(Key::PlanOpen),
        status = esc(&plan.status),
    )
}
