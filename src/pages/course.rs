//! A course on this device: its lessons with what is read, and its quiz with the best score.

use super::html::{el, esc};
use super::labels::tags_html;
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
    // Only the on-demand test page reads the tests; here a look at the JSON says whether there are any.
    let tests = stored.json.contains("\"tests\":{");
    let pack = stored.pack;
    let id = pack.id.clone();
    let course = {
        let id = id.clone();
        Memo::new(move |_| learning.progress.with(|p| p.courses.get(&id).cloned().unwrap_or_default()))
    };
    let location = crate::route::use_location();
    let remove = {
        let id = id.clone();
        move |_| {
            let (services, id) = (services.clone(), id.clone());
            spawn_local(async move {
                if library.remove(&services.store, &id).await.is_ok() {
                    location.navigate("/katalog", false);
                }
            });
        }
    };
    let lessons = {
        let (id, list): (String, Vec<(String, String)>) = (id.clone(), pack.lessons.iter().map(|l| (l.id.clone(), l.title.clone())).collect());
        move || {
            let done_label = format!("✓ {}", i18n.t(Key::LessonDone));
            course.with(|c| {
                list.iter().enumerate().map(|(n, (lesson, title))| {
                    let done = c.lessons_done.contains(lesson);
                    format!(
                        "<li><a class=\"step\" href=\"/kursus/{}/pelajaran/{}\" data-done=\"{done}\"><span class=\"num\" aria-hidden=\"true\">{}</span>{}{}</a></li>",
                        esc(&id), esc(lesson), n + 1, el("span", "", title),
                        if done { el("span", "state ok", &done_label) } else { String::new() },
                    )
                }).collect::<String>()
            })
        }
    };
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
        <div inner_html=move || {
            let mut html = tags_html(&i18n, pack.jp, pack.competency, &pack.pillars);
            if tests {
                // Markup, not a view: a conditional view cost the first load about 1 KB.
                html += &format!("<p><a class=\"button secondary\" rel=\"external\" href=\"/kegiatan/#tes/{}\">{}</a></p>", esc(&id), esc(i18n.t(Key::PrePostTests)));
            }
            html
        }></div>
        <section class="card" aria-labelledby="lessons-title">
            <h2 id="lessons-title">{tr(Key::Lessons)}</h2>
            <ol class="steps" inner_html=lessons></ol>
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
