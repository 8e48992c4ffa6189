//! `touchpoint.churn_risk` and `touchpoint.calibration_report` (core:
//! `core/src/value/churn.rs`, `calibration.rs`).

use super::model::PurchaseModel;
use super::options;
use super::read::{read_histories, Need};
use super::spend::SpendModel;
use crate::error::{guard, to_py, IntoPyResult};
use crate::tables::{internal, report_to_py, Tables};
use pyo3::prelude::*;
use touchpoint::{CalibrationOptions, ChurnRiskOptions};

/// Every customer's churn risk, ranked by value at risk: a dict whose `rows` are a pyarrow
/// Table (see `__init__.pyi`).
#[pyfunction]
#[pyo3(
    signature = (purchase_model, histories, *, spend_model = None, threshold = None, horizon = None, months = None, discount_rate = None),
    text_signature = "(purchase_model, histories, *, spend_model=None, threshold=0.3, horizon=None, months=12, discount_rate=0.01)"
)]
#[allow(clippy::too_many_arguments)]
pub fn churn_risk<'py>(
    py: Python<'py>,
    purchase_model: PyRef<'py, PurchaseModel>,
    histories: &Bound<'py, PyAny>,
    spend_model: Option<PyRef<'py, SpendModel>>,
    threshold: Option<&Bound<'py, PyAny>>,
    horizon: Option<&Bound<'py, PyAny>>,
    months: Option<&Bound<'py, PyAny>>,
    discount_rate: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o: ChurnRiskOptions = options(
            py,
            &[
                ("threshold", threshold),
                ("horizon", horizon),
                ("months", months),
                ("discount_rate", discount_rate),
            ],
        )?;
        let h = read_histories(py, histories, Need::Purchases)?.with_text_ids(py)?;
        let m = &purchase_model.inner;
        let s = spend_model.as_ref().map(|s| &s.inner);
        let (report, tables) = py
            .detach(|| {
                touchpoint::churn_risk(m, &h, s, &o).map(|mut r| {
                    let tables = r.take_tables();
                    (r, tables)
                })
            })
            .into_py_result()?;
        let tables = tables.map_err(|e| internal(py, e))?;
        report_to_py(py, &report, tables)
    })
}

/// The holdout comparison of a purchase model fitted on the calibration period: a dict
/// (see `__init__.pyi`).
#[pyfunction]
#[pyo3(
    signature = (purchase_model, histories, *, max_frequency = None),
    text_signature = "(purchase_model, histories, *, max_frequency=7)"
)]
pub fn calibration_report<'py>(
    py: Python<'py>,
    purchase_model: PyRef<'py, PurchaseModel>,
    histories: &Bound<'py, PyAny>,
    max_frequency: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o: CalibrationOptions = options(py, &[("max_frequency", max_frequency)])?;
        let mut h = read_histories(py, histories, Need::Purchases)?;
        let m = &purchase_model.inner;
        let report = h.run(py, |h| touchpoint::calibration_report(m, h, &o))?;
        to_py(py, &report)
    })
}
