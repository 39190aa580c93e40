//! Courses standing for whole units on `/konsol/tugas`: who joins the unit later gets them too,
//! until the due date; the supervisor can stop that.

use crate::api;
use crate::format::date;
use crate::i18n::{Key, Lang, fill, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::org::StandingView;

/// The list, or nothing while no unit has a standing course; `reload` fetches it again.
pub fn standing_list(items: Vec<StandingView>, lang: Lang, reload: impl Fn() + Copy + 'static) -> impl IntoView {
    let t = |key| text(lang, key);
    if items.is_empty() {
        return None;
    }
    let rows = items
        .into_iter()
        .map(|s| {
            let question = fill(t(Key::ConfirmStop), &[("title", &s.title), ("unit", &s.unit_name)]);
            let id = s.id;
            let stop = move |_| {
                let sure = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
                if sure {
                    spawn_local(async move {
                        if api::done("DELETE", &format!("/api/assignments/units/{id}"), api::Body::Empty).await {
                            reload();
                        }
                    });
                }
            };
            view! {
                <tr>
                    <td class="name" data-label=t(Key::ColUnit)>{s.unit_name}</td>
                    <td data-label=t(Key::ColCourse)>{s.title}</td>
                    <td data-label=t(Key::ColDue)>{date(lang, &s.due_date)}</td>
                    <td data-label=t(Key::ColAssignedBy)>{s.assigned_by}</td>
                    <td data-label=t(Key::ColStatus)>
                        {if s.active {
                            view! { <span class="badge ok-badge">{t(Key::StandingActive)}</span> }
                        } else {
                            view! { <span class="badge">{t(Key::StandingEnded)}</span> }
                        }}
                    </td>
                    <td><button type="button" class="small danger" on:click=stop>{t(Key::StopStanding)}</button></td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="card">
            <h2>{t(Key::StandingTitle)}</h2>
            <p class="muted">{t(Key::StandingHelp)}</p>
            <table class="list">
                <thead><tr>
                    <th scope="col">{t(Key::ColUnit)}</th><th scope="col">{t(Key::ColCourse)}</th>
                    <th scope="col">{t(Key::ColDue)}</th><th scope="col">{t(Key::ColAssignedBy)}</th>
                    <th scope="col">{t(Key::ColStatus)}</th>
                    <th scope="col"><span class="sr">{t(Key::StopStanding)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    })
}
