//! Courses on this device: the catalogue (cached for offline), downloaded packs, and downloading.

mod fetch;
pub mod storage;

use crate::store::{Store, StoreError, StoredPack};
use leptos::prelude::*;
use lentera_protocol::{CoursePack, CourseSummary, CreditRule, PREFETCH_LIMIT_BYTES};
use std::collections::BTreeMap;

const PERSIST_ASKED_KEY: &str = "persist_asked";

/// Where the catalogue on screen came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogueSource {
    /// Nothing stored and the server not reached yet.
    Never,
    /// The copy stored on the phone.
    Phone,
    /// Fetched from the server just now.
    Server,
}

/// A downloaded pack, in brief: enough for lists without reading whole packs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloaded {
    pub hash: String,
    pub title: String,
    pub jp: u32,
    /// (lesson id, title), in order.
    pub lessons: Vec<(String, String)>,
    /// What the server's credit rule needs of this version (JP, lessons, answer key), for the
    /// phone's preview of what a sync will credit.
    pub rule: CreditRule,
}

impl Downloaded {
    fn of(stored: &StoredPack) -> Downloaded {
        let pack = &stored.pack;
        Downloaded {
            hash: stored.hash.clone(),
            title: pack.title.clone(),
            jp: pack.jp,
            lessons: pack.lessons.iter().map(|l| (l.id.clone(), l.title.clone())).collect(),
            rule: CreditRule::of(pack),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DownloadError {
    /// The phone (or the browser's share of it) is full.
    Full,
    Network,
    Storage,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CourseState {
    NotDownloaded,
    Downloading { percent: u32 },
    Ready,
    UpdateAvailable,
}

#[derive(Clone, Copy)]
pub struct Library {
    pub catalogue: RwSignal<Vec<CourseSummary>>,
    pub source: RwSignal<CatalogueSource>,
    pub downloaded: RwSignal<BTreeMap<String, Downloaded>>,
    downloading: RwSignal<BTreeMap<String, u32>>,
    pub failed: RwSignal<BTreeMap<String, DownloadError>>,
    /// (used, quota) bytes.
    pub space: RwSignal<Option<(f64, f64)>>,
}

impl Library {
    pub fn provide() -> Library {
        let library = Library {
            catalogue: RwSignal::new(Vec::new()),
            source: RwSignal::new(CatalogueSource::Never),
            downloaded: RwSignal::new(BTreeMap::new()),
            downloading: RwSignal::new(BTreeMap::new()),
            failed: RwSignal::new(BTreeMap::new()),
            space: RwSignal::new(None),
        };
        provide_context(library);
        library
    }

    /// Reads the stored catalogue and the list of downloads.
    pub async fn load(&self, store: &Store) -> Result<(), StoreError> {
        let catalogue = store.catalogue().await?;
        if !catalogue.is_empty() {
            self.catalogue.set(sorted(catalogue));
            self.source.set(CatalogueSource::Phone);
        }
        // Inserted one by one: collecting into a map would compile in a sort.
        let mut downloaded = BTreeMap::new();
        for pack in &store.packs().await? {
            downloaded.insert(pack.id.clone(), Downloaded::of(pack));
        }
        self.downloaded.set(downloaded);
        Ok(())
    }

    /// Fetches the catalogue when there is a connection; offline, the stored copy stays.
    pub async fn refresh(&self, store: &Store) {
        if let Ok(catalogue) = fetch::catalogue("/api/courses", None).await {
            let courses = sorted(catalogue.courses);
            let _ = store.put_catalogue(&courses).await;
            self.catalogue.set(courses);
            self.source.set(CatalogueSource::Server);
        }
        self.space.set(storage::estimate().await);
    }

    pub fn state(&self, course: &CourseSummary) -> CourseState {
        if let Some(percent) = self.downloading.with(|d| d.get(&course.id).copied()) {
            return CourseState::Downloading { percent };
        }
        match self.downloaded.with(|d| d.get(&course.id).map(|p| p.hash == course.hash)) {
            None => CourseState::NotDownloaded,
            Some(true) => CourseState::Ready,
            Some(false) => CourseState::UpdateAvailable,
        }
    }

    /// Downloads (or updates) a course; what is already stored stays intact if anything fails.
    pub async fn download(&self, store: &Store, course: &CourseSummary) {
        let id = course.id.clone();
        self.failed.update(|f| {
            f.remove(&id);
        });
        self.downloading.update(|d| {
            d.insert(id.clone(), 0);
        });
        if !store.meta::<bool>(PERSIST_ASKED_KEY).await.ok().flatten().unwrap_or(false) {
            storage::request_persistence().await;
            let _ = store.set_meta(PERSIST_ASKED_KEY, &true).await;
        }
        let total = course.pack_bytes.max(1);
        let downloading = self.downloading;
        let progress_id = id.clone();
        let result = match fetch::pack(&id, |received| {
            let percent = (received.saturating_mul(100) / total).min(99) as u32;
            downloading.update(|d| {
                d.insert(progress_id.clone(), percent);
            });
        })
        .await
        {
            Err(_) => Err(DownloadError::Network),
            Ok((pack, hash, json)) => self.save(store, pack, hash, json).await,
        };
        self.downloading.update(|d| {
            d.remove(&id);
        });
        if let Err(error) = result {
            self.failed.update(|f| {
                f.insert(id, error);
            });
        }
        self.space.set(storage::estimate().await);
    }

    async fn save(&self, store: &Store, pack: CoursePack, hash: String, json: String) -> Result<(), DownloadError> {
        let stored = StoredPack { id: pack.id.clone(), hash, pack, json };
        store.put_pack(&stored).await.map_err(|e| match e {
            StoreError::QuotaExceeded => DownloadError::Full,
            _ => DownloadError::Storage,
        })?;
        self.downloaded.update(|d| {
            d.insert(stored.id.clone(), Downloaded::of(&stored));
        });
        Ok(())
    }

    /// Downloads, one at a time, the packs the server says this phone should hold (assigned courses,
    /// a registered training's pre-reading), stopping before PREFETCH_LIMIT_BYTES or when less than
    /// twice the pack is free; then tells the server what the phone holds. A failure waits for the next sync.
    pub async fn prefetch(&self, store: &Store, token: &str) {
        let Ok(list) = fetch::catalogue(crate::sw_contract::PREFETCH_PATH, Some(token)).await else { return };
        // Another bundle (the plan pages) syncs too, with nothing loaded yet.
        if self.downloaded.with_untracked(BTreeMap::is_empty) {
            let _ = self.load(store).await;
        }
        let mut left = PREFETCH_LIMIT_BYTES;
        for course in &list.courses {
            let Some(rest) = left.checked_sub(course.pack_bytes) else { break };
            left = rest;
            if self.state(course) == CourseState::Ready {
                continue;
            }
            if storage::estimate().await.is_some_and(|(used, quota)| quota - used < 2.0 * course.pack_bytes as f64) {
                break;
            }
            self.download(store, course).await;
        }
        // Written by hand (course ids are plain slugs): a serializer for one more struct would cost the first load.
        let mut held = String::new();
        self.downloaded.with_untracked(|d| {
            for (id, p) in d {
                held += &format!(",{{\"id\":\"{id}\",\"version\":{}}}", p.rule.version);
            }
        });
        let body = format!("{{\"courses\":[{}]}}", held.get(1..).unwrap_or_default());
        let _ = crate::net::call("POST", "/api/prefetch/held", Some(token), Some(body)).await;
    }

    /// Frees the space of a download; progress is kept in the event log.
    pub async fn remove(&self, store: &Store, id: &str) -> Result<(), StoreError> {
        store.delete_pack(id).await?;
        self.downloaded.update(|d| {
            d.remove(id);
        });
        self.space.set(storage::estimate().await);
        Ok(())
    }
}

/// By title. An insertion sort: a catalogue is tens of courses, and the standard library's
/// generic sort would add kilobytes to the wasm.
fn sorted(mut courses: Vec<CourseSummary>) -> Vec<CourseSummary> {
    for i in 1..courses.len() {
        let mut j = i;
        while j > 0 && courses[j - 1].title > courses[j].title {
            courses.swap(j - 1, j);
            j -= 1;
        }
    }
    courses
}

pub fn use_library() -> Library {
    use_context::<Library>().unwrap_or_else(Library::provide)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lentera_protocol::Competency;

    fn course(id: &str, title: &str) -> CourseSummary {
        CourseSummary {
            id: id.into(),
            title: title.into(),
            summary: String::new(),
            competency: Competency::Teknis,
            pillars: vec![],
            jp: 1,
            version: 1,
            lessons: 1,
            questions: 1,
            hash: String::new(),
            download_bytes: 1,
            pack_bytes: 1,
        }
    }

    #[test]
    fn the_catalogue_is_ordered_by_title_and_equal_titles_keep_their_order() {
        let ids = |courses: Vec<CourseSummary>| courses.into_iter().map(|c| c.id).collect::<Vec<_>>();
        let given = vec![course("c", "Etika"), course("a", "Analisis"), course("e1", "Etika"), course("z", "Budaya")];
        assert_eq!(ids(sorted(given)), ["a", "z", "c", "e1"]);
        assert_eq!(ids(sorted(vec![])), Vec::<String>::new());
    }
}
