//! JP earned this year against the 20 JP every civil servant must reach.

use crate::device::now_ms;
use crate::i18n::{Key, use_i18n};
use crate::learning::use_learning;
use leptos::prelude::*;
use lentera_protocol::progress::year_of;

/// PP 11/2017 art. 203(4) as amended by PP 17/2020: at least 20 JP a year.
pub const JP_TARGET: u32 = 20;

#[component]
pub fn JpBar() -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let year = year_of(now_ms());
    let jp = move || learning.progress.with(|p| p.jp_in_year(year));
    view! {
        <section class="card jp" aria-labelledby="jp-title">
            <h2 id="jp-title">{move || i18n.fill(Key::JpThisYear, &[("year", &year.to_string())])}</h2>
            <p class="jp-figure" data-testid="jp">
                {move || i18n.fill(Key::JpProgress, &[("n", &jp().to_string()), ("m", &JP_TARGET.to_string())])}
            </p>
            <progress max=JP_TARGET value=move || jp().min(JP_TARGET) aria-labelledby="jp-title"></progress>
            <p class="muted">
                {move || if jp() >= JP_TARGET { i18n.t(Key::JpReached) } else { i18n.t(Key::JpHelp) }}
            </p>
        </section>
    }
}
