//! Changes and readings that no route offers: what the demo data and the tests need to set up a
//! scene or look behind the API (the stored hashes, a refusing disk).

use super::{Db, Dialect};
use lentera_protocol::{Event, Progress};
use sqlx::QueryBuilder;

/// One person's synced history for `Db::load_history`.
pub struct History {
    pub learner_id: i64,
    /// Their events, as their phones made them (clocks right).
    pub events: Vec<Event>,
    /// When the server received them (the person's last sync); no event is later.
    pub received_at_ms: i64,
}

/// Events per multi-row INSERT (8 values each: well under SQLite's 32,766 and PostgreSQL's 65,535 binds).
const LOAD_ROWS: usize = 1_000;

impl Db {
    /// Moves a session's clock back by `ms` (when it was made and last used), as if that time had
    /// passed: how tests reach the console sessions' idle and absolute limits without waiting.
    pub async fn age_session(&self, token_hash: &str, ms: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query(
            "UPDATE sessions SET created_at_ms = created_at_ms - $1, last_seen_ms = COALESCE(last_seen_ms, created_at_ms) - $1 WHERE token_hash = $2",
        )
        .bind(ms).bind(token_hash).execute(p).await.map(|d| d.rows_affected()))
    }

    /// The course ids of a learner's stored fold (`learner_progress`), as the dashboard reads it.
    pub async fn stored_fold_courses(&self, learner_id: i64) -> Result<Vec<String>, sqlx::Error> {
        let text: Option<String> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT progress FROM learner_progress WHERE learner_id = $1")
            .bind(learner_id).fetch_optional(p).await)?;
        let progress: Progress = match text {
            Some(text) => serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            None => Progress::default(),
        };
        Ok(progress.courses.into_keys().collect())
    }

    /// A course row as a grading that credited it would leave it (known ledgers for tests and
    /// benches, without a pack for every competency type).
    /// Credits learning that is not a course (a training, a confirmed log entry) as its route would.
    pub async fn put_other_credit(&self, learner_id: i64, grant: &super::learner_credits::Grant<'_>) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        super::learner_credits::grant(&mut tx, learner_id, grant).await?;
        tx.commit().await
    }

    pub async fn put_credited(&self, learner_id: i64, course_id: &str, at_ms: i64, jp: u32, competency: lentera_protocol::Competency) -> Result<(), sqlx::Error> {
        use lentera_protocol::credit::{CourseCredit, Credited};
        let credited = Credited { version: 1, jp, competency, score: lentera_protocol::course::Score { correct: 1, total: 1 }, at_ms };
        let verdict = CourseCredit { course_id: course_id.into(), credited: Some(credited), not_credited: None, claimed_jp: Some(jp), claimed_best: None, claimed_at_ms: Some(at_ms) };
        let verdict = serde_json::to_string(&verdict).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let name = serde_json::to_value(competency).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        on_pool!(self.pool, p => sqlx::query(
            "INSERT INTO learner_courses (learner_id, course_id, completed_at_ms, completed_year, jp, status, verdict, claimed_jp, competency, credit_rev) \
             VALUES ($1, $2, $3, $4, $5, 'credited', $6, $5, $7, $8)",
        )
        .bind(learner_id)
        .bind(course_id)
        .bind(at_ms)
        .bind(i64::from(lentera_protocol::progress::year_of(at_ms)))
        .bind(i64::from(jp))
        .bind(&verdict)
        .bind(&name)
        .bind(super::credit::CREDIT_REV)
        .execute(p)
        .await
        .map(|_| ()))
    }

    pub async fn name_of(&self, learner_id: i64) -> Result<String, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT name FROM learners WHERE id = $1").bind(learner_id).fetch_one(p).await)
    }

    /// Every account's (id, NIP), by NIP.
    pub async fn people_by_nip(&self) -> Result<Vec<(i64, String)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT id, nip FROM learners ORDER BY nip").fetch_all(p).await)
    }

    pub async fn unit_id(&self, code: &str) -> Result<Option<i64>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT id FROM units WHERE code = $1").bind(code).fetch_optional(p).await)
    }

    /// Places a person in a unit directly (an admin's import does it for real).
    pub async fn place(&self, nip: &str, unit_id: Option<i64>) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE learners SET unit_id = $1 WHERE nip = $2").bind(unit_id).bind(nip).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Adds a supervisor to a unit, keeping the others, and makes a non-admin a supervisor.
    pub async fn add_supervisor(&self, unit_id: i64, learner_id: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("INSERT INTO unit_supervisors (unit_id, learner_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(unit_id)
            .bind(learner_id)
            .execute(&mut *c)
            .await.map(|d| d.rows_affected()))?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE learners SET role = 'supervisor' WHERE id = $1 AND role <> 'admin'")
            .bind(learner_id)
            .execute(&mut *c)
            .await.map(|d| d.rows_affected()))?;
        tx.commit().await
    }

    /// The person supervising `unit_id` who is placed in it, else the first by id.
    pub async fn head_of(&self, unit_id: i64) -> Result<Option<i64>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT s.learner_id FROM unit_supervisors s JOIN learners l ON l.id = s.learner_id \
             WHERE s.unit_id = $1 ORDER BY CASE WHEN l.unit_id = $1 THEN 0 ELSE 1 END, l.id LIMIT 1",
        )
        .bind(unit_id)
        .fetch_optional(p)
        .await)
    }

    /// Gives everyone the same password hash and ends pending activations (the demo's shared password).
    pub async fn set_everyones_password(&self, hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE learners SET password_hash = $1, activation_hash = NULL").bind(hash).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    pub async fn set_password_hash(&self, nip: &str, hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE learners SET password_hash = $1, activation_hash = NULL WHERE nip = $2")
            .bind(hash)
            .bind(nip)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Makes an account wait for activation with the code whose hash is given.
    pub async fn set_pending_activation(&self, nip: &str, code_hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE learners SET password_hash = '', activation_hash = $1 WHERE nip = $2")
            .bind(code_hash)
            .bind(nip)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Makes an account an admin of the whole tree (placed in no unit).
    pub async fn make_admin(&self, nip: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE learners SET role = 'admin', unit_id = NULL WHERE nip = $1").bind(nip).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// (NIP, name, role) of the admins, supervisors and the learners named, admins first.
    pub async fn accounts_to_print(&self, learners: [&str; 3]) -> Result<Vec<(String, String, String)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT nip, name, role FROM learners WHERE role IN ('admin', 'supervisor') OR nip IN ($1, $2, $3) \
             ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'supervisor' THEN 1 ELSE 2 END, name",
        )
        .bind(learners[0])
        .bind(learners[1])
        .bind(learners[2])
        .fetch_all(p)
        .await)
    }

    /// (password hash, activation code hash, position) as stored for `nip`.
    pub async fn stored_secrets(&self, nip: &str) -> Result<Option<(String, Option<String>, String)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as("SELECT password_hash, activation_hash, position FROM learners WHERE nip = $1")
            .bind(nip)
            .fetch_optional(p)
            .await)
    }

    /// Every stored session token hash.
    pub async fn session_token_hashes(&self) -> Result<Vec<String>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT token_hash FROM sessions ORDER BY id").fetch_all(p).await)
    }

    /// Removes every account that has nothing attached (a test's way to an empty database).
    pub async fn delete_all_people(&self) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("DELETE FROM learners").execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// How many learners have synced progress.
    pub async fn count_learners_with_progress(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT COUNT(*) FROM learner_progress WHERE events > 0").fetch_one(p).await)
    }

    pub async fn set_last_synced(&self, learner_id: i64, at_ms: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE learner_sync SET last_synced_ms = $1 WHERE learner_id = $2")
            .bind(at_ms)
            .bind(learner_id)
            .execute(p)
            .await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Moves every unit's standing due date (a test ages them past due).
    pub async fn set_standing_due_dates(&self, due_date: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("UPDATE unit_assignments SET due_date = $1").bind(due_date).execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    pub async fn delete_all_assignments(&self) -> Result<(), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query("DELETE FROM assignments").execute(p).await.map(|d| d.rows_affected()))?;
        Ok(())
    }

    /// Makes the database refuse to store the event with `id`, as a full disk would (tests only).
    pub async fn refuse_event(&self, id: &str) -> Result<(), sqlx::Error> {
        let quoted = id.replace('\'', "''");
        let statements = match self.dialect() {
            Dialect::Sqlite => vec![format!(
                "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.id = '{quoted}' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )],
            Dialect::Postgres => vec![
                format!(
                    "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                     IF NEW.id = '{quoted}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$"
                ),
                "CREATE TRIGGER refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse()".to_owned(),
            ],
        };
        for sql in statements {
            on_pool!(self.pool, p => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone())).execute(p).await.map(|d| d.rows_affected()))?;
        }
        Ok(())
    }

    /// Makes the database refuse every new row of `table` (one of a few known tables), as a full
    /// disk or a broken constraint would: how tests make a change or its audit entry fail.
    pub async fn refuse_inserts(&self, table: &str) -> Result<(), sqlx::Error> {
        assert!(["audit_log", "learners", "units", "assignments", "unit_assignments"].contains(&table), "a table the tests know");
        let statements = match self.dialect() {
            Dialect::Sqlite => vec![format!("CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused'); END")],
            Dialect::Postgres => vec![
                format!("CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"),
                format!("CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_{table}()"),
            ],
        };
        for sql in statements {
            on_pool!(self.pool, p => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone())).execute(p).await.map(|d| d.rows_affected()))?;
        }
        Ok(())
    }

    /// Undoes `refuse_event`.
    pub async fn allow_events(&self) -> Result<(), sqlx::Error> {
        let statements: &[&str] = match self.dialect() {
            Dialect::Sqlite => &["DROP TRIGGER refuse"],
            Dialect::Postgres => &["DROP TRIGGER refuse ON events", "DROP FUNCTION refuse()"],
        };
        for sql in statements {
            on_pool!(self.pool, p => sqlx::raw_sql(*sql).execute(p).await.map(|d| d.rows_affected()))?;
        }
        Ok(())
    }

    /// Stores many people's events at once with multi-row INSERTs, and each person's fold rows as
    /// their pushes would have left them (the same fold and the same row writers as a push), in one
    /// transaction: the dashboard bench's province loads in minutes, not the hours of single pushes.
    pub async fn load_history(&self, people: &[History]) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        let mut rows = Vec::new();
        for person in people {
            for event in &person.events {
                rows.push((person, event, super::events::columns(event)?));
            }
        }
        for chunk in rows.chunks(LOAD_ROWS) {
            on_tx!(&mut tx, c => {
                let mut insert = QueryBuilder::new(
                    "INSERT INTO events (id, device_id, kind, payload, device_time_ms, received_at_ms, learner_id, effective_time_ms) ",
                );
                insert.push_values(chunk, |mut b, (person, event, (kind, payload))| {
                    b.push_bind(event.id.to_string())
                        .push_bind(event.device_id.to_string())
                        .push_bind(*kind)
                        .push_bind(payload.clone())
                        .push_bind(event.device_time_ms)
                        .push_bind(person.received_at_ms)
                        .push_bind(person.learner_id)
                        .push_bind(event.device_time_ms.min(person.received_at_ms));
                });
                insert.build().execute(&mut *c).await.map(|d| d.rows_affected())
            })?;
        }
        for person in people {
            let effective: Vec<Event> = person
                .events
                .iter()
                .map(|e| Event { device_time_ms: e.device_time_ms.min(person.received_at_ms), ..e.clone() })
                .collect();
            let progress = Progress::fold(&effective);
            let count = i64::try_from(effective.len()).unwrap_or(i64::MAX);
            super::progress::store_fold(&mut tx, &self.rules, person.learner_id, &progress, count, person.received_at_ms).await?;
        }
        tx.commit().await
    }

    /// After a bulk load, what the engine's own upkeep would do before anyone reads: PostgreSQL's
    /// `VACUUM (ANALYZE)` (autovacuum would otherwise work through millions of fresh rows while
    /// the bench measures, and plan on stale statistics meanwhile). SQLite: nothing (the server
    /// never runs ANALYZE there, so neither does the bench).
    pub async fn settle_after_load(&self) -> Result<(), sqlx::Error> {
        match &self.pool {
            super::Pool::Sqlite(_) => Ok(()),
            super::Pool::Postgres(p) => sqlx::query("VACUUM (ANALYZE)").execute(p).await.map(|_| ()),
        }
    }

    /// The database's size on disk in bytes (SQLite: pages in use; PostgreSQL: `pg_database_size`).
    pub async fn size_bytes(&self) -> Result<i64, sqlx::Error> {
        let sql = match self.dialect() {
            Dialect::Sqlite => "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            Dialect::Postgres => "SELECT pg_database_size(current_database())",
        };
        on_pool!(self.pool, p => sqlx::query_scalar(sql).fetch_one(p).await)
    }

    /// The engine's version and the settings that bear on speed and durability, as (name, value).
    pub async fn engine_settings(&self) -> Result<Vec<(String, String)>, sqlx::Error> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT 'sqlite_version', sqlite_version() UNION ALL SELECT 'journal_mode', journal_mode FROM pragma_journal_mode() \
                 UNION ALL SELECT 'synchronous', CAST(synchronous AS TEXT) FROM pragma_synchronous() \
                 UNION ALL SELECT 'cache_size', CAST(cache_size AS TEXT) FROM pragma_cache_size()"
            }
            Dialect::Postgres => {
                "SELECT name, setting || COALESCE(unit, '') FROM pg_settings WHERE name IN \
                 ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', \
                  'effective_cache_size', 'max_parallel_workers_per_gather', 'jit') ORDER BY name"
            }
        };
        on_pool!(self.pool, p => sqlx::query_as(sql).fetch_all(p).await)
    }
}

/// Removes a database a bench or test made: the SQLite file (with its WAL), or the PostgreSQL
/// database (connecting to the server's `postgres` database to drop it).
pub async fn drop_database(location: &super::Location) -> Result<(), sqlx::Error> {
    match location {
        super::Location::Sqlite(path) => {
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.clone().into_os_string();
                file.push(suffix);
                let _ = std::fs::remove_file(file);
            }
            Ok(())
        }
        super::Location::Postgres(url) => {
            use sqlx::ConnectOptions;
            let options: sqlx::postgres::PgConnectOptions = url.parse()?;
            let Some(name) = options.get_database().map(str::to_owned) else { return Ok(()) };
            let mut admin = options.database("postgres").connect().await?;
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {quoted}"))).execute(&mut admin).await?;
            Ok(())
        }
    }
}

impl Db {
    /// (events, distinct event ids) held for the person with `nip`.
    pub async fn event_rows_of(&self, nip: &str) -> Result<(i64, i64), sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT id) FROM events WHERE learner_id = (SELECT id FROM learners WHERE nip = $1)",
        )
        .bind(nip)
        .fetch_one(p)
        .await)
    }

    /// "ok" when the database finds itself sound: SQLite's own integrity check; on PostgreSQL (which
    /// checks its pages itself), that no event id is held twice.
    pub async fn integrity_check(&self) -> Result<String, sqlx::Error> {
        match &self.pool {
            super::Pool::Sqlite(p) => sqlx::query_scalar("PRAGMA integrity_check").fetch_one(p).await,
            super::Pool::Postgres(p) => sqlx::query_scalar(
                "SELECT CASE WHEN COUNT(*) = COUNT(DISTINCT id) THEN 'ok' ELSE 'an event id is held twice' END FROM events",
            )
            .fetch_one(p)
            .await,
        }
    }
}

impl Db {
    /// Tries to rewrite and then to delete the audit log, as a careless script would; the errors.
    pub async fn tamper_with_audit_log(&self) -> (Result<u64, sqlx::Error>, Result<u64, sqlx::Error>) {
        let update = on_pool!(self.pool, p => sqlx::query("UPDATE audit_log SET actor_name = 'nobody'").execute(p).await.map(|d| d.rows_affected()));
        let delete = on_pool!(self.pool, p => sqlx::query("DELETE FROM audit_log").execute(p).await.map(|d| d.rows_affected()));
        (update, delete)
    }

    /// How many sessions of the person are live.
    pub async fn live_sessions(&self, nip: &str) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions s JOIN learners l ON l.id = s.learner_id WHERE l.nip = $1 AND s.revoked_at_ms IS NULL",
        )
        .bind(nip)
        .fetch_one(p)
        .await)
    }
}
