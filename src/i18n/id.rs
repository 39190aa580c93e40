//! Bahasa Indonesia, the default.

use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::Tagline => "Belajar kapan saja, juga saat sinyal hilang.",
        Key::IntroTitle => "Selamat datang di Lentera",
        Key::IntroBody => "Lentera adalah ruang belajar untuk ASN, dibuat untuk ponsel sederhana dan sinyal yang datang dan pergi.",
        Key::IntroJp => "Setiap PNS berhak dan wajib mengembangkan kompetensi paling sedikit 20 JP setahun (PP 11/2017 jo. PP 17/2020). Lentera mencatat JP Anda.",
        Key::IntroOffline => "Kursus yang sudah diunduh tetap bisa dibuka tanpa sinyal. Setiap jawaban dan kemajuan langsung disimpan di ponsel ini.",
        Key::IntroSync => "Saat sinyal kembali, kemajuan Anda dikirim ke server dengan sendirinya, sehingga atasan Anda dapat melihatnya.",
        Key::IntroStart => "Saya mengerti, mulai",
        Key::StartedTitle => "Anda siap belajar",
        Key::StartedBody => "Katalog kursus akan tampil di sini. Kemajuan Anda tersimpan di ponsel ini dan dikirim saat daring.",
        Key::Online => "Daring",
        Key::Offline => "Luring",
        Key::OfflineHint => "Tidak ada sinyal. Anda tetap bisa belajar; perubahan dikirim nanti.",
        Key::Pending => "{n} perubahan menunggu sinkron",
        Key::AllSynced => "Semua perubahan sudah tersinkron",
        Key::LastSynced => "Tersinkron",
        Key::NeverSynced => "Belum pernah tersinkron",
        Key::SyncNow => "Sinkronkan sekarang",
        Key::Syncing => "Menyinkronkan…",
        Key::SyncFailed => "Sinkron gagal",
        Key::UpdateAvailable => "Versi baru Lentera tersedia.",
        Key::Reload => "Muat ulang",
        Key::SwitchLanguage => "English",
        Key::StorageFull => "Penyimpanan penuh: hapus unduhan kursus lain",
        Key::StorageUnavailable => "Browser ini tidak mengizinkan penyimpanan offline. Buka Lentera di Chrome biasa, bukan mode penyamaran.",
        Key::StorageError => "Penyimpanan di ponsel gagal. Muat ulang halaman; data yang sudah tersimpan tidak hilang.",
        Key::JustNow => "baru saja",
        Key::MinutesAgo => "{n} menit lalu",
        Key::HoursAgo => "{n} jam lalu",
        Key::DaysAgo => "{n} hari lalu",
    }
}
