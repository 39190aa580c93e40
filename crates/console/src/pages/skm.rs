//! `/konsol/kepuasan`: each unit's citizen satisfaction survey (SKM) per period with its IKM and
//! quality band in words, and beside it the learning of the unit's staff in the same span, with a
//! sentence that the two are shown side by side, not as cause and effect (docs/evaluation.md).
//! Admins record a period with the nine elements or import a CSV.

use crate::api;
use crate::csv_upload::CsvUpload;
use crate::download::fetch_and_save;
use crate::i18n::{Key, Lang, fill, text, tr, use_i18n};
use crate::pages::dashboard::{load_units, unit_options};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::evaluation::{
    parse_nrr, Band, Period, SkmImport, SkmImportRefused, SkmInput, SkmPeriod, SkmReport, SkmUnit, ELEMENTS, NRR_MAX, NRR_MIN,
};

/// `n` hundredths with two decimals and the language's decimal mark: 7931 is "79,31" in Bahasa Indonesia.
fn hundredths(lang: Lang, n: u32) -> String {
    let mark = if lang == Lang::Id { ',' } else { '.' };
    format!("{}{mark}{:02}", n / 100, n % 100)
}

/// `n` thousandths with three decimals: 3172 is "3,172".
fn thousandths(lang: Lang, n: u32) -> String {
    let mark = if lang == Lang::Id { ',' } else { '.' };
    format!("{}{mark}{:03}", n / 1000, n % 1000)
}

/// `n` tenths with one decimal: 37 is "3,7".
fn tenths(lang: Lang, n: u32) -> String {
    let mark = if lang == Lang::Id { ',' } else { '.' };
    format!("{}{mark}{}", n / 10, n % 10)
}

fn band_key(band: Band) -> Key {
    match band {
        Band::A => Key::BandA,
        Band::B => Key::BandB,
        Band::C => Key::BandC,
        Band::D => Key::BandD,
    }
}

fn query(unit: &str) -> String {
    if unit.is_empty() { String::new() } else { format!("?unit={}", api::enc(unit)) }
}

/// What the form sends, or the first thing to fix.
fn input_of(period: &str, respondents: &str, scores: &[String]) -> Result<(String, SkmInput), Key> {
    let period = Period::parse(period).ok_or(Key::SkmBadPeriod)?;
    let respondents = respondents.trim().parse::<u32>().ok().filter(|n| *n >= 1).ok_or(Key::SkmBadRespondents)?;
    let mut nrr = Vec::new();
    for s in scores {
        nrr.push(parse_nrr(s).filter(|n| (NRR_MIN..=NRR_MAX).contains(n)).ok_or(Key::SkmBadNrr)?);
    }
    Ok((period.text(), SkmInput { respondents, nrr_hundredths: nrr }))
}

#[component]
pub fn Skm() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let unit = RwSignal::new(String::new());
    let units = load_units();
    let report = RwSignal::new(None::<SkmReport>);
    let version = RwSignal::new(0u32);
    Effect::new(move || {
        let wanted = query(&unit.get());
        version.track();
        spawn_local(async move {
            let answer = api::get::<SkmReport>(&format!("/api/skm{wanted}")).await;
            if query(&unit.get_untracked()) == wanted {
                report.try_set(answer);
            }
        });
    });
    let reload = move || version.update(|v| *v += 1);
    let download = move |_| {
        let q = query(&unit.get_untracked());
        spawn_local(async move {
            fetch_and_save(&format!("/api/skm.csv{q}"), "lentera-skm.csv").await;
        });
    };
    view! {
        <h1 class="page-title">{tr(Key::SkmTitle)}</h1>
        <p class="muted">{tr(Key::SkmIntro)}</p>
        <p class="note" role="note"><strong>{tr(Key::SkmNotCause)}</strong></p>
        <div class="toolbar">
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
            Some(r) if r.units.iter().all(|u| u.periods.is_empty()) => view! { <section class="card"><p>{tr(Key::SkmNone)}</p></section> }.into_any(),
            Some(r) => {
                let lang = i18n.lang.get();
                r.units.iter().filter(|u| !u.periods.is_empty()).map(|u| unit_table(u, lang)).collect_view().into_any()
            }
        }}
        <Show when=move || auth.is_admin()>
            <SkmForm units=units reload=reload/>
            <SkmImportBox reload=reload/>
        </Show>
    }
}

fn period_row(p: &SkmPeriod, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let band = format!("{} · {}", p.ikm.band.letter(), t(band_key(p.ikm.band)));
    let index = fill(t(Key::SkmIndex), &[("n", &thousandths(lang, p.ikm.index_thousandths))]);
    view! {
        <tr>
            <th scope="row">{p.period.clone()}</th>
            <td class="num" data-label=t(Key::ColIkm)><strong>{hundredths(lang, p.ikm.converted_hundredths)}</strong> <span class="sub">{index}</span></td>
            <td data-label=t(Key::ColBand)>{band}</td>
            <td class="num" data-label=t(Key::ColRespondents)>{p.respondents}</td>
            <td class="num" data-label=t(Key::ColJpPerPerson)>{tenths(lang, p.learning.jp_per_person_tenths)}</td>
            <td class="num" data-label=t(Key::ColJpTotal)>{p.learning.jp_total}</td>
            <td class="num" data-label=t(Key::ColCoursesDone)>{p.learning.courses_completed}</td>
            <td class="num" data-label=t(Key::ColSatisfaction)>{p.learning.satisfaction_hundredths.map_or_else(|| "–".to_owned(), |h| hundredths(lang, h))}</td>
            <td class="num" data-label=t(Key::ColGain)>{p.learning.gain_hundredths.map_or_else(|| "–".to_owned(), |h| fill(t(Key::EvalGainOf), &[("gain", &crate::pages::evaluation::gain(lang, Some(h))), ("n", &p.learning.tested.to_string())]))}</td>
        </tr>
    }
}

fn unit_table(u: &SkmUnit, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let id = format!("skm-{}", u.unit_code.to_ascii_lowercase());
    let staff = u.periods.first().map_or(0, |p| p.learning.staff);
    let rows = u.periods.iter().map(|p| period_row(p, lang)).collect_view();
    view! {
        <section class="card" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{u.unit_name.clone()} " " <span class="muted code">{u.unit_code.clone()}</span></h2>
            <p class="muted note">{fill(t(Key::SkmLearningNote), &[("n", &staff.to_string())])}</p>
            <div class="tablewrap" tabindex="0" role="region" aria-label=u.unit_name.clone()>
                <table class="list competency">
                    <caption class="sr-only">{u.unit_name.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{t(Key::ColPeriod)}</th>
                        <th scope="col" class="num">{t(Key::ColIkm)}</th>
                        <th scope="col">{t(Key::ColBand)}</th>
                        <th scope="col" class="num">{t(Key::ColRespondents)}</th>
                        <th scope="col" class="num">{t(Key::ColJpPerPerson)}</th>
                        <th scope="col" class="num">{t(Key::ColJpTotal)}</th>
                        <th scope="col" class="num">{t(Key::ColCoursesDone)}</th>
                        <th scope="col" class="num">{t(Key::ColSatisfaction)}</th>
                        <th scope="col" class="num">{t(Key::ColGain)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn SkmForm(units: RwSignal<Option<lentera_protocol::org::UnitList>>, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let unit = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let respondents = RwSignal::new(String::new());
    let scores: Vec<RwSignal<String>> = (0..ELEMENTS.len()).map(|_| RwSignal::new(String::new())).collect();
    let problem = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let score_signals = scores.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let code = unit.get_untracked();
        if code.is_empty() {
            return problem.set(Some(Key::SkmNeedUnit));
        }
        let texts: Vec<String> = score_signals.iter().map(|s| s.get_untracked()).collect();
        let (period_text, body) = match input_of(&period.get_untracked(), &respondents.get_untracked(), &texts) {
            Ok(v) => v,
            Err(key) => return problem.set(Some(key)),
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let path = format!("/api/skm/{}/{}", api::enc(&code), api::enc(&period_text));
            let answer = api::json::<SkmReport>("PUT", &path, api::body(&body)).await;
            busy.try_set(false);
            let found = answer.as_ref().and_then(|r| r.units.first()).and_then(|u| u.periods.iter().find(|p| p.period == period_text).cloned());
            if let Some(p) = found {
                let lang = i18n.lang.get_untracked();
                let band = format!("{} · {}", p.ikm.band.letter(), text(lang, band_key(p.ikm.band)));
                saved.try_set(Some(i18n.fill(Key::SkmSaved, &[("unit", &code), ("period", &period_text), ("ikm", &hundredths(lang, p.ikm.converted_hundredths)), ("band", &band)])));
                reload();
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="skm-form-title">
            <h2 id="skm-form-title">{tr(Key::SkmFormTitle)}</h2>
            <p>{tr(Key::SkmFormIntro)}</p>
            <form class="form" on:submit=submit>
                <label for="skm-unit">{tr(Key::ColUnit)}</label>
                <select id="skm-unit" required on:change=move |ev| unit.set(event_target_value(&ev))>
                    <option value="" selected=move || unit.with(String::is_empty)>{tr(Key::ChooseUnit)}</option>
                    {unit_options(units, unit.into())}
                </select>
                <label for="skm-period">{tr(Key::PeriodLabel)}</label>
                <input id="skm-period" required placeholder="2025-S1" aria-describedby="skm-period-help" prop:value=move || period.get() on:input=move |ev| period.set(event_target_value(&ev))/>
                <p id="skm-period-help" class="muted note">{tr(Key::PeriodHelp)}</p>
                <label for="skm-respondents">{tr(Key::RespondentsLabel)}</label>
                <input id="skm-respondents" required type="number" min="1" step="1" prop:value=move || respondents.get() on:input=move |ev| respondents.set(event_target_value(&ev))/>
                <fieldset>
                    <legend>{tr(Key::NrrLegend)}</legend>
                    <p class="muted note" id="skm-nrr-help">{tr(Key::NrrHelp)}</p>
                    {scores.into_iter().enumerate().map(|(i, score)| {
                        let field = format!("skm-u{}", i + 1);
                        view! {
                            <label for=field.clone()>{format!("U{} · {}", i + 1, ELEMENTS[i].1)}</label>
                            <input id=field required inputmode="decimal" placeholder="3,25" aria-describedby="skm-nrr-help" prop:value=move || score.get() on:input=move |ev| score.set(event_target_value(&ev))/>
                        }
                    }).collect_view()}
                </fieldset>
                {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
                <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                {move || saved.get().map(|s| view! { <p class="done" role="status">{s}</p> })}
            </form>
        </section>
    }
}

#[component]
fn SkmImportBox(reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let upload = CsvUpload::<SkmImport, SkmImportRefused>::new();
    let CsvUpload { outcome, busy, problem, .. } = upload;
    let choose = move |ev: leptos::ev::Event| upload.choose(ev);
    let submit = move |ev: leptos::ev::SubmitEvent| upload.submit(ev, "/api/skm/import", reload);
    view! {
        <section class="card">
            <h2>{tr(Key::SkmImportTitle)}</h2>
            <p>{tr(Key::SkmImportIntro)}</p>
            <pre class="sample" tabindex="0">"kode_unit;periode;responden;u1;u2;u3;u4;u5;u6;u7;u8;u9\nSBG-KEC-KOTA;2025-S1;180;3,20;3,05;2,90;3,60;3,15;3,30;3,45;2,80;3,10"</pre>
            <form class="form" on:submit=submit>
                <label for="skm-file">{tr(Key::ChooseFile)}</label>
                <input id="skm-file" type="file" accept=".csv,text/csv" on:change=choose/>
                {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
                <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::ImportFileNow)}</button>
            </form>
            {move || outcome.get().map(|o| match o {
                Ok(n) => view! {
                    <p class="done" role="status">{i18n.fill(Key::SkmImportDone, &[("added", &n.added.to_string()), ("replaced", &n.replaced.to_string())])}</p>
                }.into_any(),
                Err(refused) => view! {
                    <div role="status">
                        <h3 class="alert-text">{i18n.n(Key::SkmImportErrors, refused.errors.len())}</h3>
                        <ul class="errors">
                            {refused.errors.into_iter().map(|e| view! {
                                <li>{i18n.fill(Key::LineError, &[("line", &e.line.to_string()), ("message", &e.message)])}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_sends_a_canonical_period_and_scores_in_hundredths() {
        let scores: Vec<String> = ["3,20", "3.05", "2,9", "3.6", "3,15", "3,3", "3,45", "2,8", "3,1"].map(String::from).to_vec();
        let (period, input) = input_of("2025-s1", " 120 ", &scores).expect("complete");
        assert_eq!((period.as_str(), input.respondents), ("2025-S1", 120));
        assert_eq!(input.nrr_hundredths, [320, 305, 290, 360, 315, 330, 345, 280, 310]);
        assert_eq!(input_of("2025-Q1", "120", &scores).err(), Some(Key::SkmBadPeriod));
        assert_eq!(input_of("2025", "0", &scores).err(), Some(Key::SkmBadRespondents));
        let mut high = scores.clone();
        high[4] = "4,5".into();
        assert_eq!(input_of("2025", "10", &high).err(), Some(Key::SkmBadNrr));
    }

    #[test]
    fn figures_use_the_languages_decimal_mark() {
        assert_eq!((hundredths(Lang::Id, 7931), hundredths(Lang::En, 2500), tenths(Lang::Id, 37)), ("79,31".into(), "25.00".into(), "3,7".into()));
        assert_eq!((thousandths(Lang::Id, 3172), thousandths(Lang::En, 1000)), ("3,172".into(), "1.000".into()));
    }
}
