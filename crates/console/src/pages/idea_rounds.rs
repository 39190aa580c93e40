//! The admin's part of `/konsol/ide` (docs/innovation.md): the rounds with their status and
//! counts, a form to open one (theme, dates, weighted rubric, jurors), and each round's ranking
//! with the publish button and, once published, the printable proposals.

use super::ideas::{jurors_text, score_text};
use crate::api;
use crate::format::date;
use crate::i18n::{Key, Lang, fill, text, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::idea::{Criterion, RoundInput, RoundResults, RoundStatus, RoundView};
use lentera_protocol::org::UnitList;
use std::sync::Arc;

fn status_key(status: RoundStatus) -> Key {
    match status {
        RoundStatus::Upcoming => Key::IdeaStatusUpcoming,
        RoundStatus::Open => Key::IdeaStatusOpen,
        RoundStatus::Judging => Key::IdeaStatusJudging,
        RoundStatus::Published => Key::IdeaStatusPublished,
    }
}

#[component]
pub fn Rounds(notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    let rounds = RwSignal::new(None::<Arc<Vec<RoundView>>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move || {
        reload.track();
        spawn_local(async move {
            let answer = api::get::<Vec<RoundView>>("/api/ideas/rounds/admin").await;
            rounds.try_set(answer.map(Arc::new));
        });
    });
    view! {
        <section class="card" aria-labelledby="rounds-title">
            <h2 id="rounds-title">{tr(Key::IdeaRoundsTitle)}</h2>
            {move || {
                let lang = i18n.lang.get();
                match rounds.get() {
                    None => crate::app::loading().into_any(),
                    Some(list) if list.is_empty() => view! { <p class="muted">{text(lang, Key::IdeaRoundsNone)}</p> }.into_any(),
                    Some(list) => list.iter().cloned().map(|round| view! { <RoundCard round notice reload/> }).collect_view().into_any(),
                }
            }}
        </section>
        <RoundForm existing=None notice reload editing=None/>
    }
}

#[component]
fn RoundCard(round: RoundView, notice: RwSignal<Option<Key>>, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    // The rubric and jurors are fixed once judging starts (the server says so too).
    let editable = matches!(round.status, RoundStatus::Upcoming | RoundStatus::Open);
    let original = round.clone();
    let results = RwSignal::new(None::<Arc<RoundResults>>);
    let id = round.id;
    // Published here, the card keeps its ranking open and takes the round's new status from the answer.
    let current = RwSignal::new(round);
    let open_results = move |_| {
        spawn_local(async move {
            let answer = api::get::<RoundResults>(&format!("/api/ideas/rounds/{id}/results")).await;
            results.try_set(answer.map(Arc::new));
        });
    };
    let publish = move |_| {
        notice.set(None);
        spawn_local(async move {
            if let Some(answer) = api::json::<RoundResults>("POST", &format!("/api/ideas/rounds/{id}/publish"), api::Body::Empty).await {
                current.try_set(answer.round.clone());
                results.try_set(Some(Arc::new(answer)));
                notice.try_set(Some(Key::IdeaPublishedDone));
            }
        });
    };
    let heading = format!("round-{id}");
    let labelled = heading.clone();
    view! {
        <article class="card round" aria-labelledby=labelled data-testid="round">
            {move || {
                let lang = i18n.lang.get();
                let t = |k| text(lang, k);
                let r = current.get();
                let dates = fill(t(Key::IdeaRoundDates), &[("opens", &date(lang, &r.opens_on)), ("closes", &date(lang, &r.closes_on)), ("ends", &date(lang, &r.judging_ends_on))]);
                let jurors = r.jurors.iter().map(|j| format!("{} ({})", j.name, fill(t(Key::IdeaJurorScored), &[("n", &j.scored.to_string())]))).collect::<Vec<_>>().join(", ");
                let rubric = r.criteria.iter().map(|Criterion { name, weight }| format!("{name} {weight}%")).collect::<Vec<_>>().join(" · ");
                view! {
                    <h3 id=heading.clone()>{r.theme.clone()} " " <span class="badge">{t(status_key(r.status))}</span></h3>
                    <p class="muted">{dates} " · " {r.unit_name.clone().unwrap_or_else(|| t(Key::IdeaEveryone).to_owned())}</p>
                    <p>{rubric}</p>
                    <p>{fill(t(Key::IdeaCounts), &[("in", &r.handed_in.to_string()), ("endorsed", &r.endorsed.to_string())])}</p>
                    <p class="muted">{fill(t(Key::IdeaJurorsList), &[("jurors", &jurors)])}</p>
                }
            }}
            <div class="buttons">
                <button type="button" class="secondary" on:click=open_results>{tr(Key::IdeaShowResults)}</button>
                {editable.then(|| view! { <button type="button" class="secondary" on:click=move |_| editing.set(true)>{tr(Key::IdeaEditRound)}</button> })}
            </div>
            {move || editing.get().then(|| view! { <RoundForm existing=Some(original.clone()) notice reload editing=Some(editing)/> })}
            {move || results.get().map(|res| {
                let lang = i18n.lang.get();
                let can = res.can_publish;
                view! {
                    {ranking(lang, id, &res)}
                    {(res.round.status != RoundStatus::Published).then(|| view! {
                        <div class="buttons">
                            <button type="button" disabled=!can on:click=publish>{tr(Key::IdeaPublish)}</button>
                        </div>
                        {(!can).then(|| view! { <p class="muted">{text(lang, Key::IdeaCannotPublish)}</p> })}
                    })}
                }
            })}
        </article>
    }
}

fn ranking(lang: Lang, round: i64, res: &RoundResults) -> impl IntoView + use<> {
    let t = |k| text(lang, k);
    let published = res.round.status == RoundStatus::Published;
    let rows = res
        .ranking
        .iter()
        .map(|r| {
            let author = r.author_name.clone().map(|name| format!("{name} · {}", r.unit.clone().unwrap_or_default()));
            let number = r.number;
            view! {
                <tr>
                    <td class="num" data-label=t(Key::IdeaColRank)>{r.rank.map_or_else(|| "—".to_owned(), |n| n.to_string())}</td>
                    <td class="name" data-label=t(Key::IdeaColIdea)>
                        {fill(t(Key::IdeaNumbered), &[("n", &number.to_string())])} ": " {r.title.clone()}
                        {author.map(|a| view! { <br/><span class="muted">{a}</span> })}
                        {r.tie_note.clone().map(|n| view! { <br/><span class="muted">{n}</span> })}
                    </td>
                    <td class="num" data-label=t(Key::IdeaColScore)>{r.score_hundredths.map_or_else(|| "—".to_owned(), |s| score_text(lang, s))}</td>
                    <td data-label=t(Key::IdeaColJurors)>{jurors_text(lang, r.jurors_scored, r.jurors)}</td>
                    <td data-label=t(Key::IdeaColProposal)>
                        {published.then(|| view! { <a href=format!("/konsol/ide/{round}/usulan/{number}")>{t(Key::IdeaProposalLink)}</a> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="tablewrap" tabindex="0" role="region" aria-label=t(Key::IdeaRankingTitle)>
            <table class="list">
                <caption>{t(Key::IdeaRankingTitle)}</caption>
                <thead><tr>
                    <th scope="col" class="num">{t(Key::IdeaColRank)}</th><th scope="col">{t(Key::IdeaColIdea)}</th>
                    <th scope="col" class="num">{t(Key::IdeaColScore)}</th><th scope="col">{t(Key::IdeaColJurors)}</th><th scope="col">{t(Key::IdeaColProposal)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A round's form, empty to open one or filled to change it (the server refuses a change once
/// jurors have scored); three criteria to start with, more on demand; jurors one NIP per line.
#[component]
fn RoundForm(existing: Option<RoundView>, notice: RwSignal<Option<Key>>, reload: RwSignal<u32>, editing: Option<RwSignal<bool>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|r| r.id);
    let field = |f: fn(&RoundView) -> String| RwSignal::new(existing.as_ref().map(f).unwrap_or_default());
    let theme = field(|r| r.theme.clone());
    let description = field(|r| r.description.clone());
    let opens = field(|r| r.opens_on.clone());
    let closes = field(|r| r.closes_on.clone());
    let ends = field(|r| r.judging_ends_on.clone());
    let jurors = field(|r| r.jurors.iter().map(|j| j.nip.clone()).collect::<Vec<_>>().join("\n"));
    let unit = field(|r| r.unit.clone().unwrap_or_default());
    let mut rubric: Vec<(String, String)> = existing.as_ref().map(|r| r.criteria.iter().map(|c| (c.name.clone(), c.weight.to_string())).collect()).unwrap_or_default();
    rubric.resize(rubric.len().max(3), (String::new(), String::new()));
    let criteria = RwSignal::new(rubric.into_iter().map(|(n, w)| (RwSignal::new(n), RwSignal::new(w))).collect::<Vec<_>>());
    let units = RwSignal::new(None::<UnitList>);
    spawn_local(async move { units.try_set(api::get::<UnitList>("/api/org/units").await); });
    let sum = move || criteria.with(|c| c.iter().map(|(_, w)| w.get().trim().parse::<u32>().unwrap_or(0)).sum::<u32>());
    let juror_nips = move || jurors.with(|j| j.split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()).map(str::to_owned).collect::<Vec<_>>());
    let conflict = Memo::new(move |_| {
        let nips = juror_nips();
        let nips: Vec<&str> = nips.iter().map(String::as_str).collect();
        let scope = unit.get();
        let found = units.with(|list| list.as_ref().map(|l| crate::juror_conflicts::supervising_entrants(&l.units, (!scope.is_empty()).then_some(scope.as_str()), &nips)))?;
        let list = found.iter().map(|c| format!("{} ({})", c.name, crate::juror_conflicts::first_units(&c.units))).collect::<Vec<_>>().join("; ");
        (!found.is_empty()).then(|| i18n.fill(Key::IdeaJurorConflict, &[("list", &list)]))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let chosen = unit.get_untracked();
        let input = RoundInput {
            theme: theme.get_untracked(),
            description: description.get_untracked(),
            opens_on: opens.get_untracked(),
            closes_on: closes.get_untracked(),
            judging_ends_on: ends.get_untracked(),
            unit: (!chosen.is_empty()).then_some(chosen),
            criteria: criteria.with_untracked(|c| {
                c.iter()
                    .filter(|(n, _)| !n.get_untracked().trim().is_empty())
                    .map(|(n, w)| Criterion { name: n.get_untracked().trim().to_owned(), weight: w.get_untracked().trim().parse().unwrap_or(0) })
                    .collect()
            }),
            jurors: untrack(juror_nips),
        };
        let (method, path) = match id {
            Some(id) => ("PUT", format!("/api/ideas/rounds/{id}")),
            None => ("POST", "/api/ideas/rounds".to_owned()),
        };
        spawn_local(async move {
            if api::json::<RoundView>(method, &path, api::body(&input)).await.is_some() {
                notice.try_set(Some(if id.is_some() { Key::IdeaRoundChanged } else { Key::IdeaRoundOpened }));
                if id.is_none() {
                    theme.try_set(String::new());
                }
                if let Some(editing) = editing {
                    editing.try_set(false);
                }
                reload.try_update(|n| *n += 1);
            }
        });
    };
    let date_field = move |key: Key, value: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{tr(key)}</span>
                <input type="date" required prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </label>
        }
    };
    let unit_options = move || {
        units.with(|list| {
            let Some(list) = list else { return Vec::new() };
            crate::tree::ordered(&list.units)
                .into_iter()
                .map(|(i, depth)| {
                    let code = list.units[i].code.clone();
                    let selected = unit.with_untracked(|u| *u == code);
                    view! { <option value=code selected=selected>{crate::tree::indented(&list.units[i].name, depth)}</option> }
                })
                .collect::<Vec<_>>()
        })
    };
    let (title_id, title_key, submit_key) = match id {
        Some(id) => (format!("edit-round-{id}"), Key::IdeaEditRound, Key::IdeaSaveRound),
        None => ("new-round-title".to_owned(), Key::IdeaNewRound, Key::IdeaOpenRound),
    };
    let labelled = title_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled>
            <h2 id=title_id>{tr(title_key)}</h2>
            <form on:submit=submit>
                <label class="field">
                    <span>{tr(Key::IdeaTheme)}</span>
                    <input type="text" required maxlength="120" prop:value=move || theme.get() on:input=move |ev| theme.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{tr(Key::IdeaDescription)}</span>
                    <textarea rows="2" maxlength="2000" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </label>
                <label class="field">
                    <span>{tr(Key::IdeaUnit)}</span>
                    <select on:change=move |ev| unit.set(event_target_value(&ev)) prop:value=move || unit.get()>
                        <option value="">{tr(Key::IdeaEveryone)}</option>
                        {unit_options}
                    </select>
                </label>
                <div class="row">
                    {date_field(Key::IdeaOpensOn, opens)}
                    {date_field(Key::IdeaClosesOn, closes)}
                    {date_field(Key::IdeaJudgingEndsOn, ends)}
                </div>
                <fieldset>
                    <legend>{tr(Key::IdeaCriteria)}</legend>
                    {move || criteria.get().into_iter().enumerate().map(|(i, (name, weight))| {
                        let n = (i + 1).to_string();
                        let (n1, n2) = (n.clone(), n);
                        view! {
                            <div class="row">
                                <label class="field">
                                    <span>{move || i18n.fill(Key::IdeaCriterionName, &[("n", &n1)])}</span>
                                    <input type="text" maxlength="80" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                                </label>
                                <label class="field">
                                    <span>{move || i18n.fill(Key::IdeaCriterionWeight, &[("n", &n2)])}</span>
                                    <input type="number" min="1" max="100" inputmode="numeric" prop:value=move || weight.get() on:input=move |ev| weight.set(event_target_value(&ev))/>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                    <p aria-live="polite" data-testid="weight-sum" class=move || if sum() == 100 { "ok-text" } else { "alert-text" }>
                        {move || i18n.fill(Key::IdeaWeightSum, &[("n", &sum().to_string())])}
                    </p>
                    <button type="button" class="secondary" on:click=move |_| criteria.update(|c| c.push((RwSignal::new(String::new()), RwSignal::new(String::new())))) >
                        {tr(Key::IdeaAddCriterion)}
                    </button>
                </fieldset>
                <label class="field">
                    <span>{tr(Key::IdeaJurors)}</span>
                    <textarea rows="2" inputmode="numeric" prop:value=move || jurors.get() on:input=move |ev| jurors.set(event_target_value(&ev))></textarea>
                </label>
                <p aria-live="polite" data-testid="juror-conflict" class=move || conflict.with(|c| if c.is_some() { "warning" } else { "" })>{move || conflict.get()}</p>
                <div class="buttons">
                    <button type="submit">{tr(submit_key)}</button>
                    {editing.map(|e| view! { <button type="button" class="secondary" on:click=move |_| e.set(false)>{tr(Key::Cancel)}</button> })}
                </div>
            </form>
        </section>
    }
}
