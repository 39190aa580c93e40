//! Demo data for `make run`, created once in an empty database: a fictional city government
//! (units, ~60 staff imported through the same CSV import an admin uses, supervisors, an admin)
//! with learning spread over the year, so the supervisors' dashboard means something at once.
//! Everyone shares the demo password; the people are fictional, their NIPs only structurally valid.

mod activity;
mod akpk;
mod evaluation;
mod ideas;
mod learning_log;
mod org;
mod trainings;
mod skm;

use crate::auth::hash_password;
use crate::calendar;
use crate::content::Library;
use crate::db::Db;
use crate::db::org::Scope;
use activity::Rng;
pub use org::{ADMIN_NIP, FIRST, LAST, NAMED, POSITIONS, PPPK_NIP, UNITS};

pub const DEMO_PASSWORD: &str = "lentera-demo";

/// An account worth printing at start: (NIP, name, role).
pub type Printed = (String, String, String);

/// Creates the demo organisation if no account exists yet; returns the accounts to print.
pub async fn seed(db: &Db, library: &Library, now_ms: i64) -> Result<Vec<Printed>, String> {
    let err = |e: sqlx::Error| e.to_string();
    if db.count_learners().await.map_err(err)? > 0 {
        return Ok(Vec::new());
    }
    let mut ids = std::collections::HashMap::new();
    for (code, name, parent) in UNITS {
        let parent = parent.and_then(|p| ids.get(p).copied());
        ids.insert(code, db.create_unit(code, name, parent).await.map_err(err)?);
    }
    let tree = db.org_tree().await.map_err(err)?;
    let plan = crate::import::plan(org::staff_csv().as_bytes(), &tree, &Scope::Everything, &Default::default());
    if let Some(e) = plan.preview.errors.first() {
        return Err(format!("demo staff line {}: {}", e.line, e.message));
    }
    db.apply_import(&plan, &Default::default(), now_ms).await.map_err(err)?;
    // One shared hash: the demo password is public anyway, and sixty argon2 runs would slow every start.
    let hash = hash_password(DEMO_PASSWORD)?;
    db.set_everyones_password(&hash).await.map_err(err)?;
    db.make_admin(ADMIN_NIP).await.map_err(err)?;
    learning(db, library, now_ms).await?;
    assignments(db, now_ms).await.map_err(err)?;
    akpk::seed(db, library, now_ms, &mut Rng::new(0xA4B_2026)).await?;
    trainings::seed(db, now_ms, &mut Rng::new(0x7A1_2026)).await?;
    learning_log::seed(db, now_ms).await?;
    skm::seed(db, now_ms, &mut Rng::new(0x5C3_2026)).await?;
    evaluation::seed(db, now_ms, &mut Rng::new(0xE7A_2026)).await?;
    ideas::seed(db, now_ms).await?;
    let printed = db.accounts_to_print([NAMED[1].0, NAMED[2].0, NAMED[3].0]).await.map_err(err)?;
    Ok(printed)
}

/// Everyone but the people the README and tests name gets a generated year of learning.
async fn learning(db: &Db, library: &Library, now_ms: i64) -> Result<(), String> {
    let (_, day, _) = calendar::year_position(now_ms);
    // Early on 1 January WIB, an hour back from now is still inside the year.
    let year_start = now_ms - i64::from(day - 1) * 86_400_000 - 3_600_000;
    let people = db.people_by_nip().await.map_err(|e| e.to_string())?;
    let mut rng = Rng::new(0x5EED_2026);
    for (id, nip) in people {
        if NAMED.iter().any(|(n, ..)| *n == nip) {
            continue;
        }
        let diligence = rng.below(101);
        let Some(generated) = activity::year_of_learning(library, &mut rng, year_start, now_ms, diligence) else { continue };
        for batch in generated.events.chunks(lentera_protocol::MAX_BATCH_EVENTS) {
            db.insert_events(id, batch, generated.last_sync_ms, 0).await.map_err(|e| e.to_string())?;
        }
        if rng.below(12) == 0 {
            let report = lentera_protocol::org::StorageReport { used_bytes: 120_000_000, quota_bytes: 128_000_000, full: false };
            let warning = crate::routes::sync::storage_warning(&report);
            db.set_storage_warning(id, warning.as_deref(), generated.last_sync_ms).await.map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Two courses the units' supervisors assigned to their units: one already past due, one for next month.
async fn assignments(db: &Db, now_ms: i64) -> Result<(), sqlx::Error> {
    let tree = db.org_tree().await?;
    for (code, course, days) in [("SBG-KOMINFO", "keamanan-digital", -20), ("SBG-KEC-KOTA", "spbe-layanan-warga", 30)] {
        let Some(unit) = tree.by_code(code) else { continue };
        let Some(head) = db.head_of(unit.id).await? else { continue };
        let ids: Vec<i64> = tree.subtree(unit.id).into_iter().collect();
        let people: Vec<i64> = db.people_in(&ids).await?.into_iter().map(|(id, _, _)| id).collect();
        let due = calendar::date(now_ms + days * 86_400_000);
        db.assign(&people, course, &due, head, now_ms).await?;
        db.stand(unit.id, course, &due, head, now_ms).await?;
    }
    Ok(())
}
