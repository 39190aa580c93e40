//! The evaluation tab's own words (Bahasa Indonesia first, English second), apart from the
//! trainings' and log's table so the tabs' words do not collide.

use crate::i18n::{I18n, Lang, fill};
use leptos::prelude::Get;

macro_rules! words {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum E { $($key),* }

        #[cfg(test)]
        impl E {
            pub const ALL: &'static [E] = &[$(E::$key),*];
        }

        pub fn text(lang: Lang, key: E) -> &'static str {
            match (lang, key) {
                $((Lang::Id, E::$key) => $id, (Lang::En, E::$key) => $en,)*
            }
        }
    };
}

words! {
    Tab => "Evaluasi", "Evaluation";
    Intro => "Setelah menyelesaikan kursus atau mengikuti pelatihan, beri penilaian singkat. Tidak wajib: JP Anda tidak bergantung padanya. Jawaban terbuka dibaca tanpa nama.",
        "After completing a course or attending a training, give a short rating. It is optional: your JP does not depend on it. Open answers are read without names.";
    None => "Belum ada kursus yang selesai atau pelatihan yang dihadiri (menurut server). Setelah diakui, penilaiannya bisa diisi di sini.",
        "No course completed or training attended yet (as the server counts them). Once credited, you can rate it here.";
    Course => "Kursus", "Course";
    Training => "Pelatihan", "Training";
    CompletedOn => "selesai {date}", "completed {date}";
    Rate => "Beri penilaian", "Give a rating";
    ChangeRating => "Ubah penilaian", "Change the rating";
    Skip => "Lewati", "Skip";
    Send => "Kirim", "Send";
    Level1 => "Sangat tidak setuju", "Strongly disagree";
    Level2 => "Tidak setuju", "Disagree";
    Level3 => "Setuju", "Agree";
    Level4 => "Sangat setuju", "Strongly agree";
    QUseful => "Materinya berguna untuk pekerjaan saya", "The content is useful for my work";
    QClear => "Penyampaiannya jelas", "It was delivered clearly";
    QTime => "Waktunya sepadan dengan yang saya dapat", "It was worth the time";
    QRecommend => "Saya akan menyarankannya kepada rekan", "I would recommend it to a colleague";
    OpenQuestion => "Apa yang paling perlu diperbaiki? (boleh kosong)", "What most needs improving? (may be left empty)";
    Missing => "Pilih satu jawaban untuk setiap pernyataan.", "Choose one answer for each statement.";
    RatingWaiting => "Penilaian tersimpan di ponsel · menunggu sinkron.", "Rating saved on this phone · waiting to sync.";
    RatingSent => "Penilaian terkirim. Terima kasih.", "Rating sent. Thank you.";
    PlanTitle => "Rencana aksi", "Action plan";
    PlanLabel => "Apa yang akan saya ubah dalam pekerjaan saya", "What I will change in my work";
    PlanLater => "Rencana aksi bisa ditulis mulai {date}, setelah materinya sempat dicoba di kantor.", "The action plan can be written from {date}, once you have had time to try it at work.";
    PlanSave => "Simpan rencana aksi", "Save the action plan";
    PlanEmpty => "Tulis dulu rencananya.", "Write the plan first.";
    PlanWaiting => "Rencana tersimpan di ponsel · menunggu sinkron.", "Plan saved on this phone · waiting to sync.";
    PlanSent => "Rencana terkirim. Atasan Anda akan menanyakannya sekitar 30 hari lagi.", "Plan sent. Your supervisor will ask about it in about 30 days.";
    FollowDone => "Menurut atasan: sudah terlaksana.", "Your supervisor says: done.";
    FollowPartly => "Menurut atasan: sebagian terlaksana.", "Your supervisor says: partly done.";
    FollowNotYet => "Menurut atasan: belum terlaksana.", "Your supervisor says: not yet.";
    TestsTitle => "Tes awal dan tes akhir", "Pre-test and post-test";
    TestsIntro => "Tes awal mengukur apa yang sudah Anda ketahui sebelum membaca kursus. Tes akhir, dengan soal lain tentang hal yang sama, mengukur apa yang bertambah. Keduanya tidak wajib dan tidak memengaruhi JP. Hanya penyerahan pertama yang dihitung.",
        "The pre-test measures what you already know before reading the course. The post-test, with other questions on the same points, measures what you gained. Both are optional and do not affect JP. Only the first hand-in counts.";
    BackToCourse => "Kembali ke kursus", "Back to the course";
    NotOnPhone => "Kursus ini belum diunduh di ponsel ini. Unduh dulu dari katalog.", "This course is not downloaded on this phone. Download it from the catalogue first.";
    NoTests => "Kursus ini tidak punya tes awal dan tes akhir.", "This course has no pre-test and post-test.";
    PreTitle => "Tes awal", "Pre-test";
    PostTitle => "Tes akhir", "Post-test";
    PreStart => "Mulai tes awal", "Start the pre-test";
    PostStart => "Mulai tes akhir", "Start the post-test";
    PreWhen => "Kerjakan sebelum membaca pelajaran pertama.", "Take it before reading the first lesson.";
    PreClosed => "Tes awal hanya bisa dikerjakan sebelum pelajaran pertama selesai.", "The pre-test can only be taken before the first lesson is done.";
    PostWhen => "Kursus sudah selesai: tes akhir siap dikerjakan.", "The course is completed: the post-test is ready.";
    PostLater => "Tes akhir terbuka setelah kursus selesai (lulus kuis).", "The post-test opens once the course is completed (quiz passed).";
    NotCounted => "Tes ini diserahkan di luar waktunya, jadi tidak dihitung.", "This test was handed in outside its window, so it does not count.";
    Answered => "{n} dari {m} soal dijawab. Setiap jawaban langsung tersimpan di ponsel.", "{n} of {m} questions answered. Every answer is saved on this phone at once.";
    HandIn => "Serahkan", "Hand in";
    AnswerAll => "Jawab semua soal dulu.", "Answer every question first.";
    TestScore => "Nilai: {percent}% ({correct} dari {total} benar)", "Score: {percent}% ({correct} of {total} right)";
    TestGain => "Kenaikan dari tes awal: {points} poin", "Gain over the pre-test: {points} points";
    TestWaiting => "Tersimpan di ponsel · menunggu sinkron. Server menilai ulang dengan kuncinya sendiri.", "Saved on this phone · waiting to sync. The server grades it again with its own key.";
    TestSent => "Sudah diterima server.", "Received by the server.";
}

/// The tab's words in the page's language.
pub trait EvalWords {
    fn e(&self, key: E) -> &'static str;
    fn ef(&self, key: E, values: &[(&str, &str)]) -> String;
}

impl EvalWords for I18n {
    fn e(&self, key: E) -> &'static str {
        text(self.lang.get(), key)
    }

    fn ef(&self, key: E, values: &[(&str, &str)]) -> String {
        fill(text(self.lang.get(), key), values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages() {
        for key in E::ALL {
            assert!(!text(Lang::Id, *key).is_empty() && !text(Lang::En, *key).is_empty(), "{key:?}");
        }
    }
}
