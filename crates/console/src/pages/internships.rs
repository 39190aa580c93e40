//! `/konsol/magang` (admins): internship placements at partners (docs/activities.md): who, at
//! which partner, where and when; a form records a new one. The person logs the internship on the
//! phone and their supervisor confirms its JP as for any other learning-log entry.

use crate::api;
use crate::app::{AdminOnly, use_ui};
use crate::format::date;
use crate::i18n::{Key, text, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::Nip;
use lentera_protocol::activity::{Internship, NewInternship};

#[component]
pub fn Internships() -> impl IntoView {
    let ui = use_ui();
    view! {
        <h1 class="page-title">{tr(Key::InternshipsTitle)}</h1>
        <Show when=move || ui.auth.is_admin() fallback=AdminOnly>
            <Placements/>
        </Show>
    }
}

#[component]
fn Placements() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(None::<Vec<Internship>>);
    let reload = move || spawn_local(async move { list.try_set(api::get::<Vec<Internship>>("/api/internships").await); });
    reload();
    let (nip, partner, place, start, end) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problem = RwSignal::new(None::<Key>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let fields = [nip.get_untracked(), partner.get_untracked(), place.get_untracked(), start.get_untracked(), end.get_untracked()].map(|f| f.trim().to_owned());
        if fields.iter().any(String::is_empty) {
            problem.set(Some(Key::NeedInternshipFields));
            return;
        }
        let Ok(parsed) = Nip::parse(&fields[0]) else {
            problem.set(Some(Key::NipInvalid));
            return;
        };
        problem.set(None);
        let [_, partner_name, place_text, start_date, end_date] = fields;
        let body = NewInternship { nip: parsed.to_string(), partner_name, partner_id: None, place: place_text, start_date, end_date };
        busy.set(true);
        spawn_local(async move {
            let made = api::json::<Internship>("POST", "/api/internships", api::body(&body)).await;
            busy.try_set(false);
            if made.is_some() {
                done.try_set(true);
                for field in [nip, partner, place, start, end] {
                    field.try_set(String::new());
                }
                reload();
            }
        });
    };
    let field = move |label: Key, value: RwSignal<String>, kind: &'static str| {
        view! {
            <label class="field">
                <span>{tr(label)}</span>
                <input type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || (problem.get().is_some() && value.with(|v| v.trim().is_empty())).then_some("true")/>
            </label>
        }
    };
    let table = move || {
        let lang = i18n.lang.get();
        let t = |key| text(lang, key);
        match list.get() {
            None => crate::app::loading().into_any(),
            Some(rows) if rows.is_empty() => view! { <p class="muted">{t(Key::NoInternships)}</p> }.into_any(),
            Some(rows) => {
                let body = rows.into_iter().map(|r| view! {
                    <tr>
                        <td class="name" data-label=t(Key::ColName)><a href=format!("/konsol/staf/{}", r.nip)>{r.name}</a> <span class="muted">{format!(" · {}", r.nip)}</span></td>
                        <td data-label=t(Key::InternshipPartner)>{r.partner_name}</td>
                        <td data-label=t(Key::InternshipPlace)>{r.place}</td>
                        <td data-label=t(Key::InternshipStart)>{date(lang, &r.start_date)}</td>
                        <td data-label=t(Key::InternshipEnd)>{date(lang, &r.end_date)}</td>
                    </tr>
                }).collect_view();
                view! {
                    <table class="list internships">
                        <thead><tr>
                            <th scope="col">{t(Key::ColName)}</th><th scope="col">{t(Key::InternshipPartner)}</th><th scope="col">{t(Key::InternshipPlace)}</th>
                            <th scope="col">{t(Key::InternshipStart)}</th><th scope="col">{t(Key::InternshipEnd)}</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                }.into_any()
            }
        }
    };
    view! {
        <p class="muted">{tr(Key::InternshipsIntro)}</p>
        <section class="card">{table}</section>
        <section class="card" aria-labelledby="new-internship">
            <h2 id="new-internship">{tr(Key::AddInternship)}</h2>
            <form on:submit=submit>
                {field(Key::NipLabel, nip, "text")}
                {field(Key::InternshipPartner, partner, "text")}
                {field(Key::InternshipPlace, place, "text")}
                {field(Key::InternshipStart, start, "date")}
                {field(Key::InternshipEnd, end, "date")}
                <p class="alert-text" role="status">{move || problem.get().map(|k| i18n.t(k))}</p>
                <p class="done" role="status">{move || done.get().then(|| i18n.t(Key::InternshipAdded))}</p>
                <div class="buttons"><button type="submit" disabled=move || busy.get()>{tr(Key::AddInternship)}</button></div>
            </form>
        </section>
    }
}
