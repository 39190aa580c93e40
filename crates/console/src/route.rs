//! The console's addresses under `/konsol`: leptos_router's `<Router>` keeps the address (links,
//! back/forward) and a plain match on the path picks the page; `<Routes>`' generic route tree cost
//! the learner app ~30 KB of brotli for as few pages.

use crate::app::NotFound;
#[cfg(feature = "core-pages")]
use crate::pages::{activate::Activate, assign::Assign, audit::Audit, dashboard::Dashboard, import::Import, login::Login, password::ChangePassword, person::Person, units::Units};
#[cfg(feature = "develop")]
use crate::pages::{competency::Competency, framework::FrameworkPage, internships::Internships, learning_log::LearningLog, needs::Needs, partners::Partners, trainings::Trainings, trainings_host::TrainingHost};
#[cfg(feature = "evaluate")]
use crate::pages::{evaluation::Evaluation, idea_proposal::ProposalPage, ideas::Ideas, skm::Skm};
use lentera_protocol::console::{Bundle, bundle_of};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Dashboard,
    /// `/staf/:nip`
    Person,
    Assign,
    Units,
    Import,
    Login,
    Activate,
    /// Changing one's own password.
    Password,
    /// The change log (admins).
    Audit,
    /// JP by competency type per unit and quarter.
    Competency,
    /// The competency framework (admins).
    Framework,
    /// The needs analysis summed up per unit and competency (the heat map).
    Needs,
    /// Webinars and workshops of the caller's units.
    Trainings,
    /// `/pelatihan/:id`: the host's code and list.
    TrainingHost,
    /// Partner organisations (admins).
    Partners,
    /// The learning log's review queue.
    LearningLog,
    /// Internship placements (admins).
    Internships,
    /// The units' citizen satisfaction surveys beside their learning.
    Skm,
    /// Reaction and behaviour: the report and the supervisor's action-plan follow-up.
    Evaluation,
    /// The innovation-idea competition: review, judging, rounds.
    Ideas,
    /// `/ide/:round/usulan/:number`: a published idea as a printable proposal.
    Proposal,
    NotFound,
}

fn parts(path: &str) -> Vec<&str> {
    lentera_ui::route::segments(path, "/konsol")
}

/// The page at `path` (the whole pathname, `/konsol` included).
pub fn page_of(path: &str) -> Page {
    match parts(path).as_slice() {
        [] => Page::Dashboard,
        ["staf", _] => Page::Person,
        ["tugas"] => Page::Assign,
        ["unit"] => Page::Units,
        ["impor"] => Page::Import,
        ["masuk"] => Page::Login,
        ["aktivasi"] => Page::Activate,
        ["sandi"] => Page::Password,
        ["log"] => Page::Audit,
        ["kompetensi"] => Page::Competency,
        ["kerangka"] => Page::Framework,
        ["kebutuhan"] => Page::Needs,
        ["pelatihan"] => Page::Trainings,
        ["pelatihan", id] if id.parse::<i64>().is_ok() => Page::TrainingHost,
        ["mitra"] => Page::Partners,
        ["catatan"] => Page::LearningLog,
        ["magang"] => Page::Internships,
        ["kepuasan"] => Page::Skm,
        ["evaluasi"] => Page::Evaluation,
        ["ide"] => Page::Ideas,
        ["ide", round, "usulan", number] if round.parse::<i64>().is_ok() && number.parse::<u32>().is_ok() => Page::Proposal,
        _ => Page::NotFound,
    }
}

/// The NIP of a person page's address (empty elsewhere).
pub fn nip_of(path: &str) -> String {
    match parts(path).as_slice() {
        ["staf", nip] => (*nip).to_owned(),
        _ => String::new(),
    }
}

/// Whether this build carries `bundle`'s pages (a Trunk build carries one area, tests all of them).
fn carried(bundle: Bundle) -> bool {
    match bundle {
        Bundle::Core => cfg!(feature = "core-pages"),
        Bundle::Develop => cfg!(feature = "develop"),
        Bundle::Evaluate => cfg!(feature = "evaluate"),
    }
}

/// The page for the current address; inside `<Router>`. A page of another area loads that area's
/// wasm with a full navigation to the same address.
#[component]
pub fn Pages() -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| location.pathname.with(|p| (page_of(p), carried(bundle_of(p)))));
    lentera_ui::route::complete_navigation(location.pathname);
    // The address this document was loaded at: a page of another area met there means the server
    // sent the wrong bundle, and loading it again would loop.
    let booted_at = location.pathname.get_untracked();
    move || {
        let (page, here) = page.get();
        if !here {
            let path = location.pathname.get_untracked();
            if path != booted_at && let Some(window) = web_sys::window() {
                let href = format!("{path}{}{}", location.search.get_untracked(), location.hash.get_untracked());
                let _ = window.location().replace(&href);
                return ().into_any();
            }
            return view! { <NotFound/> }.into_any();
        }
        #[allow(unreachable_patterns)] // with every area built, each page has its arm
        match page {
            #[cfg(feature = "core-pages")]
            Page::Dashboard => view! { <Dashboard/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Person => view! { <Person/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Assign => view! { <Assign/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Units => view! { <Units/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Import => view! { <Import/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Login => view! { <Login/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Activate => view! { <Activate/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Password => view! { <ChangePassword/> }.into_any(),
            #[cfg(feature = "core-pages")]
            Page::Audit => view! { <Audit/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::Competency => view! { <Competency/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::Framework => view! { <FrameworkPage/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::Needs => view! { <Needs/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::Trainings => view! { <Trainings/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::TrainingHost => view! { <TrainingHost/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::Partners => view! { <Partners/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::LearningLog => view! { <LearningLog/> }.into_any(),
            #[cfg(feature = "develop")]
            Page::Internships => view! { <Internships/> }.into_any(),
            #[cfg(feature = "evaluate")]
            Page::Skm => view! { <Skm/> }.into_any(),
            #[cfg(feature = "evaluate")]
            Page::Evaluation => view! { <Evaluation/> }.into_any(),
            #[cfg(feature = "evaluate")]
            Page::Ideas => view! { <Ideas/> }.into_any(),
            #[cfg(feature = "evaluate")]
            Page::Proposal => view! { <ProposalPage/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_finds_its_page_and_anything_else_is_not_found() {
        let cases = [
            ("/konsol", Page::Dashboard),
            ("/konsol/", Page::Dashboard),
            ("/konsol/staf/198503122010012002", Page::Person),
            ("/konsol/tugas", Page::Assign),
            ("/konsol/unit/", Page::Units),
            ("/konsol/impor", Page::Import),
            ("/konsol/masuk", Page::Login),
            ("/konsol/aktivasi", Page::Activate),
            ("/konsol/sandi", Page::Password),
            ("/konsol/log", Page::Audit),
            ("/konsol/kompetensi", Page::Competency),
            ("/konsol/kerangka", Page::Framework),
            ("/konsol/kebutuhan", Page::Needs),
            ("/konsol/pelatihan", Page::Trainings),
            ("/konsol/pelatihan/7", Page::TrainingHost),
            ("/konsol/pelatihan/baru", Page::NotFound),
            ("/konsol/mitra", Page::Partners),
            ("/konsol/catatan", Page::LearningLog),
            ("/konsol/magang", Page::Internships),
            ("/konsol/kepuasan", Page::Skm),
            ("/konsol/evaluasi", Page::Evaluation),
            ("/konsol/ide", Page::Ideas),
            ("/konsol/ide/3/usulan/2", Page::Proposal),
            ("/konsol/ide/3/usulan/x", Page::NotFound),
            ("/konsol/staf", Page::NotFound),
            ("/konsol/staf/1/2", Page::NotFound),
            ("/konsol/lain", Page::NotFound),
        ];
        for (path, page) in cases {
            assert_eq!(page_of(path), page, "{path}");
        }
        assert_eq!(nip_of("/konsol/staf/198503122010012002"), "198503122010012002");
        assert_eq!(nip_of("/konsol/tugas"), "");
    }
}
