//! The trainings and learning log's own words (Bahasa Indonesia first, English second), kept apart
//! from the app's catalogue so the learner's first load never carries them.

use crate::i18n::{I18n, Lang};
use leptos::prelude::Get;

/// Declares the keys once, with the Indonesian and English text of each.
macro_rules! words {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum W { $($key),* }

        impl W {
            pub const ALL: &'static [W] = &[$(W::$key),*];
        }

        pub fn text(lang: Lang, key: W) -> &'static str {
            match (lang, key) {
                $((Lang::Id, W::$key) => $id, (Lang::En, W::$key) => $en,)*
            }
        }
    };
}

words! {
    BackHome => "Kembali ke Beranda", "Back to Home";
    Title => "Kegiatan belajar", "Learning activities";
    TabTrainings => "Pelatihan", "Trainings";
    TabLog => "Catatan belajar", "Learning log";
    Loading => "Memuat…", "Loading…";
    SignIn => "Masuk dulu di Lentera, lalu buka halaman ini lagi.", "Sign in to Lentera first, then open this page again.";
    OpenLentera => "Buka Lentera", "Open Lentera";
    SaveFailed => "Belum tersimpan di ponsel: {why}", "Not saved on this phone: {why}";
    Updated => "Diperbarui {ago}.", "Updated {ago}.";
    UpdatedOffline => "Tanpa sinyal: data dari {ago}, tersimpan di ponsel.", "No signal: data from {ago}, kept on this phone.";
    NeverLoaded => "Daftar ini belum tersimpan di ponsel. Sambungkan ke internet sekali dan buka halaman ini lagi; setelah itu daftar tetap terbuka tanpa sinyal.",
        "This list is not on this phone yet. Connect to the internet once and open this page again; after that it opens with no signal.";
    Upcoming => "Akan datang", "Upcoming";
    Past => "Sudah lewat", "Past";
    NoTrainings => "Belum ada pelatihan untuk unit Anda.", "No trainings for your unit yet.";
    Webinar => "Webinar", "Webinar";
    Workshop => "Lokakarya", "Workshop";
    ByPartner => "bersama {name}", "with {name}";
    When => "{day}, {start}–{end} WIB", "{day}, {start}–{end} WIB";
    Place => "Tempat: {place}", "Place: {place}";
    OnlineLink => "Tautan daring", "Online link";
    Jp => "{n} JP", "{n} JP";
    SeatsLeft => "Sisa kursi: {n} dari {m}", "Seats left: {n} of {m}";
    NoSeats => "Kursi sudah penuh", "No seats left";
    AnySeats => "Tanpa batas kursi", "No seat limit";
    NotRegistered => "Belum mendaftar.", "Not registered.";
    Registered => "Terdaftar, dikonfirmasi.", "Registered, confirmed.";
    Full => "Penuh: pendaftaran Anda tiba setelah kursi habis.", "Full: your registration arrived after the seats ran out.";
    Cancelled => "Pendaftaran dibatalkan.", "Registration cancelled.";
    RegisterWaiting => "Mendaftar · menunggu sinkron. Server memastikan kursi Anda saat ponsel tersambung.", "Registering · waiting to sync. The server confirms your seat once the phone connects.";
    CancelWaiting => "Membatalkan · menunggu sinkron.", "Cancelling · waiting to sync.";
    Register => "Daftar", "Register";
    Cancel => "Batalkan pendaftaran", "Cancel registration";
    Calendar => "Tambah ke kalender", "Add to calendar";
    CalendarOffline => "Kalender bisa diunduh saat online.", "The calendar file can be downloaded when online.";
    CalendarFailed => "Kalender belum bisa diunduh: {why}. Coba lagi sebentar lagi.", "The calendar could not be downloaded: {why}. Try again in a moment.";
    ReminderSoon => "Pengingat: {title} mulai {when}.", "Reminder: {title} starts {when}.";
    ReminderNow => "Sedang berlangsung: {title}. Isi kode check-in dari penyelenggara di bawah.", "Happening now: {title}. Enter the organiser's check-in code below.";
    CheckIn => "Check-in kehadiran", "Attendance check-in";
    CheckInHelp => "Ketik kode {n} huruf/angka yang ditampilkan penyelenggara. Bisa tanpa sinyal; server memeriksanya saat sinkron.", "Type the {n}-character code the organiser shows. Works with no signal; the server checks it when the phone syncs.";
    CodeLabel => "Kode check-in", "Check-in code";
    Present => "Saya hadir", "I am here";
    Scan => "Pindai QR", "Scan QR";
    StopScan => "Tutup kamera", "Close camera";
    ScanHelp => "Arahkan kamera ke kode QR penyelenggara.", "Point the camera at the organiser's QR code.";
    CameraFailed => "Kamera tidak bisa dibuka: {why}. Ketik kodenya saja.", "The camera could not be opened: {why}. Type the code instead.";
    CodeWrong => "Kode harus {n} huruf/angka (tanpa 0, O, 1, I, L). Periksa lagi kode dari penyelenggara.", "The code is {n} letters/digits (no 0, O, 1, I, L). Check the organiser's code again.";
    CodeTyped => "Kode {code} tercatat di ponsel pukul {time}. Server memeriksanya saat sinkron.", "Code {code} recorded on this phone at {time}. The server checks it when the phone syncs.";
    Credited => "Kehadiran diakui: {n} JP.", "Attendance credited: {n} JP.";
    Recording => "Rekaman", "Recording";
    Materials => "Materi {n}", "Materials {n}";
    LogIntro => "Belajar di luar kursus juga dihitung: coaching, mentoring, belajar mandiri, komunitas belajar, magang, dan sertifikat dari luar. Catat di sini; atasan Anda memeriksa dan mengakui JP-nya.",
        "Learning outside courses counts too: coaching, mentoring, self-study, learning communities, internships and outside certificates. Log it here; your supervisor checks it and credits the JP.";
    AddEntry => "Tambah catatan", "Add an entry";
    NoEntries => "Belum ada catatan belajar.", "No learning log entries yet.";
    Untitled => "(tanpa judul)", "(untitled)";
    StatusDraft => "Draf, belum dikirim ke atasan.", "Draft, not sent to your supervisor yet.";
    StatusWaitingSync => "Dikirim dari ponsel ini · menunggu sinkron.", "Sent from this phone · waiting to sync.";
    StatusSubmitted => "Menunggu pemeriksaan atasan.", "Waiting for your supervisor's check.";
    StatusConfirmed => "Diakui atasan: {n} JP.", "Confirmed by your supervisor: {n} JP.";
    StatusReturned => "Dikembalikan atasan. Ubah lalu kirim lagi.", "Returned by your supervisor. Change it and send it again.";
    Note => "Catatan atasan: {note}", "Your supervisor's note: {note}";
    Edit => "Ubah", "Edit";
    Send => "Kirim ke atasan", "Send to my supervisor";
    SendMissing => "Lengkapi dulu: bentuk belajar, apa yang dipelajari, tanggal, dan lama (menit).", "Fill in first: the form of learning, what, the date and how long (minutes).";
    FormTitle => "Catatan belajar", "Learning log entry";
    FormSaved => "Setiap perubahan langsung tersimpan di ponsel, juga tanpa sinyal.", "Every change is saved on this phone at once, even with no signal.";
    FormKind => "Bentuk belajar", "Form of learning";
    Coaching => "Coaching", "Coaching";
    Mentoring => "Mentoring", "Mentoring";
    SelfStudy => "Belajar mandiri", "Self-study";
    Community => "Komunitas belajar", "Learning community";
    Internship => "Magang", "Internship";
    Certificate => "Sertifikat dari luar", "Outside certificate";
    What => "Apa yang dipelajari (topik atau nama sertifikat)", "What (topic or certificate name)";
    WithWhom => "Dengan siapa / di mana", "With whom / where";
    Date => "Tanggal", "Date";
    Minutes => "Lama (menit)", "Duration (minutes)";
    JpPreview => "Perkiraan: {n} JP (45 menit = 1 JP, paling banyak 40 JP). Atasan yang memutuskan.", "Estimate: {n} JP (45 minutes = 1 JP, at most 40 JP). Your supervisor decides.";
    Learned => "Apa yang saya pelajari", "What I learned";
    Evidence => "Bukti (boleh dikosongkan): foto atau PDF", "Evidence (optional): a photo or PDF";
    EvidenceHelp => "Paling besar {mb} MB per file, paling banyak {n} file. Foto dikecilkan di ponsel dan dikirim saat online.", "At most {mb} MB per file, at most {n} files. Photos are shrunk on the phone and sent when online.";
    EvidenceTooBig => "File terlalu besar ({size} MB). Batasnya {mb} MB: kecilkan atau pindai ulang PDF-nya, atau kirim foto.", "The file is too large ({size} MB). The limit is {mb} MB: make the PDF smaller, or send a photo.";
    EvidenceType => "Hanya foto (JPEG/PNG) atau PDF yang bisa dipakai sebagai bukti.", "Only a photo (JPEG/PNG) or a PDF can be used as evidence.";
    EvidenceMax => "Sudah {n} file, batasnya. Hapus satu dulu.", "Already {n} files, the limit. Remove one first.";
    EvidenceFailed => "Bukti belum tersimpan: {why}", "The evidence was not saved: {why}";
    EvidenceOnPhone => "Tersimpan di ponsel, dikirim saat online ({kb} KB)", "Kept on this phone, sent when online ({kb} KB)";
    EvidenceSent => "Terkirim ke server", "Sent to the server";
    EvidenceMissing => "Tidak ada di ponsel ini", "Not on this phone";
    EvidenceName => "Bukti {n}", "Evidence {n}";
    Remove => "Hapus", "Remove";
    TakePhoto => "Ambil foto", "Take a photo";
    ChooseFile => "Pilih foto atau PDF", "Choose a photo or PDF";
    Done => "Selesai", "Done";
    Preparing => "Menyiapkan file…", "Preparing the file…";
}

/// The page's words through the app's language setting.
pub trait Words {
    /// The text of `key` in the chosen language (tracked).
    fn w(&self, key: W) -> &'static str;
    /// `w` with each `{name}` replaced by its value.
    fn wf(&self, key: W, values: &[(&str, &str)]) -> String;
}

impl Words for I18n {
    fn w(&self, key: W) -> &'static str {
        text(self.lang.get(), key)
    }

    fn wf(&self, key: W, values: &[(&str, &str)]) -> String {
        crate::i18n::fill(self.w(key), values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_answer_every_key_with_the_same_placeholders() {
        let holes = |t: &str| -> Vec<String> {
            let mut found: Vec<String> = t.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(h, _)| h.to_owned()).collect();
            found.sort();
            found
        };
        for &key in W::ALL {
            let (id, en) = (text(Lang::Id, key), text(Lang::En, key));
            assert!(!id.trim().is_empty() && !en.trim().is_empty(), "{key:?}");
            assert_eq!(holes(id), holes(en), "{key:?}");
        }
    }
}
