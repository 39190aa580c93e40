//! The catalogue and downloaded packs on the device.

use super::js::{field_str, object};
use super::{Store, StoreError, schema};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use lentera_protocol::{CoursePack, CourseSummary};
use wasm_bindgen::JsValue;

/// A pack as downloaded, with the hash it had on the server then.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPack {
    pub id: String,
    pub hash: String,
    pub pack: CoursePack,
    /// The pack's JSON as the server sent it: stored as is, so the app never re-encodes a pack.
    pub json: String,
}

/// How a pack sits in IndexedDB: `{id, hash, json}`, its JSON as text, so only one deserialiser
/// (serde_json) is compiled for the course model, which keeps the wasm small.
fn pack_record(pack: &StoredPack) -> JsValue {
    object(&[("id", pack.id.as_str().into()), ("hash", pack.hash.as_str().into()), ("json", pack.json.as_str().into())])
}

fn open_pack(record: &JsValue) -> Result<StoredPack, StoreError> {
    let json = field_str(record, "json")?;
    let pack = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(StoredPack { id: field_str(record, "id")?, hash: field_str(record, "hash")?, pack, json })
}

impl Store {
    /// Replaces the stored catalogue with a fresh one, in one transaction.
    pub async fn put_catalogue(&self, courses: &[CourseSummary]) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::COURSES).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::COURSES)?;
        store.clear()?.await?;
        for course in courses {
            // A catalogue entry: `{id, json}`, JSON text for the same reason as packs.
            let json = serde_json::to_string(course).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            store.put(object(&[("id", course.id.as_str().into()), ("json", json.into())])).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn catalogue(&self) -> Result<Vec<CourseSummary>, StoreError> {
        let tx = self.db.transaction(schema::COURSES).build()?;
        let store = tx.object_store(schema::COURSES)?;
        let records = store.get_all().primitive()?.await?;
        records.map(|r| serde_json::from_str(&field_str(&r?, "json")?).map_err(|e| StoreError::Corrupt(e.to_string()))).collect()
    }

    pub async fn put_pack(&self, pack: &StoredPack) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::PACKS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::PACKS)?;
        store.put(pack_record(pack)).await?;
        tx.commit().await?;
        // A whole course fitted: the space shortage the supervisor was told of is over.
        super::error::space_recovered();
        Ok(())
    }

    pub async fn pack(&self, id: &str) -> Result<Option<StoredPack>, StoreError> {
        let tx = self.db.transaction(schema::PACKS).build()?;
        let store = tx.object_store(schema::PACKS)?;
        let record: Option<JsValue> = store.get(id).primitive()?.await?;
        record.map(|r| open_pack(&r)).transpose()
    }

    /// Every downloaded pack.
    pub async fn packs(&self) -> Result<Vec<StoredPack>, StoreError> {
        let tx = self.db.transaction(schema::PACKS).build()?;
        let store = tx.object_store(schema::PACKS)?;
        store.get_all().primitive()?.await?.map(|r| open_pack(&r?)).collect()
    }

    /// Removes a download; progress stays, since it lives in the event log.
    pub async fn delete_pack(&self, id: &str) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::PACKS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::PACKS)?;
        store.delete(id).await?;
        tx.commit().await?;
        Ok(())
    }
}
