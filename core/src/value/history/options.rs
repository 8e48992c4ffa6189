//! The options of the purchase histories, checked up front into a [`Plan`].

use super::TimeUnit;
use crate::limits::check_option_time;
use crate::{EventKind, Result, Timestamp, TouchpointError};
use serde::{Deserialize, Serialize};

/// Options of [`purchase_histories`](super::purchase_histories) and
/// [`purchase_histories_from_transactions`](super::purchase_histories_from_transactions),
/// lifetimes' arguments under the analyst's names. Every field has a default, so `{}` is
/// valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PurchaseHistoryOptions {
    /// The unit of `recency`, `T` and the holdout's duration; purchases in one period of
    /// it count once (lifetimes' `freq`). Default `day`.
    pub unit: TimeUnit,
    /// Units per step (lifetimes' `freq_multiplier`): `recency`, `T` and the holdout's
    /// duration are divided by it. At least 1; default 1.
    pub unit_multiplier: u32,
    /// The end of observation (lifetimes' `observation_period_end`): purchases in later
    /// periods are left out, and `T` runs to its period. Without a split, a purchase in the
    /// same period as `observation_end` counts even if it is later that period (periods are
    /// whole, as in lifetimes). Default: the last purchase of the data.
    pub observation_end: Option<Timestamp>,
    /// Splits the histories (lifetimes' `calibration_and_holdout_data`): the histories are
    /// of the purchases at or before this time, `T` running to its period, and `holdout`
    /// holds each customer's purchases after it, up to `observation_end` (at or before it
    /// here: times, not periods). Customers whose first purchase is after it are left out.
    /// Must be before `observation_end`. Default: no split.
    pub calibration_end: Option<Timestamp>,
    /// Whether the first purchase period counts in `frequency` and `monetary_value`
    /// (lifetimes' `include_first_transaction`). Leave false for the purchase models.
    pub include_first_purchase: bool,
    /// The event kinds that are purchases. Default `["purchase"]`. (Not read by
    /// [`purchase_histories_from_transactions`](super::purchase_histories_from_transactions).)
    pub purchase_kinds: Vec<String>,
    /// The event kinds that are refunds. Default `["refund"]`. (Not read by
    /// [`purchase_histories_from_transactions`](super::purchase_histories_from_transactions).)
    pub refund_kinds: Vec<String>,
}

impl Default for PurchaseHistoryOptions {
    fn default() -> Self {
        PurchaseHistoryOptions {
            unit: TimeUnit::Day,
            unit_multiplier: 1,
            observation_end: None,
            calibration_end: None,
            include_first_purchase: false,
            purchase_kinds: vec!["purchase".into()],
            refund_kinds: vec!["refund".into()],
        }
    }
}

/// The checked options: what folding one customer's purchases needs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(super) struct Plan {
    pub(super) unit: TimeUnit,
    pub(super) multiplier: u32,
    /// `observation_end` as given (ms); `None`: the last purchase.
    pub(super) observation_end: Option<i64>,
    /// The period of `observation_end`, when given.
    pub(super) observation_period: Option<i64>,
    /// `calibration_end` (ms).
    pub(super) calibration_end: Option<i64>,
    pub(super) include_first: bool,
}

impl Plan {
    /// Checks `o`'s unit, multiplier and times (`INVALID_CONFIG` naming the option).
    pub(super) fn new(o: &PurchaseHistoryOptions) -> Result<Plan> {
        if o.unit_multiplier == 0 {
            return Err(TouchpointError::config(
                "unit_multiplier",
                "0 is not a multiplier: at least 1",
            ));
        }
        let observation_end = o
            .observation_end
            .map(|t| check_option_time(t, "observation_end"))
            .transpose()?;
        let calibration_end = o
            .calibration_end
            .map(|t| check_option_time(t, "calibration_end"))
            .transpose()?;
        if let (Some(cal), Some(obs)) = (calibration_end, observation_end) {
            if cal >= obs {
                return Err(TouchpointError::config(
                    "calibration_end",
                    format!(
                        "{} is not before observation_end ({}): the holdout would be empty",
                        Timestamp(cal).to_rfc3339(),
                        Timestamp(obs).to_rfc3339()
                    ),
                ));
            }
        }
        Ok(Plan {
            unit: o.unit,
            multiplier: o.unit_multiplier,
            observation_end,
            observation_period: observation_end.map(|t| o.unit.period(t)),
            calibration_end,
            include_first: o.include_first_purchase,
        })
    }

    /// `periods` as a number of steps: `periods ÷ unit_multiplier`, as lifetimes divides.
    pub(super) fn steps(&self, periods: i64) -> f64 {
        periods as f64 / f64::from(self.multiplier)
    }
}

/// The purchase and refund kinds of `o`: at least one purchase kind, none empty, no kind in
/// both lists (`INVALID_CONFIG` naming `purchase_kinds[i]` or `refund_kinds[i]`).
pub(super) fn kinds(o: &PurchaseHistoryOptions) -> Result<(Vec<EventKind>, Vec<EventKind>)> {
    if o.purchase_kinds.is_empty() {
        return Err(TouchpointError::config(
            "purchase_kinds",
            "name at least one purchase kind",
        ));
    }
    let parse = |option: &str, list: &[String]| -> Result<Vec<EventKind>> {
        list.iter()
            .enumerate()
            .map(|(i, text)| {
                EventKind::parse(text).ok_or_else(|| {
                    TouchpointError::config(format!("{option}[{i}]"), "empty event kind")
                })
            })
            .collect()
    };
    let purchases = parse("purchase_kinds", &o.purchase_kinds)?;
    let refunds = parse("refund_kinds", &o.refund_kinds)?;
    if let Some(i) = refunds.iter().position(|k| purchases.contains(k)) {
        return Err(TouchpointError::config(
            format!("refund_kinds[{i}]"),
            format!("`{}` is also a purchase kind", refunds[i]),
        ));
    }
    Ok((purchases, refunds))
}
