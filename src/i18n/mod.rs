//! UI text in Bahasa Indonesia (default) and English: one catalogue per language.

mod en;
mod id;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

/// Every UI string has a key; each catalogue must answer every key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Tagline,
    IntroTitle,
    IntroBody,
    IntroJp,
    IntroOffline,
    IntroSync,
    IntroStart,
    StartedTitle,
    StartedBody,
    Online,
    Offline,
    OfflineHint,
    Pending,
    AllSynced,
    LastSynced,
    NeverSynced,
    SyncNow,
    Syncing,
    SyncFailed,
    UpdateAvailable,
    Reload,
    SwitchLanguage,
    StorageFull,
    StorageUnavailable,
    StorageError,
    JustNow,
    MinutesAgo,
    HoursAgo,
    DaysAgo,
}

impl Key {
    pub const ALL: [Key; 29] = [
        Key::Tagline,
        Key::IntroTitle,
        Key::IntroBody,
        Key::IntroJp,
        Key::IntroOffline,
        Key::IntroSync,
        Key::IntroStart,
        Key::StartedTitle,
        Key::StartedBody,
        Key::Online,
        Key::Offline,
        Key::OfflineHint,
        Key::Pending,
        Key::AllSynced,
        Key::LastSynced,
        Key::NeverSynced,
        Key::SyncNow,
        Key::Syncing,
        Key::SyncFailed,
        Key::UpdateAvailable,
        Key::Reload,
        Key::SwitchLanguage,
        Key::StorageFull,
        Key::StorageUnavailable,
        Key::StorageError,
        Key::JustNow,
        Key::MinutesAgo,
        Key::HoursAgo,
        Key::DaysAgo,
    ];
}

/// The text of `key` in `lang`; `{n}` marks where a number goes.
pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::Id => id::text(key),
        Lang::En => en::text(key),
    }
}

/// "5 menit lalu" / "5 minutes ago" for an age in milliseconds.
pub fn ago(lang: Lang, age_ms: i64) -> String {
    let minutes = age_ms.max(0) / 60_000;
    let (key, n) = match minutes {
        0 => return text(lang, Key::JustNow).to_owned(),
        1..=59 => (Key::MinutesAgo, minutes),
        60..=1439 => (Key::HoursAgo, minutes / 60),
        _ => (Key::DaysAgo, minutes / 1440),
    };
    text(lang, key).replace("{n}", &n.to_string())
}

const LANG_KEY: &str = "lentera.lang";

/// The chosen language, shared by every component; remembered in localStorage.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn provide() -> I18n {
        let saved = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
        let lang = saved.as_deref().and_then(Lang::from_code).unwrap_or(Lang::Id);
        let i18n = I18n { lang: RwSignal::new(lang) };
        set_document_lang(lang);
        provide_context(i18n);
        i18n
    }

    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    pub fn switch(&self) {
        let next = self.lang.get_untracked().other();
        self.lang.set(next);
        set_document_lang(next);
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, next.code());
        }
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::provide)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_answer_every_key_with_real_text() {
        for key in Key::ALL {
            for lang in [Lang::Id, Lang::En] {
                assert!(!text(lang, key).trim().is_empty(), "{key:?} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn numbered_texts_keep_their_placeholder_in_both_languages() {
        for key in Key::ALL {
            let in_id = text(Lang::Id, key).contains("{n}");
            assert_eq!(in_id, text(Lang::En, key).contains("{n}"), "{key:?}");
        }
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(ago(Lang::Id, 5 * 60_000), "5 menit lalu");
        assert_eq!(ago(Lang::En, 3 * 3_600_000), "3 hours ago");
        assert_eq!(ago(Lang::Id, 9 * 86_400_000), "9 hari lalu");
        assert_eq!(ago(Lang::Id, 10_000), "baru saja");
    }
}
