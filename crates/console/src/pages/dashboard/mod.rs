//! `/konsol/`: the supervisor's dashboard: unit totals, a JP chart, and the staff table.

mod cards;
mod chart;
mod table;

use crate::api;
use crate::app::{DASHBOARD_ROWS, after_typing, use_picks};
use crate::download::fetch_and_save;
use crate::format::date;
use crate::i18n::{Key, tr, use_i18n};
use crate::staff::Ask;
use crate::tree::{indented, ordered};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use lentera_protocol::org::{Dashboard as Data, PersonJp, UnitList, UnitSummary};
use std::sync::Arc;

/// The page of the dashboard in view; `None` until (or unless) it loads.
pub type Loaded = RwSignal<Option<Arc<Data>>>;

/// Loads the page `ask` names whenever it changes; an answer for an older ask is dropped. The
/// second signal is true while a newer page is on its way (the old one stays on screen).
pub fn load_dashboard(ask: Signal<Ask>) -> (Loaded, RwSignal<bool>) {
    let data: Loaded = RwSignal::new(None);
    let busy = RwSignal::new(false);
    Effect::new(move || {
        let wanted = ask.get();
        busy.set(true);
        spawn_local(async move {
            let answer = api::get::<Data>(&wanted.path(api::enc)).await;
            if ask.try_get_untracked().as_ref() == Some(&wanted) {
                data.try_set(answer.map(Arc::new));
                busy.try_set(false);
            }
        });
    });
    (data, busy)
}

/// What the cards and the chart show: totals over everyone in view, which paging and searching
/// leave as they are (so those two are not redrawn for every page).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The PNS yearly figure (20 JP) and the PPPK one (24 JP): each person is measured against their own.
    pub target_jp: u32,
    pub target_jp_pppk: u32,
    pub total: UnitSummary,
    pub units: Vec<UnitSummary>,
    pub people_jp: Vec<PersonJp>,
}

impl Summary {
    fn of(d: &Data) -> Summary {
        Summary { target_jp: d.target_jp, target_jp_pppk: d.target_jp_pppk, total: d.total.clone(), units: d.units.clone(), people_jp: d.people_jp.clone() }
    }

    /// Whether the first unit listed (the one asked for, or a single root) is everyone in view.
    pub fn first_is_everyone(&self) -> bool {
        let figures = |u: &UnitSummary| (u.staff, u.on_track, u.reached_target, u.stale, u.overdue_people);
        self.units.first().is_some_and(|u| figures(u) == figures(&self.total))
    }
}

/// Every unit in the caller's view, for the filter and the forms.
pub fn load_units() -> RwSignal<Option<UnitList>> {
    let units = RwSignal::new(None);
    spawn_local(async move { units.try_set(api::get::<UnitList>("/api/org/units").await); });
    units
}

/// `<option>`s of the units, indented as a tree; `selected` is the chosen code.
pub fn unit_options(units: RwSignal<Option<UnitList>>, selected: Signal<String>) -> impl IntoView {
    move || {
        units.with(|list| {
            let Some(list) = list else { return Vec::new() };
            ordered(&list.units)
                .into_iter()
                .map(|(i, depth)| {
                    let unit = &list.units[i];
                    let code = unit.code.clone();
                    let is_selected = selected.with(|s| *s == code);
                    view! { <option value=code selected=is_selected>{indented(&unit.name, depth)}</option> }
                })
                .collect::<Vec<_>>()
        })
    }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let i18n = use_i18n();
    let picks = use_picks();
    let navigate = use_navigate();
    let units = load_units();
    let ask = Memo::new(move |_| Ask {
        unit: picks.unit.get(),
        q: picks.query.get(),
        sort: picks.sort.get(),
        offset: picks.offset.get(),
        limit: DASHBOARD_ROWS,
    });
    let (data, busy) = load_dashboard(ask.into());
    let summary = Memo::new(move |_| data.with(|d| d.as_deref().map(Summary::of)));
    let loaded = Memo::new(move |_| data.with(Option::is_some));

    let heading = move || {
        data.with(|d| d.as_ref().map(|d| i18n.fill(Key::DashboardTitle, &[("year", &d.year.to_string())])))
            .unwrap_or_else(|| i18n.t(Key::NavDashboard).to_owned())
    };
    let as_of = move || {
        let lang = i18n.lang.get();
        data.with(|d| {
            d.as_ref().map(|d| {
                let mut text = i18n.fill(Key::AsOf, &[
                    ("date", &date(lang, &d.today)),
                    ("target", &d.target_jp.to_string()),
                    ("jp", &crate::format::decimal(lang, d.on_track_jp)),
                ]);
                // The PPPK rule is said only where PPPK staff are in view.
                if d.total.pppk > 0 {
                    text.push(' ');
                    text.push_str(&i18n.fill(Key::AsOfPppk, &[
                        ("target", &d.target_jp_pppk.to_string()),
                        ("jp", &crate::format::decimal(lang, d.on_track_jp_pppk)),
                    ]));
                }
                text
            })
        })
    };
    let download = move |_| {
        let unit = picks.unit.get_untracked();
        let year = data.with_untracked(|d| d.as_ref().map(|d| d.year)).unwrap_or_default();
        spawn_local(async move {
            let path = if unit.is_empty() { "/api/dashboard.csv".to_owned() } else { format!("/api/dashboard.csv?unit={}", api::enc(&unit)) };
            let name = if unit.is_empty() { format!("lentera-dasbor-{year}.csv") } else { format!("lentera-dasbor-{unit}-{year}.csv") };
            fetch_and_save(&path, &name).await;
        });
    };
    let assign = move |_| navigate("/tugas", Default::default());
    let picked = move || picks.checked.with(|c| c.len());
    let typing = StoredValue::new(0u32);

    view! {
        <h1 class="page-title">{heading}</h1>
        <p class="muted">{as_of}</p>
        <div class="toolbar">
            <label class="field">
                <span>{tr(Key::FilterUnit)}</span>
                <select on:change=move |ev| { picks.unit.set(event_target_value(&ev)); picks.offset.set(0); }>
                    <option value="" selected=move || picks.unit.with(String::is_empty)>{tr(Key::AllUnits)}</option>
                    {unit_options(units, picks.unit.into())}
                </select>
            </label>
            <label class="field grow">
                <span>{tr(Key::Search)}</span>
                <input type="search" prop:value=move || picks.search.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        picks.search.set(text.clone());
                        after_typing(typing, text, move |text| {
                            picks.query.set(text.trim().to_owned());
                            picks.offset.set(0);
                        });
                    }/>
            </label>
            <div class="buttons">
                <button type="button" on:click=download>{tr(Key::DownloadCsv)}</button>
                <button type="button" class="primary" on:click=assign>
                    {tr(Key::AssignCourse)}
                    {move || (picked() > 0).then(|| format!(" ({})", picked()))}
                </button>
            </div>
        </div>
        {move || (!loaded.get()).then(crate::app::loading)}
        {move || summary.get().map(|s| view! {
            <cards::Cards summary=s.clone()/>
            <chart::Chart summary=s/>
        })}
        <Show when=move || loaded.get()>
            <table::StaffTable data=data busy=busy/>
        </Show>
    }
}
