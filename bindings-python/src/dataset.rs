//! `Dataset`: a core dataset plus the records a lenient read rejected.

use crate::analysis::analysis;
use crate::error::{argument_error, guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMapping, PyString};
use touchpoint::ingest::{self, Ingested, Mode};
use touchpoint::ErrorInfo;

/// Customers and their touchpoints, read from event dicts, Segment JSON or CSV.
/// Build one with `Dataset.from_events`, `Dataset.read_segment` or `Dataset.read_csv`.
#[pyclass(module = "touchpoint", name = "Dataset", frozen)]
pub struct Dataset {
    data: touchpoint::Dataset,
    rejected: Vec<ErrorInfo>,
}

impl Dataset {
    pub(crate) fn new(read: Ingested) -> Self {
        Dataset { rejected: read.rejected.iter().map(ErrorInfo::from).collect(), data: read.dataset }
    }
}

/// Reads `mode`: `None` is strict; otherwise `"strict"` or `"lenient"` (core parsing).
pub(crate) fn mode(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Mode> {
    match obj {
        None => Ok(Mode::Strict),
        Some(m) if m.is_none() => Ok(Mode::Strict),
        Some(m) => match m.cast::<PyString>() {
            Ok(s) => Mode::parse(&s.to_cow()?).into_py_result(),
            Err(_) => Err(argument_error("mode", None, "expected \"strict\" or \"lenient\"")),
        },
    }
}

/// Reads `text`, which must be a `str` (not a path, not bytes).
fn text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let hint = if obj.hasattr("__fspath__")? {
        "got a path; pass the file's contents, e.g. Path(p).read_text()"
    } else if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        "got bytes; decode them first, e.g. data.decode(\"utf-8\")"
    } else {
        "expected str"
    };
    Err(argument_error("text", None, hint))
}

/// Reads each element of `events` straight into an event record (no detour through JSON, so
/// a NaN or infinite `value` reaches the core's check and is refused, naming the record).
/// An element that can't be read (a `datetime`, a custom object, …) is a record error of its
/// own: fatal in strict mode, listed in `rejected` in lenient mode.
fn event_records(events: &Bound<'_, PyAny>) -> PyResult<Vec<ingest::EventRecord>> {
    let refused = events.is_instance_of::<PyString>() || events.cast::<PyMapping>().is_ok();
    let iter = match events.try_iter() {
        Ok(iter) if !refused => iter,
        _ => return Err(argument_error("events", None, "expected a list of event dicts")),
    };
    let mut records = Vec::with_capacity(events.len().unwrap_or(0));
    for item in iter {
        let item = item?;
        let mut de = pythonize::Depythonizer::from_object(&item);
        records.push(<ingest::EventRecord as serde::Deserialize>::deserialize(&mut de).map_err(|e| {
            argument_error("events", None, format!("cannot read an event: {e}"))
        })?);
    }
    Ok(records)
}

#[pymethods]
impl Dataset {
    /// A dataset from event dicts (`customer_id`, `timestamp`, `channel`, `kind`, and
    /// optionally `value`, `survey: {metric, score}`, `properties`).
    #[staticmethod]
    #[pyo3(signature = (events, mode = None), text_signature = "(events, mode='strict')")]
    fn from_events(py: Python<'_>, events: &Bound<'_, PyAny>, mode: Option<&Bound<'_, PyAny>>) -> PyResult<Dataset> {
        guard(|| {
            let mode = self::mode(mode)?;
            let records = event_records(events)?;
            py.detach(|| ingest::read_events(records, mode)).into_py_result().map(Dataset::new)
        })
    }

    /// A dataset from Segment-style JSON (an array, a `{"batch": [...]}` or NDJSON text).
    #[staticmethod]
    #[pyo3(signature = (text, mode = None), text_signature = "(text, mode='strict')")]
    fn read_segment(py: Python<'_>, text: &Bound<'_, PyAny>, mode: Option<&Bound<'_, PyAny>>) -> PyResult<Dataset> {
        guard(|| {
            let (mode, text) = (self::mode(mode)?, self::text(text)?);
            py.detach(|| ingest::read_segment(&text, mode)).into_py_result().map(Dataset::new)
        })
    }

    /// A dataset from CSV text with a header line.
    #[staticmethod]
    #[pyo3(signature = (text, mode = None), text_signature = "(text, mode='strict')")]
    fn read_csv(py: Python<'_>, text: &Bound<'_, PyAny>, mode: Option<&Bound<'_, PyAny>>) -> PyResult<Dataset> {
        guard(|| {
            let (mode, text) = (self::mode(mode)?, self::text(text)?);
            py.detach(|| ingest::read_csv(&text, mode)).into_py_result().map(Dataset::new)
        })
    }

    /// Number of customers (including those known from an `identify` only).
    #[getter]
    fn customer_count(&self) -> PyResult<usize> {
        guard(|| Ok(self.data.customer_count()))
    }

    /// Number of events.
    #[getter]
    fn event_count(&self) -> PyResult<usize> {
        guard(|| Ok(self.data.event_count()))
    }

    /// The records a lenient read skipped, in input order: dicts `{code, message, record,
    /// field}`. Always empty after a strict read. A new list on every access.
    #[getter]
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.rejected))
    }

    /// Counts and time span: `{customers, events, first_event, last_event}`.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.data.summary()))
    }

    /// The CX report (see `touchpoint.CxReport`); `stage_map` overrides the default
    /// kind → stage mapping, e.g. `{"survey_response": "discover", "purchase": None}`.
    #[pyo3(signature = (stage_map = None))]
    fn cx_report<'py>(&self, py: Python<'py>, stage_map: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| crate::report::cx_report(py, &self.data, stage_map))
    }

    /// The journey map: transitions between steps with probabilities and median times,
    /// the most common paths, and channel switching. `options`: see `JourneyOptions`.
    #[pyo3(signature = (options = None))]
    fn journey_map<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::journey::journey_map))
    }

    /// Pain points: friction signals per channel and journey stage, ranked by severity ×
    /// weight. `options`: see `PainPointOptions`.
    #[pyo3(signature = (options = None))]
    fn pain_points<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::painpoints::pain_points))
    }

    /// Every analysis at once, from a single pass over each customer's events: the CX
    /// report, sessions, lifecycle, a funnel (when `options["funnel"]` is given), retention,
    /// RFM segments, the journey map, pain points and the CX pyramid. `options`: one block
    /// per analysis, plus a top-level `stage_map`; see `OverviewOptions`.
    #[pyo3(signature = (options = None))]
    fn overview<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::overview::overview))
    }

    /// The CX pyramid: six levels, each an indicator judged against a threshold, the
    /// highest level reached and the weakest. `options`: see `PyramidOptions`.
    #[pyo3(signature = (options = None))]
    fn cx_pyramid<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::pyramid::cx_pyramid))
    }

    /// Sessions: each customer's events split at gaps of inactivity, with sessions per
    /// customer, events per session, duration and time per customer. `options`: see
    /// `SessionOptions`.
    #[pyo3(signature = (options = None))]
    fn sessions<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::sessions))
    }

    /// Engagement metrics: active users, stickiness, frequency, conversion and social
    /// activity, overall, per time bucket and per group. `options`: see `EngagementOptions`.
    #[pyo3(signature = (options = None))]
    fn engagement<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::engagement))
    }

    /// Lifecycle: customers per lifecycle state and engagement phase per period, and
    /// journey-stage transitions. `options`: see `LifecycleOptions`.
    #[pyo3(signature = (options = None))]
    fn lifecycle<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::lifecycle))
    }

    /// The engagement score: a 0–100 score per customer, health bands, trend and the
    /// distribution. `options`: see `ScoreOptions`.
    #[pyo3(signature = (options = None))]
    fn engagement_score<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::engagement_score))
    }

    /// The funnel: customers reaching each step, conversion and drop-off, time between
    /// steps, optionally broken down. `options`: see `FunnelOptions`.
    #[pyo3(signature = (options = None))]
    fn funnel<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::funnel))
    }

    /// Cohort retention: the share of each cohort active in each later period.
    /// `options`: see `RetentionOptions`.
    #[pyo3(signature = (options = None))]
    fn retention<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::retention))
    }

    /// RFM segmentation: recency, frequency and monetary scores per customer and named
    /// segments. `options`: see `RfmOptions`.
    #[pyo3(signature = (options = None))]
    fn rfm<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::rfm))
    }

    /// Engagement tiers: customers ranked by activity and cut into tiers. `options`: see
    /// `TierOptions`.
    #[pyo3(signature = (options = None))]
    fn engagement_tiers<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::engagement_tiers))
    }

    /// Rule segments: customers matched against named rules of the segment predicate
    /// language. `options`: see `RuleSegmentOptions`.
    #[pyo3(signature = (options = None))]
    fn rule_segments<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| analysis(py, &self.data, options, touchpoint::rule_segments))
    }

    fn __repr__(&self) -> PyResult<String> {
        guard(|| {
            Ok(format!(
                "Dataset(customers={}, events={}, rejected={})",
                self.data.customer_count(),
                self.data.event_count(),
                self.rejected.len()
            ))
        })
    }
}
