//! The few SQL fragments that differ between SQLite and PostgreSQL.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// A subquery of the integer ids in the JSON array bound at `param` (one bind, any length).
    pub fn ids(self, param: &str) -> String {
        match self {
            Dialect::Sqlite => format!("SELECT value FROM json_each({param})"),
            Dialect::Postgres => format!("SELECT value::bigint FROM json_array_elements_text(CAST({param} AS json))"),
        }
    }

    /// The larger of two values (SQLite's two-argument MAX is PostgreSQL's GREATEST).
    pub fn greatest(self, a: &str, b: &str) -> String {
        match self {
            Dialect::Sqlite => format!("MAX({a}, {b})"),
            Dialect::Postgres => format!("GREATEST({a}, {b})"),
        }
    }
}

/// The JSON array text of `ids`, for a `Dialect::ids` bind.
pub fn id_list(ids: &[i64]) -> String {
    let mut out = String::from("[");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out.push(']');
    out
}
