//! The four scores of a text from its words' valences (vaderSentiment's `score_valence`),
//! rounded as Python rounds them.

use super::rules::Scores;

/// The four scores (vaderSentiment's `score_valence`).
pub(super) fn score(sentiments: &[f64], text: &str) -> Scores {
    if sentiments.is_empty() {
        return Scores {
            negative: 0.0,
            neutral: 0.0,
            positive: 0.0,
            compound: 0.0,
        };
    }
    // Summed left to right, as Python's `sum` does up to 3.11 (3.12 compensates rounding;
    // the difference is in the last bit).
    let mut sum = 0.0;
    for &s in sentiments {
        sum += s;
    }
    let emphasis = punctuation_emphasis(text);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0);
    let (mut pos, mut neg, mut neu) = (0.0, 0.0, 0u32);
    for &s in sentiments {
        if s > 0.0 {
            pos += s + 1.0;
        }
        if s < 0.0 {
            neg += s - 1.0;
        }
        if s == 0.0 {
            neu += 1;
        }
    }
    if pos > neg.abs() {
        pos += emphasis;
    } else if pos < neg.abs() {
        neg -= emphasis;
    }
    let total = pos + neg.abs() + f64::from(neu);
    Scores {
        negative: round((neg / total).abs(), 3),
        neutral: round((f64::from(neu) / total).abs(), 3),
        positive: round((pos / total).abs(), 3),
        compound: round(compound, 4),
    }
}

/// Emphasis from "!" (up to four) and "?" (two or more).
fn punctuation_emphasis(text: &str) -> f64 {
    let bangs = text.bytes().filter(|&b| b == b'!').count().min(4);
    let questions = text.bytes().filter(|&b| b == b'?').count();
    let qm = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    bangs as f64 * 0.292 + qm
}

/// Python's `round(x, digits)`: the decimal nearest to the exact binary value, ties to even,
/// read back as the nearest float. Away from a tie, `x · 10^digits` rounded is that decimal
/// (the product's error is far below the distance to the tie), and dividing it by `10^digits`
/// is correctly rounded, so it is Python's float. Near a tie, the exact value decides: Rust's
/// fixed-precision formatting rounds the exact binary value, ties to even, as Python does.
fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let y = x * scale;
    if ((y - y.floor()) - 0.5).abs() > 1e-6 {
        return y.round() / scale;
    }
    let mut buf = String::with_capacity(24);
    use std::fmt::Write;
    let _ = write!(buf, "{x:.prec$}", prec = digits as usize);
    buf.parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_as_python() {
        // The fast path and the exact one agree away from ties.
        let mut seed = 7u64;
        for _ in 0..100_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = (seed >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
            for digits in [3, 4] {
                let exact: f64 = format!("{x:.prec$}", prec = digits as usize)
                    .parse()
                    .unwrap();
                assert_eq!(round(x, digits), exact, "{x}");
            }
        }
        // Ties of the exact binary value go to even; values just below a tie go down.
        assert_eq!(round(0.0625, 3), 0.062);
        assert_eq!(round(0.125, 2), 0.12);
        assert_eq!(round(0.375, 2), 0.38);
        assert_eq!(round(2.675, 2), 2.67);
        assert_eq!(round(-0.00005, 4), -0.0001);
    }
}
