//! `/konsol/pelatihan/{id}`: the host's page. The check-in code of the current 10-minute slot,
//! large, with a QR of it (an SVG path: nothing inline for the CSP to refuse), fetched again when
//! the slot ends; the list of people with present/absent; after the end, the recording and materials.

use crate::api;
use crate::i18n::{Key, fill, text, tr, use_i18n};
use crate::pages::trainings::{now_ms, when, wib_parts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::activity::{Attendance, CheckInCode, Registration, RosterRow, Training, TrainingView};

/// The QR of `text` as an SVG path of its dark modules, and its width in modules (with a 4-module margin).
pub fn qr_path(text: &str) -> Option<(String, usize)> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
        }
    }
    Some((path, width + 8))
}

/// The id in `/konsol/pelatihan/{id}`.
pub fn id_of(path: &str) -> Option<i64> {
    match lentera_ui::route::segments(path, "/konsol").as_slice() {
        ["pelatihan", id] => id.parse().ok(),
        _ => None,
    }
}

#[component]
pub fn TrainingHost() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let id = location.pathname.with_untracked(|p| id_of(p)).unwrap_or(0);
    let training = RwSignal::new(None::<Training>);
    let code = RwSignal::new(None::<CheckInCode>);
    let roster = RwSignal::new(None::<Vec<RosterRow>>);
    let saved = RwSignal::new(None::<String>);
    spawn_local(async move {
        let list = api::get::<Vec<TrainingView>>("/api/trainings").await.unwrap_or_default();
        training.try_set(list.into_iter().map(|v| v.training).find(|t| t.id == id));
    });
    spawn_local(async move { roster.try_set(api::get::<Vec<RosterRow>>(&format!("/api/trainings/{id}/roster")).await); });
    // Fetches the code, and again just after its slot ends, while the page is open.
    fn refresh(id: i64, code: RwSignal<Option<CheckInCode>>) {
        spawn_local(async move {
            let Some(next) = api::get::<CheckInCode>(&format!("/api/trainings/{id}/code")).await else { return };
            let wait = (next.slot_ends_ms - now_ms()).clamp(1_000, 600_000) + 500;
            if code.try_set(Some(next)).is_none() {
                set_timeout(move || { if code.try_get_untracked().is_some() { refresh(id, code) } }, std::time::Duration::from_millis(wait as u64));
            }
        });
    }
    refresh(id, code);

    let mark = move |nip: String, present: bool| {
        spawn_local(async move {
            let body = Attendance { nip, present };
            if let Some(list) = api::json::<Vec<RosterRow>>("POST", &format!("/api/trainings/{id}/attendance"), api::body(&body)).await {
                roster.try_set(Some(list));
            }
        });
    };

    let code_view = move || {
        let lang = i18n.lang.get();
        code.get().map(|c| {
            let qr = qr_path(&c.code);
            let [_, _, _, h, m] = wib_parts(c.slot_ends_ms);
            let sep = if lang == lentera_ui::i18n::Lang::Id { '.' } else { ':' };
            let changes = fill(text(lang, Key::CodeChangesAt), &[("time", &format!("{h:02}{sep}{m:02}"))]);
            let open = (c.opens_ms..=c.closes_ms).contains(&now_ms());
            let window = fill(text(lang, Key::CheckInWindow), &[("when", &when(lang, c.opens_ms, c.closes_ms))]);
            let spaced = format!("{} {}", &c.code[..3.min(c.code.len())], &c.code[3.min(c.code.len())..]);
            view! {
                <section class="card checkin">
                    <h2>{text(lang, Key::CheckInCode)}</h2>
                    <p class="big-code" data-code=c.code.clone()><span class="sr">{c.code.clone()}</span><span aria-hidden="true">{spaced}</span></p>
                    {qr.map(|(path, size)| view! {
                        <svg class="qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=text(lang, Key::QrOfCode)>
                            <rect class="qr-bg" width=size.to_string() height=size.to_string()/>
                            <path class="qr-fg" d=path/>
                        </svg>
                    })}
                    <p>{changes}</p>
                    <p class=if open { "muted" } else { "alert-text" }>{window}</p>
                </section>
            }
        })
    };

    let roster_view = move || {
        let lang = i18n.lang.get();
        let t = |k| text(lang, k);
        roster.get().map(|rows| {
            if rows.is_empty() {
                return view! { <p class="muted">{t(Key::NoRoster)}</p> }.into_any();
            }
            let body = rows.into_iter().map(|r| {
                let reg = match r.registration {
                    Some(Registration::Confirmed) => t(Key::RegConfirmed),
                    Some(Registration::Full) => t(Key::RegFull),
                    Some(Registration::Cancelled) => t(Key::RegCancelled),
                    None => t(Key::RegNone),
                };
                let how = if r.by_code { t(Key::ByCode) } else if r.present { t(Key::ByHost) } else { "" };
                let (nip_on, nip_off) = (r.nip.clone(), r.nip.clone());
                let present = r.present;
                let label_on = fill(t(Key::MarkPresentFor), &[("name", &r.name)]);
                let label_off = fill(t(Key::MarkAbsentFor), &[("name", &r.name)]);
                view! {
                    <tr>
                        <td class="name" data-label=t(Key::ColName)>{r.name.clone()} <span class="sub">{r.nip.clone()}</span></td>
                        <td data-label=t(Key::ColUnit)>{r.unit.clone()}</td>
                        <td data-label=t(Key::ColRegistration)>{reg}</td>
                        <td data-label=t(Key::ColPresent)>{if present { t(Key::Present) } else { t(Key::Absent) }} " " <span class="sub">{how}</span></td>
                        <td data-label=t(Key::ColActions)>
                            <div class="toggle" role="group" aria-label=r.name.clone()>
                                <button type="button" class="small" aria-pressed=present.to_string() aria-label=label_on on:click=move |_| mark(nip_on.clone(), true)>{t(Key::Present)}</button>
                                <button type="button" class="small" aria-pressed=(!present).to_string() aria-label=label_off on:click=move |_| mark(nip_off.clone(), false)>{t(Key::Absent)}</button>
                            </div>
                        </td>
                    </tr>
                }
            }).collect_view();
            view! {
                <table class="list roster">
                    <thead><tr>
                        <th scope="col">{t(Key::ColName)}</th><th scope="col">{t(Key::ColUnit)}</th><th scope="col">{t(Key::ColRegistration)}</th>
                        <th scope="col">{t(Key::ColPresent)}</th><th scope="col">{t(Key::ColActions)}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            }.into_any()
        })
    };

    let add_nip = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let nip = add_nip.get_untracked().trim().to_owned();
        if !nip.is_empty() {
            mark(nip, true);
            add_nip.set(String::new());
        }
    };

    view! {
        <p><a href="/konsol/pelatihan">{tr(Key::BackToTrainings)}</a></p>
        <h1 class="page-title">{move || training.get().map_or_else(|| i18n.t(Key::HostTitle).to_owned(), |t| t.title)}</h1>
        {move || training.get().map(|t| view! { <p class="muted">{when(i18n.lang.get(), t.start_ms, t.end_ms)} " · " {t.jp} " JP"</p> })}
        <p class="muted">{tr(Key::HostIntro)}</p>
        {code_view}
        <section class="card">
            <h2>{tr(Key::RosterTitle)}</h2>
            {roster_view}
            <form class="form inline-form" on:submit=add>
                <label for="host-nip">{tr(Key::MarkByNip)}</label>
                <input id="host-nip" inputmode="numeric" maxlength="18" prop:value=move || add_nip.get() on:input=move |ev| add_nip.set(event_target_value(&ev))/>
                <button type="submit" class="small">{tr(Key::Present)}</button>
            </form>
        </section>
        {move || training.get().filter(|t| now_ms() >= t.end_ms).map(|t| view! { <AfterEnd training=t saved=saved/> })}
        {move || saved.get().map(|s| view! { <p class="done" role="status">{s}</p> })}
    }
}

/// After the end: the recording link and materials for those registered.
#[component]
fn AfterEnd(training: Training, saved: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let recording = RwSignal::new(training.recording.clone().unwrap_or_default());
    let materials = RwSignal::new(training.materials.join("\n"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut body = training.clone();
        let r = recording.get_untracked().trim().to_owned();
        body.recording = (!r.is_empty()).then_some(r);
        body.materials = materials.get_untracked().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        let id = body.id;
        spawn_local(async move {
            if api::json::<TrainingView>("PUT", &format!("/api/trainings/{id}"), api::body(&body)).await.is_some() {
                saved.try_set(Some(i18n.t(Key::AfterSaved).to_owned()));
            }
        });
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2>{tr(Key::AfterTitle)}</h2>
            <p class="muted">{tr(Key::AfterIntro)}</p>
            <label for="after-recording">{tr(Key::RecordingLabel)}</label>
            <input id="after-recording" type="url" placeholder="https://" prop:value=move || recording.get() on:input=move |ev| recording.set(event_target_value(&ev))/>
            <label for="after-materials">{tr(Key::MaterialsLabel)}</label>
            <textarea id="after-materials" rows="3" prop:value=move || materials.get() on:input=move |ev| materials.set(event_target_value(&ev))></textarea>
            <button class="primary" type="submit">{tr(Key::Save)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_of_a_code_has_dark_modules_inside_a_quiet_zone() {
        let (path, size) = qr_path("K7MQ2X").expect("encodes");
        assert_eq!(size, 21 + 8, "a six-character code fits version 1");
        assert!(path.starts_with("M4 4h1v1h-1z"), "the finder pattern's corner is dark: {path}");
    }

    #[test]
    fn the_host_page_address_names_the_training() {
        assert_eq!(id_of("/konsol/pelatihan/12"), Some(12));
        assert_eq!(id_of("/konsol/pelatihan"), None);
    }
}
