//! The holdout comparison (core: `core/src/value/calibration.rs`):
//! `calibrationReport(purchaseModel, histories, options)`.

use super::history::{histories_arg, Needs};
use super::model::purchase_model_arg;
use super::thrown;
use crate::error::{guard, plain};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use touchpoint::CalibrationOptions;

/// How well the model predicted the holdout period of split histories (made with
/// `calibrationEnd`): predicted and actual purchases per customer in the holdout, in total
/// and by frequency in the calibration period (`options.maxFrequency`, default 7, and more
/// in one group), as lifetimes' calibration plot tabulates them.
/// @throws {TouchpointError} `INVALID_CONFIG` naming `holdout` when the histories have
/// none, or a bad option; `OUT_OF_RANGE` / `INVALID_RECORD` naming the first bad customer
/// and field; `INVALID_ARGUMENT` naming a bad argument.
#[napi(
    ts_args_type = "purchaseModel: PurchaseModel | PurchaseModelJSON, histories: PurchaseHistoriesInput, options?: CalibrationOptions | null",
    ts_return_type = "CalibrationReport"
)]
pub fn calibration_report<'env>(
    env: &'env Env,
    purchase_model: Unknown<'_>,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let m = purchase_model_arg(env, purchase_model, "purchaseModel")?;
        let needs = Needs {
            ages: true,
            spend: false,
        };
        let h = histories_arg(env, histories, needs)?;
        let o: CalibrationOptions = super::options(env, options)?;
        plain(
            env,
            thrown(env, touchpoint::calibration_report(&m, &h, &o))?,
        )
    })
}
