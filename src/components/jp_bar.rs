//! JP earned this year against the 20 JP every civil servant must reach: what the server verified,
//! and apart from it, clearly labelled, what this phone expects a sync to add.

use crate::device::now_ms;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use lentera_protocol::progress::year_of;

/// PP 11/2017 art. 203(4) as amended by PP 17/2020: at least 20 JP a year.
pub const JP_TARGET: u32 = 20;

#[component]
pub fn JpBar(
    /// JP the server credited this year.
    #[prop(into)]
    verified: Signal<u32>,
    /// JP this phone's preview expects once its completions are synced and verified.
    #[prop(into)]
    waiting: Signal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let year = year_of(now_ms());
    let jp = move || verified.get();
    view! {
        <section class="card jp" aria-labelledby="jp-title">
            <h2 id="jp-title">{move || i18n.fill(Key::JpThisYear, &[("year", &year.to_string())])}</h2>
            <p class="jp-figure" data-testid="jp">
                {move || i18n.fill(Key::JpProgress, &[("n", &jp().to_string()), ("m", &JP_TARGET.to_string())])}
            </p>
            <progress max=JP_TARGET value=move || jp().min(JP_TARGET) aria-labelledby="jp-title"></progress>
            <p class="jp-waiting" data-testid="jp-waiting" hidden=move || waiting.get() == 0>{move || i18n.n(Key::JpWaiting, waiting.get())}</p>
            <p class="muted">
                {move || if jp() >= JP_TARGET { i18n.t(Key::JpReached) } else { i18n.t(Key::JpHelp) }}
            </p>
        </section>
    }
}
