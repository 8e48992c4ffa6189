//! `touchpoint.voice_of_customer(comments, **options)` (core: `core/src/feedback/voice/`):
//! comments as a pandas or polars DataFrame, a pyarrow Table or a list of dicts; the report
//! as a dict. `ds.voice_of_customer(options)`: the same over a dataset's free text.

use crate::dataset::Dataset;
use crate::error::{guard, to_py, IntoPyResult};
use crate::survey::programme::rows_of;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use touchpoint::VoiceOptions;

/// The voice of the customer: per touchpoint, channel, stage and segment (and overall), the
/// comments' sentiment (VADER), the share of negative ones, and the terms that most set the
/// negative comments apart (tidylo's weighted log odds), with counts and examples. Scored in
/// parallel, the GIL released.
#[pyfunction]
#[pyo3(signature = (comments, **options))]
pub fn voice_of_customer<'py>(
    py: Python<'py>,
    comments: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o: VoiceOptions = touchpoint::options_from_value(crate::analysis::options_value(
            options.map(|o| o.as_any()),
        )?)
        .into_py_result()?;
        o.check().into_py_result()?;
        let rows = rows_of(Some(comments), "comments")?;
        let report = py
            .detach(|| {
                let comments = touchpoint::read_comments(&rows, &o)?;
                touchpoint::voice_of_customer(&comments, &o)
            })
            .into_py_result()?;
        to_py(py, &report)
    })
}

crate::analysis::analyses! {
    /// The voice of the customer over the events' free text: per touchpoint (the event's
    /// kind), channel, journey stage reached and segment (a trait, with `segment_trait`),
    /// the sentiment, the share of negative texts and the terms that set them apart.
    voice_of_customer => touchpoint::voice_of_dataset;
}
