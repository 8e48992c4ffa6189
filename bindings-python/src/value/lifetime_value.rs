//! `touchpoint.lifetime_value` (core: `core/src/value/lifetime_value.rs`).

use super::model::PurchaseModel;
use super::read::{read_histories, Need};
use super::spend::SpendModel;
use super::{id_and_floats, options};
use crate::error::guard;
use pyo3::prelude::*;
use touchpoint::LifetimeValueOptions;

/// Each customer's lifetime value over `months`, as a pyarrow Table (see `__init__.pyi`).
#[pyfunction]
#[pyo3(
    signature = (purchase_model, spend_model, histories, *, months = None, discount_rate = None),
    text_signature = "(purchase_model, spend_model, histories, *, months=12, discount_rate=0.01)"
)]
pub fn lifetime_value<'py>(
    py: Python<'py>,
    purchase_model: PyRef<'py, PurchaseModel>,
    spend_model: PyRef<'py, SpendModel>,
    histories: &Bound<'py, PyAny>,
    months: Option<&Bound<'py, PyAny>>,
    discount_rate: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o: LifetimeValueOptions =
            options(py, &[("months", months), ("discount_rate", discount_rate)])?;
        let mut h = read_histories(py, histories, Need::Purchases)?;
        let (m, s) = (&purchase_model.inner, &spend_model.inner);
        let values = h.run(py, |h| touchpoint::lifetime_value(m, s, h, &o))?;
        id_and_floats(py, h.ids(), vec![("clv", values.clv)])
    })
}
