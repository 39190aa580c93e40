//! `/konsol/staf/:nip`: one person's figures, courses, JP ledger, assignments and timeline.

use crate::api;
use crate::download::fetch_and_save;
use crate::format::{ago_days, css_percent, date, date_time, percent, quarter, reason};
use crate::i18n::{I18n, Key, Lang, fill, text, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use lentera_protocol::{Employment, EventKind, NotCredited, Score};
use lentera_protocol::org::{AssignmentView, PersonDetail, TimelineItem};
use std::sync::Arc;

/// Timeline entries shown before "Tampilkan lebih banyak".
const TIMELINE_ROWS: usize = 30;

#[component]
pub fn Person() -> impl IntoView {
    let location = use_location();
    let nip = Memo::new(move |_| location.pathname.with(|p| crate::route::nip_of(p)));
    let detail = RwSignal::new(None::<Arc<PersonDetail>>);
    Effect::new(move || {
        let wanted = nip.get();
        detail.set(None);
        spawn_local(async move {
            let answer = api::get::<PersonDetail>(&format!("/api/staff/{}", api::enc(&wanted))).await;
            if nip.try_get_untracked().as_ref() == Some(&wanted) {
                detail.try_set(answer.map(Arc::new));
            }
        });
    });
    view! {
        <p class="crumbs"><a href="/konsol/">"← " {tr(Key::NavDashboard)}</a></p>
        {move || match detail.get() {
            None => crate::app::loading().into_any(),
            Some(d) => view! { <Detail d=d/> }.into_any(),
        }}
    }
}

#[component]
fn Detail(d: Arc<PersonDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let d2 = d.clone();
    let shown = RwSignal::new(TIMELINE_ROWS);
    let auth = crate::session::use_auth();
    let own = auth.session.with_untracked(|s| s.as_ref().is_some_and(|s| s.account.nip.as_str() == d.row.nip));
    let akpk_nip = d.row.nip.clone();
    let log_nip = d.row.nip.clone();
    let d3 = d2.clone();
    view! {
        {move || {
            let lang = i18n.lang.get();
            view! {
                {header(&d2, lang)}
                <ResetAccess nip=d2.row.nip.clone() name=d2.row.name.clone()/>
            }
        }}
        <crate::pages::akpk_review::AkpkSection nip=akpk_nip own=own/>
        <crate::pages::learning_log::LogSection nip=log_nip/>
        {move || {
            let lang = i18n.lang.get();
            view! {
                {courses(&d3, lang)}
                {ledger(&d3, lang, i18n)}
                {assignments(&d3.assignments, &d3.on_phone, lang)}
                {timeline(&d3.timeline, lang, shown)}
            }
        }}
    }
}

/// An admin's "reset access": a new one-time code, shown once; the person's devices are signed out.
#[component]
fn ResetAccess(nip: String, name: String) -> impl IntoView {
    let auth = crate::session::use_auth();
    let i18n = use_i18n();
    let done = RwSignal::new(None::<lentera_protocol::account::ResetResponse>);
    let busy = RwSignal::new(false);
    let (nip, name) = (StoredValue::new(nip), StoredValue::new(name));
    let reset = move |_| {
        let question = fill(i18n.t(Key::ResetConfirm), &[("name", &name.get_value())]);
        if !web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let path = format!("/api/admin/people/{}/reset", api::enc(&nip.get_value()));
            let answer = api::json::<lentera_protocol::account::ResetResponse>("POST", &path, api::Body::Empty).await;
            busy.try_set(false);
            done.try_set(answer);
        });
    };
    move || {
        auth.is_admin().then(|| view! {
            <section class="card" aria-labelledby="reset-title">
                <h2 id="reset-title">{tr(Key::ResetAccess)}</h2>
                {move || match done.get() {
                    None => view! {
                        <p class="muted">{tr(Key::ResetHelp)}</p>
                        <button type="button" class="danger" disabled=move || busy.get() on:click=reset>{tr(Key::ResetAccess)}</button>
                    }.into_any(),
                    Some(r) => view! {
                        <div role="status">
                            <p>{fill(i18n.t(Key::ResetDone), &[("name", &r.name)])}</p>
                            <p class="onetime">{r.activation_code.clone()}</p>
                            <p class="muted">{fill(i18n.t(Key::ResetSessions), &[("n", &r.sessions_ended.to_string())])}</p>
                        </div>
                    }.into_any(),
                }}
            </section>
        })
    }
}

/// JP against the person's own yearly figure: "12 dari 20 JP" (a PNS minimum) or "12 dari hak
/// 24 JP" (a PPPK's right, PP 49/2018; a ceiling, not a target).
pub fn jp_figure(lang: Lang, employment: Employment, jp: u32) -> String {
    let key = if employment.is_ceiling() { Key::JpOfRightPppk } else { Key::JpOfTarget };
    fill(text(lang, key), &[("n", &jp.to_string()), ("m", &employment.yearly_jp().to_string())])
}

fn header(d: &PersonDetail, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let r = &d.row;
    let target = r.target_jp;
    let width = css_percent(percent(f64::from(r.jp), f64::from(target)));
    let synced = fill(t(Key::FigSynced), &[("when", &ago_days(lang, r.days_since_sync))]);
    view! {
        <header class="person">
            <h1 class="page-title">{r.name.clone()}</h1>
            <p class="muted">
                {format!("{} · {} · NIP {} ", r.position, r.unit_name, r.nip)}
                <span class="badge type-badge" title=t(Key::TypeLabel)>{r.employment.label()}</span>
            </p>
            <div class="figures">
                <div class="jpfig">
                    <strong>{jp_figure(lang, r.employment, r.jp)}</strong>
                    <span class="jpbar wide" aria-hidden="true"><span class={if r.jp >= target { "fill reached" } else { "fill" }} style:width=width></span></span>
                </div>
                <span>{t(Key::FigCompleted).replace("{n}", &r.courses_completed.to_string())}</span>
                <span>{t(Key::FigInProgress).replace("{n}", &r.courses_in_progress.to_string())}</span>
                <span class:alert-text={r.overdue > 0}>{t(Key::FigOverdue).replace("{n}", &r.overdue.to_string())}</span>
                <span>
                    {synced}
                    {r.stale.then(|| view! { " " <span class="badge warn-badge">{t(Key::Stale)}</span> })}
                </span>
                {r.storage_warning.clone().map(|w| view! { <span class="warn-text">{format!("⚠ {}: {w}", t(Key::StorageWarning))}</span> })}
            </div>
        </header>
    }
}

fn courses(d: &PersonDetail, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let rows = d
        .courses
        .iter()
        .map(|c| {
            let best = best_score(lang, c.best, c.claimed_best);
            let done = c.completed_on.as_deref().map(|on| date(lang, on)).unwrap_or_else(|| "—".into());
            let refused = c.status == "not_credited";
            view! {
                <tr class:refused=refused>
                    <td class="name" data-label=t(Key::ColCourse)>{c.title.clone()}</td>
                    <td data-label=t(Key::ColLessons)>{format!("{}/{}", c.lessons_done, c.lessons_total)}</td>
                    <td data-label=t(Key::ColBest)>{best}</td>
                    <td data-label=t(Key::ColAttempts)>{c.attempts}</td>
                    <td data-label=t(Key::ColCompletedOn)>{done}</td>
                    <td data-label=t(Key::ColJp)>{jp_with_claim(lang, &c.status, c.jp, c.claimed_jp)}</td>
                    <td data-label=t(Key::ColStatus)>{credit_status(lang, &c.status, c.not_credited.as_ref())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t(Key::CoursesTitle)}</h2>
            {if d.courses.is_empty() {
                view! { <p class="muted">{t(Key::NoCourses)}</p> }.into_any()
            } else {
                view! {
                    <table class="list">
                        <thead><tr>
                            <th scope="col">{t(Key::ColCourse)}</th><th scope="col">{t(Key::ColLessons)}</th>
                            <th scope="col">{t(Key::ColBest)}</th><th scope="col">{t(Key::ColAttempts)}</th>
                            <th scope="col">{t(Key::ColCompletedOn)}</th><th scope="col">{t(Key::ColJp)}</th>
                            <th scope="col">{t(Key::ColStatus)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

fn ledger(d: &PersonDetail, lang: Lang, i18n: I18n) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let total: u32 = d.ledger.iter().filter(|e| e.status == "credited").map(|e| e.jp).sum();
    let (nip, year) = (d.row.nip.clone(), d.year);
    let download = move |_| {
        let nip = nip.clone();
        spawn_local(async move {
            let path = format!("/api/staff/{}/ledger.csv?year={year}", api::enc(&nip));
            fetch_and_save(&path, &format!("lentera-jp-{nip}-{year}.csv")).await;
        });
    };
    let rows = d
        .ledger
        .iter()
        .map(|e| {
            view! {
                <tr class:refused=e.status != "credited">
                    <td data-label=t(Key::ColDate)>{date(lang, &e.date)}</td>
                    <td data-label=t(Key::ColQuarter)>{quarter(lang, e.quarter)}</td>
                    <td data-label=t(Key::ColCourse)>{e.title.clone()}</td>
                    <td data-label=t(Key::ColJp) class="num">{jp_with_claim(lang, &e.status, e.jp, e.claimed_jp)}</td>
                    <td data-label=t(Key::ColStatus)>{credit_status(lang, &e.status, e.not_credited.as_ref())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <div class="titlebar">
                <h2>{i18n.fill(Key::LedgerTitle, &[("year", &year.to_string())])}</h2>
                <button type="button" on:click=download>{t(Key::DownloadCsv)}</button>
            </div>
            {if d.ledger.is_empty() {
                view! { <p class="muted">{t(Key::NoLedger)}</p> }.into_any()
            } else {
                view! {
                    <table class="list ledger">
                        <thead><tr>
                            <th scope="col">{t(Key::ColDate)}</th><th scope="col">{t(Key::ColQuarter)}</th>
                            <th scope="col">{t(Key::ColCourse)}</th><th scope="col" class="num">{t(Key::ColJp)}</th>
                            <th scope="col">{t(Key::ColStatus)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                        <tfoot><tr><th scope="row" colspan="3">{t(Key::LedgerTotal)}</th><td class="num">{total}</td><td></td></tr></tfoot>
                    </table>
                    <p class="muted note">{t(Key::LedgerNote)}</p>
                }.into_any()
            }}
        </section>
    }
}

/// Whether the server credited a course or ledger line, in words (never colour alone), with the
/// reason when it did not.
fn credit_status(lang: Lang, status: &str, why: Option<&NotCredited>) -> impl IntoView + use<> {
    let (key, class) = match status {
        "credited" => (Key::CreditVerified, "badge ok-badge"),
        "not_credited" => (Key::CreditNotConfirmed, "badge alert-badge"),
        _ => (Key::CourseInProgress, "badge"),
    };
    let why = why.filter(|_| status == "not_credited").map(|w| view! { <span class="why">{reason(lang, w)}</span> });
    view! { <span class="credit"><span class=class>{text(lang, key)}</span>{why}</span> }
}

/// The best score as the server graded it, with the device's claim beside it when they differ.
fn best_score(lang: Lang, graded: Option<Score>, claimed: Option<Score>) -> impl IntoView + use<> {
    let claim = claimed
        .filter(|c| graded != Some(*c))
        .map(|c| view! { <span class="claim">{fill(text(lang, Key::ClaimedScore), &[("score", &format!("{}/{}", c.correct, c.total))])}</span> });
    let shown = graded.map_or_else(|| "—".into(), |s| format!("{}/{} ({} %)", s.correct, s.total, s.percent()));
    view! { <span class="with-claim">{shown}{claim}</span> }
}

/// The JP credited, and beside it what the device claimed when that differs (a claim not confirmed
/// is always shown).
fn jp_with_claim(lang: Lang, status: &str, jp: u32, claimed: Option<u32>) -> impl IntoView + use<> {
    let claim = claimed
        .filter(|c| status != "credited" || *c != jp)
        .map(|c| view! { <span class="claim">{text(lang, Key::ClaimedJp).replace("{n}", &c.to_string())}</span> });
    view! { <span class="with-claim">{jp}{claim}</span> }
}

/// The status word of an assignment, never colour alone.
pub fn status_view(status: &str, lang: Lang) -> impl IntoView + use<> {
    let (key, class) = match status {
        "done" => (Key::StatusDone, "badge ok-badge"),
        "overdue" => (Key::StatusOverdue, "badge alert-badge"),
        _ => (Key::StatusOpen, "badge"),
    };
    view! { <span class=class>{text(lang, key)}</span> }
}

fn assignments(list: &[AssignmentView], on_phone: &[lentera_protocol::HeldPack], lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let rows = list
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <td class="name" data-label=t(Key::ColCourse)>{a.title.clone()}</td>
                    <td data-label=t(Key::ColDue)>{date(lang, &a.due_date)}</td>
                    <td data-label=t(Key::ColStatus)>
                        {status_view(&a.status, lang)}
                        // The phone said it holds the pack: it can be learnt offline.
                        {on_phone.iter().any(|h| h.id == a.course_id).then(|| view! { <span class="badge type-badge" data-testid="on-phone">{t(Key::OnPhone)}</span> })}
                    </td>
                    <td data-label=t(Key::ColAssignedBy)>{a.assigned_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t(Key::AssignmentsTitle)}</h2>
            {if list.is_empty() {
                view! { <p class="muted">{t(Key::NoAssignments)}</p> }.into_any()
            } else {
                view! {
                    <table class="list">
                        <thead><tr>
                            <th scope="col">{t(Key::ColCourse)}</th><th scope="col">{t(Key::ColDue)}</th>
                            <th scope="col">{t(Key::ColStatus)}</th><th scope="col">{t(Key::ColAssignedBy)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// A timeline entry as a sentence, whatever its kind.
pub fn sentence(item: &TimelineItem, lang: Lang) -> String {
    // A kind this build does not know (a newer server) still reads as a sentence, with its name.
    let key = match EventKind::from_name(&item.kind) {
        Some(EventKind::LessonOpened) => Key::EvLessonOpened,
        Some(EventKind::LessonCompleted) => Key::EvLessonCompleted,
        Some(EventKind::QuizStarted) => Key::EvQuizStarted,
        Some(EventKind::AnswerGiven) => Key::EvAnswerGiven,
        Some(EventKind::QuizSubmitted) => Key::EvQuizSubmitted,
        Some(EventKind::CourseCompleted) => Key::EvCourseCompleted,
        Some(EventKind::OnboardingCompleted) => Key::EvOnboarding,
        Some(EventKind::SurveyRated) => Key::EvSurveyRated,
        Some(EventKind::SurveyAnswered) => Key::EvSurveyAnswered,
        Some(EventKind::SurveySubmitted) => Key::EvSurveySubmitted,
        Some(EventKind::PlanChanged) => Key::EvPlanChanged,
        Some(EventKind::PlanSubmitted) => Key::EvPlanSubmitted,
        Some(EventKind::TrainingRegistered) => Key::EvTrainingRegistered,
        Some(EventKind::TrainingCancelled) => Key::EvTrainingCancelled,
        Some(EventKind::CheckedIn) => Key::EvCheckedIn,
        Some(EventKind::LogSaved) => Key::EvLogSaved,
        Some(EventKind::LogSubmitted) => Key::EvLogSubmitted,
        Some(EventKind::ReactionGiven) => Key::EvReactionGiven,
        Some(EventKind::ActionPlanSaved) => Key::EvActionPlanSaved,
        Some(EventKind::IdeaSaved) => Key::EvIdeaSaved,
        Some(EventKind::IdeaSubmitted) => Key::EvIdeaSubmitted,
        None => Key::EvOther,
    };
    let title = item.title.as_deref().or(item.course_id.as_deref()).unwrap_or("");
    let detail = if key == Key::EvOther { item.kind.as_str() } else { item.detail.as_deref().unwrap_or("") };
    let text = fill(text(lang, key), &[("title", title), ("detail", detail)]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Local calendar parts of a Unix-ms instant, from the browser's time zone.
pub fn local_parts(at_ms: i64) -> [u32; 5] {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at_ms as f64));
    [d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes()]
}

fn timeline(items: &[TimelineItem], lang: Lang, shown: RwSignal<usize>) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let mut items: Vec<&TimelineItem> = items.iter().collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.at_ms));
    let more = items.len() > shown.get();
    let entries = items
        .into_iter()
        .take(shown.get())
        .map(|item| {
            view! {
                <li>
                    <time>{date_time(lang, local_parts(item.at_ms))}</time>
                    <span>{sentence(item, lang)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t(Key::TimelineTitle)}</h2>
            {if entries.is_empty() {
                view! { <p class="muted">{t(Key::NoTimeline)}</p> }.into_any()
            } else {
                view! { <ol class="timeline">{entries}</ol> }.into_any()
            }}
            {more.then(|| view! {
                <button type="button" class="more" on:click=move |_| shown.update(|n| *n += TIMELINE_ROWS)>{t(Key::ShowMore)}</button>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: &str, detail: Option<&str>) -> TimelineItem {
        TimelineItem { at_ms: 0, kind: kind.into(), course_id: Some("etika-1".into()), title: Some("Etika Digital".into()), detail: detail.map(Into::into) }
    }

    #[test]
    fn a_pppk_reads_as_a_right_of_24_and_a_pns_as_a_target_of_20() {
        assert_eq!(jp_figure(Lang::Id, Employment::Pns, 12), "12 dari 20 JP");
        assert_eq!(jp_figure(Lang::Id, Employment::Pppk, 12), "12 dari hak 24 JP");
        assert_eq!(jp_figure(Lang::En, Employment::Pppk, 12), "12 of the 24 JP allowed");
        assert_eq!(fill(text(Lang::Id, Key::TargetLinePppk), &[("n", "24")]), "hak PPPK 24 JP");
        assert_eq!(fill(text(Lang::Id, Key::TargetLine), &[("n", "20")]), "target PNS 20 JP");
    }

    #[test]
    fn every_kind_reads_as_a_sentence() {
        assert_eq!(sentence(&item("quiz_submitted", Some("7/8")), Lang::Id), "Menyerahkan kuis Etika Digital, skor 7/8");
        assert_eq!(sentence(&item("course_completed", None), Lang::En), "Completed the course Etika Digital");
        assert_eq!(sentence(&item("onboarding_completed", None), Lang::Id), "Menyelesaikan pengenalan Lentera");
        assert_eq!(sentence(&item("webinar_attended", None), Lang::En), "Activity webinar_attended Etika Digital");
        for kind in EventKind::ALL {
            assert!(!sentence(&item(kind.name(), None), Lang::Id).contains(kind.name()), "{kind:?} has its own sentence");
        }
    }
}
