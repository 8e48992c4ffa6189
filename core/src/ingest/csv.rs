//! CSV with a header line. Required columns: `customer_id`, `timestamp`, `channel`, `kind`.
//! Optional: `value`, `survey` (nps, csat or ces) and `score`. Any other column becomes a
//! string property of the event. Empty optional cells mean "none". Line numbers in errors
//! count the header as line 1.

use super::input::Input;
use super::{Ingested, Mode, Rejections};
use crate::{
    Channel, DatasetBuilder, Event, EventKind, Properties, RecordRef, Result, SurveyAnswer,
    SurveyMetric, Timestamp, TouchpointError,
};

const REQUIRED: [&str; 4] = ["customer_id", "timestamp", "channel", "kind"];

/// Reads touchpoints from CSV text.
pub fn read_csv(text: &str, mode: Mode) -> Result<Ingested> {
    read_csv_from(text.as_bytes(), mode)
}

/// Reads touchpoints from CSV in `reader` as a stream: one line is held at a time, so a large
/// file needs no more memory than the dataset it makes. The bytes must be UTF-8: a line that
/// is not is a [`TouchpointError::Parse`] naming it (a bad record: skipped in lenient mode).
/// An I/O error of `reader` is a `Parse` error too. The function does no I/O of its own (it
/// buffers `reader` itself: a [`std::fs::File`] can be given as it is). A UTF-8 byte order
/// mark is skipped.
pub fn read_csv_from<R: std::io::Read>(reader: R, mode: Mode) -> Result<Ingested> {
    let mut input = Input::new(reader);
    let read = read_lines(&mut input, mode);
    match input.error() {
        Some(e) => Err(e),
        None => read,
    }
}

/// Reads the header and the lines.
fn read_lines<R: std::io::Read>(reader: R, mode: Mode) -> Result<Ingested> {
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
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let mut required = [0usize; 4];
    for (slot, name) in required.iter_mut().zip(REQUIRED) {
        *slot = col(name)
            .ok_or_else(|| TouchpointError::invalid(RecordRef::Line(1), name, "missing column"))?;
    }
    let [cust, ts, chan, kind] = required;
    let (value, survey, score) = (col("value"), col("survey"), col("score"));
    let known = [
        Some(cust),
        Some(ts),
        Some(chan),
        Some(kind),
        value,
        survey,
        score,
    ];
    let extra: Vec<usize> = (0..header.len())
        .filter(|i| !known.contains(&Some(*i)))
        .collect();

    let mut builder = DatasetBuilder::new();
    let mut rejections = Rejections::new(mode);
    for row in reader.records() {
        let (line, result) = match row {
            Ok(r) => {
                let line = RecordRef::Line(r.position().map_or(0, |p| p.line()));
                let read = |i: Option<usize>| i.and_then(|i| r.get(i)).filter(|s| !s.is_empty());
                let event = (|| -> Result<Event> {
                    let customer_id = read(Some(cust))
                        .ok_or_else(|| TouchpointError::invalid(line, "customer_id", "is empty"))?;
                    let t = read(Some(ts))
                        .ok_or_else(|| TouchpointError::invalid(line, "timestamp", "is empty"))?;
                    let channel = read(Some(chan))
                        .and_then(Channel::parse)
                        .ok_or_else(|| TouchpointError::invalid(line, "channel", "is empty"))?;
                    let kind = read(Some(kind))
                        .and_then(EventKind::parse)
                        .ok_or_else(|| TouchpointError::invalid(line, "kind", "is empty"))?;
                    let value = read(value).map(|v| number(v, line, "value")).transpose()?;
                    let survey = match read(survey) {
                        None => None,
                        Some(m) => {
                            let metric = SurveyMetric::parse(m).ok_or_else(|| {
                                TouchpointError::invalid(
                                    line,
                                    "survey",
                                    format!("`{m}` is not nps, csat or ces"),
                                )
                            })?;
                            let s = read(score).ok_or_else(|| {
                                TouchpointError::invalid(
                                    line,
                                    "score",
                                    "missing for a survey answer",
                                )
                            })?;
                            let score = number(s, line, "score")?;
                            metric.check(score, line, "score")?;
                            Some(SurveyAnswer { metric, score })
                        }
                    };
                    let mut properties = Properties::new();
                    for &i in &extra {
                        if let Some(v) = read(Some(i)) {
                            properties.insert(header[i].to_string(), v.into());
                        }
                    }
                    Ok(Event {
                        customer_id: customer_id.to_string(),
                        timestamp: Timestamp::parse_field(t, line, "timestamp")?,
                        channel,
                        kind,
                        value,
                        survey,
                        properties,
                    })
                })();
                (line, event)
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
    Ok(Ingested {
        dataset: builder.finish(),
        rejected: rejections.into_vec(),
    })
}

fn number(text: &str, record: RecordRef, field: &str) -> Result<f64> {
    text.parse::<f64>()
        .map_err(|_| TouchpointError::invalid(record, field, format!("`{text}` is not a number")))
}
