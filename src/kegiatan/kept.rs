//! The server's lists as last fetched (`GET /api/trainings/mine`, `GET /api/log/mine`, the idea
//! rounds and `GET /api/ideas/mine`), kept in the
//! settings store with the NIP they belong to and when they came, so the page opens with no signal,
//! says how old its copy is, and never shows another learner's copy on a shared phone.

use crate::store::js::object;
use crate::store::{Store, StoreError, ToMeta};
use crate::sync::{SyncError, client};
use lentera_protocol::activity::{LogEntry, MyTrainings};
use lentera_protocol::idea::{IdeaRound, MyIdea};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// One list the phone keeps: its settings key and where it is asked for.
#[derive(Clone, Copy)]
pub struct List {
    key: &'static str,
    pub path: &'static str,
}

pub const TRAININGS: List = List { key: "kegiatan_trainings", path: "/api/trainings/mine" };
pub const LOG: List = List { key: "kegiatan_log", path: "/api/log/mine" };
pub const EVALUATION: List = List { key: "kegiatan_evaluation", path: "/api/evaluation/mine" };
pub const IDEA_ROUNDS: List = List { key: "kegiatan_idea_rounds", path: "/api/ideas/rounds" };
pub const IDEAS: List = List { key: "kegiatan_ideas", path: "/api/ideas/mine" };

/// A list as kept: the value and when the server sent it (Unix ms).
#[derive(Clone, Debug, PartialEq)]
pub struct Kept<T> {
    pub value: T,
    pub at_ms: i64,
}

struct Record<'a> {
    nip: &'a str,
    json: &'a str,
    at_ms: i64,
}

impl ToMeta for Record<'_> {
    fn to_js(&self) -> JsValue {
        object(&[("nip", self.nip.into()), ("json", self.json.into()), ("at", (self.at_ms as f64).into())])
    }
}

/// The copy of `list` kept for `nip`, if there is one that reads.
pub async fn kept<T: DeserializeOwned>(store: &Store, list: List, nip: &str) -> Result<Option<Kept<T>>, StoreError> {
    let Some(value) = store.meta_value(list.key).await? else { return Ok(None) };
    let field = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok();
    if field("nip").and_then(|v| v.as_string()).as_deref() != Some(nip) {
        return Ok(None);
    }
    let at_ms = field("at").and_then(|v| v.as_f64()).unwrap_or(0.0) as i64;
    Ok(field("json").and_then(|v| v.as_string()).and_then(|json| serde_json::from_str(&json).ok()).map(|value| Kept { value, at_ms }))
}

/// Fetches `list` with `token` and keeps it once it reads.
pub async fn fetch<T: DeserializeOwned>(store: &Store, list: List, token: &str, nip: &str) -> Result<Kept<T>, SyncError> {
    let reply = crate::net::call("GET", list.path, Some(token), None).await.map_err(|()| SyncError::Unreachable)?;
    if !reply.ok() {
        return Err(client::refusal(reply));
    }
    let value: T = client::parse(&reply.text)?;
    let at_ms = crate::device::now_ms();
    store.set_meta(list.key, &Record { nip, json: &reply.text, at_ms }).await?;
    Ok(Kept { value, at_ms })
}

/// The lists' types, named once.
pub type Trainings = Kept<MyTrainings>;
pub type Log = Kept<Vec<LogEntry>>;
pub type Evaluation = Kept<Vec<lentera_protocol::reaction::MySubject>>;
pub type Rounds = Kept<Vec<IdeaRound>>;
pub type Ideas = Kept<Vec<MyIdea>>;
