//! Katalog: every course, filtered by pillar and competency type, each downloadable for offline use.

use super::html::{el, esc};
use super::labels::{competency, kb, pillar, tags_html};
use crate::app::Services;
use crate::components::ready::Ready;
use crate::i18n::{Key, tr, use_i18n};
use crate::library::{CatalogueSource, CourseState, DownloadError, storage::human_bytes, use_library};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::{Competency, CourseSummary, Pillar};

#[component]
pub fn Catalogue() -> impl IntoView {
    view! {
        <h1 class="page-title">{tr(Key::CatalogueTitle)}</h1>
        <Ready view=|services| view! { <CatalogueList services/> }.into_any()/>
    }
}

#[component]
fn CatalogueList(
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let pillar_filter = RwSignal::new(None::<Pillar>);
    let type_filter = RwSignal::new(None::<Competency>);
    let shown = move || {
        library.catalogue.get().into_iter().filter(|c| {
            pillar_filter.get().is_none_or(|p| c.pillars.contains(&p)) && type_filter.get().is_none_or(|t| c.competency == t)
        })
        .collect::<Vec<_>>()
    };
    let on_pillar = move |ev| pillar_filter.set(Pillar::ALL.into_iter().find(|p| format!("{p:?}") == event_target_value(&ev)));
    let on_type = move |ev| type_filter.set(Competency::ALL.into_iter().find(|c| format!("{c:?}") == event_target_value(&ev)));
    view! {
        <div class="filters">
            <label>
                <span>{tr(Key::FilterPillar)}</span>
                <select on:change=on_pillar inner_html=move || {
                    options(i18n.t(Key::All), Pillar::ALL.map(|p| (format!("{p:?}"), i18n.t(pillar(p)), pillar_filter.get() == Some(p))))
                }></select>
            </label>
            <label>
                <span>{tr(Key::FilterType)}</span>
                <select on:change=on_type inner_html=move || {
                    options(i18n.t(Key::All), Competency::ALL.map(|c| (format!("{c:?}"), i18n.t(competency(c)), type_filter.get() == Some(c))))
                }></select>
            </label>
        </div>
        <p class="muted" role="status">
            {move || match library.source.get() {
                CatalogueSource::Never => i18n.t(Key::CatalogueNeverLoaded),
                CatalogueSource::Phone => i18n.t(Key::CatalogueFromPhone),
                CatalogueSource::Server => "",
            }}
        </p>
        <ul class="courses">
            {move || {
                let courses = shown();
                if courses.is_empty() && library.source.get() != CatalogueSource::Never {
                    return view! { <li class="muted">{tr(Key::NoMatch)}</li> }.into_any();
                }
                courses.into_iter().map(|course| {
                    let services = services.clone();
                    view! { <CourseCard course services/> }
                }).collect_view().into_any()
            }}
        </ul>
        <p class="muted" data-testid="space">
            {move || library.space.get().map(|(used, quota)| {
                i18n.fill(Key::StorageUse, &[("used", &human_bytes(used)), ("quota", &human_bytes(quota))])
            })}
        </p>
    }
}

/// A filter's `<option>`s: "all" first, then (value, label, selected) each.
fn options<const N: usize>(all: &str, items: [(String, &str, bool); N]) -> String {
    let rest: String = items
        .iter()
        .map(|(value, label, selected)| {
            format!("<option value=\"{}\"{}>{}</option>", esc(value), if *selected { " selected" } else { "" }, esc(label))
        })
        .collect();
    format!("<option value=\"\">{}</option>{rest}", esc(all))
}

#[component]
fn CourseCard(
    /// The catalogue entry.
    course: CourseSummary,
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let id = course.id.clone();
    let state = {
        let course = course.clone();
        Memo::new(move |_| library.state(&course))
    };
    let download = {
        let course = course.clone();
        move |_| {
            let (course, services) = (course.clone(), services.clone());
            spawn_local(async move { library.download(&services.store, &course).await });
        }
    };
    let failure = {
        let id = id.clone();
        move || library.failed.with(|f| f.get(&id).copied())
    };
    let facts = {
        let c = course.clone();
        move || {
            let counts = [
                i18n.n(Key::LessonsCount, c.lessons),
                i18n.n(Key::QuestionsCount, c.questions),
                i18n.n(Key::SizeKb, kb(c.download_bytes)),
            ];
            el("p", "", &c.summary) + &tags_html(&i18n, c.jp, c.competency, &c.pillars) + &el("p", "muted", &counts.join(" · "))
        }
    };
    let href = format!("/kursus/{id}");
    // One markup string per state and one click handler: four typed views cost the wasm far more.
    let actions = {
        let href = esc(&href);
        move || {
            let t = |key| esc(i18n.t(key));
            let download = |label| format!("<button class=\"primary\" type=\"button\" data-download>{}</button>", t(label));
            match state.get() {
                CourseState::NotDownloaded => format!("<span class=\"state\">{}</span>{}", t(Key::StateNotDownloaded), download(Key::Download)),
                CourseState::Downloading { percent } => format!(
                    "<span class=\"state\" role=\"status\">{}</span><progress max=\"100\" value=\"{percent}\" aria-label=\"{}\"></progress>",
                    esc(&i18n.n(Key::StateDownloading, percent)),
                    t(Key::Download)
                ),
                CourseState::Ready => format!(
                    "<span class=\"state ok\">✓ {}</span><a class=\"button primary\" href=\"{href}\">{}</a>",
                    t(Key::StateReady),
                    t(Key::Open)
                ),
                CourseState::UpdateAvailable => format!(
                    "<span class=\"state warn\">{}</span>{}<a class=\"button\" href=\"{href}\">{}</a>",
                    t(Key::StateUpdate),
                    download(Key::UpdateCourse),
                    t(Key::Open)
                ),
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let on_button = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest("[data-download]").ok().flatten())
            .is_some();
        if on_button {
            download(ev);
        }
    };
    let title_id = format!("title-{id}");
    let label_id = title_id.clone();
    view! {
        <li class="card course" data-course=id.clone() aria-labelledby=label_id>
            <h2 id=title_id><a href=href.clone()>{course.title.clone()}</a></h2>
            <div inner_html=facts></div>
            <div class="actions" data-state=move || format!("{:?}", state.get()) inner_html=actions on:click=on_click></div>
            {move || failure().map(|e| {
                let key = match e {
                    DownloadError::Full => Key::StorageFull,
                    DownloadError::Network => Key::DownloadFailed,
                    DownloadError::Storage => Key::StorageError,
                };
                view! { <p class="alert" role="alert">{i18n.t(key)}</p> }
            })}
        </li>
    }
}
