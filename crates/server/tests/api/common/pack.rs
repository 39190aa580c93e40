//! Writes small but valid course packs for tests, which then break one thing at a time.

use std::path::{Path, PathBuf};

/// A lesson body of `words` words, with a worked example heading and an optional image.
pub fn lesson_text(title: &str, words: usize, image: Option<&str>) -> String {
    let filler = vec!["layanan"; words.saturating_sub(2)].join(" ");
    let image = image.map(|i| format!("![Alur layanan]({i})\n\n")).unwrap_or_default();
    format!("# {title}\n\n## Contoh di Sibolga\n\n{image}{filler}\n")
}

pub const COURSE_TOML: &str = r#"id = "uji-coba"
title = "Kursus Uji"
summary = "Kursus kecil untuk pengujian."
competency = "teknis"
pillars = ["aman", "cakap"]
jp = 2
version = 1
lessons = ["01-satu.md", "02-dua.md", "03-tiga.md", "04-empat.md"]
"#;

/// Eight questions, two of each kind and then some, all with answers.
pub fn quiz_toml() -> String {
    let mut quiz = String::new();
    for i in 1..=8 {
        let body = match i % 3 {
            0 => "kind = \"single\"\noptions = [\"a\", \"b\", \"c\"]\ncorrect = [1]".to_owned(),
            1 => "kind = \"multiple\"\noptions = [\"a\", \"b\", \"c\"]\ncorrect = [0, 2]".to_owned(),
            _ => "kind = \"true_false\"\nanswer = false".to_owned(),
        };
        quiz += &format!("[[questions]]\nid = \"q{i}\"\nprompt = \"Pertanyaan {i}?\"\n{body}\nexplanation = \"Karena begitu.\"\n\n");
    }
    quiz
}

/// A pre-test (a1-a4) and a post-test (b1-b4) on the same points: single (right: 1), multiple
/// (right: 0 and 2), true/false (right: false), single; each prompt its own.
pub fn tests_toml() -> String {
    let mut tests = String::new();
    for (table, prefix) in [("pre", "a"), ("post", "b")] {
        for i in 1..=4 {
            let body = match i % 3 {
                1 => "kind = \"single\"\noptions = [\"a\", \"b\", \"c\"]\ncorrect = [1]",
                2 => "kind = \"multiple\"\noptions = [\"a\", \"b\", \"c\"]\ncorrect = [0, 2]",
                _ => "kind = \"true_false\"\nanswer = false",
            };
            tests += &format!("[[{table}]]\nid = \"{prefix}{i}\"\nprompt = \"Soal {table} {i}?\"\n{body}\nexplanation = \"Karena begitu.\"\n\n");
        }
    }
    tests
}

pub const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>"#;

/// Writes the pack `uji-coba` under `root` and returns its folder.
pub fn write_pack(root: &Path) -> PathBuf {
    let dir = root.join("uji-coba");
    std::fs::create_dir_all(dir.join("images")).expect("pack dir");
    std::fs::write(dir.join("course.toml"), COURSE_TOML).expect("course.toml");
    std::fs::write(dir.join("quiz.toml"), quiz_toml()).expect("quiz.toml");
    std::fs::write(dir.join("tests.toml"), tests_toml()).expect("tests.toml");
    std::fs::write(dir.join("images/alur.svg"), SVG).expect("image");
    for (n, name) in ["01-satu", "02-dua", "03-tiga", "04-empat"].iter().enumerate() {
        let image = (n == 0).then_some("images/alur.svg");
        std::fs::write(dir.join(format!("{name}.md")), lesson_text(&format!("Pelajaran {name}"), 360, image)).expect("lesson");
    }
    dir
}
