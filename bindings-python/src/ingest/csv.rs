//! `Dataset.read_csv`: a dataset from CSV text with a header line.

use crate::dataset::Dataset;
use crate::error::{guard, IntoPyResult};
use pyo3::prelude::*;
use touchpoint::ingest;

#[pymethods]
impl Dataset {
    /// A dataset from CSV text with a header line.
    #[staticmethod]
    #[pyo3(signature = (text, mode = None), text_signature = "(text, mode='strict')")]
    fn read_csv(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            let (mode, text) = (crate::dataset::mode(mode)?, crate::dataset::text(text)?);
            py.detach(|| ingest::read_csv(&text, mode))
                .into_py_result()
                .map(Dataset::new)
        })
    }
}
