//! After hand-in: the score, whether it passes, and every question explained.

use crate::i18n::{Key, tr, use_i18n};
use leptos::prelude::*;
use lentera_protocol::progress::Attempt;
use lentera_protocol::{CoursePack, Question, QuestionKind};

#[component]
pub fn QuizResult(
    /// The pack the attempt was scored against.
    pack: CoursePack,
    /// The handed-in attempt.
    attempt: Attempt,
    /// Whether this hand-in completed the course just now.
    newly: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let score = pack.quiz.score(|id| attempt.answer(id));
    let percent = score.percent();
    let jp = pack.jp;
    let items = pack.quiz.questions.iter().map(|q| {
        let given = attempt.answer(&q.id).map(<[u8]>::to_vec);
        let right = given.as_deref().is_some_and(|c| q.is_correct(c));
        let q = q.clone();
        let q2 = q.clone();
        let (prompt, explanation) = (q.prompt.clone(), q.explanation.clone());
        view! {
            <li class=if right { "explained right" } else { "explained wrong" }>
                <p class="prompt">{prompt}</p>
                <p><strong>{move || i18n.t(if right { Key::AnswerRight } else { Key::AnswerWrong })}</strong></p>
                <p>{tr(Key::YourAnswer)} ": "
                    {move || given.as_deref().map_or_else(|| i18n.t(Key::NoAnswer).to_owned(), |c| names(&q, c, i18n.t(Key::True), i18n.t(Key::False)))}</p>
                <p>{tr(Key::CorrectAnswer)} ": " {move || names(&q2, &q2.correct, i18n.t(Key::True), i18n.t(Key::False))}</p>
                <p class="muted">{explanation}</p>
            </li>
        }
    }).collect_view();
    view! {
        <section class="card result" role="status" data-passed=score.passed().to_string()>
            <p class="score">{move || i18n.n(if score.passed() { Key::ResultPassed } else { Key::ResultFailed }, percent)}</p>
            {newly.then(|| view! { <p class="state ok">{move || i18n.n(Key::JpEarnedNow, jp)}</p> })}
        </section>
        <ol class="explanations">{items}</ol>
    }
}

/// The chosen options' texts, joined.
fn names(q: &Question, choice: &[u8], yes: &str, no: &str) -> String {
    choice
        .iter()
        .map(|i| match q.kind {
            QuestionKind::TrueFalse => if *i == 0 { yes.to_owned() } else { no.to_owned() },
            _ => q.options.get(*i as usize).cloned().unwrap_or_default(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
