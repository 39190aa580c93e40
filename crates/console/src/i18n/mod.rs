//! Console text in Bahasa Indonesia (default) and English: one table per language.

mod en;
mod id;

// The machinery (languages, the switch and its memory, `keys!`) is shared with the learner app.
pub use lentera_ui::i18n::{Lang, fill};
use lentera_ui::keys;

keys! {
    AppName, SkipToContent, SwitchLanguage, Menu, NavAdmin, NavDashboard, NavAssignments, NavUnits, NavImport,
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
    StatusDone, StatusOpen, StatusOverdue, OnPhone, NoAssignments, TimelineTitle, NoTimeline,
    EvLessonOpened, EvLessonCompleted, EvQuizStarted, EvAnswerGiven, EvQuizSubmitted,
    EvCourseCompleted, EvOnboarding, EvOther, EvSurveyRated, EvSurveyAnswered, EvSurveySubmitted, EvPlanChanged, EvPlanSubmitted, EvTrainingRegistered, EvTrainingCancelled, EvCheckedIn, EvLogSaved, EvLogSubmitted, EvReactionGiven, EvActionPlanSaved, EvIdeaSaved, EvIdeaSubmitted, FigCompleted, FigInProgress, FigOverdue, FigSynced,
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
    ColTeknis, ColManajerial, ColSosialKultural, FormELearning, ColJpWebinar, ColJpWorkshop, ColJpCoaching, ColJpMentoring, ColJpSelfStudy, ColJpCommunity, ColJpInternship, ColJpCertificate, ColReached20, TotalRow, ReachedTitle, NoReached,
    DownloadReachedCsv,
    NavFramework, FrameworkTitle, FrameworkIntro, KindTeknis, KindManajerial, KindSosialKultural, PillarCakap, PillarEtika, PillarAman, PillarBudaya, PillarsLabel, LevelN, LevelsLabel, MappedCourses, NoMappedCourses, KindLabel, CompetencyName, DescriptionLabel, CompetencySaved, NeedFrameworkFields, RequirementsTitle, RequirementsIntro, NoRequirements, RequirementsImportTitle, RequirementsImportIntro, ImportFileNow, RequirementsErrors, RequirementsDone, DownloadRequirements, ActCompetencyUpdate, ActRequirementsImport,
    AkpkTitle, AkpkIntro, NoPositionNeeds, ColCompetency, ColRequired, ColSelf, ColSupervisor, ColGap, NotAssessed,
    GapNone, GapN, LevelsHelp, LevelColon, SupervisorLevelFor, ChooseLevel, GapRule, SaveAssessment, AssessmentSaved,
    QuestionTugas, QuestionTarget, QuestionHambatan, NoAnswers, AnswersTitle, SurveyDone, SurveyNotDone,
    PlanDraft, PlanSubmitted, PlanValidated, PlanReturned, NoItems, Coaching, ColItem, ColForGaps, PlanJp,
    PlanTitle, NoteShown, SubmittedItems, ValidatedItems, ProposalItems, PlanReturnedDone, PlanValidatedDone,
    NoteLabel, NeedNote, ValidatePlan, ReturnPlan, ErrNoPlanWaiting, ErrIdeaStage, ErrConflict,
    NavNeeds, NeedsTitle, NeedsIntro, NotRequired, CellLacking, CellDetail, NotAssessedYet, CellAssessed, NoNeeds,
    HeatTitle, HeatLegend, ShareOf, ColSurveyed, ColPlanned, ColValidatedN, ProgressTitle,
    NavTrainings, NavPartners, TrainingsTitle, TrainingsIntro, NoTrainings, ScheduleTraining, EditTraining, ColTraining, ColUnitsInvited, ColRegistered, ColPresent, ColActions, PlacesOf, FullN, TrainingWebinar, TrainingWorkshop, PreReadingLabel, NoPreReading, PreReadingHelp, HostPage, NeedTimes, NeedTrainingFields, TrainingSaved, TrainingTitleLabel, TrainingFormLabel, PartnerLabel, NoPartner, LinkLabel, PlaceLabel, DateLabel, StartLabel, EndLabel, CapacityLabel, JpLabel, JpRule, JpRuleNoTimes, UnitsInvitedLabel, RecordingLabel, MaterialsLabel, HostTitle, HostIntro, CheckInCode, QrOfCode, CodeChangesAt, CheckInWindow, RosterTitle, NoRoster, ColRegistration, RegConfirmed, RegFull, RegCancelled, RegNone, Present, Absent, ByCode, ByHost, MarkPresentFor, MarkAbsentFor, MarkByNip, BackToTrainings, AfterTitle, AfterIntro, AfterSaved, PartnersTitle, PartnersIntro, NoPartners, AddPartner, PartnerSaved, PartnerName, PartnerKind, PartnerProfile, PartnerWebsite, KindUniversity, KindCompany, KindAgency, ErrNameTaken, ErrTrainingMissing, ActTrainingCreate, ActTrainingUpdate, ActTrainingAttendance, ActPartnerCreate, ActPartnerUpdate,
    // The learning log (docs/activities.md).
    NavLog, LogTitle, LogIntro, LogShowing, LogStatusDraft, LogStatusSubmitted, LogStatusReturned, LogStatusConfirmed, NoLogEntries, FormCoaching, FormMentoring, FormSelfStudy, FormCommunity, FormInternship, FormCertificate, LogWithWhom, LogWhen, LogMinutes, LogRuleJp, LogLearned, LogEvidence, NoEvidence, EvidencePending, EvidencePhotoAlt, EvidencePdf, JpToCredit, ConfirmLog, ReturnLog, LogNoteLabel, LogNeedNote, LogConfirmedDone, LogReturnedDone, ErrLogNotWaiting, LogSectionTitle, NoPersonLog, NoteFromSupervisor, ActLogConfirm, ActLogReturn, ActInternshipAdd, NavInternships, InternshipsTitle, InternshipsIntro, InternshipPartner, InternshipPlace, InternshipStart, InternshipEnd, AddInternship, InternshipAdded, NoInternships, NeedInternshipFields, ColForm, ColWhat, ColMinutes,
    NavSkm, SkmTitle, SkmIntro, SkmNotCause, SkmNone, SkmLearningNote, SkmIndex, ColPeriod, ColIkm, ColBand, ColRespondents, ColJpPerPerson, ColJpTotal, ColCoursesDone, ColSatisfaction, ColGain, BandA, BandB, BandC, BandD, SkmFormTitle, SkmFormIntro, PeriodLabel, PeriodHelp, RespondentsLabel, NrrLegend, NrrHelp, SkmSaved, SkmBadPeriod, SkmBadRespondents, SkmBadNrr, SkmImportTitle, SkmImportIntro, SkmImportDone, SkmImportErrors, SkmNeedUnit, ActSkmRecord, ActSkmDelete, ActSkmImport,
    NavEvaluation, EvalTitle, EvalIntro, FollowUpTitle, FollowUpIntro, NoFollowUps, FollowUpDone, FollowUpPartly, FollowUpNotYet, FollowUpSaved, FollowUpBefore, FollowUpQuestion, PlanSavedOn, EvalReportTitle, EvalPrePostNote, EvalPrint, EvalNone, EvalKindCourse, EvalKindTraining, EvalOpenDetail, EvalColSubject, EvalColCompleted, EvalColMean, EvalColPrePost, EvalGainOf, EvalTestsTitle, EvalTestsNone, EvalTestsShown, EvalColPre, EvalColPost, EvalColGain, EvalDetailGain, EvalColPlans, EvalQUseful, EvalQClear, EvalQTime, EvalQRecommend, EvalAnswersWithheld, EvalNoAnswers, EvalNoPlans, EvalNotAsked, EvalDetailFigures, EvalStatements, EvalAnswers, EvalPlans, ActActionPlanFollowUp,
    NavIdeas, IdeaTitle, IdeaIntro, IdeaReviewTitle, IdeaReviewNone, IdeaRoundOf, IdeaTeam, IdeaEndorse, IdeaReturn, IdeaNoteLabel, IdeaNeedNote, IdeaEndorsedDone, IdeaReturnedDone, IdeaJudgingTitle, IdeaJudgingIntro, IdeaNumbered, IdeaScorePick, IdeaScoreSave, IdeaScoreIncomplete, IdeaScoreSaved, IdeaScored, IdeaJurorsScored, IdeaStatusUpcoming, IdeaStatusOpen, IdeaStatusJudging, IdeaStatusPublished, IdeaRoundsTitle, IdeaRoundsNone, IdeaRoundDates, IdeaEveryone, IdeaCounts, IdeaJurorScored, IdeaJurorsList, IdeaShowResults, IdeaPublish, IdeaCannotPublish, IdeaPublishedDone, IdeaRankingTitle, IdeaColRank, IdeaColIdea, IdeaColScore, IdeaColJurors, IdeaColProposal, IdeaProposalLink, IdeaNewRound, IdeaTheme, IdeaDescription, IdeaOpensOn, IdeaClosesOn, IdeaJudgingEndsOn, IdeaCriteria, IdeaCriterionName, IdeaCriterionWeight, IdeaWeightSum, IdeaAddCriterion, IdeaJurors, IdeaJurorConflict, IdeaOpenRound, IdeaRoundOpened, IdeaEditRound, IdeaSaveRound, IdeaRoundChanged, IdeaUnit, IdeaNoTeam, IdeaPlace, IdeaProposalKicker, IdeaProposer, IdeaTeamLabel, IdeaResultLabel, IdeaPrint, IdeaBack,
}

/// The text of `key` in `lang`; `{name}` marks where a value goes.
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

/// The chosen language, shared by every component; remembered in localStorage (with the learner app).
pub type I18n = lentera_ui::i18n::I18n<Key>;

/// The reactive text of `key`; every label shares this one closure type (one renderer in the wasm).
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
    fn both_tables_answer_every_key_with_the_same_placeholders() {
        assert_eq!(lentera_ui::i18n::catalogue_gaps::<Key>(), Vec::<String>::new());
    }

    #[test]
    fn fill_puts_each_value_in_its_place() {
        assert_eq!(fill(text(Lang::Id, Key::AssignDone), &[("n", "3"), ("m", "1")]), "3 orang ditugaskan, 1 diperbarui");
    }
}
