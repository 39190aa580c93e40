//! The root component: providers, the always-visible chrome, and the routes.

use crate::components::{header::Header, resume::Resume, sync_bar::SyncBar, update_prompt::UpdatePrompt};
use crate::account::{AccountState, login::Login};
use crate::device::device_id;
use crate::i18n::{I18n, Key, tr};
use crate::learning::Learning;
use crate::library::Library;
use crate::pages::{catalogue::Catalogue, course::Course, home::Home, lesson::LessonPage, not_found::NotFound, quiz::QuizPage};
use crate::store::{Store, StoreError};
use crate::sync::SyncStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::route::{Page, use_location};
use leptos_router::components::Router;
use lentera_protocol::DeviceId;

/// What pages need once storage is open.
#[derive(Clone, Debug)]
pub struct Services {
    pub store: Store,
    pub device_id: DeviceId,
}

/// `None` while storage opens, then the outcome; pages render from it.
pub type ServicesSignal = RwSignal<Option<Result<Services, StoreError>>, LocalStorage>;

pub fn use_services() -> ServicesSignal {
    use_context::<ServicesSignal>().unwrap_or_else(|| RwSignal::new_local(None))
}

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    let account = AccountState::provide();
    let library = Library::provide();
    let status = SyncStatus::provide(account);
    let learning = Learning::provide(status);
    crate::pwa::register();
    let services: ServicesSignal = RwSignal::new_local(None);
    provide_context(services);
    spawn_local(async move {
        let opened = async {
            let store = Store::open().await?;
            let device_id = device_id(&store).await?;
            account.load(&store).await?;
            status.load(&store).await;
            learning.load(&store).await?;
            library.load(&store).await?;
            Ok(Services { store, device_id })
        }
        .await;
        if let Ok(s) = &opened {
            status.run(s.store.clone(), s.device_id);
            let store = s.store.clone();
            spawn_local(async move { library.refresh(&store).await });
            // Events from the server (restore, other devices) or a logout: fold everything again.
            let store = s.store.clone();
            Effect::new(move |first: Option<()>| {
                status.pulled.track();
                if first.is_some() {
                    let store = store.clone();
                    spawn_local(async move { let _ = learning.load(&store).await; });
                }
            });
        }
        services.set(Some(opened));
    });

    provide_context(crate::components::sync_bar::PanelOpen(RwSignal::new(false)));
    view! {
        <Router>
            <a class="skip" href="#main">{tr(Key::SkipToContent)}</a>
            <Header/>
            <UpdatePrompt/>
            <SyncBar/>
            <Resume/>
            <main id="main" tabindex="-1">
                <Pages/>
            </main>
        </Router>
    }
}

/// The page for the current address.
#[component]
fn Pages() -> impl IntoView {
    let location = use_location();
    let page = location.page();
    lentera_ui::route::complete_navigation(location.path);
    move || match page.get() {
        Page::Home => view! { <Home/> }.into_any(),
        Page::Catalogue => view! { <Catalogue/> }.into_any(),
        Page::Course => view! { <Course/> }.into_any(),
        Page::Lesson => view! { <LessonPage/> }.into_any(),
        Page::Quiz => view! { <QuizPage/> }.into_any(),
        Page::Login => view! { <Login/> }.into_any(),
        Page::NotFound => view! { <NotFound/> }.into_any(),
    }
}
