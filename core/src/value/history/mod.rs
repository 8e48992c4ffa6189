//! Each customer's purchase history in the form the purchase models read: frequency,
//! recency, age `T` and mean repeat spend, as lifetimes' `summary_data_from_transaction_data`
//! defines them, with the calibration / holdout split of its `calibration_and_holdout_data`.
//!
//! - [`purchase_histories`]: from a dataset's purchase (and refund) events, one pass;
//! - [`purchase_histories_from_transactions`]: from plain (customer, time, value) columns;
//! - [`PurchaseHistories::from_columns`]: histories a caller already has (a lifetimes
//!   summary frame), checked by [`PurchaseHistories::validate`].
//!
//! `options.rs` reads the options, `customer.rs` folds one customer's purchases into a
//! history (shared by both inputs), `pass.rs` is the dataset pass, `transactions.rs` the
//! column reader (`int_ids.rs` numbers integer ids, `by_customer.rs` brings each
//! customer's rows together and folds them), `check.rs` the checks the models rely on.

mod at;
mod by_customer;
mod check;
mod customer;
mod int_ids;
mod options;
mod pass;
mod transactions;

#[cfg(test)]
mod int_tests;
#[cfg(test)]
mod lifetimes_tests;
#[cfg(test)]
mod tests;

pub(crate) use at::HistoryAt;
pub use options::PurchaseHistoryOptions;
pub use pass::{purchase_histories, PurchaseHistoryPass};
pub use transactions::{
    purchase_histories_by_int_id, purchase_histories_from_int_transactions,
    purchase_histories_from_transactions,
};

use serde::{Deserialize, Serialize};

/// The unit histories are counted in: `T` of 52.0 with `Week` means 52 weeks.
///
/// Purchase times are floored to the unit's period (UTC) before anything is counted, as
/// lifetimes does with pandas' `to_period(freq)`: `Hour` is lifetimes' `"h"`, `Day` its
/// `"D"`, `Week` its `"W"` (pandas' weeks ending on Sunday, so a week runs Monday 00:00 to
/// Sunday 24:00 UTC) and `Month` calendar months (`"M"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Hours.
    Hour,
    /// Calendar days (UTC), the default.
    #[default]
    Day,
    /// Weeks of 7 days, Monday to Sunday (UTC).
    Week,
    /// Calendar months (UTC).
    Month,
}

impl TimeUnit {
    /// The number of the period holding `ts_ms` (consecutive periods have consecutive
    /// numbers, so a difference of numbers is a count of units).
    pub fn period(self, ts_ms: i64) -> i64 {
        match self {
            TimeUnit::Hour => ts_ms.div_euclid(3_600_000),
            TimeUnit::Day => crate::Period::Day.index(ts_ms),
            TimeUnit::Week => crate::Period::Week.index(ts_ms),
            TimeUnit::Month => crate::Period::Month.index(ts_ms),
        }
    }
}

/// Per customer, in columns (one entry per customer, the same order in every column).
/// The default is no customer, in days, with a multiplier of 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchaseHistories {
    /// The unit `recency`, `T` and the holdout's duration are counted in (lifetimes'
    /// `freq`); histories given as plain columns are taken to be in days unless said.
    #[serde(default)]
    pub unit: TimeUnit,
    /// How many units make one step (lifetimes' `freq_multiplier`), at least 1: `recency`,
    /// `T` and the holdout's duration are counts of units divided by it.
    #[serde(default = "one")]
    pub unit_multiplier: u32,
    /// Whether `frequency` and `monetary_value` count the first purchase period (lifetimes'
    /// `include_first_transaction`); the purchase models expect false.
    #[serde(default)]
    pub include_first_purchase: bool,
    /// The customers' ids, or none (empty) when the caller keeps them: the customers are
    /// then known by their position (errors name the row, per-customer results carry no
    /// ids, and the churn ranking names each customer by their row number, `"1"`, `"2"`, …).
    /// The number of customers is the length of `frequency`.
    pub customer_id: Vec<String>,
    /// Repeat purchases: purchase periods after the first (every period when the first
    /// purchase counts).
    pub frequency: Vec<f64>,
    /// From the first purchase period to the last, in units ÷ `unit_multiplier`.
    pub recency: Vec<f64>,
    /// The customer's age: from the first purchase period to the period of the end of
    /// observation (of the calibration period, when split), in units ÷ `unit_multiplier`.
    #[serde(rename = "T")]
    pub t: Vec<f64>,
    /// The mean spend of the repeat purchase periods (of every purchase period when the
    /// first purchase counts); 0 without one.
    pub monetary_value: Vec<f64>,
    /// What each customer bought after the calibration period, when histories were split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holdout: Option<HoldoutPurchases>,
}

impl Default for PurchaseHistories {
    fn default() -> Self {
        PurchaseHistories {
            unit: TimeUnit::Day,
            unit_multiplier: 1,
            include_first_purchase: false,
            customer_id: Vec::new(),
            frequency: Vec::new(),
            recency: Vec::new(),
            t: Vec::new(),
            monetary_value: Vec::new(),
            holdout: None,
        }
    }
}

/// The holdout period of a calibration / holdout split, per customer (the same order as
/// the histories).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HoldoutPurchases {
    /// Purchase periods in the holdout.
    pub frequency: Vec<f64>,
    /// The mean value of the holdout's purchases, per purchase (not per period, as
    /// lifetimes computes `monetary_value_holdout`); 0 without one.
    pub monetary_value: Vec<f64>,
    /// The holdout's length, in units ÷ `unit_multiplier` (the same for every customer):
    /// the period of the end of observation minus the period of the calibration's end.
    pub duration: f64,
}

fn one() -> u32 {
    1
}

impl PurchaseHistories {
    /// How many customers.
    pub fn len(&self) -> usize {
        self.frequency.len()
    }

    /// Whether there are no customers.
    pub fn is_empty(&self) -> bool {
        self.frequency.is_empty()
    }

    /// Customer `i` (0-based) as an error message names them: by id, or by row without ids.
    pub(crate) fn who(&self, i: usize) -> String {
        match self.customer_id.get(i) {
            Some(id) => format!("customer `{}`", crate::limits::quote(id)),
            None => format!("the customer of row {}", i + 1),
        }
    }

    /// Customer `i`'s id, or their row number as text (`"1"` for the first) without ids.
    pub(crate) fn id_or_row(&self, i: usize) -> String {
        match self.customer_id.get(i) {
            Some(id) => id.clone(),
            None => (i + 1).to_string(),
        }
    }

    /// The ids for per-customer results, in order: none when the histories have none.
    pub(crate) fn ids_for_results(&self) -> Vec<String> {
        crate::value::inputs::per_customer(self.customer_id.len(), |i| self.customer_id[i].clone())
    }
}
