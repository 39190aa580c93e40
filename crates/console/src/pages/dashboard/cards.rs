//! One summary card for all staff in view and one for each unit listed.

use crate::format::decimal;
use crate::i18n::{Key, tr, use_i18n};
use leptos::prelude::*;
use lentera_protocol::org::UnitSummary;

#[component]
pub fn Cards(summary: super::Summary) -> impl IntoView {
    let i18n = use_i18n();
    let data = summary;
    // The first unit listed (the one asked for, or a single root) often is everyone in view:
    // then the total card carries its name and it is not shown twice.
    let first_is_total = data.first_is_everyone();
    let total_name = first_is_total.then(|| data.units[0].name.clone());
    let units: Vec<UnitSummary> = data.units.iter().skip(usize::from(first_is_total)).cloned().collect();
    // On a phone the cards scroll sideways: the keyboard reaches that strip too.
    view! {
        <section class="cards" tabindex="0" aria-label=tr(Key::CardStaff)>
            <Card summary=data.total.clone() name=Signal::derive(move || total_name.clone().unwrap_or_else(|| i18n.t(Key::AllUnits).to_owned())) total=true/>
            {units.into_iter().map(|u| {
                let name = u.name.clone();
                view! { <Card summary=u name=Signal::derive(move || name.clone()) total=false/> }
            }).collect_view()}
        </section>
    }
}

#[component]
fn Card(summary: UnitSummary, name: Signal<String>, total: bool) -> impl IntoView {
    let i18n = use_i18n();
    let mean = summary.mean_jp;
    let figure = move |key: Key, n: u32, warn: bool| {
        view! {
            <div class:warn={move || warn && n > 0}>
                <dt>{tr(key)}</dt>
                <dd>{n}</dd>
            </div>
        }
    };
    view! {
        <article class="sum" class:total=total>
            <h2>{name}</h2>
            <p class="mean">{move || i18n.n(Key::MeanJp, decimal(i18n.lang.get(), mean))}</p>
            <dl>
                {figure(Key::CardStaff, summary.staff, false)}
                {figure(Key::CardOnTrack, summary.on_track, false)}
                {figure(Key::CardReached, summary.reached_target, false)}
                {figure(Key::CardStale, summary.stale, true)}
                {figure(Key::CardOverdue, summary.overdue_people, true)}
            </dl>
        </article>
    }
}
