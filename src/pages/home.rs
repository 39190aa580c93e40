//! Beranda: the welcome for a new learner; then JP this year (as the server verified it), where to
//! continue, each completed course's standing, and what waits to sync.

use super::html::{el, esc};
use crate::account::panel::AccountPanel;
use crate::app::Services;
use crate::components::{jp_bar::JpBar, ready::Ready, storage_error::StorageError};
use crate::i18n::{I18n, Key, tr, use_i18n};
use crate::learning::use_learning;
use crate::ledger::{PhoneRules, ServerLedger, Standing, Summary, summarise};
use crate::library::use_library;
use crate::store::StoreError;
use crate::sync::SyncStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::org::AssignmentView;
use lentera_protocol::progress::year_of;
use lentera_protocol::{Employment, EventBody, NotCredited};

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <Ready view=|services| {
            // Rebuilt only when onboarding flips, not at every refold (that would blank the cards).
            let learning = use_learning();
            let onboarded = Memo::new(move |_| learning.progress.with(|p| p.onboarded));
            (move || if onboarded.get() {
                view! { <Dashboard services=services.clone()/> }.into_any()
            } else {
                view! { <Welcome services=services.clone()/> }.into_any()
            }).into_any()
        }/>
    }
}

/// What Lentera is, until the learner starts.
#[component]
fn Welcome(
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let failed = RwSignal::new(None::<StoreError>);
    let start = move |_| {
        let services = services.clone();
        let language = i18n.lang.get_untracked().code().to_owned();
        spawn_local(async move {
            if let Err(err) = learning.record(&services, vec![EventBody::OnboardingCompleted { language }]).await {
                failed.set(Some(err));
            }
        });
    };
    view! {
        <section class="hero">
            <h1>{tr(Key::IntroTitle)}</h1>
            <p class="lead">{tr(Key::Tagline)}</p>
        </section>
        {move || failed.get().map(|error| view! { <StorageError error/> })}
        <section class="card intro">
            <div inner_html=move || {
                let items: String = [Key::IntroOffline, Key::IntroSync, Key::IntroJp].map(|k| el("li", "", i18n.t(k))).concat();
                format!("{}<ul class=\"points\">{items}</ul>", el("p", "", i18n.t(Key::IntroBody)))
            }></div>
            <button class="primary" type="button" on:click=start>{tr(Key::IntroStart)}</button>
        </section>
    }
}

/// A course with something done and something left, and its next step.
#[derive(Clone, PartialEq)]
struct NextStep {
    title: String,
    label: String,
    href: String,
}

#[component]
fn Dashboard(
    /// Open storage and this device's id.
    services: Services,
) -> impl IntoView {
    let i18n = use_i18n();
    let learning = use_learning();
    let library = use_library();
    let in_progress = Memo::new(move |_| {
        let progress = learning.progress.get();
        let downloaded = library.downloaded.get();
        let mut steps = Vec::new();
        for (id, course) in &progress.courses {
            let Some(pack) = downloaded.get(id) else { continue };
            let started = !course.lessons_done.is_empty() || course.last_lesson.is_some() || !course.attempts.is_empty();
            if course.completed.is_some() || !started {
                continue;
            }
            let next = pack.lessons.iter().position(|(lesson, _)| !course.lessons_done.contains(lesson));
            let (label, href) = match next {
                Some(n) => (
                    i18n.fill(Key::NextLesson, &[("title", &pack.lessons[n].1)]),
                    format!("/kursus/{id}/pelajaran/{}", pack.lessons[n].0),
                ),
                None => (i18n.t(Key::NextQuiz).to_owned(), format!("/kursus/{id}/kuis")),
            };
            steps.push(NextStep { title: pack.title.clone(), label, href });
        }
        steps
    });
    let assigned = assignments(&services, learning);
    let credit = credit_summary(&services);
    view! {
        <h1 class="page-title">{tr(Key::NavHome)}</h1>
        <JpBar verified=Signal::derive(move || credit.with(|c| c.0)) waiting=Signal::derive(move || credit.with(|c| c.1))
            employment=Signal::derive(move || credit.with(|c| c.3))/>
        <section class="card" aria-labelledby="progress-title">
            <h2 id="progress-title">{tr(Key::InProgress)}</h2>
            {move || {
                let steps = in_progress.get();
                if steps.is_empty() {
                    view! {
                        <p>{tr(Key::NoCoursesYet)}</p>
                        <a class="button primary" href="/katalog">{tr(Key::OpenCatalogue)}</a>
                    }.into_any()
                } else {
                    let items: String = steps.iter().map(|s| {
                        format!("<li><a class=\"step\" href=\"{}\">{}{}</a></li>", esc(&s.href), el("strong", "", &s.title), el("span", "", &s.label))
                    }).collect();
                    view! { <ul class="steps" inner_html=items></ul> }.into_any()
                }
            }}
        </section>
        <div class="credits" inner_html=move || credit.with(|c| c.2.clone())></div>
        {move || {
            let items = assigned.get();
            (!items.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="assigned-title" data-testid="assignments">
                    <h2 id="assigned-title">{tr(Key::Assigned)}</h2>
                    <ul class="steps" inner_html=items></ul>
                </section>
            })
        }}
        <AccountPanel services/>
    }
}

/// The supervisor's assignments kept at the last sync, as list markup (escaped); done-ness comes
/// from this device's own fold, so a course finished offline shows done at once.
fn assignments(services: &Services, learning: crate::learning::Learning) -> Memo<String> {
    let i18n = use_i18n();
    let list = RwSignal::new(Vec::<AssignmentView>::new());
    let store = services.store.clone();
    // Re-read after every refold: a sync that brought events may also have brought assignments.
    Effect::new(move |_| {
        learning.progress.track();
        let store = store.clone();
        spawn_local(async move {
            if let Ok(kept) = crate::sync::kept_assignments(&store).await {
                list.set(kept);
            }
        });
    });
    Memo::new(move |_| {
        let progress = learning.progress.get();
        let today = today_wib();
        list.with(|list| list.iter().map(|a| {
            let done = progress.courses.get(&a.course_id).is_some_and(|c| c.completed.is_some());
            let (class, label) = if done {
                ("done", i18n.t(Key::AssignedDone).to_owned())
            } else if a.due_date < today {
                ("overdue", i18n.fill(Key::AssignedOverdue, &[("date", &a.due_date)]))
            } else {
                ("open", i18n.fill(Key::AssignedDue, &[("date", &a.due_date)]))
            };
            format!("<li><a class=\"step {class}\" href=\"/kursus/{}\">{}{}</a></li>", esc(&a.course_id), el("strong", "", &a.title), el("span", "", &label))
        }).collect())
    })
}

/// What the server said at the last sync, and which courses have changes it has not seen yet (its
/// word on those may be out of date).
#[derive(Default)]
struct Heard {
    ledger: Option<ServerLedger>,
    unsent: Vec<String>,
}

/// This year's JP verified and waiting, and the card of completed courses: the server's ledger kept
/// at the last sync, and for what it has not answered yet, the phone's preview with the same rule
/// over its own events and packs.
fn credit_summary(services: &Services) -> Memo<(u32, u32, String, Employment)> {
    let i18n = use_i18n();
    let learning = use_learning();
    let library = use_library();
    let account = crate::account::use_account();
    let status = use_context::<SyncStatus>();
    let heard = RwSignal::new(Heard::default());
    let store = services.store.clone();
    // Reads may finish out of order: only the latest one's answer is shown.
    let latest = StoredValue::new(0u32);
    // Re-read after every refold, sync and new event: a sync brings a new ledger.
    Effect::new(move |_| {
        learning.progress.track();
        if let Some(s) = status {
            s.last_synced_ms.track();
            s.pending.track();
        }
        let nip = account.session.with(|s| s.as_ref().map(|s| s.account.nip.to_string()));
        let store = store.clone();
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        spawn_local(async move {
            let ledger = match nip {
                Some(nip) => crate::ledger::kept(&store, &nip).await.ok().flatten(),
                None => None,
            };
            let mut unsent = Vec::new();
            for event in store.pending(u32::MAX).await.unwrap_or_default() {
                if let Some(id) = event.body.course_id().filter(|id| !unsent.iter().any(|u| u == id)) {
                    unsent.push(id.to_owned());
                }
            }
            if latest.try_get_value() == Some(mine) {
                heard.set(Heard { ledger, unsent });
            }
        });
    });
    let year = year_of(crate::device::now_ms());
    Memo::new(move |_| {
        let summary = library.downloaded.with(|downloaded| {
            learning.progress.with(|progress| {
                heard.with(|heard| {
                    library.catalogue.with(|catalogue| {
                        let title = |id: &str| {
                            downloaded.get(id).map(|d| d.title.clone()).or_else(|| catalogue.iter().find(|c| c.id == id).map(|c| c.title.clone()))
                        };
                        summarise(progress, &PhoneRules(downloaded), heard.ledger.as_ref(), &heard.unsent, year, title)
                    })
                })
            })
        });
        // The type the server said at the last sync, else at login (an account changed since shows at the next sync).
        let employment = heard.with(|h| h.ledger.as_ref().and_then(|l| l.employment))
            .or_else(|| account.session.with(|s| s.as_ref().map(|s| s.account.employment)))
            .unwrap_or_default();
        let cards = heard.with(|h| super::plan_card::plan_card(i18n, h.ledger.as_ref())) + &done_card(i18n, &summary);
        (summary.verified_jp, summary.pending_jp, cards, employment)
    })
}

/// The card of this year's completed courses as markup (escaped), each with its standing in words;
/// nothing when there is none.
fn done_card(i18n: I18n, summary: &Summary) -> String {
    if summary.courses.is_empty() {
        return String::new();
    }
    let mut refused = false;
    let items: String = summary
        .courses
        .iter()
        .map(|c| {
            let mut certificate = String::new();
            let (state, words, claim) = match &c.standing {
                Standing::Verified { jp, certificate: number } => {
                    // Kept with the ledger: the number shows offline; its page checks it online.
                    if let Some(n) = number {
                        certificate = format!("<a class=\"cert\" rel=\"external\" href=\"{page}{n}\">{} {n}</a>", i18n.t(Key::Certificate), page = crate::sw_contract::CERTIFICATE_PAGE, n = esc(n));
                    }
                    ("verified", i18n.n(Key::CreditVerified, jp), None)
                }
                Standing::Waiting { preview_jp: Some(jp), .. } => ("waiting", i18n.n(Key::CreditWaitingJp, jp), None),
                Standing::Waiting { lessons_missing: Some(n), .. } => ("waiting", i18n.n(Key::CreditWaitingLessons, n), None),
                Standing::Waiting { .. } => ("waiting", i18n.t(Key::CreditWaiting).to_owned(), None),
                Standing::NotConfirmed { reason, claimed_jp } => {
                    refused = true;
                    let words = i18n.fill(Key::CreditRefused, &[("reason", &reason_words(i18n, reason))]);
                    ("refused", words, claimed_jp.map(|jp| el("span", "claim", &i18n.n(Key::ClaimedJp, jp))))
                }
            };
            format!(
                "<li><a class=\"step credit\" data-state=\"{state}\" data-course=\"{id}\" href=\"/kursus/{id}\">{}{}{}</a>{certificate}</li>",
                el("strong", "", &c.title),
                el("span", "standing", &words),
                claim.unwrap_or_default(),
                id = esc(&c.course_id),
            )
        })
        .collect();
    let help = if refused { el("p", "muted", i18n.t(Key::RefusedHelp)) } else { String::new() };
    format!(
        "<section class=\"card\" aria-labelledby=\"done-title\" data-testid=\"completed\"><h2 id=\"done-title\">{}</h2><ul class=\"steps\">{items}</ul>{help}</section>",
        esc(i18n.t(Key::DoneThisYear))
    )
}

/// Why the server did not credit a course, in plain words.
fn reason_words(i18n: I18n, reason: &NotCredited) -> String {
    match reason {
        NotCredited::UnknownCourse => i18n.t(Key::ReasonUnknownCourse).to_owned(),
        NotCredited::UnknownVersion { version } => i18n.n(Key::ReasonUnknownVersion, version),
        NotCredited::NotPassed { best: Some(s) } => i18n.fill(Key::ReasonScore, &[("correct", &s.correct.to_string()), ("total", &s.total.to_string())]),
        NotCredited::NotPassed { best: None } => i18n.t(Key::ReasonNoQuiz).to_owned(),
        NotCredited::LessonsMissing { missing } => i18n.n(Key::ReasonLessons, missing),
    }
}

/// Today's date in Western Indonesian Time, `YYYY-MM-DD`, from the device clock.
fn today_wib() -> String {
    let wib = crate::device::now_ms() + lentera_protocol::progress::WIB_OFFSET_MS;
    let iso: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(wib as f64)).to_iso_string().into();
    iso.chars().take(10).collect()
}
