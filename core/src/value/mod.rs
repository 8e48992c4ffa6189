//! Churn risk and customer lifetime value: the "buy till you die" models of non-contractual
//! businesses (retail, e-commerce, apps), fitted by maximum likelihood, with the same
//! definitions and numbers as the reference packages (lifetimes, BTYD).
//!
//! - `history/`: each customer's purchase history (frequency, recency, age `T`, mean
//!   repeat spend), from a dataset's purchase events or from plain transaction columns,
//!   with an optional calibration / holdout split.
//! - `special.rs`, `optimize.rs`: the special functions and the minimiser the fits need;
//!   `gradients.rs`: the likelihoods with analytic derivatives (BG/NBD, MBG/NBD, Gamma-Gamma).
//! - `inputs.rs`: the checks of the histories, their grouping into distinct histories and
//!   the parallel walks over them.
//! - `model.rs`: a fitted purchase model (`PurchaseModel`), its fit options and the
//!   predictions; `fit.rs`: its maximum-likelihood fit.
//! - `bg_nbd.rs`, `mbg_nbd.rs`, `pareto_nbd.rs`, `bg_bb.rs`: the purchase models;
//!   `gamma_gamma.rs`: spend per purchase; `lifetime_value.rs`: CLV over a horizon.
//! - `churn.rs`: churn risk per customer, ranked by value at risk; `calibration.rs`: the
//!   holdout comparison.

mod bg_bb;
mod bg_nbd;
mod calibration;
mod churn;
mod customer_value;
mod fit;
mod gamma_gamma;
mod gradients;
pub(crate) mod history;
mod inputs;
mod lifetime_value;
mod mbg_nbd;
mod model;
mod optimize;
mod pareto_nbd;
mod special;

pub use calibration::{
    calibration_report, CalibrationGroup, CalibrationOptions, CalibrationReport,
};
pub use churn::{churn_risk, ChurnRisk, ChurnRiskOptions, ChurnRiskRow};
pub(crate) use customer_value::CustomerValuer;
pub use customer_value::{CustomerValue, CustomerValueOptions};
pub use fit::fit_purchase_model;
pub use gamma_gamma::{fit_spend_model, SpendModel, SpendModelOptions};
pub use history::{
    purchase_histories, purchase_histories_by_int_id, purchase_histories_from_int_transactions,
    purchase_histories_from_transactions, HoldoutPurchases, PurchaseHistories,
    PurchaseHistoryOptions, PurchaseHistoryPass, TimeUnit,
};
pub use lifetime_value::{lifetime_value, LifetimeValueOptions, LifetimeValues};
pub use model::{PurchaseModel, PurchaseModelKind, PurchaseModelOptions, PurchasePredictions};

#[cfg(test)]
mod churn_tests;
#[cfg(test)]
mod tests;
