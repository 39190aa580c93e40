//! The innovation-idea competition's shared words (docs/innovation.md): what a draft holds, so the
//! phone's form and the server's checks agree.

/// The sections of an idea, in the order of `idea_saved`'s `items`: (key, name in Bahasa Indonesia).
/// Together with the title they are the fields a KIPP proposal asks for.
pub const SECTIONS: [(&str, &str); 5] = [
    ("problem", "Masalah yang diatasi"),
    ("beneficiaries", "Siapa yang terbantu"),
    ("idea", "Gagasan"),
    ("measure", "Cara mengukur keberhasilan"),
    ("cost", "Perkiraan biaya"),
];

/// Co-authors besides the learner, by NIP.
pub const MAX_TEAM: usize = 5;

/// Images attached to one idea (ids of files sent like the learning log's evidence).
pub const MAX_IMAGES: usize = 3;
