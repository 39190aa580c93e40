//! Demo webinars and workshops (docs/activities.md): two partners, trainings held in the last weeks
//! with attendance credited (check-ins from phones and the host's marks), and upcoming ones with
//! registrations, one of them full.

use super::activity::Rng;
use super::org::{ADMIN_NIP, NAMED};
use crate::checkin_code;
use crate::db::Db;
use crate::db::audit::Entry;
use lentera_protocol::activity::{Partner, Training, TrainingForm};
use lentera_protocol::{Competency, DeviceId, Event, EventBody, EventId, Pillar};

const DAY: i64 = 86_400_000;
const HOUR: i64 = 3_600_000;

/// One demo training: (title, form, partner index or none, units, days from now, hours long, capacity, place).
type Plan = (&'static str, TrainingForm, Option<usize>, &'static [&'static str], i64, i64, Option<u32>, Option<&'static str>);

const PLANS: [Plan; 4] = [
    ("Webinar Keamanan Siber untuk ASN", TrainingForm::Webinar, Some(0), &["SBG"], -20, 2, Some(150), None),
    ("Lokakarya Analisis Data Layanan Publik", TrainingForm::Workshop, Some(1), &["SBG-KOMINFO"], -9, 6, Some(25), Some("Ruang Rapat Diskominfo, Jl. Sisingamangaraja")),
    ("Webinar Etika Bermedia Sosial bagi Pelayan Publik", TrainingForm::Webinar, Some(0), &["SBG"], 5, 2, Some(200), None),
    ("Lokakarya Layanan Kependudukan Digital", TrainingForm::Workshop, None, &["SBG-KEC-KOTA"], 12, 4, Some(6), Some("Aula Kantor Camat Sibolga Kota")),
];

fn partners() -> [Partner; 2] {
    [
        Partner {
            id: 0,
            name: "Universitas Pesisir Tapanuli".into(),
            kind: "university".into(),
            profile: "Perguruan tinggi mitra untuk literasi digital dan keamanan informasi; dosennya mengisi webinar bulanan.".into(),
            website: Some("https://upt.example.ac.id".into()),
        },
        Partner {
            id: 0,
            name: "PT Data Nusantara Lestari".into(),
            kind: "company".into(),
            profile: "Perusahaan analitik data yang memberi lokakarya praktik dasbor layanan dan magang singkat.".into(),
            website: Some("https://dnl.example.co.id".into()),
        },
    ]
}

pub async fn seed(db: &Db, now_ms: i64, rng: &mut Rng) -> Result<(), String> {
    let err = |e: sqlx::Error| e.to_string();
    let mut partner_ids = Vec::new();
    for partner in partners() {
        let saved = db.put_partner(None, &partner, now_ms, None).await.map_err(err)?.ok_or("partner not stored")?;
        partner_ids.push(saved.id);
    }
    let tree = db.org_tree().await.map_err(err)?;
    let named: Vec<&str> = NAMED.iter().map(|(n, ..)| *n).collect();
    for (title, form, partner, codes, days, hours, capacity, place) in PLANS {
        let units: Vec<i64> = codes.iter().filter_map(|c| tree.by_code(c)).map(|u| u.id).collect();
        // Whole hours from 09:00 WIB (02:00 UTC) of that day.
        let start = (now_ms + days * DAY).div_euclid(DAY) * DAY + 2 * HOUR;
        let end = start + hours * HOUR;
        let ended = end < now_ms;
        let training = Training {
            id: 0,
            title: title.into(),
            form,
            partner_id: partner.map(|i| partner_ids[i]),
            link: if place.is_none() { Some("https://meet.example.id/lentera-sibolga".into()) } else { None },
            place: place.map(str::to_owned),
            start_ms: start,
            end_ms: end,
            capacity,
            jp: lentera_protocol::activity::jp_for_minutes(u32::try_from(hours * 60).unwrap_or(0)),
            competency: if form == TrainingForm::Workshop { Competency::Teknis } else { Competency::SosialKultural },
            pillars: if days < 0 { vec![Pillar::Aman] } else { vec![Pillar::Etika, Pillar::Budaya] },
            units: units.clone(),
            // The upcoming sessions name the course that prepares for them (their phones fetch it).
            pre_reading: (days > 0).then(|| if form == TrainingForm::Webinar { "media-sosial-publik" } else { "spbe-layanan-warga" }.to_owned()),
            recording: ended.then(|| "https://video.example.id/rekaman-pelatihan".to_owned()),
            materials: if ended { vec!["https://berkas.example.id/materi-pelatihan.pdf".into()] } else { Vec::new() },
        };
        let secret = checkin_code::new_secret()?;
        let id = db.put_training(None, &training, &secret, None, now_ms, None).await.map_err(err)?.ok_or("training not stored")?;
        let ids: Vec<i64> = units.iter().flat_map(|u| tree.subtree(*u)).collect();
        let people: Vec<(i64, String, i64)> = db.people_in(&ids).await.map_err(err)?.into_iter().filter(|(_, nip, _)| !named.contains(&nip.as_str())).collect();
        let wanted = match capacity {
            Some(c) if days > 0 && c < 10 => c as usize + 2,
            _ => people.len().min(if days < 0 { 18 } else { 11 }),
        };
        for (n, (learner, nip, unit)) in people.iter().take(wanted).enumerate() {
            let said = (start - (3 + rng.below(5) as i64) * DAY).min(now_ms - HOUR);
            let device = DeviceId::from_random(rng.bytes());
            let event = |at: i64, body: EventBody, rng: &mut Rng| Event { id: EventId::new_v7(u64::try_from(at).unwrap_or(0), rng.bytes()), device_id: device, device_time_ms: at, body };
            let mut events = vec![event(said, EventBody::TrainingRegistered { training: id.to_string() }, rng)];
            // Past trainings: most came and typed the code; a few the host marked from the list; some stayed away.
            let came = ended && n % 6 != 5;
            let by_code = came && n % 4 != 3;
            if by_code {
                let at = start + (5 + rng.below(40) as i64) * 60_000;
                let code = checkin_code::code(&secret, checkin_code::slot_of(at));
                events.push(event(at, EventBody::CheckedIn { training: id.to_string(), code }, rng));
            }
            let received = if ended { end + HOUR } else { said + 60_000 };
            db.insert_events(*learner, &events, received, 0).await.map_err(err)?;
            if came && !by_code {
                let host = db.head_of(units[0]).await.map_err(err)?.unwrap_or(*learner);
                let entry = Entry {
                    actor_nip: ADMIN_NIP.into(),
                    actor_name: NAMED[4].1.into(),
                    action: "training_attendance".into(),
                    target: nip.clone(),
                    detail: format!("{id} {title}: hadir"),
                    unit_id: Some(*unit),
                    at_ms: end,
                };
                let row = db.training(id).await.map_err(err)?.ok_or("training gone")?;
                db.mark_attendance(&row, *learner, true, host, end, &entry).await.map_err(err)?;
            }
        }
    }
    Ok(())
}
