//! Evidence files of the learning log (a photo or a PDF), kept on the phone in a small database of
//! their own ("lentera-bukti") until `PUT /api/evidence/{id}` succeeds on a later online moment.
//! Photos are shrunk here first (at most 1600 px, JPEG), so a phone camera's 5 MB becomes ~300 KB.

use super::text::{W, Words};
use crate::i18n::I18n;
use crate::store::StoreError;
use crate::store::js::{field_f64, field_str, object};
use indexed_db_futures::KeyPath;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use lentera_protocol::activity::{EVIDENCE_TYPES, MAX_EVIDENCE_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const DB: &str = "lentera-bukti";
const FILES: &str = "files";
/// Longest side of a shrunk photo, in pixels.
const MAX_SIDE: u32 = 1600;

/// One file waiting on the phone: `{id, entry, type, size, blob}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub id: String,
    pub entry: String,
    pub size: f64,
}

/// Why a chosen file cannot be evidence.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// Neither a photo nor a PDF.
    Type,
    /// Over `MAX_EVIDENCE_BYTES` even after shrinking: its size in bytes.
    TooBig(f64),
    /// The browser failed to read or shrink it.
    Failed(String),
}

async fn open() -> Result<Database, StoreError> {
    let db = Database::open(DB)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store(FILES).with_key_path(KeyPath::from("id")).build()?;
            Ok(())
        })
        .await?;
    Ok(db)
}

fn failed(err: JsValue) -> Refused {
    Refused::Failed(err.as_string().or_else(|| js_sys::JSON::stringify(&err).ok().and_then(|s| s.as_string())).unwrap_or_else(|| "?".into()))
}

/// The file as it will be sent: a photo shrunk to JPEG, a PDF as it is; refused when it is of
/// another type or too large.
pub async fn prepare(file: &web_sys::File) -> Result<web_sys::Blob, Refused> {
    let kind = file.type_();
    let blob: web_sys::Blob = if kind.starts_with("image/") {
        shrink(file).await.map_err(failed)?
    } else if kind == "application/pdf" {
        file.clone().into()
    } else {
        return Err(Refused::Type);
    };
    if blob.size() > MAX_EVIDENCE_BYTES as f64 {
        return Err(Refused::TooBig(blob.size()));
    }
    Ok(blob)
}

/// A file the learner chose, made ready and kept as evidence of `entry` (the learning log's or an
/// idea's): its new id, or why not in the learner's words. `images_only` refuses a PDF.
pub async fn take(file: web_sys::File, entry: &str, images_only: bool, i18n: I18n) -> Result<String, String> {
    if images_only && !file.type_().starts_with("image/") {
        return Err(i18n.w(W::ImageType).to_owned());
    }
    match prepare(&file).await {
        Ok(blob) => {
            let id = super::new_id();
            keep(&id, entry, &blob).await.map_err(|err| i18n.wf(W::EvidenceFailed, &[("why", &err.to_string())]))?;
            Ok(id)
        }
        Err(Refused::Type) => Err(i18n.w(if images_only { W::ImageType } else { W::EvidenceType }).to_owned()),
        Err(Refused::TooBig(size)) => {
            let mb = (MAX_EVIDENCE_BYTES / (1024 * 1024)).to_string();
            Err(i18n.wf(W::EvidenceTooBig, &[("size", &format!("{:.1}", size / 1_048_576.0)), ("mb", &mb)]))
        }
        Err(Refused::Failed(why)) => Err(i18n.wf(W::EvidenceFailed, &[("why", &why)])),
    }
}

/// A photo drawn at most `MAX_SIDE` px on its longer side and encoded as JPEG.
async fn shrink(file: &web_sys::File) -> Result<web_sys::Blob, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file)?).await?.dyn_into()?;
    let (w, h) = (bitmap.width(), bitmap.height());
    let scale = (f64::from(MAX_SIDE) / f64::from(w.max(h).max(1))).min(1.0);
    let (nw, nh) = (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1));
    let canvas = web_sys::OffscreenCanvas::new(nw, nh)?;
    let context: web_sys::OffscreenCanvasRenderingContext2d = canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
    // JPEG has no transparency: a transparent PNG lands on white, not black.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, f64::from(nw), f64::from(nh));
    context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(nw), f64::from(nh))?;
    bitmap.close();
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type(EVIDENCE_TYPES[0]);
    options.set_quality(0.8);
    JsFuture::from(canvas.convert_to_blob_with_options(&options)?).await?.dyn_into()
}

/// Keeps `blob` as evidence `id` of `entry` until it is sent.
pub async fn keep(id: &str, entry: &str, blob: &web_sys::Blob) -> Result<(), StoreError> {
    let db = open().await?;
    let tx = db.transaction(FILES).with_mode(TransactionMode::Readwrite).build()?;
    let record = object(&[
        ("id", id.into()),
        ("entry", entry.into()),
        ("type", blob.type_().into()),
        ("size", blob.size().into()),
        ("blob", blob.into()),
    ]);
    tx.object_store(FILES)?.put(record).await?;
    tx.commit().await?;
    db.close();
    Ok(())
}

/// Every file still waiting on this phone.
pub async fn held() -> Result<Vec<Held>, StoreError> {
    Ok(records().await?.iter().filter_map(|r| held_of(r).ok()).collect())
}

fn held_of(record: &JsValue) -> Result<Held, StoreError> {
    Ok(Held { id: field_str(record, "id")?, entry: field_str(record, "entry")?, size: field_f64(record, "size")? })
}

async fn records() -> Result<Vec<JsValue>, StoreError> {
    let db = open().await?;
    let out = {
        let tx = db.transaction(FILES).build()?;
        let found = tx.object_store(FILES)?.get_all().primitive()?.await?;
        found.collect::<Result<Vec<JsValue>, _>>()?
    };
    db.close();
    Ok(out)
}

/// Forgets file `id` (sent, or removed from its entry).
pub async fn forget(id: &str) -> Result<(), StoreError> {
    let db = open().await?;
    let tx = db.transaction(FILES).with_mode(TransactionMode::Readwrite).build()?;
    tx.object_store(FILES)?.delete(id).await?;
    tx.commit().await?;
    db.close();
    Ok(())
}

/// Sends every waiting file with `token`; each one the server took is forgotten. Returns how many
/// are still waiting. Stops at the first that does not reach the server (offline again).
pub async fn upload_all(token: &str) -> Result<usize, StoreError> {
    let mut left = 0;
    for record in records().await? {
        let Ok(id) = field_str(&record, "id") else { continue };
        let blob: Option<web_sys::Blob> = js_sys::Reflect::get(&record, &"blob".into()).ok().and_then(|b| b.dyn_into().ok());
        let Some(blob) = blob else {
            forget(&id).await?;
            continue;
        };
        match put(token, &id, &blob).await {
            Ok(true) => forget(&id).await?,
            Ok(false) => left += 1,
            Err(()) => return Ok(left + 1),
        }
    }
    Ok(left)
}

/// `PUT /api/evidence/{id}`: `Ok(true)` when the server holds it, `Err` when nothing answered.
async fn put(token: &str, id: &str, blob: &web_sys::Blob) -> Result<bool, ()> {
    let window = web_sys::window().ok_or(())?;
    let headers = web_sys::Headers::new().map_err(drop)?;
    headers.set("Authorization", &format!("Bearer {token}")).map_err(drop)?;
    headers.set("Content-Type", &blob.type_()).map_err(drop)?;
    let init = web_sys::RequestInit::new();
    init.set_method("PUT");
    init.set_headers(&headers);
    init.set_body(blob);
    let path = format!("/api/evidence/{id}");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&path, &init)).await.map_err(drop)?.dyn_into().map_err(drop)?;
    Ok(response.ok())
}
