//! UI text in Bahasa Indonesia (default) and English: one catalogue per language.

mod en;
mod id;

// The machinery (languages, the switch and its memory, `keys!`) is shared with the console.
pub use lentera_ui::i18n::{Lang, fill};
use lentera_ui::keys;

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
    PrePostTests,
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
    ActivitiesOpen,
}

/// The text of `key` in `lang`; `{n}` marks where a number goes.
pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::Id => id::text(key),
        Lang::En => en::text(key),
    }
}

impl lentera_ui::i18n::Catalogue for Key {
    const ALL: &'static [Key] = Key::ALL;
    fn text(self, lang: Lang) -> &'static str {
        text(lang, self)
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

/// The chosen language, shared by every component; remembered in localStorage.
pub type I18n = lentera_ui::i18n::I18n<Key>;

/// The reactive text of `key`, as a view or an attribute (one closure type for every label).
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    lentera_ui::i18n::tr(key)
}

pub fn use_i18n() -> I18n {
    lentera_ui::i18n::use_i18n()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_answer_every_key_with_the_same_placeholders() {
        assert_eq!(lentera_ui::i18n::catalogue_gaps::<Key>(), Vec::<String>::new());
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
