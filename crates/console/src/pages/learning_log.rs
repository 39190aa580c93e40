//! `/konsol/catatan`: the learning log's review queue (docs/activities.md): entries the staff of
//! the supervisor's units sent, with what the 45-minute rule gives and their evidence (a photo
//! shown, a PDF downloaded); confirm with JP up to the rule, or send back with a note. Also the
//! person page's list of one person's entries.

use crate::api;
use crate::download::fetch_and_save;
use crate::format::date;
use crate::i18n::{Key, Lang, fill, text, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::activity::{ConfirmLog, LOG_NOTE_MAX_CHARS, LogEntry, LogForm, LogStatus, ReturnLog, ReviewItem};
use std::sync::Arc;

pub fn form_key(form: &str) -> Key {
    match LogForm::from_key(form) {
        Some(LogForm::Coaching) => Key::FormCoaching,
        Some(LogForm::Mentoring) => Key::FormMentoring,
        Some(LogForm::SelfStudy) => Key::FormSelfStudy,
        Some(LogForm::Community) => Key::FormCommunity,
        Some(LogForm::Internship) => Key::FormInternship,
        _ => Key::FormCertificate,
    }
}

pub fn status_badge(lang: Lang, status: LogStatus) -> impl IntoView + use<> {
    let (key, class) = match status {
        LogStatus::Draft => (Key::LogStatusDraft, "badge"),
        LogStatus::Submitted => (Key::LogStatusSubmitted, "badge warn-badge"),
        LogStatus::Confirmed => (Key::LogStatusConfirmed, "badge ok-badge"),
        LogStatus::Returned => (Key::LogStatusReturned, "badge alert-badge"),
    };
    view! { <span class=class>{text(lang, key)}</span> }
}

const STATUSES: [(&str, Key); 3] = [("submitted", Key::LogStatusSubmitted), ("returned", Key::LogStatusReturned), ("confirmed", Key::LogStatusConfirmed)];

#[component]
pub fn LearningLog() -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new("submitted".to_owned());
    let items = RwSignal::new(None::<Arc<Vec<ReviewItem>>>);
    let reload = RwSignal::new(0u32);
    // What the last decision did; outside the list a reload redraws, so it stays on screen.
    let notice = RwSignal::new(None::<Key>);
    Effect::new(move || {
        let (wanted, _) = (status.get(), reload.get());
        items.set(None);
        spawn_local(async move {
            let answer = api::get::<Vec<ReviewItem>>(&format!("/api/log/review?status={wanted}")).await;
            if status.try_get_untracked().as_ref() == Some(&wanted) {
                items.try_set(answer.map(Arc::new));
            }
        });
    });
    let options = move || {
        let lang = i18n.lang.get();
        STATUSES.iter().map(|(value, key)| view! { <option value=*value selected=move || status.get() == *value>{text(lang, *key)}</option> }).collect_view()
    };
    view! {
        <div class="titlebar">
            <h1 class="page-title">{tr(Key::LogTitle)}</h1>
            <label class="field inline">
                <span>{tr(Key::LogShowing)}</span>
                <select on:change=move |ev| status.set(event_target_value(&ev))>{options}</select>
            </label>
        </div>
        <p class="muted">{tr(Key::LogIntro)}</p>
        <p role="status" class="notice">{move || notice.get().map(|k| i18n.t(k))}</p>
        {move || match items.get() {
            None => crate::app::loading().into_any(),
            Some(list) if list.is_empty() => view! { <p class="card">{tr(Key::NoLogEntries)}</p> }.into_any(),
            Some(list) => list.iter().cloned().map(|item| view! { <Review item=item reload=reload notice=notice/> }).collect_view().into_any(),
        }}
    }
}

#[component]
fn Review(item: ReviewItem, reload: RwSignal<u32>, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    let item = Arc::new(item);
    let heading = format!("log-{}-{}", item.nip, item.entry.entry);
    let jp = RwSignal::new(item.rule_jp.to_string());
    let note = RwSignal::new(String::new());
    let missing_note = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let path = StoredValue::new(format!("/api/log/{}/{}", api::enc(&item.nip), api::enc(&item.entry.entry)));
    let rule = item.rule_jp;
    let decide = move |what: &'static str| {
        let body = if what == "confirm" {
            let Ok(n) = jp.get_untracked().trim().parse::<u32>() else { return };
            api::body(&ConfirmLog { jp: n.min(rule) })
        } else {
            let text = note.get_untracked().trim().to_owned();
            if text.is_empty() {
                missing_note.set(true);
                return;
            }
            api::body(&ReturnLog { note: text })
        };
        missing_note.set(false);
        busy.set(true);
        notice.set(None);
        let url = format!("{}/{what}", path.get_value());
        spawn_local(async move {
            let ok = api::done("POST", &url, body).await;
            busy.try_set(false);
            if ok {
                notice.try_set(Some(if what == "confirm" { Key::LogConfirmedDone } else { Key::LogReturnedDone }));
                reload.try_update(|n| *n += 1);
            }
        });
    };
    let waiting = item.entry.status == LogStatus::Submitted;
    let d = item.clone();
    let labelled = heading.clone();
    let note_id = format!("{heading}-note");
    let error_id = format!("{heading}-error");
    view! {
        <article class="card log-entry" aria-labelledby=labelled>
            {move || {
                let lang = i18n.lang.get();
                let t = |key| text(lang, key);
                let e = &d.entry;
                let draft = &e.draft;
                view! {
                    <h2 id=heading.clone()>{draft.title.clone()}</h2>
                    <p>
                        <a href=format!("/konsol/staf/{}", d.nip)>{d.name.clone()}</a>
                        <span class="muted">{format!(" · {} · {}", d.nip, d.unit)}</span>
                    </p>
                    <p>{status_badge(lang, e.status)} " " <span class="badge">{t(form_key(&draft.form))}</span></p>
                    <dl class="answers">
                        <dt>{t(Key::LogWithWhom)}</dt><dd>{draft.with_whom.clone()}</dd>
                        <dt>{t(Key::LogWhen)}</dt><dd>{date(lang, &draft.date)}</dd>
                        <dt>{t(Key::ColMinutes)}</dt>
                        <dd>{fill(t(Key::LogMinutes), &[("n", &draft.minutes.to_string())])} " (" {fill(t(Key::LogRuleJp), &[("n", &d.rule_jp.to_string())])} ")"</dd>
                        <dt>{t(Key::LogLearned)}</dt><dd class="learned">{draft.learned.clone()}</dd>
                        {e.jp.map(|jp| view! { <dt>{t(Key::ColJp)}</dt><dd>{jp}</dd> })}
                        {e.note.clone().map(|n| view! { <dt>{t(Key::ColStatus)}</dt><dd class="plan-note">{fill(t(Key::NoteFromSupervisor), &[("note", &n)])}</dd> })}
                    </dl>
                }
            }}
            <Evidence entry=item.entry.clone()/>
            {waiting.then(|| view! {
                <div class="verdict">
                    <label class="field inline">
                        <span>{move || i18n.fill(Key::JpToCredit, &[("n", &rule.to_string())])}</span>
                        <input type="number" min="0" max=rule.to_string() step="1" inputmode="numeric" prop:value=move || jp.get()
                            on:input=move |ev| jp.set(event_target_value(&ev))/>
                    </label>
                    <div class="buttons">
                        <button type="button" disabled=move || busy.get() on:click=move |_| decide("confirm")>{tr(Key::ConfirmLog)}</button>
                    </div>
                    <label class="field">
                        <span>{tr(Key::LogNoteLabel)}</span>
                        <textarea id=note_id rows="2" maxlength=LOG_NOTE_MAX_CHARS.to_string() prop:value=move || note.get()
                            aria-invalid=move || missing_note.get().then_some("true")
                            aria-describedby=error_id.clone()
                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    </label>
                    <p id=error_id.clone() class="alert-text">{move || missing_note.get().then(|| i18n.t(Key::LogNeedNote))}</p>
                    <div class="buttons">
                        <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| decide("return")>{tr(Key::ReturnLog)}</button>
                    </div>
                </div>
            })}
        </article>
    }
}

/// The entry's evidence the server holds: photos shown, PDFs as a download; the rest said to be on the phone.
#[component]
fn Evidence(entry: LogEntry) -> impl IntoView {
    let i18n = use_i18n();
    let pending = entry.draft.evidence.len().saturating_sub(entry.evidence_received.len());
    let title = StoredValue::new(entry.draft.title.clone());
    let files = entry
        .evidence_received
        .iter()
        .map(|id| {
            let url = RwSignal::new(None::<String>);
            let path = format!("/api/evidence/{}", api::enc(id));
            let fetched = path.clone();
            spawn_local(async move {
                let answer = api::data_url(&fetched).await;
                url.try_set(answer);
            });
            let name = format!("bukti-{id}.pdf");
            view! {
                {move || match url.get() {
                    Some(u) if u.starts_with("data:image/") => {
                        view! { <img class="evidence" src=u alt=move || i18n.fill(Key::EvidencePhotoAlt, &[("title", &title.get_value())])/> }.into_any()
                    }
                    Some(_) => {
                        let (path, name) = (path.clone(), name.clone());
                        view! {
                            <button type="button" class="link" on:click=move |_| {
                                let (path, name) = (path.clone(), name.clone());
                                spawn_local(async move { fetch_and_save(&path, &name).await; });
                            }>{tr(Key::EvidencePdf)}</button>
                        }.into_any()
                    }
                    None => crate::app::loading().into_any(),
                }}
            }
        })
        .collect_view();
    let none = entry.draft.evidence.is_empty();
    view! {
        <div class="evidence-list">
            <h3>{tr(Key::LogEvidence)}</h3>
            {none.then(|| view! { <p class="muted">{tr(Key::NoEvidence)}</p> })}
            {files}
            {(pending > 0).then(|| view! { <p class="muted">{move || i18n.n(Key::EvidencePending, pending)}</p> })}
        </div>
    }
}

/// The person page's section: the person's entries and where each stands.
#[component]
pub fn LogSection(nip: String) -> impl IntoView {
    let i18n = use_i18n();
    let entries = RwSignal::new(None::<Arc<Vec<LogEntry>>>);
    spawn_local(async move {
        let answer = api::get::<Vec<LogEntry>>(&format!("/api/log/staff/{}", api::enc(&nip))).await;
        entries.try_set(answer.map(Arc::new));
    });
    view! {
        <section class="card" aria-labelledby="log-title">
            <h2 id="log-title">{tr(Key::LogSectionTitle)}</h2>
            {move || {
                let lang = i18n.lang.get();
                let t = |key| text(lang, key);
                match entries.get() {
                    None => crate::app::loading().into_any(),
                    Some(list) if list.is_empty() => view! { <p class="muted">{t(Key::NoPersonLog)}</p> }.into_any(),
                    Some(list) => {
                        let rows = list.iter().map(|e| view! {
                            <tr>
                                <td data-label=t(Key::ColDate)>{date(lang, &e.draft.date)}</td>
                                <td data-label=t(Key::ColForm)>{t(form_key(&e.draft.form))}</td>
                                <td class="name" data-label=t(Key::ColWhat)>{e.draft.title.clone()} <span class="muted">{format!(" · {}", e.draft.with_whom)}</span></td>
                                <td class="num" data-label=t(Key::ColMinutes)>{e.draft.minutes}</td>
                                <td data-label=t(Key::ColStatus)>{status_badge(lang, e.status)}</td>
                                <td class="num" data-label=t(Key::ColJp)>{e.jp.map_or_else(|| "—".to_owned(), |j| j.to_string())}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="list log">
                                <thead><tr>
                                    <th scope="col">{t(Key::ColDate)}</th><th scope="col">{t(Key::ColForm)}</th><th scope="col">{t(Key::ColWhat)}</th>
                                    <th scope="col" class="num">{t(Key::ColMinutes)}</th><th scope="col">{t(Key::ColStatus)}</th><th scope="col" class="num">{t(Key::ColJp)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }.into_any()
                    }
                }
            }}
        </section>
    }
}
