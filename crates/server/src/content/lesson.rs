//! One lesson: Markdown checked and rendered to sanitised HTML with its images embedded.

use super::check::{ContentError, line_of};
use super::data_url;
use lentera_protocol::Lesson;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::Path;

const MIN_WORDS: u32 = 350;
const MAX_IMAGE_BYTES: usize = 200 * 1024;

pub fn read(folder: &Path, name: &str, errors: &mut Vec<ContentError>) -> Option<Lesson> {
    let file = folder.join(name);
    let text = std::fs::read_to_string(&file).ok()?; // a missing file is reported by course.toml's check
    let before = errors.len();
    let mut report = |offset: usize, message: String| errors.push(ContentError::new(&file, line_of(&text, offset), message));

    let Some(title) = text.lines().next().and_then(|l| l.strip_prefix("# ")).map(str::trim).filter(|t| !t.is_empty()) else {
        report(0, "the first line must be the lesson title as `# Title`".into());
        return None;
    };
    let body = &text[text.find('\n').map_or(text.len(), |i| i + 1)..];
    let body_offset = text.len() - body.len();

    let mut images = BTreeMap::new();
    let mut words = 0u32;
    let mut has_example = false;
    let mut in_h2 = false;
    let mut image_alt: Option<(usize, String, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let at = body_offset + range.start;
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                report(at, "only the first line may be a level-1 heading; use `##` inside a lesson".into());
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => in_h2 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => in_h2 = false,
            Event::Start(Tag::Image { dest_url, .. }) => image_alt = Some((at, dest_url.to_string(), String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((at, dest, alt)) = image_alt.take() {
                    match check_image(folder, &dest, &alt) {
                        Ok(url) => {
                            images.insert(dest, url);
                        }
                        Err(message) => report(at, message),
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = image_alt.as_mut() {
                    alt.push_str(&t);
                } else {
                    words += t.split_whitespace().count() as u32;
                }
                if in_h2 && t.trim_start().starts_with("Contoh") {
                    has_example = true;
                }
            }
            _ => {}
        }
    }
    if words < MIN_WORDS {
        report(0, format!("the lesson has {words} words; a lesson needs at least {MIN_WORDS}"));
    }
    if !has_example {
        report(0, "no worked example: add a section whose heading starts with `## Contoh`".into());
    }
    if errors.len() > before {
        return None;
    }
    let id = name.trim_end_matches(".md").to_owned();
    Some(Lesson { id, title: title.to_owned(), html: render(body, &images), words })
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Markdown → HTML → only allowed tags and attributes; then our own images go in as data URLs.
pub fn render(markdown: &str, images: &BTreeMap<String, String>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    let mut clean = ammonia::Builder::default().url_relative(ammonia::UrlRelative::PassThrough).clean(&html).to_string();
    // Replaced after sanitising: the data URLs are made here from checked image files, not from the text.
    for (dest, url) in images {
        clean = clean.replace(&format!("src=\"{dest}\""), &format!("src=\"{url}\""));
    }
    clean
}

fn check_image(folder: &Path, dest: &str, alt: &str) -> Result<String, String> {
    if alt.trim().is_empty() {
        return Err(format!("image \"{dest}\" has no alt text; describe what it shows"));
    }
    let Some(name) = dest.strip_prefix("images/").filter(|n| !n.contains('/') && !n.contains("..")) else {
        return Err(format!("image \"{dest}\" must be a file in this course's images/ folder"));
    };
    let mime = match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("svg") => "image/svg+xml",
        Some("webp") => "image/webp",
        _ => return Err(format!("image \"{dest}\" must be .svg or .webp (small and sharp on phones)")),
    };
    let bytes = std::fs::read(folder.join("images").join(name)).map_err(|_| format!("broken image link: \"{dest}\" does not exist"))?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(format!("image \"{dest}\" is {} KB; keep images under {} KB", bytes.len() / 1024, MAX_IMAGE_BYTES / 1024));
    }
    if mime == "image/svg+xml" {
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        if text.contains("<script") || text.contains("javascript:") || text.contains("<foreignobject") {
            return Err(format!("image \"{dest}\" contains script or foreign content; draw it with plain shapes and text"));
        }
    }
    Ok(data_url(mime, &bytes))
}
