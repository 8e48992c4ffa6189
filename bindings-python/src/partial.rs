//! Partial states (core: `core/src/partial/`): `Dataset.partial_state`,
//! `touchpoint.merge_partial_states` and `touchpoint.finish_partial_state`, the pieces
//! `touchpoint.spark` (python/touchpoint/spark.py) runs an analysis on a cluster with.

use crate::analysis::options_value;
use crate::dataset::Dataset;
use crate::error::{argument_error, guard, type_name, IntoPyResult};
use crate::tables::{internal, report_to_py, Tables};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use serde::Serialize;
use touchpoint::{PartialReport, PartialState, PartitionContext, RecordRef};

#[pymethods]
impl Dataset {
    /// The partial state of `analysis` over this dataset, a partition of a larger one, as
    /// bytes (see `__init__.pyi`). Aligns this dataset to `context` in place.
    #[pyo3(signature = (analysis, options = None, *, context, keys))]
    fn partial_state<'py>(
        &self,
        py: Python<'py>,
        analysis: &str,
        options: Option<&Bound<'py, PyAny>>,
        context: &Bound<'py, PyAny>,
        keys: (u64, u64),
    ) -> PyResult<Bound<'py, PyBytes>> {
        guard(|| {
            let options = options_value(options)?;
            if context.cast::<PyDict>().is_err() {
                return Err(argument_error(
                    "context",
                    None,
                    format!("expected a dict, got {}", type_name(context)),
                ));
            }
            let context = crate::json::option_value(context).map_err(|(field, message)| {
                crate::error::core_error(&touchpoint::TouchpointError::InvalidConfig {
                    option: format!("context.{field}"),
                    message,
                })
            })?;
            let context = PartitionContext::from_value(context).into_py_result()?;
            let mut data = self.data_mut(py, "take its partial state")?;
            let data: &mut touchpoint::Dataset = &mut data;
            let state = py
                .detach(|| {
                    PartialState::run(data, analysis, options, &context, keys).map(|s| s.to_bytes())
                })
                .into_py_result()?;
            Ok(PyBytes::new(py, &state))
        })
    }
}

/// Reads state `i` of a list (bytes-like).
fn state_of(i: usize, obj: &Bound<'_, PyAny>) -> PyResult<touchpoint::Result<PartialState>> {
    let bytes = obj.cast::<PyBytes>().map_err(|_| {
        argument_error(
            "states",
            Some(RecordRef::Record(i as u64 + 1).to_string()),
            format!("expected bytes, got {}", type_name(obj)),
        )
    })?;
    Ok(PartialState::from_bytes(bytes.as_bytes())
        .map_err(|e| e.at_record(RecordRef::Record(i as u64 + 1))))
}

/// Merges partial states (any iterable of bytes, in any order) into one.
#[pyfunction]
pub fn merge_partial_states<'py>(
    py: Python<'py>,
    states: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    guard(|| {
        let iter = states.try_iter().map_err(|_| {
            argument_error(
                "states",
                None,
                format!("expected an iterable of bytes, got {}", type_name(states)),
            )
        })?;
        let mut all = Vec::new();
        for (i, item) in iter.enumerate() {
            all.push(state_of(i, &item?)?);
        }
        let merged = py
            .detach(|| PartialState::merge_all(all).map(|s| s.to_bytes()))
            .into_py_result()?;
        Ok(PyBytes::new(py, &merged))
    })
}

/// The report of a (merged) partial state: what the dataset method gives on one machine.
#[pyfunction]
pub fn finish_partial_state<'py>(
    py: Python<'py>,
    state: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let state = state_of(0, state)?.into_py_result()?;
        let report = py.detach(|| state.finish()).into_py_result()?;
        match report {
            PartialReport::Overview(r) => to_dict(py, *r),
            PartialReport::CxReport(r) => to_dict(py, r),
            PartialReport::Sessions(r) => to_dict(py, r),
            PartialReport::Engagement(r) => to_dict(py, r),
            PartialReport::EngagementScore(r) => to_dict(py, r),
            PartialReport::Lifecycle(r) => to_dict(py, r),
            PartialReport::Funnel(r) => to_dict(py, r),
            PartialReport::Retention(r) => to_dict(py, r),
            PartialReport::Rfm(r) => to_dict(py, r),
            PartialReport::RuleSegments(r) => to_dict(py, r),
            PartialReport::EngagementTiers(r) => to_dict(py, r),
            PartialReport::JourneyMap(r) => to_dict(py, r),
            PartialReport::PainPoints(r) => to_dict(py, r),
            PartialReport::CxPyramid(r) => to_dict(py, r),
            PartialReport::Experiment(r) => to_dict(py, r),
            // The histories' report is the histories: the table `Dataset.purchase_histories` gives.
            PartialReport::PurchaseHistories(h) => crate::value::history::to_table(py, h, None),
        }
    })
}

/// A report as the analysis methods return it: a dict, per-customer rows as tables.
fn to_dict<'py, R: Serialize + Tables>(
    py: Python<'py>,
    mut report: R,
) -> PyResult<Bound<'py, PyAny>> {
    let tables = report.take_tables().map_err(|e| internal(py, e))?;
    report_to_py(py, &report, tables)
}
