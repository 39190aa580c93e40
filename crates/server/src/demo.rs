//! Demo accounts for `make run`, created once in an empty database and printed at start.
//! Fictional people with structurally valid NIPs; the shared password is for demos only.

use crate::auth::hash_password;
use crate::db::Db;
use crate::db::accounts::NewLearner;
use lentera_protocol::Nip;

pub const DEMO_PASSWORD: &str = "lentera-demo";

/// (NIP, name, unit, role).
pub const DEMO_ACCOUNTS: [(&str, &str, &str, &str); 4] = [
    ("198503122010012002", "Sri Wahyuni", "Kecamatan Curug", "learner"),
    ("199007252015031001", "Rahmat Hidayat", "Kecamatan Curug", "learner"),
    ("198811042012122001", "Maria Simanjuntak", "Dinas Kominfo Kota Sibolga", "learner"),
    ("197906182005011003", "Budi Santoso", "Kecamatan Curug", "supervisor"),
];

/// Creates the demo accounts if no account exists yet; returns them for printing.
pub async fn seed(db: &Db, now_ms: i64) -> Result<Vec<(Nip, &'static str, &'static str)>, String> {
    if db.count_learners().await.map_err(|e| e.to_string())? > 0 {
        return Ok(Vec::new());
    }
    let mut created = Vec::new();
    for (nip, name, unit, role) in DEMO_ACCOUNTS {
        let nip = Nip::parse(nip).map_err(|e| format!("demo NIP {nip}: {e}"))?;
        let password_hash = hash_password(DEMO_PASSWORD)?;
        let new = NewLearner { nip: &nip, name, unit, role, password_hash: &password_hash };
        db.create_learner(&new, now_ms).await.map_err(|e| e.to_string())?;
        created.push((nip, name, role));
    }
    Ok(created)
}
