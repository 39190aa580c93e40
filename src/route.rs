//! The app's few addresses: leptos_router's `<Router>` keeps the address (links, back/forward),
//! and a plain match on the path picks the page.

use leptos::prelude::*;

/// Which page an address shows; its parameters are read with `param`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Catalogue,
    /// `/kursus/:id`
    Course,
    /// `/kursus/:id/pelajaran/:lesson`
    Lesson,
    /// `/kursus/:id/kuis`
    Quiz,
    Login,
    NotFound,
}

/// The page at `path`, with its parameters (`id`, then `lesson`), still URL-encoded.
pub fn parse(path: &str) -> (Page, Vec<&str>) {
    let parts = lentera_ui::route::segments(path, "");
    match parts.as_slice() {
        [] => (Page::Home, vec![]),
        ["katalog"] => (Page::Catalogue, vec![]),
        ["masuk"] => (Page::Login, vec![]),
        ["kursus", id] => (Page::Course, vec![*id]),
        ["kursus", id, "kuis"] => (Page::Quiz, vec![*id]),
        ["kursus", id, "pelajaran", lesson] => (Page::Lesson, vec![*id, *lesson]),
        _ => (Page::NotFound, vec![]),
    }
}

/// The current address, from leptos_router's `<Router>` (which handles in-app link clicks and
/// back/forward). Pages are matched by `parse` above rather than `<Routes>`: the generic route tree
/// cost the wasm ~30 KB brotli for these six pages.
/// Goes to a path, in place of the current entry or not (the router's navigate, boxed).
type Go = Box<dyn Fn(&str, bool)>;

#[derive(Clone, Copy)]
pub struct Location {
    pub path: Memo<String>,
    go: StoredValue<Go, LocalStorage>,
}

impl Location {
    /// Goes to `path` in the app, as a new history entry (`replace`: in place of the current one).
    pub fn navigate(&self, path: &str, replace: bool) {
        self.go.with_value(|go| go(path, replace));
    }

    /// The page shown now; changes only when the kind of page does (not its parameters).
    pub fn page(&self) -> Memo<Page> {
        let path = self.path;
        Memo::new(move |_| path.with(|p| parse(p).0))
    }
}

/// Must be called inside `<Router>` (from a component, not a later callback).
pub fn use_location() -> Location {
    let navigate = leptos_router::hooks::use_navigate();
    let go: Go = Box::new(move |path: &str, replace: bool| {
        navigate(path, leptos_router::NavigateOptions { replace, ..Default::default() });
    });
    Location { path: leptos_router::hooks::use_location().pathname, go: StoredValue::new_local(go) }
}

/// The route's parameter `n` (0: the course id, 1: the lesson id), decoded.
pub fn param(n: usize) -> Memo<String> {
    let path = use_location().path;
    Memo::new(move |_| {
        path.with(|p| {
            let raw = parse(p).1.get(n).copied().unwrap_or_default().to_owned();
            js_sys::decode_uri_component(&raw).ok().and_then(|d| d.as_string()).unwrap_or(raw)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_names_its_page_and_parameters() {
        assert_eq!(parse("/"), (Page::Home, vec![]));
        assert_eq!(parse("/katalog"), (Page::Catalogue, vec![]));
        assert_eq!(parse("/katalog/"), (Page::Catalogue, vec![]));
        assert_eq!(parse("/masuk"), (Page::Login, vec![]));
        assert_eq!(parse("/kursus/etika-asn"), (Page::Course, vec!["etika-asn"]));
        assert_eq!(parse("/kursus/etika-asn/kuis"), (Page::Quiz, vec!["etika-asn"]));
        assert_eq!(parse("/kursus/etika-asn/pelajaran/l2"), (Page::Lesson, vec!["etika-asn", "l2"]));
        assert_eq!(parse("/kursus"), (Page::NotFound, vec![]));
        assert_eq!(parse("/kursus/a/pelajaran"), (Page::NotFound, vec![]));
        assert_eq!(parse("/lain"), (Page::NotFound, vec![]));
    }
}
