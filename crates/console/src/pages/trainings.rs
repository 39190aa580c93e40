//! `/konsol/pelatihan`: webinars and workshops the caller's units are invited to (docs/activities.md),
//! with places taken and people present; scheduling and editing (`trainings_form`) for those the
//! caller organises, and a link to each one's host page (`trainings_host`).

use crate::api;
use crate::i18n::{Key, Lang, fill, text, tr, use_i18n};
use crate::pages::trainings_form::TrainingForm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::activity::TrainingView;
use lentera_protocol::org::UnitList;
use lentera_protocol::progress::{WIB_OFFSET_MS, civil_from_days};

const DAY_MS: i64 = 86_400_000;

/// WIB calendar parts of Unix milliseconds: [year, month, day, hour, minute].
pub fn wib_parts(ms: i64) -> [u32; 5] {
    let local = ms + WIB_OFFSET_MS;
    let (y, m, d) = civil_from_days(local.div_euclid(DAY_MS));
    let minutes = local.rem_euclid(DAY_MS) / 60_000;
    [u32::try_from(y).unwrap_or(0), m, d, (minutes / 60) as u32, (minutes % 60) as u32]
}

/// Days since 1970-01-01 of a calendar date (the inverse of `civil_from_days`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// Unix milliseconds of `YYYY-MM-DD` and `HH:MM` in WIB; `None` unless both are complete.
pub fn wib_ms(date: &str, time: &str) -> Option<i64> {
    let mut d = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.splitn(2, ':').map(|p| p.parse::<i64>().ok());
    let (h, min) = (t.next()??, t.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || !(0..24).contains(&h) || !(0..60).contains(&min) {
        return None;
    }
    Some(days_from_civil(y, m, day) * DAY_MS + (h * 60 + min) * 60_000 - WIB_OFFSET_MS)
}

/// `YYYY-MM-DD` and `HH:MM` of Unix milliseconds in WIB, for the form's inputs.
pub fn wib_fields(ms: i64) -> (String, String) {
    let [y, m, d, h, min] = wib_parts(ms);
    (format!("{y:04}-{m:02}-{d:02}"), format!("{h:02}:{min:02}"))
}

/// "9 Mar 2026 09.00–11.00 WIB" (the end's date too when it is another day).
pub fn when(lang: Lang, start: i64, end: i64) -> String {
    let (a, b) = (wib_parts(start), wib_parts(end));
    let sep = if lang == Lang::Id { '.' } else { ':' };
    let end_text = if a[..3] == b[..3] { format!("{:02}{sep}{:02}", b[3], b[4]) } else { crate::format::date_time(lang, b) };
    format!("{}–{end_text} WIB", crate::format::date_time(lang, a))
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

#[component]
pub fn Trainings() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(None::<Vec<TrainingView>>);
    let units = RwSignal::new(None::<UnitList>);
    let reload = move || spawn_local(async move { list.try_set(api::get::<Vec<TrainingView>>("/api/trainings").await); });
    reload();
    spawn_local(async move { units.try_set(api::get::<UnitList>("/api/org/units").await); });
    // `Some(None)`: a new training; `Some(Some(view))`: editing that one.
    let editing = RwSignal::new(None::<Option<TrainingView>>);
    let saved = RwSignal::new(None::<String>);
    let rows = move || {
        let lang = i18n.lang.get();
        let t = |k| text(lang, k);
        list.with(|l| {
            let Some(l) = l else { return crate::app::loading().into_any() };
            if l.is_empty() {
                return view! { <p class="card muted">{t(Key::NoTrainings)}</p> }.into_any();
            }
            let names = units.with(|u| u.as_ref().map(|u| u.units.iter().map(|x| (x.id, x.name.clone())).collect::<Vec<_>>()).unwrap_or_default());
            let rows = l.iter().map(|v| {
                let tr_ = &v.training;
                let unit_names: Vec<String> = tr_.units.iter().map(|id| names.iter().find(|(i, _)| i == id).map_or_else(|| format!("#{id}"), |(_, n)| n.clone())).collect();
                let places = match tr_.capacity {
                    Some(c) => fill(t(Key::PlacesOf), &[("n", &v.confirmed.to_string()), ("m", &c.to_string())]),
                    None => v.confirmed.to_string(),
                };
                let full = (v.full > 0).then(|| fill(t(Key::FullN), &[("n", &v.full.to_string())]));
                let form = if tr_.form == lentera_protocol::activity::TrainingForm::Webinar { t(Key::TrainingWebinar) } else { t(Key::TrainingWorkshop) };
                let host = format!("/konsol/pelatihan/{}", tr_.id);
                let edit = v.clone();
                let organiser = v.organiser;
                view! {
                    <tr>
                        <td class="name" data-label=t(Key::ColTraining)>
                            <strong>{tr_.title.clone()}</strong>
                            <span class="sub">{format!("{form} · {} JP", tr_.jp)}{v.partner.clone().map(|p| format!(" · {p}"))}</span>
                        </td>
                        <td data-label=t(Key::ColWhen)>{when(lang, tr_.start_ms, tr_.end_ms)}</td>
                        <td data-label=t(Key::ColUnitsInvited)>{unit_names.join(", ")}</td>
                        <td data-label=t(Key::ColRegistered)>{places}{full.map(|f| view! { <span class="sub">{f}</span> })}</td>
                        <td data-label=t(Key::ColPresent)>{v.present}</td>
                        <td data-label=t(Key::ColActions)>
                            {organiser.then(|| view! {
                                <a href=host>{t(Key::HostPage)}</a>
                                " "
                                <button type="button" class="small" on:click=move |_| { saved.set(None); editing.set(Some(Some(edit.clone()))); }>{t(Key::Edit)}</button>
                            })}
                        </td>
                    </tr>
                }
            }).collect_view();
            view! {
                <section class="card">
                    <table class="list">
                        <thead><tr>
                            <th scope="col">{t(Key::ColTraining)}</th><th scope="col">{t(Key::ColWhen)}</th>
                            <th scope="col">{t(Key::ColUnitsInvited)}</th><th scope="col">{t(Key::ColRegistered)}</th>
                            <th scope="col">{t(Key::ColPresent)}</th><th scope="col">{t(Key::ColActions)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }.into_any()
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::TrainingsTitle)}</h1>
        <p class="muted">{tr(Key::TrainingsIntro)}</p>
        {move || saved.get().map(|s| view! { <p class="done" role="status">{s}</p> })}
        {move || match editing.get() {
            Some(current) => view! { <TrainingForm current=current units=units editing=editing saved=saved reload=reload/> }.into_any(),
            None => view! {
                <p><button type="button" class="primary" on:click=move |_| { saved.set(None); editing.set(Some(None)); }>{tr(Key::ScheduleTraining)}</button></p>
            }.into_any(),
        }}
        {rows}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wib_times_go_to_unix_time_and_back() {
        // 2026-03-09 09:00 WIB is 02:00 UTC.
        let ms = wib_ms("2026-03-09", "09:00").expect("complete");
        assert_eq!(ms, 1_773_021_600_000);
        assert_eq!(wib_fields(ms), ("2026-03-09".to_owned(), "09:00".to_owned()));
        assert_eq!(wib_parts(ms - 10 * 3_600_000), [2026, 3, 8, 23, 0]);
        assert_eq!(wib_ms("2026-03-09", ""), None);
        assert_eq!(wib_ms("2026-13-09", "09:00"), None);
    }

    #[test]
    fn a_training_reads_as_one_day_with_two_times() {
        let start = wib_ms("2026-03-09", "09:00").expect("start");
        assert_eq!(when(Lang::Id, start, start + 2 * 3_600_000), "9 Mar 2026 09.00–11.00 WIB");
    }
}
