//! A database from before migration 0010 (course figures in `learner_sync`) comes through it with
//! every dashboard figure as it was: on SQLite, and on PostgreSQL when `LENTERA_TEST_PG` names one.

use super::dashboard::Day;
use super::{Db, Location};

/// Two people as the pushes of an older server left them: Ana with a sync row, courses completed
/// last year and this year and one in progress; Budi with courses but no sync row (never counted
/// as synced); Citra with nothing.
const OLDER: [&str; 4] = [
    "INSERT INTO units (id, code, name) VALUES (1, 'U', 'Unit')",
    "INSERT INTO learners (id, nip, name, unit, role, password_hash, created_at_ms, unit_id) VALUES \
     (1, '198503122010011001', 'Ana', '', 'learner', '', 0, 1), (2, '198503122010011002', 'Budi', '', 'learner', '', 0, 1), \
     (3, '198503122010011003', 'Citra', '', 'learner', '', 0, 1)",
    "INSERT INTO learner_courses (learner_id, course_id, completed_at_ms, completed_year, jp) VALUES \
     (1, 'a', 1, $1 - 1, 3), (1, 'b', 2, $1, 2), (1, 'c', 3, $1, 4), (1, 'd', NULL, NULL, 0), (2, 'a', 1, $1 - 1, 5)",
    "INSERT INTO learner_sync (learner_id, last_synced_ms, storage_warning) VALUES (1, 1000, 'penuh')",
];

async fn older_database(location: &Location, year: i64) {
    match location {
        Location::Sqlite(path) => {
            let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).create_if_missing(true).foreign_keys(true);
            let pool = sqlx::SqlitePool::connect_with(options).await.expect("open");
            sqlx::migrate!("./migrations/sqlite").run_to(9, &pool).await.expect("migrations 1-9");
            for sql in OLDER {
                let query = sqlx::query(sql);
                let query = if sql.contains("$1") { query.bind(year) } else { query };
                query.execute(&pool).await.expect(sql);
            }
            pool.close().await;
        }
        Location::Postgres(url) => {
            let base = url.rsplit_once('/').expect("database in the URL").0;
            let name = url.rsplit_once('/').expect("name").1;
            let admin = sqlx::PgPool::connect(&format!("{base}/postgres")).await.expect("server");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.expect("create");
            admin.close().await;
            let pool = sqlx::PgPool::connect(url).await.expect("open");
            sqlx::migrate!("./migrations/postgres").run_to(9, &pool).await.expect("migrations 1-9");
            for sql in OLDER {
                let query = sqlx::query(sql);
                let query = if sql.contains("$1") { query.bind(year) } else { query };
                query.execute(&pool).await.expect(sql);
            }
            pool.close().await;
        }
    }
}

async fn upgraded_figures_are_the_same(location: Location) {
    let day = Day::of(crate::now_ms());
    older_database(&location, i64::from(day.year)).await;
    let db = Db::open(&location).await.expect("migrated to the last version");
    let figures = db.staff_figures(&[1, 2, 3], &day).await.expect("figures");
    type Line<'a> = (&'a str, i64, i64, i64, Option<i64>, Option<&'a str>);
    let got: Vec<Line> = figures
        .iter()
        .map(|f| (f.name.as_str(), f.jp, f.completed, f.in_progress, f.last_synced_ms, f.storage_warning.as_deref()))
        .collect();
    assert_eq!(got, [("Ana", 6, 3, 1, Some(1000), Some("penuh")), ("Budi", 0, 1, 0, None, None), ("Citra", 0, 0, 0, None, None)]);
    let totals = db.unit_totals(super::dashboard::InView::Units(&[1]), &day).await.expect("totals");
    assert_eq!((totals[0].staff, totals[0].jp, totals[0].stale), (3, 6, 3));
    // Last year's dashboard (not one the routes ask for) still reads the course rows.
    let last_year = Day { year: day.year - 1, ..day.clone() };
    let old: Vec<i64> = db.staff_figures(&[1, 2, 3], &last_year).await.expect("figures").iter().map(|f| f.jp).collect();
    assert_eq!(old, [3, 5, 0]);
    db.close().await;
}

#[tokio::test]
async fn an_older_sqlite_database_keeps_its_figures_through_migration_10() {
    let dir = tempfile::tempdir().expect("temp dir");
    upgraded_figures_are_the_same(Location::Sqlite(dir.path().join("older.db"))).await;
}

#[tokio::test]
async fn an_older_postgres_database_keeps_its_figures_through_migration_10() {
    let Some(base) = std::env::var("LENTERA_TEST_PG").ok().filter(|b| !b.is_empty()) else { return };
    let name = format!("upgrade_{}_{}", std::process::id(), crate::now_ms());
    upgraded_figures_are_the_same(Location::Postgres(format!("{}/{name}", base.trim_end_matches('/')))).await;
}
