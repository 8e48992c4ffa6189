//! `touchpoint.sentiment(text)`, `touchpoint.sentiments(texts)` and
//! `touchpoint.SentimentAnalyzer` (core: `core/src/feedback/sentiment/`).

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use pyo3_arrow::PyTable;
use touchpoint::{RecordRef, Sentiment, SentimentOptions};

use super::lexicon::Lexicon;
use crate::error::{argument_error, guard, to_py_without_tuples, type_name, IntoPyResult};

/// Scores texts with one lexicon per language (VADER's English one by default).
#[pyclass(module = "touchpoint", name = "SentimentAnalyzer", frozen)]
pub struct SentimentAnalyzer {
    inner: Arc<touchpoint::SentimentAnalyzer>,
}

fn options(detect_language: bool, threshold: f64) -> SentimentOptions {
    SentimentOptions {
        detect_language,
        threshold,
    }
}

/// The core's English analyzer with these options (its lexicon shared, not copied).
fn default_analyzer(
    detect_language: bool,
    threshold: f64,
) -> PyResult<touchpoint::SentimentAnalyzer> {
    touchpoint::SentimentAnalyzer::english()
        .with_options(options(detect_language, threshold))
        .into_py_result()
}

/// A text argument: `str`, or `bytes` that must be UTF-8.
fn text_of<'a>(
    obj: &'a Bound<'_, PyAny>,
    record: RecordRef,
) -> PyResult<std::borrow::Cow<'a, str>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(text) => Ok(text),
            Err(_) => Err(touchpoint::TouchpointError::InvalidRecord {
                record,
                field: "text".into(),
                message: "is not valid Unicode (a lone surrogate)".into(),
            })
            .into_py_result(),
        };
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        let text = touchpoint::text_from_utf8(b.as_bytes(), record, "text").into_py_result()?;
        return Ok(std::borrow::Cow::Owned(text.to_string()));
    }
    Err(argument_error(
        "text",
        Some(record.to_string()),
        format!("expected str or bytes, got {}", type_name(obj)),
    ))
}

/// The texts of a batch, copied into one buffer (one allocation, not one per text), so the
/// scoring runs without the GIL and without borrowing Python's strings.
struct Texts {
    buffer: String,
    ends: Vec<usize>,
}

impl Texts {
    fn push(&mut self, text: &str) {
        self.buffer.push_str(text);
        self.ends.push(self.buffer.len());
    }

    fn slices(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let text = &self.buffer[start..end];
                start = end;
                text
            })
            .collect()
    }
}

/// Adds one element of a batch: a str (read in place), bytes (UTF-8), else an error naming it.
fn push_text(out: &mut Texts, item: &Bound<'_, PyAny>, i: usize) -> PyResult<()> {
    if let Ok(s) = item.cast::<PyString>() {
        if let Ok(text) = s.to_str() {
            out.push(text);
            return Ok(());
        }
    }
    let record = RecordRef::Record(i as u64 + 1);
    // None, or pandas' NaN for a missing value.
    let nan = item
        .cast::<pyo3::types::PyFloat>()
        .is_ok_and(|f| f.value().is_nan());
    if item.is_none() || nan {
        return Err(touchpoint::TouchpointError::InvalidRecord {
            record,
            field: "text".into(),
            message: "is missing (None or NaN)".into(),
        })
        .into_py_result();
    }
    out.push(&text_of(item, record)?);
    Ok(())
}

/// Every text of `texts` (a list, a pandas Series, a pyarrow array, any iterable of str).
fn texts_of(texts: &Bound<'_, PyAny>) -> PyResult<Texts> {
    if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
        return Err(argument_error(
            "texts",
            None,
            "expected a list of texts, got one text (use `sentiment`)",
        ));
    }
    let mut out = Texts {
        buffer: String::new(),
        ends: Vec::new(),
    };
    if let Ok(list) = texts.cast::<pyo3::types::PyList>() {
        out.ends.reserve(list.len());
        for (i, item) in list.iter().enumerate() {
            push_text(&mut out, &item, i)?;
        }
        return Ok(out);
    }
    let module = texts
        .get_type()
        .module()
        .map(|m| m.to_string())
        .unwrap_or_default();
    let iterable = if module.starts_with("pyarrow") && texts.hasattr("to_pylist")? {
        texts.call_method0("to_pylist")?
    } else {
        texts.clone()
    };
    let iter = iterable.try_iter().map_err(|_| {
        argument_error(
            "texts",
            None,
            format!("expected a list of texts, got {}", type_name(texts)),
        )
    })?;
    for (i, item) in iter.enumerate() {
        push_text(&mut out, &item?, i)?;
    }
    Ok(out)
}

/// The sentiments as a pyarrow Table: label, compound, positive, neutral, negative, language.
/// Built with Arrow's builders directly rather than `tables.rs`'s serde_arrow path: this is
/// the hot end of a batch (a few rows' worth of work per text), and six typed columns are
/// simple to fill.
fn table<'py>(py: Python<'py>, rows: &[Sentiment]) -> PyResult<Bound<'py, PyAny>> {
    let mut label = StringBuilder::with_capacity(rows.len(), rows.len() * 8);
    let mut language = StringBuilder::new();
    let mut scores: [Float64Builder; 4] =
        std::array::from_fn(|_| Float64Builder::with_capacity(rows.len()));
    for s in rows {
        label.append_value(match s.label {
            touchpoint::SentimentLabel::Positive => "positive",
            touchpoint::SentimentLabel::Neutral => "neutral",
            touchpoint::SentimentLabel::Negative => "negative",
            touchpoint::SentimentLabel::Unscored => "unscored",
        });
        for (b, v) in scores
            .iter_mut()
            .zip([s.compound, s.positive, s.neutral, s.negative])
        {
            b.append_option(v);
        }
        language.append_option(s.language.map(|l| l.code()));
    }
    let [compound, positive, neutral, negative] =
        scores.map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let float = |name: &str| Field::new(name, DataType::Float64, true);
    let schema = Arc::new(Schema::new(vec![
        Field::new("label", DataType::Utf8, false),
        float("compound"),
        float("positive"),
        float("neutral"),
        float("negative"),
        Field::new("language", DataType::Utf8, true),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(label.finish()),
        compound,
        positive,
        neutral,
        negative,
        Arc::new(language.finish()),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns)
        .map_err(|e| crate::tables::internal(py, e.to_string()))?;
    PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
}

fn score_one<'py>(
    py: Python<'py>,
    analyzer: &touchpoint::SentimentAnalyzer,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = text_of(text, RecordRef::Record(1))?;
    let s = analyzer.score(&text).into_py_result()?;
    to_py_without_tuples(py, &s)
}

fn score_all<'py>(
    py: Python<'py>,
    analyzer: &touchpoint::SentimentAnalyzer,
    texts: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let texts = texts_of(texts)?;
    let rows = py
        .detach(|| analyzer.score_all(&texts.slices()))
        .into_py_result()?;
    table(py, &rows)
}

/// The sentiment of one text with VADER's English lexicon: a dict of `label` ("positive",
/// "neutral", "negative" or "unscored"), `compound`, `positive`, `neutral`, `negative` and
/// `language`.
#[pyfunction]
#[pyo3(signature = (text, *, detect_language = true, threshold = 0.05))]
pub fn sentiment<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    detect_language: bool,
    threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| score_one(py, &default_analyzer(detect_language, threshold)?, text))
}

/// The sentiment of each text (scored in parallel, without the GIL) as a pyarrow Table with
/// the columns of `sentiment`, one row per text in order.
#[pyfunction]
#[pyo3(signature = (texts, *, detect_language = true, threshold = 0.05))]
pub fn sentiments<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    detect_language: bool,
    threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| score_all(py, &default_analyzer(detect_language, threshold)?, texts))
}

#[pymethods]
impl SentimentAnalyzer {
    /// An analyzer with these lexicons (the first scores texts whose language is not
    /// detected; default: VADER's English lexicon).
    #[new]
    #[pyo3(signature = (lexicons = None, *, detect_language = true, threshold = 0.05))]
    fn new(
        lexicons: Option<Vec<PyRef<'_, Lexicon>>>,
        detect_language: bool,
        threshold: f64,
    ) -> PyResult<Self> {
        guard(|| {
            let lexicons = match lexicons {
                Some(l) => l.iter().map(|l| l.inner.clone()).collect(),
                None => vec![touchpoint::Lexicon::english()],
            };
            let inner = touchpoint::SentimentAnalyzer::with_lexicons(
                lexicons,
                options(detect_language, threshold),
            )
            .into_py_result()?;
            Ok(SentimentAnalyzer {
                inner: Arc::new(inner),
            })
        })
    }

    /// The sentiment of one text, as `touchpoint.sentiment` gives it.
    fn score<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| score_one(py, &self.inner, text))
    }

    /// The sentiment of each text, as `touchpoint.sentiments` gives it.
    fn score_all<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| score_all(py, &self.inner, texts))
    }

    /// The languages of the lexicons, the default first.
    #[getter]
    fn languages(&self) -> Vec<&'static str> {
        self.inner
            .lexicons()
            .iter()
            .map(|l| l.language().code())
            .collect()
    }

    fn __repr__(&self) -> String {
        let o = self.inner.options();
        format!(
            "SentimentAnalyzer(languages={:?}, detect_language={}, threshold={})",
            self.languages(),
            if o.detect_language { "True" } else { "False" },
            o.threshold
        )
    }
}
