//! The checks every purchase model relies on, and histories from a caller's own columns.

use super::{PurchaseHistories, TimeUnit};
use crate::limits::check_id;
use crate::value::inputs::is_whole;
use crate::{RecordRef, Result, TouchpointError};

impl PurchaseHistories {
    /// Histories a caller already has, one entry per customer (a lifetimes summary frame's
    /// `frequency`, `recency`, `T` and `monetary_value` columns), counted in days
    /// (`unit` and `unit_multiplier` are public fields: set them if the columns are in
    /// another unit). Missing ids become the row numbers `"1"`, `"2"`, …; missing monetary
    /// values are 0. Checked with [`validate`](Self::validate); an id is checked as the
    /// readers check ids (`INVALID_RECORD` naming `customer_id`).
    pub fn from_columns(
        customer_id: Option<Vec<String>>,
        frequency: Vec<f64>,
        recency: Vec<f64>,
        t: Vec<f64>,
        monetary_value: Option<Vec<f64>>,
    ) -> Result<Self> {
        let n = frequency.len();
        let customer_id = match customer_id {
            Some(ids) => {
                for (i, id) in ids.iter().enumerate() {
                    check_id(id, RecordRef::Record(i as u64 + 1), "customer_id")?;
                }
                ids
            }
            None => (1..=n).map(|i| i.to_string()).collect(),
        };
        let monetary_value = monetary_value.unwrap_or_else(|| vec![0.0; n]);
        let histories = PurchaseHistories {
            unit: TimeUnit::Day,
            unit_multiplier: 1,
            include_first_purchase: false,
            customer_id,
            frequency,
            recency,
            t,
            monetary_value,
            holdout: None,
        };
        histories.validate()?;
        Ok(histories)
    }

    /// Checks what every purchase model assumes, so a fit never starts on bad histories:
    ///
    /// - every column has one entry per customer (`INVALID_RECORD` naming the first record
    ///   a column lacks, and that column);
    /// - `frequency`, `recency`, `T` and `monetary_value` are finite and at least 0
    ///   (`OUT_OF_RANGE`); `frequency` is a whole number (`INVALID_RECORD`);
    /// - `recency` is at most `T` (`OUT_OF_RANGE` naming `recency`);
    /// - a customer with repeat purchases (`frequency > 0`; `frequency > 1` when
    ///   `include_first_purchase`) has a recency above 0 (`INVALID_RECORD` naming `recency`);
    /// - the holdout's columns likewise (`holdout.frequency`, `holdout.monetary_value`,
    ///   `holdout.duration`), and `unit_multiplier` is at least 1 (`INVALID_CONFIG`).
    ///
    /// Errors name the customer's 1-based row ([`RecordRef::Record`]), the field, and the
    /// customer's id in the message.
    pub fn validate(&self) -> Result<()> {
        if self.unit_multiplier == 0 {
            return Err(TouchpointError::config(
                "unit_multiplier",
                "0 is not a multiplier: at least 1",
            ));
        }
        let n = self.frequency.len();
        if !(self.customer_id.is_empty() || self.customer_id.len() == n) {
            let row = self.customer_id.len().min(n);
            return Err(TouchpointError::invalid(
                RecordRef::Record(row as u64 + 1),
                "customer_id",
                format!(
                    "there are {} customer ids for {n} customers: one per customer, or none",
                    self.customer_id.len()
                ),
            ));
        }
        let mut columns = vec![
            ("frequency", &self.frequency),
            ("recency", &self.recency),
            ("T", &self.t),
            ("monetary_value", &self.monetary_value),
        ];
        if let Some(h) = &self.holdout {
            columns.push(("holdout.frequency", &h.frequency));
            columns.push(("holdout.monetary_value", &h.monetary_value));
        }
        for (field, column) in &columns {
            if column.len() != n {
                let row = column.len().min(n);
                return Err(TouchpointError::invalid(
                    RecordRef::Record(row as u64 + 1),
                    *field,
                    format!(
                        "{field} has {} entries but there are {n} customers (values of frequency): every column needs one entry per customer",
                        column.len()
                    ),
                ));
            }
        }
        if let Some(h) = &self.holdout {
            if !(h.duration.is_finite() && h.duration >= 0.0) {
                return Err(TouchpointError::OutOfRange {
                    record: RecordRef::Record(1),
                    field: "holdout.duration".into(),
                    value: h.duration.to_string(),
                    expected: "a finite number of at least 0".into(),
                });
            }
        }
        // Rows checked in parallel pieces; the first bad row of the first piece that has one
        // is the first bad row.
        use crate::dataset::in_parallel::{map, pool_threads, ranges};
        let pieces = ranges(n, if n < 65_536 { 1 } else { pool_threads() * 4 });
        let found = map(pieces, |rows| {
            if self.rows_pass(rows.clone(), &columns) {
                return None;
            }
            rows.into_iter()
                .find_map(|i| self.check_row(i, &columns).err())
        });
        match found.into_iter().flatten().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Whether every row of `rows` passes [`check_row`](Self::check_row)'s checks, found
    /// without a branch per value (a million customers' rows are checked by every fit and
    /// prediction); the rows of a piece that fails are then checked one by one for the error.
    fn rows_pass(&self, rows: std::ops::Range<usize>, columns: &[(&str, &Vec<f64>)]) -> bool {
        let mut ok = true;
        for &(field, column) in columns {
            let values = &column[rows.clone()];
            // NaN fails both comparisons.
            ok &= values
                .iter()
                .fold(true, |ok, &x| ok & (0.0..f64::INFINITY).contains(&x));
            if field.ends_with("frequency") {
                ok &= values.iter().fold(true, |ok, &x| ok & is_whole(x));
            }
        }
        let first = f64::from(u8::from(self.include_first_purchase));
        let (f, r, t) = (
            &self.frequency[rows.clone()],
            &self.recency[rows.clone()],
            &self.t[rows],
        );
        ok & f.iter().zip(r).zip(t).fold(true, |ok, ((&f, &r), &t)| {
            ok & (r <= t) & !((f - first > 0.0) & (r == 0.0))
        })
    }

    /// The checks of row `i` (0-based).
    fn check_row(&self, i: usize, columns: &[(&str, &Vec<f64>)]) -> Result<()> {
        let record = RecordRef::Record(i as u64 + 1);
        let who = || self.who(i);
        let out_of_range =
            |field: &str, value: f64, expected: String| TouchpointError::OutOfRange {
                record,
                field: field.to_string(),
                value: value.to_string(),
                expected,
            };
        for &(field, column) in columns {
            let x = column[i];
            if !(x.is_finite() && x >= 0.0) {
                return Err(out_of_range(
                    field,
                    x,
                    format!("a finite number of at least 0; {}", who()),
                ));
            }
            if field.ends_with("frequency") && !is_whole(x) {
                return Err(TouchpointError::invalid(
                    record,
                    field,
                    format!("{x} is not a whole number of purchases ({})", who()),
                ));
            }
        }
        let (f, r, t) = (self.frequency[i], self.recency[i], self.t[i]);
        if r > t {
            return Err(out_of_range(
                "recency",
                r,
                format!("at most T = {t}; {}", who()),
            ));
        }
        let repeats = f - f64::from(u8::from(self.include_first_purchase));
        if repeats > 0.0 && r == 0.0 {
            return Err(TouchpointError::invalid(
                record,
                "recency",
                format!(
                    "is 0 with frequency {f} ({}): repeat purchases come after the first, so recency is above 0",
                    who()
                ),
            ));
        }
        Ok(())
    }
}
