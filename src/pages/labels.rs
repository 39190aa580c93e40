//! Names of pillars and competency types in the chosen language.

use crate::i18n::Key;
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
