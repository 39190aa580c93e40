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
    TabIdeas => "Ide inovasi", "Innovation ideas";
    IdeasIntro => "Punya gagasan untuk memperbaiki layanan? Tulis di sini, sedikit demi sedikit, juga tanpa sinyal. Saat siap, kirim ke atasan; atasan mendukungnya, lalu juri menilai.",
        "Have an idea to improve a service? Write it here, bit by bit, even with no signal. When it is ready, send it to your supervisor; they endorse it, then the jurors score it.";
    Rounds => "Lomba yang dibuka", "Open competitions";
    NoRounds => "Belum ada lomba ide yang dibuka untuk Anda.", "No idea competition is open to you yet.";
    RoundDates => "Dibuka {opens} · batas kirim {closes}, pukul 23.59 WIB", "Opens {opens} · deadline {closes}, 23:59 WIB";
    RoundUpcoming => "Belum dibuka: mulai {opens}.", "Not open yet: starts {opens}.";
    RoundClosed => "Pengiriman sudah ditutup (batas {closes}).", "Submissions are closed (deadline {closes}).";
    Rubric => "Cara juri menilai (bobot):", "How the jurors score (weight):";
    Criterion => "{name}: {weight}%", "{name}: {weight}%";
    WriteIdea => "Tulis ide", "Write an idea";
    MyIdeas => "Ide saya", "My ideas";
    NoIdeas => "Belum ada ide yang Anda tulis.", "You have not written an idea yet.";
    IdeaRound => "Lomba: {theme}", "Competition: {theme}";
    IdeaDraft => "Draf, belum dikirim ke atasan.", "Draft, not sent to your supervisor yet.";
    IdeaSubmitted => "Menunggu dukungan atasan.", "Waiting for your supervisor's endorsement.";
    IdeaLate => "Tiba setelah batas kirim: disimpan, tidak ikut dinilai.", "Arrived after the deadline: kept, not judged.";
    IdeaLateWhy => "Alasan dari server: {why}", "The server's reason: {why}";
    IdeaEndorsed => "Didukung atasan; ikut dinilai juri.", "Endorsed by your supervisor; the jurors will score it.";
    IdeaJudging => "Didukung atasan; juri sedang menilai.", "Endorsed by your supervisor; the jurors are scoring.";
    IdeaEndorsedPublished => "Didukung atasan; hasil lomba sudah diumumkan.", "Endorsed by your supervisor; the results are out.";
    IdeaReturned => "Dikembalikan atasan. Perbaiki lalu kirim lagi.", "Returned by your supervisor. Improve it and send it again.";
    IdeaUnsaved => "Perubahan terakhir tersimpan di ponsel · menunggu sinkron.", "The latest change is kept on this phone · waiting to sync.";
    IdeaResult => "Peringkat {rank} dari {of}, nilai {score}", "Rank {rank} of {of}, score {score}";
    IdeaNoResult => "Hasil sudah diumumkan; ide ini tidak masuk peringkat.", "Results are out; this idea is not in the ranking.";
    IdeaTeam => "Tim: {n} orang selain Anda", "Team: {n} besides you";
    IdeaSendMissing => "Bisa dikirim setelah judul dan kelima bagian terisi.", "Can be sent once the title and all five sections are filled in.";
    IdeaSendClosed => "Tidak bisa dikirim: menurut jam ponsel, lomba ini tidak sedang dibuka.", "Cannot be sent: by this phone's clock the competition is not open.";
    IdeaForm => "Ide inovasi", "Innovation idea";
    IdeaTitle => "Judul ide", "Title of the idea";
    SecProblem => "Masalah yang diatasi", "The problem it solves";
    SecProblemHelp => "Apa yang tidak berjalan baik sekarang, dan di mana? Sebutkan contoh atau angkanya.", "What does not work well now, and where? Give an example or a figure.";
    SecBeneficiaries => "Siapa yang terbantu", "Who it helps";
    SecBeneficiariesHelp => "Warga, pegawai, atau unit mana yang merasakan manfaatnya, dan kira-kira berapa orang.", "Which citizens, staff or units benefit, and roughly how many.";
    SecIdea => "Gagasan", "The idea";
    SecIdeaHelp => "Apa yang akan diubah atau dibuat, langkah demi langkah.", "What will be changed or made, step by step.";
    SecMeasure => "Cara mengukur keberhasilan", "How success is measured";
    SecMeasureHelp => "Angka apa yang akan berubah, dari berapa menjadi berapa, dan kapan diukur.", "Which figure will change, from what to what, and when it is measured.";
    SecCost => "Perkiraan biaya", "Estimated cost";
    SecCostHelp => "Perkiraan biaya dan dari mana dananya; tulis Rp 0 bila tanpa biaya.", "The estimated cost and where the money comes from; write Rp 0 if none.";
    IdeaImages => "Gambar (boleh dikosongkan)", "Images (optional)";
    IdeaImagesHelp => "Foto atau sketsa: paling besar {mb} MB per gambar, paling banyak {n} gambar. Foto dikecilkan di ponsel dan dikirim saat online.", "Photos or sketches: at most {mb} MB per image, at most {n} images. Photos are shrunk on the phone and sent when online.";
    ImageName => "Gambar {n}", "Image {n}";
    ImageType => "Hanya foto (JPEG/PNG) yang bisa dipakai sebagai gambar.", "Only a photo (JPEG/PNG) can be used as an image.";
    ImageMax => "Sudah {n} gambar, batasnya. Hapus satu dulu.", "Already {n} images, the limit. Remove one first.";
    ChoosePicture => "Pilih gambar", "Choose an image";
    Team => "Anggota tim (boleh dikosongkan)", "Team members (optional)";
    TeamHelp => "Rekan yang ikut menyusun ide, dengan NIP 18 angka; paling banyak {n} orang selain Anda.", "Colleagues who worked on the idea, by their 18-digit NIP; at most {n} besides you.";
    TeamNip => "NIP anggota tim", "Team member's NIP";
    TeamAdd => "Tambah anggota", "Add member";
    TeamOwn => "Itu NIP Anda sendiri; Anda sudah tercatat sebagai penulis.", "That is your own NIP; you are the author already.";
    TeamAlready => "NIP ini sudah ada di tim.", "This NIP is in the team already.";
    TeamFull => "Tim sudah {n} orang, batasnya. Hapus satu dulu.", "The team has {n} people already, the limit. Remove one first.";
    NipLength => "NIP terdiri dari 18 angka; yang diketik {n} angka. Periksa lagi.", "A NIP has 18 digits; this one has {n}. Check it again.";
    NipDigits => "NIP hanya berisi angka (spasi boleh).", "A NIP holds only digits (spaces are fine).";
    NipBirth => "Angka 1–8 NIP adalah tanggal lahir (TTTTBBHH); {part} bukan tanggal. Periksa lagi.", "Digits 1–8 of a NIP are the birth date (YYYYMMDD); {part} is not a date. Check it again.";
    NipAppointed => "Angka 9–14 NIP adalah bulan pengangkatan (TTTTBB); {part} bukan bulan. Periksa lagi.", "Digits 9–14 of a NIP are the appointment month (YYYYMM); {part} is not a month. Check it again.";
    NipBeforeBirth => "Bulan pengangkatan {part} lebih awal dari tanggal lahirnya. Periksa lagi.", "The appointment month {part} is before the birth date. Check it again.";
    NipGender => "Angka ke-15 NIP adalah 1 atau 2; yang diketik {part}. Periksa lagi.", "Digit 15 of a NIP is 1 or 2; this one is {part}. Check it again.";
    NipSequence => "Tiga angka terakhir NIP tidak mungkin 000. Periksa lagi.", "The last three digits of a NIP cannot be 000. Check it again.";
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
