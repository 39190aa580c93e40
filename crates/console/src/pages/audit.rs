//! `/konsol/log`: the change log, for admins: who changed what and when, newest first.

use crate::api;
use crate::format::date_time;
use crate::i18n::{Key, Lang, text, tr, use_i18n};
use crate::pages::person::local_parts;
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::account::{AuditEntry, AuditLog};

fn action_key(action: &str) -> Option<Key> {
    Some(match action {
        "import" => Key::ActImport,
        "unit_create" => Key::ActUnitCreate,
        "unit_update" => Key::ActUnitUpdate,
        "assign" => Key::ActAssign,
        "unassign" => Key::ActUnassign,
        "standing_stop" => Key::ActStandingStop,
        "access_reset" => Key::ActReset,
        "supervisor_appoint" => Key::ActSupervisor,
        "admin_create" => Key::ActAdminCreate,
        "competency_update" => Key::ActCompetencyUpdate,
        "requirements_import" => Key::ActRequirementsImport,
        "training_create" => Key::ActTrainingCreate,
        "training_update" => Key::ActTrainingUpdate,
        "training_attendance" => Key::ActTrainingAttendance,
        "partner_create" => Key::ActPartnerCreate,
        "partner_update" => Key::ActPartnerUpdate,
        "log_confirm" => Key::ActLogConfirm,
        "log_return" => Key::ActLogReturn,
        "internship_add" => Key::ActInternshipAdd,
        "skm_record" => Key::ActSkmRecord,
        "skm_delete" => Key::ActSkmDelete,
        "skm_import" => Key::ActSkmImport,
        "action_plan_follow_up" => Key::ActActionPlanFollowUp,
        _ => return None,
    })
}

#[component]
pub fn Audit() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let log = RwSignal::new(None::<Vec<AuditEntry>>);
    Effect::new(move || {
        if auth.is_admin() {
            spawn_local(async move {
                log.try_set(api::get::<AuditLog>("/api/admin/audit").await.map(|l| l.entries));
            });
        }
    });
    view! {
        <h1 class="page-title">{tr(Key::AuditTitle)}</h1>
        <Show when=move || auth.is_admin() fallback=|| view! { <crate::app::AdminOnly/> }>
            <p class="muted">{tr(Key::AuditIntro)}</p>
            {move || match log.get() {
                None => crate::app::loading().into_any(),
                Some(entries) => table(&entries, i18n.lang.get()).into_any(),
            }}
        </Show>
    }
}

fn table(entries: &[AuditEntry], lang: Lang) -> impl IntoView + use<> {
    let t = |key| text(lang, key);
    if entries.is_empty() {
        return view! { <p class="card muted">{t(Key::NoAudit)}</p> }.into_any();
    }
    let rows = entries
        .iter()
        .map(|e| {
            let action = action_key(&e.action).map_or_else(|| e.action.clone(), |k| t(k).to_owned());
            view! {
                <tr>
                    <td data-label=t(Key::ColWhen)><time>{date_time(lang, local_parts(e.at_ms))}</time></td>
                    <td class="name" data-label=t(Key::ColWho)>{e.actor_name.clone()} <span class="muted">{format!(" {}", e.actor_nip)}</span></td>
                    <td data-label=t(Key::ColAction)>{action}</td>
                    <td data-label=t(Key::ColTarget)>{e.target.clone()}</td>
                    <td data-label=t(Key::ColDetail)>{e.detail.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <table class="list">
                <thead><tr>
                    <th scope="col">{t(Key::ColWhen)}</th><th scope="col">{t(Key::ColWho)}</th>
                    <th scope="col">{t(Key::ColAction)}</th><th scope="col">{t(Key::ColTarget)}</th>
                    <th scope="col">{t(Key::ColDetail)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}
