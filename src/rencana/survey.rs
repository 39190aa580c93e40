//! The survey's screens: what it is for, one competency per screen, the open questions, and the
//! hand-in. Every choice is an event saved on the phone the moment it is made.

use super::text::{W, Words};
use super::{Step, record};
use crate::app::Services;
use crate::i18n::use_i18n;
use crate::learning::use_learning;
use leptos::prelude::*;
use lentera_protocol::EventBody;
use lentera_protocol::akpk::{AkpkMe, LEVELS, QUESTIONS, Survey};

/// The words of an open question, by its protocol key.
pub fn question_words(key: &str) -> Option<W> {
    match key {
        "tugas" => Some(W::QTugas),
        "target" => Some(W::QTarget),
        "hambatan" => Some(W::QHambatan),
        _ => None,
    }
}

/// Where the learner left off: the first competency not rated, then the first question not
/// answered, then the hand-in; the plan once the survey was sent; the intro before anything.
pub fn resume(me: &AkpkMe, survey: Option<&Survey>) -> Step {
    let Some(survey) = survey else { return Step::Intro };
    if survey.submitted.is_some() {
        return Step::Plan;
    }
    if survey.ratings.is_empty() && survey.answers.is_empty() {
        return Step::Intro;
    }
    if let Some(i) = me.competencies.iter().position(|c| !survey.ratings.contains_key(&c.code)) {
        return Step::Rate(i);
    }
    if let Some(i) = QUESTIONS.iter().position(|q| survey.answers.get(*q).is_none_or(|(_, t)| t.trim().is_empty())) {
        return Step::Ask(i);
    }
    Step::Finish
}

/// The step after `step` (`forward`) or before it.
pub fn neighbour(me: &AkpkMe, step: Step, forward: bool) -> Step {
    let (n, q) = (me.competencies.len(), QUESTIONS.len());
    // Every survey screen in order: the intro, n competencies, q questions, the hand-in.
    let index = match step {
        Step::Intro => 0,
        Step::Rate(i) => 1 + i,
        Step::Ask(i) => 1 + n + i,
        Step::Finish | Step::Plan => 1 + n + q,
    };
    let next = if forward { index + 1 } else { index.saturating_sub(1) };
    match next {
        0 => Step::Intro,
        i if i <= n => Step::Rate(i - 1),
        i if i <= n + q => Step::Ask(i - 1 - n),
        i if i == n + q + 1 => Step::Finish,
        _ => Step::Plan,
    }
}

#[component]
pub fn Intro(me: AkpkMe, step: RwSignal<Option<Step>>) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let year = me.year;
    let started = move || learning.progress.with(|p| Some(&Survey::of(&p.akpk, year)).is_some_and(|s| !s.ratings.is_empty() || !s.answers.is_empty()));
    let position = me.position.clone();
    let me_go = me.clone();
    let go = move |_| {
        let survey = learning.progress.with_untracked(|p| Some(&Survey::of(&p.akpk, year)).cloned());
        let next = match resume(&me_go, survey.as_ref()) {
            Step::Intro | Step::Plan => Step::Rate(0),
            other => other,
        };
        step.set(Some(next));
    };
    view! {
        <h1 class="page-title">{move || i18n.w(W::IntroTitle)}</h1>
        <section class="card intro">
            {position.map(|name| view! { <p class="muted">{move || i18n.wf(W::Position, &[("name", &name)])}</p> })}
            <p>{move || i18n.w(W::IntroWhy)}</p>
            <p>{move || i18n.wf(W::IntroHow, &[("n", &QUESTIONS.len().to_string())])}</p>
            <p>{move || i18n.w(W::IntroLevels)}</p>
            <button class="primary" type="button" on:click=go>
                {move || if started() { i18n.w(W::Continue) } else { i18n.w(W::Start) }}
            </button>
        </section>
    }
}

/// One competency: its name, what it is, and the five levels as large choices.
#[component]
pub fn Rate(services: Services, me: AkpkMe, index: usize, step: RwSignal<Option<Step>>, failed: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let year = me.year;
    let total = me.competencies.len();
    let competency = me.competencies[index].clone();
    let code = competency.code.clone();
    let chosen = Memo::new({
        let code = code.clone();
        move |_| learning.progress.with(|p| Some(&Survey::of(&p.akpk, year)).and_then(|s| s.ratings.get(&code)).map(|(_, l)| *l))
    });
    let warn = RwSignal::new(false);
    let choices = LEVELS
        .map(|level| {
            let words = competency.levels.get(usize::from(level) - 1).cloned().unwrap_or_default();
            let (services, code) = (services.clone(), code.clone());
            let choose = move |_| {
                warn.set(false);
                record(&services, failed, EventBody::SurveyRated { year, competency: code.clone(), level: u32::from(level) });
            };
            view! {
                <label class="option level">
                    <input type="radio" name="level" value=level.to_string() prop:checked=move || chosen.get() == Some(level) on:change=choose/>
                    <span><strong>{move || i18n.wf(W::Level, &[("n", &level.to_string())])}</strong>" "{words}</span>
                </label>
            }
        })
        .collect_view();
    let me_next = me.clone();
    let next = move |_| {
        if chosen.get_untracked().is_none() {
            warn.set(true);
        } else {
            step.set(Some(neighbour(&me_next, Step::Rate(index), true)));
        }
    };
    let back = move |_| step.set(Some(neighbour(&me, Step::Rate(index), false)));
    view! {
        <p class="muted progress-line" data-testid="survey-progress">
            {move || i18n.wf(W::CompetencyOf, &[("n", &(index + 1).to_string()), ("m", &total.to_string())])}
        </p>
        <progress max=total.to_string() value=(index + 1).to_string() aria-hidden="true"></progress>
        <fieldset class="card question">
            <legend><h1 class="competency">{competency.name.clone()}</h1></legend>
            <p>{competency.description.clone()}</p>
            <p class="muted">{move || i18n.w(W::ChooseLevel)}</p>
            {choices}
            <Show when=move || chosen.get().is_some()>
                <p class="saved" role="status">{move || i18n.w(W::Saved)}</p>
            </Show>
        </fieldset>
        <Show when=move || warn.get()>
            <p class="alert" role="alert">{move || i18n.w(W::PickFirst)}</p>
        </Show>
        <div class="lesson-nav">
            <button type="button" on:click=back>{move || i18n.w(W::Previous)}</button>
            <button class="primary" type="button" on:click=next>{move || i18n.w(W::Next)}</button>
        </div>
    }
}

/// One open question, saved when the learner leaves the box.
#[component]
pub fn Ask(services: Services, me: AkpkMe, index: usize, step: RwSignal<Option<Step>>, failed: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let year = me.year;
    let key = QUESTIONS[index];
    let words = question_words(key).unwrap_or(W::QTugas);
    let saved = move || learning.progress.with(|p| Some(&Survey::of(&p.akpk, year)).and_then(|s| s.answers.get(key)).map(|(_, t)| t.clone()));
    let initial = learning.progress.with_untracked(|p| Some(&Survey::of(&p.akpk, year)).and_then(|s| s.answers.get(key)).map(|(_, t)| t.clone()));
    // What was last sent to the outbox, known at once: leaving the box and tapping "Lanjut" both
    // save, before the first save has reached the fold.
    let last = StoredValue::new(initial.clone().unwrap_or_default());
    let save = move |text: String| {
        if last.with_value(|l| *l != text) {
            last.set_value(text.clone());
            record(&services, failed, EventBody::SurveyAnswered { year, question: key.to_owned(), text });
        }
    };
    let save_change = save.clone();
    let me_next = me.clone();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let next = move |_| {
        // A tap on "Lanjut" right after typing saves too (some browsers fire change after click).
        if let Some(area) = area.get_untracked() {
            save(area.value());
        }
        step.set(Some(neighbour(&me_next, Step::Ask(index), true)));
    };
    let back = move |_| step.set(Some(neighbour(&me, Step::Ask(index), false)));
    view! {
        <p class="muted progress-line" data-testid="survey-progress">
            {move || i18n.wf(W::QuestionOf, &[("n", &(index + 1).to_string()), ("m", &QUESTIONS.len().to_string())])}
        </p>
        <section class="card question">
            <h1 class="competency"><label for="answer">{move || i18n.w(words)}</label></h1>
            <p class="muted" id="answer-hint">{move || i18n.w(W::AnswerHint)}</p>
            <textarea id="answer" node_ref=area rows="6" aria-describedby="answer-hint"
                on:change=move |ev| save_change(event_target_value(&ev))>{initial.unwrap_or_default()}</textarea>
            <Show when=move || saved().is_some()>
                <p class="saved" role="status">{move || i18n.w(W::Saved)}</p>
            </Show>
        </section>
        <div class="lesson-nav">
            <button type="button" on:click=back>{move || i18n.w(W::Previous)}</button>
            <button class="primary" type="button" on:click=next>{move || i18n.w(W::Next)}</button>
        </div>
    }
}

/// The hand-in: how much was rated, and sending it.
#[component]
pub fn Finish(services: Services, me: AkpkMe, step: RwSignal<Option<Step>>, failed: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let year = me.year;
    let total = me.competencies.len();
    let codes: Vec<String> = me.competencies.iter().map(|c| c.code.clone()).collect();
    let rated = move || learning.progress.with(|p| Some(&Survey::of(&p.akpk, year)).map_or(0, |s| codes.iter().filter(|c| s.ratings.contains_key(*c)).count()));
    let rated_again = rated.clone();
    let submit = move |_| {
        record(&services, failed, EventBody::SurveySubmitted { year });
        step.set(Some(Step::Plan));
    };
    let back = move |_| step.set(Some(neighbour(&me, Step::Finish, false)));
    view! {
        <h1 class="page-title">{move || i18n.w(W::FinishTitle)}</h1>
        <section class="card">
            <p>{move || i18n.wf(W::FinishBody, &[("n", &rated().to_string()), ("m", &total.to_string())])}</p>
            <Show when=move || rated_again() < total>
                <p class="alert">{move || i18n.w(W::FinishMissing)}</p>
            </Show>
        </section>
        <div class="lesson-nav">
            <button type="button" on:click=back>{move || i18n.w(W::Review)}</button>
            <button class="primary" type="button" on:click=submit>{move || i18n.w(W::Submit)}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lentera_protocol::akpk::{FrameworkCompetency, PlanState};
    use lentera_protocol::{DeviceId, Event, EventId, Progress};

    fn me(codes: &[&str]) -> AkpkMe {
        let competency = |code: &&str| FrameworkCompetency {
            code: (*code).into(),
            kind: lentera_protocol::Competency::Teknis,
            name: format!("Nama {code}"),
            description: String::new(),
            pillars: vec![],
            levels: (1..=5).map(|n| format!("level {n}")).collect(),
            courses: vec![],
        };
        AkpkMe { year: 2026, position: None, competencies: codes.iter().map(competency).collect(), ratings: vec![], offers: vec![], completed: vec![], plan: PlanState::default() }
    }

    fn survey(bodies: Vec<EventBody>) -> Option<Survey> {
        let events: Vec<Event> = bodies
            .into_iter()
            .enumerate()
            .map(|(i, body)| Event { id: EventId::new_v7(1_000 + i as u64, [i as u8; 10]), device_id: DeviceId::from_random([1; 16]), device_time_ms: 1_000 + i as i64, body })
            .collect();
        Some(Survey::of(&Progress::fold(&events).akpk, 2026))
    }

    fn rated(code: &str) -> EventBody {
        EventBody::SurveyRated { year: 2026, competency: code.into(), level: 2 }
    }

    fn answered(question: &str, text: &str) -> EventBody {
        EventBody::SurveyAnswered { year: 2026, question: question.into(), text: text.into() }
    }

    #[test]
    fn reopening_resumes_at_the_first_unanswered_screen() {
        let me = me(&["A", "B", "C"]);
        assert_eq!(resume(&me, None), Step::Intro);
        assert_eq!(resume(&me, survey(vec![rated("A"), rated("B")]).as_ref()), Step::Rate(2));
        // A competency skipped earlier comes first, whatever was answered after it.
        assert_eq!(resume(&me, survey(vec![rated("A"), rated("C")]).as_ref()), Step::Rate(1));
        let all = vec![rated("A"), rated("B"), rated("C"), answered("tugas", "Loket"), answered("target", "  ")];
        assert_eq!(resume(&me, survey(all.clone()).as_ref()), Step::Ask(1), "a blank answer is not an answer");
        let mut done = all;
        done.extend([answered("target", "Cepat"), answered("hambatan", "Sinyal")]);
        assert_eq!(resume(&me, survey(done.clone()).as_ref()), Step::Finish);
        done.push(EventBody::SurveySubmitted { year: 2026 });
        assert_eq!(resume(&me, survey(done).as_ref()), Step::Plan);
    }

    #[test]
    fn the_screens_run_in_order_both_ways() {
        let me = me(&["A", "B"]);
        let mut step = Step::Intro;
        let mut seen = vec![step];
        while step != Step::Plan {
            step = neighbour(&me, step, true);
            seen.push(step);
        }
        assert_eq!(seen, [Step::Intro, Step::Rate(0), Step::Rate(1), Step::Ask(0), Step::Ask(1), Step::Ask(2), Step::Finish, Step::Plan]);
        assert_eq!(neighbour(&me, Step::Ask(0), false), Step::Rate(1));
        assert_eq!(neighbour(&me, Step::Rate(0), false), Step::Intro);
    }
}
