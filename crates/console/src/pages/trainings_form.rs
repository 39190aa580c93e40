//! Scheduling or editing a training: units within the caller's own (the server checks again),
//! the partner, times in WIB, and JP that follow the 45-minute rule until the organiser lowers them.

use crate::api;
use crate::pages::assign::{Catalogue, Course};
use crate::i18n::{Key, tr, use_i18n};
use crate::pages::framework::{kind_key, pillar_key};
use crate::pages::trainings::{wib_fields, wib_ms};
use crate::tree::{indented, ordered};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::activity::{Partner, Training, TrainingForm as Form, TrainingView, jp_for_minutes};
use lentera_protocol::org::UnitList;
use lentera_protocol::{Competency as Kind, Pillar};

/// JP the duration allows: the 45-minute rule on whole minutes.
pub fn most_jp(start: Option<i64>, end: Option<i64>) -> Option<u32> {
    let (start, end) = (start?, end?);
    (end > start).then(|| jp_for_minutes(u32::try_from((end - start) / 60_000).unwrap_or(u32::MAX)))
}

fn optional(text: String) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[component]
pub fn TrainingForm(
    current: Option<TrainingView>,
    units: RwSignal<Option<UnitList>>,
    editing: RwSignal<Option<Option<TrainingView>>>,
    saved: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let existing = current.map(|v| v.training);
    let id = existing.as_ref().map(|t| t.id);
    let get = |f: fn(&Training) -> String| existing.as_ref().map(f).unwrap_or_default();
    let title = RwSignal::new(get(|t| t.title.clone()));
    let form = RwSignal::new(existing.as_ref().map_or(Form::Webinar, |t| t.form));
    let partner = RwSignal::new(existing.as_ref().and_then(|t| t.partner_id));
    let link = RwSignal::new(get(|t| t.link.clone().unwrap_or_default()));
    let place = RwSignal::new(get(|t| t.place.clone().unwrap_or_default()));
    let (d0, t0) = existing.as_ref().map(|t| wib_fields(t.start_ms)).unwrap_or_default();
    let t1 = existing.as_ref().map(|t| wib_fields(t.end_ms).1).unwrap_or_default();
    let date = RwSignal::new(d0);
    let start = RwSignal::new(t0);
    let end = RwSignal::new(t1);
    let capacity = RwSignal::new(existing.as_ref().and_then(|t| t.capacity).map(|c| c.to_string()).unwrap_or_default());
    // `None`: follow the duration; `Some`: the organiser's own (lower) figure.
    let jp = RwSignal::new(existing.as_ref().map(|t| t.jp));
    let competency = RwSignal::new(existing.as_ref().map_or(Kind::Teknis, |t| t.competency));
    let pillars = RwSignal::new(existing.as_ref().map(|t| t.pillars.clone()).unwrap_or_default());
    let chosen = RwSignal::new(existing.as_ref().map(|t| t.units.clone()).unwrap_or_default());
    let recording = RwSignal::new(get(|t| t.recording.clone().unwrap_or_default()));
    let materials = RwSignal::new(get(|t| t.materials.join("\n")));
    let pre_reading = RwSignal::new(existing.as_ref().and_then(|t| t.pre_reading.clone()));
    let courses = RwSignal::new(Vec::<Course>::new());
    spawn_local(async move { courses.try_set(api::get::<Catalogue>("/api/courses").await.map(|c| c.courses).unwrap_or_default()); });
    let partners = RwSignal::new(Vec::<Partner>::new());
    spawn_local(async move { partners.try_set(api::get::<Vec<Partner>>("/api/partners").await.unwrap_or_default()); });
    let problem = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);

    let times = move || {
        let d = date.get();
        (wib_ms(&d, &start.get()), wib_ms(&d, &end.get()))
    };
    let most = move || { let (a, b) = times(); most_jp(a, b) };
    let jp_shown = move || jp.get().or_else(most).unwrap_or(0);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(start_ms), Some(end_ms)) = times() else { return problem.set(Some(Key::NeedTimes)) };
        if end_ms <= start_ms {
            return problem.set(Some(Key::NeedTimes));
        }
        if title.get_untracked().trim().is_empty() || chosen.with_untracked(Vec::is_empty) {
            return problem.set(Some(Key::NeedTrainingFields));
        }
        let capacity = capacity.get_untracked().trim().parse::<u32>().ok();
        let body = Training {
            id: id.unwrap_or(0),
            title: title.get_untracked().trim().to_owned(),
            form: form.get_untracked(),
            partner_id: partner.get_untracked(),
            link: optional(link.get_untracked()),
            place: optional(place.get_untracked()),
            start_ms,
            end_ms,
            capacity,
            jp: jp_shown(),
            competency: competency.get_untracked(),
            pillars: Pillar::ALL.into_iter().filter(|p| pillars.with_untracked(|l| l.contains(p))).collect(),
            units: chosen.get_untracked(),
            pre_reading: pre_reading.get_untracked(),
            recording: optional(recording.get_untracked()),
            materials: materials.get_untracked().lines().filter_map(|l| optional(l.to_owned())).collect(),
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let answer = match id {
                Some(id) => api::json::<TrainingView>("PUT", &format!("/api/trainings/{id}"), api::body(&body)).await,
                None => api::json::<TrainingView>("POST", "/api/trainings", api::body(&body)).await,
            };
            busy.try_set(false);
            if let Some(v) = answer {
                saved.try_set(Some(i18n.fill(Key::TrainingSaved, &[("title", &v.training.title)])));
                editing.try_set(None);
                reload();
            }
        });
    };
    let toggle_pillar = move |p: Pillar| pillars.update(|l| if l.contains(&p) { l.retain(|x| *x != p) } else { l.push(p) });
    let toggle_unit = move |u: i64| chosen.update(|l| if l.contains(&u) { l.retain(|x| *x != u) } else { l.push(u) });
    let unit_boxes = move || {
        units.with(|list| {
            let Some(list) = list else { return Vec::new() };
            ordered(&list.units)
                .into_iter()
                .map(|(i, depth)| {
                    let u = list.units[i].id;
                    let name = indented(&list.units[i].name, depth);
                    view! {
                        <label class="choice">
                            <input type="checkbox" prop:checked=move || chosen.with(|l| l.contains(&u)) on:change=move |_| toggle_unit(u)/>
                            {name}
                        </label>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let heading = if id.is_some() { Key::EditTraining } else { Key::ScheduleTraining };
    view! {
        <form class="card form training-form" on:submit=submit>
            <h2>{tr(heading)}</h2>
            <label for="tr-title">{tr(Key::TrainingTitleLabel)}</label>
            <input id="tr-title" required maxlength="200" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            <label for="tr-form">{tr(Key::TrainingFormLabel)}</label>
            <select id="tr-form" on:change=move |ev| form.set(if event_target_value(&ev) == "workshop" { Form::Workshop } else { Form::Webinar })>
                <option value="webinar" selected=move || form.get() == Form::Webinar>{tr(Key::TrainingWebinar)}</option>
                <option value="workshop" selected=move || form.get() == Form::Workshop>{tr(Key::TrainingWorkshop)}</option>
            </select>
            <label for="tr-partner">{tr(Key::PartnerLabel)}</label>
            <select id="tr-partner" on:change=move |ev| partner.set(event_target_value(&ev).parse().ok())>
                <option value="" selected=move || partner.get().is_none()>{tr(Key::NoPartner)}</option>
                {move || partners.get().into_iter().map(|p| {
                    let pid = p.id;
                    view! { <option value=pid.to_string() selected=move || partner.get() == Some(pid)>{p.name}</option> }
                }).collect_view()}
            </select>
            <label for="tr-link">{tr(Key::LinkLabel)}</label>
            <input id="tr-link" type="url" placeholder="https://" prop:value=move || link.get() on:input=move |ev| link.set(event_target_value(&ev))/>
            <label for="tr-place">{tr(Key::PlaceLabel)}</label>
            <input id="tr-place" maxlength="200" prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev))/>
            <div class="row-fields">
                <span class="field">
                    <label for="tr-date">{tr(Key::DateLabel)}</label>
                    <input id="tr-date" type="date" required prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                </span>
                <span class="field">
                    <label for="tr-start">{tr(Key::StartLabel)}</label>
                    <input id="tr-start" type="time" required prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev))/>
                </span>
                <span class="field">
                    <label for="tr-end">{tr(Key::EndLabel)}</label>
                    <input id="tr-end" type="time" required prop:value=move || end.get() on:input=move |ev| end.set(event_target_value(&ev))/>
                </span>
            </div>
            <label for="tr-capacity">{tr(Key::CapacityLabel)}</label>
            <input id="tr-capacity" type="number" min="1" inputmode="numeric" prop:value=move || capacity.get() on:input=move |ev| capacity.set(event_target_value(&ev))/>
            <label for="tr-jp">{tr(Key::JpLabel)}</label>
            <input id="tr-jp" type="number" min="0" max=move || most().unwrap_or(40).to_string() aria-describedby="tr-jp-rule"
                prop:value=move || jp_shown().to_string()
                on:input=move |ev| jp.set(event_target_value(&ev).parse().ok())/>
            <p id="tr-jp-rule" class="muted">{move || match most() {
                Some(n) => i18n.fill(Key::JpRule, &[("n", &n.to_string())]),
                None => i18n.t(Key::JpRuleNoTimes).to_owned(),
            }}</p>
            <label for="tr-kind">{tr(Key::KindLabel)}</label>
            <select id="tr-kind" on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(k) = Kind::ALL.into_iter().find(|k| format!("{k:?}") == v) { competency.set(k) }
            }>
                {Kind::ALL.into_iter().map(|k| view! {
                    <option value=format!("{k:?}") selected=move || competency.get() == k>{tr(kind_key(k))}</option>
                }).collect_view()}
            </select>
            <fieldset>
                <legend>{tr(Key::PillarsLabel)}</legend>
                {Pillar::ALL.into_iter().map(|p| view! {
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || pillars.with(|l| l.contains(&p)) on:change=move |_| toggle_pillar(p)/>
                        {tr(pillar_key(p))}
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset class="unit-choices">
                <legend>{tr(Key::UnitsInvitedLabel)}</legend>
                {unit_boxes}
            </fieldset>
            <label for="tr-pre-reading">{tr(Key::PreReadingLabel)}</label>
            <select id="tr-pre-reading" aria-describedby="tr-pre-reading-help" on:change=move |ev| pre_reading.set(optional(event_target_value(&ev)))>
                <option value="" selected=move || pre_reading.with(Option::is_none)>{tr(Key::NoPreReading)}</option>
                {move || courses.get().into_iter().map(|c| {
                    let chosen = pre_reading.get().as_deref() == Some(c.id.as_str());
                    view! { <option value=c.id.clone() selected=chosen>{c.title}</option> }
                }).collect_view()}
            </select>
            <p id="tr-pre-reading-help" class="muted">{tr(Key::PreReadingHelp)}</p>
            <label for="tr-recording">{tr(Key::RecordingLabel)}</label>
            <input id="tr-recording" type="url" placeholder="https://" prop:value=move || recording.get() on:input=move |ev| recording.set(event_target_value(&ev))/>
            <label for="tr-materials">{tr(Key::MaterialsLabel)}</label>
            <textarea id="tr-materials" rows="3" prop:value=move || materials.get() on:input=move |ev| materials.set(event_target_value(&ev))></textarea>
            {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
            <div class="buttons">
                <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <button type="button" on:click=move |_| editing.set(None)>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jp_offered_follow_the_45_minute_rule() {
        let h = 3_600_000;
        assert_eq!(most_jp(Some(0), Some(2 * h)), Some(2));
        assert_eq!(most_jp(Some(0), Some(6 * h)), Some(8));
        assert_eq!(most_jp(Some(h), Some(0)), None);
        assert_eq!(most_jp(None, Some(h)), None);
    }
}
