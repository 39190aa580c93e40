//! `/konsol/unit` (admins): the unit tree, a form for a new unit, and editing in place.

use crate::api;
use crate::app::{AdminOnly, use_ui};
use crate::i18n::{Key, tr, use_i18n};
use crate::tree::{indented, ordered};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::Nip;
use lentera_protocol::org::{Unit, UnitInput, UnitList};

/// The NIPs of a comma-separated list (semicolons and lines work too), or the first that is not a NIP.
pub fn parse_supervisors(text: &str) -> Result<Vec<String>, String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Nip::parse(s).map(|n| n.to_string()).map_err(|_| s.to_owned()))
        .collect()
}

/// The unit the form describes, or the text of what to fix.
fn input(code: &str, name: &str, parent: &str, supervisors: &str, i18n: crate::i18n::I18n) -> Result<UnitInput, String> {
    let (code, name) = (code.trim(), name.trim());
    if code.is_empty() || name.is_empty() {
        return Err(i18n.t(Key::NeedCodeName).to_owned());
    }
    let supervisors = parse_supervisors(supervisors).map_err(|bad| i18n.fill(Key::BadSupervisorNip, &[("nip", &bad)]))?;
    let parent = (!parent.is_empty()).then(|| parent.to_owned());
    Ok(UnitInput { code: code.to_owned(), name: name.to_owned(), parent, supervisors })
}

#[component]
pub fn Units() -> impl IntoView {
    let ui = use_ui();
    view! {
        <h1 class="page-title">{tr(Key::UnitsTitle)}</h1>
        <Show when=move || ui.auth.is_admin() fallback=AdminOnly>
            <UnitsAdmin/>
        </Show>
    }
}

#[component]
fn UnitsAdmin() -> impl IntoView {
    let list = RwSignal::new(None::<UnitList>);
    let reload = move || spawn_local(async move { list.try_set(api::get::<UnitList>("/api/org/units").await); });
    reload();
    let editing = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);

    let tree = move || {
        list.with(|l| {
            let Some(l) = l else { return crate::app::loading().into_any() };
            let units = l.units.clone();
            view! {
                <ul class="tree">
                    {ordered(&units).into_iter().map(|(i, depth)| {
                        let unit = units[i].clone();
                        let all = units.clone();
                        let code = unit.code.clone();
                        view! {
                            <li style:padding-left=format!("{}rem", depth as f32 * 1.25)>
                                {move || if editing.with(|e| e.as_deref() == Some(code.as_str())) {
                                    view! { <UnitForm unit=Some(unit.clone()) units=all.clone() editing=editing saved=saved reload=reload/> }.into_any()
                                } else {
                                    unit_line(unit.clone(), editing).into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })
    };
    view! {
        {move || saved.get().map(|s| view! { <p class="done" role="status">{s}</p> })}
        <section class="card">{tree}</section>
        <section class="card">
            <h2>{tr(Key::NewUnit)}</h2>
            {move || list.get().map(|l| view! {
                <UnitForm unit=None units=l.units editing=editing saved=saved reload=reload/>
            })}
        </section>
    }
}

/// The unit's supervisors as (name, NIP); a NIP stands alone when its name is missing.
pub fn supervisors_named(unit: &Unit) -> Vec<(Option<String>, String)> {
    unit.supervisors
        .iter()
        .enumerate()
        .map(|(i, nip)| (unit.supervisor_names.get(i).map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()), nip.clone()))
        .collect()
}

fn unit_line(unit: Unit, editing: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let code = unit.code.clone();
    let people = supervisors_named(&unit);
    let supervisors = (!people.is_empty()).then(|| {
        let last = people.len() - 1;
        view! {
            <p class="supervisors">
                <span class="label">{tr(Key::UnitSupervisors)} ": "</span>
                {people.into_iter().enumerate().map(|(i, (name, nip))| view! {
                    <span class="head">
                        {name.map(|n| view! { {n} " " })}
                        <span class="nip">{nip}</span>
                        {(i < last).then(|| view! { <span class="sep">","</span> })}
                    </span>
                }).collect_view()}
            </p>
        }
    });
    let none = supervisors.is_none();
    view! {
        <div class="unitline">
            <div>
                <strong>{unit.name}</strong> " " <code>{unit.code}</code>
                <span class="sub">
                    {move || i18n.n(Key::StaffCount, unit.staff)}
                    {none.then(|| view! { " · " {tr(Key::NoSupervisors)} })}
                </span>
                {supervisors}
            </div>
            <button type="button" class="small" on:click=move |_| editing.set(Some(code.clone()))>{tr(Key::Edit)}</button>
        </div>
    }
}

/// Creates a unit (`unit` is `None`) or edits one in place.
#[component]
fn UnitForm(
    unit: Option<Unit>,
    units: Vec<Unit>,
    editing: RwSignal<Option<String>>,
    saved: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_new = unit.is_none();
    let code = RwSignal::new(unit.as_ref().map(|u| u.code.clone()).unwrap_or_default());
    let name = RwSignal::new(unit.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let parent = RwSignal::new(unit.as_ref().and_then(|u| u.parent.clone()).unwrap_or_default());
    let supervisors = RwSignal::new(unit.as_ref().map(|u| u.supervisors.join(", ")).unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match input(&code.get_untracked(), &name.get_untracked(), &parent.get_untracked(), &supervisors.get_untracked(), i18n) {
            Ok(body) => body,
            Err(text) => return problem.set(Some(text)),
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let (method, path) = if is_new { ("POST", "/api/org/units".to_owned()) } else { ("PUT", format!("/api/org/units/{}", api::enc(&body.code))) };
            let answer = api::json::<Unit>(method, &path, api::body(&body)).await;
            busy.try_set(false);
            if let Some(unit) = answer {
                let key = if is_new { Key::UnitCreated } else { Key::UnitSaved };
                saved.try_set(Some(i18n.fill(key, &[("code", &unit.code)])));
                editing.try_set(None);
                if is_new {
                    code.try_set(String::new());
                    name.try_set(String::new());
                    supervisors.try_set(String::new());
                }
                reload();
            }
        });
    };
    let own = code.get_untracked();
    let parents: Vec<(String, String)> = ordered(&units)
        .into_iter()
        .filter(|&(i, _)| is_new || units[i].code != own)
        .map(|(i, depth)| (units[i].code.clone(), indented(&units[i].name, depth)))
        .collect();
    let id = move |field: &str| format!("{}-{field}", if is_new { "new".to_owned() } else { own.clone() });

    view! {
        <form class="form unitform" on:submit=submit>
            <Show when=move || !is_new>
                <p class="editing"><strong>{move || code.get()}</strong></p>
            </Show>
            <Show when=move || is_new>
                <label for="new-code">{tr(Key::UnitCode)}</label>
                <input id="new-code" required prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            </Show>
            <label for=id("name")>{tr(Key::UnitName)}</label>
            <input id=id("name") required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for=id("parent")>{tr(Key::ParentLabel)}</label>
            <select id=id("parent") on:change=move |ev| parent.set(event_target_value(&ev))>
                <option value="" selected=move || parent.with(String::is_empty)>{tr(Key::NoParent)}</option>
                {parents.into_iter().map(|(c, label)| {
                    let selected = parent.with_untracked(|p| *p == c);
                    view! { <option value=c selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            <label for=id("sup")>{tr(Key::SupervisorsLabel)}</label>
            <input id=id("sup") inputmode="numeric" prop:value=move || supervisors.get() on:input=move |ev| supervisors.set(event_target_value(&ev))/>
            {move || problem.get().map(|p| view! { <p class="alert">{p}</p> })}
            <div class="buttons">
                <button class="primary" type="submit" disabled=move || busy.get()>
                    {move || i18n.t(if is_new { Key::CreateUnit } else { Key::Save })}
                </button>
                <Show when=move || !is_new>
                    <button type="button" on:click=move |_| editing.set(None)>{tr(Key::Cancel)}</button>
                </Show>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_supervisors, supervisors_named};
    use lentera_protocol::org::Unit;

    #[test]
    fn supervisors_pair_names_with_nips_in_order() {
        let unit = Unit {
            code: "SBG-KOMINFO".into(),
            name: "Dinas Kominfo".into(),
            parent: None,
            supervisors: vec!["197906182005011003".into(), "198503122010012002".into()],
            supervisor_names: vec!["Budi Santoso".into()],
            staff: 3,
            id: 1,
        };
        assert_eq!(
            supervisors_named(&unit),
            vec![(Some("Budi Santoso".to_owned()), "197906182005011003".to_owned()), (None, "198503122010012002".to_owned())]
        );
    }

    #[test]
    fn supervisors_are_checked_nips() {
        assert_eq!(
            parse_supervisors(" 197906182005011003, 198503122010012002 ,"),
            Ok(vec!["197906182005011003".to_owned(), "198503122010012002".to_owned()])
        );
        assert_eq!(parse_supervisors(""), Ok(vec![]));
        assert_eq!(parse_supervisors("197906182005011003, 12345"), Err("12345".to_owned()));
    }
}
