//! `/konsol/kebutuhan`: the BKPSDM's heat map of competency needs: per unit and competency, how
//! many of the people required to have it fall short (a number and a share; colour only adds to
//! them), and per unit how far the survey and the plans got. The table scrolls sideways inside
//! its frame on a phone instead of becoming cards, so units and competencies stay comparable.

use crate::api;
use crate::download::fetch_and_save;
use crate::i18n::{Key, Lang, fill, text, tr, use_i18n};
use crate::pages::competency::this_year;
use crate::pages::dashboard::{load_units, unit_options};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::akpk_review::{NeedsCell, NeedsReport, NeedsUnit};

fn query(year: u32, unit: &str) -> String {
    let mut q = format!("year={year}");
    if !unit.is_empty() {
        q.push_str(&format!("&unit={}", api::enc(unit)));
    }
    q
}

/// Whole percent of `n` in `of` (0 when `of` is 0).
fn share(n: u32, of: u32) -> u32 {
    if of == 0 { 0 } else { ((f64::from(n) * 100.0 / f64::from(of)).round()) as u32 }
}

/// The shade class of a cell: five steps of the share lacking it; none when nobody is assessed.
fn shade(cell: &NeedsCell) -> &'static str {
    if cell.assessed == 0 {
        return "heat-none";
    }
    match share(cell.with_gap, cell.required) {
        0 => "heat-0",
        1..=24 => "heat-1",
        25..=49 => "heat-2",
        50..=74 => "heat-3",
        _ => "heat-4",
    }
}

#[component]
pub fn Needs() -> impl IntoView {
    let i18n = use_i18n();
    let year = RwSignal::new(u32::try_from(this_year()).unwrap_or(2026));
    let unit = RwSignal::new(String::new());
    let units = load_units();
    let report = RwSignal::new(None::<NeedsReport>);
    Effect::new(move || {
        let wanted = query(year.get(), &unit.get());
        report.set(None);
        spawn_local(async move {
            let answer = api::get::<NeedsReport>(&format!("/api/akpk/needs?{wanted}")).await;
            if query(year.get_untracked(), &unit.get_untracked()) == wanted {
                report.try_set(answer);
            }
        });
    });
    let download = move |_| {
        let (y, q) = (year.get_untracked(), query(year.get_untracked(), &unit.get_untracked()));
        spawn_local(async move {
            fetch_and_save(&format!("/api/akpk/needs.csv?{q}"), &format!("lentera-kebutuhan-kompetensi-{y}.csv")).await;
        });
    };
    let years = move || {
        let now = u32::try_from(this_year()).unwrap_or(2026);
        (0..4).map(|back| now - back).map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect_view()
    };
    view! {
        <h1 class="page-title">{tr(Key::NeedsTitle)}</h1>
        <p class="muted">{tr(Key::NeedsIntro)}</p>
        <div class="toolbar">
            <label class="field">
                <span>{tr(Key::YearLabel)}</span>
                <select on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { year.set(y); } }>{years}</select>
            </label>
            <label class="field">
                <span>{tr(Key::FilterUnit)}</span>
                <select on:change=move |ev| unit.set(event_target_value(&ev))>
                    <option value="" selected=move || unit.with(String::is_empty)>{tr(Key::AllUnits)}</option>
                    {unit_options(units, unit.into())}
                </select>
            </label>
            <div class="buttons">
                <button type="button" on:click=download>{tr(Key::DownloadCsv)}</button>
            </div>
        </div>
        {move || match report.get() {
            None => crate::app::loading().into_any(),
            Some(r) => {
                let lang = i18n.lang.get();
                view! { {heat_map(&r, lang)} {progress(&r, lang)} }.into_any()
            }
        }}
    }
}

fn heat_cell(cell: &NeedsCell, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    if cell.required == 0 {
        return view! { <td class="heat heat-na"><span class="sr-only">{t(Key::NotRequired)}</span><span aria-hidden="true">"·"</span></td> }.into_any();
    }
    let main = fill(t(Key::CellLacking), &[("n", &cell.with_gap.to_string()), ("m", &cell.required.to_string())]);
    let detail = match cell.mean_gap {
        Some(mean) => fill(t(Key::CellDetail), &[("p", &share(cell.with_gap, cell.required).to_string()), ("mean", &format!("{mean:.1}"))]),
        None => t(Key::NotAssessedYet).to_owned(),
    };
    let assessed = fill(t(Key::CellAssessed), &[("n", &cell.assessed.to_string())]);
    view! {
        <td class=format!("heat num {}", shade(cell))>
            <strong>{main}</strong>
            <span class="sub">{detail}</span>
            <span class="sub">{assessed}</span>
        </td>
    }
    .into_any()
}

fn unit_head(u: &NeedsUnit, total: bool, lang: Lang) -> impl IntoView + use<> {
    let depth = format!("name depth-{}", u.depth.min(4));
    let name = if total { text(lang, Key::TotalRow).to_owned() } else { u.unit_name.clone() };
    view! { <th scope="row" class=depth>{name} <span class="muted code">{u.unit_code.clone()}</span></th> }
}

fn heat_map(r: &NeedsReport, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    if r.competencies.is_empty() {
        return view! { <section class="card"><p>{t(Key::NoNeeds)}</p></section> }.into_any();
    }
    let heads = r.competencies.iter().map(|c| view! { <th scope="col" class="num">{c.name.clone()} <span class="muted code">{c.code.clone()}</span></th> }).collect_view();
    let rows = r
        .units
        .iter()
        .map(|u| view! { <tr>{unit_head(u, false, lang)}{u.cells.iter().map(|c| heat_cell(c, lang)).collect_view()}</tr> })
        .collect_view();
    let total = view! { <tr class="total">{unit_head(&r.total, true, lang)}{r.total.cells.iter().map(|c| heat_cell(c, lang)).collect_view()}</tr> };
    view! {
        <section class="card" aria-labelledby="heat-title">
            <h2 id="heat-title">{t(Key::HeatTitle)}</h2>
            <p class="muted note">{t(Key::HeatLegend)}</p>
            <div class="heatwrap" tabindex="0" role="region" aria-labelledby="heat-title">
                <table class="heatmap competency">
                    <caption class="sr-only">{t(Key::HeatTitle)}</caption>
                    <thead><tr><th scope="col">{t(Key::ColUnit)}</th>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{total}</tfoot>
                </table>
            </div>
        </section>
    }
    .into_any()
}

fn progress(r: &NeedsReport, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let of = |n: u32, staff: u32| fill(t(Key::ShareOf), &[("n", &n.to_string()), ("m", &staff.to_string()), ("p", &share(n, staff).to_string())]);
    let row = move |u: &NeedsUnit, total: bool| {
        view! {
            <tr class:total=total>
                {unit_head(u, total, lang)}
                <td class="num" data-label=t(Key::ColStaffN)>{u.staff}</td>
                <td class="num" data-label=t(Key::ColSurveyed)>{of(u.surveyed, u.staff)}</td>
                <td class="num" data-label=t(Key::ColPlanned)>{of(u.planned, u.staff)}</td>
                <td class="num" data-label=t(Key::ColValidatedN)>{of(u.validated, u.staff)}</td>
            </tr>
        }
    };
    let rows = r.units.iter().map(|u| row(u, false)).collect_view();
    view! {
        <section class="card" aria-labelledby="progress-title">
            <h2 id="progress-title">{t(Key::ProgressTitle)}</h2>
            <div class="tablewrap">
                <table class="list competency">
                    <thead><tr>
                        <th scope="col">{t(Key::ColUnit)}</th>
                        <th scope="col" class="num">{t(Key::ColStaffN)}</th>
                        <th scope="col" class="num">{t(Key::ColSurveyed)}</th>
                        <th scope="col" class="num">{t(Key::ColPlanned)}</th>
                        <th scope="col" class="num">{t(Key::ColValidatedN)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{row(&r.total, true)}</tfoot>
                </table>
            </div>
        </section>
    }
}
