//! The staff table: sortable headers, search, ticks for assigning, at most a page of rows at a time.
//! Below 48rem the CSS turns header cells into sort buttons and each row into a card.

use crate::app::{PAGE_ROWS, use_picks};
use crate::format::{ago_days, css_percent, percent};
use crate::i18n::{Key, Lang, text, tr, use_i18n};
use crate::staff::{Col, matches, sort};
use leptos::prelude::*;
use lentera_protocol::org::{Dashboard, StaffRow};
use std::sync::Arc;

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
pub fn StaffTable(data: Arc<Dashboard>) -> impl IntoView {
    let i18n = use_i18n();
    let picks = use_picks();
    let target = data.target_jp;
    let total = data.staff.len();
    let rows = Memo::new(move |_| {
        let query = picks.search.get();
        let mut rows: Vec<StaffRow> = data.staff.iter().filter(|r| matches(r, &query)).cloned().collect();
        sort(&mut rows, picks.sort.get());
        rows
    });
    let shown = move || rows.with(|r| r.len()).min(picks.limit.get());

    let header = move |col: Col| {
        let aria = move || {
            let s = picks.sort.get();
            (s.col == col).then_some(if s.ascending { "ascending" } else { "descending" })
        };
        let arrow = move || {
            let s = picks.sort.get();
            if s.col != col { "" } else if s.ascending { " ▲" } else { " ▼" }
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| picks.sort.update(|s| *s = s.click(col))>
                    {tr(col_key(col))}<span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let all_shown_checked = move || {
        rows.with(|r| {
            let n = shown();
            n > 0 && picks.checked.with(|c| r.iter().take(n).all(|row| c.contains(&row.nip)))
        })
    };
    let check_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let n = shown();
        rows.with_untracked(|r| {
            picks.checked.update(|c| {
                for row in r.iter().take(n) {
                    if on { c.insert(row.nip.clone()) } else { c.remove(&row.nip) };
                }
            })
        });
    };
    let body = move || {
        let lang = i18n.lang.get();
        let n = shown();
        rows.with(|r| r.iter().take(n).map(|row| row_view(row.clone(), lang, target)).collect_view())
    };

    view! {
        <p class="muted" role="status">
            {move || i18n.fill(Key::RowsShown, &[("n", &shown().to_string()), ("m", &rows.with(|r| r.len()).to_string())])}
            {move || (rows.with(|r| r.len()) < total).then(|| format!(" ({total})"))}
        </p>
        <div class="tablewrap">
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
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="muted">{tr(Key::NoStaff)}</p>
        </Show>
        <Show when={move || rows.with(|r| r.len()) > shown()}>
            <button type="button" class="more" on:click=move |_| picks.limit.update(|l| *l += PAGE_ROWS)>{tr(Key::ShowMore)}</button>
        </Show>
    }
}

fn row_view(row: StaffRow, lang: Lang, target: u32) -> impl IntoView {
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
                <span class="sub">{row.position}</span>
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
