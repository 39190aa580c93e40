//! The staff table: one page of rows as the server sorted and searched them, sortable headers,
//! previous/next, ticks for assigning. Headers and buttons stay put while pages change, so the
//! keyboard focus stays where it was. Below 48rem the CSS turns header cells into sort buttons and
//! each row into a card.

use super::Loaded;
use crate::app::{DASHBOARD_ROWS, use_picks};
use crate::format::{ago_days, css_percent, percent};
use crate::i18n::{Key, Lang, text, tr, use_i18n};
use crate::staff::{Col, shown};
use leptos::prelude::*;
use lentera_protocol::org::StaffRow;

fn col_key(col: Col) -> Key {
    match col {
        Col::Name => Key::ColName,
        Col::Nip => Key::ColNip,
        Col::Unit => Key::ColUnit,
        Col::Jp => Key::ColJp,
        Col::Courses => Key::ColCourses,
        Col::Overdue => Key::ColOverdue,
        Col::Synced => Key::ColSynced,
        Col::Storage => Key::ColStorage,
    }
}

#[component]
pub fn StaffTable(data: Loaded, busy: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let picks = use_picks();
    let nips = move || data.with(|d| d.as_ref().map(|d| d.staff.iter().map(|r| r.nip.clone()).collect::<Vec<_>>()).unwrap_or_default());
    // (offset, rows on this page, rows matching, everyone in view)
    let counts = move || {
        data.with(|d| d.as_ref().map_or((0, 0, 0, 0), |d| (d.page.offset, d.staff.len(), d.page.matched, d.total.staff)))
    };

    let header = move |col: Col| {
        let aria = move || {
            let s = picks.sort.get();
            (s.col == col).then_some(if s.ascending { "ascending" } else { "descending" })
        };
        let arrow = move || {
            let s = picks.sort.get();
            if s.col != col { "" } else if s.ascending { " ▲" } else { " ▼" }
        };
        let click = move |_| {
            picks.sort.update(|s| *s = s.click(col));
            picks.offset.set(0);
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=click>
                    {tr(col_key(col))}<span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let all_shown_checked = move || {
        let page = nips();
        !page.is_empty() && picks.checked.with(|c| page.iter().all(|n| c.contains(n)))
    };
    let check_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let page = nips();
        picks.checked.update(|c| {
            for nip in page {
                if on { c.insert(nip) } else { c.remove(&nip) };
            }
        });
    };
    let body = move || {
        let lang = i18n.lang.get();
        data.with(|d| {
            d.as_ref().map(|d| d.staff.iter().map(|row| row_view(row.clone(), lang)).collect_view())
        })
    };
    let status = move || {
        let (offset, on_page, matched, everyone) = counts();
        let (from, to, of) = shown(offset, on_page, matched);
        let searched = data.with(|d| d.as_ref().is_some_and(|d| !d.page.q.is_empty()));
        let values = [("from", from.to_string()), ("to", to.to_string()), ("m", of.to_string()), ("total", everyone.to_string())];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n.fill(if searched { Key::RowsMatched } else { Key::RowsShown }, &values)
    };
    let page_of = move || {
        let (offset, _, matched, _) = counts();
        let pages = matched.div_ceil(DASHBOARD_ROWS).max(1);
        let page = (offset / DASHBOARD_ROWS + 1).min(pages);
        i18n.fill(Key::PageOf, &[("n", &page.to_string()), ("m", &pages.to_string())])
    };
    let no_previous = move || counts().0 == 0 || busy.get();
    let no_next = move || {
        let (offset, on_page, matched, _) = counts();
        offset + u32::try_from(on_page).unwrap_or(0) >= matched || busy.get()
    };
    let previous = move |_| picks.offset.update(|o| *o = o.saturating_sub(DASHBOARD_ROWS));
    let next = move |_| picks.offset.update(|o| *o += DASHBOARD_ROWS);
    let empty = move || data.with(|d| d.as_ref().is_some_and(|d| d.staff.is_empty()));

    view! {
        <p class="muted" role="status">{status}</p>
        <div class="tablewrap" aria-busy=move || busy.get().then_some("true")>
            <table class="staff">
                <thead>
                    <tr>
                        <th scope="col" class="pick">
                            <label title=tr(Key::SelectShown)>
                                <input type="checkbox" prop:checked=all_shown_checked on:change=check_all/>
                                <span class="wide-sr">{tr(Key::SelectShown)}</span>
                            </label>
                        </th>
                        {Col::ALL.into_iter().map(header).collect_view()}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <Show when=empty>
            <p class="muted">{tr(Key::NoStaff)}</p>
        </Show>
        <nav class="pager" aria-label=tr(Key::PagerLabel)>
            <button type="button" on:click=previous disabled=no_previous><span aria-hidden="true">"← "</span>{tr(Key::PrevPage)}</button>
            <span>{page_of}</span>
            <button type="button" on:click=next disabled=no_next>{tr(Key::NextPage)}<span aria-hidden="true">" →"</span></button>
        </nav>
    }
}

/// One person's row, their JP measured against their own yearly figure (PNS 20, PPPK 24).
fn row_view(row: StaffRow, lang: Lang) -> impl IntoView {
    let target = row.target_jp;
    let picks = use_picks();
    let t = |key| text(lang, key);
    let nip = row.nip.clone();
    let nip_check = row.nip.clone();
    let checked = move || picks.checked.with(|c| c.contains(&nip_check));
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let nip = nip.clone();
        picks.checked.update(move |c| {
            if on { c.insert(nip) } else { c.remove(&nip) };
        });
    };
    let fill = css_percent(percent(f64::from(row.jp), f64::from(target)));
    let pace = if row.jp >= target { "fill reached" } else if row.on_track { "fill" } else { "fill behind" };
    view! {
        <tr class:stale=row.stale>
            <td class="pick">
                <input type="checkbox" aria-label=row.name.clone() prop:checked=checked on:change=toggle/>
            </td>
            <td class="name" data-label=t(Key::ColName)>
                <a href=format!("/konsol/staf/{}", row.nip)>{row.name}</a>
                <span class="sub">{row.position}<span class="badge type-badge" title=t(Key::TypeLabel)>{row.employment.label()}</span></span>
            </td>
            <td class="nip" data-label=t(Key::ColNip)>{row.nip}</td>
            <td class="unit" data-label=t(Key::ColUnit)>{row.unit_name}</td>
            <td data-label=t(Key::ColJp)>
                <span class="jp">
                    <span class="jpbar" aria-hidden="true"><span class=pace style:width=fill></span></span>
                    <span>{format!("{} / {target}", row.jp)}</span>
                </span>
            </td>
            <td data-label=t(Key::ColCourses)>{format!("{} / {}", row.courses_completed, row.courses_in_progress)}</td>
            <td data-label=t(Key::ColOverdue)>
                {(row.overdue > 0).then(|| view! { <span class="badge alert-badge">{row.overdue}</span> })}
                {(row.overdue == 0).then_some("0")}
            </td>
            <td data-label=t(Key::ColSynced)>
                <span class="age">{ago_days(lang, row.days_since_sync)}</span>
                {row.stale.then(|| view! { " " <span class="badge warn-badge">{t(Key::Stale)}</span> })}
            </td>
            <td data-label=t(Key::ColStorage)>
                {match row.storage_warning {
                    Some(w) => view! { <span class="warn-text">"⚠ " {w}</span> }.into_any(),
                    None => view! { <span class="muted">"—"</span> }.into_any(),
                }}
            </td>
        </tr>
    }
}
