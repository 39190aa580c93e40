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

    /// `expr` with ASCII letters folded to lower case, compared byte by byte: one order of names on
    /// both engines whatever PostgreSQL's collation (SQLite's `lower` folds only ASCII too). An
    /// index on exactly this expression serves name order (migration 0010).
    pub fn name_key(self, expr: &str) -> String {
        match self {
            Dialect::Sqlite => format!("lower({expr})"),
            Dialect::Postgres => format!("lower({expr} COLLATE \"C\")"),
        }
    }

    /// `expr` compared byte by byte (SQLite's default; PostgreSQL's "C" collation).
    pub fn bytes(self, expr: &str) -> String {
        match self {
            Dialect::Sqlite => expr.to_owned(),
            Dialect::Postgres => format!("{expr} COLLATE \"C\""),
        }
    }

    /// The larger of two values (SQLite's two-argument MAX is PostgreSQL's GREATEST).
    pub fn greatest(self, a: &str, b: &str) -> String {
        match self {
            Dialect::Sqlite => format!("MAX({a}, {b})"),
            Dialect::Postgres => format!("GREATEST({a}, {b})"),
        }
    }

    /// The smaller of two values (SQLite's two-argument MIN is PostgreSQL's LEAST).
    pub fn least(self, a: &str, b: &str) -> String {
        match self {
            Dialect::Sqlite => format!("MIN({a}, {b})"),
            Dialect::Postgres => format!("LEAST({a}, {b})"),
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

/// `ids` written into the SQL text as integer literals (`NULL` for none, which matches nothing).
/// The dashboard's scope goes in this way rather than as a `Dialect::ids` bind: PostgreSQL then
/// plans with the real number of people in view (a JSON list is guessed at 100 units, which made
/// the whole province a nested loop of 50,000 index probes: about 1 s instead of 0.3 s). Safe to
/// inline: they are integers, never text from a request.
pub fn id_literals(ids: &[i64]) -> String {
    if ids.is_empty() {
        return "NULL".to_owned();
    }
    let mut out = String::with_capacity(ids.len() * 6);
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out
}
