//! Console text in Bahasa Indonesia (default) and English: one table per language.

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
        /// Every text of the console has a key; each table must answer every key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            #[cfg(test)]
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    AppName, SkipToContent, SwitchLanguage, NavDashboard, NavAssignments, NavUnits, NavImport,
    RoleSupervisor, RoleAdmin, Logout, Loading, NetworkError, SessionEnded, SessionExpired, SessionReused, Close, NotFound,
    BackToDashboard, AdminOnly, Save, Cancel, Edit, Delete, Never, Today, OneDayAgo, DaysAgo,
    LoginTitle, LoginIntro, NipLabel, PasswordLabel, LoginButton, Working, NipInvalid,
    LearnerRefused, OpenLearnerApp, NoPasswordYet, ActivateLink,
    ActivateTitle, ActivateIntro, CodeLabel, NewPassword, RepeatPassword,
    PasswordMismatch, CodeMissing, ActivateButton, Activated, SignInLearnerApp,
    DashboardTitle, AsOf, AllUnits, CardStaff, CardOnTrack, CardReached, CardStale, CardOverdue,
    MeanJp, ChartUnits, ChartPeople, TargetLine, FilterUnit, Search,
    ColName, ColNip, ColUnit, ColJp, ColCourses, ColOverdue, ColSynced, ColStorage,
    Stale, RowsShown, RowsMatched, PageOf, PagerLabel, PrevPage, NextPage, ShowMore, NoStaff, DownloadCsv, AssignCourse, SelectShown,
    CoursesTitle, ColCourse, ColLessons, ColBest, ColAttempts, ColCompletedOn, NoCourses,
    CreditVerified, CreditNotConfirmed, CourseInProgress, ClaimedJp, ClaimedScore, ReasonUnknownCourse,
    ReasonUnknownVersion, ReasonScore, ReasonNoQuiz, ReasonLessons, ColQuarter, LedgerNote,
    LedgerTitle, ColDate, LedgerTotal, NoLedger, AssignmentsTitle, ColDue, ColStatus, ColAssignedBy,
    StatusDone, StatusOpen, StatusOverdue, NoAssignments, TimelineTitle, NoTimeline,
    EvLessonOpened, EvLessonCompleted, EvQuizStarted, EvAnswerGiven, EvQuizSubmitted,
    EvCourseCompleted, EvOnboarding, EvOther, EvSurveyRated, EvSurveyAnswered, EvSurveySubmitted, EvPlanChanged, EvPlanSubmitted, FigCompleted, FigInProgress, FigOverdue, FigSynced,
    StorageWarning, JpOfTarget, JpOfRightPppk, AsOfPppk, TargetLinePppk, TypeLabel,
    AssignTitle, CourseLabel, ChooseCourse, DueLabel, TargetLabel, TargetUnit, TargetPeople,
    PeopleChosen, AssignButton, AssignDone, ExistingTitle, ColPerson, NeedCourse, NeedDue,
    NeedTarget, ConfirmDelete, ChooseUnit, UnitHelp, StandingTitle, StandingHelp, StopStanding,
    ConfirmStop, StandingActive, StandingEnded, UnitCoursesTitle, UnitCourseLine,
    UnitsTitle, NewUnit, UnitCode, UnitName, ParentLabel, NoParent, SupervisorsLabel,
    CreateUnit, UnitCreated, UnitSaved, StaffCount, NoSupervisors, BadSupervisorNip, NeedCodeName,
    ImportTitle, ImportIntro, ImportColNip, ImportColName, ImportColPosition, ImportColUnit,
    ImportColSupervisor, ImportColEmail, ImportColEmployment, ImportFormat, ChooseFile, CheckFile, RowsRead,
    ErrorsTitle, LineError, AddedTitle, ChangedTitle, Unchanged, ChangedFields, ImportNow,
    ImportDone, DownloadCodes, CodesWarning, NoNewAccounts, ChooseFileFirst, UnitSupervisors,
    ServerDetail, ErrUnreadable, ErrLoginWrong, ErrActivateWrong, ErrWaitSeconds, ErrWaitMinutes,
    ErrWaitLater, ErrAdminOnly, ErrSupervisorOnly, ErrPersonMissing, ErrAssignmentMissing,
    ErrUnitRefMissing, ErrUnitMissing, ErrNotFound, ErrImportHasErrors, ErrUnitRefused,
    ErrUnprocessable, ErrCheckAssignment, ErrCheckUnit, ErrCheckForm, ErrFileTooLarge, ErrTooLarge,
    ErrReload, ErrServer, ErrHttp,
    NavPassword, NavAudit, PasswordTitle, PasswordIntro, PasswordRules, CurrentPassword,
    PwTooShort, PwIsNip, PwTooCommon, ChangePassword, PasswordChanged, ErrCurrentPasswordWrong,
    ResetAccess, ResetHelp, ResetConfirm, ResetDone, ResetSessions, AuditTitle, AuditIntro,
    ColWhen, ColWho, ColAction, ColTarget, ColDetail, NoAudit, ActImport, ActUnitCreate,
    ActUnitUpdate, ActAssign, ActUnassign, ActStandingStop, ActReset, ActSupervisor, ActAdminCreate,
    NavCompetency, CompetencyTitle, CompetencyIntro, YearLabel, QuarterLabel, WholeYear, QuarterN, ColStaffN,
    ColTeknis, ColManajerial, ColSosialKultural, FormELearning, ColReached20, TotalRow, ReachedTitle, NoReached,
    DownloadReachedCsv,
    NavFramework, FrameworkTitle, FrameworkIntro, KindTeknis, KindManajerial, KindSosialKultural, PillarCakap, PillarEtika, PillarAman, PillarBudaya, PillarsLabel, LevelN, LevelsLabel, MappedCourses, NoMappedCourses, KindLabel, CompetencyName, DescriptionLabel, CompetencySaved, NeedFrameworkFields, RequirementsTitle, RequirementsIntro, NoRequirements, RequirementsImportTitle, RequirementsImportIntro, ImportFileNow, RequirementsErrors, RequirementsDone, DownloadRequirements, ActCompetencyUpdate, ActRequirementsImport,
    AkpkTitle, AkpkIntro, NoPositionNeeds, ColCompetency, ColRequired, ColSelf, ColSupervisor, ColGap, NotAssessed,
    GapNone, GapN, LevelsHelp, LevelColon, SupervisorLevelFor, ChooseLevel, GapRule, SaveAssessment, AssessmentSaved,
    QuestionTugas, QuestionTarget, QuestionHambatan, NoAnswers, AnswersTitle, SurveyDone, SurveyNotDone,
    PlanDraft, PlanSubmitted, PlanValidated, PlanReturned, NoItems, Coaching, ColItem, ColForGaps, PlanJp,
    PlanTitle, NoteShown, SubmittedItems, ValidatedItems, ProposalItems, PlanReturnedDone, PlanValidatedDone,
    NoteLabel, NeedNote, ValidatePlan, ReturnPlan, ErrNoPlanWaiting,
    NavNeeds, NeedsTitle, NeedsIntro, NotRequired, CellLacking, CellDetail, NotAssessedYet, CellAssessed, NoNeeds,
    HeatTitle, HeatLegend, ShareOf, ColSurveyed, ColPlanned, ColValidatedN, ProgressTitle,
}

/// The text of `key` in `lang`; `{name}` marks where a value goes.
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

// Shared with the learner app, so one choice of language holds on both sides of the site.
const LANG_KEY: &str = "lentera.lang";

/// The chosen language, shared by every component; remembered in localStorage.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn provide() -> I18n {
        let saved = crate::session::storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
        let lang = if saved.as_deref() == Some("en") { Lang::En } else { Lang::Id };
        let i18n = I18n { lang: RwSignal::new(lang) };
        set_document_lang(lang);
        provide_context(i18n);
        i18n
    }

    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    pub fn fill(&self, key: Key, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
    }

    /// The text with `{n}` set to `n`.
    pub fn n(&self, key: Key, n: impl std::fmt::Display) -> String {
        self.t(key).replace("{n}", &n.to_string())
    }

    pub fn switch(&self) {
        let next = self.lang.get_untracked().other();
        self.lang.set(next);
        set_document_lang(next);
        if let Some(s) = crate::session::storage() {
            let _ = s.set_item(LANG_KEY, next.code());
        }
    }
}

/// The reactive text of `key`; every label shares this one closure type (one renderer in the wasm).
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::provide)
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
    fn both_tables_answer_every_key_with_real_text() {
        for &key in Key::ALL {
            for lang in [Lang::Id, Lang::En] {
                assert!(!text(lang, key).trim().is_empty(), "{key:?} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        let holes = |t: &str| -> Vec<String> {
            let mut found: Vec<String> =
                t.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(h, _)| h.to_owned()).collect();
            found.sort();
            found
        };
        for &key in Key::ALL {
            assert_eq!(holes(text(Lang::Id, key)), holes(text(Lang::En, key)), "{key:?}");
        }
    }

    #[test]
    fn fill_puts_each_value_in_its_place() {
        assert_eq!(fill(text(Lang::Id, Key::AssignDone), &[("n", "3"), ("m", "1")]), "3 orang ditugaskan, 1 diperbarui");
    }
}
