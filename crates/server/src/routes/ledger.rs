//! The learner's own JP ledger, as the server decided it: what the phone shows as verified.

use crate::error::ApiError;
use crate::routes::dashboard::Today;
use crate::routes::staff::ledger_of;
use crate::session::Session;
use crate::AppState;
use axum::Json;
use axum::extract::{Query, State};
use lentera_protocol::ApiErrorBody;
use lentera_protocol::org::{LedgerTotals, MyLedger};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct YearQuery {
    /// Calendar year (WIB); this year when absent.
    year: Option<i32>,
}

#[utoipa::path(get, path = "/ledger/me", tag = "sync",
    params(YearQuery),
    responses(
        (status = 200, description = "The learner's JP ledger for the year: credited entries (each with its certificate, issued on first ask) and claims not confirmed, with quarter totals", body = MyLedger),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session, Query(q): Query<YearQuery>) -> Result<Json<MyLedger>, ApiError> {
    let year = q.year.unwrap_or_else(|| Today::now().year);
    let mut entries = ledger_of(&state, session.learner.id, year).await?;
    // The phone keeps this ledger for offline days: each credited line names its certificate.
    let certificates = crate::routes::certificates::issue_for(&state, &session.learner).await?;
    for entry in entries.iter_mut().filter(|e| e.status == "credited") {
        entry.certificate = certificates.iter().find(|c| c.course_id == entry.course_id && c.revoked_at_ms.is_none()).map(|c| c.number.clone());
    }
    let plan = match u32::try_from(year) {
        Ok(year) => crate::routes::akpk_me::my_plan(&state, session.learner.id, year).await?,
        Err(_) => None,
    };
    Ok(Json(MyLedger { year, employment: session.learner.employment(), totals: LedgerTotals::of(&entries), entries, plan }))
}
