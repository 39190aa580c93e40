//! The reaction survey after a course or training (docs/evaluation.md): a few statements rated 1-4
//! and one open answer, optional and never a condition of JP.

/// The statements, in the order of `reaction_given`'s `choice`: (key, text in Bahasa Indonesia).
pub const QUESTIONS: [(&str, &str); 4] = [
    ("useful", "Materinya berguna untuk pekerjaan saya"),
    ("clear", "Penyampaiannya jelas"),
    ("time", "Waktunya sepadan dengan yang saya dapat"),
    ("recommend", "Saya akan menyarankannya kepada rekan"),
];

/// The scale: 1 (sangat tidak setuju) to 4 (sangat setuju).
pub const LEVELS: std::ops::RangeInclusive<u8> = 1..=4;

/// Whether `choice` answers every statement with a level of the scale.
pub fn valid_choice(choice: &[u8]) -> bool {
    choice.len() == QUESTIONS.len() && choice.iter().all(|level| LEVELS.contains(level))
}

/// Mean of many answers to one statement, in hundredths (e.g. 325 = 3.25); `None` when nobody answered.
pub fn mean_hundredths(levels: &[u8]) -> Option<u32> {
    if levels.is_empty() {
        return None;
    }
    let sum: u32 = levels.iter().map(|l| u32::from(*l)).sum();
    // Rounded half up in integers, as the SKM figures are.
    Some((sum * 100 * 2 + levels.len() as u32) / (2 * levels.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_statement_needs_a_level_of_the_scale() {
        assert!(valid_choice(&[1, 2, 3, 4]));
        assert!(!valid_choice(&[1, 2, 3]), "one statement unanswered");
        assert!(!valid_choice(&[0, 2, 3, 4]), "0 is not on the scale");
        assert!(!valid_choice(&[5, 2, 3, 4]), "5 is not on the scale");
    }

    #[test]
    fn the_mean_is_rounded_half_up_to_hundredths() {
        assert_eq!(mean_hundredths(&[]), None);
        assert_eq!(mean_hundredths(&[3, 4]), Some(350));
        assert_eq!(mean_hundredths(&[4, 4, 3]), Some(367), "3.666… rounds up");
        assert_eq!(mean_hundredths(&[1, 2, 2]), Some(167), "1.666… rounds up");
        assert_eq!(mean_hundredths(&[1, 1, 2, 2, 2, 2, 2, 2]), Some(175));
    }
}
