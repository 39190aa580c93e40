//! `/konsol/kerangka` (admins): the competency framework grouped by type, each competency's five
//! levels, editing one in place, what each position requires, and importing that as CSV.

use crate::api;
use crate::csv_upload::CsvUpload;
use crate::app::{AdminOnly, use_ui};
use crate::download::fetch_and_save;
use crate::i18n::{I18n, Key, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::akpk::{FrameworkCompetency, Offer};
use lentera_protocol::framework::{CompetencyInput, Framework, PositionRequirements, RequirementsImport, RequirementsRefused};
use lentera_protocol::{Competency as Kind, Pillar};

pub fn kind_key(kind: Kind) -> Key {
    match kind {
        Kind::Teknis => Key::KindTeknis,
        Kind::Manajerial => Key::KindManajerial,
        Kind::SosialKultural => Key::KindSosialKultural,
    }
}

pub fn pillar_key(pillar: Pillar) -> Key {
    match pillar {
        Pillar::Cakap => Key::PillarCakap,
        Pillar::Etika => Key::PillarEtika,
        Pillar::Aman => Key::PillarAman,
        Pillar::Budaya => Key::PillarBudaya,
    }
}

/// The edit form's fields as the server wants them, or `None` while one is empty.
pub fn input_of(kind: Kind, name: &str, description: &str, pillars: &[Pillar], levels: &[String], courses: &[String]) -> Option<CompetencyInput> {
    let filled = |s: &str| !s.trim().is_empty();
    if !filled(name) || !filled(description) || pillars.is_empty() || levels.len() != 5 || !levels.iter().all(|l| filled(l)) {
        return None;
    }
    Some(CompetencyInput {
        kind,
        name: name.trim().to_owned(),
        description: description.trim().to_owned(),
        pillars: Pillar::ALL.into_iter().filter(|p| pillars.contains(p)).collect(),
        levels: levels.iter().map(|l| l.trim().to_owned()).collect(),
        courses: courses.to_vec(),
    })
}

#[component]
pub fn FrameworkPage() -> impl IntoView {
    let ui = use_ui();
    view! {
        <h1 class="page-title">{tr(Key::FrameworkTitle)}</h1>
        <Show when=move || ui.auth.is_admin() fallback=AdminOnly>
            <FrameworkAdmin/>
        </Show>
    }
}

#[component]
fn FrameworkAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let data = RwSignal::new(None::<Framework>);
    let reload = move || spawn_local(async move { data.try_set(api::get::<Framework>("/api/framework").await); });
    reload();
    let editing = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);

    let groups = move || {
        data.with(|d| {
            let Some(d) = d else { return crate::app::loading().into_any() };
            Kind::ALL
                .into_iter()
                .map(|kind| {
                    let mine: Vec<FrameworkCompetency> = d.competencies.iter().filter(|c| c.kind == kind).cloned().collect();
                    let courses = d.courses.clone();
                    (!mine.is_empty()).then(|| view! {
                        <section class="fw-kind">
                            <h2>{tr(kind_key(kind))}</h2>
                            {mine.into_iter().map(|c| {
                                let code = c.code.clone();
                                let courses = courses.clone();
                                move || if editing.with(|e| e.as_deref() == Some(code.as_str())) {
                                    view! { <CompetencyForm competency=c.clone() courses=courses.clone() editing=editing saved=saved reload=reload/> }.into_any()
                                } else {
                                    competency_card(c.clone(), &courses, editing, i18n).into_any()
                                }
                            }).collect_view()}
                        </section>
                    })
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <p class="muted">{tr(Key::FrameworkIntro)}</p>
        {move || saved.get().map(|s| view! { <p class="done" role="status">{s}</p> })}
        {groups}
        <section class="card">
            <h2>{tr(Key::RequirementsTitle)}</h2>
            <p class="muted">{tr(Key::RequirementsIntro)}</p>
            {move || data.with(|d| d.as_ref().map(|d| requirements_view(d.positions.clone(), &d.competencies, i18n)))}
            <button type="button" on:click=move |_| { spawn_local(async { fetch_and_save("/api/framework/requirements.csv", "lentera-kebutuhan-kompetensi.csv").await; }); }>
                {tr(Key::DownloadRequirements)}
            </button>
        </section>
        <RequirementsImportBox reload=reload/>
    }
}

fn competency_card(c: FrameworkCompetency, offers: &[Offer], editing: RwSignal<Option<String>>, i18n: I18n) -> impl IntoView {
    let code = c.code.clone();
    let titles: Vec<String> = c.courses.iter().map(|id| offers.iter().find(|o| &o.id == id).map_or_else(|| id.clone(), |o| o.title.clone())).collect();
    view! {
        <article class="card fw-comp">
            <div class="fw-head">
                <h3><code>{c.code.clone()}</code> " " {c.name}</h3>
                <button type="button" class="small" on:click=move |_| editing.set(Some(code.clone()))>{tr(Key::Edit)}</button>
            </div>
            <p>{c.description}</p>
            <p class="pillars">
                <span class="sr">{tr(Key::PillarsLabel)} ": "</span>
                {c.pillars.into_iter().map(|p| view! { <span class="tag">{tr(pillar_key(p))}</span> " " }).collect_view()}
            </p>
            // Folded: ten competencies with five levels each made the page 15,000 px tall on a phone.
            <details class="levels-fold">
                <summary>{tr(Key::LevelsLabel)}</summary>
                <ol class="levels">
                    {c.levels.into_iter().enumerate().map(|(i, text)| view! {
                        <li><strong>{move || i18n.n(Key::LevelN, i + 1)}</strong> " " {text}</li>
                    }).collect_view()}
                </ol>
            </details>
            <p class="sub">
                <span>{tr(Key::MappedCourses)} ": "</span>
                {if titles.is_empty() { i18n.t(Key::NoMappedCourses).to_owned() } else { titles.join(", ") }}
            </p>
        </article>
    }
}

fn requirements_view(positions: Vec<PositionRequirements>, competencies: &[FrameworkCompetency], i18n: I18n) -> impl IntoView + use<> {
    if positions.is_empty() {
        return view! { <p class="muted">{tr(Key::NoRequirements)}</p> }.into_any();
    }
    let name_of = |code: &str| competencies.iter().find(|c| c.code == code).map(|c| c.name.clone()).unwrap_or_default();
    view! {
        <div class="positions">
            {positions.into_iter().map(|p| view! {
                <div class="position">
                    <h3>{p.position}</h3>
                    <ul class="reqs">
                        {p.requirements.into_iter().map(|r| {
                            let name = name_of(&r.competency);
                            let level = r.level;
                            view! {
                                <li>
                                    <span><code>{r.competency}</code> " " {name}</span>
                                    <span class="level">{move || i18n.n(Key::LevelN, level)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// Edits one competency in place.
#[component]
fn CompetencyForm(
    competency: FrameworkCompetency,
    courses: Vec<Offer>,
    editing: RwSignal<Option<String>>,
    saved: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = competency.code.clone();
    let kind = RwSignal::new(competency.kind);
    let name = RwSignal::new(competency.name.clone());
    let description = RwSignal::new(competency.description.clone());
    let pillars = RwSignal::new(competency.pillars.clone());
    let levels: Vec<RwSignal<String>> = (0..5).map(|i| RwSignal::new(competency.levels.get(i).cloned().unwrap_or_default())).collect();
    let chosen = RwSignal::new(competency.courses.clone());
    let problem = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let id = {
        let code = code.clone();
        move |field: &str| format!("{code}-{field}")
    };

    let level_signals = levels.clone();
    let submit = {
        let code = code.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let texts: Vec<String> = level_signals.iter().map(|l| l.get_untracked()).collect();
            let Some(body) = input_of(kind.get_untracked(), &name.get_untracked(), &description.get_untracked(), &pillars.get_untracked(), &texts, &chosen.get_untracked()) else {
                return problem.set(Some(Key::NeedFrameworkFields));
            };
            problem.set(None);
            busy.set(true);
            let code = code.clone();
            spawn_local(async move {
                let path = format!("/api/framework/competencies/{}", api::enc(&code));
                let answer = api::json::<FrameworkCompetency>("PUT", &path, api::body(&body)).await;
                busy.try_set(false);
                if answer.is_some() {
                    saved.try_set(Some(i18n.fill(Key::CompetencySaved, &[("code", &code)])));
                    editing.try_set(None);
                    reload();
                }
            });
        }
    };
    let toggle_pillar = move |p: Pillar| pillars.update(|list| if list.contains(&p) { list.retain(|x| *x != p) } else { list.push(p) });
    let toggle_course = move |c: String| chosen.update(|list| if list.contains(&c) { list.retain(|x| *x != c) } else { list.push(c) });

    view! {
        <form class="card form fw-form" on:submit=submit>
            <p class="editing"><strong><code>{code.clone()}</code></strong></p>
            <label for=id("kind")>{tr(Key::KindLabel)}</label>
            <select id=id("kind") on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(k) = Kind::ALL.into_iter().find(|k| format!("{k:?}") == v) { kind.set(k) }
            }>
                {Kind::ALL.into_iter().map(|k| view! {
                    <option value=format!("{k:?}") selected=move || kind.get() == k>{tr(kind_key(k))}</option>
                }).collect_view()}
            </select>
            <label for=id("name")>{tr(Key::CompetencyName)}</label>
            <input id=id("name") required maxlength="120" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for=id("desc")>{tr(Key::DescriptionLabel)}</label>
            <textarea id=id("desc") required maxlength="300" rows="3" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            <fieldset>
                <legend>{tr(Key::PillarsLabel)}</legend>
                {Pillar::ALL.into_iter().map(|p| {
                    view! {
                        <label class="choice">
                            <input type="checkbox" prop:checked=move || pillars.with(|l| l.contains(&p)) on:change=move |_| toggle_pillar(p)/>
                            {tr(pillar_key(p))}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{tr(Key::LevelsLabel)}</legend>
                {levels.into_iter().enumerate().map(|(i, level)| {
                    let field = id(&format!("level{}", i + 1));
                    view! {
                        <label for=field.clone()>{move || i18n.n(Key::LevelN, i + 1)}</label>
                        <textarea id=field required maxlength="400" rows="4" prop:value=move || level.get() on:input=move |ev| level.set(event_target_value(&ev))></textarea>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{tr(Key::MappedCourses)}</legend>
                {courses.into_iter().map(|o| {
                    let course = o.id.clone();
                    let checked = o.id.clone();
                    view! {
                        <label class="choice">
                            <input type="checkbox" prop:checked=move || chosen.with(|l| l.contains(&checked)) on:change=move |_| toggle_course(course.clone())/>
                            {o.title}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
            <div class="buttons">
                <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <button type="button" on:click=move |_| editing.set(None)>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn RequirementsImportBox(reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let upload = CsvUpload::<RequirementsImport, RequirementsRefused>::new();
    let CsvUpload { outcome, busy, problem, .. } = upload;
    let choose = move |ev: leptos::ev::Event| upload.choose(ev);
    let submit = move |ev: leptos::ev::SubmitEvent| upload.submit(ev, "/api/framework/requirements", reload);
    view! {
        <section class="card">
            <h2>{tr(Key::RequirementsImportTitle)}</h2>
            <p>{tr(Key::RequirementsImportIntro)}</p>
            <pre class="sample">"jabatan,kode_kompetensi,level\nAnalis Kebijakan,DIG-08,4\nPranata Humas,DIG-06,4"</pre>
            <form class="form" on:submit=submit>
                <label for="framework-file">{tr(Key::ChooseFile)}</label>
                <input id="framework-file" type="file" accept=".csv,text/csv" on:change=choose/>
                {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
                <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::ImportFileNow)}</button>
            </form>
            {move || outcome.get().map(|o| match o {
                Ok(n) => view! {
                    <p class="done" role="status">{i18n.fill(Key::RequirementsDone, &[
                        ("positions", &n.positions.to_string()), ("added", &n.added.to_string()), ("changed", &n.changed.to_string()),
                        ("removed", &n.removed.to_string()), ("unchanged", &n.unchanged.to_string()),
                    ])}</p>
                }.into_any(),
                Err(refused) => view! {
                    <div role="status">
                        <h3 class="alert-text">{i18n.n(Key::RequirementsErrors, refused.errors.len())}</h3>
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
    fn the_form_sends_only_complete_competencies_with_pillars_in_their_order() {
        let levels: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        let courses = vec!["keamanan-digital".to_owned()];
        let input = input_of(Kind::Teknis, " Keamanan ", "Uraian", &[Pillar::Aman, Pillar::Cakap], &levels, &courses).expect("complete");
        assert_eq!((input.name.as_str(), input.pillars.as_slice()), ("Keamanan", &[Pillar::Cakap, Pillar::Aman][..]));
        assert!(input_of(Kind::Teknis, "Nama", "Uraian", &[], &levels, &courses).is_none(), "no pillar");
        let mut blank = levels.clone();
        blank[2] = "  ".into();
        assert!(input_of(Kind::Teknis, "Nama", "Uraian", &[Pillar::Aman], &blank, &courses).is_none(), "a blank level");
        assert!(input_of(Kind::Teknis, "", "Uraian", &[Pillar::Aman], &levels, &courses).is_none(), "no name");
    }
}
