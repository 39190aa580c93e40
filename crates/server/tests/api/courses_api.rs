//! The catalogue and pack downloads over real HTTP.

use crate::common;

use common::{TestServer, error_of};
use lentera_protocol::{Catalogue, CoursePack};

#[tokio::test]
async fn the_catalogue_lists_each_course_with_its_download_size_and_hash() {
    let server = TestServer::start().await;
    let response = server.http.get(server.url("/api/courses")).send().await.expect("answered");
    assert_eq!(response.status(), 200);
    let catalogue: Catalogue = response.json().await.expect("catalogue JSON");
    let course = &catalogue.courses[0];
    assert_eq!((course.id.as_str(), course.jp, course.lessons, course.questions), ("uji-coba", 2, 4, 8));
    assert!(course.download_bytes > 0 && course.hash.len() == 16);
    server.shutdown().await;
}

#[tokio::test]
async fn a_pack_downloads_brotli_compressed_with_its_hash_as_etag() {
    let server = TestServer::start().await;
    let catalogue: Catalogue = server.http.get(server.url("/api/courses")).send().await.expect("ok").json().await.expect("json");
    let summary = &catalogue.courses[0];
    let no_decompress = reqwest::Client::builder().no_proxy().build().expect("client");
    let raw = no_decompress
        .get(server.url("/api/courses/uji-coba/pack"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("answered");
    assert_eq!(raw.status(), 200);
    assert_eq!(raw.headers()["content-encoding"], "br");
    assert_eq!(raw.headers()["etag"], format!("\"{}\"", summary.hash));
    assert_eq!(raw.bytes().await.expect("body").len() as u64, summary.download_bytes);

    let plain = server.http.get(server.url("/api/courses/uji-coba/pack")).header("accept-encoding", "identity").send().await.expect("ok");
    let pack: CoursePack = plain.json().await.expect("pack JSON");
    assert_eq!(pack.lessons.len(), 4);
    assert!(pack.lessons[0].html.contains("src=\"data:image/svg+xml;base64,"), "image embedded");
    server.shutdown().await;
}

#[tokio::test]
async fn a_device_holding_the_current_pack_gets_not_modified() {
    let server = TestServer::start().await;
    let first = server.http.get(server.url("/api/courses/uji-coba/pack")).send().await.expect("ok");
    let etag = first.headers()["etag"].clone();
    let again = server.http.get(server.url("/api/courses/uji-coba/pack")).header("if-none-match", etag).send().await.expect("ok");
    assert_eq!(again.status(), 304);
    server.shutdown().await;
}

#[tokio::test]
async fn an_unknown_course_is_a_json_404() {
    let server = TestServer::start().await;
    let response = server.http.get(server.url("/api/courses/tidak-ada/pack")).send().await.expect("answered");
    assert_eq!(response.status(), 404);
    assert_eq!(error_of(response).await.0, "not_found");
    server.shutdown().await;
}
