//! The survey and plan's own words (Bahasa Indonesia first, English second), kept apart from the
//! app's catalogue so the learner's first load never carries them.

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
    IntroTitle => "Survei kebutuhan belajar", "Learning needs survey";
    IntroWhy => "Survei ini membantu Anda dan atasan memilih pelatihan yang paling berguna untuk pekerjaan Anda tahun ini. Tidak ada jawaban benar atau salah, dan hasilnya bukan penilaian kinerja.",
        "This survey helps you and your supervisor choose the training that helps your work most this year. There are no right or wrong answers, and it is not a performance review.";
    IntroHow => "Untuk setiap kompetensi yang dibutuhkan jabatan Anda, pilih level yang paling menggambarkan apa yang sudah Anda kerjakan sehari-hari. Lalu jawab {n} pertanyaan singkat.",
        "For each competency your position needs, choose the level that best describes what you already do at work. Then answer {n} short questions.";
    IntroLevels => "Level 1 berarti baru mengenal; level 5 berarti Anda bisa mengajari orang lain. Semua jawaban tersimpan di ponsel saat itu juga, juga tanpa sinyal.",
        "Level 1 means just getting to know it; level 5 means you could teach others. Every answer is saved on the phone at once, even with no signal.";
    Position => "Jabatan: {name}", "Position: {name}";
    Start => "Mulai survei", "Start the survey";
    Continue => "Lanjutkan survei", "Continue the survey";
    CompetencyOf => "Kompetensi {n} dari {m}", "Competency {n} of {m}";
    QuestionOf => "Pertanyaan {n} dari {m}", "Question {n} of {m}";
    ChooseLevel => "Pilih level yang paling sesuai dengan pekerjaan Anda sekarang.", "Choose the level that best fits your work now.";
    Level => "Level {n}", "Level {n}";
    Saved => "Tersimpan di ponsel", "Saved on this phone";
    Previous => "Sebelumnya", "Previous";
    Next => "Lanjut", "Next";
    PickFirst => "Pilih salah satu level dulu.", "Choose one of the levels first.";
    QTugas => "Apa tugas utama Anda sehari-hari?", "What are your main tasks day to day?";
    QTarget => "Apa target kerja Anda tahun ini?", "What are your work targets this year?";
    QHambatan => "Apa yang paling menghambat pekerjaan Anda, dan pelatihan apa yang bisa membantu?", "What holds your work back most, and what training could help?";
    AnswerHint => "Tulis dengan kata-kata Anda sendiri. Boleh singkat.", "Write it in your own words. Short is fine.";
    FinishTitle => "Survei selesai diisi", "Survey filled in";
    FinishBody => "Anda menilai {n} dari {m} kompetensi. Kirim survei agar atasan dapat melihatnya; usulan rencana belajar muncul setelahnya.",
        "You rated {n} of {m} competencies. Send the survey so your supervisor can see it; the proposed learning plan comes next.";
    FinishMissing => "Masih ada kompetensi yang belum dinilai. Kompetensi itu belum bisa masuk rencana.", "Some competencies are not rated yet. They cannot be part of the plan yet.";
    Submit => "Kirim survei", "Send the survey";
    Review => "Ubah jawaban", "Change answers";
    PlanTitle => "Rencana pengembangan tahun {year}", "Development plan for {year}";
    PlanIntro => "Usulan ini disusun dari level Anda dibanding level yang dibutuhkan jabatan. Jika atasan sudah menilai, penilaian atasan yang dipakai. Centang yang ingin Anda ikuti.",
        "This proposal compares your levels with what your position needs. Where your supervisor has assessed you, their assessment counts. Tick what you want to take.";
    Gaps => "Kesenjangan kompetensi", "Competency gaps";
    GapLine => "butuh level {required}, sekarang level {level}", "needs level {required}, now level {level}";
    NoGapLine => "sudah sesuai (level {level})", "already met (level {level})";
    NotRated => "belum dinilai", "not rated yet";
    BySupervisor => "dinilai atasan", "assessed by your supervisor";
    NoGaps => "Tidak ada kesenjangan: level Anda sudah memenuhi kebutuhan jabatan. Tidak ada pelatihan yang wajib diusulkan.",
        "No gaps: your levels meet what your position needs. There is no training to propose.";
    Proposal => "Usulan pelatihan", "Proposed training";
    Coaching => "Pendampingan (coaching) oleh atasan", "Coaching by your supervisor";
    ForCompetency => "Untuk: {names}", "For: {names}";
    Extra => "Tambah dari katalog", "Add from the catalogue";
    ExtraIntro => "Pelatihan lain yang ingin Anda ikuti tahun ini, di luar usulan. Atasan melihatnya sebagai pilihan Anda sendiri.", "Other courses you want to take this year, beyond the proposal. Your supervisor sees them as your own choice.";
    Jp => "{n} JP", "{n} JP";
    Total => "Total {n} dari target 20 JP", "Total {n} of the 20 JP target";
    TotalShort => "Masih kurang {n} JP dari target 20 JP. Tambahkan pelatihan lain dari katalog bila perlu.", "{n} JP short of the 20 JP target. Add other courses from the catalogue if needed.";
    SendPlan => "Ajukan ke atasan", "Send to my supervisor";
    SendEmpty => "Pilih minimal satu pelatihan untuk diajukan.", "Choose at least one item to send.";
    StatusDraft => "Belum diajukan ke atasan.", "Not sent to your supervisor yet.";
    StatusSentHere => "Sudah diajukan dari ponsel ini. Atasan melihatnya setelah ponsel tersinkron.", "Sent from this phone. Your supervisor sees it once the phone has synced.";
    StatusSubmitted => "Sudah diajukan, menunggu validasi atasan.", "Sent, waiting for your supervisor's validation.";
    StatusValidated => "Disetujui atasan.", "Approved by your supervisor.";
    StatusReturned => "Dikembalikan atasan untuk diperbaiki. Ubah rencana lalu ajukan lagi.", "Returned by your supervisor for changes. Change the plan and send it again.";
    Note => "Catatan atasan: {note}", "Your supervisor's note: {note}";
    ChangedSince => "Anda mengubah rencana setelah mengajukannya. Ajukan lagi agar atasan melihat perubahan ini.", "You changed the plan after sending it. Send it again so your supervisor sees the change.";
    NeverLoaded => "Survei belum tersimpan di ponsel ini. Sambungkan ke internet sekali, buka halaman ini lagi, lalu survei bisa diisi tanpa sinyal.",
        "The survey is not on this phone yet. Connect to the internet once and open this page again; then you can fill it in with no signal.";
    Loading => "Memuat survei…", "Loading the survey…";
    KeptCopy => "Tanpa sinyal: memakai data survei yang tersimpan di ponsel.", "No signal: using the survey kept on this phone.";
    NoPosition => "Jabatan Anda belum punya daftar kompetensi yang dibutuhkan. Hubungi admin BKPSDM Anda.", "Your position has no list of required competencies yet. Please contact your BKPSDM admin.";
    SignIn => "Masuk dulu di Lentera, lalu buka rencana belajar lagi.", "Sign in to Lentera first, then open the learning plan again.";
    OpenLentera => "Buka Lentera", "Open Lentera";
    SaveFailed => "Jawaban belum tersimpan: {why}", "The answer was not saved: {why}";
    SeePlan => "Lihat rencana belajar", "See the learning plan";
}

/// The survey's words through the app's language setting.
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

    #[test]
    fn every_survey_question_has_words() {
        for key in lentera_protocol::akpk::QUESTIONS {
            assert!(super::super::survey::question_words(key).is_some(), "{key}");
        }
    }
}
