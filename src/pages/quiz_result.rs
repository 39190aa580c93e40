//! After hand-in: the score, whether it passes, and every question explained (static once drawn).

use super::html::{el, esc};
use crate::i18n::{Key, use_i18n};
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
    move || {
        let t = |k| i18n.t(k);
        let score = pack.quiz.score(|id| attempt.answer(id));
        let verdict = i18n.n(if score.passed() { Key::ResultPassed } else { Key::ResultFailed }, score.percent());
        let mut html = format!("<section class=\"card result\" role=\"status\" data-passed=\"{}\">", score.passed());
        html += &el("p", "score", &verdict);
        if newly {
            html += &el("p", "state ok", &i18n.n(Key::JpEarnedNow, pack.jp));
        }
        html += "</section><ol class=\"explanations\">";
        for q in &pack.quiz.questions {
            let given = attempt.answer(&q.id);
            let right = given.is_some_and(|c| q.is_correct(c));
            let yours = given.map_or_else(|| t(Key::NoAnswer).to_owned(), |c| names(q, c, t(Key::True), t(Key::False)));
            let correct = names(q, &q.correct, t(Key::True), t(Key::False));
            html += &format!(
                "<li class=\"explained {}\">{}<p><strong>{}</strong></p><p>{}: {}</p><p>{}: {}</p>{}</li>",
                if right { "right" } else { "wrong" },
                el("p", "prompt", &q.prompt),
                esc(t(if right { Key::AnswerRight } else { Key::AnswerWrong })),
                esc(t(Key::YourAnswer)),
                esc(&yours),
                esc(t(Key::CorrectAnswer)),
                esc(&correct),
                el("p", "muted", &q.explanation),
            );
        }
        html += "</ol>";
        view! { <div inner_html=html></div> }
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
