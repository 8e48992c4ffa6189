//! The column types a caller lends the reader: strings read in place, times, numbers, validity.

use crate::DAY_MS;
use serde_json::Value;

/// A column of optional strings, read in place.
///
/// Implement [`get`](StrColumn::get) for plain columns (Arrow `Utf8`, `LargeUtf8`,
/// `Utf8View`, a `&[&str]`). A dictionary-encoded column (Arrow `Dictionary`, a pandas or
/// polars categorical) should also implement the three dictionary methods: the reader then
/// looks each dictionary entry up once instead of once per row.
///
/// `Sync`: the columnar reader reads a column from every thread of the current rayon pool.
pub trait StrColumn: Sync {
    /// Number of rows.
    fn len(&self) -> usize;

    /// True when there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The string of `row`; `None` when it is null.
    fn get(&self, row: usize) -> Option<&str>;

    /// For a dictionary-encoded column, the number of dictionary entries; `None` otherwise.
    fn dictionary_len(&self) -> Option<usize> {
        None
    }

    /// For a dictionary-encoded column, the dictionary key of `row` (below
    /// [`dictionary_len`](StrColumn::dictionary_len)); `None` when the row is null.
    fn key(&self, row: usize) -> Option<usize> {
        let _ = row;
        None
    }

    /// For a dictionary-encoded column, the string of dictionary entry `key`; `None` when
    /// the entry itself is null.
    fn entry(&self, key: usize) -> Option<&str> {
        let _ = key;
        None
    }
}

/// `StrColumn` for owned and borrowed lists of strings and of optional strings:
/// `Vec<T>`, `[T; N]` and `&[T]` for `T` = `&str`, `String`, `Option<&str>`, `Option<String>`.
macro_rules! str_column_for_lists {
    ($($t:ty => |$v:ident| $get:expr;)+) => {$(
        impl StrColumn for Vec<$t> {
            fn len(&self) -> usize {
                <[$t]>::len(self)
            }
            fn get(&self, row: usize) -> Option<&str> {
                let $v = &self[row];
                $get
            }
        }
        impl<const N: usize> StrColumn for [$t; N] {
            fn len(&self) -> usize {
                N
            }
            fn get(&self, row: usize) -> Option<&str> {
                let $v = &self[row];
                $get
            }
        }
        impl StrColumn for &[$t] {
            fn len(&self) -> usize {
                <[$t]>::len(self)
            }
            fn get(&self, row: usize) -> Option<&str> {
                let $v = &self[row];
                $get
            }
        }
    )+};
}

str_column_for_lists! {
    &str => |v| Some(*v);
    String => |v| Some(v.as_str());
    Option<&str> => |v| *v;
    Option<String> => |v| v.as_deref();
}

/// A validity bitmap in Arrow's layout: bit `offset + i` (least significant bit first) is
/// 1 when row `i` holds a value and 0 when it is null.
#[derive(Debug, Clone, Copy)]
pub struct Validity<'a> {
    bits: &'a [u8],
    offset: usize,
}

impl<'a> Validity<'a> {
    /// A bitmap whose row 0 is bit `offset` of `bits`.
    pub fn new(bits: &'a [u8], offset: usize) -> Self {
        Validity { bits, offset }
    }

    /// True when row `row` holds a value. Rows past the end of the bitmap are null.
    #[inline]
    pub fn is_valid(&self, row: usize) -> bool {
        let bit = self.offset + row;
        self.bits
            .get(bit >> 3)
            .is_some_and(|b| (b >> (bit & 7)) & 1 == 1)
    }
}

/// The unit of the integers of a [`TimeColumn`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds since the Unix epoch.
    Second,
    /// Milliseconds since the Unix epoch.
    Millisecond,
    /// Microseconds since the Unix epoch.
    Microsecond,
    /// Nanoseconds since the Unix epoch.
    Nanosecond,
    /// Days since the Unix epoch (Arrow `Date32`): midnight UTC.
    Day,
}

impl TimeUnit {
    /// The unit's name in messages: `s`, `ms`, `us`, `ns`, `days`.
    fn name(self) -> &'static str {
        match self {
            TimeUnit::Second => "s",
            TimeUnit::Millisecond => "ms",
            TimeUnit::Microsecond => "us",
            TimeUnit::Nanosecond => "ns",
            TimeUnit::Day => "days",
        }
    }
}

/// Integer values of a [`TimeColumn`].
#[derive(Debug, Clone, Copy)]
pub enum TimeValues<'a> {
    /// 64-bit integers (Arrow `Timestamp`, `Int64`, `Date64`).
    I64(&'a [i64]),
    /// 32-bit integers (Arrow `Date32`, `Int32`).
    I32(&'a [i32]),
}

/// The timestamp column: integers since the Unix epoch in some [`TimeUnit`], read as UTC
/// and truncated to whole milliseconds (towards the past).
#[derive(Debug, Clone, Copy)]
pub struct TimeColumn<'a> {
    /// The integers.
    pub values: TimeValues<'a>,
    /// Their unit.
    pub unit: TimeUnit,
    /// Which rows are null; `None` when none is.
    pub validity: Option<Validity<'a>>,
}

impl<'a> TimeColumn<'a> {
    /// Milliseconds since the epoch, none null.
    pub fn millis(values: &'a [i64]) -> Self {
        TimeColumn {
            values: TimeValues::I64(values),
            unit: TimeUnit::Millisecond,
            validity: None,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self.values {
            TimeValues::I64(v) => v.len(),
            TimeValues::I32(v) => v.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Milliseconds of `row`: `Ok(None)` when null, `Err(the value and its unit)` when it
    /// overflows an `i64` of milliseconds (not yet checked against the accepted range).
    #[inline]
    pub(crate) fn millis_at(&self, row: usize) -> std::result::Result<Option<i64>, String> {
        if self.validity.is_some_and(|v| !v.is_valid(row)) {
            return Ok(None);
        }
        let v = match self.values {
            TimeValues::I64(v) => v[row],
            TimeValues::I32(v) => i64::from(v[row]),
        };
        let ms = match self.unit {
            TimeUnit::Millisecond => Some(v),
            TimeUnit::Second => v.checked_mul(1000),
            TimeUnit::Microsecond => Some(v.div_euclid(1000)),
            TimeUnit::Nanosecond => Some(v.div_euclid(1_000_000)),
            TimeUnit::Day => v.checked_mul(DAY_MS),
        };
        ms.map(Some)
            .ok_or_else(|| format!("{v} {}", self.unit.name()))
    }
}

/// Values of a [`NumColumn`].
#[derive(Debug, Clone, Copy)]
pub enum NumValues<'a> {
    /// 64-bit floats.
    F64(&'a [f64]),
    /// 32-bit floats.
    F32(&'a [f32]),
    /// 64-bit integers.
    I64(&'a [i64]),
    /// 32-bit integers.
    I32(&'a [i32]),
    /// 16-bit integers.
    I16(&'a [i16]),
    /// 8-bit integers.
    I8(&'a [i8]),
    /// Unsigned 64-bit integers.
    U64(&'a [u64]),
    /// Unsigned 32-bit integers.
    U32(&'a [u32]),
    /// Unsigned 16-bit integers.
    U16(&'a [u16]),
    /// Unsigned 8-bit integers.
    U8(&'a [u8]),
}

/// A numeric column (`value`, `score`), read as `f64`. NaN counts as null (it is pandas'
/// missing value); an infinity is a bad value.
#[derive(Debug, Clone, Copy)]
pub struct NumColumn<'a> {
    /// The numbers.
    pub values: NumValues<'a>,
    /// Which rows are null; `None` when none is.
    pub validity: Option<Validity<'a>>,
}

impl<'a> NumColumn<'a> {
    /// Floats without a validity bitmap (NaN still counts as null).
    pub fn f64(values: &'a [f64]) -> Self {
        NumColumn {
            values: NumValues::F64(values),
            validity: None,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self.values {
            NumValues::F64(v) => v.len(),
            NumValues::F32(v) => v.len(),
            NumValues::I64(v) => v.len(),
            NumValues::I32(v) => v.len(),
            NumValues::I16(v) => v.len(),
            NumValues::I8(v) => v.len(),
            NumValues::U64(v) => v.len(),
            NumValues::U32(v) => v.len(),
            NumValues::U16(v) => v.len(),
            NumValues::U8(v) => v.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline(always)]
    pub(crate) fn get(&self, row: usize) -> Option<f64> {
        if self.validity.is_some_and(|v| !v.is_valid(row)) {
            return None;
        }
        let x = match self.values {
            NumValues::F64(v) => v[row],
            NumValues::F32(v) => f64::from(v[row]),
            NumValues::I64(v) => v[row] as f64,
            NumValues::I32(v) => f64::from(v[row]),
            NumValues::I16(v) => f64::from(v[row]),
            NumValues::I8(v) => f64::from(v[row]),
            NumValues::U64(v) => v[row] as f64,
            NumValues::U32(v) => f64::from(v[row]),
            NumValues::U16(v) => f64::from(v[row]),
            NumValues::U8(v) => f64::from(v[row]),
        };
        (!x.is_nan()).then_some(x)
    }

    /// The value of `row` as JSON: integers stay integers; `None` when null or NaN.
    fn json(&self, row: usize) -> Option<Value> {
        if self.validity.is_some_and(|v| !v.is_valid(row)) {
            return None;
        }
        Some(match self.values {
            NumValues::I64(v) => Value::from(v[row]),
            NumValues::I32(v) => Value::from(v[row]),
            NumValues::I16(v) => Value::from(v[row]),
            NumValues::I8(v) => Value::from(v[row]),
            NumValues::U64(v) => Value::from(v[row]),
            NumValues::U32(v) => Value::from(v[row]),
            NumValues::U16(v) => Value::from(v[row]),
            NumValues::U8(v) => Value::from(v[row]),
            NumValues::F64(_) | NumValues::F32(_) => {
                // Infinities have no JSON form: they read as null.
                return self
                    .get(row)
                    .and_then(|x| serde_json::Number::from_f64(x).map(Value::Number));
            }
        })
    }
}

/// A column of customer-trait values (see [`TraitColumn`](super::TraitColumn)), read as
/// JSON values. Implemented for [`NumColumn`], [`StrTraits`] (any [`StrColumn`]) and lists
/// of JSON values (where `null` is a null cell). `Sync`, like [`StrColumn`].
pub trait TraitValues: Sync {
    /// Number of rows.
    fn len(&self) -> usize;

    /// True when there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `row` holds no value (checked for every row: make it cheap).
    fn is_null(&self, row: usize) -> bool;

    /// The value of `row` (read once per customer and trait); `None` when null.
    fn get(&self, row: usize) -> Option<Value>;

    /// The value of `row` when the column holds JSON values (which may nest), to be checked
    /// against [`MAX_DEPTH`](crate::limits::MAX_DEPTH); `None` for flat columns (the default).
    fn nested(&self, row: usize) -> Option<&Value> {
        let _ = row;
        None
    }
}

impl TraitValues for NumColumn<'_> {
    fn len(&self) -> usize {
        NumColumn::len(self)
    }
    fn is_null(&self, row: usize) -> bool {
        NumColumn::get(self, row).is_none()
    }
    fn get(&self, row: usize) -> Option<Value> {
        self.json(row)
    }
}

/// A string column as trait values.
#[derive(Clone, Copy)]
pub struct StrTraits<'a>(pub &'a dyn StrColumn);

impl TraitValues for StrTraits<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn is_null(&self, row: usize) -> bool {
        self.0.get(row).is_none()
    }
    fn get(&self, row: usize) -> Option<Value> {
        self.0.get(row).map(Value::from)
    }
}

impl TraitValues for Vec<Value> {
    fn len(&self) -> usize {
        <[Value]>::len(self)
    }
    fn is_null(&self, row: usize) -> bool {
        self[row].is_null()
    }
    fn get(&self, row: usize) -> Option<Value> {
        Some(&self[row]).filter(|v| !v.is_null()).cloned()
    }
    fn nested(&self, row: usize) -> Option<&Value> {
        Some(&self[row]).filter(|v| v.is_array() || v.is_object())
    }
}

/// Integer ids (an Arrow integer column, a JavaScript `BigInt64Array`) as the decimal text
/// the dataset keeps (`42` → `"42"`), all in one buffer: one allocation for the column,
/// not one per row.
#[derive(Debug, Clone, Default)]
pub struct IntIds {
    text: String,
    /// Row `i` is `text[ends[i - 1]..ends[i]]` (from 0 for row 0).
    ends: Vec<usize>,
    /// Null rows; empty when none is.
    nulls: Vec<bool>,
}

impl IntIds {
    /// The text of each integer (`None` = null).
    pub fn new<I: Into<i128>>(values: impl IntoIterator<Item = Option<I>>) -> Self {
        let mut digits = itoa::Buffer::new();
        let values = values.into_iter();
        let mut ids = IntIds {
            text: String::with_capacity(values.size_hint().0 * 8),
            ends: Vec::with_capacity(values.size_hint().0),
            nulls: Vec::new(),
        };
        for (row, v) in values.enumerate() {
            match v {
                Some(v) => {
                    // Through i64 when it fits: itoa's i128 path is slower.
                    let v: i128 = v.into();
                    ids.text.push_str(match i64::try_from(v) {
                        Ok(small) => digits.format(small),
                        Err(_) => digits.format(v),
                    });
                }
                None => {
                    ids.nulls.resize(row + 1, false);
                    ids.nulls[row] = true;
                }
            }
            ids.ends.push(ids.text.len());
        }
        if !ids.nulls.is_empty() {
            ids.nulls.resize(ids.ends.len(), false);
        }
        ids
    }
}

impl StrColumn for IntIds {
    fn len(&self) -> usize {
        self.ends.len()
    }
    #[inline]
    fn get(&self, row: usize) -> Option<&str> {
        if self.nulls.get(row) == Some(&true) {
            return None;
        }
        let start = row.checked_sub(1).map_or(0, |r| self.ends[r]);
        self.text.get(start..self.ends[row])
    }
}
