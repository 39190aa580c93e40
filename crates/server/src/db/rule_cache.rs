//! Every published version's credit rule, kept in memory so a push does not read them again.
//! A version's rule never changes once published (`publish` keeps the first), so a cached rule is
//! always right; a lookup the cache cannot answer reloads from the database, since another server
//! process may have published that version since.

use super::Tx;
use lentera_protocol::pretest::{self, TestResult, Which};
use lentera_protocol::{CourseCredit, CreditRule, Progress, Rules, credit};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, RwLock};

pub type RuleBook = BTreeMap<(String, u32), CreditRule>;

/// Shared by the writer and every `Db` clone of one database.
#[derive(Clone, Debug, Default)]
pub struct RuleCache(Arc<RwLock<Arc<RuleBook>>>);

/// The cached book, noting whether a touched course asked for something it does not hold.
struct Probe<'a> {
    book: &'a RuleBook,
    touched: &'a BTreeSet<&'a str>,
    missed: Cell<bool>,
}

impl Probe<'_> {
    fn note<T>(&self, course_id: &str, found: Option<T>) -> Option<T> {
        if found.is_none() && self.touched.contains(course_id) {
            self.missed.set(true);
        }
        found
    }
}

impl Rules for Probe<'_> {
    fn rule(&self, course_id: &str, version: u32) -> Option<&CreditRule> {
        self.note(course_id, self.book.rule(course_id, version))
    }

    fn knows(&self, course_id: &str) -> bool {
        self.note(course_id, self.book.knows(course_id).then_some(())).is_some()
    }
}

impl RuleCache {
    /// The verdicts on the learner's courses; those of `touched` are graded against every rule the
    /// database holds now.
    pub async fn verdicts(&self, tx: &mut Tx, progress: &Progress, touched: &BTreeSet<&str>) -> Result<Vec<CourseCredit>, sqlx::Error> {
        let book = self.snapshot();
        let probe = Probe { book: &book, touched, missed: Cell::new(false) };
        let verdicts = credit(progress, &probe);
        if !probe.missed.get() {
            return Ok(verdicts);
        }
        Ok(credit(progress, &*self.reload(tx).await?))
    }

    /// The tests of `course_id` that count (`pretest::result`), graded against every rule the database holds now.
    pub async fn test_result(&self, tx: &mut Tx, progress: &Progress, course_id: &str, credited_at_ms: Option<i64>) -> Result<TestResult, sqlx::Error> {
        let subjects = Which::BOTH.map(|w| w.subject(course_id));
        let touched: BTreeSet<&str> = subjects.iter().map(String::as_str).collect();
        let book = self.snapshot();
        let probe = Probe { book: &book, touched: &touched, missed: Cell::new(false) };
        let found = pretest::result(progress, course_id, credited_at_ms, &probe);
        if !probe.missed.get() {
            return Ok(found);
        }
        Ok(pretest::result(progress, course_id, credited_at_ms, &*self.reload(tx).await?))
    }

    /// The book to ask which courses were ever published: the cached one while it knows every course
    /// of `wanted`, else read again (another process may have published one since).
    pub async fn knowing<'a>(&self, tx: &mut Tx, mut wanted: impl Iterator<Item = &'a str>) -> Result<Arc<RuleBook>, sqlx::Error> {
        let book = self.snapshot();
        if wanted.all(|course_id| book.knows(course_id)) {
            return Ok(book);
        }
        self.reload(tx).await
    }

    /// Reads every rule again (a lookup missed: another process may have published since) and keeps it.
    async fn reload(&self, tx: &mut Tx) -> Result<Arc<RuleBook>, sqlx::Error> {
        let fresh = Arc::new(load(tx).await?);
        *self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::clone(&fresh);
        Ok(fresh)
    }

    fn snapshot(&self) -> Arc<RuleBook> {
        Arc::clone(&self.0.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

/// Every published version's rule (a few per course: small).
async fn load(tx: &mut Tx) -> Result<RuleBook, sqlx::Error> {
    let texts: Vec<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT rule FROM pack_versions").fetch_all(&mut *c).await)?;
    let mut book = RuleBook::new();
    for text in texts {
        let rule: CreditRule = serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        book.insert((rule.course_id.clone(), rule.version), rule);
    }
    Ok(book)
}
