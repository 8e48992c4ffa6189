//! The live engine (core: `core/src/live/`): `engine.rs`, the `LiveEngine` class.

mod engine;

use pyo3::prelude::*;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<engine::LiveEngine>()?;
    Ok(())
}
