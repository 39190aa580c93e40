//! The idea form: title, the five sections with a line of help each, images and team members. Every
//! field left saves the whole draft as an `idea_saved` event, so days of writing offline survive
//! closing the app; nothing goes to the supervisor until "Kirim ke atasan".

use super::evidence;
use super::ideas::rubric;
use super::log::EvidenceList;
use super::text::{W, Words};
use super::use_ctx;
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::NipError;
use lentera_protocol::activity::MAX_EVIDENCE_BYTES;
use lentera_protocol::idea::{IdeaRound, MAX_IMAGES, MAX_TEAM, SECTIONS};
use lentera_protocol::idea_draft::{IdeaDraft, MAX_FIELD_CHARS, TeamRefusal, room_for_image, team_member};
use wasm_bindgen::JsCast;

/// The label and help line of section `i` of `SECTIONS`.
fn section_words(i: usize) -> (W, W) {
    [
        (W::SecProblem, W::SecProblemHelp),
        (W::SecBeneficiaries, W::SecBeneficiariesHelp),
        (W::SecIdea, W::SecIdeaHelp),
        (W::SecMeasure, W::SecMeasureHelp),
        (W::SecCost, W::SecCostHelp),
    ][i]
}

/// Why a typed co-author was not added, in the learner's words.
fn refusal_words(i18n: I18n, refusal: &TeamRefusal) -> String {
    match refusal {
        TeamRefusal::Nip(NipError::Length(n)) => i18n.wf(W::NipLength, &[("n", &n.to_string())]),
        TeamRefusal::Nip(NipError::NotDigits) => i18n.w(W::NipDigits).to_owned(),
        TeamRefusal::Nip(NipError::BirthDate(part)) => i18n.wf(W::NipBirth, &[("part", part)]),
        TeamRefusal::Nip(NipError::AppointmentMonth(part)) => i18n.wf(W::NipAppointed, &[("part", part)]),
        TeamRefusal::Nip(NipError::AppointedBeforeBirth { appointment, .. }) => i18n.wf(W::NipBeforeBirth, &[("part", appointment)]),
        TeamRefusal::Nip(NipError::Gender(c)) => i18n.wf(W::NipGender, &[("part", &c.to_string())]),
        TeamRefusal::Nip(NipError::Sequence) => i18n.w(W::NipSequence).to_owned(),
        TeamRefusal::Own => i18n.w(W::TeamOwn).to_owned(),
        TeamRefusal::Already => i18n.w(W::TeamAlready).to_owned(),
        TeamRefusal::Full => i18n.wf(W::TeamFull, &[("n", &MAX_TEAM.to_string())]),
    }
}

#[component]
pub fn IdeaForm(entry: String, draft: IdeaDraft, round: Option<IdeaRound>, editing: RwSignal<Option<(String, IdeaDraft)>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let account = crate::account::use_account();
    let draft = RwSignal::new(draft);
    let save = {
        let entry = entry.clone();
        move || ctx.record(vec![draft.get_untracked().saved(&entry)])
    };
    let change = {
        let save = save.clone();
        move |edit: &dyn Fn(&mut IdeaDraft)| {
            draft.update(|d| edit(d));
            save();
        }
    };
    let max = MAX_FIELD_CHARS.to_string();
    // Typing goes into the draft at once (so no later redraw puts back an older text); leaving the
    // field saves it.
    let on_change = {
        let save = save.clone();
        move |_| save()
    };
    let title = {
        let on_change = on_change.clone();
        view! {
            <label for="idea-title">{move || i18n.w(W::IdeaTitle)}</label>
            <input id="idea-title" type="text" maxlength="200" prop:value=move || draft.with(|d| d.title.clone())
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.title = v); } on:change=on_change/>
        }
    };
    let sections = (0..SECTIONS.len())
        .map(|i| {
            let (label, help) = section_words(i);
            let id = format!("idea-{}", SECTIONS[i].0);
            let help_id = format!("{id}-help");
            let on_change = on_change.clone();
            view! {
                <label for=id.clone()>{move || i18n.w(label)}</label>
                <p class="muted help" id=help_id.clone()>{move || i18n.w(help)}</p>
                <textarea id=id rows="4" maxlength=max.clone() aria-describedby=help_id
                    prop:value=move || draft.with(|d| d.items.get(i).cloned().unwrap_or_default())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(t) = d.items.get_mut(i) { *t = v; }); }
                    on:change=on_change></textarea>
            }
        })
        .collect_view();

    // Images: kept on the phone like the learning log's evidence, sent after a sync.
    let refused = RwSignal::new(None::<String>);
    let preparing = RwSignal::new(false);
    let chosen = {
        let entry = entry.clone();
        let change = change.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            if !draft.with_untracked(room_for_image) {
                refused.set(Some(i18n.wf(W::ImageMax, &[("n", &MAX_IMAGES.to_string())])));
                return;
            }
            refused.set(None);
            preparing.set(true);
            let (entry, change) = (entry.clone(), change.clone());
            spawn_local(async move {
                let outcome = match evidence::take(file, &entry, true, i18n).await {
                    Ok(id) => {
                        change(&|d: &mut IdeaDraft| d.evidence.push(id.clone()));
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
    let remove_image = {
        let change = change.clone();
        Callback::new(move |id: String| {
            change(&|d: &mut IdeaDraft| d.evidence.retain(|e| *e != id));
            let id = id.clone();
            spawn_local(async move {
                let _ = evidence::forget(&id).await;
                ctx.refresh_held();
            });
        })
    };
    let mb = (MAX_EVIDENCE_BYTES / (1024 * 1024)).to_string();

    // Team members by NIP, checked here as the server checks them.
    let typed = RwSignal::new(String::new());
    let team_refused = RwSignal::new(None::<String>);
    let add_member = {
        let change = change.clone();
        move || {
            let own = account.session.with_untracked(|s| s.as_ref().map(|s| s.account.nip.to_string())).unwrap_or_default();
            match team_member(&typed.get_untracked(), &own, &draft.with_untracked(|d| d.team.clone())) {
                Ok(nip) => {
                    change(&|d: &mut IdeaDraft| d.team.push(nip.clone()));
                    typed.set(String::new());
                    team_refused.set(None);
                }
                Err(refusal) => team_refused.set(Some(refusal_words(i18n, &refusal))),
            }
        }
    };
    let remove_member = {
        let change = change.clone();
        move |nip: String| change(&|d: &mut IdeaDraft| d.team.retain(|t| *t != nip))
    };
    let members = move || {
        let remove_member = remove_member.clone();
        draft
            .with(|d| d.team.clone())
            .into_iter()
            .map(|nip| {
                let gone = nip.clone();
                let remove_member = remove_member.clone();
                view! {
                    <li data-testid="team-member">
                        {nip} " "
                        <button type="button" class="link" on:click=move |_| remove_member(gone.clone())>{move || i18n.w(W::Remove)}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let theme = round.as_ref().map(|r| r.theme.clone());
    let rules = round.as_ref().map(|r| rubric(i18n, r));
    let add_click = add_member.clone();
    view! {
        <form class="card editor" data-testid="idea-editor" on:submit=move |ev| { ev.prevent_default(); editing.set(None); }>
            <h3>{move || i18n.w(W::IdeaForm)}</h3>
            {theme.map(|theme| view! { <p class="meta">{move || i18n.wf(W::IdeaRound, &[("theme", &theme)])}</p> })}
            {rules}
            <p class="muted">{move || i18n.w(W::FormSaved)}</p>
            {title}
            {sections}
            <fieldset class="evidence">
                <legend>{move || i18n.w(W::IdeaImages)}</legend>
                <p class="muted" data-testid="image-limit">{move || i18n.wf(W::IdeaImagesHelp, &[("mb", &mb), ("n", &MAX_IMAGES.to_string())])}</p>
                {move || {
                    let ids = draft.with(|d| d.evidence.clone());
                    view! { <EvidenceList ids received=Vec::new() editable=true on_remove=remove_image gone_is_sent=true name=W::ImageName/> }
                }}
                <input id="idea-photo" class="file" type="file" accept="image/*" capture="environment" on:change=chosen.clone()/>
                <label for="idea-photo" class="button secondary">{move || i18n.w(W::TakePhoto)}</label>
                <input id="idea-file" class="file" type="file" accept="image/jpeg,image/png" on:change=chosen/>
                <label for="idea-file" class="button secondary">{move || i18n.w(W::ChoosePicture)}</label>
                {move || preparing.get().then(|| view! { <p role="status">{move || i18n.w(W::Preparing)}</p> })}
                {move || refused.get().map(|why| view! { <p class="alert" role="alert" data-testid="image-refused">{why}</p> })}
            </fieldset>
            <fieldset class="team">
                <legend>{move || i18n.w(W::Team)}</legend>
                <p class="muted" id="idea-team-help">{move || i18n.wf(W::TeamHelp, &[("n", &MAX_TEAM.to_string())])}</p>
                <ul class="evidence-list">{members}</ul>
                <label for="idea-team-nip">{move || i18n.w(W::TeamNip)}</label>
                <div class="team-add">
                    <input id="idea-team-nip" type="text" inputmode="numeric" autocomplete="off" maxlength="24" aria-describedby="idea-team-help"
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); add_member(); }/>
                    <button type="button" class="button secondary" on:click=move |_| add_click()>{move || i18n.w(W::TeamAdd)}</button>
                </div>
                {move || team_refused.get().map(|why| view! { <p class="alert" role="alert" data-testid="team-refused">{why}</p> })}
            </fieldset>
            <button type="submit" class="button primary">{move || i18n.w(W::Done)}</button>
        </form>
    }
}
