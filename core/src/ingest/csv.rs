//! CSV with a header line. Required columns: `customer_id`, `timestamp`, `channel`, `kind`
//! (`customer_id` may be left out, or a cell empty, when an `anonymous_id` is given).
//! Optional:
//! - `anonymous_id`: the visitor's anonymous id; a row with both ids ties them (identity);
//! - `value`;
//! - survey answers: `survey` (a metric name) with `score`, and/or one column per metric
//!   named after it: `nps`, `csat`, `ces`, `will_buy_again`, `delivers_promise`,
//!   `fair_solution` (several answers on one row, as survey exports have them);
//! - customer traits: columns named `traits.<name>` (`traits.plan`; `traits.address.city`
//!   nests). A cell written as a plain number (`34`, `-2.5`) is read as a number, `true` /
//!   `false` as booleans, anything else as text; the latest row of a customer wins.
//!
//! Any other column becomes a string property of the event. Empty optional cells mean
//! "none". Line numbers in errors count the header as line 1. A column named twice in the
//! header (ignoring case) is an error at line 1 naming it; a record longer than
//! [`MAX_RECORD_BYTES`](crate::limits::MAX_RECORD_BYTES) is a bad record (empty field).

use super::input::Input;
use super::segment_input::too_long;
use super::{Ingested, ReadOptions};
use crate::limits::MAX_RECORD_BYTES;
use crate::{
    Answers, Channel, Event, EventKind, Properties, RecordRef, Result, SurveyAnswer, SurveyMetric,
    Timestamp, TouchpointError,
};
use serde_json::Value;

/// Reads touchpoints from CSV text.
pub fn read_csv(text: &str, options: impl Into<ReadOptions>) -> Result<Ingested> {
    read_csv_from(text.as_bytes(), options)
}

/// Reads touchpoints from CSV in `reader` as a stream: one line is held at a time, so a large
/// file needs no more memory than the dataset it makes. The bytes must be UTF-8: a line that
/// is not is a [`TouchpointError::Parse`] naming it (a bad record: skipped in lenient mode).
/// An I/O error of `reader` is a `Parse` error too. The function does no I/O of its own (it
/// buffers `reader` itself: a [`std::fs::File`] can be given as it is). A UTF-8 byte order
/// mark is skipped.
pub fn read_csv_from<R: std::io::Read>(
    reader: R,
    options: impl Into<ReadOptions>,
) -> Result<Ingested> {
    let mut input = Input::new(reader);
    let read = read_lines(&mut input, options.into());
    match input.error() {
        Some(e) => Err(e),
        None => read,
    }
}

/// Reads the header and the lines.
fn read_lines<R: std::io::Read>(reader: R, options: ReadOptions) -> Result<Ingested> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .trim(::csv::Trim::All)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let header = reader
        .headers()
        .map_err(|e| TouchpointError::Parse {
            record: RecordRef::Line(1),
            message: e.to_string(),
        })?
        .clone();
    let layout = Layout::new(&header)?;
    let mut builder = options.builder();
    let mut rejections = options.rejections();
    for row in reader.records() {
        let (line, result) = match row {
            Ok(r) => {
                let line = RecordRef::Line(r.position().map_or(0, |p| p.line()));
                let bytes = r.as_slice().len() + r.len().saturating_sub(1);
                if bytes > MAX_RECORD_BYTES {
                    (line, Err(too_long(line, bytes as u64)))
                } else {
                    (line, layout.event(&r, line))
                }
            }
            Err(e) => {
                let line = RecordRef::Line(e.position().map_or(0, |p| p.line()));
                (
                    line,
                    Err(TouchpointError::Parse {
                        record: line,
                        message: e.to_string(),
                    }),
                )
            }
        };
        rejections.handle(result.and_then(|e| builder.push_event(e, line)))?;
    }
    super::finish(builder, rejections)
}

/// Where each field is in the rows, from the header.
struct Layout {
    customer_id: Option<usize>,
    anonymous_id: Option<usize>,
    timestamp: usize,
    channel: usize,
    kind: usize,
    value: Option<usize>,
    survey: Option<usize>,
    score: Option<usize>,
    /// The free-text column (`text`).
    text: Option<usize>,
    /// `(column, metric)` of the answer columns.
    answers: Vec<(usize, SurveyMetric)>,
    /// `(column, trait path)` of the `traits.` columns.
    traits: Vec<(usize, Vec<String>)>,
    /// The other columns, kept as properties.
    extra: Vec<usize>,
    header: Vec<String>,
}

impl Layout {
    fn new(header: &::csv::StringRecord) -> Result<Layout> {
        // Columns are found by name, ignoring case: a name given twice would lose a column.
        for (i, name) in header.iter().enumerate() {
            if let Some(first) = header.iter().position(|h| h.eq_ignore_ascii_case(name)) {
                if first < i {
                    return Err(TouchpointError::invalid(
                        RecordRef::Line(1),
                        name,
                        format!(
                            "is a duplicated column (columns {} and {} of the header)",
                            first + 1,
                            i + 1
                        ),
                    ));
                }
            }
        }
        let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let required = |name: &str| {
            col(name)
                .ok_or_else(|| TouchpointError::invalid(RecordRef::Line(1), name, "missing column"))
        };
        let anonymous_id = col("anonymous_id");
        let customer_id = match anonymous_id {
            Some(_) => col("customer_id"),
            None => Some(required("customer_id")?),
        };
        let mut layout = Layout {
            customer_id,
            anonymous_id,
            timestamp: required("timestamp")?,
            channel: required("channel")?,
            kind: required("kind")?,
            value: col("value"),
            survey: col("survey"),
            score: col("score"),
            text: col("text"),
            answers: Vec::new(),
            traits: Vec::new(),
            extra: Vec::new(),
            header: header.iter().map(str::to_string).collect(),
        };
        let known = [
            layout.customer_id,
            layout.anonymous_id,
            Some(layout.timestamp),
            Some(layout.channel),
            Some(layout.kind),
            layout.value,
            layout.survey,
            layout.score,
            layout.text,
        ];
        for (i, name) in header.iter().enumerate() {
            if known.contains(&Some(i)) {
                continue;
            }
            if let Some(metric) = SurveyMetric::from_column_name(name) {
                layout.answers.push((i, metric));
            } else if let Some(path) = trait_path(name) {
                layout.traits.push((i, path));
            } else {
                layout.extra.push(i);
            }
        }
        Ok(layout)
    }

    /// The event of one row; errors name the line and the column.
    fn event(&self, r: &::csv::StringRecord, line: RecordRef) -> Result<Event> {
        let read = |i: Option<usize>| i.and_then(|i| r.get(i)).filter(|s| !s.is_empty());
        let anonymous_id = read(self.anonymous_id).map(str::to_string);
        let customer_id = match (read(self.customer_id), &anonymous_id) {
            (Some(id), _) => id.to_string(),
            (None, Some(anonymous)) => anonymous.clone(),
            (None, None) => {
                return Err(TouchpointError::invalid(line, "customer_id", "is empty"));
            }
        };
        let t = read(Some(self.timestamp))
            .ok_or_else(|| TouchpointError::invalid(line, "timestamp", "is empty"))?;
        let channel = read(Some(self.channel))
            .and_then(Channel::parse)
            .ok_or_else(|| TouchpointError::invalid(line, "channel", "is empty"))?;
        let kind = read(Some(self.kind))
            .and_then(EventKind::parse)
            .ok_or_else(|| TouchpointError::invalid(line, "kind", "is empty"))?;
        let value = read(self.value)
            .map(|v| number(v, line, "value"))
            .transpose()?;
        let survey = match read(self.survey) {
            None => None,
            Some(m) => {
                let metric = SurveyMetric::parse(m).ok_or_else(|| {
                    TouchpointError::invalid(
                        line,
                        "survey",
                        format!("`{m}` is not a survey metric ({})", SurveyMetric::names()),
                    )
                })?;
                let s = read(self.score).ok_or_else(|| {
                    TouchpointError::invalid(line, "score", "missing for a survey answer")
                })?;
                let score = number(s, line, "score")?;
                metric.check(score, line, "score")?;
                Some(SurveyAnswer { metric, score })
            }
        };
        let mut answers = Answers::new();
        for &(i, metric) in &self.answers {
            if let Some(s) = read(Some(i)) {
                let name = &self.header[i];
                let score = number(s, line, name)?;
                metric.check(score, line, name)?;
                if survey.is_some_and(|a| a.metric == metric) {
                    return Err(TouchpointError::invalid(
                        line,
                        name,
                        "is also the `survey` answer: one answer per metric on a row",
                    ));
                }
                answers.insert(metric, score);
            }
        }
        let mut traits = Properties::new();
        for (i, path) in &self.traits {
            if let Some(v) = read(Some(*i)) {
                insert_path(&mut traits, path, trait_value(v));
            }
        }
        let mut properties = Properties::new();
        for &i in &self.extra {
            if let Some(v) = read(Some(i)) {
                properties.insert(self.header[i].clone(), v.into());
            }
        }
        Ok(Event {
            customer_id,
            anonymous_id,
            timestamp: Timestamp::parse_field(t, line, "timestamp")?,
            channel,
            kind,
            value,
            survey,
            answers,
            traits,
            properties,
            text: read(self.text).map(str::to_string),
        })
    }
}

fn number(text: &str, record: RecordRef, field: &str) -> Result<f64> {
    text.parse::<f64>()
        .map_err(|_| TouchpointError::invalid(record, field, format!("`{text}` is not a number")))
}

/// The trait path of a `traits.<name>` column (`traits.address.city` → `[address, city]`).
fn trait_path(column: &str) -> Option<Vec<String>> {
    let prefix = column.get(..7)?;
    let rest = &column[7..];
    (prefix.eq_ignore_ascii_case("traits.") && !rest.is_empty())
        .then(|| rest.split('.').map(str::to_string).collect())
}

/// A trait cell: a number when written as one (and written back the same: `02134` stays
/// text), a boolean for `true` / `false`, else the text.
fn trait_value(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        if i.to_string() == text {
            return Value::from(i);
        }
    }
    if let Ok(x) = text.parse::<f64>() {
        if x.is_finite() && x.to_string() == text {
            return Value::from(x);
        }
    }
    match text {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => Value::from(text),
    }
}

/// Sets `path` in `traits`, making the objects on the way.
fn insert_path(traits: &mut Properties, path: &[String], value: Value) {
    match path {
        [] => {}
        [last] => {
            traits.insert(last.clone(), value);
        }
        [first, rest @ ..] => {
            let entry = traits
                .entry(first.clone())
                .or_insert_with(|| Value::Object(Properties::new()));
            if !entry.is_object() {
                *entry = Value::Object(Properties::new());
            }
            if let Value::Object(inner) = entry {
                insert_path(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trait_cells_are_numbers_only_when_written_as_numbers() {
        assert_eq!(trait_value("34"), Value::from(34));
        assert_eq!(trait_value("-2.5"), Value::from(-2.5));
        assert_eq!(trait_value("02134"), Value::from("02134"));
        assert_eq!(trait_value("1.50"), Value::from("1.50"));
        assert_eq!(trait_value("true"), Value::Bool(true));
        assert_eq!(trait_value("pro"), Value::from("pro"));
        assert_eq!(
            trait_path("Traits.address.city").unwrap(),
            ["address", "city"]
        );
        assert_eq!(trait_path("traits."), None);
        assert_eq!(trait_path("plan"), None);
    }
}
