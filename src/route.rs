//! The app's few addresses, without a router library: a path signal, in-app links through the
//! History API, back/forward, and a match on the path. leptos_router's generic route tree cost the
//! wasm tens of kilobytes for these six pages.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
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

/// The current path (`location.pathname`), shared as context.
#[derive(Clone, Copy)]
pub struct Location {
    pub path: RwSignal<String>,
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

impl Location {
    /// Follows the address bar: in-app link clicks and back/forward update `path`.
    pub fn provide() -> Location {
        let location = Location { path: RwSignal::new(current_path()) };
        provide_context(location);
        let window = window();
        gloo_events::EventListener::new(&window, "popstate", move |_| location.path.set(current_path())).forget();
        let options = gloo_events::EventListenerOptions::enable_prevent_default();
        gloo_events::EventListener::new_with_options(&window, "click", options, move |ev| {
            if let Some(path) = ev.dyn_ref::<web_sys::MouseEvent>().and_then(in_app_link) {
                ev.prevent_default();
                location.navigate(&path, false);
            }
        })
        .forget();
        location
    }

    /// Goes to `path` in the app, as a new history entry (`replace`: in place of the current one).
    pub fn navigate(&self, path: &str, replace: bool) {
        if let Ok(history) = window().history() {
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
            } else if current_path() != path {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
            } else {
                Ok(())
            };
        }
        self.path.set(current_path());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// The page shown now; changes only when the kind of page does (not its parameters).
    pub fn page(&self) -> Memo<Page> {
        let path = self.path;
        Memo::new(move |_| path.with(|p| parse(p).0))
    }
}

/// The path a plain left click on a link to one of our own pages goes to; `None` leaves the click
/// to the browser (new tab, download, another site, or a `#fragment` on this page).
fn in_app_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key() {
        return None;
    }
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let a = target.closest("a[href]").ok()??;
    if a.has_attribute("target") || a.has_attribute("download") {
        return None;
    }
    let href = a.get_attribute("href")?;
    (href.starts_with('/') && !href.starts_with("//")).then_some(href)
}

pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(Location::provide)
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
