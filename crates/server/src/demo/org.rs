//! The demo's fictional city government: units, and ~60 staff as the admin's CSV would list them.

/// (code, name, parent code).
pub const UNITS: [(&str, &str, Option<&str>); 10] = [
    ("SBG", "Pemerintah Kota Sibolga", None),
    ("SBG-SETDA", "Sekretariat Daerah", Some("SBG")),
    ("SBG-BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", Some("SBG")),
    ("SBG-KOMINFO", "Dinas Komunikasi dan Informatika", Some("SBG")),
    ("SBG-KOMINFO-APTIKA", "Bidang Aplikasi Informatika", Some("SBG-KOMINFO")),
    ("SBG-KOMINFO-IKP", "Bidang Informasi dan Komunikasi Publik", Some("SBG-KOMINFO")),
    ("SBG-DINKES", "Dinas Kesehatan", Some("SBG")),
    ("SBG-DINKES-YANKES", "Bidang Pelayanan Kesehatan", Some("SBG-DINKES")),
    ("SBG-KEC-KOTA", "Kecamatan Sibolga Kota", Some("SBG")),
    ("SBG-KEL-PASAR", "Kelurahan Pasar Baru", Some("SBG-KEC-KOTA")),
];

/// People the README and the tests name: (NIP, name, position, unit). Their progress starts empty.
pub const NAMED: [(&str, &str, &str, &str); 5] = [
    ("197906182005011003", "Budi Santoso", "Camat Sibolga Kota", "SBG-KEC-KOTA"),
    ("198503122010012002", "Sri Wahyuni", "Pengelola Layanan Kependudukan", "SBG-KEC-KOTA"),
    ("199007252015031001", "Rahmat Hidayat", "Analis Kebijakan", "SBG-KEC-KOTA"),
    ("198811042012122001", "Maria Simanjuntak", "Pranata Komputer Ahli Pertama", "SBG-KOMINFO-APTIKA"),
    ("198002142006042001", "Dewi Lestari", "Analis SDM Aparatur (admin Lentera)", "SBG-BKPSDM"),
];

/// The named demo learner who is a PPPK (Rahmat Hidayat): his phone shows the PPPK JP rule.
pub const PPPK_NIP: &str = "199007252015031001";

/// The demo administrator (manages the whole city).
pub const ADMIN_NIP: &str = "198002142006042001";

/// Fictional people's names and positions (the dashboard bench draws from them too).
pub const FIRST: [&str; 24] = [
    "Agus", "Ani", "Bambang", "Citra", "Dedi", "Eka", "Fitri", "Gunawan", "Hendra", "Indah", "Joko", "Kartika",
    "Lestari", "Muhammad", "Nur", "Putri", "Rizky", "Siti", "Taufik", "Utami", "Wahyu", "Yanti", "Zainal", "Rina",
];
pub const LAST: [&str; 16] = [
    "Siregar", "Nasution", "Harahap", "Lubis", "Pasaribu", "Hutagalung", "Sitompul", "Panggabean",
    "Saragih", "Tanjung", "Rangkuti", "Situmorang", "Pratama", "Setiawan", "Wijaya", "Hasibuan",
];
pub const POSITIONS: [&str; 8] = [
    "Analis Kebijakan", "Pranata Komputer", "Pengelola Data", "Penyuluh", "Arsiparis",
    "Pengadministrasi Umum", "Perencana", "Pranata Humas",
];

/// (unit, staff besides its head): ~60 people in all.
const SIZES: [(&str, usize); 10] = [
    ("SBG", 0), ("SBG-SETDA", 5), ("SBG-BKPSDM", 5), ("SBG-KOMINFO", 3), ("SBG-KOMINFO-APTIKA", 6),
    ("SBG-KOMINFO-IKP", 5), ("SBG-DINKES", 4), ("SBG-DINKES-YANKES", 7), ("SBG-KEC-KOTA", 4), ("SBG-KEL-PASAR", 6),
];

/// A structurally valid fictional NIP, unique per `n`.
fn nip(n: usize) -> String {
    let year = 1970 + (n * 7) % 28;
    let month = 1 + (n * 5) % 12;
    let day = 1 + (n * 11) % 28;
    let appointed = year + 22 + n % 8;
    let gender = 1 + n % 2;
    format!("{year}{month:02}{day:02}{appointed}{:02}{gender}{:03}", 1 + (n * 3) % 12, 100 + n)
}

/// The staff file the demo imports, the same way an admin would (heads lead their unit's staff;
/// a sub-unit's head reports to the parent unit's head; unit heads report to the Sekda). Heads and
/// named people are PNS but one; every fourth of the other staff is PPPK, so the city is mixed as real ones are.
pub fn staff_csv() -> String {
    let mut out = String::from("nip,nama,jabatan,kode_unit,nip_atasan,email,jenis_pegawai\n");
    let mut heads: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    heads.insert("SBG-KEC-KOTA", NAMED[0].0.to_owned());
    let mut n = 0;
    let person = |n: &mut usize| {
        *n += 1;
        let name = format!("{} {}", FIRST[*n % FIRST.len()], LAST[(*n * 3 + *n / FIRST.len()) % LAST.len()]);
        (nip(*n), name)
    };
    let sekda = person(&mut n);
    out.push_str(&format!("{},{},Sekretaris Daerah,SBG-SETDA,,,PNS\n", sekda.0, sekda.1));
    heads.insert("SBG-SETDA", sekda.0.clone());
    for (code, _, parent) in UNITS.iter().skip(2) {
        if heads.contains_key(code) {
            continue;
        }
        let boss = parent.and_then(|p| heads.get(p)).unwrap_or(&sekda.0).clone();
        let (head_nip, head_name) = person(&mut n);
        out.push_str(&format!("{head_nip},{head_name},Kepala {},{code},{boss},,PNS\n", short(code)));
        heads.insert(code, head_nip);
    }
    out.push_str(&format!("{},{},Camat Sibolga Kota,SBG-KEC-KOTA,{},,PNS\n", NAMED[0].0, NAMED[0].1, sekda.0));
    for (nip, name, position, unit) in NAMED.iter().skip(1) {
        let boss = heads.get(unit).cloned().unwrap_or_default();
        let kind = if *nip == PPPK_NIP { "PPPK" } else { "PNS" };
        out.push_str(&format!("{nip},{name},{position},{unit},{boss},,{kind}\n"));
    }
    for (code, size) in SIZES {
        for i in 0..size {
            let (staff_nip, name) = person(&mut n);
            let boss = heads.get(code).cloned().unwrap_or_default();
            let email = if i % 3 == 0 { format!("{}@sibolgakota.example", name.to_lowercase().replace(' ', ".")) } else { String::new() };
            let kind = if i % 4 == 1 { "PPPK" } else { "PNS" };
            out.push_str(&format!("{staff_nip},{name},{},{code},{boss},{email},{kind}\n", POSITIONS[(n + i) % POSITIONS.len()]));
        }
    }
    out
}

fn short(code: &str) -> &'static str {
    UNITS.iter().find(|(c, _, _)| *c == code).map_or("Unit", |(_, name, _)| name)
}
