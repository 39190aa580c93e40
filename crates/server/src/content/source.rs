//! Reads one pack folder (`course.toml`, lessons, `quiz.toml`, an optional `tests.toml`) and checks it against
//! docs/course-pack.md, collecting every error rather than stopping at the first.

use super::check::{ContentError, line_of};
use super::lesson;
use lentera_protocol::pretest::{Tests, Which};
use lentera_protocol::{Competency, CoursePack, Pillar, Question, QuestionKind, Quiz};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

const MIN_LESSONS: usize = 4;
const MIN_QUESTIONS: usize = 8;
const MAX_SUMMARY_CHARS: usize = 300;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourse {
    id: Spanned<String>,
    title: Spanned<String>,
    summary: Spanned<String>,
    competency: Competency,
    pillars: Spanned<Vec<Pillar>>,
    jp: Spanned<i64>,
    version: Spanned<i64>,
    lessons: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    questions: Vec<Spanned<RawQuestion>>,
}

/// `tests.toml`: the pre-test and the post-test, the same points asked in two versions.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTests {
    pre: Vec<Spanned<RawQuestion>>,
    post: Vec<Spanned<RawQuestion>>,
}

/// Fewest questions a pre- or post-test may have: fewer would make a gain of one answer a leap.
const MIN_TEST_QUESTIONS: usize = 4;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    kind: QuestionKind,
    prompt: String,
    #[serde(default)]
    options: Vec<String>,
    correct: Option<Vec<i64>>,
    answer: Option<bool>,
    #[serde(default)]
    explanation: String,
}

/// Errors found so far in one file, with the line each one points at.
struct Report<'a> {
    file: &'a Path,
    text: &'a str,
    errors: &'a mut Vec<ContentError>,
}

impl Report<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let line = line_of(self.text, offset);
        self.errors.push(ContentError::new(self.file, line, message));
    }
}

/// Parses a TOML file; a syntax error or missing field is reported with its line.
fn parse<T: for<'de> Deserialize<'de>>(file: &Path, errors: &mut Vec<ContentError>) -> Option<(T, String)> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            errors.push(ContentError::new(file, 0, format!("cannot read: {e}")));
            return None;
        }
    };
    match toml::from_str::<T>(&text) {
        Ok(value) => Some((value, text)),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(&text, s.start));
            errors.push(ContentError::new(file, line, e.message().trim().to_owned()));
            None
        }
    }
}

/// The pack and its tests, if the folder has a `tests.toml`.
pub fn read_pack(folder: &Path) -> Result<(CoursePack, Option<Tests>), Vec<ContentError>> {
    let mut errors = Vec::new();
    let course_file = folder.join("course.toml");
    let course = parse::<RawCourse>(&course_file, &mut errors).map(|(raw, text)| {
        let mut report = Report { file: &course_file, text: &text, errors: &mut errors };
        check_course(folder, &raw, &mut report);
        raw
    });
    let quiz_file = folder.join("quiz.toml");
    let quiz = parse::<RawQuiz>(&quiz_file, &mut errors).map(|(raw, text)| {
        let mut report = Report { file: &quiz_file, text: &text, errors: &mut errors };
        check_quiz(raw, &mut report)
    });
    let tests_file = folder.join("tests.toml");
    let tests = tests_file.is_file().then(|| {
        parse::<RawTests>(&tests_file, &mut errors).map(|(raw, text)| {
            let mut report = Report { file: &tests_file, text: &text, errors: &mut errors };
            check_tests(raw, quiz.as_ref(), &mut report)
        })
    });
    let Some(course) = course else { return Err(errors) };
    if tests.is_some() && course.id.get_ref().chars().count() + Which::Post.subject("").len() > lentera_protocol::MAX_ID_CHARS {
        errors.push(ContentError::new(&tests_file, 0, format!("the course id is too long for tests: `post:<id>` must fit {} characters", lentera_protocol::MAX_ID_CHARS)));
    }
    let lessons: Vec<_> = course
        .lessons
        .get_ref()
        .iter()
        .filter_map(|name| lesson::read(folder, name.get_ref(), &mut errors))
        .collect();
    let tests = match tests {
        None => None,
        Some(Some(tests)) => Some(tests),
        Some(None) => return Err(errors),
    };
    match quiz {
        Some(quiz) if errors.is_empty() => Ok((CoursePack {
            id: course.id.into_inner(),
            version: course.version.into_inner() as u32,
            title: course.title.into_inner(),
            summary: course.summary.into_inner(),
            competency: course.competency,
            pillars: course.pillars.into_inner(),
            jp: course.jp.into_inner() as u32,
            lessons,
            quiz,
        }, tests)),
        _ => Err(errors),
    }
}

fn check_course(folder: &Path, raw: &RawCourse, report: &mut Report<'_>) {
    let id = raw.id.get_ref();
    let folder_name = folder.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let well_formed = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !well_formed {
        report.at(raw.id.span().start, format!("id \"{id}\" may hold only lowercase letters, digits and hyphens"));
    } else if id.chars().count() > lentera_protocol::MAX_ID_CHARS {
        // Phones send the id in every event; the server refuses longer ones (routes/sync.rs).
        report.at(raw.id.span().start, format!("id \"{id}\" is longer than {} characters", lentera_protocol::MAX_ID_CHARS));
    } else if id != folder_name {
        report.at(raw.id.span().start, format!("id \"{id}\" must equal the folder name \"{folder_name}\""));
    }
    if raw.title.get_ref().trim().is_empty() {
        report.at(raw.title.span().start, "title is empty");
    }
    let summary = raw.summary.get_ref().trim();
    if summary.is_empty() {
        report.at(raw.summary.span().start, "summary is empty");
    } else if summary.chars().count() > MAX_SUMMARY_CHARS {
        report.at(raw.summary.span().start, format!("summary has {} characters; at most {MAX_SUMMARY_CHARS}", summary.chars().count()));
    }
    let pillars = raw.pillars.get_ref();
    if pillars.is_empty() {
        report.at(raw.pillars.span().start, "pillars is empty; name at least one of cakap, etika, aman, budaya");
    }
    if (1..pillars.len()).any(|i| pillars[..i].contains(&pillars[i])) {
        report.at(raw.pillars.span().start, "a pillar is listed twice");
    }
    if *raw.jp.get_ref() <= 0 || *raw.jp.get_ref() > 100 {
        report.at(raw.jp.span().start, format!("jp is {}; it must be a positive whole number of JP (at most 100)", raw.jp.get_ref()));
    }
    if *raw.version.get_ref() <= 0 || *raw.version.get_ref() > i64::from(u32::MAX) {
        report.at(raw.version.span().start, format!("version is {}; it must be a positive whole number", raw.version.get_ref()));
    }
    let lessons = raw.lessons.get_ref();
    if lessons.len() < MIN_LESSONS {
        report.at(raw.lessons.span().start, format!("{} lessons listed; a course needs at least {MIN_LESSONS}", lessons.len()));
    }
    for (i, name) in lessons.iter().enumerate() {
        let file = name.get_ref();
        if !file.ends_with(".md") || file.contains('/') || file.contains('\\') {
            report.at(name.span().start, format!("lesson \"{file}\" must be a .md file in the course folder"));
        } else if !folder.join(file).is_file() {
            report.at(name.span().start, format!("lesson file \"{file}\" does not exist"));
        } else if file.trim_end_matches(".md").chars().count() > lentera_protocol::MAX_ID_CHARS {
            report.at(name.span().start, format!("lesson \"{file}\": its name (the lesson id) is longer than {} characters", lentera_protocol::MAX_ID_CHARS));
        }
        if lessons[..i].iter().any(|other| other.get_ref() == file) {
            report.at(name.span().start, format!("lesson \"{file}\" is listed twice"));
        }
    }
}

fn check_quiz(raw: RawQuiz, report: &mut Report<'_>) -> Quiz {
    Quiz { questions: check_questions("the quiz", &raw.questions, MIN_QUESTIONS, report) }
}

/// Both tests: each a full set on its own, and the post-test never a copy of the pre-test or the quiz.
fn check_tests(raw: RawTests, quiz: Option<&Quiz>, report: &mut Report<'_>) -> Tests {
    let pre = check_questions("the pre-test", &raw.pre, MIN_TEST_QUESTIONS, report);
    let post = check_questions("the post-test", &raw.post, MIN_TEST_QUESTIONS, report);
    if raw.pre.len() != raw.post.len() {
        report.at(0, format!("the pre-test has {} questions and the post-test {}; give both the same number", raw.pre.len(), raw.post.len()));
    }
    let quiz_prompts: Vec<&str> = quiz.map(|q| q.questions.iter().map(|q| q.prompt.as_str()).collect()).unwrap_or_default();
    for spanned in &raw.post {
        let prompt = spanned.get_ref().prompt.trim();
        if raw.pre.iter().any(|p| p.get_ref().prompt.trim() == prompt) {
            report.at(spanned.span().start, format!("post-test question \"{}\" repeats a pre-test prompt; write a second version", spanned.get_ref().id));
        }
    }
    for spanned in raw.pre.iter().chain(&raw.post) {
        let q = spanned.get_ref();
        if quiz_prompts.contains(&q.prompt.trim()) {
            report.at(spanned.span().start, format!("test question \"{}\" repeats a quiz prompt; the tests need their own questions", q.id));
        }
    }
    for spanned in &raw.post {
        if raw.pre.iter().any(|p| p.get_ref().id == spanned.get_ref().id) {
            report.at(spanned.span().start, format!("question id \"{}\" is used in both tests; give each its own", spanned.get_ref().id));
        }
    }
    Tests { pre, post }
}

/// One set of questions (`what` names it in messages): every error, each with its line.
fn check_questions(what: &str, raw: &[Spanned<RawQuestion>], min: usize, report: &mut Report<'_>) -> Vec<Question> {
    if raw.len() < min {
        report.at(0, format!("{what} has {} questions; it needs at least {min}", raw.len()));
    }
    for kind in [QuestionKind::Single, QuestionKind::Multiple, QuestionKind::TrueFalse] {
        if !raw.iter().any(|q| q.get_ref().kind == kind) {
            report.at(0, format!("{what} has no {} question; include at least one of each kind", kind_name(kind)));
        }
    }
    let mut questions = Vec::new();
    for (i, spanned) in raw.iter().enumerate() {
        let offset = spanned.span().start;
        let q = spanned.get_ref();
        if raw[..i].iter().any(|other| other.get_ref().id == q.id) {
            report.at(offset, format!("question id \"{}\" is used twice", q.id));
        }
        if q.id.trim().is_empty() || q.prompt.trim().is_empty() {
            report.at(offset, format!("question {} needs an id and a prompt", i + 1));
        }
        if q.id.chars().count() > lentera_protocol::MAX_ID_CHARS {
            report.at(offset, format!("question id \"{}\" is longer than {} characters", q.id, lentera_protocol::MAX_ID_CHARS));
        }
        if q.explanation.trim().is_empty() {
            report.at(offset, format!("question \"{}\" has no explanation of its answer", q.id));
        }
        if let Some(question) = check_answer(q, offset, report) {
            questions.push(question);
        }
    }
    questions
}

fn check_answer(q: &RawQuestion, offset: usize, report: &mut Report<'_>) -> Option<Question> {
    let correct: Vec<u8> = match q.kind {
        QuestionKind::TrueFalse => {
            if !q.options.is_empty() || q.correct.is_some() {
                report.at(offset, format!("true/false question \"{}\" takes `answer = true|false`, not options or correct", q.id));
            }
            match q.answer {
                Some(true) => vec![0],
                Some(false) => vec![1],
                None => {
                    report.at(offset, format!("question \"{}\" has no correct answer (add `answer = true` or `false`)", q.id));
                    return None;
                }
            }
        }
        QuestionKind::Single | QuestionKind::Multiple => {
            if !(2..=6).contains(&q.options.len()) {
                report.at(offset, format!("question \"{}\" has {} options; give 2 to 6", q.id, q.options.len()));
            }
            if q.answer.is_some() {
                report.at(offset, format!("question \"{}\": `answer` is for true/false questions; use `correct`", q.id));
            }
            let correct = q.correct.clone().unwrap_or_default();
            if correct.is_empty() {
                report.at(offset, format!("question \"{}\" has no correct answer (add `correct = [index]`)", q.id));
                return None;
            }
            if let Some(bad) = correct.iter().find(|c| **c < 0 || **c as usize >= q.options.len()) {
                report.at(offset, format!("question \"{}\": correct index {bad} is not an option (indices start at 0)", q.id));
                return None;
            }
            if q.kind == QuestionKind::Single && correct.len() != 1 {
                report.at(offset, format!("single-choice question \"{}\" must have exactly one correct option", q.id));
            }
            let mut indices: Vec<u8> = correct.iter().map(|c| *c as u8).collect();
            indices.sort_unstable();
            indices.dedup();
            indices
        }
    };
    Some(Question {
        id: q.id.clone(),
        kind: q.kind,
        prompt: q.prompt.trim().to_owned(),
        options: q.options.clone(),
        correct,
        explanation: q.explanation.trim().to_owned(),
    })
}

fn kind_name(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single => "single",
        QuestionKind::Multiple => "multiple",
        QuestionKind::TrueFalse => "true_false",
    }
}
