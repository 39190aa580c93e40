//! JP earned this year against the learner's own yearly rule (`lentera_protocol::jp_rule`): a PNS
//! must reach at least 20 JP, a PPPK may take up to 24 JP. What the server verified, and apart from
//! it, clearly labelled, what this phone expects a sync to add.

use crate::device::now_ms;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use lentera_protocol::Employment;
use lentera_protocol::progress::year_of;

/// The sentences of the bar for `employment` with `jp` verified: (figure, the line below it).
pub fn words(employment: Employment, jp: u32) -> (Key, Key) {
    match (employment, employment.reached(jp)) {
        (Employment::Pns, false) => (Key::JpProgress, Key::JpHelp),
        (Employment::Pns, true) => (Key::JpProgress, Key::JpReached),
        (Employment::Pppk, false) => (Key::JpProgressPppk, Key::JpHelpPppk),
        (Employment::Pppk, true) => (Key::JpProgressPppk, Key::JpReachedPppk),
    }
}

#[component]
pub fn JpBar(
    /// JP the server credited this year.
    #[prop(into)]
    verified: Signal<u32>,
    /// JP this phone's preview expects once its completions are synced and verified.
    #[prop(into)]
    waiting: Signal<u32>,
    /// PNS or PPPK, as the server said at login or the last sync.
    #[prop(into)]
    employment: Signal<Employment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let year = year_of(now_ms());
    let jp = move || verified.get();
    let target = move || employment.get().yearly_jp();
    view! {
        <section class="card jp" aria-labelledby="jp-title">
            <h2 id="jp-title">{move || i18n.fill(Key::JpThisYear, &[("year", &year.to_string())])}</h2>
            <p class="jp-figure" data-testid="jp">
                {move || i18n.fill(words(employment.get(), jp()).0, &[("n", &jp().to_string()), ("m", &target().to_string())])}
            </p>
            <progress max=target value=move || jp().min(target()) aria-labelledby="jp-title"></progress>
            <p class="jp-waiting" data-testid="jp-waiting" hidden=move || waiting.get() == 0>{move || i18n.n(Key::JpWaiting, waiting.get())}</p>
            <p class="muted" data-testid="jp-rule">{move || i18n.t(words(employment.get(), jp()).1)}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, fill, text};

    #[test]
    fn a_pppk_reads_of_a_right_to_24_jp_and_a_pns_of_a_duty_of_20() {
        let say = |employment: Employment, jp: u32| {
            let (figure, line) = words(employment, jp);
            let m = employment.yearly_jp().to_string();
            (fill(text(Lang::Id, figure), &[("n", &jp.to_string()), ("m", &m)]), text(Lang::Id, line))
        };
        assert_eq!(say(Employment::Pns, 12).0, "12 dari 20 JP terverifikasi");
        assert!(say(Employment::Pns, 12).1.contains("paling sedikit 20 JP"));
        assert_eq!(say(Employment::Pns, 20).1, "Target tahun ini sudah tercapai.");
        assert_eq!(say(Employment::Pppk, 12).0, "12 JP terverifikasi dari hak 24 JP");
        assert!(say(Employment::Pppk, 12).1.contains("hingga 24 JP setahun (PP 49/2018)"));
        // 20 JP is not "reached" for a PPPK: their figure is 24, and it is a right, not a target.
        assert_eq!(say(Employment::Pppk, 20).1, say(Employment::Pppk, 12).1);
        assert_eq!(say(Employment::Pppk, 24).1, "Hak 24 JP tahun ini sudah terpakai seluruhnya.");
    }
}
