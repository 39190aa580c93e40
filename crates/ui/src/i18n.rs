//! Languages and the catalogue machinery: each app declares its keys with `keys!`, answers them in
//! its own `id.rs` and `en.rs`, and gets the language switch, its memory and `<html lang>` from here.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    #[inline]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    #[inline]
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    #[inline]
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

/// An app's catalogue: every key has a text in each language.
pub trait Catalogue: Copy + std::fmt::Debug + Send + Sync + 'static {
    /// Every key, for the completeness checks.
    const ALL: &'static [Self];
    fn text(self, lang: Lang) -> &'static str;
}

/// Declares an app's keys once: the `Key` enum and `Key::ALL`, the list the checks walk through.
#[macro_export]
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// Every UI text has a key; each catalogue must answer every key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

/// `text` with each `{name}` replaced by its value.
#[inline]
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |t, (name, value)| t.replace(&format!("{{{name}}}"), value))
}

// One key for both apps, so one choice of language holds on both sides of the site.
const LANG_KEY: &str = "lentera.lang";

/// The chosen language, shared by every component of an app; remembered in localStorage.
pub struct I18n<K: 'static> {
    pub lang: RwSignal<Lang>,
    catalogue: std::marker::PhantomData<fn() -> K>,
}

// By hand: derive would ask `K: Copy`, which the marker does not need.
impl<K> Clone for I18n<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for I18n<K> {}

impl<K: Catalogue> I18n<K> {
    /// Reads the remembered language (Bahasa Indonesia if none), sets `<html lang>`, and provides it.
    pub fn provide() -> Self {
        let saved = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
        let lang = saved.as_deref().and_then(Lang::from_code).unwrap_or(Lang::Id);
        let i18n = I18n { lang: RwSignal::new(lang), catalogue: std::marker::PhantomData };
        set_document_lang(lang);
        provide_context(i18n);
        i18n
    }

    /// A language fixed to `lang`, remembered nowhere and provided to no one (for tests of text).
    pub fn with_lang(lang: Lang) -> Self {
        I18n { lang: RwSignal::new(lang), catalogue: std::marker::PhantomData }
    }

    pub fn t(&self, key: K) -> &'static str {
        key.text(self.lang.get())
    }

    /// The text with `{n}` set to `n`.
    pub fn n(&self, key: K, n: impl std::fmt::Display) -> String {
        self.t(key).replace("{n}", &n.to_string())
    }

    pub fn fill(&self, key: K, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
    }

    /// To the other language, remembered for the next visit of either app.
    pub fn switch(&self) {
        let next = self.lang.get_untracked().other();
        self.lang.set(next);
        set_document_lang(next);
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, next.code());
        }
    }
}

pub fn use_i18n<K: Catalogue>() -> I18n<K> {
    use_context::<I18n<K>>().unwrap_or_else(I18n::provide)
}

/// The reactive text of `key`, as a view or an attribute. Every use shares this one closure
/// type, so a hundred labels cost the wasm one renderer instead of a hundred.
pub fn tr<K: Catalogue>(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n::<K>();
    move || i18n.t(key)
}

#[inline]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

#[inline]
fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The `{name}` holes of a text, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(h, _)| h).collect();
    found.sort_unstable();
    found
}

/// What is wrong with a catalogue: a key with no text in a language, or languages that disagree on
/// a key's `{name}` holes. Empty when the catalogue is whole; an app's test asserts that.
pub fn catalogue_gaps<K: Catalogue>() -> Vec<String> {
    let mut gaps = Vec::new();
    for &key in K::ALL {
        for lang in [Lang::Id, Lang::En] {
            if key.text(lang).trim().is_empty() {
                gaps.push(format!("{key:?} has no text in {lang:?}"));
            }
        }
        let (id, en) = (placeholders(key.text(Lang::Id)), placeholders(key.text(Lang::En)));
        if id != en {
            gaps.push(format!("{key:?} has holes {id:?} in Id but {en:?} in En"));
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    mod sample {
        crate::keys! { Greeting, Count }
    }
    use sample::Key;

    impl Catalogue for Key {
        const ALL: &'static [Key] = Key::ALL;
        fn text(self, lang: Lang) -> &'static str {
            match (self, lang) {
                (Key::Greeting, Lang::Id) => "Halo {name}",
                (Key::Greeting, Lang::En) => "Hello {name}",
                (Key::Count, Lang::Id) => "{n} kursus",
                (Key::Count, Lang::En) => "{n} courses",
            }
        }
    }

    /// A broken catalogue: an empty text and a hole only one language has.
    #[derive(Clone, Copy, Debug)]
    enum Broken {
        Empty,
        Holes,
    }

    impl Catalogue for Broken {
        const ALL: &'static [Broken] = &[Broken::Empty, Broken::Holes];
        fn text(self, lang: Lang) -> &'static str {
            match (self, lang) {
                (Broken::Empty, Lang::Id) => "Ada",
                (Broken::Empty, Lang::En) => "  ",
                (Broken::Holes, Lang::Id) => "{n} dari {m}",
                (Broken::Holes, Lang::En) => "{n} of {total}",
            }
        }
    }

    #[test]
    fn language_codes_go_both_ways_and_anything_else_is_refused() {
        for lang in [Lang::Id, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_ne!(lang.other(), lang);
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code("EN"), None);
    }

    #[test]
    fn keys_lists_every_key_in_order() {
        assert_eq!(Key::ALL, &[Key::Greeting, Key::Count]);
    }

    #[test]
    fn fill_puts_each_value_in_its_place_and_leaves_unknown_holes() {
        assert_eq!(fill("{n} dari {m} JP", &[("n", "12"), ("m", "20")]), "12 dari 20 JP");
        assert_eq!(fill("{n} dan {n}", &[("n", "3")]), "3 dan 3");
        assert_eq!(fill("{x} tetap", &[("n", "3")]), "{x} tetap");
    }

    #[test]
    fn a_whole_catalogue_has_no_gaps() {
        assert_eq!(catalogue_gaps::<Key>(), Vec::<String>::new());
    }

    #[test]
    fn a_missing_text_and_a_disagreeing_hole_are_both_reported() {
        let gaps = catalogue_gaps::<Broken>();
        assert_eq!(gaps.len(), 2, "{gaps:?}");
        assert!(gaps[0].contains("Empty") && gaps[0].contains("En"), "{gaps:?}");
        assert!(gaps[1].contains("Holes") && gaps[1].contains("total"), "{gaps:?}");
    }
}
