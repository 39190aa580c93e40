//! `/konsol/mitra` (admins): the partner organisations trainings are held with (universities,
//! companies, agencies), each with a short profile; added and edited here.

use crate::api;
use crate::app::AdminOnly;
use crate::i18n::{Key, text, tr, use_i18n};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::activity::Partner;

pub const KINDS: [(&str, Key); 3] = [("university", Key::KindUniversity), ("company", Key::KindCompany), ("agency", Key::KindAgency)];

fn kind_key(kind: &str) -> Key {
    KINDS.iter().find(|(k, _)| *k == kind).map_or(Key::KindAgency, |(_, key)| *key)
}

#[component]
pub fn Partners() -> impl IntoView {
    let auth = use_auth();
    view! {
        <h1 class="page-title">{tr(Key::PartnersTitle)}</h1>
        <Show when=move || auth.is_admin() fallback=AdminOnly>
            <PartnersAdmin/>
        </Show>
    }
}

#[component]
fn PartnersAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(None::<Vec<Partner>>);
    let reload = move || spawn_local(async move { list.try_set(api::get::<Vec<Partner>>("/api/partners").await); });
    reload();
    // `Some(None)`: a new partner; `Some(Some(p))`: editing p.
    let editing = RwSignal::new(None::<Option<Partner>>);
    let saved = RwSignal::new(None::<String>);
    let cards = move || {
        let lang = i18n.lang.get();
        list.get().map(|l| {
            if l.is_empty() {
                return view! { <p class="card muted">{text(lang, Key::NoPartners)}</p> }.into_any();
            }
            l.into_iter().map(|p| {
                let edit = p.clone();
                view! {
                    <article class="card partner">
                        <div class="fw-head">
                            <h2>{p.name.clone()}</h2>
                            <button type="button" class="small" on:click=move |_| { saved.set(None); editing.set(Some(Some(edit.clone()))); }>{text(lang, Key::Edit)}</button>
                        </div>
                        <p><span class="tag">{text(lang, kind_key(&p.kind))}</span></p>
                        <p>{p.profile.clone()}</p>
                        {p.website.clone().map(|w| { let shown = w.clone(); view! { <p><a href=w rel="noopener">{shown}</a></p> } })}
                    </article>
                }
            }).collect_view().into_any()
        })
    };
    view! {
        <p class="muted">{tr(Key::PartnersIntro)}</p>
        {move || saved.get().map(|s| view! { <p class="done" role="status">{s}</p> })}
        {move || match editing.get() {
            Some(current) => view! { <PartnerForm current=current editing=editing saved=saved reload=reload/> }.into_any(),
            None => view! { <p><button type="button" class="primary" on:click=move |_| { saved.set(None); editing.set(Some(None)); }>{tr(Key::AddPartner)}</button></p> }.into_any(),
        }}
        {move || cards().unwrap_or_else(|| crate::app::loading().into_any())}
    }
}

#[component]
fn PartnerForm(current: Option<Partner>, editing: RwSignal<Option<Option<Partner>>>, saved: RwSignal<Option<String>>, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let id = current.as_ref().map(|p| p.id);
    let name = RwSignal::new(current.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let kind = RwSignal::new(current.as_ref().map_or_else(|| "university".to_owned(), |p| p.kind.clone()));
    let profile = RwSignal::new(current.as_ref().map(|p| p.profile.clone()).unwrap_or_default());
    let website = RwSignal::new(current.as_ref().and_then(|p| p.website.clone()).unwrap_or_default());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let w = website.get_untracked().trim().to_owned();
        let body = Partner { id: id.unwrap_or(0), name: name.get_untracked(), kind: kind.get_untracked(), profile: profile.get_untracked(), website: (!w.is_empty()).then_some(w) };
        busy.set(true);
        spawn_local(async move {
            let answer = match id {
                Some(id) => api::json::<Partner>("PUT", &format!("/api/partners/{id}"), api::body(&body)).await,
                None => api::json::<Partner>("POST", "/api/partners", api::body(&body)).await,
            };
            busy.try_set(false);
            if let Some(p) = answer {
                saved.try_set(Some(i18n.fill(Key::PartnerSaved, &[("name", &p.name)])));
                editing.try_set(None);
                reload();
            }
        });
    };
    view! {
        <form class="card form" on:submit=submit>
            <label for="pt-name">{tr(Key::PartnerName)}</label>
            <input id="pt-name" required maxlength="200" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="pt-kind">{tr(Key::PartnerKind)}</label>
            <select id="pt-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                {KINDS.into_iter().map(|(k, key)| view! { <option value=k selected=move || kind.get() == k>{tr(key)}</option> }).collect_view()}
            </select>
            <label for="pt-profile">{tr(Key::PartnerProfile)}</label>
            <textarea id="pt-profile" maxlength="1000" rows="3" prop:value=move || profile.get() on:input=move |ev| profile.set(event_target_value(&ev))></textarea>
            <label for="pt-website">{tr(Key::PartnerWebsite)}</label>
            <input id="pt-website" type="url" placeholder="https://" prop:value=move || website.get() on:input=move |ev| website.set(event_target_value(&ev))/>
            <div class="buttons">
                <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <button type="button" on:click=move |_| editing.set(None)>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}
