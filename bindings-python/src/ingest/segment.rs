//! `Dataset.read_segment`: a dataset from Segment-style JSON or NDJSON text.

use crate::dataset::Dataset;
use crate::error::{guard, IntoPyResult};
use pyo3::prelude::*;
use touchpoint::ingest;

#[pymethods]
impl Dataset {
    /// A dataset from Segment-style JSON (an array, a `{"batch": [...]}` or NDJSON text).
    #[staticmethod]
    #[pyo3(signature = (text, mode = None), text_signature = "(text, mode='strict')")]
    fn read_segment(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            let (mode, text) = (crate::dataset::mode(mode)?, crate::dataset::text(text)?);
            py.detach(|| ingest::read_segment(&text, mode))
                .into_py_result()
                .map(Dataset::new)
        })
    }
}
