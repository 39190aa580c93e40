//! The plan: the gaps from the learner's levels (the supervisor's where given), the proposal to
//! keep or drop item by item, the JP against the target, and sending it to the supervisor.

use super::text::{W, Words};
use super::{Step, record};
use crate::app::Services;
use crate::i18n::{I18n, use_i18n};
use crate::learning::use_learning;
use leptos::prelude::*;
use lentera_protocol::akpk::{AkpkMe, COACHING, PlanItem, PlanStatus, Rating, Survey, planned_jp, propose};
use lentera_protocol::{EventBody, Progress};
use std::collections::BTreeSet;

/// The yearly JP target of a civil servant.
const TARGET_JP: u32 = 20;

/// The server's ratings with this phone's newer self-assessments in place of the server's.
pub fn ratings(me: &AkpkMe, survey: Option<&Survey>) -> Vec<Rating> {
    me.ratings
        .iter()
        .map(|r| {
            let mine = survey.and_then(|s| s.ratings.get(&r.competency)).map(|(_, level)| *level);
            Rating { self_level: mine.or(r.self_level), ..r.clone() }
        })
        .collect()
}

/// The proposal for this learner now: courses the server credited or this phone completed are left out.
pub fn proposal(me: &AkpkMe, progress: &Progress) -> Vec<PlanItem> {
    let mut completed: BTreeSet<String> = me.completed.iter().cloned().collect();
    completed.extend(progress.courses.iter().filter(|(_, c)| c.completed.is_some()).map(|(id, _)| id.clone()));
    propose(&ratings(me, Some(&Survey::of(&progress.akpk, me.year))), &me.competencies, &me.offers, &completed)
}

/// What the learner may put in the plan: the proposal, then every other course of the library not
/// completed yet (an item with no competency: the learner's own choice).
pub fn choices(me: &AkpkMe, progress: &Progress) -> Vec<PlanItem> {
    let mut items = proposal(me, progress);
    let done = |id: &str| me.completed.iter().any(|c| c == id) || progress.courses.get(id).is_some_and(|c| c.completed.is_some());
    let extra: Vec<PlanItem> = me
        .offers
        .iter()
        .filter(|o| !done(&o.id) && !items.iter().any(|i| i.key == o.id))
        .map(|o| PlanItem { key: o.id.clone(), competencies: vec![], jp: o.jp })
        .collect();
    items.extend(extra);
    items
}

/// The items the learner keeps: their newest change, else the whole proposal (not the extras).
pub fn kept(choices: &[PlanItem], survey: Option<&Survey>) -> Vec<String> {
    match survey.and_then(|s| s.plan.as_ref()) {
        Some((_, items)) => items.iter().filter(|k| choices.iter().any(|p| &p.key == *k)).cloned().collect(),
        None => choices.iter().filter(|p| !p.competencies.is_empty()).map(|p| p.key.clone()).collect(),
    }
}

#[component]
pub fn Plan(services: Services, me: AkpkMe, step: RwSignal<Option<Step>>, failed: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let year = me.year;
    let me = StoredValue::new(me);
    let items = Memo::new(move |_| learning.progress.with(|p| me.with_value(|me| choices(me, p))));
    let keep = Memo::new(move |_| learning.progress.with(|p| kept(&items.get(), Some(&Survey::of(&p.akpk, year)))));
    let total = move || planned_jp(&keep.get(), &items.get());
    let empty_warning = RwSignal::new(false);
    let toggle = {
        let services = services.clone();
        Callback::new(move |(key, on): (String, bool)| {
            let mut list: Vec<String> = keep.get_untracked();
            list.retain(|k| k != &key);
            if on {
                list.push(key);
            }
            // In the proposal's order, so the list reads the same on every device.
            let order = items.get_untracked();
            list.sort_by_key(|k| order.iter().position(|p| &p.key == k));
            record(&services, failed, EventBody::PlanChanged { year, items: list });
        })
    };
    let send = Callback::new(move |()| {
        let list = keep.get_untracked();
        if list.is_empty() {
            empty_warning.set(true);
            return;
        }
        empty_warning.set(false);
        record(&services, failed, EventBody::PlanSubmitted { year, items: list });
    });
    let gaps = move || me.with_value(|me| learning.progress.with(|p| gap_lines(i18n, me, Some(&Survey::of(&p.akpk, year)))));
    // `own`: the proposal's items (false) or the learner's own picks from the catalogue (true).
    let rows = move |own: bool| {
        let keep = keep.get();
        items.get().into_iter().filter(|item| item.competencies.is_empty() == own).map(|item| {
            let on = keep.contains(&item.key);
            let title = me.with_value(|me| item_title(i18n, me, &item.key));
            let names = me.with_value(|me| item.competencies.iter().map(|c| me.competencies.iter().find(|f| &f.code == c).map_or(c.clone(), |f| f.name.clone())).collect::<Vec<_>>().join(", "));
            let key = item.key.clone();
            view! {
                <li>
                    <label class="option plan-item">
                        <input type="checkbox" prop:checked=on on:change=move |ev| toggle.run((key.clone(), event_target_checked(&ev)))/>
                        <span>
                            <strong>{title}</strong>
                            <span class="tag jp">{i18n.wf(W::Jp, &[("n", &item.jp.to_string())])}</span>
                            {(!names.is_empty()).then(|| view! { <span class="muted">{i18n.wf(W::ForCompetency, &[("names", &names)])}</span> })}
                        </span>
                    </label>
                </li>
            }
        }).collect_view()
    };
    let proposed = move || items.with(|i| i.iter().any(|p| !p.competencies.is_empty()));
    let extras = move || items.with(|i| i.iter().any(|p| p.competencies.is_empty()));
    let status = move || me.with_value(|me| learning.progress.with(|p| status_words(i18n, me, Some(&Survey::of(&p.akpk, year)))));
    let note = me.with_value(|me| me.plan.note.clone());
    view! {
        <h1 class="page-title">{move || i18n.wf(W::PlanTitle, &[("year", &year.to_string())])}</h1>
        <section class="card" data-testid="plan-status" aria-live="polite">
            {move || status().into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
            {note.map(|note| view! { <p class="alert">{move || i18n.wf(W::Note, &[("note", &note)])}</p> })}
        </section>
        <section class="card" aria-labelledby="gaps-title">
            <h2 id="gaps-title">{move || i18n.w(W::Gaps)}</h2>
            <p class="muted">{move || i18n.w(W::PlanIntro)}</p>
            <ul class="steps" inner_html=gaps></ul>
        </section>
        <section class="card" aria-labelledby="proposal-title">
            <h2 id="proposal-title">{move || i18n.w(W::Proposal)}</h2>
            {move || (!proposed()).then(|| view! { <p>{move || i18n.w(W::NoGaps)}</p> })}
            <ul class="plan" data-testid="proposal">{move || rows(false)}</ul>
            <Show when=extras>
                <h3 id="extra-title">{move || i18n.w(W::Extra)}</h3>
                <p class="muted">{move || i18n.w(W::ExtraIntro)}</p>
                <ul class="plan" aria-labelledby="extra-title" data-testid="extra">{move || rows(true)}</ul>
            </Show>
            <p class="jp-figure" data-testid="plan-total">{move || i18n.wf(W::Total, &[("n", &total().to_string())])}</p>
            <progress max=TARGET_JP.to_string() value=move || total().min(TARGET_JP).to_string() aria-hidden="true"></progress>
            <Show when=move || total() < TARGET_JP>
                <p class="muted">{move || i18n.wf(W::TotalShort, &[("n", &(TARGET_JP - total()).to_string())])}</p>
            </Show>
            <Show when=move || empty_warning.get()>
                <p class="alert" role="alert">{move || i18n.w(W::SendEmpty)}</p>
            </Show>
            <button class="primary" type="button" on:click=move |_| send.run(())>{move || i18n.w(W::SendPlan)}</button>
        </section>
        <div class="lesson-nav">
            <button type="button" on:click=move |_| step.set(Some(Step::Rate(0)))>{move || i18n.w(W::Review)}</button>
        </div>
    }
}

/// A plan item's name: the course's title, or the form of learning.
fn item_title(i18n: I18n, me: &AkpkMe, key: &str) -> String {
    if key == COACHING {
        return i18n.w(W::Coaching).to_owned();
    }
    me.offers.iter().find(|o| o.id == key).map_or_else(|| key.to_owned(), |o| o.title.clone())
}

/// Each required competency with its gap in words, as list markup (escaped).
fn gap_lines(i18n: I18n, me: &AkpkMe, survey: Option<&Survey>) -> String {
    use crate::pages::html::el;
    ratings(me, survey)
        .iter()
        .map(|r| {
            let name = me.competencies.iter().find(|c| c.code == r.competency).map_or(r.competency.as_str(), |c| c.name.as_str());
            let mut words = match (r.assessed(), r.gap()) {
                (Some(level), Some(gap)) if gap > 0 => i18n.wf(W::GapLine, &[("required", &r.required.to_string()), ("level", &level.to_string())]),
                (Some(level), _) => i18n.wf(W::NoGapLine, &[("level", &level.to_string())]),
                _ => i18n.w(W::NotRated).to_owned(),
            };
            if r.supervisor_level.is_some() {
                words = format!("{words} ({})", i18n.w(W::BySupervisor));
            }
            let state = if r.gap().unwrap_or(0) > 0 { "overdue" } else { "done" };
            format!("<li><span class=\"step {state}\">{}{}</span></li>", el("strong", "", name), el("span", "", &words))
        })
        .collect()
}

/// Where the plan stands: the server's word, and what this phone sent or changed since.
fn status_words(i18n: I18n, me: &AkpkMe, survey: Option<&Survey>) -> Vec<String> {
    let mut lines = Vec::new();
    let sent_here = survey.and_then(|s| s.plan_submitted.as_ref());
    // A hand-in from this phone newer than the supervisor's last word has not been judged yet.
    let newer_here = sent_here.is_some_and(|(at, _)| me.plan.reviewed_at_ms.is_none_or(|r| at.time_ms > r));
    let server = match me.plan.status {
        PlanStatus::Draft if sent_here.is_some() => W::StatusSentHere,
        PlanStatus::Draft => W::StatusDraft,
        PlanStatus::Submitted => W::StatusSubmitted,
        PlanStatus::Validated if newer_here && sent_here.is_some_and(|(_, items)| items != &me.plan.validated) => W::StatusSentHere,
        PlanStatus::Validated => W::StatusValidated,
        PlanStatus::Returned if newer_here => W::StatusSentHere,
        PlanStatus::Returned => W::StatusReturned,
    };
    lines.push(i18n.w(server).to_owned());
    let changed = match (survey.and_then(|s| s.plan.as_ref()), sent_here) {
        (Some((changed_at, items)), Some((sent_at, sent))) => changed_at > sent_at && items != sent,
        _ => false,
    };
    if changed {
        lines.push(i18n.w(W::ChangedSince).to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use lentera_protocol::akpk::PlanState;

    fn rating(code: &str, required: u8, self_level: Option<u8>, supervisor_level: Option<u8>) -> Rating {
        Rating { competency: code.into(), required, self_level, supervisor_level }
    }

    #[test]
    fn the_phones_newer_self_level_replaces_the_servers_but_the_supervisors_still_wins() {
        let me = AkpkMe {
            year: 2026,
            position: None,
            competencies: vec![],
            ratings: vec![rating("A", 3, Some(3), None), rating("B", 4, Some(4), Some(2))],
            offers: vec![],
            completed: vec![],
            plan: PlanState::default(),
        };
        let mut survey = Survey::default();
        let stamp = |ms| lentera_protocol::Stamp { time_ms: ms, id: lentera_protocol::EventId::new_v7(ms as u64, [0; 10]) };
        survey.ratings.insert("A".into(), (stamp(5), 1));
        survey.ratings.insert("B".into(), (stamp(6), 5));
        let now = ratings(&me, Some(&survey));
        assert_eq!(now[0].gap(), Some(2), "the phone's level 1 of 3");
        assert_eq!(now[1].assessed(), Some(2), "the supervisor's level stands over the learner's 5");
    }

    #[test]
    fn the_status_says_the_supervisors_word_unless_this_phone_sent_a_newer_plan() {
        let i18n = I18n::with_lang(crate::i18n::Lang::Id);
        let stamp = |ms| lentera_protocol::Stamp { time_ms: ms, id: lentera_protocol::EventId::new_v7(ms as u64, [0; 10]) };
        let plan = PlanState { status: PlanStatus::Returned, note: Some("Tambah satu".into()), reviewed_at_ms: Some(100), ..PlanState::default() };
        let me = AkpkMe { year: 2026, position: None, competencies: vec![], ratings: vec![], offers: vec![], completed: vec![], plan };
        let mut survey = Survey { plan_submitted: Some((stamp(50), vec!["x".into()])), ..Survey::default() };
        assert_eq!(status_words(i18n, &me, Some(&survey)), [super::super::text::text(crate::i18n::Lang::Id, W::StatusReturned)]);
        survey.plan_submitted = Some((stamp(150), vec!["x".into(), "y".into()]));
        assert_eq!(status_words(i18n, &me, Some(&survey)), [super::super::text::text(crate::i18n::Lang::Id, W::StatusSentHere)]);
        survey.plan = Some((stamp(200), vec!["y".into()]));
        assert_eq!(status_words(i18n, &me, Some(&survey)).len(), 2, "a change after the hand-in is pointed out");
    }

    #[test]
    fn the_kept_list_is_the_newest_change_within_the_proposal_else_everything() {
        let item = |key: &str| PlanItem { key: key.into(), competencies: vec!["A".into()], jp: 4 };
        let own = PlanItem { key: "z".into(), competencies: vec![], jp: 2 };
        let proposal = vec![item("x"), item("y"), own];
        assert_eq!(kept(&proposal, None), ["x", "y"], "the catalogue's extras start unticked");
        let stamp = lentera_protocol::Stamp { time_ms: 1, id: lentera_protocol::EventId::new_v7(1, [0; 10]) };
        let survey = Survey { plan: Some((stamp, vec!["y".into(), "z".into(), "gone".into()])), ..Survey::default() };
        assert_eq!(kept(&proposal, Some(&survey)), ["y", "z"], "an extra the learner ticked stays");
    }
}
