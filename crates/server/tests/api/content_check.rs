//! The pack validator names the file and line of each mistake, and unsafe HTML never survives.

use crate::common;

use common::pack::{SVG, lesson_text, write_pack};
use lentera_server::content::{ContentError, Library};
use std::path::Path;

fn errors_after(change: impl FnOnce(&Path)) -> Vec<ContentError> {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = write_pack(root.path());
    change(&dir);
    Library::load(root.path()).expect_err("the broken pack is refused")
}

fn replace(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

fn one_error(errors: &[ContentError]) -> (&str, usize, &str) {
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    let e = &errors[0];
    (e.file.file_name().and_then(|n| n.to_str()).unwrap_or_default(), e.line, e.message.as_str())
}

#[test]
fn the_test_pack_itself_is_valid() {
    let root = tempfile::tempdir().expect("temp dir");
    write_pack(root.path());
    let library = Library::load(root.path()).expect("valid");
    assert_eq!(library.packs["uji-coba"].pack.lessons.len(), 4);
}

#[test]
fn a_missing_field_is_named_with_its_file() {
    let errors = errors_after(|d| replace(&d.join("course.toml"), "jp = 2\n", ""));
    let (file, _, message) = one_error(&errors);
    assert_eq!(file, "course.toml");
    assert!(message.contains("missing field `jp`"), "{message}");
}

#[test]
fn jp_that_is_not_positive_is_named_with_its_line() {
    let errors = errors_after(|d| replace(&d.join("course.toml"), "jp = 2", "jp = 0"));
    assert_eq!(one_error(&errors).0, "course.toml");
    assert_eq!(one_error(&errors).1, 6);
    assert!(one_error(&errors).2.contains("jp is 0"));
}

#[test]
fn a_question_without_a_correct_answer_is_named_with_its_line() {
    // q2 is the second question (true/false); its `[[questions]]` header is line 9.
    let errors = errors_after(|d| replace(&d.join("quiz.toml"), "answer = false", "# answer removed"));
    let (file, line, message) = one_error(&errors);
    assert_eq!((file, line), ("quiz.toml", 9));
    assert!(message.contains("\"q2\" has no correct answer"), "{message}");
}

#[test]
fn a_correct_index_outside_the_options_is_refused() {
    let errors = errors_after(|d| replace(&d.join("quiz.toml"), "correct = [1]", "correct = [3]"));
    assert!(one_error(&errors).2.contains("correct index 3 is not an option"));
}

#[test]
fn a_broken_image_link_is_named_with_its_lesson_file_and_line() {
    let errors = errors_after(|d| std::fs::remove_file(d.join("images/alur.svg")).expect("rm"));
    let (file, line, message) = one_error(&errors);
    assert_eq!((file, line), ("01-satu.md", 5));
    assert!(message.contains("broken image link: \"images/alur.svg\""), "{message}");
}

#[test]
fn an_image_without_alt_text_or_of_another_format_is_refused() {
    let errors = errors_after(|d| {
        std::fs::write(d.join("images/foto.png"), b"png").expect("png");
        std::fs::write(d.join("02-dua.md"), lesson_text("Dua", 360, Some("images/foto.png"))).expect("lesson");
        replace(&d.join("01-satu.md"), "![Alur layanan]", "![]");
    });
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().any(|e| e.message.contains("no alt text")));
    assert!(errors.iter().any(|e| e.message.contains("must be .svg or .webp")));
}

#[test]
fn a_short_lesson_and_a_missing_lesson_file_are_both_reported() {
    let errors = errors_after(|d| {
        std::fs::write(d.join("03-tiga.md"), lesson_text("Tiga", 100, None)).expect("lesson");
        std::fs::remove_file(d.join("04-empat.md")).expect("rm");
    });
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().any(|e| e.to_string().contains("03-tiga.md") && e.message.contains("words; a lesson needs at least 350")));
    assert!(errors.iter().any(|e| e.to_string().contains("course.toml:8") && e.message.contains("\"04-empat.md\" does not exist")));
}

#[test]
fn script_and_event_handlers_in_a_lesson_are_stripped() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = write_pack(root.path());
    let hostile = "\n<script>alert('x')</script>\n\n<img src=\"x\" onerror=\"alert(1)\">\n\n[tautan](javascript:alert(2))\n";
    let lesson = dir.join("02-dua.md");
    let text = std::fs::read_to_string(&lesson).expect("read") + hostile;
    std::fs::write(&lesson, text).expect("write");
    std::fs::write(dir.join("images/alur.svg"), SVG).expect("image");
    let library = Library::load(root.path()).expect("hostile HTML is cleaned, not fatal");
    let html = &library.packs["uji-coba"].pack.lessons[1].html;
    for bad in ["<script", "onerror", "javascript:", "alert("] {
        assert!(!html.contains(bad), "{bad} survived in {html}");
    }
    assert!(html.contains("<h2>Contoh di Sibolga</h2>"));
}

#[test]
fn an_svg_with_a_script_is_refused() {
    let errors = errors_after(|d| {
        std::fs::write(d.join("images/alur.svg"), "<svg><script>alert(1)</script></svg>").expect("svg");
    });
    assert!(one_error(&errors).2.contains("contains script"));
}

#[test]
fn every_course_pack_we_ship_is_valid_and_complete() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let library = Library::load(&content).unwrap_or_else(|errors| {
        panic!("content/ has errors:\n{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    assert!(library.packs.len() >= 6, "only {} packs", library.packs.len());
    for built in library.packs.values() {
        assert!(built.pack.lessons.len() >= 4, "{}", built.summary.id);
        assert!(built.pack.lessons.iter().all(|l| l.words >= 350), "{}", built.summary.id);
        assert!(built.pack.quiz.questions.len() >= 8, "{}", built.summary.id);
    }
}

#[test]
fn a_question_id_longer_than_phones_may_send_is_refused() {
    let long = "q".repeat(lentera_protocol::MAX_ID_CHARS + 1);
    let errors = errors_after(|d| replace(&d.join("quiz.toml"), "id = \"q1\"", &format!("id = \"{long}\"")));
    let (file, _, message) = one_error(&errors);
    assert_eq!(file, "quiz.toml");
    assert!(message.contains("longer than 64 characters"), "{message}");
}
