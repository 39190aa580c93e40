//! Route scaffolding both apps use: each matches the path's segments itself (leptos_router's
//! generic `<Routes>` tree cost ~30 KB of brotli), and tells the router when a page is shown.

use leptos::prelude::*;

/// The segments of `path` after `base` (e.g. `/konsol`; `""` for none), empty ones dropped.
#[inline]
pub fn segments<'a>(path: &'a str, base: &str) -> Vec<&'a str> {
    path.strip_prefix(base).unwrap_or(path).split('/').filter(|p| !p.is_empty()).collect()
}

/// Lets the router write the address bar once the page for a new `path` is shown (what its
/// `<Routes>` would do). Call from the component that picks the page, inside `<Router>`.
#[inline]
pub fn complete_navigation(path: Memo<String>) {
    let url = use_context::<leptos_router::location::BrowserUrl>();
    Effect::new(move |_| {
        path.track();
        if let Some(url) = &url {
            leptos_router::location::LocationProvider::ready_to_complete(url);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_drop_the_base_and_empty_parts() {
        assert_eq!(segments("/", ""), Vec::<&str>::new());
        assert_eq!(segments("/kursus/a/kuis/", ""), vec!["kursus", "a", "kuis"]);
        assert_eq!(segments("/konsol", "/konsol"), Vec::<&str>::new());
        assert_eq!(segments("/konsol/staf/1", "/konsol"), vec!["staf", "1"]);
        assert_eq!(segments("/lain/x", "/konsol"), vec!["lain", "x"]);
    }
}
