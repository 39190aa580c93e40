//! What a start does to the accounts before serving: the demo city (demo mode), or the checks of
//! production mode; and `admin create`, the way a production server gets its first admin.

use crate::config::Mode;
use crate::content::Library;
use crate::db::Db;
use crate::demo;
use lentera_protocol::Nip;

/// What the start should tell the operator.
#[derive(Debug, PartialEq, Eq)]
pub enum Ready {
    /// Demo data was made now: the accounts to print.
    DemoSeeded(Vec<demo::Printed>),
    /// Nothing to say: the database already had accounts (demo mode) or an admin (production).
    Ready,
    /// Production mode on a database without any admin yet.
    NoAdminYet,
}

/// Production mode refuses a database with the demo's people: their password is public.
pub const DEMO_REFUSAL: &str = "this database holds the demo accounts (their password `lentera-demo` is printed in the README), \
so production mode will not serve it. Start production on a new database: give --db a new file (or a new PostgreSQL database), \
then create the first admin with `lentera-server admin create --nip NIP --name NAME --db …`. \
To keep looking at the demo instead, start without --mode production";

pub async fn prepare(db: &Db, library: &Library, mode: Mode, now_ms: i64) -> Result<Ready, String> {
    let err = |e: sqlx::Error| e.to_string();
    match mode {
        Mode::Demo => {
            let seeded = demo::seed(db, library, now_ms).await?;
            Ok(if seeded.is_empty() { Ready::Ready } else { Ready::DemoSeeded(seeded) })
        }
        Mode::Production => {
            let demo_people: Vec<&str> = std::iter::once(demo::ADMIN_NIP).chain(demo::NAMED.iter().map(|n| n.0)).collect();
            if db.count_nips(&demo_people).await.map_err(err)? > 0 {
                return Err(DEMO_REFUSAL.to_owned());
            }
            Ok(if db.count_admins().await.map_err(err)? == 0 { Ready::NoAdminYet } else { Ready::Ready })
        }
    }
}

/// Creates an admin over every unit waiting for activation; returns the one-time code to print.
pub async fn create_admin(db: &Db, nip: &str, name: &str, now_ms: i64) -> Result<String, String> {
    let nip = Nip::parse(nip.trim()).map_err(|e| format!("--nip: {e}"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err("--name: give the admin's full name, as on their NIP record".into());
    }
    let code = crate::auth::activation_code()?;
    let entry = crate::db::audit::Entry {
        actor_nip: "-".into(),
        actor_name: "perintah server (admin create)".into(),
        action: "admin_create".into(),
        target: nip.to_string(),
        detail: name.to_owned(),
        unit_id: None,
        at_ms: now_ms,
    };
    if !db.create_admin(&nip, name, &crate::auth::code_hash(&code), now_ms, &entry).await.map_err(|e| e.to_string())? {
        return Err(format!("NIP {nip} already has an account; an admin can reset its access in the console (Pegawai → Atur ulang akses)"));
    }
    Ok(code)
}
