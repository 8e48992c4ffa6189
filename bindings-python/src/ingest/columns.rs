//! `Dataset.from_arrow`: a dataset from anything exporting the Arrow PyCapsule stream
//! interface (`__arrow_c_stream__`: pyarrow tables and record batches, polars and pandas ≥ 2.2
//! data frames, DuckDB results, …). The stream is imported without copying (pyo3-arrow);
//! the columns are read in place by `touchpoint::ingest::ColumnsReader` with the GIL
//! released: strings are never copied, except a customer id the first time it is seen
//! (integer ids are written once as their decimal text). The Arrow adapters are in `arrow.rs`.

use super::arrow::{
    first_invalid_utf8, id_column, num_column, str_column, time_column, trait_column, Role,
};
use crate::dataset::{read_options, Dataset};
use crate::error::{argument_error, guard, IntoPyResult};
use arrow_array::RecordBatch;
use arrow_schema::{DataType, Schema};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyString};
use pyo3_arrow::PyTable;
use touchpoint::ingest::{
    AnswerColumn, ColumnNames, ColumnsReader, EventColumns, Ingested, NumColumn, StrColumn,
    TimeColumn, TraitColumn, TraitValues,
};
use touchpoint::{SurveyMetric, TouchpointError};

/// The columns `from_arrow` reads besides answers and traits: keyword argument (and default
/// name), whether required, role.
const COLUMNS: [(&str, bool, Role); 9] = [
    ("customer_id", true, Role::Id),
    ("timestamp", true, Role::Time),
    ("channel", true, Role::Str),
    ("kind", true, Role::Str),
    ("value", false, Role::Num),
    ("survey", false, Role::Str),
    ("score", false, Role::Num),
    ("anonymous_id", false, Role::Id),
    ("text", false, Role::Str),
];

/// An answer column to read: its metric, its column name, and whether it was named
/// explicitly (then it must exist).
struct AnswerSpec {
    metric: SurveyMetric,
    column: String,
    explicit: bool,
}

/// A trait column to read: the trait and its column.
struct TraitSpec {
    name: String,
    column: String,
}

#[pymethods]
impl Dataset {
    /// A dataset from an Arrow table or a data frame, read in place (see `__init__.pyi`).
    #[staticmethod]
    #[pyo3(
        signature = (data, *, customer_id = None, timestamp = None, channel = None, kind = None, value = None, survey = None, score = None, anonymous_id = None, text = None, answers = None, traits = None, mode = None, pseudonym_key = None),
        text_signature = "(data, *, customer_id='customer_id', timestamp='timestamp', channel='channel', kind='kind', value='value', survey='survey', score='score', anonymous_id='anonymous_id', text='text', answers=None, traits=None, mode='strict', pseudonym_key=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn from_arrow(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        customer_id: Option<&Bound<'_, PyAny>>,
        timestamp: Option<&Bound<'_, PyAny>>,
        channel: Option<&Bound<'_, PyAny>>,
        kind: Option<&Bound<'_, PyAny>>,
        value: Option<&Bound<'_, PyAny>>,
        survey: Option<&Bound<'_, PyAny>>,
        score: Option<&Bound<'_, PyAny>>,
        anonymous_id: Option<&Bound<'_, PyAny>>,
        text: Option<&Bound<'_, PyAny>>,
        answers: Option<&Bound<'_, PyAny>>,
        traits: Option<&Bound<'_, PyAny>>,
        mode: Option<&Bound<'_, PyAny>>,
        pseudonym_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            let mode = read_options(mode, pseudonym_key)?;
            let args = [
                customer_id,
                timestamp,
                channel,
                kind,
                value,
                survey,
                score,
                anonymous_id,
                text,
            ];
            let mut names: [String; 9] = Default::default();
            for ((name, arg), (default, _, _)) in names.iter_mut().zip(args).zip(COLUMNS) {
                *name = column_name(arg, default)?;
            }
            let answers = answer_specs(answers)?;
            let traits = trait_specs(traits)?;
            let (batches, schema) = import(data)?.into_inner();
            let mut index = [None; 9];
            for (i, (default, required, role)) in COLUMNS.into_iter().enumerate() {
                index[i] = find(&schema, default, &names[i], required, role)?;
            }
            let mut answer_index = Vec::new();
            for a in &answers {
                let arg = if a.explicit {
                    "answers"
                } else {
                    a.metric.as_str()
                };
                if let Some(i) = find(&schema, arg, &a.column, a.explicit, Role::Num)? {
                    answer_index.push((a.metric, a.column.as_str(), i));
                }
            }
            let mut trait_index = Vec::new();
            for t in &traits {
                // An all-null column (Arrow `null`) gives no trait.
                if let Some(i) = find(&schema, "traits", &t.column, true, Role::Trait)? {
                    trait_index.push((t, i));
                }
            }
            let plan = Plan {
                index: &index,
                names: &names,
                answers: &answer_index,
                traits: &trait_index,
            };
            let read = py.detach(|| read(&batches, &plan, mode)).into_py_result()?;
            Ok(Dataset::new(read))
        })
    }
}

/// A column-name argument: omitted or `None` means the default name.
pub(crate) fn column_name(arg: Option<&Bound<'_, PyAny>>, default: &str) -> PyResult<String> {
    match arg.filter(|a| !a.is_none()) {
        None => Ok(default.to_string()),
        Some(a) => text(a, default, "expected a column name (str)"),
    }
}

fn text(a: &Bound<'_, PyAny>, field: &str, why: &str) -> PyResult<String> {
    match a.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(argument_error(field, None, why)),
    }
}

/// `answers=`: `None` reads every column named after a metric (`nps`, `csat`, `ces`,
/// `will_buy_again`, `delivers_promise`, `fair_solution`) that the data has; a dict
/// `{metric: column}` reads exactly those columns.
fn answer_specs(arg: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<AnswerSpec>> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(SurveyMetric::ALL
            .iter()
            .map(|&metric| AnswerSpec {
                metric,
                column: metric.as_str().to_string(),
                explicit: false,
            })
            .collect());
    };
    let dict = arg.cast::<PyDict>().map_err(|_| {
        argument_error(
            "answers",
            None,
            "expected a dict {metric: column name}, like {\"nps\": \"q_recommend\"}",
        )
    })?;
    let mut out: Vec<AnswerSpec> = Vec::new();
    for (key, column) in dict.iter() {
        let key = text(&key, "answers", "expected metric names (str) as keys")?;
        let metric = SurveyMetric::parse(&key).ok_or_else(|| {
            argument_error(
                "answers",
                None,
                format!("`{key}` is not a survey metric ({})", SurveyMetric::names()),
            )
        })?;
        if out.iter().any(|a| a.metric == metric) {
            return Err(argument_error(
                "answers",
                None,
                format!("{} is named twice", metric.as_str()),
            ));
        }
        let column = text(&column, "answers", "expected column names (str) as values")?;
        out.push(AnswerSpec {
            metric,
            column,
            explicit: true,
        });
    }
    Ok(out)
}

/// `traits=`: a list of column names (each read as the trait of that name) or a dict
/// `{trait: column}`; `None` reads no traits.
fn trait_specs(arg: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<TraitSpec>> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(Vec::new());
    };
    const WHY: &str = "expected a list of column names or a dict {trait: column name}";
    if let Ok(dict) = arg.cast::<PyDict>() {
        return dict
            .iter()
            .map(|(k, v)| {
                Ok(TraitSpec {
                    name: text(&k, "traits", WHY)?,
                    column: text(&v, "traits", WHY)?,
                })
            })
            .collect();
    }
    if arg.is_instance_of::<PyString>() {
        return Err(argument_error("traits", None, WHY));
    }
    let iter = arg
        .try_iter()
        .map_err(|_| argument_error("traits", None, WHY))?;
    iter.map(|item| {
        let column = text(&item?, "traits", WHY)?;
        Ok(TraitSpec {
            name: column.clone(),
            column,
        })
    })
    .collect()
}

/// Imports `data` through `__arrow_c_stream__` (zero-copy: the batches share its buffers).
pub(crate) fn import(data: &Bound<'_, PyAny>) -> PyResult<PyTable> {
    if !data.hasattr("__arrow_c_stream__")? {
        let ty = data.get_type();
        let module = ty.module().map(|m| m.to_string()).unwrap_or_default();
        let name = ty.qualname().map(|q| q.to_string()).unwrap_or_default();
        let hint = if module.starts_with("pandas") {
            "this pandas is older than 2.2 (no Arrow PyCapsule support): pass pyarrow.Table.from_pandas(df)"
        } else {
            "expected an Arrow table or a data frame exporting __arrow_c_stream__ (pyarrow Table or RecordBatch, polars or pandas >= 2.2 DataFrame, ...)"
        };
        return Err(argument_error(
            "data",
            None,
            format!("{hint}; got {module}.{name}"),
        ));
    }
    let capsule = data.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>().map_err(|_| {
        argument_error(
            "data",
            None,
            "__arrow_c_stream__() did not return a PyCapsule",
        )
    })?;
    PyTable::from_arrow_pycapsule(capsule)
        .map_err(|e| argument_error("data", None, format!("cannot import the Arrow stream: {e}")))
}

/// The index of the column for `arg` (named `name`), checking its type. An optional column
/// under its default name may be absent (or all null, Arrow type `null`): then `None`.
pub(crate) fn find(
    schema: &Schema,
    arg: &str,
    name: &str,
    required: bool,
    role: Role,
) -> PyResult<Option<usize>> {
    let Some((i, field)) = schema.column_with_name(name) else {
        if !required && name == arg {
            return Ok(None);
        }
        let have: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let message = format!(
            "no column `{name}` in the data (its columns: {})",
            have.join(", ")
        );
        return Err(TouchpointError::InvalidConfig {
            option: arg.to_string(),
            message,
        })
        .into_py_result();
    };
    let dt = field.data_type();
    if *dt == DataType::Null && (!required || role == Role::Trait) {
        return Ok(None);
    }
    if role.accepts(dt) {
        return Ok(Some(i));
    }
    Err(argument_error(
        name,
        None,
        format!(
            "column `{name}` has type {dt}; expected {}",
            role.expected()
        ),
    ))
}

/// Where to read each column of every batch.
struct Plan<'p> {
    index: &'p [Option<usize>; 9],
    names: &'p [String; 9],
    /// `(metric, column name, index)` of the answer columns present.
    answers: &'p [(SurveyMetric, &'p str, usize)],
    /// The trait columns and their indexes.
    traits: &'p [(&'p TraitSpec, usize)],
}

/// Reads every batch (runs with the GIL released).
fn read(
    batches: &[RecordBatch],
    plan: &Plan<'_>,
    mode: touchpoint::ReadOptions,
) -> touchpoint::Result<Ingested> {
    let names = plan.names;
    let bad = |option: &str, column: &str| TouchpointError::InvalidConfig {
        option: option.to_string(),
        message: format!("column `{column}` changed type between record batches"),
    };
    let fixed = |i: usize| bad(COLUMNS[i].0, &names[i]);
    check_utf8(batches, plan)?;
    // Every batch's adapters live until the end: the reader's lookup tables borrow strings.
    let mut all = Vec::with_capacity(batches.len());
    for batch in batches {
        let col = |i: usize| plan.index[i].map(|c| batch.column(c).as_ref());
        let strs = |i: usize| {
            col(i)
                .map(|a| str_column(a).ok_or_else(|| fixed(i)))
                .transpose()
        };
        let ids = |i: usize| {
            col(i)
                .map(|a| id_column(a).ok_or_else(|| fixed(i)))
                .transpose()
        };
        let nums = |i: usize| {
            col(i)
                .map(|a| num_column(a).ok_or_else(|| fixed(i)))
                .transpose()
        };
        let mut answers = Vec::with_capacity(plan.answers.len());
        for &(metric, name, c) in plan.answers {
            let scores =
                num_column(batch.column(c).as_ref()).ok_or_else(|| bad("answers", name))?;
            answers.push(AnswerColumn {
                metric,
                scores,
                name,
            });
        }
        let mut traits = Vec::with_capacity(plan.traits.len());
        for &(t, c) in plan.traits {
            let column = batch.column(c).as_ref();
            let values = if *column.data_type() == DataType::Null {
                None
            } else {
                Some(trait_column(column).ok_or_else(|| bad("traits", &t.column))?)
            };
            traits.push(values);
        }
        all.push(Batch {
            customer_id: ids(0)?.ok_or_else(|| fixed(0))?,
            timestamp: col(1).and_then(time_column).ok_or_else(|| fixed(1))?,
            channel: strs(2)?.ok_or_else(|| fixed(2))?,
            kind: strs(3)?.ok_or_else(|| fixed(3))?,
            value: nums(4)?,
            survey: strs(5)?,
            score: nums(6)?,
            anonymous_id: ids(7)?,
            text: strs(8)?,
            answers,
            traits,
        });
    }
    let column_names = ColumnNames {
        customer_id: &names[0],
        timestamp: &names[1],
        channel: &names[2],
        kind: &names[3],
        value: &names[4],
        survey: &names[5],
        score: &names[6],
        anonymous_id: &names[7],
        text: &names[8],
    };
    let trait_columns: Vec<Vec<TraitColumn<'_>>> = all
        .iter()
        .map(|b| {
            plan.traits
                .iter()
                .zip(&b.traits)
                .filter_map(|((t, _), values)| {
                    Some(TraitColumn {
                        name: &t.name,
                        column: &t.column,
                        values: values.as_deref()?,
                    })
                })
                .collect()
        })
        .collect();
    let mut reader = ColumnsReader::new(mode);
    for (b, traits) in all.iter().zip(&trait_columns) {
        reader.push(&EventColumns {
            customer_id: &*b.customer_id,
            timestamp: b.timestamp,
            channel: &*b.channel,
            kind: &*b.kind,
            value: b.value,
            survey: b.survey.as_deref(),
            score: b.score,
            anonymous_id: b.anonymous_id.as_deref(),
            text: b.text.as_deref(),
            answers: &b.answers,
            traits,
            names: column_names,
        })?;
    }
    reader.finish()
}

/// Refuses a string column with text that is not UTF-8: `INVALID_RECORD` naming the row
/// (`record N`, counted over every batch) and the column, in either mode (the column itself
/// is not valid Arrow).
fn check_utf8(batches: &[RecordBatch], plan: &Plan<'_>) -> touchpoint::Result<()> {
    let columns = plan
        .index
        .iter()
        .zip(plan.names.iter())
        .filter_map(|(i, n)| Some((i.as_ref()?, n.as_str())));
    let traits = plan.traits.iter().map(|(t, i)| (i, t.column.as_str()));
    let columns: Vec<(&usize, &str)> = columns.chain(traits).collect();
    let mut base = 0u64;
    for batch in batches {
        for &(&c, name) in &columns {
            if let Some(row) = first_invalid_utf8(batch.column(c).as_ref()) {
                return Err(TouchpointError::InvalidRecord {
                    record: touchpoint::RecordRef::Record(base + row as u64 + 1),
                    field: name.to_string(),
                    message: "is not valid UTF-8 text".to_string(),
                });
            }
        }
        base += batch.num_rows() as u64;
    }
    Ok(())
}

/// One record batch's columns, as the core reads them.
struct Batch<'a> {
    customer_id: Box<dyn StrColumn + 'a>,
    timestamp: TimeColumn<'a>,
    channel: Box<dyn StrColumn + 'a>,
    kind: Box<dyn StrColumn + 'a>,
    value: Option<NumColumn<'a>>,
    survey: Option<Box<dyn StrColumn + 'a>>,
    score: Option<NumColumn<'a>>,
    anonymous_id: Option<Box<dyn StrColumn + 'a>>,
    text: Option<Box<dyn StrColumn + 'a>>,
    answers: Vec<AnswerColumn<'a>>,
    /// Per trait of the plan: its values (`None`: the column is all null, Arrow `null`).
    traits: Vec<Option<Box<dyn TraitValues + 'a>>>,
}
