//! Counting survey answers fast: one pass that checks each answer and adds it to a
//! histogram. Four interleaved histograms keep consecutive increments independent.

use crate::{RecordRef, Result, SurveyMetric};

/// Counts whole-number answers into `N` slots (`counts[score - lo]`), or names the first
/// answer that is not a whole number in the metric's range.
pub(crate) fn histogram<const N: usize>(answers: &[f64], metric: SurveyMetric) -> Result<[u64; N]> {
    let (lo, hi) = metric.range();
    debug_assert_eq!(N, (hi - lo + 1) as usize);
    let mut h = [[0u64; N]; 4];
    let mut chunks = answers.chunks_exact(4);
    let slot = |a: f64| -> Option<usize> {
        let s = a as u8; // saturating: NaN → 0, −1 → 0, 300 → 255; the round trip catches them
        (s as f64 == a && s >= lo && s <= hi).then(|| (s - lo) as usize)
    };
    let mut base = 0usize;
    for chunk in &mut chunks {
        match (
            slot(chunk[0]),
            slot(chunk[1]),
            slot(chunk[2]),
            slot(chunk[3]),
        ) {
            (Some(a), Some(b), Some(c), Some(d)) => {
                h[0][a] += 1;
                h[1][b] += 1;
                h[2][c] += 1;
                h[3][d] += 1;
            }
            _ => return Err(first_bad(&answers[base..base + 4], base, metric)),
        }
        base += 4;
    }
    for (i, &a) in chunks.remainder().iter().enumerate() {
        match slot(a) {
            Some(s) => h[0][s] += 1,
            None => return Err(first_bad(&[a], base + i, metric)),
        }
    }
    let mut counts = [0u64; N];
    for part in &h {
        for (c, x) in counts.iter_mut().zip(part) {
            *c += x;
        }
    }
    Ok(counts)
}

fn first_bad(window: &[f64], offset: usize, metric: SurveyMetric) -> crate::TouchpointError {
    for (i, &a) in window.iter().enumerate() {
        if let Err(e) = metric.check(a, RecordRef::Answer((offset + i) as u64 + 1), "score") {
            return e;
        }
    }
    unreachable_answer()
}

#[cold]
fn unreachable_answer() -> crate::TouchpointError {
    crate::TouchpointError::config("score", "internal: a rejected answer passed the check")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_first_bad_answer_in_and_after_the_chunks() {
        let mut a = vec![5.0; 9];
        a[6] = 11.0;
        let e = histogram::<11>(&a, SurveyMetric::Nps).unwrap_err();
        assert_eq!(e.record(), Some(RecordRef::Answer(7)));
        a[6] = 5.0;
        a[8] = f64::NAN;
        let e = histogram::<11>(&a, SurveyMetric::Nps).unwrap_err();
        assert_eq!(e.record(), Some(RecordRef::Answer(9)));
        assert_eq!(
            histogram::<5>(&[0.5], SurveyMetric::Csat)
                .unwrap_err()
                .code(),
            "OUT_OF_RANGE"
        );
    }

    #[test]
    fn counts_every_slot() {
        let a: Vec<f64> = (0..=10).chain(0..=10).map(f64::from).collect();
        assert_eq!(histogram::<11>(&a, SurveyMetric::Nps).unwrap(), [2; 11]);
        assert_eq!(
            histogram::<7>(&[7.0, 1.0, 7.0], SurveyMetric::Ces).unwrap(),
            [1, 0, 0, 0, 0, 0, 2]
        );
    }
}
