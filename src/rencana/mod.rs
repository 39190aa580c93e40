//! The needs-analysis survey and the learning plan (docs/akpk.md): a second app of this crate,
//! built into dist/rencana/ and served at /rencana/, loaded only when the learner opens it so the
//! first load stays within its budget. It shares the learner app's IndexedDB database, outbox,
//! session, sync and language setting.

mod kept;
mod plan;
mod survey;
pub mod text;

use crate::account::AccountState;
use crate::app::{Services, ServicesSignal};
use crate::components::storage_error::StorageError;
use crate::components::sync_bar::{PanelOpen, SyncBar, SyncIndicator};
use crate::device::device_id;
use crate::i18n::{I18n, use_i18n};
use crate::learning::{Learning, use_learning};
use crate::store::Store;
use crate::sync::{SyncStatus, lock};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::EventBody;
use lentera_protocol::akpk::{AkpkMe, Survey};
use text::{W, Words};

/// One screen of the survey and plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Intro,
    /// The competency at this index of `AkpkMe::competencies`.
    Rate(usize),
    /// The open question at this index of `QUESTIONS`.
    Ask(usize),
    Finish,
    Plan,
}

/// The survey as the phone has it: from the server this visit, from the kept copy, or not at all.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// Still reading the phone (and, online, asking the server).
    Waiting,
    Fresh(AkpkMe),
    Kept(AkpkMe),
    /// Nothing kept and the server could not answer.
    Missing,
}

/// Mounts the survey and plan on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(Rencana);
}

/// Records one survey or plan event through the app's outbox; a failure is shown, not lost silently.
pub(crate) fn record(services: &Services, failed: RwSignal<Option<String>>, body: EventBody) {
    let (services, learning) = (services.clone(), use_learning());
    spawn_local(async move {
        match learning.record(&services, vec![body]).await {
            Ok(_) => failed.set(None),
            Err(err) => failed.set(Some(err.to_string())),
        }
    });
}

#[component]
fn Rencana() -> impl IntoView {
    let i18n = I18n::provide();
    let account = AccountState::provide();
    let status = SyncStatus::provide(account);
    let learning = Learning::provide(status);
    let services: ServicesSignal = RwSignal::new_local(None);
    provide_context(services);
    provide_context(PanelOpen(RwSignal::new(false)));
    let source = RwSignal::new(Source::Waiting);
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
            if let Some(nip) = nip
                && let Ok(Some(me)) = kept::kept(&s.store, &nip).await
            {
                source.set(Source::Kept(me));
            }
            status.run(s.store.clone(), s.device_id);
            refresh_after_each_sync(s.store.clone(), account, status, source);
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
        }
        services.set(Some(opened));
    });

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
        <main id="main" tabindex="-1" class="rencana">
            <Body source/>
        </main>
    }
}

/// After every sync (token rotated, outbox pushed), asks the server for the survey under the
/// cross-tab sync lock: the session token must not be presented while another run rotates it.
fn refresh_after_each_sync(store: Store, account: AccountState, status: SyncStatus, source: RwSignal<Source>) {
    Effect::new(move |was_syncing: Option<bool>| {
        let syncing = status.syncing.get();
        if syncing || was_syncing == Some(false) {
            return syncing;
        }
        let store = store.clone();
        spawn_local(async move {
            let fetched = lock::exclusive(async move {
                let session = account.stored(&store).await.ok().flatten().filter(|_| !account.ended.get_untracked());
                match session {
                    Some(s) => Some(kept::fetch(&store, &s.token, s.account.nip.as_str()).await),
                    None => None,
                }
            })
            .await;
            match fetched {
                Some(Some(Ok(me))) => source.set(Source::Fresh(me)),
                // Busy: the sync holding the lock ends with `syncing` false, which asks again.
                None => {}
                _ => {
                    if source.get_untracked() == Source::Waiting {
                        source.set(Source::Missing);
                    }
                }
            }
        });
        syncing
    });
}

#[component]
fn Body(source: RwSignal<Source>) -> impl IntoView {
    let i18n = use_i18n();
    let services: ServicesSignal = crate::app::use_services();
    let account = crate::account::use_account();
    let learning = use_learning();
    let status = use_context::<SyncStatus>();
    let step = RwSignal::new(None::<Step>);
    let failed = RwSignal::new(None::<String>);
    let me = Memo::new(move |_| match source.get() {
        Source::Fresh(me) | Source::Kept(me) => Some(me),
        _ => None,
    });
    // The survey's screens read only what does not move while answering (the server's copy of the
    // levels changes with every sync, which must not redraw a half-typed answer).
    let frame = Memo::new(move |_| me.get().map(|me| AkpkMe { ratings: Vec::new(), plan: Default::default(), completed: Vec::new(), ..me }));
    // Reopening resumes where the learner left off, once both the survey and the fold are read.
    Effect::new(move |_| {
        if step.get_untracked().is_none()
            && learning.ready.get()
            && let Some(me) = me.get()
        {
            step.set(Some(learning.progress.with_untracked(|p| survey::resume(&me, Some(&Survey::of(&p.akpk, me.year))))));
        }
    });
    // A new screen starts at its top, with focus on it for screen readers.
    Effect::new(move |_| {
        step.track();
        if let Some(main) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
            use wasm_bindgen::JsCast;
            if let Some(main) = main.dyn_ref::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
            main.scroll_into_view();
        }
    });
    let me_full = move || me.get();
    let kept_offline = move || matches!(source.get(), Source::Kept(_)) && status.is_some_and(|s| !s.online.get());
    let page = move || {
        let s = match services.get() {
            Some(Ok(s)) => s,
            Some(Err(error)) => return view! { <StorageError error/> }.into_any(),
            None => return loading(i18n),
        };
        if account.loaded.get() && !account.signed_in() {
            return view! {
                <section class="card">
                    <p>{move || i18n.w(W::SignIn)}</p>
                    <a class="button primary" href="/" rel="external">{move || i18n.w(W::OpenLentera)}</a>
                </section>
            }
            .into_any();
        }
        let Some(me) = frame.get() else {
            return match source.get() {
                Source::Missing => view! { <p class="alert" role="alert" data-testid="never-loaded">{move || i18n.w(W::NeverLoaded)}</p> }.into_any(),
                _ => loading(i18n),
            };
        };
        if me.competencies.is_empty() {
            return view! { <p class="alert">{move || i18n.w(W::NoPosition)}</p> }.into_any();
        }
        let Some(current) = step.get() else { return loading(i18n) };
        match current {
            Step::Intro => view! { <survey::Intro me step/> }.into_any(),
            Step::Rate(index) if index < me.competencies.len() => view! { <survey::Rate services=s me index step failed/> }.into_any(),
            Step::Ask(index) if index < lentera_protocol::akpk::QUESTIONS.len() => view! { <survey::Ask services=s me index step failed/> }.into_any(),
            Step::Finish => view! { <survey::Finish services=s me step failed/> }.into_any(),
            _ => match me_full() {
                Some(me) => view! { <plan::Plan services=s me step failed/> }.into_any(),
                None => loading(i18n),
            },
        }
    };
    view! {
        <Show when=kept_offline>
            <p class="muted" data-testid="kept-copy">{move || i18n.w(W::KeptCopy)}</p>
        </Show>
        {move || failed.get().map(|why| view! { <p class="alert" role="alert">{i18n.wf(W::SaveFailed, &[("why", &why)])}</p> })}
        {page}
    }
}

fn loading(i18n: I18n) -> AnyView {
    view! { <p class="loading" role="status">{move || i18n.w(W::Loading)}</p> }.into_any()
}
