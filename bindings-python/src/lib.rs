//! Python bindings of touchpoint: the extension module `touchpoint._native`, re-exported
//! by the pure-Python package `touchpoint`. Module registration only; see the other files.
#![forbid(unsafe_code)]

mod analysis;
mod arrow;
mod dataset;
mod error;
mod nps;
mod report;
mod tables;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    m.add_function(wrap_pyfunction!(nps::nps, m)?)?;
    m.add_function(wrap_pyfunction!(nps::csat, m)?)?;
    m.add_function(wrap_pyfunction!(nps::ces, m)?)?;
    m.add_function(wrap_pyfunction!(error::_panic_for_tests, m)?)?;
    m.add_class::<dataset::Dataset>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
