//! On-device storage in IndexedDB: the event log (the outbox) and small settings.

mod courses;
mod error;
pub(crate) mod js;
pub mod schema;

pub use courses::StoredPack;
pub use error::{StoreError, failed_for_space};

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
pub use js::{FromMeta, ToMeta};

use js::{field_f64, field_str, object};
use lentera_protocol::{Event, EventId};
use wasm_bindgen::JsValue;

/// An event as kept on the device: `{id, pending, event}`, `pending` 1 until the server
/// acknowledges it. The event is JSON text so the protocol types need only serde_json in the wasm.
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

    fn to_js(&self) -> JsValue {
        object(&[("id", self.id.as_str().into()), ("pending", f64::from(self.pending).into()), ("event", self.event.as_str().into())])
    }

    fn from_js(value: &JsValue) -> Result<Record, StoreError> {
        Ok(Record { id: field_str(value, "id")?, pending: field_f64(value, "pending")? as u8, event: field_str(value, "event")? })
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
            store.put(Record::of(event)?.to_js()).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every event on this device.
    pub async fn events(&self) -> Result<Vec<Event>, StoreError> {
        let tx = self.db.transaction(schema::EVENTS).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        records(store.get_all().primitive()?.await?)
    }

    /// Up to `limit` events the server has not acknowledged yet.
    pub async fn pending(&self, limit: u32) -> Result<Vec<Event>, StoreError> {
        let tx = self.db.transaction(schema::EVENTS).build()?;
        let store = tx.object_store(schema::EVENTS)?;
        let index = store.index(schema::EVENTS_PENDING)?;
        records(index.get_all().with_query(1u8).with_limit(limit).primitive()?.await?)
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
            let found: Option<JsValue> = store.get(key.as_str()).primitive()?.await?;
            if let Some(mut record) = found.map(|r| Record::from_js(&r)).transpose()?.filter(|r| r.pending == 1) {
                record.pending = 0;
                store.put(record.to_js()).await?;
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
            let found: Option<JsValue> = store.get(key.as_str()).primitive()?.await?;
            if found.is_none() {
                let mut record = Record::of(event)?;
                record.pending = 0;
                store.put(record.to_js()).await?;
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

    /// Reads a setting: a string, number or boolean as stored (see `FromMeta`).
    pub async fn meta<T: FromMeta>(&self, key: &str) -> Result<Option<T>, StoreError> {
        match self.meta_value(key).await? {
            Some(value) if !value.is_undefined() => {
                T::from_js(&value).map(Some).ok_or_else(|| StoreError::Corrupt(format!("setting `{key}` has another type")))
            }
            _ => Ok(None),
        }
    }

    /// Writes a setting.
    pub async fn set_meta<T: ToMeta + ?Sized>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        self.set_meta_value(key, value.to_js()).await
    }

    /// A setting as the browser holds it (`None` when never written).
    pub async fn meta_value(&self, key: &str) -> Result<Option<JsValue>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let store = tx.object_store(schema::META)?;
        Ok(store.get(key).primitive()?.await?)
    }

    async fn set_meta_value(&self, key: &str, value: JsValue) -> Result<(), StoreError> {
        let tx = self.db.transaction(schema::META).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::META)?;
        store.put(value).with_key(key.to_owned()).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Event records as read from IndexedDB, in key order.
fn records(found: impl Iterator<Item = indexed_db_futures::Result<JsValue>>) -> Result<Vec<Event>, StoreError> {
    found.map(|r| Record::from_js(&r?)?.event()).collect()
}
