//! Catatan belajar: the learner's log entries, the server's word on each (from `GET /api/log/mine`)
//! merged with the phone's own events so a draft made offline shows at once; the form saves every
//! change as a `log_saved` event and "Kirim ke atasan" records `log_submitted`.

use super::evidence;
use super::text::{W, Words};
use super::wib::Wib;
use super::{Ctx, new_id, use_ctx};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::EventBody;
use lentera_protocol::activity::{LogDraft, LogEntry, LogForm, LogStatus, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, jp_for_minutes};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// Where one entry stands, as the learner reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shown {
    Draft,
    /// Handed in on this phone, not yet pushed.
    WaitingSync,
    Submitted,
    Confirmed(u32),
    Returned(Option<String>),
}

impl Shown {
    fn editable(&self) -> bool {
        matches!(self, Shown::Draft | Shown::Returned(_))
    }

    fn key(&self) -> &'static str {
        match self {
            Shown::Draft => "draft",
            Shown::WaitingSync => "waiting-sync",
            Shown::Submitted => "submitted",
            Shown::Confirmed(_) => "confirmed",
            Shown::Returned(_) => "returned",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Row {
    entry: String,
    draft: LogDraft,
    shown: Shown,
    received: Vec<String>,
}

/// The entries as the learner should see them: the phone's newest draft over the server's copy;
/// an unsent hand-in says so until the server has it.
fn rows(ctx: Ctx) -> Vec<Row> {
    let mine = ctx.activities();
    let server: Vec<LogEntry> = ctx.log.with(|l| l.as_ref().map(|l| l.value.clone()).unwrap_or_default());
    let unsent_submit: BTreeSet<String> = ctx.unsent.with(|u| {
        u.iter().filter_map(|b| if let EventBody::LogSubmitted { entry } = b { Some(entry.clone()) } else { None }).collect()
    });
    let mut ids: Vec<String> = mine.drafts.keys().cloned().collect();
    ids.extend(server.iter().map(|e| e.entry.clone()).filter(|id| !mine.drafts.contains_key(id)));
    let mut rows: Vec<Row> = ids
        .into_iter()
        .map(|entry| {
            let on_server = server.iter().find(|e| e.entry == entry);
            let draft = mine.drafts.get(&entry).map(|(_, d)| d.clone()).or_else(|| on_server.map(|e| e.draft.clone())).unwrap_or_default();
            let shown = if unsent_submit.contains(&entry) {
                Shown::WaitingSync
            } else {
                match on_server.map(|e| (e.status, e.jp, e.note.clone())) {
                    Some((LogStatus::Confirmed, jp, _)) => Shown::Confirmed(jp.unwrap_or(0)),
                    Some((LogStatus::Returned, _, note)) => Shown::Returned(note),
                    Some((LogStatus::Submitted, _, _)) => Shown::Submitted,
                    _ if mine.submitted.contains_key(&entry) => Shown::Submitted,
                    _ => Shown::Draft,
                }
            };
            let received = on_server.map(|e| e.evidence_received.clone()).unwrap_or_default();
            Row { entry, draft, shown, received }
        })
        .collect();
    rows.sort_by(|a, b| b.draft.date.cmp(&a.draft.date).then(b.entry.cmp(&a.entry)));
    rows
}

fn form_words(form: LogForm) -> W {
    match form {
        LogForm::Coaching => W::Coaching,
        LogForm::Mentoring => W::Mentoring,
        LogForm::SelfStudy => W::SelfStudy,
        LogForm::Community => W::Community,
        LogForm::Internship => W::Internship,
        LogForm::Certificate => W::Certificate,
    }
}

/// Whether the entry says enough for the supervisor to judge it.
fn complete(d: &LogDraft) -> bool {
    LogForm::from_key(&d.form).is_some() && !d.title.trim().is_empty() && !d.date.is_empty() && d.minutes > 0
}

#[component]
pub fn Log() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    // The entry open in the form, with its draft as it stands when the form opens.
    let editing = RwSignal::new(None::<(String, LogDraft)>);
    let all = Memo::new(move |_| rows(ctx));
    let add = move |_| {
        let entry = new_id();
        let log = LogDraft { date: Wib::of(crate::device::now_ms()).iso_date(), ..LogDraft::default() };
        ctx.record(vec![log.clone().saved(&entry)]);
        editing.set(Some((entry, log)));
    };
    view! {
        <section aria-labelledby="log-title" data-testid="log">
            <h2 id="log-title" class="sr">{move || i18n.w(W::TabLog)}</h2>
            <p class="muted">{move || i18n.w(W::LogIntro)}</p>
            <p class="muted" data-testid="freshness">{move || super::freshness(i18n, ctx, ctx.log.with(|l| l.as_ref().map(|l| l.at_ms)))}</p>
            {move || match editing.get() {
                Some((entry, draft)) => {
                    // The form owns the draft from here on.
                    let received = all.get_untracked().into_iter().find(|r| r.entry == entry).map(|r| r.received).unwrap_or_default();
                    view! { <Editor entry draft received editing/> }.into_any()
                }
                None => view! {
                    <button type="button" class="button primary" on:click=add>{move || i18n.w(W::AddEntry)}</button>
                    <Show when=move || ctx.read.get() && all.with(Vec::is_empty)>
                        <p class="muted">{move || i18n.w(W::NoEntries)}</p>
                    </Show>
                    <ul class="entries">
                        <For each=move || all.get() key=|r| format!("{}{:?}{:?}{:?}", r.entry, r.draft, r.shown, r.received) let:row>
                            <li><Entry row editing/></li>
                        </For>
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Entry(row: Row, editing: RwSignal<Option<(String, LogDraft)>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let Row { entry, draft, shown, received } = row;
    let missing = RwSignal::new(false);
    let title = if draft.title.trim().is_empty() { None } else { Some(draft.title.clone()) };
    let form = LogForm::from_key(&draft.form).map(form_words);
    let status = {
        let shown = shown.clone();
        move || match &shown {
            Shown::Draft => i18n.w(W::StatusDraft).to_owned(),
            Shown::WaitingSync => i18n.w(W::StatusWaitingSync).to_owned(),
            Shown::Submitted => i18n.w(W::StatusSubmitted).to_owned(),
            Shown::Confirmed(jp) => i18n.wf(W::StatusConfirmed, &[("n", &jp.to_string())]),
            Shown::Returned(_) => i18n.w(W::StatusReturned).to_owned(),
        }
    };
    let note = match &shown {
        Shown::Returned(Some(note)) => Some(note.clone()),
        _ => None,
    };
    let editable = shown.editable();
    let edit = (entry.clone(), draft.clone());
    let send = {
        let entry = entry.clone();
        let draft = draft.clone();
        move |_| {
            if complete(&draft) {
                missing.set(false);
                ctx.record(vec![EventBody::LogSubmitted { entry: entry.clone() }]);
            } else {
                missing.set(true);
            }
        }
    };
    let minutes = draft.minutes;
    view! {
        <article class="card entry" data-testid="entry" data-entry=entry.clone() data-status=shown.key()>
            <h3>{move || title.clone().unwrap_or_else(|| i18n.w(W::Untitled).to_owned())}</h3>
            <p class="meta">
                {move || form.map(|f| i18n.w(f))}
                {(!draft.date.is_empty()).then(|| view! { " · " {draft.date.clone()} })}
                {(minutes > 0).then(|| view! { " · " {minutes} " min" })}
            </p>
            <p class="standing" data-testid="entry-status">{status}</p>
            {note.map(|note| view! { <p class="note">{move || i18n.wf(W::Note, &[("note", &note)])}</p> })}
            <EvidenceList ids=draft.evidence.clone() received editable=false on_remove=Callback::new(|_: String| {})/>
            {editable.then(|| view! {
                <div class="actions">
                    <button type="button" class="button secondary" on:click=move |_| editing.set(Some(edit.clone()))>{move || i18n.w(W::Edit)}</button>
                    <button type="button" class="button primary" on:click=send.clone()>{move || i18n.w(W::Send)}</button>
                </div>
            })}
            {move || missing.get().then(|| view! { <p class="alert" role="alert">{move || i18n.w(W::SendMissing)}</p> })}
        </article>
    }
}

#[component]
fn Editor(entry: String, draft: LogDraft, received: Vec<String>, editing: RwSignal<Option<(String, LogDraft)>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let draft = RwSignal::new(draft);
    let save = {
        let entry = entry.clone();
        move || ctx.record(vec![draft.get_untracked().saved(&entry)])
    };
    let change = {
        let save = save.clone();
        move |edit: &dyn Fn(&mut LogDraft)| {
            draft.update(|d| edit(d));
            save();
        }
    };
    let refused = RwSignal::new(None::<String>);
    let preparing = RwSignal::new(false);
    let mb = (MAX_EVIDENCE_BYTES / (1024 * 1024)).to_string();
    let chosen = {
        let entry = entry.clone();
        let change = change.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            if draft.with_untracked(|d| d.evidence.len()) >= MAX_EVIDENCE_FILES {
                refused.set(Some(i18n.wf(W::EvidenceMax, &[("n", &MAX_EVIDENCE_FILES.to_string())])));
                return;
            }
            refused.set(None);
            preparing.set(true);
            let (entry, change) = (entry.clone(), change.clone());
            spawn_local(async move {
                let outcome = match evidence::take(file, &entry, false, i18n).await {
                    Ok(id) => {
                        change(&|d: &mut LogDraft| d.evidence.push(id.clone()));
                        ctx.refresh_held();
                        None
                    }
                    Err(why) => Some(why),
                };
                preparing.set(false);
                refused.set(outcome);
            });
        }
    };
    let remove = {
        let change = change.clone();
        Callback::new(move |id: String| {
            change(&|d: &mut LogDraft| d.evidence.retain(|e| *e != id));
            let id = id.clone();
            spawn_local(async move {
                let _ = evidence::forget(&id).await;
                ctx.refresh_held();
            });
        })
    };
    // Typing goes into the draft at once (so no later redraw puts back an older text); leaving the
    // field saves it.
    let text_field = {
        let save = save.clone();
        move |id: &'static str, label: W, get: fn(&LogDraft) -> String, set: fn(&mut LogDraft, String), long: bool| {
            let on_input = move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                draft.update(|d| set(d, value));
            };
            let save = save.clone();
            let on_change = move |_| save();
            let input = if long {
                view! { <textarea id=id rows="4" prop:value=move || draft.with(get) on:input=on_input on:change=on_change></textarea> }.into_any()
            } else {
                view! { <input id=id type="text" prop:value=move || draft.with(get) on:input=on_input on:change=on_change/> }.into_any()
            };
            view! { <label for=id>{move || i18n.w(label)}</label> {input} }
        }
    };
    let kinds = {
        let change = change.clone();
        LogForm::ALL
            .into_iter()
            .map(|form| {
                let change = change.clone();
                view! {
                    <label class="choice">
                        <input type="radio" name="log-form" value=form.key() prop:checked=move || draft.with(|d| d.form == form.key())
                            on:change=move |_| change(&|d: &mut LogDraft| d.form = form.key().to_owned())/>
                        <span>{move || i18n.w(form_words(form))}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let on_date = {
        let change = change.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            change(&move |d: &mut LogDraft| d.date = value.clone());
        }
    };
    let on_minutes = move |ev: leptos::ev::Event| {
        let minutes = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
        draft.update(|d| d.minutes = minutes);
    };
    let save_minutes = {
        let save = save.clone();
        move |_| save()
    };
    let title_field = text_field.clone()("log-title-field", W::What, |d| d.title.clone(), |d, v| d.title = v, false);
    let with_field = text_field.clone()("log-with", W::WithWhom, |d| d.with_whom.clone(), |d, v| d.with_whom = v, false);
    let learned_field = text_field("log-learned", W::Learned, |d| d.learned.clone(), |d, v| d.learned = v, true);
    let evidence_ids = move || draft.with(|d| d.evidence.clone());
    view! {
        <form class="card editor" data-testid="editor" on:submit=move |ev| { ev.prevent_default(); editing.set(None); }>
            <h3>{move || i18n.w(W::FormTitle)}</h3>
            <p class="muted">{move || i18n.w(W::FormSaved)}</p>
            <fieldset class="kinds">
                <legend>{move || i18n.w(W::FormKind)}</legend>
                {kinds}
            </fieldset>
            {title_field}
            {with_field}
            <label for="log-date">{move || i18n.w(W::Date)}</label>
            <input id="log-date" type="date" prop:value=move || draft.with(|d| d.date.clone()) on:change=on_date/>
            <label for="log-minutes">{move || i18n.w(W::Minutes)}</label>
            <input id="log-minutes" type="number" inputmode="numeric" min="1" max="6000"
                prop:value=move || draft.with(|d| if d.minutes > 0 { d.minutes.to_string() } else { String::new() }) on:input=on_minutes on:change=save_minutes/>
            <p class="muted" data-testid="jp-preview">{move || i18n.wf(W::JpPreview, &[("n", &jp_for_minutes(draft.with(|d| d.minutes)).to_string())])}</p>
            {learned_field}
            <fieldset class="evidence">
                <legend>{move || i18n.w(W::Evidence)}</legend>
                <p class="muted" data-testid="evidence-limit">{move || i18n.wf(W::EvidenceHelp, &[("mb", &mb), ("n", &MAX_EVIDENCE_FILES.to_string())])}</p>
                {move || {
                    let ids = evidence_ids();
                    view! { <EvidenceList ids received=received.clone() editable=true on_remove=remove/> }
                }}
                <input id="log-photo" class="file" type="file" accept="image/*" capture="environment" on:change=chosen.clone()/>
                <label for="log-photo" class="button secondary">{move || i18n.w(W::TakePhoto)}</label>
                <input id="log-file" class="file" type="file" accept="image/jpeg,image/png,application/pdf" on:change=chosen/>
                <label for="log-file" class="button secondary">{move || i18n.w(W::ChooseFile)}</label>
                {move || preparing.get().then(|| view! { <p role="status">{move || i18n.w(W::Preparing)}</p> })}
                {move || refused.get().map(|why| view! { <p class="alert" role="alert" data-testid="evidence-refused">{why}</p> })}
            </fieldset>
            <button type="submit" class="button primary">{move || i18n.w(W::Done)}</button>
        </form>
    }
}

/// Each evidence file of an entry and where it is: on this phone waiting, or with the server.
/// `gone_is_sent`: the server lists no files it holds (ideas), so one no longer waiting here was sent;
/// `name` words each file ("Bukti 1", "Gambar 1").
#[component]
pub fn EvidenceList(
    ids: Vec<String>,
    received: Vec<String>,
    editable: bool,
    on_remove: Callback<String>,
    #[prop(optional)] gone_is_sent: bool,
    #[prop(default = W::EvidenceName)] name: W,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    (!ids.is_empty()).then(|| {
        let items = ids
            .into_iter()
            .enumerate()
            .map(|(i, id)| {
                let sent = received.contains(&id);
                let here = id.clone();
                let state = move || {
                    let held = ctx.held.with(|h| h.iter().find(|h| h.id == here).map(|h| h.size));
                    match (held, sent) {
                        (_, true) => i18n.w(W::EvidenceSent).to_owned(),
                        (Some(size), false) => i18n.wf(W::EvidenceOnPhone, &[("kb", &format!("{:.0}", size / 1024.0))]),
                        (None, false) if gone_is_sent => i18n.w(W::EvidenceSent).to_owned(),
                        (None, false) => i18n.w(W::EvidenceMissing).to_owned(),
                    }
                };
                let gone = id.clone();
                view! {
                    <li data-testid="evidence" data-sent=sent.to_string()>
                        {move || i18n.wf(name, &[("n", &(i + 1).to_string())])} ": " {state}
                        {editable.then(|| view! { " " <button type="button" class="link" on:click=move |_| on_remove.run(gone.clone())>{move || i18n.w(W::Remove)}</button> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="evidence-list">{items}</ul> }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_goes_to_the_supervisor_only_when_it_says_what_when_and_how_long() {
        let mut d = LogDraft { form: "mentoring".into(), title: "Menulis rilis".into(), date: "2026-12-04".into(), minutes: 90, ..LogDraft::default() };
        assert!(complete(&d));
        d.minutes = 0;
        assert!(!complete(&d));
        d.minutes = 90;
        d.form = "nonsense".into();
        assert!(!complete(&d));
    }
}
