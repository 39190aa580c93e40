//! `lentera-server backup FILE`: a copy a BKPSDM can keep, taken while learners sync.

use crate::common::{TestServer, batch, device, events};
use lentera_server::db::{Db, Dialect, Location};
use reqwest::StatusCode;

#[tokio::test]
async fn a_backup_taken_while_the_server_runs_holds_every_synced_event() {
    let server = TestServer::start().await;
    let dev = device(3);
    assert_eq!(server.push(&batch(dev, events(dev, 40, 3))).await.status(), StatusCode::OK);
    let file = server.dir.path().join("cadangan.db");
    match server.db.dialect() {
        Dialect::Sqlite => {
            server.db.backup(&file).await.expect("backup written");
            let copy = Db::open(&Location::Sqlite(file.clone())).await.expect("the backup opens as a database");
            assert_eq!(copy.count_events().await.expect("count"), 40);
            assert_eq!(copy.integrity_check().await.expect("check"), "ok");
            let again = server.db.backup(&file).await.expect_err("an existing file is never overwritten");
            assert!(again.contains("exists"), "{again}");
        }
        Dialect::Postgres => {
            let told = server.db.backup(&file).await.expect_err("PostgreSQL has its own tool");
            assert!(told.contains("pg_dump"), "{told}");
        }
    }
    server.shutdown().await;
}
