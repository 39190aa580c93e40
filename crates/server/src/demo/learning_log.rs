//! The demo city's learning on the job (docs/activities.md): entries confirmed and waiting in the
//! Camat's and Kominfo's queues (mentoring, coaching, a community session, an outside certificate),
//! one with a photo as evidence, and an internship placement at a partner.

use crate::calendar;
use crate::db::Db;
use crate::db::audit::Entry;
use crate::db::learner_credits::Grant;
use crate::db::learning_log::NewPlacement;
use lentera_protocol::activity::{LogDraft, LogForm};
use lentera_protocol::{DeviceId, Event, EventBody, EventId};

/// (unit, form, title, with whom, days ago, minutes, what they learned, confirmed JP or waiting, with a photo).
type Seeded = (&'static str, LogForm, &'static str, &'static str, i64, u32, &'static str, Option<u32>, bool);

const ENTRIES: [Seeded; 6] = [
    ("SBG-KEL-PASAR", LogForm::Mentoring, "Mentoring pelayanan administrasi kependudukan daring", "Sri Wahyuni (Kecamatan)", 3, 120,
     "Cara memeriksa berkas KK secara daring sebelum warga datang, sehingga antrean di loket berkurang.", None, true),
    ("SBG-KEC-KOTA", LogForm::Community, "Sesi komunitas praktik SPBE kecamatan", "Komunitas Praktik SPBE Sibolga", 6, 90,
     "Berbagi cara merekap aduan warga di satu lembar kerja bersama.", None, false),
    ("SBG-KOMINFO-IKP", LogForm::Certificate, "Sertifikat Digital Talent Scholarship: Analisis Data", "Digital Talent Scholarship (Kementerian Komdigi)", 40, 32 * 45,
     "Membersihkan dan meringkas data survei kepuasan dengan lembar kerja dan Python dasar.", Some(32), false),
    ("SBG-KOMINFO-APTIKA", LogForm::Coaching, "Coaching pengelolaan proyek aplikasi layanan", "Kepala Bidang Aplikasi Informatika", 15, 135,
     "Membagi pekerjaan menjadi tahapan dua minggu dan melaporkan risiko lebih awal.", Some(3), false),
    ("SBG-KEL-PASAR", LogForm::SelfStudy, "Belajar mandiri: menulis rilis berita yang jelas", "Mandiri (buku panduan humas)", 10, 100,
     "Menulis judul yang menyebut manfaat bagi warga di kalimat pertama.", Some(2), false),
    ("SBG-KOMINFO-IKP", LogForm::Mentoring, "Mentoring pengelolaan media sosial dinas", "Kepala Bidang IKP", 2, 60,
     "Menyusun kalender konten bulanan dan membalas komentar warga dalam satu hari kerja.", None, false),
];

/// Seeds the entries as pushes from the people's phones, then the unit heads' confirmations.
pub async fn seed(db: &Db, now_ms: i64) -> Result<(), String> {
    let err = |e: sqlx::Error| e.to_string();
    let tree = db.org_tree().await.map_err(err)?;
    let nips: std::collections::HashMap<i64, String> = db.people_by_nip().await.map_err(err)?.into_iter().collect();
    for (i, (unit, form, title, with_whom, days_ago, minutes, learned, confirmed, photo)) in ENTRIES.into_iter().enumerate() {
        let Some(unit_row) = tree.by_code(unit) else { continue };
        let head = db.head_of(unit_row.id).await.map_err(err)?;
        // Not the named people (the README's walkthrough starts from nothing) and not the head.
        let people = db.people_in(&[unit_row.id]).await.map_err(err)?;
        let Some((learner, nip, _)) = people.into_iter().filter(|(id, nip, _)| Some(*id) != head && !super::NAMED.iter().any(|n| n.0 == nip)).nth(i % 2) else { continue };
        let at = now_ms - days_ago * 86_400_000;
        let entry = format!("demo-catatan-{}", i + 1);
        let mut evidence = Vec::new();
        if photo {
            let id = format!("demo-foto-{}", i + 1);
            db.put_evidence(&id, learner, "image/png", &png(96, 64), at).await.map_err(err)?;
            evidence.push(id);
        }
        let log = LogDraft { form: form.key().into(), title: title.into(), with_whom: with_whom.into(), date: calendar::date(at), minutes, learned: learned.into(), evidence };
        let device = DeviceId::from_random([i as u8 + 40; 16]);
        let events: Vec<Event> = [log.clone().saved(&entry), EventBody::LogSubmitted { entry: entry.clone() }]
            .into_iter()
            .enumerate()
            .map(|(k, body)| {
                let ms = at + k as i64 * 60_000;
                Event { id: EventId::new_v7(u64::try_from(ms).unwrap_or(0), [i as u8, k as u8, 4, 0, 2, 6, 1, 7, 0, 9]), device_id: device, device_time_ms: ms, body }
            })
            .collect();
        db.insert_events(learner, &events, at + 3_600_000, 0).await.map_err(err)?;
        let (Some(jp), Some(head)) = (confirmed, head) else { continue };
        let Some(row) = db.log_entry(learner, &entry).await.map_err(err)? else { continue };
        let source = format!("log:{entry}");
        let at_ms = calendar::noon_ms(&log.date).unwrap_or(at);
        let grant = Grant { source: &source, form: form.key(), title, provider: with_whom, jp, competency: None, at_ms };
        let audit = Entry {
            actor_nip: nips.get(&head).cloned().unwrap_or_default(),
            actor_name: db.name_of(head).await.map_err(err)?,
            action: "log_confirm".into(),
            target: nip.clone(),
            detail: format!("{entry}: {jp} JP, {title}"),
            unit_id: Some(unit_row.id),
            at_ms: at + 86_400_000,
        };
        db.confirm_log(learner, &entry, &row.draft_event, &grant, head, at + 86_400_000, &audit).await.map_err(err)?;
    }
    internship(db, &tree, now_ms).await.map_err(err)
}

/// A Kominfo programmer placed at a partner university's data lab for a month.
async fn internship(db: &Db, tree: &crate::db::org::OrgTree, now_ms: i64) -> Result<(), sqlx::Error> {
    let Some(unit) = tree.by_code("SBG-KOMINFO-APTIKA") else { return Ok(()) };
    let head = db.head_of(unit.id).await?;
    let Some((learner, nip, _)) = db.people_in(&[unit.id]).await?.into_iter().find(|(id, nip, _)| Some(*id) != head && !super::NAMED.iter().any(|n| n.0 == nip)) else {
        return Ok(());
    };
    let start = calendar::date(now_ms - 10 * 86_400_000);
    let end = calendar::date(now_ms + 20 * 86_400_000);
    let placement = NewPlacement { learner_id: learner, partner_name: "Universitas Sumatera Utara", partner_id: None, place: "Laboratorium Sains Data, Medan", start_date: &start, end_date: &end };
    let admin = db.person(super::ADMIN_NIP).await?.map(|(id, _)| id);
    let audit = Entry {
        actor_nip: super::ADMIN_NIP.into(),
        actor_name: match admin {
            Some(id) => db.name_of(id).await?,
            None => String::new(),
        },
        action: "internship_add".into(),
        target: nip,
        detail: format!("Universitas Sumatera Utara, Laboratorium Sains Data, Medan, {start} – {end}"),
        unit_id: Some(unit.id),
        at_ms: now_ms,
    };
    db.add_internship(&placement, admin.unwrap_or(learner), now_ms, &audit).await?;
    Ok(())
}

/// A small PNG drawn in code (a sunrise over a meeting table), so the demo needs no binary file.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    use std::io::Write;
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            let sky = y < height * 5 / 8;
            let sun = (x as i64 - i64::from(width) / 2).pow(2) + (y as i64 - i64::from(height) / 2).pow(2) < i64::from(height * height / 16);
            let [r, g, b] = match (sky, sun) {
                (_, true) => [250, 200, 60],
                (true, false) => [120, (160 + y * 2).min(255) as u8, 220],
                (false, false) => [110, 80, 50],
            };
            raw.extend_from_slice(&[r, g, b]);
        }
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = zlib.write_all(&raw);
    let data = zlib.finish().unwrap_or_default();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no filter choice, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, body) in [(*b"IHDR", header.as_slice()), (*b"IDAT", data.as_slice()), (*b"IEND", &[][..])] {
        out.extend_from_slice(&u32::try_from(body.len()).unwrap_or(0).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&kind);
        crc.update(body);
        out.extend_from_slice(&kind);
        out.extend_from_slice(body);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    out
}
