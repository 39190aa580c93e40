//! The jury's ranking of a round's endorsed ideas (docs/innovation.md): each juror's weighted score,
//! the mean over the jurors who scored every criterion, ties broken by the heaviest criterion and
//! otherwise shared, and every tie explained in words.

/// One endorsed idea: its number and each juror's complete scores (rubric order).
pub struct Scored {
    pub number: u32,
    pub by_juror: Vec<Vec<u8>>,
}

/// Its place: `rank` and `score_hundredths` are `None` until a juror scored it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub number: u32,
    pub rank: Option<u32>,
    pub score_hundredths: Option<u32>,
    pub jurors_scored: u32,
    pub tie_note: Option<String>,
}

/// Hundredths as the console writes them: 435 → "4,35".
pub fn decimal(hundredths: u32) -> String {
    format!("{},{:02}", hundredths / 100, hundredths % 100)
}

/// The mean of `sum / n` rounded half up.
fn mean(sum: u32, n: u32) -> u32 {
    (2 * sum + n) / (2 * n)
}

/// An idea's rank key: the weighted mean, then the heaviest criterion's mean.
type Key = (u32, u32);

/// Ranks `ideas` by `weights` (percent, summing to 100); `criteria` names the rubric for the notes.
pub fn rank(criteria: &[(String, u32)], ideas: &[Scored]) -> Vec<Place> {
    // The heaviest criterion breaks ties (the first of equals, as the admin ordered them).
    let heaviest = (0..criteria.len()).rev().max_by_key(|&i| criteria[i].1).unwrap_or(0);
    // (number, (weighted mean, heaviest criterion's mean) when judged, jurors)
    let keyed: Vec<(u32, Option<Key>, u32)> = ideas
        .iter()
        .map(|idea| {
            let n = idea.by_juror.len() as u32;
            let key = (n > 0).then(|| {
                let weighted: u32 = idea.by_juror.iter().map(|s| s.iter().zip(criteria).map(|(v, c)| u32::from(*v) * c.1).sum::<u32>()).sum();
                let first: u32 = idea.by_juror.iter().map(|s| u32::from(s.get(heaviest).copied().unwrap_or(0)) * 100).sum();
                (mean(weighted, n), mean(first, n))
            });
            (idea.number, key, n)
        })
        .collect();
    let mut order: Vec<usize> = (0..keyed.len()).collect();
    order.sort_by(|&a, &b| keyed[b].1.cmp(&keyed[a].1).then(keyed[a].0.cmp(&keyed[b].0)));
    let heaviest_name = criteria.get(heaviest).map_or("", |c| c.0.as_str());
    order
        .iter()
        .map(|&i| {
            let (number, key, jurors_scored) = keyed[i];
            let Some((score, first)) = key else {
                return Place { number, rank: None, score_hundredths: None, jurors_scored, tie_note: None };
            };
            let ahead = keyed.iter().filter(|k| k.1 > key).count() as u32;
            let same_score: Vec<u32> = keyed.iter().filter(|k| k.0 != number && k.1.is_some_and(|(s, _)| s == score)).map(|k| k.0).collect();
            let shared: Vec<u32> = keyed.iter().filter(|k| k.0 != number && k.1 == key).map(|k| k.0).collect();
            let names = |ns: &[u32]| ns.iter().map(|n| format!("Ide {n}")).collect::<Vec<_>>().join(", ");
            let tie_note = match (same_score.is_empty(), shared.is_empty()) {
                (true, _) => None,
                (false, true) => Some(format!(
                    "Nilai {} sama dengan {}; urutan ditentukan oleh rata-rata kriteria berbobot terbesar ({heaviest_name}): {}.",
                    decimal(score),
                    names(&same_score),
                    decimal(first)
                )),
                (false, false) => Some(format!(
                    "Nilai {} dan rata-rata kriteria {heaviest_name} ({}) sama dengan {}: peringkat dibagi.",
                    decimal(score),
                    decimal(first),
                    names(&shared)
                )),
            };
            Place { number, rank: Some(ahead + 1), score_hundredths: Some(score), jurors_scored, tie_note }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Vec<(String, u32)> {
        vec![("Dampak".into(), 40), ("Kebaruan".into(), 30), ("Biaya".into(), 30)]
    }

    #[test]
    fn the_score_is_the_weighted_mean_over_the_jurors_who_scored() {
        // Juror 1: 5·40 + 4·30 + 3·30 = 410; juror 2: 4·40 + 4·30 + 4·30 = 400; mean 405.
        let places = rank(&rubric(), &[Scored { number: 1, by_juror: vec![vec![5, 4, 3], vec![4, 4, 4]] }]);
        assert_eq!((places[0].rank, places[0].score_hundredths, places[0].jurors_scored), (Some(1), Some(405), 2));
        assert_eq!(decimal(405), "4,05");
    }

    #[test]
    fn an_equal_score_is_ordered_by_the_heaviest_criterion_or_else_shared_and_each_tie_says_so() {
        let places = rank(&rubric(), &[
            Scored { number: 1, by_juror: vec![vec![2, 5, 5]] }, // 80 + 150 + 150 = 380, Dampak 2
            Scored { number: 2, by_juror: vec![vec![5, 3, 3]] }, // 200 + 90 + 90 = 380, Dampak 5
            Scored { number: 3, by_juror: vec![vec![5, 3, 3]] }, // the same as idea 2
            Scored { number: 4, by_juror: vec![vec![4, 4, 4]] }, // 400
        ]);
        let order: Vec<(u32, Option<u32>)> = places.iter().map(|p| (p.number, p.rank)).collect();
        assert_eq!(order, vec![(4, Some(1)), (2, Some(2)), (3, Some(2)), (1, Some(4))]);
        assert_eq!(places[0].tie_note, None);
        assert_eq!(places[1].tie_note.as_deref(), Some("Nilai 3,80 dan rata-rata kriteria Dampak (5,00) sama dengan Ide 3: peringkat dibagi."));
        assert_eq!(
            places[3].tie_note.as_deref(),
            Some("Nilai 3,80 sama dengan Ide 2, Ide 3; urutan ditentukan oleh rata-rata kriteria berbobot terbesar (Dampak): 2,00.")
        );
    }

    #[test]
    fn an_unscored_idea_has_no_rank_and_comes_last() {
        let places = rank(&rubric(), &[Scored { number: 1, by_juror: vec![] }, Scored { number: 2, by_juror: vec![vec![1, 1, 1]] }]);
        assert_eq!(places[0], Place { number: 2, rank: Some(1), score_hundredths: Some(100), jurors_scored: 1, tie_note: None });
        assert_eq!(places[1], Place { number: 1, rank: None, score_hundredths: None, jurors_scored: 0, tie_note: None });
    }
}
