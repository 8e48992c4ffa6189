//! Experiments (core: `core/src/experiment/`): `analyze_experiment` (`analyze.rs`),
//! `sample_ratio_check` (`srm.rs`), `adjust_p_values` (`correction.rs`), `sample_size` and
//! `minimum_detectable_effect` (`power.rs`), `nps_difference` (`nps_difference.rs`),
//! `experiment_from_rows` (`from_rows.rs`) and the dataset method `experiment` (`events.rs`). Data and options
//! come in as dicts, lists and numbers (numpy's too) and the reports go out as dicts.

mod analyze;
mod correction;
mod events;
mod from_rows;
mod nps_difference;
mod power;
mod srm;

use pyo3::prelude::*;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze::analyze_experiment, m)?)?;
    m.add_function(wrap_pyfunction!(srm::sample_ratio_check, m)?)?;
    m.add_function(wrap_pyfunction!(correction::adjust_p_values, m)?)?;
    m.add_function(wrap_pyfunction!(power::sample_size, m)?)?;
    m.add_function(wrap_pyfunction!(power::minimum_detectable_effect, m)?)?;
    m.add_function(wrap_pyfunction!(nps_difference::nps_difference, m)?)?;
    m.add_function(wrap_pyfunction!(from_rows::experiment_from_rows, m)?)?;
    Ok(())
}

/// A Python value (dict, list, number, string, None) read as JSON, as options are read.
pub(crate) fn json_of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<serde_json::Value> {
    let dict = pyo3::types::PyDict::new(obj.py());
    dict.set_item(what, obj)?;
    let mut value = crate::analysis::options_value(Some(dict.as_any()))?;
    Ok(value[what].take())
}
