//! Demo citizen satisfaction surveys (docs/evaluation.md): four service units, the four most
//! recent half years that have ended, scores that drift slowly as real surveys do.

use super::activity::Rng;
use super::org::{ADMIN_NIP, NAMED};
use crate::calendar;
use crate::db::Db;
use crate::db::skm::SkmLine;

/// (unit code, the nine elements' NRR in hundredths at the start, change per half year, usual respondents).
const UNITS: [(&str, [i64; 9], i64, i64); 4] = [
    ("SBG-KEC-KOTA", [318, 302, 287, 352, 311, 305, 334, 276, 298], 6, 180),
    ("SBG-DINKES-YANKES", [331, 315, 296, 341, 322, 318, 329, 290, 305], 3, 320),
    ("SBG-KOMINFO", [345, 336, 330, 372, 341, 352, 355, 318, 337], 1, 90),
    ("SBG-KEL-PASAR", [281, 270, 262, 318, 276, 280, 296, 255, 268], 5, 110),
];

/// The four most recent half years that ended before `now_ms`, oldest first: (year, semester).
fn last_four(now_ms: i64) -> Vec<(i32, u8)> {
    let year = calendar::year_position(now_ms).0;
    let in_second = now_ms >= calendar::month_start_ms(year, 7);
    // The half year before the current one, then three more going back.
    let mut at = if in_second { (year, 1u8) } else { (year - 1, 2u8) };
    let mut out = Vec::new();
    for _ in 0..4 {
        out.push(at);
        at = if at.1 == 2 { (at.0, 1) } else { (at.0 - 1, 2) };
    }
    out.reverse();
    out
}

pub async fn seed(db: &Db, now_ms: i64, rng: &mut Rng) -> Result<(), String> {
    let tree = db.org_tree().await.map_err(|e| e.to_string())?;
    let admin = NAMED.iter().find(|n| n.0 == ADMIN_NIP).map_or("Admin", |n| n.1);
    for (code, start, step, respondents) in UNITS {
        let Some(unit) = tree.by_code(code) else { continue };
        for (k, (year, semester)) in last_four(now_ms).into_iter().enumerate() {
            let k = i64::try_from(k).unwrap_or(0);
            let nrr = start.map(|n| {
                let jitter = i64::try_from(rng.below(13)).unwrap_or(6) - 6;
                u32::try_from((n + step * k + jitter).clamp(100, 400)).unwrap_or(100)
            });
            let people = respondents + i64::try_from(rng.below(41)).unwrap_or(0) - 20;
            let line = SkmLine { unit_id: unit.id, period: format!("{year}-S{semester}"), respondents: u32::try_from(people).unwrap_or(1), nrr };
            let recorded_at = calendar::month_start_ms(year, if semester == 1 { 7 } else { 13 }) + 10 * 86_400_000;
            db.put_skm(&line, admin, recorded_at.min(now_ms), None).await.map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_reads_the_four_half_years_that_ended() {
        // 4 December 2026 (WIB): 2026-S1 is the latest that ended.
        assert_eq!(last_four(calendar::month_start_ms(2026, 12) + 3 * 86_400_000), [(2024, 2), (2025, 1), (2025, 2), (2026, 1)]);
        // 10 March 2026: 2025-S2 is.
        assert_eq!(last_four(calendar::month_start_ms(2026, 3) + 9 * 86_400_000), [(2024, 1), (2024, 2), (2025, 1), (2025, 2)]);
    }
}
