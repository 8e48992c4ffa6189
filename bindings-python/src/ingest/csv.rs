//! `Dataset.read_csv`: a dataset from CSV with a header line, from a path, a file object or
//! text (`source.rs`).

use super::source::{self, Reader};
use crate::dataset::Dataset;
use crate::error::guard;
use pyo3::prelude::*;
use touchpoint::ingest;

const CSV: Reader = Reader {
    format: "CSV",
    one_line_content: |_| false,
    text: ingest::read_csv,
    stream: |r, mode| ingest::read_csv_from(r, mode),
};

#[pymethods]
impl Dataset {
    /// A dataset from CSV with a header line: a path, a file object, or the text.
    #[staticmethod]
    #[pyo3(
        signature = (source, mode = None, pseudonym_key = None),
        text_signature = "(source, mode='strict', pseudonym_key=None)"
    )]
    fn read_csv(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
        pseudonym_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            source::read(
                py,
                &CSV,
                source,
                crate::dataset::read_options(mode, pseudonym_key)?,
            )
        })
    }
}
