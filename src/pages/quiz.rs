//! The quiz, one question at a time: on a 360 px phone one question fills the screen, and the
//! question in view is exactly where a learner resumes. Each answer is an event saved at once.

use super::pack::PackGate;
use super::html::el;
use super::quiz_result::QuizResult;
use crate::app::Services;
use crate::components::{ready::Ready, storage_error::StorageError};
use crate::i18n::{Key, tr, use_i18n};
use crate::learning::use_learning;
use crate::store::{StoreError, StoredPack};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::{CourseProgress, CoursePack, EventBody, EventId, QuestionKind};

#[component]
pub fn QuizPage() -> impl IntoView {
    view! { <Ready view=|services| view! { <PackGate services view=|stored, services| view! { <QuizView stored services/> }.into_any()/> }.into_any()/> }
}

/// Where the learner was in an attempt, kept across an app kill (key per course: "attempt:index").
fn position_key(course_id: &str) -> String {
    format!("lentera.quiz.{course_id}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The question in view when the app last closed; else the first one without an answer.
fn resume_index(pack: &CoursePack, course: &CourseProgress) -> usize {
    let Some((attempt_id, attempt)) = course.open_attempt() else { return 0 };
    let questions = &pack.quiz.questions;
    let saved = local_storage().and_then(|s| s.get_item(&position_key(&pack.id)).ok().flatten());
    let saved = saved.and_then(|v| {
        let (attempt, index) = v.split_once(':')?;
        (attempt == attempt_id.to_string()).then(|| index.parse::<usize>().ok()).flatten()
    });
    saved
        .filter(|i| *i < questions.len())
        .or_else(|| questions.iter().position(|q| attempt.answer(&q.id).is_none()))
        .unwrap_or(questions.len().saturating_sub(1))
}

#[component]
fn QuizView(
    /// The downloaded pack.
    stored: StoredPack,
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let pack = StoredValue::new(stored.pack);
    let course_id = pack.with_value(|p| p.id.clone());
    let course = {
        let id = course_id.clone();
        Memo::new(move |_| learning.progress.with(|p| p.courses.get(&id).cloned().unwrap_or_default()))
    };
    let attempt = Memo::new(move |_| course.with(|c| c.open_attempt().map(|(id, _)| id)));
    let index = RwSignal::new(pack.with_value(|p| course.with_untracked(|c| resume_index(p, c))));
    let result = RwSignal::new(None::<(EventId, bool)>);
    let failed = RwSignal::new(None::<StoreError>);
    let saved = RwSignal::new(false);
    // Choices as tapped, before IndexedDB confirms: a quick second tap builds on the first.
    let draft = RwSignal::new(std::collections::BTreeMap::<String, Vec<u8>>::new());
    let warn_unanswered = RwSignal::new(0usize);
    let key = position_key(&course_id);
    Effect::new(move |_| {
        if let (Some(attempt), Some(storage)) = (attempt.get(), local_storage()) {
            let _ = storage.set_item(&key, &format!("{attempt}:{}", index.get()));
        }
    });

    let record = {
        let services = services.clone();
        move |bodies: Vec<EventBody>, then: Box<dyn FnOnce(Vec<EventId>)>| {
            let services = services.clone();
            spawn_local(async move {
                match learning.record(&services, bodies).await {
                    Ok(events) => then(events.iter().map(|e| e.id).collect()),
                    Err(e) => failed.set(Some(e)),
                }
            });
        }
    };
    let start = {
        let (record, course_id) = (record.clone(), course_id.clone());
        move |_| {
            let course_version = pack.with_value(|p| p.version);
            result.set(None);
            index.set(0);
            draft.set(Default::default());
            record(vec![EventBody::QuizStarted { course_id: course_id.clone(), course_version }], Box::new(|_| ()));
        }
    };
    let answer = {
        let (record, course_id) = (record.clone(), course_id.clone());
        move |question_id: String, choice: Vec<u8>| {
            let Some(attempt) = attempt.get_untracked() else { return };
            saved.set(false);
            warn_unanswered.set(0);
            draft.update(|d| {
                d.insert(question_id.clone(), choice.clone());
            });
            let body = EventBody::AnswerGiven { course_id: course_id.clone(), attempt, question_id, choice };
            record(vec![body], Box::new(move |_| saved.set(true)));
        }
    };
    let submit = {
        let (record, course_id) = (record.clone(), course_id.clone());
        move |_| {
            let Some(attempt_id) = attempt.get_untracked() else { return };
            let (score, missing, jp) = course.with_untracked(|c| {
                let attempt = &c.attempts[&attempt_id];
                pack.with_value(|p| {
                    let missing = p.quiz.questions.iter().filter(|q| attempt.answer(&q.id).is_none()).count();
                    (p.quiz.score(|id| attempt.answer(id)), missing, p.jp)
                })
            });
            if missing > 0 {
                warn_unanswered.set(missing);
                return;
            }
            let newly = score.passed() && course.with_untracked(|c| c.completed.is_none());
            let mut bodies = vec![EventBody::QuizSubmitted { course_id: course_id.clone(), attempt: attempt_id, correct: score.correct, total: score.total }];
            if newly {
                bodies.push(EventBody::CourseCompleted { course_id: course_id.clone(), jp });
            }
            record(bodies, Box::new(move |_| result.set(Some((attempt_id, newly)))));
        }
    };

    let title = pack.with_value(|p| p.title.clone());
    let course_href = format!("/kursus/{course_id}");
    view! {
        <nav class="crumbs"><a href=course_href>{tr(Key::BackToCourse)}</a></nav>
        <h1 class="page-title">{tr(Key::Quiz)} ": " {title}</h1>
        {move || failed.get().map(|error| view! { <StorageError error/> })}
        {move || {
            if let Some((attempt_id, newly)) = result.get() {
                let attempt = course.with(|c| c.attempts.get(&attempt_id).cloned().unwrap_or_default());
                return view! {
                    <QuizResult pack=pack.get_value() attempt newly/>
                    <button class="primary" type="button" on:click=start.clone()>{tr(Key::Retry)}</button>
                }.into_any();
            }
            if attempt.get().is_none() {
                let best = course.with(|c| c.best());
                let count = pack.with_value(|p| p.quiz.questions.len());
                return view! {
                    <section class="card">
                        <div inner_html=move || {
                            let best = best.map(|b| el("p", "", &i18n.n(Key::BestScore, b.percent()))).unwrap_or_default();
                            el("p", "", &i18n.n(Key::QuizIntro, count)) + &el("p", "muted", i18n.t(Key::PassRule)) + &best
                        }></div>
                        <button class="primary" type="button" on:click=start.clone()>{tr(Key::StartQuiz)}</button>
                    </section>
                }.into_any();
            }
            let answer = answer.clone();
            let submit = submit.clone();
            view! {
                <QuestionCard pack course attempt index answer saved draft/>
                <div class="lesson-nav">
                    <button type="button" disabled=move || index.get() == 0 on:click=move |_| index.update(|i| *i = i.saturating_sub(1))>
                        {tr(Key::Previous)}
                    </button>
                    {move || if index.get() + 1 < pack.with_value(|p| p.quiz.questions.len()) {
                        view! { <button class="primary" type="button" on:click=move |_| { saved.set(false); index.update(|i| *i += 1) }>{tr(Key::Next)}</button> }.into_any()
                    } else {
                        view! { <button class="primary" type="button" on:click=submit.clone()>{tr(Key::Submit)}</button> }.into_any()
                    }}
                </div>
                {move || (warn_unanswered.get() > 0).then(|| view! { <p class="alert" role="alert">{i18n.n(Key::Unanswered, warn_unanswered.get())}</p> })}
            }.into_any()
        }}
    }
}

#[component]
fn QuestionCard<F>(
    pack: StoredValue<CoursePack>,
    course: Memo<CourseProgress>,
    attempt: Memo<Option<EventId>>,
    index: RwSignal<usize>,
    /// Saves an answer: (question id, chosen option indices).
    answer: F,
    saved: RwSignal<bool>,
    draft: RwSignal<std::collections::BTreeMap<String, Vec<u8>>>,
) -> impl IntoView
where
    F: Fn(String, Vec<u8>) + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    move || {
        let n = index.get();
        let Some(question) = pack.with_value(|p| p.quiz.questions.get(n).cloned()) else { return ().into_any() };
        let total = pack.with_value(|p| p.quiz.questions.len());
        let qid = question.id.clone();
        let chosen = move || {
            if let Some(choice) = draft.with(|d| d.get(&qid).cloned()) {
                return choice;
            }
            let id = attempt.get();
            course.with(|c| id.and_then(|a| c.attempts.get(&a)).and_then(|a| a.answer(&qid).map(<[u8]>::to_vec)).unwrap_or_default())
        };
        let multiple = question.kind == QuestionKind::Multiple;
        let labels: Vec<String> = match question.kind {
            QuestionKind::TrueFalse => vec![i18n.t(Key::True).to_owned(), i18n.t(Key::False).to_owned()],
            _ => question.options.clone(),
        };
        let options = labels.into_iter().enumerate().map(|(i, label)| {
            let i = i as u8;
            let (chosen, chosen2, answer, qid) = (chosen.clone(), chosen.clone(), answer.clone(), question.id.clone());
            let pick = move |_| {
                let mut choice = chosen2();
                if multiple {
                    if let Some(at) = choice.iter().position(|c| *c == i) { choice.remove(at); } else { choice.insert(choice.iter().take_while(|c| **c < i).count(), i); }
                } else {
                    choice = vec![i];
                }
                answer(qid.clone(), choice);
            };
            view! {
                <label class="option">
                    <input type=if multiple { "checkbox" } else { "radio" } name=format!("q-{}", question.id)
                        prop:checked=move || chosen().contains(&i) on:change=pick/>
                    <span>{label}</span>
                </label>
            }
        }).collect_view();
        view! {
            <fieldset class="card question" data-question=question.id.clone()>
                <legend class="muted">{i18n.fill(Key::QuestionOf, &[("n", &(n + 1).to_string()), ("m", &total.to_string())])}</legend>
                <p class="prompt">{question.prompt.clone()}</p>
                <p class="muted">{i18n.t(if multiple { Key::ChooseAll } else { Key::ChooseOne })}</p>
                {options}
                <p class="saved" role="status">{move || saved.get().then(|| i18n.t(Key::Saved))}</p>
            </fieldset>
        }.into_any()
    }
}
