//! Ide inovasi: the open competition rounds (theme, deadline, how the jurors score) and the learner's
//! ideas, the server's word (`GET /api/ideas/rounds`, `GET /api/ideas/mine`) merged with the phone's
//! own events so a draft written offline shows at once; "Kirim ke atasan" records `idea_submitted`.

use super::idea_form::IdeaForm;
use super::log::EvidenceList;
use super::text::{W, Words};
use super::wib::{Wib, day_words};
use super::{Ctx, new_id, use_ctx};
use crate::i18n::{I18n, Lang, use_i18n};
use leptos::prelude::*;
use lentera_protocol::EventBody;
use lentera_protocol::idea::{IdeaRound, RoundStatus};
use lentera_protocol::idea_draft::{IdeaDraft, IdeaDrafts, IdeaRow, Shown, open_on, rows, score_words};

/// Today in WIB by the phone's clock, `YYYY-MM-DD`.
pub fn today() -> String {
    Wib::of(crate::device::now_ms()).iso_date()
}

fn rounds(ctx: Ctx) -> Vec<IdeaRound> {
    ctx.rounds.with(|r| r.as_ref().map(|r| r.value.clone()).unwrap_or_default())
}

fn all_rows(ctx: Ctx) -> Vec<IdeaRow> {
    let mine = ctx.learning.progress.with(|p| IdeaDrafts::of(&p.activity));
    ctx.ideas.with(|server| ctx.unsent.with(|unsent| rows(&mine, server.as_ref().map(|s| s.value.as_slice()).unwrap_or_default(), unsent)))
}

#[component]
pub fn Ideas() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    // The idea open in the form, with its draft as it stands when the form opens.
    let editing = RwSignal::new(None::<(String, IdeaDraft)>);
    let all = Memo::new(move |_| all_rows(ctx));
    view! {
        <section aria-labelledby="ideas-title" data-testid="ideas">
            <h2 id="ideas-title" class="sr">{move || i18n.w(W::TabIdeas)}</h2>
            <p class="muted">{move || i18n.w(W::IdeasIntro)}</p>
            <p class="muted" data-testid="freshness">{move || super::freshness(i18n, ctx, ctx.rounds.with(|l| l.as_ref().map(|l| l.at_ms)))}</p>
            {move || match editing.get() {
                Some((entry, draft)) => {
                    let round = rounds(ctx).into_iter().find(|r| r.id.to_string() == draft.round);
                    view! { <IdeaForm entry draft round editing/> }.into_any()
                }
                None => view! {
                    <Rounds editing/>
                    <h3 class="section">{move || i18n.w(W::MyIdeas)}</h3>
                    <Show when=move || ctx.read.get() && all.with(Vec::is_empty)>
                        <p class="muted">{move || i18n.w(W::NoIdeas)}</p>
                    </Show>
                    <ul class="entries">
                        <For each=move || all.get() key=|r| format!("{r:?}") let:row>
                            <li><Idea row editing/></li>
                        </For>
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// The rounds the learner may enter now or soon, each with its rubric.
#[component]
fn Rounds(editing: RwSignal<Option<(String, IdeaDraft)>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let shown = move || {
        let today = today();
        rounds(ctx).into_iter().filter(|r| open_on(r, &today) || r.status == RoundStatus::Upcoming || r.status == RoundStatus::Open).collect::<Vec<_>>()
    };
    view! {
        <h3 class="section">{move || i18n.w(W::Rounds)}</h3>
        {move || {
            if !ctx.read.get() {
                return None;
            }
            if ctx.rounds.with(Option::is_none) {
                return Some(view! { <p class="muted">{move || i18n.w(W::NeverLoaded)}</p> }.into_any());
            }
            let list = shown();
            if list.is_empty() {
                return Some(view! { <p class="muted">{move || i18n.w(W::NoRounds)}</p> }.into_any());
            }
            Some(view! { <ul class="entries">{list.into_iter().map(|round| view! { <li><Round round editing/></li> }).collect_view()}</ul> }.into_any())
        }}
    }
}

/// "Pelayanan: 40%" for each criterion.
pub fn rubric(i18n: I18n, round: &IdeaRound) -> impl IntoView + use<> {
    let items = round
        .criteria
        .iter()
        .map(|c| {
            let (name, weight) = (c.name.clone(), c.weight.to_string());
            view! { <li>{move || i18n.wf(W::Criterion, &[("name", &name), ("weight", &weight)])}</li> }
        })
        .collect_view();
    view! {
        <p class="muted">{move || i18n.w(W::Rubric)}</p>
        <ul class="criteria" data-testid="rubric">{items}</ul>
    }
}

#[component]
fn Round(round: IdeaRound, editing: RwSignal<Option<(String, IdeaDraft)>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let open = open_on(&round, &today());
    let (opens, closes) = (round.opens_on.clone(), round.closes_on.clone());
    let dates = move || {
        let lang = i18n.lang.get();
        i18n.wf(W::RoundDates, &[("opens", &day_words(&opens, lang)), ("closes", &day_words(&closes, lang))])
    };
    let id = round.id.to_string();
    let write = move |_| {
        let entry = new_id();
        let draft = IdeaDraft::new(&id);
        ctx.record(vec![draft.clone().saved(&entry)]);
        editing.set(Some((entry, draft)));
    };
    let opens = round.opens_on.clone();
    let description = (!round.description.trim().is_empty()).then(|| round.description.clone());
    view! {
        <article class="card round" data-testid="round" data-id=round.id.to_string()>
            <h4>{round.theme.clone()}</h4>
            {description.map(|d| view! { <p>{d}</p> })}
            <p class="meta" data-testid="round-dates">{dates}</p>
            {rubric(i18n, &round)}
            {if open {
                view! { <button type="button" class="button primary" on:click=write>{move || i18n.w(W::WriteIdea)}</button> }.into_any()
            } else {
                view! { <p class="standing">{move || i18n.wf(W::RoundUpcoming, &[("opens", &day_words(&opens, i18n.lang.get()))])}</p> }.into_any()
            }}
        </article>
    }
}

#[component]
fn Idea(row: IdeaRow, editing: RwSignal<Option<(String, IdeaDraft)>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let IdeaRow { entry, round, title, draft, shown, unsaved, result } = row;
    let the_round = rounds(ctx).into_iter().find(|r| r.id.to_string() == round);
    let open = the_round.as_ref().is_some_and(|r| open_on(r, &today()));
    let judging = the_round.as_ref().is_some_and(|r| r.status == RoundStatus::Judging);
    let published = the_round.as_ref().is_some_and(|r| r.status == RoundStatus::Published);
    let theme = the_round.as_ref().map(|r| r.theme.clone());
    let closes = the_round.as_ref().map(|r| r.closes_on.clone());
    let complete = draft.as_ref().is_some_and(IdeaDraft::complete);
    let status = {
        let shown = shown.clone();
        move || match &shown {
            Shown::Draft => i18n.w(W::IdeaDraft),
            Shown::WaitingSync => i18n.w(W::StatusWaitingSync),
            Shown::Submitted => i18n.w(W::IdeaSubmitted),
            Shown::Late(_) => i18n.w(W::IdeaLate),
            Shown::Endorsed if judging => i18n.w(W::IdeaJudging),
            Shown::Endorsed if published => i18n.w(W::IdeaEndorsedPublished),
            Shown::Endorsed => i18n.w(W::IdeaEndorsed),
            Shown::Returned(_) => i18n.w(W::IdeaReturned),
        }
    };
    let note = match &shown {
        Shown::Returned(Some(note)) => Some(view! { <p class="note" data-testid="idea-note">{let note = note.clone(); move || i18n.wf(W::Note, &[("note", &note)])}</p> }.into_any()),
        Shown::Late(Some(why)) => Some(view! { <p class="note" data-testid="idea-note">{let why = why.clone(); move || i18n.wf(W::IdeaLateWhy, &[("why", &why)])}</p> }.into_any()),
        _ => None,
    };
    let result = match result {
        Some(r) => Some(view! {
            <p class="credited" data-testid="idea-result">
                {move || {
                    let score = score_words(r.score_hundredths, i18n.lang.get() == Lang::Id);
                    i18n.wf(W::IdeaResult, &[("rank", &r.rank.to_string()), ("of", &r.of.to_string()), ("score", &score)])
                }}
            </p>
            {r.tie_note.clone().map(|tie| view! { <p class="muted" data-testid="idea-tie">{tie}</p> })}
        }.into_any()),
        None if published && shown == Shown::Endorsed => Some(view! { <p class="muted" data-testid="idea-result">{move || i18n.w(W::IdeaNoResult)}</p> }.into_any()),
        None => None,
    };
    let editable = shown.editable() && draft.is_some();
    let why_not = if !complete {
        Some(W::IdeaSendMissing)
    } else if !open {
        Some(W::IdeaSendClosed)
    } else {
        None
    };
    let why_id = format!("idea-why-{entry}");
    let images = draft.as_ref().map(|d| d.evidence.clone()).unwrap_or_default();
    let team = draft.as_ref().map(|d| d.team.len()).unwrap_or(0);
    let edit = draft.clone().map(|d| (entry.clone(), d));
    let send = {
        let entry = entry.clone();
        move |_| ctx.record(vec![EventBody::IdeaSubmitted { entry: entry.clone() }])
    };
    view! {
        <article class="card entry" data-testid="idea" data-entry=entry.clone() data-status=shown.key()>
            <h4>{move || if title.trim().is_empty() { i18n.w(W::Untitled).to_owned() } else { title.clone() }}</h4>
            {theme.map(|theme| view! { <p class="meta">{move || i18n.wf(W::IdeaRound, &[("theme", &theme)])}</p> })}
            <p class="standing" data-testid="idea-status">{status}</p>
            {note}
            {result}
            {unsaved.then(|| view! { <p class="muted" data-testid="idea-unsaved">{move || i18n.w(W::IdeaUnsaved)}</p> })}
            {(team > 0).then(|| view! { <p class="meta">{move || i18n.wf(W::IdeaTeam, &[("n", &team.to_string())])}</p> })}
            <EvidenceList ids=images received=Vec::new() editable=false on_remove=Callback::new(|_: String| {}) gone_is_sent=true name=W::ImageName/>
            {editable.then(|| {
                let closes = closes.clone();
                view! {
                    <div class="actions">
                        <button type="button" class="button secondary" on:click=move |_| editing.set(edit.clone())>{move || i18n.w(W::Edit)}</button>
                        <button type="button" class="button primary" disabled=why_not.is_some() aria-describedby=why_not.map(|_| why_id.clone()) on:click=send>
                            {move || i18n.w(W::Send)}
                        </button>
                    </div>
                    {why_not.map(|why| view! {
                        <p class="muted" id=why_id.clone() data-testid="idea-why">
                            {move || i18n.w(why)}
                            {closes.clone().filter(|_| why == W::IdeaSendClosed).map(|c| view! { " " {move || i18n.wf(W::RoundClosed, &[("closes", &day_words(&c, i18n.lang.get()))])} })}
                        </p>
                    })}
                }
            })}
        </article>
    }
}
