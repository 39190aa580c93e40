//! The root: shared state, the header, the alert, the pages under `/konsol`, and the login guard.

use crate::api::{self, Ui};
use crate::i18n::{I18n, Key, tr, use_i18n};
use crate::session::{Auth, use_auth};
use crate::staff::{Col, Sort};
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::route::Pages;
use leptos_router::components::Router;
use leptos_router::hooks::{use_location, use_navigate};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// The dashboard's filters and choices, kept while the user visits other pages.
#[derive(Clone, Copy)]
pub struct Picks {
    /// Unit code filter; empty for every unit in view.
    pub unit: RwSignal<String>,
    /// What is typed in the search box.
    pub search: RwSignal<String>,
    /// The search as asked of the server: the box's text once typing pauses.
    pub query: RwSignal<String>,
    pub sort: RwSignal<Sort>,
    /// The first row of the page shown (0-based).
    pub offset: RwSignal<u32>,
    /// NIPs ticked on the dashboard; the assignments page starts from them.
    pub checked: RwSignal<BTreeSet<String>>,
}

/// The picks as kept in this tab's sessionStorage, so they survive a move to another area's pages
/// (a full page load, see route.rs) and back.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct SavedPicks {
    unit: String,
    search: String,
    col: Col,
    ascending: bool,
    offset: u32,
    checked: BTreeSet<String>,
}

const PICKS_KEY: &str = "lentera-konsol-picks";

impl Picks {
    fn provide() {
        let store = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
        let saved = store.as_ref().and_then(|s| s.get_item(PICKS_KEY).ok().flatten()).and_then(|t| serde_json::from_str::<SavedPicks>(&t).ok());
        let saved = saved.unwrap_or(SavedPicks { ascending: true, ..SavedPicks::default() });
        let picks = Picks {
            unit: RwSignal::new(saved.unit),
            query: RwSignal::new(saved.search.clone()),
            search: RwSignal::new(saved.search),
            sort: RwSignal::new(Sort { col: saved.col, ascending: saved.ascending }),
            offset: RwSignal::new(saved.offset),
            checked: RwSignal::new(saved.checked),
        };
        provide_context(picks);
        Effect::new(move || {
            let sort = picks.sort.get();
            let now = SavedPicks { unit: picks.unit.get(), search: picks.query.get(), col: sort.col, ascending: sort.ascending, offset: picks.offset.get(), checked: picks.checked.get() };
            if let (Some(s), Ok(text)) = (&store, serde_json::to_string(&now)) {
                let _ = s.set_item(PICKS_KEY, &text);
            }
        });
    }
}

pub fn use_picks() -> Picks {
    expect_context::<Picks>()
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// Rows shown before "Tampilkan lebih banyak".
pub const PAGE_ROWS: usize = 100;

/// Rows on one page of the dashboard's staff table.
pub const DASHBOARD_ROWS: u32 = lentera_protocol::org::DASHBOARD_PAGE;

/// Runs `then(text)` once typing pauses: each call cancels the one before it (`counter` counts them).
pub fn after_typing(counter: StoredValue<u32>, text: String, then: impl FnOnce(String) + 'static) {
    counter.update_value(|n| *n = n.wrapping_add(1));
    let mine = counter.get_value();
    set_timeout(
        move || {
            if counter.try_get_value() == Some(mine) {
                then(text);
            }
        },
        std::time::Duration::from_millis(250),
    );
}

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    let auth = Auth::provide();
    let ui = Ui { auth, alert: RwSignal::new(None) };
    provide_context(ui);
    api::install(ui);
    Picks::provide();
    view! {
        <Router base="/konsol">
            <a class="skip" href="#main">{tr(Key::SkipToContent)}</a>
            <Header/>
            <Guard/>
            <main id="main" tabindex="-1">
                <Alert/>
                <Pages/>
            </main>
        </Router>
    }
}

fn is_anonymous_page(path: &str) -> bool {
    path.ends_with("/masuk") || path.ends_with("/aktivasi")
}

/// Sends anyone without a session to the login page, and clears the alert when the page changes.
#[component]
fn Guard() -> impl IntoView {
    let ui = use_ui();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let logged_in = ui.auth.session.with(Option::is_some);
        if !logged_in && !is_anonymous_page(&path) {
            navigate("/masuk", Default::default());
        }
        // Arriving at the login page keeps the alert that explains why.
        if previous.is_some_and(|p| p != path) && !path.ends_with("/masuk") {
            ui.alert.set(None);
        }
        path
    });
}

/// The failed call, said in the console's language; the server's own (English) words below it
/// only where they name the field or line to fix.
#[component]
fn Alert() -> impl IntoView {
    let ui = use_ui();
    let i18n = use_i18n();
    // A failure after pressing a button far down the page (a long form) is brought into view:
    // the page goes back to the top, where the alert sits under the header.
    let slot = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        if ui.alert.with(Option::is_some)
            && let Some(slot) = slot.get_untracked()
            && slot.get_bounding_client_rect().top() < 0.0
            && let Some(window) = web_sys::window()
        {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    view! {
        <div role="alert" class="alert-slot" node_ref=slot>
            {move || ui.alert.with(|p| p.as_ref().map(|p| p.notice(i18n.lang.get()))).map(|notice| view! {
                <div class="alert">
                    <div class="alert-body">
                        <p>{notice.text}</p>
                        {notice.detail.map(|detail| view! {
                            <p class="detail">{tr(Key::ServerDetail)} " " <span lang="en">{detail}</span></p>
                        })}
                    </div>
                    <button type="button" class="link" on:click=move |_| ui.alert.set(None)>{tr(Key::Close)}</button>
                </div>
            })}
        </div>
    }
}

/// The admins' set-up places, folded under "Administrasi" in the bar.
const ADMIN_PAGES: [(&str, Key); 6] = [
    ("/konsol/unit", Key::NavUnits),
    ("/konsol/impor", Key::NavImport),
    ("/konsol/kerangka", Key::NavFramework),
    ("/konsol/mitra", Key::NavPartners),
    ("/konsol/magang", Key::NavInternships),
    ("/konsol/log", Key::NavAudit),
];

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let location = use_location();
    let current = move |page: &'static str| {
        let path = location.pathname.get();
        let here = path.trim_end_matches('/') == page.trim_end_matches('/') || (page == "/konsol/" && path.starts_with("/konsol/staf/"));
        here.then_some("page")
    };
    let logged_in = move || auth.session.with(Option::is_some);
    let who = move || {
        auth.session.with(|s| {
            s.as_ref().map(|s| {
                let role = if s.account.role == "admin" { Key::RoleAdmin } else { Key::RoleSupervisor };
                format!("{} · {}", s.account.name, i18n.t(role))
            })
        })
    };
    // On a phone the places fold behind one button; a new page folds them again.
    let menu_open = RwSignal::new(false);
    // The admins' six set-up places fold under one entry on a wide screen, so the places keep one row.
    let admin_open = RwSignal::new(false);
    Effect::new(move || {
        location.pathname.track();
        menu_open.set(false);
        admin_open.set(false);
    });
    let admin_group = NodeRef::<leptos::html::Div>::new();
    let admin_button = NodeRef::<leptos::html::Button>::new();
    let in_admin = move || ADMIN_PAGES.iter().any(|(page, _)| current(page).is_some());
    let picks = use_picks();
    let logout = move |_| {
        // The next person at this computer starts with a clean dashboard.
        picks.checked.set(BTreeSet::new());
        picks.unit.set(String::new());
        picks.search.set(String::new());
        picks.query.set(String::new());
        picks.offset.set(0);
        spawn_local(async move {
            // The local session ends even if the server cannot be told now.
            api::done("POST", "/api/auth/logout", api::Body::Empty).await;
            auth.clear();
        });
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/konsol/">
                <img src="/icons/lentera.svg" alt="" width="28" height="28"/>
                <span>"Lentera"</span>
                <span class="badge">{tr(Key::AppName)}</span>
            </a>
            <Show when=logged_in>
                <button type="button" class="lang menu-toggle" aria-controls="mainnav" aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|o| *o = !*o)>
                    {tr(Key::Menu)}
                </button>
                <nav id="mainnav" class="mainnav" class:open=move || menu_open.get() aria-label=tr(Key::AppName)>
                    <a href="/konsol/" aria-current=move || current("/konsol/")>{tr(Key::NavDashboard)}</a>
                    <a href="/konsol/tugas" aria-current=move || current("/konsol/tugas")>{tr(Key::NavAssignments)}</a>
                    <a href="/konsol/kompetensi" aria-current=move || current("/konsol/kompetensi")>{tr(Key::NavCompetency)}</a>
                    <a href="/konsol/kebutuhan" aria-current=move || current("/konsol/kebutuhan")>{tr(Key::NavNeeds)}</a>
                    <a href="/konsol/pelatihan" aria-current=move || current("/konsol/pelatihan")>{tr(Key::NavTrainings)}</a>
                    <a href="/konsol/catatan" aria-current=move || current("/konsol/catatan")>{tr(Key::NavLog)}</a>
                    <a href="/konsol/kepuasan" aria-current=move || current("/konsol/kepuasan")>{tr(Key::NavSkm)}</a>
                    <a href="/konsol/evaluasi" aria-current=move || current("/konsol/evaluasi")>{tr(Key::NavEvaluation)}</a>
                    <a href="/konsol/ide" aria-current=move || current("/konsol/ide")>{tr(Key::NavIdeas)}</a>
                    <Show when=move || auth.is_admin()>
                        // Focus leaving the group (a click elsewhere, Tab past the last link) folds it.
                        <div class="navgroup" node_ref=admin_group
                            on:focusout=move |ev: web_sys::FocusEvent| {
                                let inside = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                                if !admin_group.get_untracked().is_some_and(|g| g.contains(inside.as_ref())) {
                                    admin_open.set(false);
                                }
                            }
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                // Focus on a place that folds away would be lost: it goes back to the entry.
                                if ev.key() == "Escape" && admin_open.get_untracked() {
                                    admin_open.set(false);
                                    if let Some(button) = admin_button.get_untracked() {
                                        drop(button.focus());
                                    }
                                }
                            }>
                            <button type="button" class="navmenu" class:here=in_admin aria-controls="adminnav" node_ref=admin_button
                                aria-expanded=move || admin_open.get().to_string() on:click=move |_| admin_open.update(|o| *o = !*o)>
                                {tr(Key::NavAdmin)}
                            </button>
                            <div id="adminnav" class="subnav" class:open=move || admin_open.get()>
                                {ADMIN_PAGES.map(|(page, key)| view! { <a href=page aria-current=move || current(page)>{tr(key)}</a> }).collect_view()}
                            </div>
                        </div>
                    </Show>
                </nav>
            </Show>
            <button class="lang" type="button" on:click=move |_| i18n.switch() lang=move || i18n.lang.get().other().code()>
                {tr(Key::SwitchLanguage)}
            </button>
            <Show when=logged_in>
                <div class="account">
                    <span class="who">{who}</span>
                    <a class="lang" href="/konsol/sandi" aria-current=move || current("/konsol/sandi")>{tr(Key::NavPassword)}</a>
                    <button class="lang" type="button" on:click=logout>{tr(Key::Logout)}</button>
                </div>
            </Show>
        </header>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 class="page-title">{tr(Key::NotFound)}</h1>
        <p><a href="/konsol/">{tr(Key::BackToDashboard)}</a></p>
    }
}

/// "Memuat…" while a page waits for its data; once the alert explains a failure, nothing.
pub fn loading() -> impl IntoView {
    let ui = use_ui();
    move || ui.alert.with(Option::is_none).then(|| view! { <p class="loading">{tr(Key::Loading)}</p> })
}

/// Shown instead of an admin page to a supervisor who typed its address.
#[component]
pub fn AdminOnly() -> impl IntoView {
    view! { <p class="alert">{tr(Key::AdminOnly)}</p> }
}
