//! Churn risk and customer lifetime value: the "buy till you die" models of non-contractual
//! businesses (retail, e-commerce, apps), fitted by maximum likelihood, with the same
//! definitions and numbers as the reference packages (lifetimes, BTYD).
//!
//! - `history/`: each customer's purchase history (frequency, recency, age `T`, mean
//!   repeat spend), from a dataset's purchase events or from plain transaction columns,
//!   with an optional calibration / holdout split.
//! - `special.rs`, `optimize.rs`: the special functions and the minimiser the fits need.
//! - `model.rs`: a fitted purchase model (`PurchaseModel`), its fit options and report.
//! - `bg_nbd.rs`, `mbg_nbd.rs`, `pareto_nbd.rs`, `bg_bb.rs`: the purchase models;
//!   `gamma_gamma.rs`: spend per purchase; `lifetime_value.rs`: CLV over a horizon.
//! - `churn.rs`: churn risk per customer, ranked by value at risk; `calibration.rs`: the
//!   holdout comparison.

pub(crate) mod history;

pub use history::{
    purchase_histories, purchase_histories_from_transactions, HoldoutPurchases, PurchaseHistories,
    PurchaseHistoryOptions, PurchaseHistoryPass, TimeUnit,
};
