//! The pack cache: a start with unchanged sources serves exactly the bytes a fresh build would;
//! any change to a source is rebuilt, never served stale; a broken pack still stops the start.

use crate::common;

use common::TestServer;
use common::pack::write_pack;
use lentera_server::content::{Library, Origin, load_for_start};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Site {
    root: tempfile::TempDir,
}

impl Site {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        write_pack(&root.path().join("content"));
        Self { root }
    }

    fn content(&self) -> PathBuf {
        self.root.path().join("content")
    }

    fn pack(&self) -> PathBuf {
        self.content().join("uji-coba")
    }

    fn cache(&self) -> PathBuf {
        self.root.path().join("data/cache")
    }

    fn load(&self) -> (Library, Origin) {
        Library::load_cached(&self.content(), &self.cache()).unwrap_or_else(|e| panic!("loads: {e:?}"))
    }
}

/// Rewrites `file` with one replacement, keeping its size and its modification time, so only
/// the bytes tell the change.
fn edit_in_place(file: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len(), "an edit that keeps the size");
    let modified = std::fs::metadata(file).and_then(|m| m.modified()).expect("mtime");
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
    std::fs::File::options().write(true).open(file).and_then(|f| f.set_modified(modified)).expect("mtime kept");
}

fn assert_same(a: &Library, b: &Library) {
    assert_eq!(a.packs.keys().collect::<Vec<_>>(), b.packs.keys().collect::<Vec<_>>());
    for (id, built) in &a.packs {
        let other = &b.packs[id];
        assert!(built.json == other.json, "{id}: JSON bytes differ");
        assert!(built.brotli == other.brotli, "{id}: brotli bytes differ");
        assert_eq!(built.summary, other.summary, "{id}");
        assert_eq!(built.pack, other.pack, "{id}");
    }
}

#[tokio::test]
async fn a_cached_start_serves_byte_identical_packs() {
    let site = Site::new();
    let (built, origin) = site.load();
    assert!(matches!(origin, Origin::Stored(_)), "the first start builds and stores: {origin:?}");
    let (cached, origin) = site.load();
    assert!(matches!(origin, Origin::Cached(_)), "the second start reads the cache: {origin:?}");
    assert_same(&cached, &built);
    assert_same(&cached, &Library::load(&site.content()).expect("valid"));

    let expected = &built.packs["uji-coba"];
    let server = TestServer::start_serving(cached).await;
    let raw = reqwest::Client::builder().no_proxy().build().expect("client");
    let br = raw.get(server.url("/api/courses/uji-coba/pack")).header("accept-encoding", "br").send().await.expect("answered");
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["etag"], format!("\"{}\"", expected.summary.hash));
    assert!(br.bytes().await.expect("body") == expected.brotli, "brotli body as built");
    let plain = raw.get(server.url("/api/courses/uji-coba/pack")).header("accept-encoding", "identity").send().await.expect("answered");
    assert!(plain.bytes().await.expect("body") == expected.json, "JSON body as built");
    server.shutdown().await;
}

#[test]
fn a_changed_source_is_rebuilt_never_served_stale() {
    let site = Site::new();
    let (first, _) = site.load();
    let before = &first.packs["uji-coba"];

    // A lesson's text, same size and same mtime.
    edit_in_place(&site.pack().join("02-dua.md"), "# Pelajaran 02-dua", "# Pelajaran 02-DUA");
    let (second, origin) = site.load();
    assert!(matches!(origin, Origin::Stored(_)), "rebuilt: {origin:?}");
    let after = &second.packs["uji-coba"];
    assert_eq!(after.pack.lessons[1].title, "Pelajaran 02-DUA");
    assert_ne!(after.summary.hash, before.summary.hash);
    assert_same(&second, &Library::load(&site.content()).expect("valid"));

    // An embedded image: same size, other bytes.
    edit_in_place(&site.pack().join("images/alur.svg"), "width=\"10\"", "width=\"9.\"");
    let (third, origin) = site.load();
    assert!(matches!(origin, Origin::Stored(_)), "rebuilt: {origin:?}");
    assert_ne!(third.packs["uji-coba"].pack.lessons[0].html, after.pack.lessons[0].html);
    assert_same(&third, &Library::load(&site.content()).expect("valid"));

    // A new pack folder.
    let extra = tempfile::tempdir().expect("temp dir");
    let copy = write_pack(extra.path());
    let twin = site.content().join("uji-dua");
    std::fs::rename(&copy, &twin).expect("move");
    let course = std::fs::read_to_string(twin.join("course.toml")).expect("read").replace("id = \"uji-coba\"", "id = \"uji-dua\"");
    std::fs::write(twin.join("course.toml"), course).expect("write");
    let (fourth, origin) = site.load();
    assert!(matches!(origin, Origin::Stored(_)), "rebuilt: {origin:?}");
    assert_eq!(fourth.packs.len(), 2);

    // Only the current build is kept.
    let files: Vec<_> = std::fs::read_dir(site.cache()).expect("cache dir").filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
}

#[test]
fn a_broken_pack_behind_a_stale_cache_still_stops_the_start() {
    let site = Site::new();
    let (_, origin) = site.load();
    assert!(matches!(origin, Origin::Stored(_)));
    let quiz = site.pack().join("quiz.toml");
    let text = std::fs::read_to_string(&quiz).expect("read").replacen("answer = false", "# answer removed", 1);
    std::fs::write(&quiz, text).expect("write");
    let errors = Library::load_cached(&site.content(), &site.cache()).expect_err("refused");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].file.as_path(), errors[0].line), (quiz.as_path(), 9));
    let message = load_for_start(&site.content(), &site.cache(), || {}).expect_err("the start stops");
    assert!(message.contains(&format!("{}:9: question \"q2\" has no correct answer", quiz.display())), "{message}");
}

#[test]
fn a_damaged_cache_file_is_ignored_and_rebuilt() {
    let site = Site::new();
    let (built, origin) = site.load();
    let Origin::Stored(file) = origin else { panic!("stored: {origin:?}") };
    let mut bytes = std::fs::read(&file).expect("cache file");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&file, &bytes).expect("damage");
    let (again, origin) = site.load();
    assert_eq!(origin, Origin::Stored(file.clone()), "rebuilt and stored again");
    assert_same(&again, &built);
    std::fs::write(&file, &bytes[..100]).expect("truncate");
    let (again, origin) = site.load();
    assert!(matches!(origin, Origin::Stored(_)), "{origin:?}");
    assert_same(&again, &built);
}

#[test]
fn a_cache_that_cannot_be_written_only_costs_time() {
    let site = Site::new();
    std::fs::create_dir_all(site.root.path().join("data")).expect("data dir");
    std::fs::write(site.cache(), "a file where the cache folder would be").expect("blocker");
    let (library, origin) = site.load();
    assert!(matches!(origin, Origin::NotStored(_)), "{origin:?}");
    assert_same(&library, &Library::load(&site.content()).expect("valid"));
}

/// The server binary: `(exit status if it ended, stdout, stderr)`; a server that comes up is
/// killed once it says where it listens.
fn run_server(site: &Site, dist: &Path) -> (Option<std::process::ExitStatus>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lentera-server"))
        .args(["--port", "0", "--db"])
        .arg(site.root.path().join("data/lentera.db"))
        .arg("--dist")
        .arg(dist)
        .arg("--content")
        .arg(site.content())
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let mut out = String::new();
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines().map_while(Result::ok) {
        out += &line;
        out.push('\n');
        if line.contains("Lentera berjalan di http://") {
            child.kill().expect("stop the server");
            break;
        }
    }
    let status = child.wait().expect("reaped");
    let mut err = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("stderr read");
    let ended = if out.contains("Lentera berjalan") { None } else { Some(status) };
    (ended, out, err)
}

#[tokio::test]
async fn the_server_binary_starts_from_its_cache_and_still_refuses_a_broken_pack() {
    let site = Site::new();
    let dist = site.root.path().join("dist");
    std::fs::create_dir_all(&dist).expect("dist");
    std::fs::write(dist.join("index.html"), "<!doctype html>").expect("index");
    // An existing database with an account: no demo data to create.
    let db = lentera_server::db::Db::open(&lentera_server::db::Location::Sqlite(site.root.path().join("data/lentera.db"))).await.expect("database");
    let hash = lentera_server::auth::hash_password(common::PASSWORD).expect("hash");
    let nip = lentera_protocol::Nip::parse(common::LEARNER_NIP).expect("nip");
    let new = lentera_server::db::accounts::NewLearner { nip: &nip, name: "Rahmat", unit: "Kecamatan Curug", role: "learner", password_hash: &hash };
    db.create_learner(&new, 0).await.expect("learner");
    db.close().await;

    // A cold cache is filled by a child run of the binary; the server itself then loads the file.
    let (ended, out, err) = run_server(&site, &dist);
    assert_eq!(ended, None, "came up:\n{out}\n{err}");
    assert!(out.contains("dibangun, disimpan di") && out.contains(&site.cache().display().to_string()), "{out}");
    let built = out.find("dibangun, disimpan di").unwrap_or(usize::MAX);
    assert!(out.find("(dari cache ").is_some_and(|loaded| loaded > built), "the server loads what the child built:\n{out}");
    let (ended, out, err) = run_server(&site, &dist);
    assert_eq!(ended, None, "came up:\n{out}\n{err}");
    assert!(out.contains("1 kursus siap dari") && out.contains("(dari cache "), "{out}");

    let quiz = site.pack().join("quiz.toml");
    let text = std::fs::read_to_string(&quiz).expect("read").replacen("answer = false", "# answer removed", 1);
    std::fs::write(&quiz, text).expect("write");
    let (ended, out, err) = run_server(&site, &dist);
    assert!(ended.is_some_and(|s| !s.success()), "refused:\n{out}\n{err}");
    assert!(err.contains("1 error(s) in the course packs") && err.contains("quiz.toml:9:"), "{err}");
    assert_eq!(err.matches("error(s) in the course packs").count(), 1, "said once, by the server:\n{err}");
}
