//! The dashboard's order and what it asks the server for (pure, tested natively). Sorting,
//! searching and paging happen on the server: a province's staff never comes down at once.

pub use lentera_protocol::org::StaffSort as Col;

/// The current order of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub col: Col,
    pub ascending: bool,
}

impl Sort {
    /// A click on a header: the same column flips, another starts in its natural direction.
    pub fn click(self, col: Col) -> Sort {
        if col == self.col {
            Sort { col, ascending: !self.ascending }
        } else {
            Sort { col, ascending: !col.starts_descending() }
        }
    }
}

/// One page of the dashboard as asked of `GET /api/dashboard`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    /// A unit code; empty for every unit in view.
    pub unit: String,
    /// The search; empty for everyone.
    pub q: String,
    pub sort: Sort,
    pub offset: u32,
    pub limit: u32,
}

impl Ask {
    /// The request path; defaults left out, values percent-encoded by `enc`.
    pub fn path(&self, enc: impl Fn(&str) -> String) -> String {
        let mut params = Vec::new();
        if !self.unit.is_empty() {
            params.push(format!("unit={}", enc(&self.unit)));
        }
        if !self.q.trim().is_empty() {
            params.push(format!("q={}", enc(self.q.trim())));
        }
        if self.sort.col != Col::Name || !self.sort.ascending {
            params.push(format!("sort={}&dir={}", self.sort.col.key(), if self.sort.ascending { "asc" } else { "desc" }));
        }
        if self.offset > 0 {
            params.push(format!("offset={}", self.offset));
        }
        params.push(format!("limit={}", self.limit));
        format!("/api/dashboard?{}", params.join("&"))
    }
}

/// (first row, last row, rows) for "menampilkan 1–50 dari 812": 1-based, (0, 0, m) for an empty page.
pub fn shown(offset: u32, on_page: usize, matched: u32) -> (u32, u32, u32) {
    let on_page = u32::try_from(on_page).unwrap_or(u32::MAX);
    if on_page == 0 { (0, 0, matched) } else { (offset + 1, offset + on_page, matched) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_flips_the_same_column_and_starts_another_in_its_natural_direction() {
        let by = Sort { col: Col::Name, ascending: true }.click(Col::Jp);
        assert!(!by.ascending, "numbers start largest first");
        assert!(by.click(Col::Jp).ascending);
        assert_eq!(by.click(Col::Unit), Sort { col: Col::Unit, ascending: true }, "text starts A to Z");
    }

    #[test]
    fn the_path_says_only_what_differs_from_the_defaults() {
        let plain = |s: &str| s.replace(' ', "%20");
        let mut ask = Ask { unit: String::new(), q: " ".into(), sort: Sort { col: Col::Name, ascending: true }, offset: 0, limit: 50 };
        assert_eq!(ask.path(plain), "/api/dashboard?limit=50");
        ask = Ask { unit: "SBG-DINKES".into(), q: " siti a ".into(), sort: Sort { col: Col::Synced, ascending: false }, offset: 100, limit: 50 };
        assert_eq!(ask.path(plain), "/api/dashboard?unit=SBG-DINKES&q=siti%20a&sort=synced&dir=desc&offset=100&limit=50");
    }

    #[test]
    fn the_rows_shown_are_counted_from_one() {
        assert_eq!(shown(0, 50, 812), (1, 50, 812));
        assert_eq!(shown(800, 12, 812), (801, 812, 812));
        assert_eq!(shown(0, 0, 0), (0, 0, 0));
    }
}
