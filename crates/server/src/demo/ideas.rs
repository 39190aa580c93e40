//! Demo innovation rounds (docs/innovation.md): one finished, its six ideas endorsed by the unit
//! heads, scored by two jurors (two ideas tie on everything) and published; one open now, with ideas
//! waiting for a head and one already endorsed. The people named in the README take no part.

use crate::calendar;
use crate::db::Db;
use crate::db::audit::Entry;
use crate::db::ideas::NewRound;
use lentera_protocol::reaction::DAY_MS;
use lentera_protocol::{DeviceId, Event, EventBody, EventId};

/// The jurors: the Sekda and the head of Kominfo (both can use the console).
const JURORS: [&str; 2] = ["197706122000042101", "199104062016102103"];

/// (title, problem, who it helps, the idea, how success is measured, cost).
const FINISHED: [[&str; 6]; 6] = [
    ["Antrean KTP lewat pesan singkat", "Warga menunggu rekam KTP sampai tiga jam di kantor.", "Warga yang mengurus dokumen kependudukan.", "Nomor antrean diminta lewat pesan; warga datang pada jam yang dibalas petugas.", "Waktu tunggu rata-rata di kantor, dicatat setiap minggu.", "Tanpa biaya: memakai nomor kantor yang sudah ada."],
    ["Loket keliling pada hari pasar", "Warga kelurahan jauh harus ke kantor kecamatan untuk surat sederhana.", "Pedagang dan warga kelurahan pinggiran.", "Satu petugas membuka loket di pasar setiap Kamis pagi dengan laptop dan pencetak.", "Jumlah surat yang selesai di pasar per bulan.", "Rp 1,5 juta untuk pencetak portabel."],
    ["Formulir izin usaha satu halaman", "Formulir lama empat halaman dan sering diisi salah.", "Pelaku usaha mikro.", "Formulir diringkas menjadi satu halaman dengan contoh isian.", "Jumlah berkas yang dikembalikan karena salah isi.", "Biaya cetak biasa."],
    ["Papan status berkas di ruang tunggu", "Warga bolak-balik bertanya apakah berkasnya sudah selesai.", "Warga yang menunggu izin dan surat.", "Layar di ruang tunggu menampilkan nomor berkas yang sudah siap diambil.", "Jumlah pertanyaan di loket per hari.", "Rp 3 juta untuk layar bekas yang diperbaiki."],
    ["Jadwal posyandu di grup warga", "Kehadiran posyandu rendah karena jadwal tidak sampai ke warga.", "Ibu hamil dan keluarga dengan balita.", "Kader mengirim jadwal dan pengingat sehari sebelumnya ke grup RT.", "Persentase balita yang ditimbang setiap bulan.", "Tanpa biaya."],
    ["Surat dipindai sekali, dipakai bersama", "Surat masuk difotokopi untuk setiap bidang.", "Pegawai sekretariat dan bidang.", "Surat dipindai di meja agenda dan dibagikan lewat folder bersama.", "Lembar fotokopi per bulan.", "Rp 2 juta untuk pemindai."],
];

/// Each juror's scores per idea (Manfaat 40, Bisa dijalankan 30, Kebaruan 30); ideas 4 and 5 tie on everything.
const SCORES: [[[u8; 3]; 6]; 2] = [
    [[5, 4, 4], [4, 4, 5], [4, 5, 3], [4, 4, 4], [4, 4, 4], [3, 4, 3]],
    [[5, 5, 4], [4, 4, 4], [4, 4, 3], [4, 4, 4], [4, 4, 4], [3, 3, 4]],
];

/// (title, sections) of ideas in the open round; the first is endorsed, the others wait.
const OPEN: [[&str; 6]; 3] = [
    ["Peta titik sinyal untuk petugas lapangan", "Petugas tidak tahu di mana bisa mengirim laporan.", "Penyuluh dan petugas kelurahan.", "Petugas menandai titik yang ada sinyal; peta dibagikan ke semua.", "Laporan yang terlambat dikirim per bulan.", "Tanpa biaya."],
    ["Kotak saran digital di kelurahan", "Saran warga hilang di kotak kertas.", "Warga kelurahan.", "Kode QR di loket membuka formulir saran yang dibaca lurah setiap Jumat.", "Saran yang ditanggapi dalam seminggu.", "Biaya cetak stiker."],
    ["Surat keterangan dikirim sebagai PDF", "Warga datang dua kali: mengajukan dan mengambil.", "Warga yang butuh surat keterangan.", "Surat yang sudah ditandatangani dikirim sebagai PDF ke surel warga.", "Kunjungan kedua yang tidak perlu lagi.", "Tanpa biaya."],
];

/// Staff who take part: everyone but the named people and the jurors, in a fixed order.
async fn authors(db: &Db) -> Result<Vec<(i64, String, Option<i64>)>, sqlx::Error> {
    let mut out = Vec::new();
    for (id, nip) in db.people_by_nip().await? {
        if super::NAMED.iter().any(|(n, ..)| *n == nip) || JURORS.contains(&nip.as_str()) {
            continue;
        }
        // Staff, not heads: a head's idea would have nobody above in the unit to endorse it.
        let role = db.learner_by_nip(&lentera_protocol::Nip::parse(&nip).map_err(|e| sqlx::Error::Protocol(e.to_string()))?).await?.map(|l| l.role);
        if role.as_deref() != Some("learner") {
            continue;
        }
        let unit = db.person(&nip).await?.and_then(|(_, u)| u);
        out.push((id, nip, unit));
    }
    Ok(out)
}

/// The author's phone saves the idea and hands it in at `at`; the push arrives an hour later.
async fn hand_in(db: &Db, author: i64, round: i64, n: usize, idea: &[&str; 6], at: i64) -> Result<String, sqlx::Error> {
    let entry = format!("demo-ide-{round}-{n}");
    let body = EventBody::IdeaSaved {
        entry: entry.clone(),
        round: round.to_string(),
        title: idea[0].into(),
        items: idea[1..].iter().map(|s| (*s).to_owned()).collect(),
        evidence: vec![],
        team: vec![],
    };
    let device = DeviceId::from_random([0xD1 + n as u8; 16]);
    let events: Vec<Event> = [(at - DAY_MS, body), (at, EventBody::IdeaSubmitted { entry: entry.clone() })]
        .into_iter()
        .enumerate()
        .map(|(k, (ms, body))| Event { id: EventId::new_v7(u64::try_from(ms).unwrap_or(0), [0x1D, round as u8, n as u8, k as u8, 0, 0, 0, 0, 0, 1]), device_id: device, device_time_ms: ms, body })
        .collect();
    db.insert_events(author, &events, at + 3_600_000, 0).await?;
    Ok(entry)
}

/// An audit line as the demo's actors would have left it.
async fn entry_by(db: &Db, actor: i64, action: &str, target: &str, detail: &str, unit: Option<i64>, at: i64) -> Result<Entry, sqlx::Error> {
    Ok(Entry { actor_nip: String::new(), actor_name: db.name_of(actor).await?, action: action.into(), target: target.into(), detail: detail.into(), unit_id: unit, at_ms: at })
}

/// Opens a round with the demo rubric and jurors, `days` (opens, closes, judging ends) from now.
async fn round(db: &Db, theme: &str, description: &str, days: [i64; 3], admin: i64, now_ms: i64) -> Result<i64, sqlx::Error> {
    let mut jurors = Vec::new();
    for nip in JURORS {
        jurors.extend(db.person(nip).await?.map(|(id, _)| id));
    }
    let [opens, closes, ends] = days.map(|d| calendar::date(now_ms + d * DAY_MS));
    let new = NewRound {
        theme,
        description,
        opens_on: &opens,
        closes_on: &closes,
        judging_ends_on: &ends,
        unit_id: None,
        criteria: vec![("Manfaat bagi warga".into(), 40), ("Bisa dijalankan".into(), 30), ("Kebaruan".into(), 30)],
        jurors,
    };
    let audit = entry_by(db, admin, "idea_round_open", theme, &format!("{opens} – {closes}"), None, now_ms + days[0] * DAY_MS).await?;
    db.create_idea_round(&new, admin, now_ms + days[0] * DAY_MS, &audit).await
}

/// Endorses the idea as the head of the author's unit; false when the unit has no other head.
async fn endorse(db: &Db, author: i64, unit: Option<i64>, entry: &str, at: i64) -> Result<bool, sqlx::Error> {
    let Some(head) = (match unit {
        Some(u) => db.head_of(u).await?.filter(|h| *h != author),
        None => None,
    }) else {
        return Ok(false);
    };
    let Some(idea) = db.idea(author, entry).await? else { return Ok(false) };
    let audit = entry_by(db, head, "idea_endorse", entry, &idea.title, unit, at).await?;
    db.endorse_idea(author, entry, &idea.draft_event, head, at, &audit).await
}

pub async fn seed(db: &Db, now_ms: i64) -> Result<(), String> {
    let err = |e: sqlx::Error| e.to_string();
    let admin = db.person(super::ADMIN_NIP).await.map_err(err)?.map(|(id, _)| id).ok_or("the demo admin is missing")?;
    let people = authors(db).await.map_err(err)?;
    let mut jurors = Vec::new();
    for nip in JURORS {
        jurors.extend(db.person(nip).await.map_err(err)?.map(|(id, _)| id));
    }
    let finished = round(db, "Pelayanan publik tanpa antre", "Gagasan yang memangkas waktu tunggu warga.", [-90, -60, -45], admin, now_ms).await.map_err(err)?;
    let mut endorsed = 0;
    // Every fifth person, so the authors come from several units.
    for (n, idea) in FINISHED.iter().enumerate() {
        let (author, _, unit) = &people[(n * 5 + 2) % people.len()];
        let entry = hand_in(db, *author, finished, n, idea, now_ms - (75 - n as i64) * DAY_MS).await.map_err(err)?;
        if !endorse(db, *author, *unit, &entry, now_ms - 58 * DAY_MS).await.map_err(err)? {
            continue;
        }
        endorsed += 1;
        for (j, juror) in jurors.iter().enumerate() {
            let audit = entry_by(db, *juror, "idea_score", &format!("Ide {endorsed}"), "", None, now_ms - 50 * DAY_MS).await.map_err(err)?;
            db.put_idea_scores(finished, *author, &entry, *juror, &SCORES[j][n], now_ms - 50 * DAY_MS, &audit).await.map_err(err)?;
        }
    }
    let audit = entry_by(db, admin, "idea_round_publish", "Pelayanan publik tanpa antre", &format!("{endorsed} ideas ranked"), None, now_ms - 44 * DAY_MS).await.map_err(err)?;
    db.publish_idea_round(finished, admin, now_ms - 44 * DAY_MS, &audit).await.map_err(err)?;
    let open = round(db, "Kelurahan digital", "Gagasan agar urusan warga di kelurahan selesai tanpa datang dua kali.", [-5, 25, 40], admin, now_ms).await.map_err(err)?;
    for (n, idea) in OPEN.iter().enumerate() {
        let (author, _, unit) = &people[(n * 7 + 3) % people.len()];
        let entry = hand_in(db, *author, open, n, idea, now_ms - (3 - n as i64) * DAY_MS).await.map_err(err)?;
        if n == 0 {
            endorse(db, *author, *unit, &entry, now_ms - DAY_MS).await.map_err(err)?;
        }
    }
    Ok(())
}
