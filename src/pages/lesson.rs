//! The lesson reader: sanitised lesson HTML from the downloaded pack, text size, previous/next, mark done.

use super::pack::PackGate;
use crate::route::param;
use crate::app::Services;
use crate::components::{ready::Ready, storage_error::StorageError};
use crate::i18n::{Key, tr, use_i18n};
use crate::learning::use_learning;
use crate::store::{StoreError, StoredPack};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::EventBody;

const TEXT_SIZE_KEY: &str = "lentera.text_size";
const TEXT_SIZES: u8 = 4;

#[component]
pub fn LessonPage() -> impl IntoView {
    view! { <Ready view=|services| view! { <PackGate services view=|stored, services| view! { <LessonView stored services/> }.into_any()/> }.into_any()/> }
}

#[component]
fn LessonView(
    /// The downloaded pack.
    stored: StoredPack,
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let location = crate::route::use_location();
    let lesson_id = param(1);
    let pack = StoredValue::new(stored.pack);
    let course = pack.with_value(|p| p.id.clone());
    let index = Memo::new(move |_| pack.with_value(|p| p.lessons.iter().position(|l| l.id == lesson_id.get())));
    let failed = RwSignal::new(None::<StoreError>);
    let text_size = RwSignal::new(saved_text_size());

    // Opening a lesson is an event: it is where the learner resumes.
    let opened = services.clone();
    let course_for_open = course.clone();
    Effect::new(move |_| {
        let Some(n) = index.get() else { return };
        let lesson_id = pack.with_value(|p| p.lessons[n].id.clone());
        let (services, course_id) = (opened.clone(), course_for_open.clone());
        spawn_local(async move {
            if let Err(e) = learning.record(&services, vec![EventBody::LessonOpened { course_id, lesson_id }]).await {
                failed.set(Some(e));
            }
        });
    });

    let resize = move |step: i8| {
        let size = (text_size.get_untracked() as i8 + step).clamp(0, TEXT_SIZES as i8 - 1) as u8;
        text_size.set(size);
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item(TEXT_SIZE_KEY, &size.to_string());
        }
    };

    let course_href = format!("/kursus/{course}");
    let quiz_href = format!("/kursus/{course}/kuis");
    let link = move |n: usize| pack.with_value(|p| format!("/kursus/{}/pelajaran/{}", p.id, p.lessons[n].id));
    let finish = {
        let course = course.clone();
        move |_| {
            let Some(n) = index.get_untracked() else { return };
            let (services, course_id) = (services.clone(), course.clone());
            let lesson_id = pack.with_value(|p| p.lessons[n].id.clone());
            let already = learning.progress.with_untracked(|p| p.courses.get(&course_id).is_some_and(|c| c.lessons_done.contains(&lesson_id)));
            let next = if n + 1 < pack.with_value(|p| p.lessons.len()) { link(n + 1) } else { format!("/kursus/{course_id}/kuis") };
            spawn_local(async move {
                if !already && let Err(e) = learning.record(&services, vec![EventBody::LessonCompleted { course_id, lesson_id }]).await {
                    failed.set(Some(e));
                    return;
                }
                location.navigate(&next, false);
            });
        }
    };

    move || {
        let Some(n) = index.get() else {
            return view! { <p class="alert">{tr(Key::CourseMissing)}</p> }.into_any();
        };
        let (title, html, count) = pack.with_value(|p| (p.lessons[n].title.clone(), p.lessons[n].html.clone(), p.lessons.len()));
        view! {
            <nav class="crumbs"><a href=course_href.clone()>{tr(Key::BackToCourse)}</a></nav>
            <p class="muted">{move || i18n.fill(Key::LessonOf, &[("n", &(n + 1).to_string()), ("m", &count.to_string())])}</p>
            <div class="textsize" role="group" aria-label=tr(Key::TextSize)>
                <button type="button" on:click=move |_| resize(-1) disabled=move || text_size.get() == 0>
                    <span aria-hidden="true">"A−"</span><span class="sr">{tr(Key::Smaller)}</span>
                </button>
                <button type="button" on:click=move |_| resize(1) disabled=move || text_size.get() + 1 == TEXT_SIZES>
                    <span aria-hidden="true">"A+"</span><span class="sr">{tr(Key::Larger)}</span>
                </button>
            </div>
            <article class=move || format!("lesson size-{}", text_size.get())>
                <h1>{title}</h1>
                <div inner_html=html></div>
            </article>
            {move || failed.get().map(|error| view! { <StorageError error/> })}
            <div class="lesson-nav">
                {(n > 0).then(|| view! { <a class="button" href=link(n - 1) rel="prev">{tr(Key::Previous)}</a> })}
                <button class="primary" type="button" on:click=finish.clone()>{tr(Key::MarkDone)}</button>
                {if n + 1 < count {
                    view! { <a class="button" href=link(n + 1) rel="next">{tr(Key::Next)}</a> }.into_any()
                } else {
                    view! { <a class="button" href=quiz_href.clone()>{tr(Key::Quiz)}</a> }.into_any()
                }}
            </div>
        }.into_any()
    }
}

fn saved_text_size() -> u8 {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(TEXT_SIZE_KEY).ok().flatten())
        .and_then(|v| v.parse().ok())
        .filter(|v| *v < TEXT_SIZES)
        .unwrap_or(1)
}
