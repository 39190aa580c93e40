//! Katalog: every course, filtered by pillar and competency type, each downloadable for offline use.

use super::labels::{competency, kb, pillar};
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
                <select on:change=on_pillar>
                    <option value="">{tr(Key::All)}</option>
                    {Pillar::ALL.into_iter().map(|p| view! { <option value=format!("{p:?}")>{move || i18n.t(pillar(p))}</option> }).collect_view()}
                </select>
            </label>
            <label>
                <span>{tr(Key::FilterType)}</span>
                <select on:change=on_type>
                    <option value="">{tr(Key::All)}</option>
                    {Competency::ALL.into_iter().map(|c| view! { <option value=format!("{c:?}")>{move || i18n.t(competency(c))}</option> }).collect_view()}
                </select>
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
            spawn_local(async move { library.download(&services, &course).await });
        }
    };
    let failure = {
        let id = id.clone();
        move || library.failed.with(|f| f.get(&id).copied())
    };
    let href = format!("/kursus/{id}");
    let title_id = format!("title-{id}");
    let label_id = title_id.clone();
    view! {
        <li class="card course" data-course=id.clone() aria-labelledby=label_id>
            <h2 id=title_id><a href=href.clone()>{course.title.clone()}</a></h2>
            <p>{course.summary.clone()}</p>
            <p class="tags">
                <span class="tag jp">{move || i18n.n(Key::JpCount, course.jp)}</span>
                <span class="tag">{move || i18n.t(competency(course.competency))}</span>
                {course.pillars.iter().map(|p| {
                    let p = *p;
                    view! { <span class="tag pillar">{move || i18n.t(pillar(p))}</span> }
                }).collect_view()}
            </p>
            <p class="muted">
                {move || i18n.n(Key::LessonsCount, course.lessons)} " · "
                {move || i18n.n(Key::QuestionsCount, course.questions)} " · "
                {move || i18n.n(Key::SizeKb, kb(course.download_bytes))}
            </p>
            <div class="actions" data-state=move || format!("{:?}", state.get())>
                {move || match state.get() {
                    CourseState::NotDownloaded => view! {
                        <span class="state">{tr(Key::StateNotDownloaded)}</span>
                        <button class="primary" type="button" on:click=download.clone()>{tr(Key::Download)}</button>
                    }.into_any(),
                    CourseState::Downloading { percent } => view! {
                        <span class="state" role="status">{i18n.n(Key::StateDownloading, percent)}</span>
                        <progress max="100" value=percent aria-label=i18n.t(Key::Download)></progress>
                    }.into_any(),
                    CourseState::Ready => view! {
                        <span class="state ok">"✓ " {tr(Key::StateReady)}</span>
                        <a class="button primary" href=href.clone()>{tr(Key::Open)}</a>
                    }.into_any(),
                    CourseState::UpdateAvailable => view! {
                        <span class="state warn">{tr(Key::StateUpdate)}</span>
                        <button class="primary" type="button" on:click=download.clone()>{tr(Key::UpdateCourse)}</button>
                        <a class="button" href=href.clone()>{tr(Key::Open)}</a>
                    }.into_any(),
                }}
            </div>
            {move || failure().map(|e| view! {
                <p class="alert" role="alert">{move || i18n.t(match e {
                    DownloadError::Full => Key::StorageFull,
                    DownloadError::Network => Key::DownloadFailed,
                    DownloadError::Storage => Key::StorageError,
                })}</p>
            })}
        </li>
    }
}
