//! `/konsol/evaluasi` (docs/evaluation.md): the reaction and behaviour report per course and
//! training among the caller's units (respondents, mean per statement, action plans and their
//! follow-up, the mean pre/post test gain), one subject in detail with its open answers and plans (no
//! names) and, for a course, each person's counted tests; CSV and print;
//! above it, the supervisor's action plans due for their word (done, partly, not yet).

use crate::api;
use crate::download::fetch_and_save;
use crate::i18n::{Key, Lang, text, tr, use_i18n};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::reaction::{EvaluationReport, FollowUp, FollowUpInput, FollowUpItem, SubjectDetail, SubjectFigures};
use std::sync::Arc;

/// The statements in the console's language, in the order of `reaction::QUESTIONS`.
const STATEMENTS: [Key; 4] = [Key::EvalQUseful, Key::EvalQClear, Key::EvalQTime, Key::EvalQRecommend];

/// Hundredths with the language's decimal mark (325 is "3,25"); a dash without respondents.
fn mean(lang: Lang, h: Option<u32>) -> String {
    let mark = if lang == Lang::Id { ',' } else { '.' };
    h.map_or_else(|| "–".to_owned(), |h| format!("{}{mark}{:02}", h / 100, h % 100))
}

/// Signed hundredths of a point with the language's decimal mark (+12,50; −3,33); a dash for none.
pub(crate) fn gain(lang: Lang, h: Option<i64>) -> String {
    let mark = if lang == Lang::Id { ',' } else { '.' };
    h.map_or_else(|| "–".to_owned(), |h| format!("{}{}{mark}{:02}", if h > 0 { "+" } else if h < 0 { "−" } else { "" }, h.abs() / 100, h.abs() % 100))
}

/// A whole-point gain, signed.
fn points(g: i32) -> String {
    if g > 0 { format!("+{g}") } else if g < 0 { format!("−{}", -g) } else { "0".to_owned() }
}

fn percent(p: Option<u32>) -> String {
    p.map_or_else(|| "–".to_owned(), |p| format!("{p}%"))
}

fn kind_of(subject: &str) -> Key {
    if subject.starts_with("training:") { Key::EvalKindTraining } else { Key::EvalKindCourse }
}

fn follow_up_key(f: FollowUp) -> Key {
    match f {
        FollowUp::Done => Key::FollowUpDone,
        FollowUp::Partly => Key::FollowUpPartly,
        FollowUp::NotYet => Key::FollowUpNotYet,
    }
}

fn date_of(lang: Lang, ms: i64) -> String {
    let p = crate::pages::trainings::wib_parts(ms);
    crate::format::date(lang, &crate::format::iso_date(p[0], p[1], p[2]))
}

#[component]
pub fn Evaluation() -> impl IntoView {
    let i18n = use_i18n();
    let report = RwSignal::new(None::<Arc<EvaluationReport>>);
    let queue = RwSignal::new(None::<Arc<Vec<FollowUpItem>>>);
    let chosen = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<Key>);
    Effect::new(move || {
        reload.track();
        spawn_local(async move {
            let r = api::get::<EvaluationReport>("/api/evaluation/report").await;
            report.try_set(r.map(Arc::new));
            let q = api::get::<Vec<FollowUpItem>>("/api/evaluation/followups").await;
            queue.try_set(q.map(Arc::new));
        });
    });
    let download = move |_| {
        spawn_local(async move {
            fetch_and_save("/api/evaluation/report.csv", "lentera-evaluasi.csv").await;
        });
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let follow_ups = view! {
        <section class="card no-print" aria-labelledby="followup-title">
            <h2 id="followup-title">{tr(Key::FollowUpTitle)}</h2>
            <p class="muted">{tr(Key::FollowUpIntro)}</p>
            <p role="status" class="notice">{move || notice.get().map(|k| i18n.t(k))}</p>
            {move || match queue.get() {
                None => crate::app::loading().into_any(),
                Some(list) if list.is_empty() => view! { <p>{tr(Key::NoFollowUps)}</p> }.into_any(),
                Some(list) => view! {
                    <ul class="plain followups">
                        {list.iter().cloned().map(|item| view! { <FollowUpRow item=item reload=reload notice=notice/> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    };
    let report_card = view! {
        <section class="card" aria-labelledby="eval-report-title">
            <h2 id="eval-report-title">{tr(Key::EvalReportTitle)}</h2>
            <p class="muted note">{tr(Key::EvalPrePostNote)}</p>
            <div class="toolbar no-print">
                <div class="buttons">
                    <button type="button" on:click=download>{tr(Key::DownloadCsv)}</button>
                    <button type="button" on:click=print>{tr(Key::EvalPrint)}</button>
                </div>
            </div>
            {move || match report.get() {
                None => crate::app::loading().into_any(),
                Some(r) if r.subjects.is_empty() => view! { <p>{tr(Key::EvalNone)}</p> }.into_any(),
                Some(r) => report_table(i18n.lang.get(), &r, chosen).into_any(),
            }}
        </section>
        {move || chosen.get().map(|subject| view! { <Detail subject=subject chosen=chosen/> })}
    };
    // An admin comes for the report; a supervisor for the follow-ups of their own staff.
    let (first, second) = if use_auth().is_admin() { (report_card.into_any(), follow_ups.into_any()) } else { (follow_ups.into_any(), report_card.into_any()) };
    view! {
        <h1 class="page-title">{tr(Key::EvalTitle)}</h1>
        <p class="muted">{tr(Key::EvalIntro)}</p>
        {first}
        {second}
    }
}

fn report_table(lang: Lang, r: &EvaluationReport, chosen: RwSignal<Option<String>>) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let rows = r
        .subjects
        .iter()
        .map(|s| {
            let subject = s.subject.clone();
            let label = format!("{} {}", t(Key::EvalOpenDetail), s.title);
            view! {
                <tr>
                    <th scope="row">
                        <button type="button" class="link" aria-label=label on:click=move |_| chosen.set(Some(subject.clone()))>{s.title.clone()}</button>
                        " " <span class="badge">{t(kind_of(&s.subject))}</span>
                    </th>
                    <td class="num" data-label=t(Key::EvalColCompleted)>{s.completed}</td>
                    <td class="num" data-label=t(Key::ColRespondents)>{s.respondents}</td>
                    <td class="num" data-label=t(Key::EvalColMean)>{mean(lang, s.overall_hundredths)}</td>
                    <td class="num" data-label=t(Key::EvalColPrePost)>{match s.gain_hundredths {
                        Some(h) => crate::i18n::fill(t(Key::EvalGainOf), &[("gain", &gain(lang, Some(h))), ("n", &s.tested.to_string())]),
                        None => "–".to_owned(),
                    }}</td>
                    <td class="num" data-label=t(Key::EvalColPlans)>{s.plans}</td>
                    <td class="num" data-label=t(Key::FollowUpDone)>{s.done}</td>
                    <td class="num" data-label=t(Key::FollowUpPartly)>{s.partly}</td>
                    <td class="num" data-label=t(Key::FollowUpNotYet)>{s.not_yet}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="tablewrap">
            <table class="list competency">
                <caption class="sr-only">{t(Key::EvalReportTitle)}</caption>
                <thead><tr>
                    <th scope="col">{t(Key::EvalColSubject)}</th>
                    <th scope="col" class="num">{t(Key::EvalColCompleted)}</th>
                    <th scope="col" class="num">{t(Key::ColRespondents)}</th>
                    <th scope="col" class="num">{t(Key::EvalColMean)}</th>
                    <th scope="col" class="num">{t(Key::EvalColPrePost)}</th>
                    <th scope="col" class="num">{t(Key::EvalColPlans)}</th>
                    <th scope="col" class="num">{t(Key::FollowUpDone)}</th>
                    <th scope="col" class="num">{t(Key::FollowUpPartly)}</th>
                    <th scope="col" class="num">{t(Key::FollowUpNotYet)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn FollowUpRow(item: FollowUpItem, reload: RwSignal<u32>, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let path = StoredValue::new(format!("/api/evaluation/followups/{}", api::enc(&item.nip)));
    let subject = StoredValue::new(item.subject.clone());
    let answer = move |result: FollowUp| {
        busy.set(true);
        notice.set(None);
        let body = api::body(&FollowUpInput { subject: subject.get_value(), result });
        let url = path.get_value();
        spawn_local(async move {
            let ok = api::done("POST", &url, body).await;
            busy.try_set(false);
            if ok {
                notice.try_set(Some(Key::FollowUpSaved));
                reload.try_update(|n| *n += 1);
            }
        });
    };
    let heading = format!("fu-{}-{}", item.nip, item.subject.replace(':', "-"));
    let lang = i18n.lang.get_untracked();
    let before = item.follow_up.map(|f| format!("{}: {}", text(lang, Key::FollowUpBefore), text(lang, follow_up_key(f))));
    view! {
        <li class="followup">
            <h3 id=heading>{item.name.clone()} " · " <span class="muted">{item.unit.clone()}</span></h3>
            <p><strong>{item.title.clone()}</strong> " · " {move || crate::i18n::fill(i18n.t(Key::PlanSavedOn), &[("date", &date_of(i18n.lang.get(), item.saved_at_ms))])}</p>
            <blockquote class="plan-text">{item.plan.clone()}</blockquote>
            {before.map(|b| view! { <p class="muted">{b}</p> })}
            <div class="buttons" role="group" aria-label=move || i18n.t(Key::FollowUpQuestion)>
                <span>{tr(Key::FollowUpQuestion)}</span>
                {FollowUp::ALL.into_iter().map(|f| view! {
                    <button type="button" disabled=move || busy.get() on:click=move |_| answer(f)>{tr(follow_up_key(f))}</button>
                }).collect_view()}
            </div>
        </li>
    }
}

#[component]
fn Detail(subject: String, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let detail = RwSignal::new(None::<Arc<SubjectDetail>>);
    let wanted = subject.clone();
    spawn_local(async move {
        let d = api::get::<SubjectDetail>(&format!("/api/evaluation/report/detail?subject={}", api::enc(&wanted))).await;
        detail.try_set(d.map(Arc::new));
    });
    view! {
        <section class="card" aria-labelledby="eval-detail-title">
            {move || match detail.get() {
                None => crate::app::loading().into_any(),
                Some(d) => detail_view(i18n.lang.get(), &d).into_any(),
            }}
            <button type="button" class="no-print" on:click=move |_| chosen.set(None)>{tr(Key::Close)}</button>
        </section>
    }
}

fn detail_view(lang: Lang, d: &SubjectDetail) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let f: &SubjectFigures = &d.figures;
    let statements = STATEMENTS
        .iter()
        .enumerate()
        .map(|(i, key)| view! { <tr><th scope="row">{t(*key)}</th><td class="num">{mean(lang, f.means_hundredths.get(i).copied().flatten())}</td></tr> })
        .collect_view();
    let answers = if d.answers_withheld {
        view! { <p class="muted">{t(Key::EvalAnswersWithheld)}</p> }.into_any()
    } else if d.answers.is_empty() {
        view! { <p class="muted">{t(Key::EvalNoAnswers)}</p> }.into_any()
    } else {
        // Shown as text (never as markup), whatever the learner typed.
        view! { <ul class="answers">{d.answers.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul> }.into_any()
    };
    let plans = if d.plans.is_empty() {
        view! { <p class="muted">{t(Key::EvalNoPlans)}</p> }.into_any()
    } else {
        view! {
            <ul class="answers">
                {d.plans.iter().map(|p| {
                    let (badge, class) = match p.follow_up {
                        Some(f) => (t(follow_up_key(f)), if f == FollowUp::Done { "badge ok-badge" } else { "badge warn-badge" }),
                        None => (t(Key::EvalNotAsked), "badge"),
                    };
                    view! { <li>{p.text.clone()} " " <span class=class>{badge}</span></li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let course = f.subject.starts_with("course:");
    view! {
        <h2 id="eval-detail-title">{f.title.clone()} " " <span class="badge">{t(kind_of(&f.subject))}</span></h2>
        <p>{crate::i18n::fill(t(Key::EvalDetailFigures), &[("completed", &f.completed.to_string()), ("respondents", &f.respondents.to_string()), ("mean", &mean(lang, f.overall_hundredths))])}</p>
        <div class="tablewrap">
            <table class="list">
                <caption class="sr-only">{t(Key::EvalStatements)}</caption>
                <thead><tr><th scope="col">{t(Key::EvalStatements)}</th><th scope="col" class="num">{t(Key::EvalColMean)}</th></tr></thead>
                <tbody>{statements}</tbody>
            </table>
        </div>
        {course.then(|| tests_view(lang, d))}
        <h3>{t(Key::EvalAnswers)}</h3>
        {answers}
        <h3>{t(Key::EvalPlans)}</h3>
        {plans}
    }
}

/// Each credited person's counted tests of the course, with the mean gain above.
fn tests_view(lang: Lang, d: &SubjectDetail) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let f = &d.figures;
    let summary = f.gain_hundredths.map(|h| crate::i18n::fill(t(Key::EvalDetailGain), &[("gain", &gain(lang, Some(h))), ("n", &f.tested.to_string())]));
    let table = if d.tests.is_empty() {
        view! { <p class="muted">{t(Key::EvalTestsNone)}</p> }.into_any()
    } else {
        let rows = d
            .tests
            .iter()
            .map(|l| {
                view! {
                    <tr>
                        <th scope="row">{l.name.clone()}</th>
                        <td data-label=t(Key::ColNip)>{l.nip.clone()}</td>
                        <td data-label=t(Key::ColUnit)>{l.unit.clone()}</td>
                        <td class="num" data-label=t(Key::EvalColPre)>{percent(l.pre_percent)}</td>
                        <td class="num" data-label=t(Key::EvalColPost)>{percent(l.post_percent)}</td>
                        <td class="num" data-label=t(Key::EvalColGain)>{l.gain.map_or_else(|| "–".to_owned(), points)}</td>
                    </tr>
                }
            })
            .collect_view();
        let shown = (d.tests_total as usize > d.tests.len())
            .then(|| crate::i18n::fill(t(Key::EvalTestsShown), &[("shown", &d.tests.len().to_string()), ("total", &d.tests_total.to_string())]));
        view! {
            {shown.map(|s| view! { <p class="muted">{s}</p> })}
            <div class="tablewrap" tabindex="0" role="region" aria-label=t(Key::EvalTestsTitle)>
                <table class="list" data-testid="eval-tests">
                    <caption class="sr-only">{t(Key::EvalTestsTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Key::ColName)}</th>
                        <th scope="col">{t(Key::ColNip)}</th>
                        <th scope="col">{t(Key::ColUnit)}</th>
                        <th scope="col" class="num">{t(Key::EvalColPre)}</th>
                        <th scope="col" class="num">{t(Key::EvalColPost)}</th>
                        <th scope="col" class="num">{t(Key::EvalColGain)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <h3>{t(Key::EvalTestsTitle)}</h3>
        {summary.map(|s| view! { <p data-testid="eval-gain">{s}</p> })}
        {table}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_use_the_languages_decimal_mark_and_a_dash_when_nobody_answered() {
        assert_eq!((mean(Lang::Id, Some(367)), mean(Lang::En, Some(300)), mean(Lang::Id, None)), ("3,67".into(), "3.00".into(), "–".into()));
    }

    #[test]
    fn gains_carry_their_sign_and_the_languages_decimal_mark() {
        assert_eq!((gain(Lang::Id, Some(1250)), gain(Lang::En, Some(-1667)), gain(Lang::Id, Some(0)), gain(Lang::Id, None)), ("+12,50".into(), "−16.67".into(), "0,00".into(), "–".into()));
        assert_eq!((points(75), points(-5), points(0)), ("+75".into(), "−5".into(), "0".into()));
    }
}
