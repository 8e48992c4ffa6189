//! `Dataset.from_arrow`: a dataset from anything exporting the Arrow PyCapsule stream
//! interface (`__arrow_c_stream__`: pyarrow tables and record batches, polars and pandas ≥ 2.2
//! data frames, DuckDB results, …). The stream is imported without copying (pyo3-arrow);
//! the columns are read in place by `touchpoint::ingest::ColumnsReader` with the GIL
//! released: strings are never copied, except a customer id the first time it is seen.

use crate::dataset::{mode, Dataset};
use crate::error::{argument_error, guard, IntoPyResult};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowDictionaryKeyType, Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type,
    Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, GenericStringArray, PrimitiveArray, RecordBatch, StringViewArray};
use arrow_buffer::ArrowNativeType;
use arrow_schema::{DataType, Schema, TimeUnit as ArrowUnit};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyString};
use pyo3_arrow::PyTable;
use touchpoint::ingest::{
    ColumnNames, ColumnsReader, EventColumns, Ingested, NumColumn, NumValues, StrColumn,
    TimeColumn, TimeUnit, TimeValues, Validity,
};
use touchpoint::TouchpointError;

/// The columns `from_arrow` reads: keyword argument, default name, whether required, role.
const COLUMNS: [(&str, bool, Role); 7] = [
    ("customer_id", true, Role::Str),
    ("timestamp", true, Role::Time),
    ("channel", true, Role::Str),
    ("kind", true, Role::Str),
    ("value", false, Role::Num),
    ("survey", false, Role::Str),
    ("score", false, Role::Num),
];

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Str,
    Time,
    Num,
}

#[pymethods]
impl Dataset {
    /// A dataset from an Arrow table or a data frame, read in place (see `__init__.pyi`).
    #[staticmethod]
    #[pyo3(
        signature = (data, *, customer_id = None, timestamp = None, channel = None, kind = None, value = None, survey = None, score = None, mode = None),
        text_signature = "(data, *, customer_id='customer_id', timestamp='timestamp', channel='channel', kind='kind', value='value', survey='survey', score='score', mode='strict')"
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
        mode: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            let mode = self::mode(mode)?;
            let args = [customer_id, timestamp, channel, kind, value, survey, score];
            let mut names: [String; 7] = Default::default();
            for ((name, arg), (default, _, _)) in names.iter_mut().zip(args).zip(COLUMNS) {
                *name = column_name(arg, default)?;
            }
            let (batches, schema) = import(data)?.into_inner();
            let mut index = [None; 7];
            for (i, (default, required, role)) in COLUMNS.into_iter().enumerate() {
                index[i] = find(&schema, default, &names[i], required, role)?;
            }
            let read = py
                .detach(|| read(&batches, &index, &names, mode))
                .into_py_result()?;
            Ok(Dataset::new(read))
        })
    }
}

/// A column-name argument: omitted or `None` means the default name.
fn column_name(arg: Option<&Bound<'_, PyAny>>, default: &str) -> PyResult<String> {
    match arg.filter(|a| !a.is_none()) {
        None => Ok(default.to_string()),
        Some(a) => match a.cast::<PyString>() {
            Ok(s) => Ok(s.to_cow()?.into_owned()),
            Err(_) => Err(argument_error(
                default,
                None,
                "expected a column name (str)",
            )),
        },
    }
}

/// Imports `data` through `__arrow_c_stream__` (zero-copy: the batches share its buffers).
fn import(data: &Bound<'_, PyAny>) -> PyResult<PyTable> {
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
fn find(
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
    if !required && *dt == DataType::Null {
        return Ok(None);
    }
    let ok = match role {
        Role::Str => {
            is_string(dt)
                || matches!(dt, DataType::Dictionary(k, v) if k.is_dictionary_key_type() && is_string(v))
        }
        Role::Time => matches!(
            dt,
            DataType::Timestamp(..) | DataType::Int64 | DataType::Date32 | DataType::Date64
        ),
        Role::Num => matches!(
            dt,
            DataType::Float64 | DataType::Float32 | DataType::Int64 | DataType::Int32
        ),
    };
    if ok {
        return Ok(Some(i));
    }
    let expected = match role {
        Role::Str => "strings (utf8, large_utf8, utf8_view) or a dictionary / categorical of strings",
        Role::Time => "a timestamp (any unit; with a time zone or naive = UTC), a date, or int64 milliseconds since the epoch; convert text first (pandas.to_datetime, polars .str.to_datetime())",
        Role::Num => "numbers (float64, float32, int64 or int32)",
    };
    Err(argument_error(
        name,
        None,
        format!("column `{name}` has type {dt}; expected {expected}"),
    ))
}

fn is_string(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// Reads every batch (runs with the GIL released).
fn read(
    batches: &[RecordBatch],
    index: &[Option<usize>; 7],
    names: &[String; 7],
    mode: touchpoint::ingest::Mode,
) -> touchpoint::Result<Ingested> {
    let bad = |i: usize| TouchpointError::InvalidConfig {
        option: COLUMNS[i].0.to_string(),
        message: format!("column `{}` changed type between record batches", names[i]),
    };
    // Every batch's adapters live until the end: the reader's lookup tables borrow strings.
    let mut all = Vec::with_capacity(batches.len());
    for batch in batches {
        let col = |i: usize| index[i].map(|c| batch.column(c).as_ref());
        let strs = |i: usize| {
            col(i)
                .map(|a| str_column(a).ok_or_else(|| bad(i)))
                .transpose()
        };
        let nums = |i: usize| {
            col(i)
                .map(|a| num_column(a).ok_or_else(|| bad(i)))
                .transpose()
        };
        all.push(Batch {
            customer_id: strs(0)?.ok_or_else(|| bad(0))?,
            timestamp: col(1).and_then(time_column).ok_or_else(|| bad(1))?,
            channel: strs(2)?.ok_or_else(|| bad(2))?,
            kind: strs(3)?.ok_or_else(|| bad(3))?,
            value: nums(4)?,
            survey: strs(5)?,
            score: nums(6)?,
        });
    }
    let names = ColumnNames {
        customer_id: &names[0],
        timestamp: &names[1],
        channel: &names[2],
        kind: &names[3],
        value: &names[4],
        survey: &names[5],
        score: &names[6],
    };
    let mut reader = ColumnsReader::new(mode);
    for b in &all {
        reader.push(&EventColumns {
            customer_id: &*b.customer_id,
            timestamp: b.timestamp,
            channel: &*b.channel,
            kind: &*b.kind,
            value: b.value,
            survey: b.survey.as_deref(),
            score: b.score,
            names,
        })?;
    }
    Ok(reader.finish())
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
}

fn validity(a: &dyn Array) -> Option<Validity<'_>> {
    a.nulls()
        .filter(|n| n.null_count() > 0)
        .map(|n| Validity::new(n.validity(), n.offset()))
}

/// A plain string array of any of Arrow's three layouts.
#[derive(Clone, Copy)]
enum Strs<'a> {
    Utf8(&'a GenericStringArray<i32>),
    Large(&'a GenericStringArray<i64>),
    View(&'a StringViewArray),
}

impl<'a> Strs<'a> {
    fn of(a: &'a dyn Array) -> Option<Self> {
        match a.data_type() {
            DataType::Utf8 => a.as_string_opt::<i32>().map(Strs::Utf8),
            DataType::LargeUtf8 => a.as_string_opt::<i64>().map(Strs::Large),
            DataType::Utf8View => a.as_string_view_opt().map(Strs::View),
            _ => None,
        }
    }

    fn len(self) -> usize {
        match self {
            Strs::Utf8(a) => a.len(),
            Strs::Large(a) => a.len(),
            Strs::View(a) => a.len(),
        }
    }

    #[inline]
    fn get(self, i: usize) -> Option<&'a str> {
        match self {
            Strs::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::View(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

impl StrColumn for Strs<'_> {
    fn len(&self) -> usize {
        Strs::len(*self)
    }
    fn get(&self, row: usize) -> Option<&str> {
        Strs::get(*self, row)
    }
}

/// A dictionary-encoded string array (pandas / polars categoricals).
struct Dict<'a, K: ArrowDictionaryKeyType> {
    keys: &'a PrimitiveArray<K>,
    values: Strs<'a>,
}

impl<K: ArrowDictionaryKeyType> StrColumn for Dict<'_, K> {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn get(&self, row: usize) -> Option<&str> {
        self.key(row).and_then(|k| self.entry(k))
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(self.values.len())
    }
    #[inline]
    fn key(&self, row: usize) -> Option<usize> {
        if self.keys.is_null(row) {
            return None;
        }
        // A negative or too large key (invalid Arrow) reads as null.
        self.keys.values()[row]
            .to_usize()
            .filter(|&k| k < self.values.len())
    }
    fn entry(&self, key: usize) -> Option<&str> {
        self.values.get(key)
    }
}

fn str_column(a: &dyn Array) -> Option<Box<dyn StrColumn + '_>> {
    fn dict<'a, K: ArrowDictionaryKeyType>(a: &'a dyn Array) -> Option<Box<dyn StrColumn + 'a>> {
        let d = a.as_dictionary_opt::<K>()?;
        Some(Box::new(Dict {
            keys: d.keys(),
            values: Strs::of(d.values().as_ref())?,
        }))
    }
    match a.data_type() {
        DataType::Dictionary(k, _) => match k.as_ref() {
            DataType::Int8 => dict::<Int8Type>(a),
            DataType::Int16 => dict::<Int16Type>(a),
            DataType::Int32 => dict::<Int32Type>(a),
            DataType::Int64 => dict::<Int64Type>(a),
            DataType::UInt8 => dict::<UInt8Type>(a),
            DataType::UInt16 => dict::<UInt16Type>(a),
            DataType::UInt32 => dict::<UInt32Type>(a),
            DataType::UInt64 => dict::<UInt64Type>(a),
            _ => None,
        },
        _ => Strs::of(a).map(|s| Box::new(s) as Box<dyn StrColumn>),
    }
}

fn time_column(a: &dyn Array) -> Option<TimeColumn<'_>> {
    fn i64s(v: &[i64], unit: TimeUnit) -> (TimeValues<'_>, TimeUnit) {
        (TimeValues::I64(v), unit)
    }
    let (values, unit) = match a.data_type() {
        DataType::Timestamp(ArrowUnit::Second, _) => i64s(
            a.as_primitive_opt::<TimestampSecondType>()?.values(),
            TimeUnit::Second,
        ),
        DataType::Timestamp(ArrowUnit::Millisecond, _) => i64s(
            a.as_primitive_opt::<TimestampMillisecondType>()?.values(),
            TimeUnit::Millisecond,
        ),
        DataType::Timestamp(ArrowUnit::Microsecond, _) => i64s(
            a.as_primitive_opt::<TimestampMicrosecondType>()?.values(),
            TimeUnit::Microsecond,
        ),
        DataType::Timestamp(ArrowUnit::Nanosecond, _) => i64s(
            a.as_primitive_opt::<TimestampNanosecondType>()?.values(),
            TimeUnit::Nanosecond,
        ),
        DataType::Int64 => i64s(
            a.as_primitive_opt::<Int64Type>()?.values(),
            TimeUnit::Millisecond,
        ),
        DataType::Date64 => i64s(
            a.as_primitive_opt::<Date64Type>()?.values(),
            TimeUnit::Millisecond,
        ),
        DataType::Date32 => (
            TimeValues::I32(a.as_primitive_opt::<Date32Type>()?.values()),
            TimeUnit::Day,
        ),
        _ => return None,
    };
    Some(TimeColumn {
        values,
        unit,
        validity: validity(a),
    })
}

fn num_column(a: &dyn Array) -> Option<NumColumn<'_>> {
    let values = match a.data_type() {
        DataType::Float64 => NumValues::F64(a.as_primitive_opt::<Float64Type>()?.values()),
        DataType::Float32 => NumValues::F32(a.as_primitive_opt::<Float32Type>()?.values()),
        DataType::Int64 => NumValues::I64(a.as_primitive_opt::<Int64Type>()?.values()),
        DataType::Int32 => NumValues::I32(a.as_primitive_opt::<Int32Type>()?.values()),
        _ => return None,
    };
    Some(NumColumn {
        values,
        validity: validity(a),
    })
}
