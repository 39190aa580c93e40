//! `/konsol/ide`: the innovation-idea competition (docs/innovation.md). A supervisor endorses or
//! returns the ideas their staff handed in; a juror scores the ideas of the rounds they judge, by
//! number only; an admin opens rounds and publishes results (`idea_rounds`).

use super::idea_rounds::Rounds;
use crate::api;
use crate::i18n::{Key, fill, text, tr, use_i18n};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::idea::{JudgingView, JurorIdea, NOTE_MAX_CHARS, ReturnIdea, ReviewIdea, SCORE_MAX, SECTIONS, ScoreInput};
use std::sync::Arc;

#[component]
pub fn Ideas() -> impl IntoView {
    let auth = use_auth();
    let notice = RwSignal::new(None::<Key>);
    let i18n = use_i18n();
    view! {
        <h1 class="page-title">{tr(Key::IdeaTitle)}</h1>
        <p class="muted">{tr(Key::IdeaIntro)}</p>
        <p role="status" class="notice">{move || notice.get().map(|k| i18n.t(k))}</p>
        <ReviewQueue notice/>
        <Judging notice/>
        {move || auth.is_admin().then(|| view! { <Rounds notice/> })}
    }
}

/// The five sections with their names, as the learner wrote them.
fn sections(items: &[String]) -> impl IntoView + use<> {
    let rows = SECTIONS
        .iter()
        .zip(items.iter().cloned().chain(std::iter::repeat(String::new())))
        .map(|((_, name), body)| view! { <dt>{*name}</dt><dd class="learned">{body}</dd> })
        .collect_view();
    view! { <dl class="answers">{rows}</dl> }
}

#[component]
fn ReviewQueue(notice: RwSignal<Option<Key>>) -> impl IntoView {
    let items = RwSignal::new(None::<Arc<Vec<ReviewIdea>>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move || {
        reload.track();
        spawn_local(async move {
            let answer = api::get::<Vec<ReviewIdea>>("/api/ideas/review").await;
            items.try_set(answer.map(Arc::new));
        });
    });
    view! {
        <section class="card" aria-labelledby="idea-review-title">
            <h2 id="idea-review-title">{tr(Key::IdeaReviewTitle)}</h2>
            {move || match items.get() {
                None => crate::app::loading().into_any(),
                Some(list) if list.is_empty() => view! { <p class="muted">{tr(Key::IdeaReviewNone)}</p> }.into_any(),
                Some(list) => list.iter().cloned().map(|idea| view! { <ReviewCard idea reload notice/> }).collect_view().into_any(),
            }}
        </section>
    }
}

#[component]
fn ReviewCard(idea: ReviewIdea, reload: RwSignal<u32>, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    let note = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let id = format!("idea-{}-{}", idea.nip, idea.entry);
    let path = StoredValue::new(format!("/api/ideas/review/{}/{}", api::enc(&idea.nip), api::enc(&idea.entry)));
    let decide = move |what: &'static str| {
        let body = if what == "endorse" {
            api::Body::Empty
        } else {
            let text = note.get_untracked().trim().to_owned();
            if text.is_empty() {
                missing.set(true);
                return;
            }
            api::body(&ReturnIdea { note: text })
        };
        missing.set(false);
        busy.set(true);
        notice.set(None);
        let url = format!("{}/{what}", path.get_value());
        spawn_local(async move {
            let ok = api::done("POST", &url, body).await;
            busy.try_set(false);
            if ok {
                notice.try_set(Some(if what == "endorse" { Key::IdeaEndorsedDone } else { Key::IdeaReturnedDone }));
                reload.try_update(|n| *n += 1);
            }
        });
    };
    let note_id = format!("{id}-note");
    let error_id = format!("{id}-error");
    let team = (!idea.team.is_empty()).then(|| idea.team.join(", "));
    let labelled = id.clone();
    view! {
        <article class="card idea" aria-labelledby=labelled data-testid="review-idea">
            <h3 id=id>{idea.title.clone()}</h3>
            <p>
                <a href=format!("/konsol/staf/{}", idea.nip)>{idea.name.clone()}</a>
                <span class="muted">{format!(" · {} · {}", idea.nip, idea.unit)}</span>
            </p>
            <p class="muted">{move || i18n.fill(Key::IdeaRoundOf, &[("theme", &idea.round_theme)])}</p>
            {sections(&idea.items)}
            {team.map(|t| view! { <p>{move || i18n.fill(Key::IdeaTeam, &[("team", &t)])}</p> })}
            <div class="buttons">
                <button type="button" disabled=move || busy.get() on:click=move |_| decide("endorse")>{tr(Key::IdeaEndorse)}</button>
            </div>
            <label class="field">
                <span>{tr(Key::IdeaNoteLabel)}</span>
                <textarea id=note_id rows="2" maxlength=NOTE_MAX_CHARS.to_string() prop:value=move || note.get()
                    aria-invalid=move || missing.get().then_some("true") aria-describedby=error_id.clone()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </label>
            <p id=error_id.clone() class="alert-text">{move || missing.get().then(|| i18n.t(Key::IdeaNeedNote))}</p>
            <div class="buttons">
                <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| decide("return")>{tr(Key::IdeaReturn)}</button>
            </div>
        </article>
    }
}

/// The rounds the caller judges now; nothing at all for someone who judges none.
#[component]
fn Judging(notice: RwSignal<Option<Key>>) -> impl IntoView {
    let rounds = RwSignal::new(None::<Arc<Vec<JudgingView>>>);
    spawn_local(async move {
        let answer = api::get::<Vec<JudgingView>>("/api/ideas/judging").await;
        rounds.try_set(answer.map(Arc::new));
    });
    move || {
        rounds.get().filter(|r| !r.is_empty()).map(|list| {
            list.iter()
                .cloned()
                .map(|round| {
                    let heading = format!("judging-{}", round.id);
                    let weights = round.criteria.iter().map(|c| format!("{} {}%", c.name, c.weight)).collect::<Vec<_>>().join(" · ");
                    let ideas = round.ideas.iter().cloned().map(|idea| view! { <ScoreCard round=round.id criteria=round.criteria.iter().map(|c| c.name.clone()).collect() idea notice/> }).collect_view();
                    let labelled = heading.clone();
                    view! {
                        <section class="card" aria-labelledby=labelled data-testid="judging">
                            <h2 id=heading>{move || use_i18n().fill(Key::IdeaJudgingTitle, &[("theme", &round.theme)])}</h2>
                            <p class="muted">{move || { let i18n = use_i18n(); i18n.fill(Key::IdeaJudgingIntro, &[("until", &crate::format::date(i18n.lang.get(), &round.judging_ends_on))]) }}</p>
                            <p>{weights}</p>
                            {ideas}
                        </section>
                    }
                })
                .collect_view()
        })
    }
}

#[component]
fn ScoreCard(round: i64, criteria: Vec<String>, idea: JurorIdea, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    let scores: Vec<RwSignal<u8>> = criteria.iter().enumerate().map(|(i, _)| RwSignal::new(idea.my_scores.as_ref().and_then(|s| s.get(i).copied()).unwrap_or(0))).collect();
    let saved = RwSignal::new(idea.my_scores.is_some());
    let incomplete = RwSignal::new(false);
    let id = format!("score-{round}-{}", idea.number);
    let url = StoredValue::new(format!("/api/ideas/rounds/{round}/ideas/{}/score", idea.number));
    let all = scores.clone();
    let save = move |_| {
        let values: Vec<u8> = all.iter().map(|s| s.get_untracked()).collect();
        if values.contains(&0) {
            incomplete.set(true);
            return;
        }
        incomplete.set(false);
        notice.set(None);
        spawn_local(async move {
            if api::done("PUT", &url.get_value(), api::body(&ScoreInput { scores: values })).await {
                saved.try_set(true);
                notice.try_set(Some(Key::IdeaScoreSaved));
            }
        });
    };
    let selects = criteria
        .into_iter()
        .zip(scores)
        .map(|(name, score)| {
            let options = (1..=SCORE_MAX).map(|v| view! { <option value=v.to_string() selected=move || score.get() == v>{v}</option> }).collect_view();
            view! {
                <label class="field inline">
                    <span>{name}</span>
                    <select on:change=move |ev| { score.set(event_target_value(&ev).parse().unwrap_or(0)); saved.set(false); }>
                        <option value="0" selected=move || score.get() == 0>{tr(Key::IdeaScorePick)}</option>
                        {options}
                    </select>
                </label>
            }
        })
        .collect_view();
    let number = idea.number;
    let labelled = id.clone();
    view! {
        <article class="card idea" aria-labelledby=labelled data-testid="score-idea">
            <h3 id=id>{move || i18n.fill(Key::IdeaNumbered, &[("n", &number.to_string())])} ": " {idea.title.clone()}</h3>
            {sections(&idea.items)}
            <div class="scores">{selects}</div>
            <p class="alert-text">{move || incomplete.get().then(|| i18n.t(Key::IdeaScoreIncomplete))}</p>
            <div class="buttons">
                <button type="button" on:click=save>{tr(Key::IdeaScoreSave)}</button>
                <span class="muted" data-testid="scored">{move || saved.get().then(|| text(i18n.lang.get(), Key::IdeaScored))}</span>
            </div>
        </article>
    }
}

/// "4,35" in Bahasa Indonesia, "4.35" in English.
pub fn score_text(lang: crate::i18n::Lang, hundredths: u32) -> String {
    let mark = if lang == crate::i18n::Lang::Id { ',' } else { '.' };
    format!("{}{mark}{:02}", hundredths / 100, hundredths % 100)
}

/// The round's jurors' progress in words: "1 dari 2 juri".
pub fn jurors_text(lang: crate::i18n::Lang, scored: u32, of: u32) -> String {
    fill(text(lang, Key::IdeaJurorsScored), &[("n", &scored.to_string()), ("of", &of.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_score_shows_two_decimals_with_the_languages_mark() {
        assert_eq!(score_text(Lang::Id, 435), "4,35");
        assert_eq!(score_text(Lang::Id, 400), "4,00");
        assert_eq!(score_text(Lang::En, 405), "4.05");
    }
}
