//! `Dataset.read_segment`: a dataset from Segment-style JSON (an array, NDJSON or a
//! `{"batch": [...]}`), from a path, a file object or text (`source.rs`).

use super::source::{self, Reader};
use crate::dataset::Dataset;
use crate::error::guard;
use pyo3::prelude::*;
use touchpoint::ingest;

const SEGMENT: Reader = Reader {
    format: "Segment JSON",
    one_line_content: |s| s.trim_start().starts_with(['[', '{']),
    text: ingest::read_segment,
    stream: |r, mode| ingest::read_segment_from(r, mode),
};

#[pymethods]
impl Dataset {
    /// A dataset from Segment-style JSON (an array, NDJSON or a `{"batch": [...]}`): a path,
    /// a file object, or the text.
    #[staticmethod]
    #[pyo3(
        signature = (source, mode = None, pseudonym_key = None),
        text_signature = "(source, mode='strict', pseudonym_key=None)"
    )]
    fn read_segment(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
        pseudonym_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            source::read(
                py,
                &SEGMENT,
                source,
                crate::dataset::read_options(mode, pseudonym_key)?,
            )
        })
    }
}
