//! Survey answers as the dataset stores them: one byte per event for its first answer, and
//! the rare further answers of a row (an NPS, a CSAT and a CES on one response) aside.

use crate::SurveyMetric;

/// A survey answer packed into one byte: 0 = none, otherwise `metric * 16 + score`, the
/// metric numbered from 1 in [`SurveyMetric::ALL`] order (up to 15 metrics, scores 0–15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PackedAnswer(pub u8);

impl PackedAnswer {
    /// No answer.
    pub const NONE: PackedAnswer = PackedAnswer(0);

    /// Packs a checked answer.
    pub fn new(metric: SurveyMetric, score: u8) -> Self {
        let m = SurveyMetric::ALL
            .iter()
            .position(|&x| x == metric)
            .unwrap_or_default() as u8
            + 1;
        PackedAnswer(m * 16 + (score & 15))
    }

    /// The answer, if any.
    pub fn get(self) -> Option<(SurveyMetric, u8)> {
        let m = usize::from(self.0 >> 4).checked_sub(1)?;
        let metric = *SurveyMetric::ALL.get(m)?;
        Some((metric, self.0 & 15))
    }
}

/// The answers of one row: its first answer, then those of `more` (`(row, answer)` pairs
/// ascending by row) that belong to `row`.
#[inline]
pub(crate) fn answers_of_row(
    first: PackedAnswer,
    more: &[(usize, PackedAnswer)],
    row: usize,
) -> impl Iterator<Item = (SurveyMetric, u8)> + '_ {
    let extra = if more.is_empty() {
        &more[..0]
    } else {
        let lo = more.partition_point(|m| m.0 < row);
        let hi = lo + more[lo..].partition_point(|m| m.0 == row);
        &more[lo..hi]
    };
    first
        .get()
        .into_iter()
        .chain(extra.iter().filter_map(|m| m.1.get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_and_score_round_trips() {
        assert_eq!(PackedAnswer::NONE.get(), None);
        for metric in SurveyMetric::ALL {
            let (lo, hi) = metric.range();
            for score in lo..=hi {
                assert_eq!(
                    PackedAnswer::new(metric, score).get(),
                    Some((metric, score))
                );
            }
        }
    }

    #[test]
    fn a_row_has_its_first_answer_then_its_others() {
        let nps = PackedAnswer::new(SurveyMetric::Nps, 9);
        let csat = PackedAnswer::new(SurveyMetric::Csat, 4);
        let ces = PackedAnswer::new(SurveyMetric::Ces, 6);
        let more = [(2, csat), (2, ces), (5, csat)];
        let of = |first, row| answers_of_row(first, &more, row).collect::<Vec<_>>();
        assert_eq!(
            of(nps, 2),
            vec![
                (SurveyMetric::Nps, 9),
                (SurveyMetric::Csat, 4),
                (SurveyMetric::Ces, 6)
            ]
        );
        assert_eq!(of(nps, 3), vec![(SurveyMetric::Nps, 9)]);
        assert_eq!(of(PackedAnswer::NONE, 4), vec![]);
        assert_eq!(answers_of_row(nps, &[], 0).count(), 1);
    }
}
