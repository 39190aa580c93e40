//! The IndexedDB schema, one step per version; a new version only appends a step.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

// The names the service worker reads too are defined with its contract.
pub use crate::sw_contract::{DB_NAME, EVENTS, EVENTS_PENDING, META};
/// The catalogue as last fetched (key: course id), so it shows offline.
pub const COURSES: &str = "courses";
/// Downloaded course packs (key: course id).
pub const PACKS: &str = "packs";

/// The newest schema version.
pub const LATEST: u32 = 3;

/// Applies the steps after `old` up to `new`, in order.
pub fn upgrade(db: &Database, old: u32, new: u32) -> indexed_db_futures::Result<()> {
    for version in old + 1..=new {
        match version {
            1 => v1(db)?,
            2 => v2(db)?,
            3 => v3(db)?,
            _ => {}
        }
    }
    Ok(())
}

/// v1: the event log with its pending index, and the meta store.
fn v1(db: &Database) -> indexed_db_futures::Result<()> {
    let events = db.create_object_store(EVENTS).with_key_path(KeyPath::from("id")).build()?;
    events.create_index(EVENTS_PENDING, KeyPath::from("pending")).build()?;
    db.create_object_store(META).build()?;
    Ok(())
}

/// v2: the course catalogue.
fn v2(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(COURSES).with_key_path(KeyPath::from("id")).build()?;
    Ok(())
}

/// v3: downloaded packs, kept apart from the catalogue so a catalogue refresh never drops one.
fn v3(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(PACKS).with_key_path(KeyPath::from("id")).build()?;
    Ok(())
}
