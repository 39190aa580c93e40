//! A horizontal bar chart in inline SVG: mean JP per unit, or JP per person for one small unit,
//! with the 20 JP target as a line. Widths are percentages, so it fits any screen with text at full size.

use crate::format::{css_percent, decimal, percent, shorten};
use crate::i18n::{Key, tr, use_i18n};
use leptos::prelude::*;
use lentera_protocol::org::PEOPLE_CHART_MAX;

const ROW: usize = 34;
const TOP: usize = 20;

#[component]
pub fn Chart(summary: super::Summary) -> impl IntoView {
    let i18n = use_i18n();
    let data = summary;
    // One unit (with what is below it) in view and few people: each person's bar says more than a
    // mean. The server lists them (`people_jp`) whatever the search and the page.
    let per_person = data.first_is_everyone() && !data.people_jp.is_empty() && data.people_jp.len() <= PEOPLE_CHART_MAX as usize;
    let mut bars: Vec<(String, f64)> = if per_person {
        data.people_jp.iter().map(|p| (p.name.clone(), f64::from(p.jp))).collect()
    } else {
        data.units.iter().map(|u| (u.name.clone(), u.mean_jp)).collect()
    };
    if bars.is_empty() {
        return ().into_any();
    }
    bars.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let target = f64::from(data.target_jp);
    let most = bars.iter().map(|b| b.1).fold(0.0, f64::max);
    let scale = (target * 1.1).max(most * 1.05);
    let height = TOP + bars.len() * ROW;
    let target_at = percent(target, scale);
    let target_x = css_percent(target_at);
    // The label reads away from the nearer edge, so neither end of the chart cuts it off.
    let (anchor, dx) = if target_at < 50.0 { ("start", "4") } else { ("end", "-4") };
    let title = if per_person { Key::ChartPeople } else { Key::ChartUnits };

    let rows = move || {
        let lang = i18n.lang.get();
        bars.iter()
            .enumerate()
            .map(|(i, (name, value))| {
                let y = TOP + i * ROW;
                let label = format!("{} · {} JP", shorten(name, 40), decimal(lang, *value));
                let width = css_percent(percent(*value, scale).max(0.4));
                let reached = *value >= target;
                view! {
                    <text x="0" y=y + 12 class="label">{label}</text>
                    <rect x="0" y=y + 17 width=width height="12" rx="3" class=if reached { "bar reached" } else { "bar" }/>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="chart card">
            <figcaption>{tr(title)}</figcaption>
            <svg width="100%" height=height role="img" aria-label=tr(title)>
                <line x1=target_x.clone() x2=target_x.clone() y1="14" y2=height class="target"/>
                <text x=target_x y="10" dx=dx text-anchor=anchor class="target-label">{tr(Key::TargetLine)}</text>
                {rows}
            </svg>
        </figure>
    }
    .into_any()
}
