//! The JP ledger: one list per learner and year, read from the server's verdicts, that the person
//! page, the learner's phone, the CSV exports and the dashboard all agree with.

use crate::calendar;
use crate::db::credit::VerdictRow;
use crate::db::learner_credits::CreditRow;
use lentera_protocol::NotCredited;
use lentera_protocol::org::LedgerEntry;
use lentera_protocol::progress::year_of;

/// The form of learning of a Lentera course (Peraturan LAN 10/2018: e-learning).
pub const FORM_E_LEARNING: &str = "e_learning";

/// The year's entries, oldest first: credited courses, claims the server did not confirm, and the
/// learning beyond courses it credited (`credits`, docs/activities.md).
pub fn entries(rows: &[VerdictRow], credits: &[CreditRow], title: impl Fn(&str) -> String, year: i32) -> Result<Vec<LedgerEntry>, sqlx::Error> {
    let mut out: Vec<(i64, LedgerEntry)> =
        credits.iter().filter(|c| year_of(c.credited_at_ms) == year).map(|c| (c.credited_at_ms, credit_entry(c))).collect();
    for row in rows {
        let Some(verdict) = row.verdict()? else { continue };
        let (at_ms, jp, competency) = match verdict.credited {
            Some(c) => (c.at_ms, c.jp, Some(c.competency)),
            None => match verdict.claimed_at_ms {
                Some(at) => (at, 0, None),
                None => continue,
            },
        };
        if year_of(at_ms) != year {
            continue;
        }
        let date = calendar::date(at_ms);
        out.push((at_ms, LedgerEntry {
            quarter: quarter_of(&date),
            date,
            course_id: row.course_id.clone(),
            title: title(&row.course_id),
            jp,
            claimed_jp: verdict.claimed_jp,
            competency,
            form: FORM_E_LEARNING.into(),
            source: "lentera".into(),
            status: if verdict.credited.is_some() { "credited" } else { "not_credited" }.into(),
            not_credited: verdict.not_credited,
            certificate: None,
        }));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.course_id.cmp(&b.1.course_id)));
    Ok(out.into_iter().map(|(_, e)| e).collect())
}

/// A credited training or confirmed log entry as a ledger line; `course_id` holds its source.
fn credit_entry(credit: &CreditRow) -> LedgerEntry {
    let date = calendar::date(credit.credited_at_ms);
    LedgerEntry {
        quarter: quarter_of(&date),
        date,
        course_id: credit.source.clone(),
        title: credit.title.clone(),
        jp: u32::try_from(credit.jp).unwrap_or(0),
        claimed_jp: None,
        competency: credit.competency.as_deref().and_then(|c| serde_json::from_value(serde_json::Value::String(c.to_owned())).ok()),
        form: credit.form.clone(),
        source: credit.provider.clone(),
        status: "credited".into(),
        not_credited: None,
        certificate: None,
    }
}

/// Quarter 1-4 of a `YYYY-MM-DD` date.
pub fn quarter_of(date: &str) -> u8 {
    let month: u8 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    (month.clamp(1, 12) - 1) / 3 + 1
}

/// Why a claim was not credited, in plain Bahasa Indonesia (the CSV's words; the apps have their own).
pub fn reason_id(reason: &NotCredited) -> String {
    match reason {
        NotCredited::UnknownCourse => "kursus ini tidak dikenal server".into(),
        NotCredited::UnknownVersion { version } => format!("versi kursus {version} tidak pernah diterbitkan"),
        NotCredited::NotPassed { best: Some(s) } => format!("nilai kuis menurut kunci jawaban {}/{} (di bawah 80%)", s.correct, s.total),
        NotCredited::NotPassed { best: None } => "belum ada kuis yang diserahkan".into(),
        NotCredited::LessonsMissing { missing } => format!("{missing} pelajaran belum ditandai selesai"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_follow_the_calendar() {
        assert_eq!([quarter_of("2026-01-01"), quarter_of("2026-03-31"), quarter_of("2026-04-01"), quarter_of("2026-12-31")], [1, 1, 2, 4]);
    }
}
