//! Pelatihan: the webinars and workshops inviting the learner's unit, as last fetched; register
//! and cancel (events, offline too), the calendar file, a reminder, check-in by code or QR, and
//! after the end the recording and materials.

use super::text::{W, Words};
use super::wib::Wib;
use super::use_ctx;
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lentera_protocol::EventBody;
use lentera_protocol::activity::{CODE_ALPHABET, CODE_LEN, MyTraining, Registration, TrainingForm, normalise_code};

/// Check-in opens this long before the start and stays open this long after the end.
const GRACE_MS: i64 = 30 * 60_000;
/// A registered training this close to its start is named at the top of the page.
const REMIND_MS: i64 = 24 * 3_600_000;

/// Where one training stands for this learner, the phone's unsent word first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    None,
    RegisterWaiting,
    CancelWaiting,
    Confirmed,
    Full,
    Cancelled,
}

impl Standing {
    fn of(t: &MyTraining, unsent: &[EventBody]) -> Standing {
        let id = t.training.id.to_string();
        let newest_unsent = unsent.iter().rev().find_map(|b| match b {
            EventBody::TrainingRegistered { training } if *training == id => Some(true),
            EventBody::TrainingCancelled { training } if *training == id => Some(false),
            _ => None,
        });
        match (newest_unsent, t.registration.as_ref()) {
            (Some(true), _) => Standing::RegisterWaiting,
            (Some(false), _) => Standing::CancelWaiting,
            (None, Some(Registration::Confirmed)) => Standing::Confirmed,
            (None, Some(Registration::Full)) => Standing::Full,
            (None, Some(Registration::Cancelled)) => Standing::Cancelled,
            (None, None) => Standing::None,
        }
    }

    /// Counts as registered for the reminder and the register/cancel button.
    fn registered(self) -> bool {
        matches!(self, Standing::RegisterWaiting | Standing::Confirmed | Standing::Full)
    }

    fn words(self) -> W {
        match self {
            Standing::None => W::NotRegistered,
            Standing::RegisterWaiting => W::RegisterWaiting,
            Standing::CancelWaiting => W::CancelWaiting,
            Standing::Confirmed => W::Registered,
            Standing::Full => W::Full,
            Standing::Cancelled => W::Cancelled,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Standing::None => "none",
            Standing::RegisterWaiting => "register-waiting",
            Standing::CancelWaiting => "cancel-waiting",
            Standing::Confirmed => "confirmed",
            Standing::Full => "full",
            Standing::Cancelled => "cancelled",
        }
    }
}

/// "Sen, 7 Des 2026, 09.00–11.00 WIB" (the end's date too when it is another day).
fn when(i18n: I18n, start_ms: i64, end_ms: i64) -> String {
    let lang = i18n.lang.get();
    let (start, end) = (Wib::of(start_ms), Wib::of(end_ms));
    let end_words = if (start.year, start.month, start.day) == (end.year, end.month, end.day) { end.time(lang) } else { format!("{} {}", end.date(lang), end.time(lang)) };
    i18n.wf(W::When, &[("day", &start.date(lang)), ("start", &start.time(lang)), ("end", &end_words)])
}

/// A typed code as the event carries it, or `None` when it cannot be a check-in code.
pub fn valid_code(typed: &str) -> Option<String> {
    let code = normalise_code(typed);
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

#[component]
pub fn Trainings() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let list = move || ctx.trainings.with(|t| t.as_ref().map(|t| t.value.trainings.clone()));
    let now = move || ctx.status.now_ms.get().max(crate::device::now_ms());
    let reminder = move || {
        let list = list()?;
        let now = now();
        let unsent = ctx.unsent.get();
        list.into_iter()
            .filter(|t| Standing::of(t, &unsent).registered() && t.training.end_ms > now && t.training.start_ms - now <= REMIND_MS)
            .min_by_key(|t| t.training.start_ms)
            .map(|t| {
                let words = if t.training.start_ms <= now {
                    i18n.wf(W::ReminderNow, &[("title", &t.training.title)])
                } else {
                    i18n.wf(W::ReminderSoon, &[("title", &t.training.title), ("when", &when(i18n, t.training.start_ms, t.training.end_ms))])
                };
                view! { <p class="reminder" role="status" data-testid="reminder">{words}</p> }
            })
    };
    let body = move || {
        let Some(list) = list() else {
            return if ctx.read.get() && !ctx.status.syncing.get() {
                view! { <p class="alert" data-testid="never-loaded">{move || i18n.w(W::NeverLoaded)}</p> }.into_any()
            } else {
                super::loading(i18n)
            };
        };
        if list.is_empty() {
            return view! { <p class="muted">{move || i18n.w(W::NoTrainings)}</p> }.into_any();
        }
        let now = now();
        let (past, upcoming): (Vec<_>, Vec<_>) = list.into_iter().partition(|t| t.training.end_ms + GRACE_MS < now);
        let mut upcoming = upcoming;
        upcoming.sort_by_key(|t| t.training.start_ms);
        let mut past = past;
        past.sort_by_key(|t| std::cmp::Reverse(t.training.start_ms));
        let section = move |title: W, items: Vec<MyTraining>| {
            (!items.is_empty()).then(|| {
                view! {
                    <h2>{move || i18n.w(title)}</h2>
                    <ul class="trainings">
                        {items.into_iter().map(|t| view! { <li><Card t/></li> }).collect_view()}
                    </ul>
                }
            })
        };
        view! { {section(W::Upcoming, upcoming)} {section(W::Past, past)} }.into_any()
    };
    view! {
        <section aria-labelledby="trainings-title" data-testid="trainings">
            <h2 id="trainings-title" class="sr">{move || i18n.w(W::TabTrainings)}</h2>
            {reminder}
            <p class="muted" data-testid="freshness">{move || super::freshness(i18n, ctx, ctx.trainings.with(|t| t.as_ref().map(|t| t.at_ms)))}</p>
            {body}
        </section>
    }
}

#[component]
fn Card(t: MyTraining) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let id = t.training.id.to_string();
    let training = t.training.clone();
    let standing = {
        let t = t.clone();
        Memo::new(move |_| ctx.unsent.with(|u| Standing::of(&t, u)))
    };
    let form = match training.form {
        TrainingForm::Webinar => W::Webinar,
        TrainingForm::Workshop => W::Workshop,
    };
    let partner = t.partner.as_ref().map(|p| p.name.clone());
    let seats = training.capacity.map(|cap| (cap.saturating_sub(t.taken), cap));
    let seats_words = move || match seats {
        Some((0, _)) => i18n.w(W::NoSeats).to_owned(),
        Some((left, cap)) => i18n.wf(W::SeatsLeft, &[("n", &left.to_string()), ("m", &cap.to_string())]),
        None => i18n.w(W::AnySeats).to_owned(),
    };
    let (start_ms, end_ms) = (training.start_ms, training.end_ms);
    let now = move || ctx.status.now_ms.get().max(crate::device::now_ms());
    let ended = move || now() > end_ms;
    let check_in_open = move || now() >= start_ms - GRACE_MS && now() <= end_ms + GRACE_MS;
    let toggle = {
        let id = id.clone();
        move |_| {
            let training = id.clone();
            let body = if standing.get_untracked().registered() { EventBody::TrainingCancelled { training } } else { EventBody::TrainingRegistered { training } };
            ctx.record(vec![body]);
        }
    };
    let title = training.title.clone();
    let after = (!training.materials.is_empty() || training.recording.is_some()).then(|| {
        let recording = training.recording.clone();
        let materials = training.materials.clone();
        move || {
            ended().then(|| {
                let recording = recording.clone().map(|href| view! { <li><a href=href rel="noopener" target="_blank">{move || i18n.w(W::Recording)}</a></li> });
                let materials = materials
                    .clone()
                    .into_iter()
                    .enumerate()
                    .map(|(i, href)| view! { <li><a href=href rel="noopener" target="_blank">{move || i18n.wf(W::Materials, &[("n", &(i + 1).to_string())])}</a></li> })
                    .collect_view();
                view! { <ul class="after" data-testid="after">{recording}{materials}</ul> }
            })
        }
    });
    let credited = t.credited_jp.map(|jp| view! { <p class="credited" data-testid="credited">{move || i18n.wf(W::Credited, &[("n", &jp.to_string())])}</p> });
    let link = training.link.clone().map(|href| view! { <p><a href=href rel="noopener" target="_blank">{move || i18n.w(W::OnlineLink)}</a></p> });
    let place = training.place.clone().map(|place| view! { <p>{move || i18n.wf(W::Place, &[("place", &place)])}</p> });
    let calendar_id = id.clone();
    let check_id = id.clone();
    view! {
        <article class="card training" data-testid="training" data-id=id.clone() data-standing=move || standing.get().key()>
            <h3>{title}</h3>
            <p class="meta">
                {move || i18n.w(form)}
                {partner.map(|name| view! { " · " {move || i18n.wf(W::ByPartner, &[("name", &name)])} })}
                " · " {move || i18n.wf(W::Jp, &[("n", &training.jp.to_string())])}
            </p>
            <p>{move || when(i18n, start_ms, end_ms)}</p>
            {place}
            {link}
            <p class="muted">{seats_words}</p>
            <p class="standing" data-testid="standing">{move || i18n.w(standing.get().words())}</p>
            {credited}
            <div class="actions">
                <Show when=move || !ended()>
                    <button type="button" class=move || if standing.get().registered() { "button secondary" } else { "button primary" } on:click=toggle.clone()>
                        {move || if standing.get().registered() { i18n.w(W::Cancel) } else { i18n.w(W::Register) }}
                    </button>
                    <Calendar id=calendar_id.clone()/>
                </Show>
            </div>
            <Show when=check_in_open>
                <CheckIn id=check_id.clone()/>
            </Show>
            {after}
        </article>
    }
}

/// "Tambah ke kalender": the `.ics` fetched with the session (only online) and handed to the
/// browser as a download.
#[component]
fn Calendar(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let failed = RwSignal::new(None::<String>);
    let download = move |_| {
        let id = id.clone();
        spawn_local(async move {
            let account = crate::account::use_account();
            let Some(Ok(services)) = ctx.services.get_untracked() else { return };
            let got = crate::sync::lock::exclusive(async move {
                let session = account.stored(&services.store).await.ok().flatten().ok_or_else(|| "no session".to_owned())?;
                save_calendar(&session.token, &id).await
            })
            .await;
            failed.set(match got {
                Some(Ok(())) => None,
                Some(Err(why)) => Some(why),
                None => Some("sync".into()),
            });
        });
    };
    view! {
        {move || if ctx.online() {
            view! { <button type="button" class="button secondary" on:click=download.clone()>{move || i18n.w(W::Calendar)}</button> }.into_any()
        } else {
            view! { <p class="muted" data-testid="calendar-offline">{move || i18n.w(W::CalendarOffline)}</p> }.into_any()
        }}
        {move || failed.get().map(|why| view! { <p class="alert" role="alert">{i18n.wf(W::CalendarFailed, &[("why", &why)])}</p> })}
    }
}

async fn save_calendar(token: &str, id: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let why = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| "?".into());
    let window = web_sys::window().ok_or("no window")?;
    let headers = web_sys::Headers::new().map_err(why)?;
    headers.set("Authorization", &format!("Bearer {token}")).map_err(why)?;
    let init = web_sys::RequestInit::new();
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&format!("/api/trainings/{id}/calendar.ics"), &init))
        .await
        .map_err(|_| "offline".to_owned())?
        .dyn_into()
        .map_err(why)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let blob: web_sys::Blob = JsFuture::from(response.blob().map_err(why)?).await.map_err(why)?.dyn_into().map_err(why)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(why)?;
    let document = window.document().ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(why)?.dyn_into().map_err(|_| "a".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(&format!("pelatihan-{id}.ics"));
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// "Saya hadir": the code typed (or scanned), recorded as a `checked_in` event on the phone; the
/// server judges it when the phone syncs.
#[component]
fn CheckIn(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_ctx();
    let typed = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let field = format!("code-{id}");
    let typed_codes = {
        let id = id.clone();
        move || ctx.activities().check_ins.get(&id).cloned().unwrap_or_default()
    };
    let submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match valid_code(&typed.get_untracked()) {
                Some(code) => {
                    wrong.set(false);
                    typed.set(String::new());
                    ctx.record(vec![EventBody::CheckedIn { training: id.clone(), code }]);
                }
                None => wrong.set(true),
            }
        }
    };
    let scanner = super::scan::available().then(|| view! { <super::scan::Scan found=typed/> });
    view! {
        <form class="checkin" data-testid="checkin" on:submit=submit>
            <h4>{move || i18n.w(W::CheckIn)}</h4>
            <p class="muted">{move || i18n.wf(W::CheckInHelp, &[("n", &CODE_LEN.to_string())])}</p>
            <label for=field.clone()>{move || i18n.w(W::CodeLabel)}</label>
            <input id=field.clone() type="text" inputmode="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="12"
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                aria-invalid=move || wrong.get().to_string()/>
            {move || wrong.get().then(|| view! { <p class="alert" role="alert">{i18n.wf(W::CodeWrong, &[("n", &CODE_LEN.to_string())])}</p> })}
            <div class="actions">
                <button type="submit" class="button primary">{move || i18n.w(W::Present)}</button>
                {scanner}
            </div>
            <ul class="codes">
                {move || typed_codes().into_iter().map(|(at, code)| {
                    let time = Wib::of(at.time_ms).time(i18n.lang.get());
                    view! { <li data-testid="code-typed">{i18n.wf(W::CodeTyped, &[("code", &code), ("time", &time)])}</li> }
                }).collect_view()}
            </ul>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_taken_as_typed_loosely_and_refused_when_it_cannot_be_one() {
        assert_eq!(valid_code(" k7m-q2x ").as_deref(), Some("K7MQ2X"));
        assert_eq!(valid_code("K7MQ2"), None, "too short");
        assert_eq!(valid_code("K0MQ2X"), None, "0 is never in a code");
    }
}
