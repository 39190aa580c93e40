//! Demo reactions and action plans (docs/evaluation.md): on the four courses and trainings most
//! people completed, most of them answered the survey, some wrote a plan two weeks after, and the
//! unit heads followed up some of the plans a month later; the rest wait in their queue.

use super::activity::Rng;
use crate::db::Db;
use crate::db::audit::Entry;
use lentera_protocol::reaction::{DAY_MS, FOLLOW_UP_AFTER_DAYS, FollowUp, PLAN_AFTER_DAYS};
use lentera_protocol::{DeviceId, Event, EventBody, EventId};
use std::collections::BTreeMap;

const ANSWERS: [&str; 6] = [
    "",
    "Contohnya dekat dengan pekerjaan di loket.",
    "Video pendek lebih mudah diputar di kantor yang sinyalnya lemah.",
    "Tambah latihan soal di akhir setiap bab.",
    "",
    "Waktunya pas, bisa diselesaikan di sela pelayanan.",
];

const PLANS: [&str; 5] = [
    "Menerapkan daftar periksa berkas sebelum warga datang ke loket.",
    "Mengajak dua rekan seksi memakai kata sandi yang berbeda untuk setiap akun kantor.",
    "Menjadwalkan unggahan informasi layanan setiap Senin pagi.",
    "Membuat ringkasan satu halaman untuk setiap aduan warga yang masuk.",
    "Membagikan materi ke rekan satu bidang dalam rapat mingguan.",
];

/// A learner credited with a subject: learner, unit, when credited.
type Credited = (i64, Option<i64>, i64);

/// Seeds reactions and plans as pushes from the people's phones, then the heads' follow-ups.
pub async fn seed(db: &Db, now_ms: i64, rng: &mut Rng) -> Result<(), String> {
    let err = |e: sqlx::Error| e.to_string();
    let mut by_subject: BTreeMap<String, Vec<Credited>> = BTreeMap::new();
    for (learner, unit, subject, done) in db.credited_subjects().await.map_err(err)? {
        by_subject.entry(subject).or_default().push((learner, unit, done));
    }
    let mut subjects: Vec<(String, Vec<Credited>)> = by_subject.into_iter().collect();
    subjects.sort_by_key(|(_, people)| std::cmp::Reverse(people.len()));
    let mut waiting: Vec<(i64, Option<i64>, String)> = Vec::new();
    for (s, (subject, people)) in subjects.into_iter().take(4).enumerate() {
        for (p, (learner, unit, done)) in people.into_iter().take(40).enumerate() {
            let mut bodies = Vec::new();
            if rng.below(10) < 7 {
                let choice: Vec<u8> = (0..4).map(|_| 2 + u8::try_from(rng.below(3)).unwrap_or(0).min(2)).collect();
                let text = ANSWERS[rng.below(ANSWERS.len() as u64) as usize].to_owned();
                bodies.push((done + DAY_MS, EventBody::ReactionGiven { subject: subject.clone(), choice, text }));
            }
            let planned = done + (PLAN_AFTER_DAYS + 1) * DAY_MS;
            if planned < now_ms && rng.below(10) < 6 {
                let text = PLANS[rng.below(PLANS.len() as u64) as usize].to_owned();
                bodies.push((planned, EventBody::ActionPlanSaved { subject: subject.clone(), text }));
                if planned + FOLLOW_UP_AFTER_DAYS * DAY_MS <= now_ms {
                    waiting.push((learner, unit, subject.clone()));
                }
            }
            if bodies.is_empty() {
                continue;
            }
            let device = DeviceId::from_random([0xE0 + s as u8; 16]);
            let events: Vec<Event> = bodies
                .into_iter()
                .enumerate()
                .map(|(k, (ms, body))| Event {
                    id: EventId::new_v7(u64::try_from(ms).unwrap_or(0), [s as u8, p as u8, k as u8, 1, 8, 0, 3, 4, 0, 0]),
                    device_id: device,
                    device_time_ms: ms,
                    body,
                })
                .collect();
            let last = events.iter().map(|e| e.device_time_ms).max().unwrap_or(now_ms);
            db.insert_events(learner, &events, last + 3_600_000, 0).await.map_err(err)?;
        }
    }
    // Two of every three due plans answered by the unit's head; the rest wait in their queue.
    let nips: std::collections::HashMap<i64, String> = db.people_by_nip().await.map_err(err)?.into_iter().collect();
    for (i, (learner, unit, subject)) in waiting.into_iter().enumerate() {
        let Some(unit) = unit else { continue };
        let Some(head) = db.head_of(unit).await.map_err(err)?.filter(|h| *h != learner) else { continue };
        if i % 3 == 2 {
            continue;
        }
        let result = [FollowUp::Done, FollowUp::Partly, FollowUp::Done, FollowUp::NotYet][i % 4];
        let at = now_ms - 2 * DAY_MS;
        let audit = Entry {
            actor_nip: nips.get(&head).cloned().unwrap_or_default(),
            actor_name: db.name_of(head).await.map_err(err)?,
            action: "action_plan_follow_up".into(),
            target: nips.get(&learner).cloned().unwrap_or_default(),
            detail: format!("{subject}: {}", result.key()),
            unit_id: Some(unit),
            at_ms: at,
        };
        db.record_follow_up(learner, &subject, result.key(), head, at, &audit).await.map_err(err)?;
    }
    Ok(())
}
