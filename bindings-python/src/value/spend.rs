//! The spend model (core: `core/src/value/gamma_gamma.rs`): `touchpoint.SpendModel` and
//! `touchpoint.fit_spend_model`.

use super::model::{dict_value, from_value, json_value};
use super::read::{read_histories, Need};
use super::{id_and_floats, options};
use crate::error::{guard, to_py};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use touchpoint::SpendModelOptions;

/// A fitted (or given) Gamma-Gamma spend model: the expected spend per purchase.
#[pyclass(module = "touchpoint", name = "SpendModel", frozen)]
pub struct SpendModel {
    pub(crate) inner: touchpoint::SpendModel,
}

#[pymethods]
impl SpendModel {
    /// A model with known parameters `p`, `q`, `v`.
    #[classmethod]
    fn from_params(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        params: &Bound<'_, PyAny>,
    ) -> PyResult<SpendModel> {
        guard(|| {
            let dict = PyDict::new(py);
            dict.set_item("model", "gamma_gamma")?;
            dict.set_item("params", params)?;
            Ok(SpendModel {
                inner: from_value(dict_value(&dict)?)?,
            })
        })
    }

    /// A model saved with `to_json`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<SpendModel> {
        guard(|| {
            Ok(SpendModel {
                inner: from_value(json_value(text)?)?,
            })
        })
    }

    /// The model as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|e| crate::tables::internal(py, format!("cannot write the model: {e}")))
        })
    }

    /// Always `"gamma_gamma"`.
    #[getter]
    fn model(&self) -> String {
        self.inner.model.clone()
    }

    /// `p`, `q` and `v`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.params)
    }

    /// The parameters' standard errors, or None.
    #[getter]
    fn standard_errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.standard_errors)
    }

    /// The log-likelihood of the fitted customers' spends (None for a given model).
    #[getter]
    fn log_likelihood(&self) -> Option<f64> {
        self.inner.log_likelihood
    }

    /// How many customers (with repeat purchases) the model was fitted on.
    #[getter]
    fn customers(&self) -> u64 {
        self.inner.customers
    }

    /// Newton iterations the fit took.
    #[getter]
    fn iterations(&self) -> u32 {
        self.inner.iterations
    }

    /// The expected mean value of a customer's future purchases, given their history.
    fn expected_spend(&self, frequency: f64, monetary_value: f64) -> f64 {
        self.inner.expected_spend(frequency, monetary_value)
    }

    /// Every customer's expected spend per purchase, as a pyarrow Table.
    fn predict<'py>(
        &self,
        py: Python<'py>,
        histories: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let mut h = read_histories(py, histories, Need::Spend)?;
            let spend = h.run(py, |h| Ok(self.inner.expected_spend_all(h)))?;
            id_and_floats(py, h.ids(), vec![("expected_spend", spend)])
        })
    }

    fn __repr__(&self) -> String {
        let get = |k: &str| self.inner.params.get(k).copied().unwrap_or(f64::NAN);
        format!(
            "SpendModel(model='gamma_gamma', p={:.6}, q={:.6}, v={:.6}, customers={})",
            get("p"),
            get("q"),
            get("v"),
            self.inner.customers
        )
    }
}

/// Fits the Gamma-Gamma spend model (see `__init__.pyi`).
#[pyfunction]
#[pyo3(
    signature = (histories, *, penalizer = None, q_constraint = None, tolerance = None, max_iterations = None),
    text_signature = "(histories, *, penalizer=0.0, q_constraint=False, tolerance=None, max_iterations=None)"
)]
pub fn fit_spend_model<'py>(
    py: Python<'py>,
    histories: &Bound<'py, PyAny>,
    penalizer: Option<&Bound<'py, PyAny>>,
    q_constraint: Option<&Bound<'py, PyAny>>,
    tolerance: Option<&Bound<'py, PyAny>>,
    max_iterations: Option<&Bound<'py, PyAny>>,
) -> PyResult<SpendModel> {
    guard(|| {
        let o: SpendModelOptions = options(
            py,
            &[
                ("penalizer", penalizer),
                ("q_constraint", q_constraint),
                ("tolerance", tolerance),
                ("max_iterations", max_iterations),
            ],
        )?;
        let mut h = read_histories(py, histories, Need::Spend)?;
        let inner = h.run(py, |h| touchpoint::fit_spend_model(h, &o))?;
        Ok(SpendModel { inner })
    })
}
