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

/// Declares the keys once: the enum and the list the tests walk through.
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// Every UI string has a key; each catalogue must answer every key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    Tagline,
    IntroTitle,
    IntroBody,
    IntroJp,
    JpProgressPppk,
    JpHelpPppk,
    JpReachedPppk,
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
    SwitchLanguageShort,
    SyncState,
    StorageFull,
    StorageUnavailable,
    StorageError,
    JustNow,
    MinutesAgo,
    HoursAgo,
    DaysAgo,
    NavHome,
    NavCatalogue,
    JpThisYear,
    JpProgress,
    JpHelp,
    JpReached,
    JpWaiting,
    DoneThisYear,
    CreditVerified,
    Certificate,
    CreditWaiting,
    CreditWaitingJp,
    CreditWaitingLessons,
    CreditRefused,
    ClaimedJp,
    ReasonLessons,
    ReasonScore,
    ReasonNoQuiz,
    ReasonUnknownCourse,
    ReasonUnknownVersion,
    RefusedHelp,
    ContinueLearning,
    InProgress,
    NextLesson,
    NextQuiz,
    NoCoursesYet,
    Assigned,
    AssignedDue,
    AssignedOverdue,
    AssignedDone,
    OpenCatalogue,
    Completed,
    CatalogueTitle,
    FilterPillar,
    FilterType,
    All,
    PillarCakap,
    PillarEtika,
    PillarAman,
    PillarBudaya,
    TypeTeknis,
    TypeManajerial,
    TypeSosialKultural,
    JpCount,
    SizeKb,
    LessonsCount,
    QuestionsCount,
    StateNotDownloaded,
    StateDownloading,
    StateReady,
    StateUpdate,
    Download,
    UpdateCourse,
    Open,
    RemoveDownload,
    DownloadFailed,
    CatalogueNeverLoaded,
    CatalogueFromPhone,
    StorageUse,
    NoMatch,
    Lessons,
    Quiz,
    LessonDone,
    NotDownloaded,
    CourseMissing,
    BestScore,
    NotTaken,
    PassRule,
    JpCredited,
    StartQuiz,
    ContinueQuiz,
    Previous,
    Next,
    MarkDone,
    LessonOf,
    TextSize,
    Smaller,
    Larger,
    BackToCourse,
    QuestionOf,
    ChooseOne,
    ChooseAll,
    True,
    False,
    Saved,
    Submit,
    Unanswered,
    ResultPassed,
    ResultFailed,
    YourAnswer,
    CorrectAnswer,
    AnswerRight,
    AnswerWrong,
    NoAnswer,
    Retry,
    JpEarnedNow,
    QuizIntro,
    Loading,
    SkipToContent,
    PageNotFound,
    BackHome,
    LoginTitle,
    LoginIntro,
    NipLabel,
    PasswordLabel,
    LoginButton,
    LoggingIn,
    LoginWrong,
    LoginWait,
    LoginOffline,
    LoginFailed,
    NipLength,
    NipDigits,
    NipBirth,
    NipAppointment,
    NipBeforeBirth,
    NipGender,
    NipSequence,
    OtherPending,
    SessionEnded,
    SessionReused,
    LoginAgain,
    SignedInAs,
    Logout,
    LogoutAll,
    LogoutPending,
    LogoutOffline,
    PwOpen,
    PwTitle,
    PwRules,
    PwCurrent,
    PwNew,
    PwAgain,
    PwSave,
    PwTooShort,
    PwIsNip,
    PwTooCommon,
    PwMismatch,
    PwCurrentWrong,
    PwOffline,
    PasswordChanged,
    AppTooOld,
    SyncRefused,
    Restoring,
    RetrySoon,
    PlanTitle,
    PlanProgress,
    PlanValidated,
    PlanWaiting,
    PlanReturned,
    PlanItemJp,
    PlanItemDone,
    PlanOpen,
    PlanNone,
    PlanStart,
}

/// The text of `key` in `lang`; `{n}` marks where a number goes.
pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::Id => id::text(key),
        Lang::En => en::text(key),
    }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |t, (name, value)| t.replace(&format!("{{{name}}}"), value))
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

    /// The text with `{n}` set to `n`.
    pub fn n(&self, key: Key, n: impl std::fmt::Display) -> String {
        self.t(key).replace("{n}", &n.to_string())
    }

    pub fn fill(&self, key: Key, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
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

/// The reactive text of `key`, as a view or an attribute. Every use shares this one closure
/// type, so a hundred labels cost the wasm one renderer instead of a hundred.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
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
        for &key in Key::ALL {
            for lang in [Lang::Id, Lang::En] {
                assert!(!text(lang, key).trim().is_empty(), "{key:?} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        let holes = |t: &str| -> Vec<String> {
            let mut found: Vec<String> = t.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(h, _)| h.to_owned()).collect();
            found.sort();
            found
        };
        for &key in Key::ALL {
            assert_eq!(holes(text(Lang::Id, key)), holes(text(Lang::En, key)), "{key:?}");
        }
    }

    #[test]
    fn fill_puts_each_value_in_its_place() {
        assert_eq!(fill(text(Lang::Id, Key::JpProgress), &[("n", "12"), ("m", "20")]), "12 dari 20 JP terverifikasi");
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(ago(Lang::Id, 5 * 60_000), "5 menit lalu");
        assert_eq!(ago(Lang::En, 3 * 3_600_000), "3 hours ago");
        assert_eq!(ago(Lang::Id, 9 * 86_400_000), "9 hari lalu");
        assert_eq!(ago(Lang::Id, 10_000), "baru saja");
    }
}
