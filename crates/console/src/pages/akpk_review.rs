//! The person page's "Analisis kebutuhan (AKPK)" section: the ratings against what the position
//! requires, the supervisor's own levels, the answers to the open questions, the plan priced in
//! JP against 20, and the verdict (validate, or send back with a note).

use crate::api;
use crate::i18n::{Key, Lang, fill, text, tr, use_i18n};
use crate::pages::competency::this_year;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::akpk::{COACHING, PlanStatus};
use lentera_protocol::akpk_review::{AkpkStaff, Assessment, LevelGiven, NOTE_MAX_CHARS, PlanVerdict, PricedItem, StaffRating};
use std::sync::Arc;

#[component]
pub fn AkpkSection(nip: String, #[prop(optional)] own: bool) -> impl IntoView {
    let i18n = use_i18n();
    let nip = StoredValue::new(nip);
    let year = RwSignal::new(u32::try_from(this_year()).unwrap_or(2026));
    let data = RwSignal::new(None::<Arc<AkpkStaff>>);
    // Bumped after a write, to read the person again.
    let reload = RwSignal::new(0u32);
    // What the last write did; kept here, not in the parts a reload draws anew, so it stays on screen.
    let notice = RwSignal::new(None::<Key>);
    Effect::new(move || {
        let (y, _) = (year.get(), reload.get());
        spawn_local(async move {
            let answer = api::get::<AkpkStaff>(&format!("/api/akpk/staff/{}?year={y}", api::enc(&nip.get_value()))).await;
            if year.try_get_untracked() == Some(y) {
                data.try_set(answer.map(Arc::new));
            }
        });
    });
    let years = move || {
        let now = u32::try_from(this_year()).unwrap_or(2026);
        (0..3).map(|back| now - back).map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect_view()
    };
    view! {
        <section class="card akpk" aria-labelledby="akpk-title">
            <div class="titlebar">
                <h2 id="akpk-title">{tr(Key::AkpkTitle)}</h2>
                <label class="field inline">
                    <span>{tr(Key::YearLabel)}</span>
                    <select on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { year.set(y); } }>{years}</select>
                </label>
            </div>
            <p class="muted">{tr(Key::AkpkIntro)}</p>
            <p role="status" class="notice">{move || notice.get().map(|k| i18n.t(k))}</p>
            {move || match data.get() {
                None => crate::app::loading().into_any(),
                Some(d) => {
                    let lang = i18n.lang.get();
                    view! {
                        <Ratings d=d.clone() own=own reload=reload notice=notice/>
                        {answers(&d, lang)}
                        <Plan d=d own=own reload=reload notice=notice/>
                    }.into_any()
                }
            }}
        </section>
    }
}

fn level_text(lang: Lang, level: Option<u8>) -> String {
    level.map_or_else(|| text(lang, Key::NotAssessed).to_owned(), |l| l.to_string())
}

fn gap_view(lang: Lang, r: &StaffRating) -> impl IntoView + use<> {
    match r.gap {
        None => view! { <span class="badge">{text(lang, Key::NotAssessed)}</span> }.into_any(),
        Some(0) => view! { <span class="badge ok-badge">{text(lang, Key::GapNone)}</span> }.into_any(),
        Some(n) => view! { <span class="badge alert-badge">{fill(text(lang, Key::GapN), &[("n", &n.to_string())])}</span> }.into_any(),
    }
}

#[component]
fn Ratings(d: Arc<AkpkStaff>, own: bool, reload: RwSignal<u32>, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    if d.ratings.is_empty() {
        let position = if d.position.is_empty() { "—".to_owned() } else { d.position.clone() };
        return view! { <p>{move || i18n.fill(Key::NoPositionNeeds, &[("position", &position)])}</p> }.into_any();
    }
    let picks = RwSignal::new(d.ratings.iter().map(|r| r.supervisor_level).collect::<Vec<_>>());
    let busy = RwSignal::new(false);
    let (year, nip) = (d.year, d.nip.clone());
    let codes: Vec<String> = d.ratings.iter().map(|r| r.competency.clone()).collect();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let levels: Vec<LevelGiven> =
            codes.iter().zip(picks.get_untracked()).filter_map(|(c, l)| l.map(|level| LevelGiven { competency: c.clone(), level })).collect();
        if levels.is_empty() {
            return;
        }
        let path = format!("/api/akpk/staff/{}/assessment", api::enc(&nip));
        busy.set(true);
        notice.set(None);
        spawn_local(async move {
            let ok = api::done("PUT", &path, api::body(&Assessment { year, levels })).await;
            busy.try_set(false);
            if ok {
                notice.try_set(Some(Key::AssessmentSaved));
                reload.try_update(|n| *n += 1);
            }
        });
    };
    let rows = move || {
        let lang = i18n.lang.get();
        let t = |key| text(lang, key);
        d.ratings
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let levels = r
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(n, what)| view! { <li><strong>{fill(t(Key::LevelColon), &[("n", &(n + 1).to_string())])}</strong>" " {what.clone()}</li> })
                    .collect_view();
                let label = fill(t(Key::SupervisorLevelFor), &[("name", &r.name)]);
                let select = if own {
                    view! { <span>{level_text(lang, r.supervisor_level)}</span> }.into_any()
                } else {
                    let options = (1u8..=5)
                        .map(|l| view! { <option value=l.to_string() selected=move || picks.with(|p| p[i] == Some(l))>{l}</option> })
                        .collect_view();
                    view! {
                        <select aria-label=label on:change=move |ev| {
                            let v = event_target_value(&ev).parse::<u8>().ok();
                            picks.update(|p| p[i] = v);
                        }>
                            <option value="" selected=move || picks.with(|p| p[i].is_none())>{t(Key::ChooseLevel)}</option>
                            {options}
                        </select>
                    }
                    .into_any()
                };
                view! {
                    <tr>
                        <td class="name" data-label=t(Key::ColCompetency)>
                            {r.name.clone()} " " <span class="muted code">{r.competency.clone()}</span>
                            <details class="levels"><summary>{t(Key::LevelsHelp)}</summary><ol>{levels}</ol></details>
                        </td>
                        <td class="num" data-label=t(Key::ColRequired)>{r.required}</td>
                        <td class="num" data-label=t(Key::ColSelf)>{level_text(lang, r.self_level)}</td>
                        <td data-label=t(Key::ColSupervisor)>{select}</td>
                        <td data-label=t(Key::ColGap)>{gap_view(lang, r)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <form on:submit=save>
            <table class="list ratings">
                <thead><tr>
                    <th scope="col">{tr(Key::ColCompetency)}</th>
                    <th scope="col" class="num">{tr(Key::ColRequired)}</th>
                    <th scope="col" class="num">{tr(Key::ColSelf)}</th>
                    <th scope="col">{tr(Key::ColSupervisor)}</th>
                    <th scope="col">{tr(Key::ColGap)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="muted note">{tr(Key::GapRule)}</p>
            {(!own).then(|| view! {
                <div class="buttons">
                    <button type="submit" disabled=move || busy.get()>{tr(Key::SaveAssessment)}</button>
                </div>
            })}
        </form>
    }
    .into_any()
}

fn question_key(question: &str) -> Key {
    match question {
        "tugas" => Key::QuestionTugas,
        "target" => Key::QuestionTarget,
        _ => Key::QuestionHambatan,
    }
}

fn answers(d: &AkpkStaff, lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let body = if d.answers.is_empty() {
        view! { <p class="muted">{t(Key::NoAnswers)}</p> }.into_any()
    } else {
        let items = d.answers.iter().map(|a| view! { <dt>{t(question_key(&a.question))}</dt><dd>{a.text.clone()}</dd> }).collect_view();
        view! { <dl class="answers">{items}</dl> }.into_any()
    };
    let surveyed = if d.plan.surveyed { t(Key::SurveyDone) } else { t(Key::SurveyNotDone) };
    view! {
        <h3>{t(Key::AnswersTitle)}</h3>
        <p><span class="badge">{surveyed}</span></p>
        {body}
    }
}

fn status_badge(lang: Lang, status: PlanStatus) -> impl IntoView + use<> {
    let (key, class) = match status {
        PlanStatus::Draft => (Key::PlanDraft, "badge"),
        PlanStatus::Submitted => (Key::PlanSubmitted, "badge warn-badge"),
        PlanStatus::Validated => (Key::PlanValidated, "badge ok-badge"),
        PlanStatus::Returned => (Key::PlanReturned, "badge alert-badge"),
    };
    view! { <span class=class>{text(lang, key)}</span> }
}

fn items_table(lang: Lang, caption: Key, items: &[PricedItem], jp: u32, target: u32) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    let body = if items.is_empty() {
        view! { <p class="muted">{t(Key::NoItems)}</p> }.into_any()
    } else {
        let rows = items
            .iter()
            .map(|i| {
                let title = if i.key == COACHING { t(Key::Coaching).to_owned() } else if i.title.is_empty() { i.key.clone() } else { i.title.clone() };
                view! {
                    <tr>
                        <td class="name" data-label=t(Key::ColItem)>{title}</td>
                        <td data-label=t(Key::ColForGaps)>{if i.competencies.is_empty() { "—".to_owned() } else { i.competencies.join(", ") }}</td>
                        <td class="num" data-label=t(Key::ColJp)>{i.jp}</td>
                    </tr>
                }
            })
            .collect_view();
        let total = fill(t(Key::PlanJp), &[("n", &jp.to_string()), ("target", &target.to_string())]);
        view! {
            <table class="list plan">
                <thead><tr><th scope="col">{t(Key::ColItem)}</th><th scope="col">{t(Key::ColForGaps)}</th><th scope="col" class="num">{t(Key::ColJp)}</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row" colspan="2">{t(Key::LedgerTotal)}</th><td class="num">{total}</td></tr></tfoot>
            </table>
        }
        .into_any()
    };
    view! { <h4>{t(caption)}</h4> {body} }
}

#[component]
fn Plan(d: Arc<AkpkStaff>, own: bool, reload: RwSignal<u32>, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let missing_note = RwSignal::new(false);
    let (year, nip, status) = (d.year, StoredValue::new(d.nip.clone()), d.plan.status);
    let decide = move |what: &'static str| {
        let text = note.get_untracked().trim().to_owned();
        if what == "return" && text.is_empty() {
            missing_note.set(true);
            return;
        }
        missing_note.set(false);
        busy.set(true);
        let path = format!("/api/akpk/staff/{}/plan/{what}", api::enc(&nip.get_value()));
        spawn_local(async move {
            let body = PlanVerdict { year, note: (!text.is_empty()).then_some(text) };
            let ok = api::done("POST", &path, api::body(&body)).await;
            busy.try_set(false);
            if ok {
                notice.try_set(Some(if what == "return" { Key::PlanReturnedDone } else { Key::PlanValidatedDone }));
                reload.try_update(|n| *n += 1);
            }
        });
    };
    let d2 = d.clone();
    view! {
        <h3>{tr(Key::PlanTitle)}</h3>
        {move || {
            let lang = i18n.lang.get();
            let d = &d2;
            let note_shown = d.plan.note.clone().map(|n| view! { <p class="plan-note">{fill(text(lang, Key::NoteShown), &[("note", &n)])}</p> });
            view! {
                <p>{status_badge(lang, d.plan.status)}</p>
                {note_shown}
                {(!d.plan.submitted.is_empty()).then(|| items_table(lang, Key::SubmittedItems, &d.submitted, d.submitted_jp, d.target_jp))}
                {(!d.plan.validated.is_empty()).then(|| items_table(lang, Key::ValidatedItems, &d.validated, d.validated_jp, d.target_jp))}
                {items_table(lang, Key::ProposalItems, &d.proposal, d.proposal_jp, d.target_jp)}
            }
        }}
        {(!own && status == PlanStatus::Submitted).then(|| view! {
            <div class="verdict">
                <label class="field">
                    <span>{move || i18n.n(Key::NoteLabel, NOTE_MAX_CHARS)}</span>
                    <textarea rows="3" maxlength=NOTE_MAX_CHARS.to_string() prop:value=move || note.get()
                        aria-invalid=move || missing_note.get().then_some("true")
                        aria-describedby="note-error"
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </label>
                <p id="note-error" class="alert-text">{move || missing_note.get().then(|| i18n.t(Key::NeedNote))}</p>
                <div class="buttons">
                    <button type="button" disabled=move || busy.get() on:click=move |_| decide("validate")>{tr(Key::ValidatePlan)}</button>
                    <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| decide("return")>{tr(Key::ReturnPlan)}</button>
                </div>
            </div>
        })}
    }
}
