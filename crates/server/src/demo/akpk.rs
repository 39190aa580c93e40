//! The demo city's needs analysis (docs/akpk.md): surveys in every state, some assessed by the
//! supervisor, plans sent, validated and sent back, so `make run` shows the whole cycle.

use super::NAMED;
use super::activity::Rng;
use crate::calendar;
use crate::content::Library;
use crate::db::Db;
use crate::db::akpk::Verdict;
use crate::db::audit::Entry;
use lentera_protocol::akpk::{QUESTIONS, Rating, position_key, propose};
use lentera_protocol::{DeviceId, Event, EventBody, EventId};
use std::collections::{BTreeSet, HashMap};

/// How far a person got this year.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    None,
    Answering,
    Surveyed,
    PlanSent,
    Validated,
    Returned,
}

const ANSWERS: [&str; 3] = [
    "Melayani permohonan warga di loket dan merekap laporan bulanan.",
    "Waktu tunggu layanan di bawah 15 menit.",
    "Sinyal sering hilang dan data masih direkap manual di beberapa berkas.",
];

/// Everyone but the named people (the README's walkthrough starts from nothing) gets a stage.
pub async fn seed(db: &Db, library: &Library, now_ms: i64, rng: &mut Rng) -> Result<(), String> {
    let err = |e: sqlx::Error| e.to_string();
    let year = u32::try_from(calendar::year_position(now_ms).0).unwrap_or(2026);
    let framework = db.framework().await.map_err(err)?;
    let offers = crate::routes::akpk_me::offers(library);
    let tree = db.org_tree().await.map_err(err)?;
    let units: Vec<i64> = tree.units.iter().map(|u| u.id).collect();
    let nips: HashMap<i64, String> = db.people_by_nip().await.map_err(err)?.into_iter().collect();
    for person in db.needs_people(&units).await.map_err(err)? {
        let Some(nip) = nips.get(&person.id) else { continue };
        if NAMED.iter().any(|(n, ..)| n == nip) {
            continue;
        }
        let required = db.requirements_of(&position_key(&person.position)).await.map_err(err)?;
        if required.is_empty() {
            continue;
        }
        let stage = [Stage::None, Stage::Answering, Stage::Surveyed, Stage::PlanSent, Stage::Validated, Stage::Returned][rng.below(6) as usize];
        if stage == Stage::None {
            continue;
        }
        let mut ratings: Vec<Rating> = Vec::new();
        let mut bodies = Vec::new();
        let rated = if stage == Stage::Answering { required.len().div_ceil(2) } else { required.len() };
        for (code, level) in required.iter().take(rated) {
            // Most people see themselves at or a little below what the post asks.
            let own = (i64::from(*level) - rng.below(3) as i64 + i64::from(rng.below(5) == 0)).clamp(1, 5) as u8;
            ratings.push(Rating { competency: code.clone(), required: *level, self_level: Some(own), supervisor_level: None });
            bodies.push(EventBody::SurveyRated { year, competency: code.clone(), level: u32::from(own) });
        }
        if stage >= Stage::Surveyed {
            for (question, text) in QUESTIONS.iter().zip(ANSWERS) {
                bodies.push(EventBody::SurveyAnswered { year, question: (*question).into(), text: text.into() });
            }
            bodies.push(EventBody::SurveySubmitted { year });
        }
        let completed: BTreeSet<String> = db.credited_courses(person.id).await.map_err(err)?.into_iter().collect();
        let items: Vec<String> = propose(&ratings, &framework, &offers, &completed).into_iter().map(|i| i.key).collect();
        let planned = stage >= Stage::PlanSent && !items.is_empty();
        if planned {
            bodies.push(EventBody::PlanChanged { year, items: items.clone() });
            bodies.push(EventBody::PlanSubmitted { year, items });
        }
        // A few weeks ago, over a quarter of an hour.
        let start = now_ms - (20 + rng.below(30) as i64) * 86_400_000;
        let device = DeviceId::from_random(rng.bytes());
        let events: Vec<Event> = bodies
            .into_iter()
            .enumerate()
            .map(|(i, body)| {
                let at = start + i as i64 * 40_000;
                Event { id: EventId::new_v7(u64::try_from(at).unwrap_or(0), rng.bytes()), device_id: device, device_time_ms: at, body }
            })
            .collect();
        db.insert_events(person.id, &events, start + 3_600_000, 0).await.map_err(err)?;
        if planned && stage >= Stage::Validated {
            decide(db, &person, nip, &nips, &required, year, stage, now_ms).await.map_err(err)?;
        }
    }
    Ok(())
}

/// The unit head assesses (a level at or one below the person's own view) and decides the plan.
#[allow(clippy::too_many_arguments)]
async fn decide(db: &Db, person: &crate::db::akpk::NeedsPerson, nip: &str, nips: &HashMap<i64, String>, required: &[(String, u8)], year: u32, stage: Stage, now_ms: i64) -> Result<(), sqlx::Error> {
    let Some(head) = db.head_of(person.unit_id).await? else { return Ok(()) };
    if head == person.id {
        return Ok(());
    }
    let head_name = db.name_of(head).await?;
    let head_nip = nips.get(&head).cloned().unwrap_or_default();
    let entry = |action: &str, detail: &str| Entry {
        actor_nip: head_nip.clone(),
        actor_name: head_name.clone(),
        action: action.into(),
        target: nip.into(),
        detail: detail.into(),
        unit_id: Some(person.unit_id),
        at_ms: now_ms,
    };
    let levels: Vec<(String, u8)> = required.iter().map(|(code, level)| (code.clone(), level.saturating_sub(1).max(1))).collect();
    db.set_supervisor_levels(person.id, year, &levels, head, now_ms, &entry("akpk_assess", "penilaian atasan")).await?;
    let (verdict, note) = match stage {
        Stage::Validated => (Verdict::Validate, None),
        _ => (Verdict::Return, Some("Tambahkan satu kegiatan untuk kompetensi dengan kesenjangan terbesar, lalu ajukan lagi.")),
    };
    let action = if verdict == Verdict::Validate { "akpk_validate" } else { "akpk_return" };
    db.decide_plan(person.id, year, verdict, note, head, &entry(action, note.unwrap_or("rencana disahkan"))).await?;
    Ok(())
}
