//! The state behind a CSV import box: the chosen file's bytes, one POST, and the server's answer
//! (the accepted summary, or the lines it refused), shared by every page that imports a file.

use crate::api;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

/// One import box's signals; `T` is the accepted answer, `R` the refusal sent with status 422.
pub struct CsvUpload<T: Send + Sync + 'static, R: Send + Sync + 'static> {
    file: RwSignal<Option<Vec<u8>>>,
    pub outcome: RwSignal<Option<Result<T, R>>>,
    pub busy: RwSignal<bool>,
    pub problem: RwSignal<Option<Key>>,
}

impl<T: Send + Sync + 'static, R: Send + Sync + 'static> Clone for CsvUpload<T, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static, R: Send + Sync + 'static> Copy for CsvUpload<T, R> {}

impl<T: DeserializeOwned + Send + Sync + 'static, R: DeserializeOwned + Send + Sync + 'static> CsvUpload<T, R> {
    pub fn new() -> Self {
        CsvUpload { file: RwSignal::new(None), outcome: RwSignal::new(None), busy: RwSignal::new(false), problem: RwSignal::new(None) }
    }

    /// The file input's `change`: reads the chosen file and forgets the previous answer.
    pub fn choose(self, ev: leptos::ev::Event) {
        self.outcome.set(None);
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let file = self.file;
        spawn_local(async move { file.try_set(read_file(input).await); });
    }

    /// The form's `submit`: posts the file to `path`, then `reload`s the page's data if it was taken.
    pub fn submit(self, ev: leptos::ev::SubmitEvent, path: &'static str, reload: impl Fn() + 'static) {
        ev.prevent_default();
        let Some(bytes) = self.file.get_untracked() else { return self.problem.set(Some(Key::ChooseFileFirst)) };
        self.problem.set(None);
        self.busy.set(true);
        self.outcome.set(None);
        spawn_local(async move {
            let answer = api::json_or::<T, R>("POST", path, api::Body::Csv(&bytes), 422).await;
            self.busy.try_set(false);
            if matches!(answer, Some(Ok(_))) {
                reload();
            }
            self.outcome.try_set(answer);
        });
    }
}

/// The chosen file's bytes, read with `File.arrayBuffer()`.
async fn read_file(input: web_sys::HtmlInputElement) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
