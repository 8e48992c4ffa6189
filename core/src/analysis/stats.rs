//! Small statistics shared by the analyses: mean, quantiles (NumPy's default interpolation),
//! the median of millisecond durations, and percentages that are `None` when the base is 0.

/// Mean of `values`, `None` when empty.
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The `q` quantile (0–1) of `values` with linear interpolation between closest ranks
/// (NumPy's default), `None` when empty. Reorders `values`.
pub(crate) fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let pos = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    let (lo, frac) = (pos.floor() as usize, pos - pos.floor());
    let (_, &mut a, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    if frac == 0.0 {
        return Some(a);
    }
    let b = above.iter().copied().min_by(f64::total_cmp).unwrap_or(a);
    Some(a + (b - a) * frac)
}

/// `100 × num ÷ den`, `None` when `den` is 0.
pub(crate) fn percent(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| 100.0 * num as f64 / den as f64)
}

/// The median of millisecond durations, in seconds (`None` when empty). Reorders `values`.
pub(crate) fn median_seconds(values: &[i64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().map(|&ms| ms as f64 / 1000.0).collect();
    quantile(&mut v, 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        assert_eq!(quantile(&mut [4.0, 1.0, 3.0, 2.0], 0.5), Some(2.5));
        assert_eq!(quantile(&mut [1.0, 2.0, 3.0, 4.0, 5.0], 0.1), Some(1.4));
        assert_eq!(quantile(&mut [], 0.5), None);
        assert_eq!(percent(1, 0), None);
        assert_eq!(median_seconds(&[3000, 1000, 2000, 4000]), Some(2.5));
        assert_eq!(median_seconds(&[]), None);
    }
}
