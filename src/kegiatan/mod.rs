//! Trainings, the learning log (docs/activities.md) and innovation ideas (docs/innovation.md): a second on-demand app of this crate like
//! the survey and plan, built into dist/kegiatan/ and served at /kegiatan/, loaded only when the
//! learner opens it so the first load stays within its budget. It shares the learner app's
//! IndexedDB database, outbox, session, sync and language setting; evidence files wait in a small
//! database of their own until they are sent.

mod evaluation;
mod evaluation_text;
mod evidence;
mod idea_form;
mod ideas;
mod kept;
mod log;
mod pretest;
pub mod text;
mod scan;
mod trainings;
pub mod wib;

use crate::account::AccountState;
use crate::app::{Services, ServicesSignal};
use crate::components::storage_error::StorageError;
use crate::components::sync_bar::{PanelOpen, SyncBar, SyncIndicator};
use crate::device::device_id;
use crate::i18n::{I18n, use_i18n};
use crate::learning::Learning;
use crate::store::Store;
use crate::sync::{SyncStatus, lock};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::EventBody;
use lentera_protocol::activity::Activities;
use text::{W, Words};

/// Which half of the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Trainings,
    Log,
    Evaluation,
    Ideas,
}

/// What both halves read: the server's lists as kept, the phone's own unsent events and evidence.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub trainings: RwSignal<Option<kept::Trainings>>,
    pub log: RwSignal<Option<kept::Log>>,
    pub rounds: RwSignal<Option<kept::Rounds>>,
    pub ideas: RwSignal<Option<kept::Ideas>>,
    /// The kept copies have been read (so "never loaded" is not said too early).
    pub read: RwSignal<bool>,
    /// Events still waiting for the server: their words show as "menunggu sinkron".
    pub unsent: RwSignal<Vec<EventBody>>,
    pub held: RwSignal<Vec<evidence::Held>>,
    pub failed: RwSignal<Option<String>>,
    pub status: SyncStatus,
    pub learning: Learning,
    pub services: ServicesSignal,
}

impl Ctx {
    /// The phone's own view of its activity events (drafts made offline show at once).
    pub fn activities(&self) -> Activities {
        self.learning.progress.with(|p| Activities::of(&p.activity))
    }

    /// Records events through the app's outbox; a failure is shown, not lost silently.
    pub fn record(&self, bodies: Vec<EventBody>) {
        let ctx = *self;
        let Some(Ok(services)) = self.services.get_untracked() else { return };
        spawn_local(async move {
            match ctx.learning.record(&services, bodies).await {
                Ok(_) => {
                    ctx.failed.set(None);
                    ctx.read_unsent(&services.store).await;
                }
                Err(err) => ctx.failed.set(Some(err.to_string())),
            }
        });
    }

    async fn read_unsent(&self, store: &Store) {
        if let Ok(events) = store.pending(u32::MAX).await {
            self.unsent.set(events.into_iter().map(|e| e.body).collect());
        }
    }

    pub fn refresh_held(&self) {
        let held = self.held;
        spawn_local(async move {
            if let Ok(found) = evidence::held().await {
                held.set(found);
            }
        });
    }

    pub fn online(&self) -> bool {
        self.status.online.get()
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// A new id made on the phone (log entries, evidence files): 32 hex digits.
pub fn new_id() -> String {
    crate::device::random_bytes::<16>().iter().map(|b| format!("{b:02x}")).collect()
}

/// Mounts the page on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(Kegiatan);
}

#[component]
fn Kegiatan() -> impl IntoView {
    let i18n = I18n::provide();
    let account = AccountState::provide();
    let status = SyncStatus::provide(account);
    let learning = Learning::provide(status);
    let services: ServicesSignal = RwSignal::new_local(None);
    provide_context(services);
    provide_context(PanelOpen(RwSignal::new(false)));
    let ctx = Ctx {
        trainings: RwSignal::new(None),
        log: RwSignal::new(None),
        rounds: RwSignal::new(None),
        ideas: RwSignal::new(None),
        read: RwSignal::new(false),
        unsent: RwSignal::new(Vec::new()),
        held: RwSignal::new(Vec::new()),
        failed: RwSignal::new(None),
        status,
        learning,
        services,
    };
    provide_context(ctx);
    ctx.refresh_held();
    spawn_local(async move {
        let opened = async {
            let store = Store::open().await?;
            let device_id = device_id(&store).await?;
            account.load(&store).await?;
            status.load(&store).await;
            learning.load(&store).await?;
            Ok(Services { store, device_id })
        }
        .await;
        if let Ok(s) = &opened {
            let nip = account.session.with_untracked(|s| s.as_ref().map(|s| s.account.nip.to_string()));
            if let Some(nip) = nip {
                if let Ok(Some(t)) = kept::kept(&s.store, kept::TRAININGS, &nip).await {
                    ctx.trainings.set(Some(t));
                }
                if let Ok(Some(l)) = kept::kept(&s.store, kept::LOG, &nip).await {
                    ctx.log.set(Some(l));
                }
                if let Ok(Some(r)) = kept::kept(&s.store, kept::IDEA_ROUNDS, &nip).await {
                    ctx.rounds.set(Some(r));
                }
                if let Ok(Some(i)) = kept::kept(&s.store, kept::IDEAS, &nip).await {
                    ctx.ideas.set(Some(i));
                }
            }
            ctx.read.set(true);
            ctx.read_unsent(&s.store).await;
            status.run(s.store.clone(), s.device_id);
            refresh_after_each_sync(s.store.clone(), account, ctx);
            // Events from the server (another device, a restore): fold everything again.
            let store = s.store.clone();
            Effect::new(move |first: Option<()>| {
                status.pulled.track();
                if first.is_some() {
                    let store = store.clone();
                    spawn_local(async move {
                        let _ = learning.load(&store).await;
                    });
                }
            });
            // A sync changed what waits: read the outbox again.
            let store = s.store.clone();
            Effect::new(move |_| {
                status.pending.track();
                let store = store.clone();
                spawn_local(async move { ctx.read_unsent(&store).await });
            });
        }
        services.set(Some(opened));
    });
    let tab = RwSignal::new(tab_of_hash());
    // `#tes/<course>`: a course's pre- and post-test, shown instead of the tabs. A hash changed
    // within the page (the Evaluasi tab's link, the browser's back button) is followed too.
    let test = RwSignal::new(test_of_hash());
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        test.set(test_of_hash());
        tab.set(tab_of_hash());
    });
    let choose = move |t: Tab| {
        tab.set(t);
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(match t {
                Tab::Log => "catatan",
                Tab::Evaluation => "evaluasi",
                Tab::Ideas => "ide",
                Tab::Trainings => "pelatihan",
            });
        }
    };

    view! {
        <a class="skip" href="#main">{crate::i18n::tr(crate::i18n::Key::SkipToContent)}</a>
        <header class="topbar">
            <a class="brand" href="/" rel="external">
                <img src="/icons/lentera.svg" alt="" width="32" height="32"/>
                <span class="brand-name">"Lentera"</span>
            </a>
            <nav class="mainnav" aria-label="Lentera">
                <a href="/" rel="external">{move || i18n.w(W::BackHome)}</a>
            </nav>
            <SyncIndicator/>
            <button class="lang" type="button" on:click=move |_| i18n.switch() lang=move || i18n.lang.get().other().code()>
                <span class="long">{crate::i18n::tr(crate::i18n::Key::SwitchLanguage)}</span>
                <span class="short" aria-hidden="true">{crate::i18n::tr(crate::i18n::Key::SwitchLanguageShort)}</span>
            </button>
        </header>
        <SyncBar/>
        <main id="main" tabindex="-1" class="kegiatan">
            {move || match test.get() {
                Some(course) => view! {
                    <h1 class="page-title">{move || evaluation_text::text(i18n.lang.get(), evaluation_text::E::TestsTitle)}</h1>
                    <Body tab test=Some(course)/>
                }.into_any(),
                None => view! {
            <h1 class="page-title">{move || i18n.w(W::Title)}</h1>
            <nav class="tabs" aria-label=move || i18n.w(W::Title)>
                <button type="button" aria-pressed=move || (tab.get() == Tab::Trainings).to_string() on:click=move |_| choose(Tab::Trainings)>
                    {move || i18n.w(W::TabTrainings)}
                </button>
                <button type="button" aria-pressed=move || (tab.get() == Tab::Log).to_string() on:click=move |_| choose(Tab::Log)>
                    {move || i18n.w(W::TabLog)}
                </button>
                <button type="button" aria-pressed=move || (tab.get() == Tab::Evaluation).to_string() on:click=move |_| choose(Tab::Evaluation)>
                    {move || evaluation_text::text(i18n.lang.get(), evaluation_text::E::Tab)}
                </button>
                <button type="button" aria-pressed=move || (tab.get() == Tab::Ideas).to_string() on:click=move |_| choose(Tab::Ideas)>
                    {move || i18n.w(W::TabIdeas)}
                </button>
            </nav>
            <Body tab test=None/>
                }.into_any(),
            }}
        </main>
    }
}

/// After every sync (token rotated, outbox pushed), sends waiting evidence and asks the server for
/// both lists, under the cross-tab sync lock: the session token must not be presented while
/// another run rotates it.
fn refresh_after_each_sync(store: Store, account: AccountState, ctx: Ctx) {
    Effect::new(move |was_syncing: Option<bool>| {
        let syncing = ctx.status.syncing.get();
        if syncing || was_syncing == Some(false) {
            return syncing;
        }
        let store = store.clone();
        spawn_local(async move {
            let fetched = lock::exclusive(async move {
                let session = account.stored(&store).await.ok().flatten().filter(|_| !account.ended.get_untracked())?;
                let nip = session.account.nip.to_string();
                let _ = evidence::upload_all(&session.token).await;
                let trainings = kept::fetch(&store, kept::TRAININGS, &session.token, &nip).await;
                let log = kept::fetch(&store, kept::LOG, &session.token, &nip).await;
                let rounds = kept::fetch(&store, kept::IDEA_ROUNDS, &session.token, &nip).await;
                let ideas = kept::fetch(&store, kept::IDEAS, &session.token, &nip).await;
                Some((trainings.ok(), log.ok(), rounds.ok(), ideas.ok()))
            })
            .await;
            // Busy (`None`): the sync holding the lock ends with `syncing` false, which asks again.
            if let Some(Some((trainings, log, rounds, ideas))) = fetched {
                if rounds.is_some() {
                    ctx.rounds.set(rounds);
                }
                if ideas.is_some() {
                    ctx.ideas.set(ideas);
                }
                if trainings.is_some() {
                    ctx.trainings.set(trainings);
                }
                if log.is_some() {
                    ctx.log.set(log);
                }
            }
            ctx.refresh_held();
        });
        syncing
    });
}

/// The tab a hash names (the trainings without one).
fn tab_of_hash() -> Tab {
    match web_sys::window().and_then(|w| w.location().hash().ok()).as_deref() {
        Some("#catatan") => Tab::Log,
        Some("#evaluasi") => Tab::Evaluation,
        Some("#ide") => Tab::Ideas,
        _ => Tab::Trainings,
    }
}

/// The course named by a `#tes/<course>` hash.
fn test_of_hash() -> Option<String> {
    web_sys::window().and_then(|w| w.location().hash().ok()).and_then(|h| h.strip_prefix("#tes/").map(str::to_owned)).filter(|c| !c.is_empty())
}

#[component]
fn Body(tab: RwSignal<Tab>, test: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let account = crate::account::use_account();
    let page = move || {
        match ctx.services.get() {
            Some(Ok(_)) => {}
            Some(Err(error)) => return view! { <StorageError error/> }.into_any(),
            None => return loading(i18n),
        }
        if account.loaded.get() && !account.signed_in() {
            return view! {
                <section class="card">
                    <p>{move || i18n.w(W::SignIn)}</p>
                    <a class="button primary" href="/" rel="external">{move || i18n.w(W::OpenLentera)}</a>
                </section>
            }
            .into_any();
        }
        if let Some(course) = test.clone() {
            return view! { <pretest::PrePost course/> }.into_any();
        }
        match tab.get() {
            Tab::Trainings => view! { <trainings::Trainings/> }.into_any(),
            Tab::Log => view! { <log::Log/> }.into_any(),
            Tab::Evaluation => view! { <evaluation::Evaluation/> }.into_any(),
            Tab::Ideas => view! { <ideas::Ideas/> }.into_any(),
        }
    };
    view! {
        {move || ctx.failed.get().map(|why| view! { <p class="alert" role="alert">{i18n.wf(W::SaveFailed, &[("why", &why)])}</p> })}
        {page}
    }
}

/// "Diperbarui 5 menit lalu", or with no signal that the copy is the phone's; `None` before the
/// first copy.
pub fn freshness(i18n: I18n, ctx: Ctx, at_ms: Option<i64>) -> Option<String> {
    let at = at_ms?;
    let ago = crate::i18n::ago(i18n.lang.get(), ctx.status.now_ms.get().max(crate::device::now_ms()) - at);
    Some(if ctx.online() { i18n.wf(W::Updated, &[("ago", &ago)]) } else { i18n.wf(W::UpdatedOffline, &[("ago", &ago)]) })
}

pub fn loading(i18n: I18n) -> AnyView {
    view! { <p class="loading" role="status">{move || i18n.w(W::Loading)}</p> }.into_any()
}
