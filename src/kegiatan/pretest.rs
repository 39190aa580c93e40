//! A course's pre-test and post-test on the phone (docs/evaluation.md), opened from the course page
//! at `/kegiatan/#tes/<course>`: answered offline, every answer saved at once as a quiz event of
//! the `pre:`/`post:` subject. The score shown is the phone's preview by the server's own rule
//! (`pretest::result`); the phone claims no score of its own (0 of 0), the server grades.

use super::evaluation_text::{E, EvalWords};
use super::{Ctx, loading, use_ctx};
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::pretest::{self, PackTests, Tests, Which};
use lentera_protocol::{CoursePack, CreditRule, EventBody, EventId, Question, QuestionKind};
use std::collections::BTreeMap;

/// The downloaded pack and its tests; `None` while reading, `Some(None)` when not on this phone.
type Loaded = Option<Option<(CoursePack, Option<Tests>)>>;

#[component]
pub fn PrePost(course: String) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let loaded: RwSignal<Loaded> = RwSignal::new(None);
    if let Some(Ok(services)) = ctx.services.get_untracked() {
        let (store, course) = (services.store.clone(), course.clone());
        spawn_local(async move {
            let found = store.pack(&course).await.ok().flatten().map(|stored| {
                let tests = serde_json::from_str::<PackTests>(&stored.json).ok().and_then(|t| t.tests);
                (stored.pack, tests)
            });
            loaded.set(Some(found));
        });
    }
    let body = move || match loaded.get() {
        None => loading(i18n),
        Some(None) => view! { <p class="card">{move || i18n.e(E::NotOnPhone)}</p> }.into_any(),
        Some(Some((_, None))) => view! { <p class="card">{move || i18n.e(E::NoTests)}</p> }.into_any(),
        Some(Some((pack, Some(tests)))) => {
            let rules: BTreeMap<(String, u32), CreditRule> = tests.rules(&pack).into_iter().map(|r| ((r.course_id.clone(), r.version), r)).collect();
            let rules = StoredValue::new(rules);
            view! {
                <p class="lead">{pack.title.clone()}</p>
                <p class="muted">{move || i18n.e(E::TestsIntro)}</p>
                <TestCard which=Which::Pre course=pack.id.clone() version=pack.version questions=tests.pre.clone() rules/>
                <TestCard which=Which::Post course=pack.id.clone() version=pack.version questions=tests.post.clone() rules/>
            }
            .into_any()
        }
    };
    view! {
        <p><a href=format!("/kursus/{course}") rel="external">{move || format!("← {}", i18n.e(E::BackToCourse))}</a></p>
        {body}
    }
}

/// Where one test stands on this phone.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// Counted: its score, and the gain when it is the post-test and the pre-test counted too.
    Taken { correct: u32, total: u32, percent: u32, gain: Option<i32> },
    /// Handed in, but outside its window.
    NotCounted,
    /// Under way: the attempt and how many questions are answered.
    Open(EventId),
    CanStart,
    /// Not open yet or any more, with the reason to show.
    Closed(E),
}

fn stage(ctx: &Ctx, which: Which, course: &str, rules: &BTreeMap<(String, u32), CreditRule>) -> Stage {
    ctx.learning.progress.with(|p| {
        let studied = p.courses.get(course);
        let completed = studied.and_then(|c| c.completed).map(|c| c.at.time_ms);
        let result = pretest::result(p, course, completed, rules);
        let (taken, other) = match which {
            Which::Pre => (result.pre, None),
            Which::Post => (result.post, result.pre),
        };
        if let Some(t) = taken {
            let gain = other.and_then(|_| result.gain());
            return Stage::Taken { correct: t.score.correct, total: t.score.total, percent: t.score.percent(), gain };
        }
        let test = p.courses.get(&which.subject(course));
        if test.is_some_and(|t| t.attempts.values().any(|a| a.submitted.is_some())) {
            return Stage::NotCounted;
        }
        if let Some((id, _)) = test.and_then(|t| t.open_attempt()) {
            return Stage::Open(id);
        }
        let started = studied.is_some_and(|c| !c.lessons_done.is_empty());
        match which {
            Which::Pre if completed.is_some() || started => Stage::Closed(E::PreClosed),
            Which::Post if completed.is_none() => Stage::Closed(E::PostLater),
            _ => Stage::CanStart,
        }
    })
}

#[component]
fn TestCard(which: Which, course: String, version: u32, questions: Vec<Question>, rules: StoredValue<BTreeMap<(String, u32), CreditRule>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let subject = which.subject(&course);
    let stage = {
        let course = course.clone();
        Memo::new(move |_| rules.with_value(|r| stage(&ctx, which, &course, r)))
    };
    let (title, start, when) = match which {
        Which::Pre => (E::PreTitle, E::PreStart, E::PreWhen),
        Which::Post => (E::PostTitle, E::PostStart, E::PostWhen),
    };
    let waiting = {
        let subject = subject.clone();
        move || ctx.unsent.with(|u| u.iter().any(|b| matches!(b, EventBody::QuizSubmitted { course_id, .. } if *course_id == subject)))
    };
    let questions = StoredValue::new(questions);
    let body = move || match stage.get() {
        Stage::Taken { correct, total, percent, gain } => {
            let (p, c, t) = (percent.to_string(), correct.to_string(), total.to_string());
            let score = i18n.ef(E::TestScore, &[("percent", &p), ("correct", &c), ("total", &t)]);
            let gain = gain.map(|g| i18n.ef(E::TestGain, &[("points", &if g > 0 { format!("+{g}") } else { g.to_string() })]));
            let state = if waiting() { E::TestWaiting } else { E::TestSent };
            view! {
                <p class="score" data-testid=format!("{}-score", which.subject("").trim_end_matches(':'))>{score}</p>
                {gain.map(|g| view! { <p data-testid="gain">{g}</p> })}
                <p class="muted" role="status">{move || i18n.e(state)}</p>
            }
            .into_any()
        }
        Stage::NotCounted => view! { <p>{move || i18n.e(E::NotCounted)}</p> }.into_any(),
        Stage::Closed(why) => view! { <p class="muted">{move || i18n.e(why)}</p> }.into_any(),
        Stage::CanStart => {
            let subject = subject.clone();
            let begin = move |_| ctx.record(vec![EventBody::QuizStarted { course_id: subject.clone(), course_version: version }]);
            view! {
                <p>{move || i18n.e(when)}</p>
                <button class="button primary" type="button" on:click=begin>{move || i18n.e(start)}</button>
            }
            .into_any()
        }
        Stage::Open(attempt) => view! { <Attempt subject=subject.clone() attempt questions/> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby=format!("{}-title", which.subject("").trim_end_matches(':'))>
            <h2 id=format!("{}-title", which.subject("").trim_end_matches(':'))>{move || i18n.e(title)}</h2>
            {body}
        </section>
    }
}

/// The questions of an open attempt, each answer recorded the moment it is given.
#[component]
fn Attempt(subject: String, attempt: EventId, questions: StoredValue<Vec<Question>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let answers = {
        let subject = subject.clone();
        Memo::new(move |_| {
            ctx.learning.progress.with(|p| {
                p.courses.get(&subject).and_then(|c| c.attempts.get(&attempt)).map(|a| a.answers.iter().map(|(q, (_, c))| (q.clone(), c.clone())).collect::<BTreeMap<_, _>>()).unwrap_or_default()
            })
        })
    };
    let total = questions.with_value(Vec::len);
    let answered = move || questions.with_value(|qs| answers.with(|a| qs.iter().filter(|q| a.get(&q.id).is_some_and(|c| !c.is_empty())).count()));
    let tried = RwSignal::new(false);
    let hand_in = {
        let subject = subject.clone();
        move |_| {
            if answered() < total {
                tried.set(true);
                return;
            }
            ctx.record(vec![EventBody::QuizSubmitted { course_id: subject.clone(), attempt, correct: 0, total: 0 }]);
        }
    };
    let list = questions.with_value(|qs| {
        qs.iter()
            .enumerate()
            .map(|(n, q)| view! { <TestQuestion subject=subject.clone() attempt question=q.clone() n total answers/> })
            .collect_view()
    });
    view! {
        {list}
        <p role="status">{move || i18n.ef(E::Answered, &[("n", &answered().to_string()), ("m", &total.to_string())])}</p>
        {move || (tried.get() && answered() < total).then(|| view! { <p class="alert" role="alert">{i18n.e(E::AnswerAll)}</p> })}
        <button class="button primary" type="button" on:click=hand_in>{move || i18n.e(E::HandIn)}</button>
    }
}

#[component]
fn TestQuestion(subject: String, attempt: EventId, question: Question, n: usize, total: usize, answers: Memo<BTreeMap<String, Vec<u8>>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let multiple = question.kind == QuestionKind::Multiple;
    let labels: Vec<String> = match question.kind {
        QuestionKind::TrueFalse => vec![i18n.t(Key::True).to_owned(), i18n.t(Key::False).to_owned()],
        _ => question.options.clone(),
    };
    let qid = question.id.clone();
    // The choice made on screen until the fold has it: quick taps must not read a stale answer.
    let draft = RwSignal::new(None::<Vec<u8>>);
    let chosen = move || draft.get().unwrap_or_else(|| answers.with(|a| a.get(&qid).cloned().unwrap_or_default()));
    let name = format!("{subject}-{}", question.id);
    let options = labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let i = i as u8;
            let (chosen, chosen2, subject, qid) = (chosen.clone(), chosen.clone(), subject.clone(), question.id.clone());
            let pick = move |_| {
                let mut choice = chosen2();
                if multiple {
                    match choice.iter().position(|c| *c == i) {
                        Some(at) => {
                            choice.remove(at);
                        }
                        None => choice.push(i),
                    }
                    choice.sort_unstable();
                } else {
                    choice = vec![i];
                }
                draft.set(Some(choice.clone()));
                ctx.record(vec![EventBody::AnswerGiven { course_id: subject.clone(), attempt, question_id: qid.clone(), choice }]);
            };
            view! {
                <label class="option">
                    <input type=if multiple { "checkbox" } else { "radio" } name=name.clone() prop:checked=move || chosen().contains(&i) on:change=pick/>
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="card question" data-question=question.id.clone()>
            <legend class="muted">{i18n.fill(Key::QuestionOf, &[("n", &(n + 1).to_string()), ("m", &total.to_string())])}</legend>
            <p class="prompt">{question.prompt.clone()}</p>
            <p class="muted">{i18n.t(if multiple { Key::ChooseAll } else { Key::ChooseOne })}</p>
            {options}
        </fieldset>
    }
}
