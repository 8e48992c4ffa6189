//! Each customer's purchase history in the form the purchase models read: frequency,
//! recency, age `T` and mean repeat spend, as lifetimes' `summary_data_from_transaction_data`
//! defines them.

use serde::{Deserialize, Serialize};

/// The unit histories are counted in: `T` of 52.0 with `Week` means 52 weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Hours.
    Hour,
    /// Calendar days (UTC), the default.
    #[default]
    Day,
    /// Weeks of 7 days.
    Week,
    /// Calendar months (UTC).
    Month,
}

/// Per customer, in columns (one entry per customer, the same order in every column).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PurchaseHistories {
    /// The unit `recency`, `T` and the holdout's duration are counted in (lifetimes'
    /// `freq`); histories given as plain columns are taken to be in days unless said.
    #[serde(default)]
    pub unit: TimeUnit,
    /// How many units make one step (lifetimes' `freq_multiplier`), at least 1.
    #[serde(default = "one")]
    pub unit_multiplier: u32,
    /// The customers' ids.
    pub customer_id: Vec<String>,
    /// Repeat purchases: purchase periods after the first (every period when the first
    /// purchase counts).
    pub frequency: Vec<f64>,
    /// From the first purchase to the last, in units.
    pub recency: Vec<f64>,
    /// The customer's age: from the first purchase to the end of observation, in units.
    #[serde(rename = "T")]
    pub t: Vec<f64>,
    /// The mean value of the repeat purchases (0 without one).
    pub monetary_value: Vec<f64>,
    /// What each customer bought after the calibration period, when histories were split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holdout: Option<HoldoutPurchases>,
}

/// The holdout period of a calibration / holdout split, per customer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HoldoutPurchases {
    /// Purchase periods in the holdout.
    pub frequency: Vec<f64>,
    /// The mean value of those purchases (0 without one).
    pub monetary_value: Vec<f64>,
    /// The holdout's length, in units (the same for every customer).
    pub duration: f64,
}

fn one() -> u32 {
    1
}

impl PurchaseHistories {
    /// How many customers.
    pub fn len(&self) -> usize {
        self.customer_id.len()
    }

    /// Whether there are no customers.
    pub fn is_empty(&self) -> bool {
        self.customer_id.is_empty()
    }
}
