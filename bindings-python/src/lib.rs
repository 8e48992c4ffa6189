//! Python bindings of touchpoint: the extension module `touchpoint._native`, re-exported
//! by the pure-Python package `touchpoint`. Module registration only; the other files
//! mirror the core's areas (ARCHITECTURE.md): `dataset.rs`, `ingest/` (one file per reader),
//! `survey/` (NPS, CSAT, CES, the CX report), `analysis/` (one file per analysis), plus
//! `parallel.rs` (the thread setting), `partial.rs` (partial states, for `touchpoint.spark`), `tables.rs` (per-customer rows as pyarrow Tables), `value/` (churn risk and lifetime value: histories, models, CLV as pyarrow Tables), `time.rs` (Python's time objects as
//! the core's times), `json.rs` (Python values as JSON, depth-bounded) and `error.rs`.
#![forbid(unsafe_code)]

mod analysis;
mod dataset;
mod error;
mod experiment;
mod feedback;
mod ingest;
mod json;
mod live;
mod parallel;
mod partial;
mod privacy;
mod survey;
mod tables;
mod time;
mod value;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    m.add_function(wrap_pyfunction!(survey::nps::nps, m)?)?;
    m.add_function(wrap_pyfunction!(survey::csat::csat, m)?)?;
    m.add_function(wrap_pyfunction!(survey::ces::ces, m)?)?;
    m.add_function(wrap_pyfunction!(survey::programme::survey_template, m)?)?;
    m.add_function(wrap_pyfunction!(survey::programme::score_survey, m)?)?;
    m.add_function(wrap_pyfunction!(
        survey::programme::compare_survey_waves,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(privacy::pseudonymize, m)?)?;
    m.add_function(wrap_pyfunction!(parallel::set_threads, m)?)?;
    m.add_function(wrap_pyfunction!(parallel::threads, m)?)?;
    m.add_function(wrap_pyfunction!(parallel::_after_fork_in_child, m)?)?;
    m.add_function(wrap_pyfunction!(partial::merge_partial_states, m)?)?;
    m.add_function(wrap_pyfunction!(partial::finish_partial_state, m)?)?;
    m.add_function(wrap_pyfunction!(error::_panic_for_tests, m)?)?;
    m.add_class::<dataset::Dataset>()?;
    value::register(m)?;
    experiment::register(m)?;
    feedback::register(m)?;
    live::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // The analyses with a partial state (`touchpoint.spark.ANALYSES`): the core's list, not a copy.
    m.add("_partial_analyses", touchpoint::PARTIAL_ANALYSES.to_vec())?;
    Ok(())
}
