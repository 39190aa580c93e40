//! Certificates: the learner's own (issued for every credited course on first ask), the published
//! keys, revocation by an admin, and the public verification page.

use std::collections::BTreeMap;
use crate::AppState;
use crate::access::Viewer;
use crate::certificate::page::{Finding, render};
use crate::certificate::{self, CertificateBody, SignedCertificate};
use crate::db::accounts::LearnerRow;
use crate::db::certificates::CertificateRow;
use crate::error::ApiError;
use crate::routes::staff::title_of;
use crate::session::Session;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use lentera_protocol::ApiErrorBody;
use serde::{Deserialize, Serialize};

/// The top unit above `unit_id`: the BKPSDM's government that issues the certificate.
fn issuer(tree: &crate::org_tree::OrgTree, unit_id: Option<i64>) -> String {
    let mut at = unit_id.and_then(|id| tree.get(id));
    while let Some(unit) = at {
        match unit.parent_id.and_then(|p| tree.get(p)) {
            Some(parent) => at = Some(parent),
            None => return unit.name.clone(),
        }
    }
    tree.units.iter().find(|u| u.parent_id.is_none()).map_or_else(|| "Lentera".to_owned(), |u| u.name.clone())
}

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> ApiError {
    ApiError::Internal(Box::new(e))
}

/// Signs a certificate for each credited course of `learner` that has no live one; returns all of theirs.
pub async fn issue_for(state: &AppState, learner: &LearnerRow) -> Result<Vec<CertificateRow>, ApiError> {
    Ok(issue_for_many(state, std::slice::from_ref(learner)).await?.remove(&learner.id).unwrap_or_default())
}

/// `issue_for` for many learners in a few queries (an export reads thousands): each learner's
/// certificates, by learner id.
pub async fn issue_for_many(state: &AppState, learners: &[LearnerRow]) -> Result<BTreeMap<i64, Vec<CertificateRow>>, ApiError> {
    let ids: Vec<i64> = learners.iter().map(|l| l.id).collect();
    let people: BTreeMap<i64, &LearnerRow> = learners.iter().map(|l| (l.id, l)).collect();
    let by_learner = |rows: Vec<CertificateRow>| {
        let mut map: BTreeMap<i64, Vec<CertificateRow>> = BTreeMap::new();
        rows.into_iter().for_each(|row| map.entry(row.learner_id).or_default().push(row));
        map
    };
    let existing = by_learner(state.db.certificates_of_many(&ids).await?);
    let mut fresh = false;
    let mut tree: Option<crate::org_tree::OrgTree> = None;
    for (learner_id, what) in certifiable(state, &ids).await? {
        let live = existing.get(&learner_id).is_some_and(|c| c.iter().any(|c| c.course_id == what.course_id && c.revoked_at_ms.is_none()));
        let Some(&learner) = people.get(&learner_id).filter(|_| !live) else { continue };
        let tree = match tree.take() {
            Some(t) => tree.insert(t),
            None => tree.insert(state.db.org_tree().await?),
        };
        let now = crate::now_ms();
        let year = lentera_protocol::progress::year_of(what.at_ms);
        let body = CertificateBody {
            format: certificate::FORMAT.into(),
            number: certificate::new_number(year).map_err(|e| ApiError::Internal(e.into()))?,
            name: learner.name.clone(),
            nip: learner.nip.clone(),
            course_id: what.course_id.clone(),
            course: what.title,
            jp: what.jp,
            competency: what.competency,
            form: what.form,
            completed_on: crate::calendar::date(what.at_ms),
            issuer: issuer(tree, learner.unit_id),
            issued_at_ms: now,
            key_id: String::new(),
        };
        let (text, signature) = certificate::sign(&state.keys, body.clone()).map_err(internal)?;
        let stored = CertificateRow {
            number: body.number,
            learner_id: learner.id,
            course_id: what.course_id,
            completed_at_ms: what.at_ms,
            body: text,
            signature,
            issued_at_ms: now,
            revoked_at_ms: None,
            revoked_reason: None,
            exported_at_ms: None,
        };
        fresh |= state.db.insert_certificate(&stored).await?;
    }
    if fresh { Ok(by_learner(state.db.certificates_of_many(&ids).await?)) } else { Ok(existing) }
}

/// What a certificate states: a credited course, or a training attended (docs/activities.md).
/// Log entries get none: a coach's session or an outside certificate is not Lentera's to certify.
struct Certifiable {
    course_id: String,
    title: String,
    jp: u32,
    competency: String,
    form: String,
    at_ms: i64,
}

/// Everything of `ids` that earns a certificate, by learner.
async fn certifiable(state: &AppState, ids: &[i64]) -> Result<Vec<(i64, Certifiable)>, ApiError> {
    let mut out = Vec::new();
    for (learner_id, row) in state.db.verdicts_of(ids).await? {
        let Some(credit) = row.verdict()?.and_then(|v| v.credited) else { continue };
        let competency = serde_json::to_value(credit.competency).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let course = Certifiable { title: title_of(state, &row.course_id), course_id: row.course_id, jp: credit.jp, competency, form: crate::ledger::FORM_E_LEARNING.into(), at_ms: credit.at_ms };
        out.push((learner_id, course));
    }
    for row in state.db.credits_of_many(ids).await?.into_iter().filter(|c| c.source.starts_with(TRAINING_SOURCE)) {
        let training = Certifiable {
            course_id: row.source,
            title: row.title,
            jp: u32::try_from(row.jp).unwrap_or(0),
            competency: row.competency.unwrap_or_default(),
            form: row.form,
            at_ms: row.credited_at_ms,
        };
        out.push((row.learner_id, training));
    }
    Ok(out)
}

/// Source prefix of a training's credit in `learner_credits`.
pub const TRAINING_SOURCE: &str = "training:";

pub fn signed(row: CertificateRow) -> SignedCertificate {
    SignedCertificate { number: row.number, course_id: row.course_id, body: row.body, signature: row.signature, revoked_at_ms: row.revoked_at_ms, revoked_reason: row.revoked_reason }
}

#[utoipa::path(get, path = "/certificates/me", tag = "certificates",
    responses(
        (status = 200, description = "The learner's certificates, one per credited course (issued on first ask), revoked ones included", body = Vec<SignedCertificate>),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
    ))]
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Json<Vec<SignedCertificate>>, ApiError> {
    let rows = issue_for(&state, &session.learner).await?;
    Ok(Json(rows.into_iter().map(signed).collect()))
}

/// One public key that signs certificates.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublishedKey {
    /// The `key_id` certificates name.
    pub id: String,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, base64.
    pub public_key: String,
    /// The newest key, signing new certificates; the others verify older ones.
    pub signing: bool,
}

#[utoipa::path(get, path = "/certificates/keys", tag = "certificates",
    responses((status = 200, description = "Every public key that has signed certificates, old ones included (no login)", body = Vec<PublishedKey>)))]
pub async fn keys(State(state): State<AppState>) -> Json<Vec<PublishedKey>> {
    let signing = state.keys.signing().0.to_owned();
    Json(
        state
            .keys
            .published
            .iter()
            .map(|k| PublishedKey {
                id: k.id.clone(),
                algorithm: "Ed25519".into(),
                public_key: base64::engine::general_purpose::STANDARD.encode(k.key.as_bytes()),
                signing: k.id == signing,
            })
            .collect(),
    )
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RevokeRequest {
    /// Why, in words the public page shows (e.g. "kursus diulang karena data ganda").
    pub reason: String,
}

#[utoipa::path(post, path = "/certificates/{number}/revoke", tag = "certificates",
    params(("number" = String, Path, description = "The certificate number")),
    request_body = RevokeRequest,
    responses(
        (status = 200, description = "Revoked (or revoked already); the public page now says so", body = SignedCertificate),
        (status = 400, description = "No reason given", body = ApiErrorBody),
        (status = 403, description = "Only an administrator may revoke", body = ApiErrorBody),
        (status = 404, description = "No such certificate among the admin's units", body = ApiErrorBody),
    ))]
pub async fn revoke(State(state): State<AppState>, session: Session, Path(number): Path<String>, Json(req): Json<RevokeRequest>) -> Result<Json<SignedCertificate>, ApiError> {
    let viewer = Viewer::of(&state, session).await?;
    if !viewer.is_admin() {
        return Err(ApiError::Forbidden("only an administrator may revoke a certificate".into()));
    }
    let missing = || ApiError::Missing(format!("there is no certificate {number} among your units; check the number"));
    let row = match certificate::is_number(&number) {
        true => state.db.certificate(&number).await?.ok_or_else(missing)?,
        false => return Err(missing()),
    };
    let unit = state.db.unit_of(row.learner_id).await?;
    if !viewer.scope.contains(unit) {
        return Err(missing());
    }
    let reason = req.reason.trim();
    if reason.is_empty() || reason.chars().count() > 300 {
        return Err(ApiError::InvalidRequest("give a reason of 1 to 300 characters; the public page shows it".into()));
    }
    state.db.revoke_certificate(&number, reason, crate::now_ms()).await?;
    let row = state.db.certificate(&number).await?.ok_or_else(missing)?;
    Ok(Json(signed(row)))
}

/// `GET /verifikasi.css`: the verification page's style, a file because the CSP forbids inline style.
pub async fn verify_style() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8"), (axum::http::header::CACHE_CONTROL, "public, max-age=86400")], certificate::page::STYLE).into_response()
}

/// `GET /verifikasi/{nomor}`: public, no login.
pub async fn verify_page(State(state): State<AppState>, Path(number): Path<String>) -> Response {
    let row = match certificate::is_number(&number) {
        true => state.db.certificate(&number).await,
        false => Ok(None),
    };
    let (status, html) = match row {
        Err(e) => {
            tracing::error!("verification page: {e}");
            return (StatusCode::INTERNAL_SERVER_ERROR, Html("<!doctype html><html lang=\"id\"><title>Gangguan</title><p>Server sedang bermasalah; coba lagi nanti.</p>".to_owned())).into_response();
        }
        Ok(None) => (StatusCode::NOT_FOUND, render(&Finding::Unknown(&number))),
        Ok(Some(row)) => match serde_json::from_str::<CertificateBody>(&row.body).ok() {
            Some(body) if certificate::verify(&state.keys, &row.body, &row.signature) => match (row.revoked_at_ms, row.revoked_reason.as_deref()) {
                (Some(at), reason) => (StatusCode::OK, render(&Finding::Revoked { body: &body, on: crate::calendar::date(at), reason: reason.unwrap_or("tidak disebutkan") })),
                (None, _) => (StatusCode::OK, render(&Finding::Valid(&body))),
            },
            _ => (StatusCode::OK, render(&Finding::Tampered)),
        },
    };
    (status, [(axum::http::header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

/// The address people reach this server at (`Host`, and `X-Forwarded-Proto` behind a TLS proxy).
pub fn origin(headers: &axum::http::HeaderMap) -> String {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let host = text("host").unwrap_or_else(|| "localhost".into());
    let scheme = text("x-forwarded-proto").filter(|p| p == "https").unwrap_or_else(|| "http".into());
    format!("{scheme}://{host}")
}

#[utoipa::path(get, path = "/certificates/{number}/pdf", tag = "certificates",
    params(("number" = String, Path, description = "The certificate number")),
    responses(
        (status = 200, description = "The certificate as a one-page A4 PDF with a QR code to its public page", content_type = "application/pdf"),
        (status = 401, description = "No session, or it has ended: log in again", body = ApiErrorBody),
        (status = 403, description = "Someone else's certificate, asked for by a learner", body = ApiErrorBody),
        (status = 404, description = "No such certificate among the caller's units", body = ApiErrorBody),
    ))]
pub async fn pdf(State(state): State<AppState>, session: Session, Path(number): Path<String>, headers: axum::http::HeaderMap) -> Result<Response, ApiError> {
    let missing = || ApiError::Missing(format!("there is no certificate {number} among your units; check the number"));
    let row = match certificate::is_number(&number) {
        true => state.db.certificate(&number).await?.ok_or_else(missing)?,
        false => return Err(missing()),
    };
    if row.learner_id != session.learner.id {
        let viewer = Viewer::of(&state, session).await?;
        viewer.require_supervisor()?;
        if !viewer.scope.contains(state.db.unit_of(row.learner_id).await?) {
            return Err(missing());
        }
    }
    let body: CertificateBody = serde_json::from_str(&row.body).map_err(internal)?;
    let url = format!("{}/verifikasi/{}", origin(&headers), row.number);
    let bytes = certificate::pdf::render(&body, &url, row.revoked_at_ms.is_some()).map_err(|e| ApiError::Internal(e.into()))?;
    let disposition = format!("inline; filename=\"sertifikat-{}.pdf\"", row.number);
    Ok(([(axum::http::header::CONTENT_TYPE, "application/pdf".to_owned()), (axum::http::header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}
