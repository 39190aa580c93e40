//! `/konsol/tugas`: assign a course with a due date to a unit or to chosen people, the courses
//! standing for units, and the current assignments with their status.

use crate::api;
use crate::app::{PAGE_ROWS, after_typing, use_picks};
use crate::format::{date, iso_date};
use crate::i18n::{Key, Lang, text, tr, use_i18n};
use crate::pages::dashboard::{load_dashboard, load_units, unit_options};
use crate::pages::person::status_view;
use crate::staff::{Ask, Col, Sort};
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::pages::standing::standing_list;
use lentera_protocol::org::{AssignmentOverview, AssignmentView, AssignmentsMade, NewAssignment, StandingView};
use serde::Deserialize;

/// The little of `GET /api/courses` this page needs (a smaller decoder than the whole summary).
#[derive(Clone, Deserialize)]
pub(crate) struct Course {
    pub id: String,
    pub title: String,
    jp: u32,
}

#[derive(Deserialize)]
pub(crate) struct Catalogue {
    pub courses: Vec<Course>,
}

/// People shown in the picker at once (the server's first page by name); searching narrows the rest.
const PICKER_ROWS: u32 = 100;

fn today() -> String {
    let d = js_sys::Date::new_0();
    iso_date(d.get_full_year(), d.get_month() + 1, d.get_date())
}

#[component]
pub fn Assign() -> impl IntoView {
    let i18n = use_i18n();
    let picks = use_picks();
    let courses = RwSignal::new(None::<Vec<Course>>);
    spawn_local(async move { courses.try_set(api::get::<Catalogue>("/api/courses").await.map(|c| c.courses)); });
    let units = load_units();
    // The picker asks the server: the first people by name who match what is typed.
    let query = RwSignal::new(String::new());
    let ask = Memo::new(move |_| Ask { unit: String::new(), q: query.get(), sort: Sort { col: Col::Name, ascending: true }, offset: 0, limit: PICKER_ROWS });
    let (everyone, _) = load_dashboard(ask.into());
    let typing = StoredValue::new(0u32);
    let list = RwSignal::new(None::<Vec<AssignmentView>>);
    let standing = RwSignal::new(Vec::<StandingView>::new());
    let reload = move || load_assignments(list, standing);
    reload();

    // Start from what was ticked (or filtered) on the dashboard.
    let ticked = picks.checked.get_untracked();
    let by_people = RwSignal::new(!ticked.is_empty());
    let chosen = RwSignal::new(ticked);
    let unit = RwSignal::new(picks.unit.get_untracked());
    let course = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let made = RwSignal::new(None::<AssignmentsMade>);
    let busy = RwSignal::new(false);
    let shown = RwSignal::new(PAGE_ROWS);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        made.set(None);
        let people = by_people.get_untracked();
        let request = NewAssignment {
            course_id: course.get_untracked(),
            due_date: due.get_untracked(),
            nips: if people { chosen.get_untracked().into_iter().collect() } else { Vec::new() },
            unit: (!people).then(|| unit.get_untracked()).filter(|u| !u.is_empty()),
        };
        let missing = if request.course_id.is_empty() {
            Some(Key::NeedCourse)
        } else if request.due_date.is_empty() || request.due_date < today() {
            Some(Key::NeedDue)
        } else if request.nips.is_empty() && request.unit.is_none() {
            Some(Key::NeedTarget)
        } else {
            None
        };
        problem.set(missing);
        if missing.is_some() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let answer = api::json::<AssignmentsMade>("POST", "/api/assignments", api::body(&request)).await;
            busy.try_set(false);
            if answer.is_some() {
                made.try_set(answer);
                reload();
            }
        });
    };

    let people = move || {
        everyone.with(|d| {
            let Some(d) = d else { return crate::app::loading().into_any() };
            let found = d.staff.clone();
            view! {
                <ul class="picker">
                    {found.into_iter().map(|r| {
                        let (nip, nip_check) = (r.nip.clone(), r.nip.clone());
                        view! {
                            <li><label>
                                <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&nip_check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let nip = nip.clone();
                                        chosen.update(move |c| { if on { c.insert(nip) } else { c.remove(&nip) }; });
                                    }/>
                                <span>{r.name}</span>
                                <span class="sub">{format!("{} · {}", r.nip, r.unit_name)}</span>
                            </label></li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })
    };

    view! {
        <h1 class="page-title">{tr(Key::AssignTitle)}</h1>
        <form class="card form" on:submit=submit>
            <label for="course">{tr(Key::CourseLabel)}</label>
            <select id="course" on:change=move |ev| course.set(event_target_value(&ev))>
                <option value="">{tr(Key::ChooseCourse)}</option>
                {move || courses.get().unwrap_or_default().into_iter().map(|c| {
                    let selected = course.with_untracked(|s| *s == c.id);
                    view! { <option value=c.id selected=selected>{format!("{} ({} JP)", c.title, c.jp)}</option> }
                }).collect_view()}
            </select>
            <label for="due">{tr(Key::DueLabel)}</label>
            <input id="due" type="date" min=today() prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
            <fieldset>
                <legend>{tr(Key::TargetLabel)}</legend>
                <label class="choice">
                    <input type="radio" name="target" prop:checked=move || !by_people.get() on:change=move |_| by_people.set(false)/>
                    {tr(Key::TargetUnit)}
                </label>
                <label class="choice">
                    <input type="radio" name="target" prop:checked=move || by_people.get() on:change=move |_| by_people.set(true)/>
                    {tr(Key::TargetPeople)}
                </label>
                <Show when=move || !by_people.get()>
                    <select aria-label=tr(Key::FilterUnit) on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="">{tr(Key::ChooseUnit)}</option>
                        {unit_options(units, unit.into())}
                    </select>
                    <p class="muted">{tr(Key::UnitHelp)}</p>
                </Show>
                <Show when=move || by_people.get()>
                    <input type="search" aria-label=tr(Key::Search) placeholder=tr(Key::Search)
                        prop:value=move || search.get() on:input=move |ev| {
                            let text = event_target_value(&ev);
                            search.set(text.clone());
                            after_typing(typing, text, move |text| query.set(text.trim().to_owned()));
                        }/>
                    <p class="muted">{move || i18n.n(Key::PeopleChosen, chosen.with(|c| c.len()))}</p>
                    {people}
                </Show>
            </fieldset>
            {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
            {move || made.get().map(|m| view! {
                <p class="done" role="status">
                    {i18n.fill(Key::AssignDone, &[("n", &m.assigned.to_string()), ("m", &m.updated.to_string())])}
                </p>
            })}
            <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::AssignButton)}</button>
        </form>
        {move || standing_list(standing.get(), i18n.lang.get(), reload)}
        <section class="card">
            <h2>{tr(Key::ExistingTitle)}</h2>
            {move || {
                let lang = i18n.lang.get();
                match list.get() {
                    None => crate::app::loading().into_any(),
                    Some(l) if l.is_empty() => view! { <p class="muted">{tr(Key::NoAssignments)}</p> }.into_any(),
                    Some(l) => existing(l, lang, list, standing, shown).into_any(),
                }
            }}
        </section>
    }
}

fn load_assignments(list: RwSignal<Option<Vec<AssignmentView>>>, standing: RwSignal<Vec<StandingView>>) {
    spawn_local(async move {
        if let Some(overview) = api::get::<AssignmentOverview>("/api/assignments").await {
            standing.try_set(overview.standing);
            list.try_set(Some(overview.assignments));
        }
    });
}

fn existing(
    mut items: Vec<AssignmentView>,
    lang: Lang,
    list: RwSignal<Option<Vec<AssignmentView>>>,
    standing: RwSignal<Vec<StandingView>>,
    shown: RwSignal<usize>,
) -> impl IntoView {
    let t = |key| text(lang, key);
    // Overdue first, then by due date: what needs a word with someone comes to the top.
    let rank = |s: &str| match s { "overdue" => 0, "open" => 1, _ => 2 };
    items.sort_by(|a, b| rank(&a.status).cmp(&rank(&b.status)).then_with(|| a.due_date.cmp(&b.due_date)).then_with(|| a.name.cmp(&b.name)));
    let more = items.len() > shown.get();
    let rows = items
        .into_iter()
        .take(shown.get())
        .map(|a| {
            let question = crate::i18n::fill(t(Key::ConfirmDelete), &[("title", &a.title), ("name", &a.name)]);
            let id = a.id;
            let delete = move |_| {
                let sure = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
                if !sure {
                    return;
                }
                spawn_local(async move {
                    if api::done("DELETE", &format!("/api/assignments/{id}"), api::Body::Empty).await {
                        list.try_update(|l| if let Some(l) = l { l.retain(|a| a.id != id) });
                        // A list fetched while the delete was on its way may still hold the row.
                        load_assignments(list, standing);
                    }
                });
            };
            view! {
                <tr>
                    <td class="name" data-label=t(Key::ColPerson)><a href=format!("/konsol/staf/{}", a.nip)>{a.name}</a></td>
                    <td data-label=t(Key::ColCourse)>{a.title}</td>
                    <td data-label=t(Key::ColDue)>{date(lang, &a.due_date)}</td>
                    <td data-label=t(Key::ColStatus)>{status_view(&a.status, lang)}</td>
                    <td><button type="button" class="small danger" on:click=delete>{t(Key::Delete)}</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="list">
            <thead><tr>
                <th scope="col">{t(Key::ColPerson)}</th><th scope="col">{t(Key::ColCourse)}</th>
                <th scope="col">{t(Key::ColDue)}</th><th scope="col">{t(Key::ColStatus)}</th>
                <th scope="col"><span class="sr">{t(Key::Delete)}</span></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {more.then(|| view! {
            <button type="button" class="more" on:click=move |_| shown.update(|n| *n += PAGE_ROWS)>{t(Key::ShowMore)}</button>
        })}
    }
}
