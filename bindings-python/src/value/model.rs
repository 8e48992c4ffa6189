//! The purchase models (core: `core/src/value/model.rs`, `fit.rs`): `touchpoint.PurchaseModel`
//! and `touchpoint.fit_purchase_model`.

use super::read::{read_histories, Need};
use super::{id_and_floats, options};
use crate::analysis::options_value;
use crate::error::{guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use touchpoint::{PurchaseModelOptions, TouchpointError};

/// A fitted (or given) purchase model: BG/NBD, MBG/NBD, Pareto/NBD or BG/BB.
#[pyclass(module = "touchpoint", name = "PurchaseModel", frozen)]
pub struct PurchaseModel {
    pub(crate) inner: touchpoint::PurchaseModel,
}

/// A model from its JSON form, as a `serde_json::Value`, errors naming the field.
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> PyResult<T> {
    touchpoint::value_from_json(value, "model").into_py_result()
}

/// A model's JSON text read as a value (`PARSE_ERROR` when it is not JSON).
pub(crate) fn json_value(text: &str) -> PyResult<serde_json::Value> {
    serde_json::from_str(text)
        .map_err(|e| TouchpointError::Parse {
            record: touchpoint::RecordRef::Line(e.line() as u64),
            message: e.to_string(),
        })
        .into_py_result()
}

/// A dict of arguments as JSON, read as options are (every Python number and time).
pub(crate) fn dict_value(dict: &Bound<'_, PyDict>) -> PyResult<serde_json::Value> {
    options_value(Some(dict.as_any()))
}

#[pymethods]
impl PurchaseModel {
    /// A model with known parameters (lifetimes' names), in `unit` × `unit_multiplier`.
    #[classmethod]
    #[pyo3(
        signature = (model, params, *, unit = None, unit_multiplier = None),
        text_signature = "(model, params, *, unit='day', unit_multiplier=1)"
    )]
    fn from_params(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        model: &Bound<'_, PyAny>,
        params: &Bound<'_, PyAny>,
        unit: Option<&Bound<'_, PyAny>>,
        unit_multiplier: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PurchaseModel> {
        guard(|| {
            let dict = PyDict::new(py);
            dict.set_item("model", model)?;
            dict.set_item("params", params)?;
            for (k, v) in [("unit", unit), ("unit_multiplier", unit_multiplier)] {
                if let Some(v) = v.filter(|v| !v.is_none()) {
                    dict.set_item(k, v)?;
                }
            }
            Ok(PurchaseModel {
                inner: from_value(dict_value(&dict)?)?,
            })
        })
    }

    /// A model saved with `to_json`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<PurchaseModel> {
        guard(|| {
            Ok(PurchaseModel {
                inner: from_value(json_value(text)?)?,
            })
        })
    }

    /// The model as JSON text (`PurchaseModel.from_json` reads it back, in any language).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|e| crate::tables::internal(py, format!("cannot write the model: {e}")))
        })
    }

    /// `"bg_nbd"`, `"mbg_nbd"`, `"pareto_nbd"` or `"bg_bb"`.
    #[getter]
    fn model(&self) -> &'static str {
        self.inner.model.name()
    }

    /// The parameters by lifetimes' names.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.params)
    }

    /// The parameters' standard errors, or None.
    #[getter]
    fn standard_errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.standard_errors)
    }

    /// The log-likelihood of the histories fitted (None for a given model).
    #[getter]
    fn log_likelihood(&self) -> Option<f64> {
        self.inner.log_likelihood
    }

    /// How many customers the model was fitted on (0 for a given model).
    #[getter]
    fn customers(&self) -> u64 {
        self.inner.customers
    }

    /// The unit of the histories the model's rates are in.
    #[getter]
    fn unit<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.unit)
    }

    /// How many units make one step of those histories.
    #[getter]
    fn unit_multiplier(&self) -> u32 {
        self.inner.unit_multiplier
    }

    /// Newton iterations the fit took.
    #[getter]
    fn iterations(&self) -> u32 {
        self.inner.iterations
    }

    /// The probability that a customer with this history is still alive.
    #[pyo3(signature = (frequency, recency, T))]
    #[allow(non_snake_case)]
    fn probability_alive(&self, frequency: f64, recency: f64, T: f64) -> f64 {
        self.inner.probability_alive(frequency, recency, T)
    }

    /// The expected purchases over the next `horizon` units of a customer with this history.
    #[pyo3(signature = (horizon, frequency, recency, T))]
    #[allow(non_snake_case)]
    fn expected_purchases(&self, horizon: f64, frequency: f64, recency: f64, T: f64) -> f64 {
        self.inner
            .expected_purchases(horizon, frequency, recency, T)
    }

    /// The expected purchases of a new customer in their first `horizon` units.
    fn expected_purchases_new_customer(&self, horizon: f64) -> f64 {
        self.inner.expected_purchases_new_customer(horizon)
    }

    /// The probability that a new customer makes exactly `n` purchases in `horizon` units.
    fn probability_of_purchases(&self, n: u64, horizon: f64) -> PyResult<f64> {
        guard(|| {
            self.inner
                .probability_of_purchases(n, horizon)
                .into_py_result()
        })
    }

    /// Every customer's probability alive and expected purchases over `horizon`, as a
    /// pyarrow Table.
    fn predict<'py>(
        &self,
        py: Python<'py>,
        histories: &Bound<'py, PyAny>,
        horizon: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let mut h = read_histories(py, histories, Need::Purchases)?;
            let p = h.run(py, |h| self.inner.predict(h, horizon))?;
            id_and_floats(
                py,
                h.ids(),
                vec![
                    ("probability_alive", p.probability_alive),
                    ("expected_purchases", p.expected_purchases),
                ],
            )
        })
    }

    fn __repr__(&self) -> String {
        let params: Vec<String> = self
            .inner
            .model
            .parameter_names()
            .iter()
            .map(|k| {
                format!(
                    "{k}={:.6}",
                    self.inner.params.get(*k).copied().unwrap_or(f64::NAN)
                )
            })
            .collect();
        format!(
            "PurchaseModel(model='{}', {}, customers={}, unit='{}')",
            self.inner.model.name(),
            params.join(", "),
            self.inner.customers,
            serde_json::to_value(self.inner.unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        )
    }
}

/// Fits a purchase model to the histories by maximum likelihood (see `__init__.pyi`).
#[pyfunction]
#[pyo3(
    signature = (histories, model = None, *, penalizer = None, tolerance = None, max_iterations = None, initial_params = None),
    text_signature = "(histories, model='bg_nbd', *, penalizer=0.0, tolerance=None, max_iterations=None, initial_params=None)"
)]
pub fn fit_purchase_model<'py>(
    py: Python<'py>,
    histories: &Bound<'py, PyAny>,
    model: Option<&Bound<'py, PyAny>>,
    penalizer: Option<&Bound<'py, PyAny>>,
    tolerance: Option<&Bound<'py, PyAny>>,
    max_iterations: Option<&Bound<'py, PyAny>>,
    initial_params: Option<&Bound<'py, PyAny>>,
) -> PyResult<PurchaseModel> {
    guard(|| {
        let o: PurchaseModelOptions = options(
            py,
            &[
                ("model", model),
                ("penalizer", penalizer),
                ("tolerance", tolerance),
                ("max_iterations", max_iterations),
                ("initial_params", initial_params),
            ],
        )?;
        let mut h = read_histories(py, histories, Need::Purchases)?;
        let inner = h.run(py, |h| touchpoint::fit_purchase_model(h, &o))?;
        Ok(PurchaseModel { inner })
    })
}
