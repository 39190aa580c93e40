//! `/konsol/impor` (admins): check a staff CSV, import it when clean, and hand over the new
//! accounts' activation codes once.

use crate::api;
use crate::app::{AdminOnly, use_ui};
use crate::download::save_csv;
use crate::format::import_column;
use crate::i18n::{I18n, Key, tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::org::{ImportChange, ImportPreview, ImportResult};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const COLUMNS: [(&str, Key); 7] = [
    ("nip", Key::ImportColNip),
    ("nama", Key::ImportColName),
    ("jabatan", Key::ImportColPosition),
    ("kode_unit", Key::ImportColUnit),
    ("nip_atasan", Key::ImportColSupervisor),
    ("email", Key::ImportColEmail),
    ("jenis_pegawai", Key::ImportColEmployment),
];

#[component]
pub fn Import() -> impl IntoView {
    let ui = use_ui();
    view! {
        <h1 class="page-title">{tr(Key::ImportTitle)}</h1>
        <Show when=move || ui.auth.is_admin() fallback=AdminOnly>
            <ImportAdmin/>
        </Show>
    }
}

/// The chosen file's bytes, read with `File.arrayBuffer()`.
async fn read_file(input: web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}

#[component]
fn ImportAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let file = RwSignal::new(None::<(String, Vec<u8>)>);
    let preview = RwSignal::new(None::<ImportPreview>);
    let result = RwSignal::new(None::<ImportResult>);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Key>);

    let choose = move |ev: leptos::ev::Event| {
        preview.set(None);
        result.set(None);
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        spawn_local(async move { file.try_set(read_file(input).await); });
    };
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        result.set(None);
        let Some((_, bytes)) = file.get_untracked() else { return problem.set(Some(Key::ChooseFileFirst)) };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let answer = api::json::<ImportPreview>("POST", "/api/admin/import/preview", api::Body::Csv(&bytes)).await;
            busy.try_set(false);
            preview.try_set(answer);
        });
    };
    let import = move |_| {
        let Some((_, bytes)) = file.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            let answer = api::json::<ImportResult>("POST", "/api/admin/import", api::Body::Csv(&bytes)).await;
            busy.try_set(false);
            if answer.is_some() {
                preview.try_set(None);
                result.try_set(answer);
            }
        });
    };

    view! {
        <section class="card">
            <p>{tr(Key::ImportIntro)}</p>
            <ol class="columns">
                {COLUMNS.into_iter().map(|(name, key)| view! { <li><code>{name}</code> " — " {tr(key)}</li> }).collect_view()}
            </ol>
            <p class="muted">{tr(Key::ImportFormat)}</p>
            <pre class="sample">"nip,nama,jabatan,kode_unit,nip_atasan,email,jenis_pegawai\n198503122010012002,Sri Wahyuni,Analis Kebijakan,SBG-KOMINFO,197906182005011003,,PNS"</pre>
            <form class="form" on:submit=check>
                <label for="file">{tr(Key::ChooseFile)}</label>
                <input id="file" type="file" accept=".csv,text/csv" on:change=choose/>
                {move || problem.get().map(|k| view! { <p class="alert">{tr(k)}</p> })}
                <button class="primary" type="submit" disabled=move || busy.get()>{tr(Key::CheckFile)}</button>
            </form>
        </section>
        {move || preview.get().map(|p| preview_view(p, i18n, busy, import))}
        {move || result.get().map(|r| result_view(r, i18n))}
    }
}

fn changes(list: Vec<ImportChange>, i18n: I18n, show_fields: bool) -> impl IntoView {
    list.into_iter()
        .map(|c| {
            let fields = c.fields.iter().map(|f| import_column(f)).collect::<Vec<_>>().join(", ");
            let note = (show_fields && !fields.is_empty()).then(|| i18n.fill(Key::ChangedFields, &[("fields", &fields)]));
            view! {
                <li>
                    <strong>{c.name}</strong> " " <span class="sub">{format!("{} · {}", c.nip, c.unit_code)}</span>
                    {note.map(|n| view! { <span class="sub">{n}</span> })}
                </li>
            }
        })
        .collect_view()
}

fn preview_view(p: ImportPreview, i18n: I18n, busy: RwSignal<bool>, import: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let clean = p.errors.is_empty();
    let (added, changed) = (p.added.len(), p.changed.len());
    view! {
        <section class="card">
            <p>{i18n.n(Key::RowsRead, p.rows)}</p>
            {if clean {
                view! {
                    <h2>{i18n.n(Key::AddedTitle, added)}</h2>
                    <ul class="changes">{changes(p.added, i18n, false)}</ul>
                    <h2>{i18n.n(Key::ChangedTitle, changed)}</h2>
                    <ul class="changes">{changes(p.changed, i18n, true)}</ul>
                    {(!p.unit_courses.is_empty()).then(|| {
                        let lang = i18n.lang.get_untracked();
                        view! {
                            <h2>{tr(Key::UnitCoursesTitle)}</h2>
                            <ul class="changes">
                                {p.unit_courses.into_iter().map(|c| view! {
                                    <li>{i18n.fill(Key::UnitCourseLine, &[
                                        ("title", &c.title), ("n", &c.people.to_string()), ("date", &crate::format::date(lang, &c.due_date)),
                                    ])}</li>
                                }).collect_view()}
                            </ul>
                        }
                    })}
                    <p class="muted">{i18n.n(Key::Unchanged, p.unchanged)}</p>
                    <button type="button" class="primary" disabled=move || busy.get() on:click=import>{tr(Key::ImportNow)}</button>
                }.into_any()
            } else {
                view! {
                    <h2 class="alert-text">{i18n.n(Key::ErrorsTitle, p.errors.len())}</h2>
                    <ul class="errors">
                        {p.errors.into_iter().map(|e| view! {
                            <li>{i18n.fill(Key::LineError, &[("line", &e.line.to_string()), ("message", &e.message)])}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn result_view(r: ImportResult, i18n: I18n) -> impl IntoView {
    let done = i18n.fill(Key::ImportDone, &[
        ("added", &r.added.to_string()),
        ("changed", &r.changed.to_string()),
        ("unchanged", &r.unchanged.to_string()),
    ]);
    let csv = r.activation_csv;
    view! {
        <section class="card">
            <p class="done" role="status">{done}</p>
            {if r.added == 0 {
                view! { <p class="muted">{tr(Key::NoNewAccounts)}</p> }.into_any()
            } else {
                view! {
                    <p class="warning"><strong>"⚠ "</strong>{tr(Key::CodesWarning)}</p>
                    <button type="button" class="primary" on:click=move |_| { save_csv(&csv, "lentera-kode-aktivasi.csv"); }>
                        {tr(Key::DownloadCodes)}
                    </button>
                }.into_any()
            }}
        </section>
    }
}
