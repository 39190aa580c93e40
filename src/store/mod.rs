//! On-device storage in IndexedDB: the event log (the outbox) and small settings.

mod courses;
mod error;
pub mod schema;

pub use courses::StoredPack;
pub use error::StoreError;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use lentera_protocol::{Event, EventId};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// An event as kept on the device: `pending` is 1 until the server acknowledges it. The event is
/// JSON text so the protocol types need only serde_json's deserialiser in the wasm.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Record {
    id: String,
    pending: u8,
    event: String,
}

impl Record {
    fn of(event: &Event) -> Result<Record, StoreError> {
        let json = serde_json::to_string(event).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Record { id: event.id.to_string(), pending: 1, event: json })
    }

    fn event(&self) -> Result<Event, StoreError> {
        serde_json::from_str(&self.event).map_err(|e| StoreError::Corrupt(e.to_string()))
    }
}

/// A handle to the app's IndexedDB database.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) db: Database,
}

impl Store {
    /// Opens the app's database, upgrading it to the latest schema.
    pub async fn open() -> Result<Self, StoreError> {
        Self::open_named(schema::DB_NAME, schema::LATEST).await
    }

    /// Opens `name` at `version` (tests use unique names and older versions).
    pub async fn open_named(name: &str, version: u32) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(version)
            .with_on_blocked(|_| Ok(()))
            .with_on_upgrade_needed(move |event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(version, |v| v as u32);
                schema::upgrade(&db, old, new)
            })
            .await?;
        Ok(Self { db })
    }

    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// Closes this connection so the database can be upgraded or deleted.
    pub fn close(self) {
        self.db.close();
    }

    /// Appends one event to the log, pending until acknowledged.
    pub async fn append(&self, event: &Event) -> Result<(), StoreError> {
        self.append_all(std::slice::from_ref(event)).await
    }

    /// Appends events all together or not at all (a quiz hand-in and its completion, say).
    pub async fn append_all(&self, events: &[Event]) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::EVENTS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        for event in events {
            store.put(Record::of(event)?).serde()?.await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every event on this device.
    pub async fn events(&self) -> Result<Vec<Event>, StoreError> {
        let tx = self.db.transaction(schema::EVENTS).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        let records: Vec<Record> = store.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        records.iter().map(Record::event).collect()
    }

    /// Up to `limit` events the server has not acknowledged yet.
    pub async fn pending(&self, limit: u32) -> Result<Vec<Event>, StoreError> {
        let tx = self.db.transaction(schema::EVENTS).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        let index = store.index(schema::EVENTS_PENDING)?;
        let records: Vec<Record> =
            index.get_all().with_query(1u8).with_limit(limit).serde()?.await?.collect::<Result<_, _>>()?;
        records.iter().map(Record::event).collect()
    }

    pub async fn pending_count(&self) -> Result<u32, StoreError> {
        let tx = self.db.transaction(schema::EVENTS).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        let index = store.index(schema::EVENTS_PENDING)?;
        Ok(index.count().with_query(1u8).await?)
    }

    /// Marks acknowledged events as sent, in one transaction.
    pub async fn mark_sent(&self, ids: &[EventId]) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::EVENTS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        for id in ids {
            let key = id.to_string();
            let found: Option<Record> = store.get(key.as_str()).serde()?.await?;
            if let Some(mut record) = found.filter(|r| r.pending == 1) {
                record.pending = 0;
                store.put(record).serde()?.await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Keeps events pulled from the server (other devices, or this one before a reinstall) as
    /// already synced; an event the device holds already is left as it is. Returns how many were new.
    pub async fn add_synced(&self, events: &[Event]) -> Result<u32, StoreError> {
        let tx = self.db.transaction(schema::EVENTS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        let mut added = 0;
        for event in events {
            let key = event.id.to_string();
            let found: Option<Record> = store.get(key.as_str()).serde()?.await?;
            if found.is_none() {
                let mut record = Record::of(event)?;
                record.pending = 0;
                store.put(record).serde()?.await?;
                added += 1;
            }
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Forgets every event (after logging out with nothing pending: the server holds them all).
    pub async fn clear_events(&self) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::EVENTS).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(schema::EVENTS)?.clear()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reads a setting.
    pub async fn meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        match self.meta_value(key).await? {
            Some(value) if !value.is_undefined() => {
                serde_wasm_bindgen::from_value(value).map(Some).map_err(|e| StoreError::Corrupt(e.to_string()))
            }
            _ => Ok(None),
        }
    }

    /// Writes a setting.
    pub async fn set_meta<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let value = serde_wasm_bindgen::to_value(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.set_meta_value(key, value).await
    }

    // The IndexedDB work is kept out of the generic wrappers: one copy in the wasm, not one per type.
    async fn meta_value(&self, key: &str) -> Result<Option<wasm_bindgen::JsValue>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let store = tx.object_store(schema::META)?;
        Ok(store.get(key).primitive()?.await?)
    }

    async fn set_meta_value(&self, key: &str, value: wasm_bindgen::JsValue) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::META).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::META)?;
        store.put(value).with_key(key.to_owned()).await?;
        tx.commit().await?;
        Ok(())
    }
}
