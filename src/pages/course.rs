//! A course on this device: its lessons with what is read, and its quiz with the best score.

use super::labels::{competency, pillar};
use super::pack::PackGate;
use crate::app::Services;
use crate::components::ready::Ready;
use crate::i18n::{Key, tr, use_i18n};
use crate::learning::use_learning;
use crate::library::use_library;
use crate::store::StoredPack;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Course() -> impl IntoView {
    view! { <Ready view=|services| view! { <PackGate services view=|stored, services| view! { <Overview stored services/> }.into_any()/> }.into_any()/> }
}

#[component]
fn Overview(
    /// The downloaded pack.
    stored: StoredPack,
    /// Open storage, to remove the download.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let library = use_library();
    let pack = stored.pack;
    let id = pack.id.clone();
    let course = {
        let id = id.clone();
        Memo::new(move |_| learning.progress.with(|p| p.courses.get(&id).cloned().unwrap_or_default()))
    };
    let navigate = leptos_router::hooks::use_navigate();
    let remove = {
        let id = id.clone();
        move |_| {
            let (services, id, navigate) = (services.clone(), id.clone(), navigate.clone());
            spawn_local(async move {
                if library.remove(&services.store, &id).await.is_ok() {
                    navigate("/katalog", Default::default());
                }
            });
        }
    };
    let lessons = pack.lessons.iter().enumerate().map(|(n, lesson)| {
        let lesson_id = lesson.id.clone();
        let done = Memo::new(move |_| course.with(|c| c.lessons_done.contains(&lesson_id)));
        view! {
            <li>
                <a class="step" href=format!("/kursus/{id}/pelajaran/{}", lesson.id) data-done=move || done.get().to_string()>
                    <span class="num" aria-hidden="true">{n + 1}</span>
                    <span>{lesson.title.clone()}</span>
                    {move || done.get().then(|| view! { <span class="state ok">"✓ " {tr(Key::LessonDone)}</span> })}
                </a>
            </li>
        }
    }).collect_view();
    let quiz_status = move || {
        let c = course.get();
        match (c.completed, c.best()) {
            (Some(done), _) => i18n.n(Key::JpCredited, done.jp),
            (None, Some(best)) => i18n.n(Key::BestScore, best.percent()),
            (None, None) => i18n.t(Key::NotTaken).to_owned(),
        }
    };
    let quiz_label = move || if course.with(|c| c.open_attempt().is_some()) { Key::ContinueQuiz } else { Key::StartQuiz };
    view! {
        <h1 class="page-title">{pack.title.clone()}</h1>
        <p class="lead">{pack.summary.clone()}</p>
        <p class="tags">
            <span class="tag jp">{move || i18n.n(Key::JpCount, pack.jp)}</span>
            <span class="tag">{move || i18n.t(competency(pack.competency))}</span>
            {pack.pillars.iter().map(|p| { let p = *p; view! { <span class="tag pillar">{move || i18n.t(pillar(p))}</span> } }).collect_view()}
        </p>
        <section class="card" aria-labelledby="lessons-title">
            <h2 id="lessons-title">{tr(Key::Lessons)}</h2>
            <ol class="steps">{lessons}</ol>
        </section>
        <section class="card" aria-labelledby="quiz-title">
            <h2 id="quiz-title">{tr(Key::Quiz)}</h2>
            <p data-testid="quiz-status">{quiz_status}</p>
            <p class="muted">{tr(Key::PassRule)}</p>
            <a class="button primary" href=format!("/kursus/{}/kuis", pack.id)>{move || i18n.t(quiz_label())}</a>
        </section>
        <button class="link danger" type="button" on:click=remove>{tr(Key::RemoveDownload)}</button>
    }
}
