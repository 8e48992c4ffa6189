//! Calendar periods (UTC days, weeks from Monday, months) numbered consecutively, so that
//! "the previous period" is the number before.

use crate::{Timestamp, DAY_MS};
use serde::{Deserialize, Serialize};

/// A calendar period, UTC: a day, a week (starting Monday) or a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// A UTC day.
    Day,
    /// A week from Monday 00:00 UTC.
    #[default]
    Week,
    /// A calendar month, UTC.
    Month,
}

impl Period {
    /// The number of the period holding `ts_ms` (consecutive periods have consecutive numbers).
    pub fn index(self, ts_ms: i64) -> i64 {
        self.index_of_day(ts_ms.div_euclid(DAY_MS))
    }

    /// The number of the period holding day `day` (days since 1970-01-01).
    pub fn index_of_day(self, day: i64) -> i64 {
        match self {
            Period::Day => day,
            // 1970-01-01 was a Thursday: day 4 is the first Monday.
            Period::Week => (day + 3).div_euclid(7),
            Period::Month => {
                let (y, m) = civil_from_days(day);
                y * 12 + m - 1
            }
        }
    }

    /// How many periods a report from `first_ms` to `last_ms` (inclusive, times of a
    /// dataset) has, `0` when `last_ms < first_ms`: what [`limits::check_periods`] checks
    /// before a report allocates one row per period.
    ///
    /// [`limits::check_periods`]: crate::limits::check_periods
    pub fn count(self, first_ms: i64, last_ms: i64) -> u64 {
        // Period numbers of in-range times are at most a few million apart: no overflow.
        u64::try_from(self.index(last_ms) - self.index(first_ms) + 1).unwrap_or(0)
    }

    /// When period number `index` starts.
    pub fn start(self, index: i64) -> Timestamp {
        let day = match self {
            Period::Day => index,
            Period::Week => index * 7 - 3,
            Period::Month => days_from_civil(index.div_euclid(12), index.rem_euclid(12) + 1),
        };
        Timestamp(day * DAY_MS)
    }
}

/// (year, month 1–12) of a day number (Howard Hinnant's civil calendar algorithm).
fn civil_from_days(day: i64) -> (i64, i64) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m)
}

/// The day number of the first day of month `m` (1–12) of year `y`.
fn days_from_civil(y: i64, m: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}
