//! Searching and sorting the dashboard's staff rows (pure, tested natively).

use lentera_protocol::org::StaffRow;
use std::cmp::Ordering;

/// A sortable column of the staff table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Name,
    Nip,
    Unit,
    Jp,
    Courses,
    Overdue,
    Synced,
    Storage,
}

impl Col {
    pub const ALL: [Col; 8] = [Col::Name, Col::Nip, Col::Unit, Col::Jp, Col::Courses, Col::Overdue, Col::Synced, Col::Storage];

    /// Numbers read best largest first when a column is first chosen; text A to Z.
    pub fn starts_descending(self) -> bool {
        matches!(self, Col::Jp | Col::Courses | Col::Overdue | Col::Synced | Col::Storage)
    }
}

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

/// Case-insensitive match on the name, or on the NIP with spaces ignored.
pub fn matches(row: &StaffRow, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return true;
    }
    let digits: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return row.nip.contains(&digits);
    }
    row.name.to_lowercase().contains(&query.to_lowercase())
}

fn compare(a: &StaffRow, b: &StaffRow, col: Col) -> Ordering {
    match col {
        Col::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        Col::Nip => a.nip.cmp(&b.nip),
        Col::Unit => a.unit_name.to_lowercase().cmp(&b.unit_name.to_lowercase()),
        Col::Jp => a.jp.cmp(&b.jp),
        Col::Courses => (a.courses_completed, a.courses_in_progress).cmp(&(b.courses_completed, b.courses_in_progress)),
        Col::Overdue => a.overdue.cmp(&b.overdue),
        // Never synced counts as the stalest of all.
        Col::Synced => a.days_since_sync.unwrap_or(i64::MAX).cmp(&b.days_since_sync.unwrap_or(i64::MAX)),
        Col::Storage => a.storage_warning.is_some().cmp(&b.storage_warning.is_some()),
    }
}

/// Sorts in place; ties fall back to the name, so the order is stable to read.
pub fn sort(rows: &mut [StaffRow], by: Sort) {
    rows.sort_by(|a, b| {
        let primary = compare(a, b, by.col);
        let primary = if by.ascending { primary } else { primary.reverse() };
        primary.then_with(|| compare(a, b, Col::Name)).then_with(|| a.nip.cmp(&b.nip))
    });
}

#[cfg(test)]
pub mod tests {
    use super::*;

    pub fn row(nip: &str, name: &str, jp: u32, days: Option<i64>) -> StaffRow {
        StaffRow {
            nip: nip.into(),
            name: name.into(),
            position: "Analis".into(),
            unit_code: "U".into(),
            unit_name: "Unit".into(),
            jp,
            courses_completed: 0,
            courses_in_progress: 0,
            overdue: 0,
            assigned_open: 0,
            last_synced_ms: None,
            days_since_sync: days,
            stale: days.is_none_or(|d| d > 7),
            storage_warning: None,
            on_track: false,
        }
    }

    fn names(rows: &[StaffRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn sorting_by_jp_then_flipping() {
        let mut rows = vec![row("1", "Budi", 4, Some(1)), row("2", "ani", 12, Some(3)), row("3", "Citra", 4, None)];
        let by = Sort { col: Col::Name, ascending: true }.click(Col::Jp);
        assert!(!by.ascending, "numbers start largest first");
        sort(&mut rows, by);
        assert_eq!(names(&rows), ["ani", "Budi", "Citra"]);
        sort(&mut rows, by.click(Col::Jp));
        assert_eq!(names(&rows), ["Budi", "Citra", "ani"], "ties keep name order both ways");
    }

    #[test]
    fn never_synced_is_the_stalest() {
        let mut rows = vec![row("1", "A", 0, Some(9)), row("2", "B", 0, None), row("3", "C", 0, Some(0))];
        sort(&mut rows, Sort { col: Col::Synced, ascending: false });
        assert_eq!(names(&rows), ["B", "A", "C"]);
    }

    #[test]
    fn search_by_name_or_nip() {
        let r = row("198503122010012002", "Sri Wahyuni", 0, None);
        assert!(matches(&r, "wahyu"));
        assert!(matches(&r, "19850312 2010"));
        assert!(!matches(&r, "1999"));
        assert!(matches(&r, "  "));
        assert!(!matches(&r, "budi"));
    }
}
