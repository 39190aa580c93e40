//! The evaluation tab (docs/evaluation.md): for each course and training the server credited, the
//! satisfaction survey (four statements 1-4 in words and an open question, optional, JP never
//! depends on it) recorded offline as `reaction_given`, and from `PLAN_AFTER_DAYS` after completion
//! the action plan, `action_plan_saved`, editable. Unsent answers say "menunggu sinkron".

use super::evaluation_text::{E, EvalWords};
use super::kept::{self, Kept};
use super::{Ctx, freshness, loading, use_ctx};
use crate::i18n::use_i18n;
use crate::sync::lock;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::reaction::{FollowUp, MySubject, QUESTIONS, valid_choice};
use lentera_protocol::EventBody;

const STATEMENTS: [E; 4] = [E::QUseful, E::QClear, E::QTime, E::QRecommend];
const LEVELS: [E; 4] = [E::Level1, E::Level2, E::Level3, E::Level4];

/// The newest reaction and plan the phone holds for `subject` (its own fold: saved offline too).
fn held(ctx: &Ctx, subject: &str) -> (Option<(Vec<u8>, String)>, Option<String>) {
    ctx.learning.progress.with(|p| {
        let mut reaction = None;
        let mut plan = None;
        for e in &p.activity {
            match &e.body {
                EventBody::ReactionGiven { subject: s, choice, text } if s == subject => reaction = Some((choice.clone(), text.clone())),
                EventBody::ActionPlanSaved { subject: s, text } if s == subject => plan = Some(text.clone()),
                _ => {}
            }
        }
        (reaction, plan)
    })
}

/// Whether an unsent event of this kind for `subject` waits in the outbox.
fn waiting(ctx: &Ctx, subject: &str, plan: bool) -> bool {
    ctx.unsent.with(|u| {
        u.iter().any(|b| match b {
            EventBody::ReactionGiven { subject: s, .. } => !plan && s == subject,
            EventBody::ActionPlanSaved { subject: s, .. } => plan && s == subject,
            _ => false,
        })
    })
}

/// Reads the kept list, then asks the server (under the sync lock) when the tab opens and after each sync.
fn keep_list(ctx: Ctx, list: RwSignal<Option<kept::Evaluation>>, read: RwSignal<bool>) {
    let account = crate::account::use_account();
    if let Some(Ok(services)) = ctx.services.get_untracked() {
        let store = services.store.clone();
        spawn_local(async move {
            let nip = account.session.with_untracked(|s| s.as_ref().map(|s| s.account.nip.to_string()));
            if let Some(nip) = nip
                && let Ok(Some(found)) = kept::kept(&store, kept::EVALUATION, &nip).await
                && list.try_with_untracked(Option::is_none) == Some(true)
            {
                list.try_set(Some(found));
            }
            read.try_set(true);
        });
    }
    // Asked when the tab opens and again each time the page's own refresh after a sync has set the
    // trainings list: that refresh holds the sync lock until then, and a busy lock is not waited for.
    Effect::new(move |_| {
        ctx.trainings.track();
        if ctx.status.syncing.get_untracked() {
            return;
        }
        let Some(Ok(services)) = ctx.services.get_untracked() else { return };
        let store = services.store.clone();
        spawn_local(async move {
            let fetched = lock::exclusive(async move {
                let session = account.stored(&store).await.ok().flatten().filter(|_| !account.ended.get_untracked())?;
                kept::fetch::<Vec<MySubject>>(&store, kept::EVALUATION, &session.token, &session.account.nip.to_string()).await.ok()
            })
            .await;
            if let Some(Some(fresh)) = fetched {
                list.try_set(Some(fresh));
            }
        });
    });
}

#[component]
pub fn Evaluation() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let list = RwSignal::new(None::<kept::Evaluation>);
    let read = RwSignal::new(false);
    keep_list(ctx, list, read);
    view! {
        <section class="evaluation">
            <p class="intro">{move || i18n.e(E::Intro)}</p>
            {move || match list.get() {
                None if !read.get() => loading(i18n),
                None => view! { <p class="card">{move || i18n.w(super::text::W::NeverLoaded)}</p> }.into_any(),
                Some(Kept { value, at_ms }) => {
                    let fresh = freshness(i18n, ctx, Some(at_ms));
                    view! {
                        <p class="freshness">{fresh}</p>
                        {if value.is_empty() {
                            view! { <p class="card">{move || i18n.e(E::None)}</p> }.into_any()
                        } else {
                            value.into_iter().map(|s| view! { <Subject subject=s/> }).collect_view().into_any()
                        }}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

use super::text::Words;

#[component]
fn Subject(subject: MySubject) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let id = subject.subject.clone();
    let kind = if id.starts_with("training:") { E::Training } else { E::Course };
    let heading = format!("eval-{}", id.replace(':', "-"));
    let done = super::wib::Wib::of(subject.completed_at_ms);
    let plan_from = super::wib::Wib::of(subject.plan_from_ms);
    let plan_open = move || ctx.status.now_ms.get().max(crate::device::now_ms()) >= subject.plan_from_ms;
    let follow_up = subject.plan.as_ref().and_then(|p| p.follow_up);
    let server_has_reaction = subject.reaction.is_some();
    let server_has_plan = subject.plan.is_some();
    let (r_id, p_id) = (StoredValue::new(id.clone()), StoredValue::new(id.clone()));
    let reaction_state = move || {
        let r_id = r_id.get_value();
        let (mine, _) = held(&ctx, &r_id);
        if waiting(&ctx, &r_id, false) {
            Some(E::RatingWaiting)
        } else if mine.is_some() || server_has_reaction {
            Some(E::RatingSent)
        } else {
            None
        }
    };
    let plan_state = move || {
        let p_id = p_id.get_value();
        if waiting(&ctx, &p_id, true) {
            Some(E::PlanWaiting)
        } else if held(&ctx, &p_id).1.is_some() || server_has_plan {
            Some(E::PlanSent)
        } else {
            None
        }
    };
    let open = RwSignal::new(false);
    let labelled = heading.clone();
    let form_id = id.clone();
    let plan_id = id.clone();
    let server_plan = subject.plan.as_ref().map(|p| p.text.clone());
    view! {
        <article class="card eval-subject" aria-labelledby=labelled data-testid="eval-subject" data-subject=id.clone()>
            <h2 id=heading>{subject.title.clone()}</h2>
            <p class="meta">{move || i18n.e(kind)} " · " {move || i18n.ef(E::CompletedOn, &[("date", &done.date(i18n.lang.get()))])}</p>
            <p class="standing" data-testid="reaction-status">{move || reaction_state().map(|k| i18n.e(k))}</p>
            {move || if open.get() {
                view! { <Survey subject=form_id.clone() open/> }.into_any()
            } else {
                let again = reaction_state().is_some();
                view! {
                    <div class="actions">
                        <button type="button" class="button primary" on:click=move |_| open.set(true)>
                            {move || i18n.e(if again { E::ChangeRating } else { E::Rate })}
                        </button>
                    </div>
                }.into_any()
            }}
            {id.strip_prefix("course:").map(|course| view! {
                <div class="actions"><a class="button secondary" href=format!("#tes/{course}")>{move || i18n.e(E::TestsTitle)}</a></div>
            })}
            <h3>{move || i18n.e(E::PlanTitle)}</h3>
            {move || if plan_open() {
                view! { <Plan subject=plan_id.clone() server=server_plan.clone()/> }.into_any()
            } else {
                view! { <p class="muted">{move || i18n.ef(E::PlanLater, &[("date", &plan_from.date(i18n.lang.get()))])}</p> }.into_any()
            }}
            <p class="standing" data-testid="plan-status">{move || plan_state().map(|k| i18n.e(k))}</p>
            {follow_up.map(|f| {
                let key = match f {
                    FollowUp::Done => E::FollowDone,
                    FollowUp::Partly => E::FollowPartly,
                    FollowUp::NotYet => E::FollowNotYet,
                };
                view! { <p class="note">{move || i18n.e(key)}</p> }
            })}
        </article>
    }
}

#[component]
fn Survey(subject: String, open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let (mine, _) = held(&ctx, &subject);
    let choice = RwSignal::new(mine.as_ref().map_or_else(|| vec![0u8; QUESTIONS.len()], |(c, _)| c.clone()));
    let answer = RwSignal::new(mine.map(|(_, t)| t).unwrap_or_default());
    let missing = RwSignal::new(false);
    let base = format!("rx-{}", subject.replace(':', "-"));
    let send = {
        let subject = subject.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let levels = choice.get_untracked();
            if !valid_choice(&levels) {
                missing.set(true);
                return;
            }
            missing.set(false);
            ctx.record(vec![EventBody::ReactionGiven { subject: subject.clone(), choice: levels, text: answer.get_untracked().trim().to_owned() }]);
            open.set(false);
        }
    };
    let open_id = format!("{base}-open");
    view! {
        <form class="form survey" on:submit=send>
            {STATEMENTS.iter().enumerate().map(|(i, statement)| {
                let name = format!("{base}-q{i}");
                view! {
                    <fieldset>
                        <legend>{move || i18n.e(*statement)}</legend>
                        {LEVELS.iter().enumerate().map(|(l, word)| {
                            let level = (l + 1) as u8;
                            view! {
                                <label class="choice">
                                    <input type="radio" name=name.clone() value=level.to_string()
                                        prop:checked=move || choice.with(|c| c[i] == level)
                                        on:change=move |_| {
                                            choice.update(|c| c[i] = level);
                                            missing.set(false);
                                        }/>
                                    <span>{move || i18n.e(*word)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <label for=open_id.clone()>{move || i18n.e(E::OpenQuestion)}</label>
            <textarea id=open_id rows="3" maxlength="2000" prop:value=move || answer.get() on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
            {move || missing.get().then(|| view! { <p class="alert" role="alert">{move || i18n.e(E::Missing)}</p> })}
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| open.set(false)>{move || i18n.e(E::Skip)}</button>
                <button type="submit" class="button primary">{move || i18n.e(E::Send)}</button>
            </div>
        </form>
    }
}

#[component]
fn Plan(subject: String, server: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let (_, mine) = held(&ctx, &subject);
    let text = RwSignal::new(mine.or(server).unwrap_or_default());
    let empty = RwSignal::new(false);
    let id = format!("plan-{}", subject.replace(':', "-"));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let written = text.get_untracked().trim().to_owned();
        if written.is_empty() {
            empty.set(true);
            return;
        }
        empty.set(false);
        ctx.record(vec![EventBody::ActionPlanSaved { subject: subject.clone(), text: written }]);
    };
    view! {
        <form class="form plan" on:submit=save>
            <label for=id.clone()>{move || i18n.e(E::PlanLabel)}</label>
            <textarea id=id rows="4" maxlength="2000" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            {move || empty.get().then(|| view! { <p class="alert" role="alert">{move || i18n.e(E::PlanEmpty)}</p> })}
            <div class="actions">
                <button type="submit" class="button primary">{move || i18n.e(E::PlanSave)}</button>
            </div>
        </form>
    }
}
