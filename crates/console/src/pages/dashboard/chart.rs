//! A horizontal bar chart in inline SVG: mean JP per unit, or JP per person for one small unit,
//! with each JP rule in view as a line (PNS at least 20 JP, PPPK at most 24 JP). Widths are percentages, so it fits any screen with text at full size.

use crate::format::{css_percent, decimal, percent, shorten};
use crate::i18n::{Key, tr, use_i18n};
use leptos::prelude::*;
use lentera_protocol::org::PEOPLE_CHART_MAX;

const ROW: usize = 34;
/// Room above the bars for one line label.
const LABEL: usize = 14;

#[component]
pub fn Chart(summary: super::Summary) -> impl IntoView {
    let i18n = use_i18n();
    let data = summary;
    // One unit (with what is below it) in view and few people: each person's bar says more than a
    // mean. The server lists them (`people_jp`) whatever the search and the page.
    let per_person = data.first_is_everyone() && !data.people_jp.is_empty() && data.people_jp.len() <= PEOPLE_CHART_MAX as usize;
    // (name, JP, the figure that bar is measured against): a person's own; a unit's mean against the PNS one.
    let mut bars: Vec<(String, f64, f64)> = if per_person {
        data.people_jp.iter().map(|p| (p.name.clone(), f64::from(p.jp), f64::from(p.employment.yearly_jp()))).collect()
    } else {
        data.units.iter().map(|u| (u.name.clone(), u.mean_jp, f64::from(data.target_jp))).collect()
    };
    if bars.is_empty() {
        return ().into_any();
    }
    bars.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // A line per rule that applies to someone in view.
    let pppk = data.total.pppk;
    let mut lines: Vec<(u32, Key, &str, &str)> = Vec::new();
    if data.total.staff > pppk || pppk == 0 {
        lines.push((data.target_jp, Key::TargetLine, "target", "target-label"));
    }
    if pppk > 0 {
        lines.push((data.target_jp_pppk, Key::TargetLinePppk, "target pppk", "target-label pppk"));
    }
    let highest = lines.iter().map(|l| f64::from(l.0)).fold(0.0, f64::max);
    let most = bars.iter().map(|b| b.1).fold(0.0, f64::max);
    let scale = (highest * 1.1).max(most * 1.05);
    let top = 6 + LABEL * lines.len();
    let height = top + bars.len() * ROW;
    let title = if per_person { Key::ChartPeople } else { Key::ChartUnits };

    let rows = move || {
        let lang = i18n.lang.get();
        bars.iter()
            .enumerate()
            .map(|(i, (name, value, target))| {
                let y = top + i * ROW;
                let label = format!("{} · {} JP", shorten(name, 40), decimal(lang, *value));
                let width = css_percent(percent(*value, scale).max(0.4));
                let reached = *value >= *target;
                view! {
                    <text x="0" y=y + 12 class="label">{label}</text>
                    <rect x="0" y=y + 17 width=width height="12" rx="3" class=if reached { "bar reached" } else { "bar" }/>
                }
            })
            .collect_view()
    };
    let rules = lines
        .into_iter()
        .enumerate()
        .map(|(i, (jp, key, class, label_class))| {
            let at = percent(f64::from(jp), scale);
            let x = css_percent(at);
            // The label reads away from the nearer edge, so neither end of the chart cuts it off.
            let (anchor, dx) = if at < 50.0 { ("start", "4") } else { ("end", "-4") };
            let label = move || i18n.n(key, jp);
            view! {
                <line x1=x.clone() x2=x.clone() y1=top - 6 y2=height class=class/>
                <text x=x y=10 + i * LABEL dx=dx text-anchor=anchor class=label_class>{label}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart card">
            <figcaption>{tr(title)}</figcaption>
            <svg width="100%" height=height role="img" aria-label=tr(title)>
                {rules}
                {rows}
            </svg>
        </figure>
    }
    .into_any()
}
