//! Names of pillars and competency types in the chosen language.

use super::html::el;
use crate::i18n::{I18n, Key};
use lentera_protocol::{Competency, Pillar};

pub fn pillar(p: Pillar) -> Key {
    match p {
        Pillar::Cakap => Key::PillarCakap,
        Pillar::Etika => Key::PillarEtika,
        Pillar::Aman => Key::PillarAman,
        Pillar::Budaya => Key::PillarBudaya,
    }
}

pub fn competency(c: Competency) -> Key {
    match c {
        Competency::Teknis => Key::TypeTeknis,
        Competency::Manajerial => Key::TypeManajerial,
        Competency::SosialKultural => Key::TypeSosialKultural,
    }
}

/// Whole kilobytes, at least 1, as the catalogue shows download sizes.
pub fn kb(bytes: u64) -> u64 {
    bytes.div_ceil(1000).max(1)
}

/// The tag row every course shows: JP, competency type, pillars (static markup, see `html`).
pub fn tags_html(i18n: &I18n, jp: u32, kind: Competency, pillars: &[Pillar]) -> String {
    let mut html = String::from("<p class=\"tags\">");
    html += &el("span", "tag jp", &i18n.n(Key::JpCount, jp));
    html += &el("span", "tag", i18n.t(competency(kind)));
    for p in pillars {
        html += &el("span", "tag pillar", i18n.t(pillar(*p)));
    }
    html + "</p>"
}
