//! `/konsol/kompetensi`: the BKPSDM's view of the competency dimension: credited JP by competency
//! type and form of learning per unit for a year or quarter, and who has reached 20 JP of teknis.

use crate::api;
use crate::download::fetch_and_save;
use crate::i18n::{Key, Lang, fill, text, tr, use_i18n};
use crate::pages::dashboard::{load_units, unit_options};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::competency::{CompetencyReport, CompetencyRow, TECHNICAL_JP_TARGET};

/// The current year in WIB (the report's calendar).
pub fn this_year() -> i32 {
    let ms = js_sys::Date::now() + 7.0 * 3_600_000.0;
    #[allow(clippy::cast_possible_truncation)]
    let year = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).get_utc_full_year() as i32;
    year
}

/// The query for the picked year, quarter (0: the whole year) and unit.
fn query(year: i32, quarter: u8, unit: &str) -> String {
    let mut q = format!("year={year}");
    if quarter > 0 {
        q.push_str(&format!("&quarter={quarter}"));
    }
    if !unit.is_empty() {
        q.push_str(&format!("&unit={}", api::enc(unit)));
    }
    q
}

/// The column label of a form of learning (`lentera_protocol::competency::FORMS`).
fn form_key(form: &str) -> Key {
    match form {
        "webinar" => Key::ColJpWebinar,
        "workshop" => Key::ColJpWorkshop,
        "coaching" => Key::ColJpCoaching,
        "mentoring" => Key::ColJpMentoring,
        "self_study" => Key::ColJpSelfStudy,
        "community" => Key::ColJpCommunity,
        "internship" => Key::ColJpInternship,
        "certificate" => Key::ColJpCertificate,
        _ => Key::FormELearning,
    }
}

#[component]
pub fn Competency() -> impl IntoView {
    let i18n = use_i18n();
    let year = RwSignal::new(this_year());
    let quarter = RwSignal::new(0u8);
    let unit = RwSignal::new(String::new());
    let units = load_units();
    let report = RwSignal::new(None::<CompetencyReport>);
    Effect::new(move || {
        let wanted = query(year.get(), quarter.get(), &unit.get());
        report.set(None);
        spawn_local(async move {
            let answer = api::get::<CompetencyReport>(&format!("/api/competency?{wanted}")).await;
            if query(year.get_untracked(), quarter.get_untracked(), &unit.get_untracked()) == wanted {
                report.try_set(answer);
            }
        });
    });
    let download = move |list: &'static str| {
        let q = query(year.get_untracked(), quarter.get_untracked(), &unit.get_untracked());
        spawn_local(async move {
            fetch_and_save(&format!("/api/competency.csv?{q}&list={list}"), &format!("lentera-{list}.csv")).await;
        });
    };
    let years = move || {
        let now = this_year();
        (0..4).map(|back| now - back).map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect_view()
    };
    let quarters = move || {
        (0u8..=4)
            .map(|q| {
                let label = move || if q == 0 { i18n.t(Key::WholeYear).to_owned() } else { i18n.n(Key::QuarterN, q) };
                view! { <option value=q.to_string() selected=move || quarter.get() == q>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <h1 class="page-title">{tr(Key::CompetencyTitle)}</h1>
        <p class="muted">{move || i18n.n(Key::CompetencyIntro, TECHNICAL_JP_TARGET)}</p>
        <div class="toolbar">
            <label class="field">
                <span>{tr(Key::YearLabel)}</span>
                <select on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { year.set(y); } }>{years}</select>
            </label>
            <label class="field">
                <span>{tr(Key::QuarterLabel)}</span>
                <select on:change=move |ev| { if let Ok(q) = event_target_value(&ev).parse() { quarter.set(q); } }>{quarters}</select>
            </label>
            <label class="field">
                <span>{tr(Key::FilterUnit)}</span>
                <select on:change=move |ev| unit.set(event_target_value(&ev))>
                    <option value="" selected=move || unit.with(String::is_empty)>{tr(Key::AllUnits)}</option>
                    {unit_options(units, unit.into())}
                </select>
            </label>
            <div class="buttons">
                <button type="button" on:click=move |_| download("units")>{tr(Key::DownloadCsv)}</button>
                <button type="button" on:click=move |_| download("reached")>{tr(Key::DownloadReachedCsv)}</button>
            </div>
        </div>
        {move || match report.get() {
            None => crate::app::loading().into_any(),
            Some(r) => view! { {units_table(&r, i18n.lang.get())} {reached_list(&r, i18n.lang.get())} }.into_any(),
        }}
    }
}

fn cells(row: &CompetencyRow, forms: &[String], lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let by_form = row
        .jp_by_form
        .iter()
        .zip(forms)
        .map(|(jp, form)| view! { <td class="num" data-label=t(form_key(form))>{*jp}</td> })
        .collect_view();
    view! {
        <td class="num" data-label=t(Key::ColStaffN)>{row.staff}</td>
        <td class="num" data-label=t(Key::ColTeknis)>{row.teknis_jp}</td>
        <td class="num" data-label=t(Key::ColManajerial)>{row.manajerial_jp}</td>
        <td class="num" data-label=t(Key::ColSosialKultural)>{row.sosial_kultural_jp}</td>
        {by_form}
        <td class="num" data-label=t(Key::ColReached20)>{row.reached_technical}</td>
    }
}

fn units_table(r: &CompetencyReport, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let heads = r.forms.iter().map(|f| view! { <th scope="col" class="num">{t(form_key(f))}</th> }).collect_view();
    let rows = r
        .units
        .iter()
        .map(|u| {
            let depth = format!("name depth-{}", u.depth.min(4));
            view! {
                <tr>
                    <th scope="row" class=depth>{u.unit_name.clone()} <span class="muted code">{u.unit_code.clone()}</span></th>
                    {cells(u, &r.forms, lang)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            // Fourteen columns scroll sideways on narrower screens: the region takes keyboard focus to scroll.
            <div class="tablewrap" tabindex="0" role="region" aria-label=t(Key::CompetencyTitle)>
                <table class="list competency">
                    <caption class="wide-sr">{t(Key::CompetencyTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Key::ColUnit)}</th>
                        <th scope="col" class="num">{t(Key::ColStaffN)}</th>
                        <th scope="col" class="num">{t(Key::ColTeknis)}</th>
                        <th scope="col" class="num">{t(Key::ColManajerial)}</th>
                        <th scope="col" class="num">{t(Key::ColSosialKultural)}</th>
                        {heads}
                        <th scope="col" class="num">{t(Key::ColReached20)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr class="total">
                        <th scope="row" class="name">{t(Key::TotalRow)}</th>
                        {cells(&r.total, &r.forms, lang)}
                    </tr></tfoot>
                </table>
            </div>
        </section>
    }
}

fn reached_list(r: &CompetencyReport, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let heading = fill(t(Key::ReachedTitle), &[("n", &r.reached.len().to_string()), ("target", &TECHNICAL_JP_TARGET.to_string())]);
    let body = if r.reached.is_empty() {
        view! { <p class="muted">{t(Key::NoReached)}</p> }.into_any()
    } else {
        let rows = r
            .reached
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <td class="name" data-label=t(Key::ColName)>{p.name.clone()}</td>
                        <td class="nip" data-label=t(Key::ColNip)>{p.nip.clone()}</td>
                        <td data-label=t(Key::ColUnit)>{p.unit_code.clone()}</td>
                        <td class="num" data-label=t(Key::ColTeknis)>{p.teknis_jp}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list reached">
                <thead><tr>
                    <th scope="col">{t(Key::ColName)}</th><th scope="col">{t(Key::ColNip)}</th>
                    <th scope="col">{t(Key::ColUnit)}</th><th scope="col" class="num">{t(Key::ColTeknis)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="card">
            <h2>{heading}</h2>
            {body}
        </section>
    }
}
