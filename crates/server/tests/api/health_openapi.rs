//! The server says it is alive, and describes its API from the handlers' own types.

use crate::common;

use common::*;

#[tokio::test]
async fn health_reports_status_version_and_database() {
    let server = TestServer::start().await;
    let response = server.http.get(server.url("/api/health")).send().await.expect("answered");
    assert_eq!(response.status(), 200);
    let health: lentera_protocol::Health = response.json().await.expect("health JSON");
    assert_eq!(health.status, "ok");
    assert_eq!(health.database, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn health_says_when_the_database_is_gone() {
    let server = TestServer::start().await;
    server.db.close().await;
    let health: lentera_protocol::Health =
        server.http.get(server.url("/api/health")).send().await.expect("answered").json().await.expect("json");
    assert_eq!(health.database, "unavailable");
}

#[tokio::test]
async fn openapi_documents_every_route_with_its_schemas() {
    let server = TestServer::start().await;
    let doc: serde_json::Value =
        server.http.get(server.url("/api/openapi.json")).send().await.expect("answered").json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    assert!(doc["paths"]["/api/health"]["get"].is_object(), "{doc}");
    let push = &doc["paths"]["/api/sync/push"]["post"];
    assert!(push["responses"]["413"].is_object(), "{push}");
    for schema in ["PushRequest", "PushResponse", "Event", "EventBody", "ApiErrorBody", "Health"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "schema {schema} missing");
    }
}

#[tokio::test]
async fn shutdown_waits_for_the_server_to_end_cleanly() {
    let server = TestServer::start().await;
    let addr = server.addr;
    server.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "still accepting after shutdown");
}
