//! `/konsol/ide/{round}/usulan/{number}`: a published idea as a proposal document in the spirit of
//! the national public-service innovation competition (KIPP), laid out for printing or saving as PDF.

use crate::api;
use crate::i18n::{Key, fill, text, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::idea::Proposal;
use std::sync::Arc;

/// (round, number) of the address, when it is a proposal's.
pub fn proposal_of(path: &str) -> Option<(i64, u32)> {
    match lentera_ui::route::segments(path, "/konsol").as_slice() {
        ["ide", round, "usulan", number] => Some((round.parse().ok()?, number.parse().ok()?)),
        _ => None,
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let proposal = RwSignal::new(None::<Arc<Proposal>>);
    if let Some((round, number)) = location.pathname.with_untracked(|p| proposal_of(p)) {
        spawn_local(async move {
            let answer = api::get::<Proposal>(&format!("/api/ideas/rounds/{round}/proposal/{number}")).await;
            proposal.try_set(answer.map(Arc::new));
        });
    }
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    move || match proposal.get() {
        None => crate::app::loading().into_any(),
        Some(p) => {
            let lang = i18n.lang.get();
            let t = |k| text(lang, k);
            let team = if p.team.is_empty() {
                t(Key::IdeaNoTeam).to_owned()
            } else {
                p.team.iter().map(|(nip, name)| if name.is_empty() { nip.clone() } else { format!("{name} ({nip})") }).collect::<Vec<_>>().join(", ")
            };
            let place = match (p.rank, p.score_hundredths) {
                (Some(rank), Some(score)) => fill(t(Key::IdeaPlace), &[("rank", &rank.to_string()), ("of", &p.of.to_string()), ("score", &super::ideas::score_text(lang, score))]),
                _ => String::new(),
            };
            let sections = p.sections.iter().map(|(name, body)| view! { <h2>{name.clone()}</h2><p class="learned">{body.clone()}</p> }).collect_view();
            view! {
                <article class="proposal">
                    <p class="muted">{fill(t(Key::IdeaProposalKicker), &[("theme", &p.round_theme)])}</p>
                    <h1 class="page-title">{p.title.clone()}</h1>
                    <dl class="answers">
                        <dt>{t(Key::IdeaProposer)}</dt><dd>{format!("{} ({})", p.author_name, p.author_nip)}</dd>
                        <dt>{t(Key::ColUnit)}</dt><dd>{p.unit.clone()}</dd>
                        <dt>{t(Key::IdeaTeamLabel)}</dt><dd>{team}</dd>
                        <dt>{t(Key::IdeaResultLabel)}</dt><dd>{place}</dd>
                    </dl>
                    {sections}
                    {p.tie_note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                    <div class="buttons no-print">
                        <button type="button" on:click=print>{tr(Key::IdeaPrint)}</button>
                        <a class="button secondary" href="/konsol/ide">{tr(Key::IdeaBack)}</a>
                    </div>
                </article>
            }
            .into_any()
        }
    }
}
