//! The catalogue and downloaded packs on the device.

use super::{Store, StoreError, schema};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use lentera_protocol::{CoursePack, CourseSummary};
use serde::{Deserialize, Serialize};

/// A pack as downloaded, with the hash it had on the server then.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPack {
    pub id: String,
    pub hash: String,
    pub pack: CoursePack,
    /// The pack's JSON as the server sent it: stored as is, so the app never re-encodes a pack.
    pub json: String,
}

/// How a pack sits in IndexedDB: its JSON as text, so only one deserialiser (serde_json) is
/// compiled for the course model, which keeps the wasm small.
#[derive(Serialize, Deserialize)]
struct PackRecord {
    id: String,
    hash: String,
    json: String,
}

/// A catalogue entry in IndexedDB, as JSON text for the same reason as `PackRecord`.
#[derive(Serialize, Deserialize)]
struct CatalogueRecord {
    id: String,
    json: String,
}

impl PackRecord {
    fn of(pack: &StoredPack) -> Result<PackRecord, StoreError> {
        Ok(PackRecord { id: pack.id.clone(), hash: pack.hash.clone(), json: pack.json.clone() })
    }

    fn open(self) -> Result<StoredPack, StoreError> {
        let pack = serde_json::from_str(&self.json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(StoredPack { id: self.id, hash: self.hash, pack, json: self.json })
    }
}

impl Store {
    /// Replaces the stored catalogue with a fresh one, in one transaction.
    pub async fn put_catalogue(&self, courses: &[CourseSummary]) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::COURSES).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::COURSES)?;
        store.clear()?.await?;
        for course in courses {
            let json = serde_json::to_string(course).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            store.put(CatalogueRecord { id: course.id.clone(), json }).serde()?.await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn catalogue(&self) -> Result<Vec<CourseSummary>, StoreError> {
        let tx = self.db.transaction(schema::COURSES).build()?;
        let store = tx.object_store(schema::COURSES)?;
        let records: Vec<CatalogueRecord> = store.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        records.iter().map(|r| serde_json::from_str(&r.json).map_err(|e| StoreError::Corrupt(e.to_string()))).collect()
    }

    pub async fn put_pack(&self, pack: &StoredPack) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::PACKS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::PACKS)?;
        store.put(PackRecord::of(pack)?).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn pack(&self, id: &str) -> Result<Option<StoredPack>, StoreError> {
        let tx = self.db.transaction(schema::PACKS).build()?;
        let store = tx.object_store(schema::PACKS)?;
        let record: Option<PackRecord> = store.get(id).serde()?.await?;
        record.map(PackRecord::open).transpose()
    }

    /// Every downloaded pack.
    pub async fn packs(&self) -> Result<Vec<StoredPack>, StoreError> {
        let tx = self.db.transaction(schema::PACKS).build()?;
        let store = tx.object_store(schema::PACKS)?;
        let records: Vec<PackRecord> = store.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        records.into_iter().map(PackRecord::open).collect()
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
